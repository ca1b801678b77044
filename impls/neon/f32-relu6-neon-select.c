/* relu6(x) = min(max(x, 0), 6): selects only, exact.  x < 0 is cleared
 * (BIC: false for -0 and NaN, so relu6(-0) = -0 and NaN passes), then FMIN
 * with 6, which propagates NaN (FMINNM would not).
 * Derivative: dy on the open interval (0, 6), +0 outside (PyTorch's
 * hardtanh_backward), NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  (void)p;
  const uint32x4_t vneg = vcltq_f32(x, vdupq_n_f32(0.0f));
  const float32x4_t vt = vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(x), vneg));
  return vminq_f32(vt, vdupq_n_f32(0x1.8p+2f)); /* 6 */
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  (void)p;
  const uint32x4_t vin = vandq_u32(vcgtq_f32(x, vdupq_n_f32(0.0f)),
                                   vcltq_f32(x, vdupq_n_f32(0x1.8p+2f))); /* 0 < x < 6 */
  const float32x4_t vd = vreinterpretq_f32_u32(vandq_u32(vin, vreinterpretq_u32_f32(dy)));
  return vbslq_f32(vceqq_f32(x, x), vd, x);
}

NEON_FWD(f32_relu6_neon_select, fwd4)
NEON_BWD(f32_relu6_bwd_neon_select, bwd4)
