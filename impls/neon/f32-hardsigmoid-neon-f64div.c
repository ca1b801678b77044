/* hardsigmoid(x) = relu6(x + 3)/6 (PyTorch): +0 for x <= -3, 1 for x >= 3.
 * Between, (x + 3)/6 in binary64 (two lanes at a time), rounded once to
 * binary32: correctly rounded (x + 3 is exact in binary64 unless |x| <
 * 2^-28, where the result is near 1/2, far from any midpoint, and the exact
 * quotient is at least 2^-51.6 |y| from every binary32 midpoint, more than
 * the division's 2^-53 |y|; see the AVX2 kernel).  Clamped by FMIN/FMAX,
 * which propagate NaN.  Derivative: dy/6 (one rounding) on the open interval
 * (-3, 3), +0 outside, NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  (void)p;
  const float64x2_t v3 = vdupq_n_f64(0x1.8p+1), v6 = vdupq_n_f64(0x1.8p+2); /* 3, 6 */
  const float64x2_t vlo = vdivq_f64(vaddq_f64(vcvt_f64_f32(vget_low_f32(x)), v3), v6);
  const float64x2_t vhi = vdivq_f64(vaddq_f64(vcvt_high_f64_f32(x), v3), v6);
  const float32x4_t vt = vcvt_high_f32_f64(vcvt_f32_f64(vlo), vhi);
  /* x <= -3 gives t <= 0 -> +0 (t is never -0) */
  return vmaxq_f32(vminq_f32(vt, vdupq_n_f32(1.0f)), vdupq_n_f32(0.0f));
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  (void)p;
  const uint32x4_t vin = vandq_u32(vcgtq_f32(x, vdupq_n_f32(-0x1.8p+1f)),
                                   vcltq_f32(x, vdupq_n_f32(0x1.8p+1f))); /* -3 < x < 3 */
  const float32x4_t vd = vdivq_f32(dy, vdupq_n_f32(0x1.8p+2f)); /* dy/6, correctly rounded */
  const float32x4_t vr = vreinterpretq_f32_u32(vandq_u32(vin, vreinterpretq_u32_f32(vd)));
  return vbslq_f32(vceqq_f32(x, x), vr, x);
}

NEON_FWD(f32_hardsigmoid_neon_f64div, fwd4)
NEON_BWD(f32_hardsigmoid_bwd_neon_f64div, bwd4)
