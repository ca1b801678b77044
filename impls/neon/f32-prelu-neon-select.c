/* prelu(x) = x > 0 ? x : alpha*x, params {alpha} (one slope
 * shared by all channels, default 0.25).  The product is the only rounding, so every
 * result is correctly rounded; alpha*(-0) = -0 and alpha*NaN = NaN come out
 * of the product.  Derivative: dy for x > 0, dy*alpha for x <= 0 (alpha at
 * the kink, PyTorch), NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  const float32x4_t va = vld1q_dup_f32(p);
  return vbslq_f32(vcgtq_f32(x, vdupq_n_f32(0.0f)), x, vmulq_f32(x, va));
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  const float32x4_t va = vld1q_dup_f32(p);
  const float32x4_t vd = vbslq_f32(vcgtq_f32(x, vdupq_n_f32(0.0f)), dy, vmulq_f32(dy, va));
  return vbslq_f32(vceqq_f32(x, x), vd, x); /* NaN x gives x */
}

NEON_FWD(f32_prelu_neon_select, fwd4)
NEON_BWD(f32_prelu_bwd_neon_select, bwd4)
