/* hardtanh(x) = min(max(x, min_val), max_val), params {min_val, max_val}
 * (PyTorch, defaults -1, 1; min_val <= max_val assumed): selects only, exact.
 * x < lo ? lo : x > hi ? hi : x, so NaN and -0 pass through (as the AVX2
 * kernel's max/min with x second; FMAX would give +0 for max(-0, +0)).
 * Derivative: dy on the open interval (min_val, max_val), +0 outside
 * (PyTorch's hardtanh_backward), NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  const float32x4_t vlo = vld1q_dup_f32(p), vhi = vld1q_dup_f32(p + 1);
  return vbslq_f32(vcltq_f32(x, vlo), vlo, vbslq_f32(vcgtq_f32(x, vhi), vhi, x));
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  const float32x4_t vlo = vld1q_dup_f32(p), vhi = vld1q_dup_f32(p + 1);
  const uint32x4_t vin = vandq_u32(vcgtq_f32(x, vlo), vcltq_f32(x, vhi)); /* lo < x < hi */
  const float32x4_t vd = vreinterpretq_f32_u32(vandq_u32(vin, vreinterpretq_u32_f32(dy)));
  return vbslq_f32(vceqq_f32(x, x), vd, x);
}

NEON_FWD(f32_hardtanh_neon_select, fwd4)
NEON_BWD(f32_hardtanh_bwd_neon_select, bwd4)
