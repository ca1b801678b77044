/* hardswish(x) = x relu6(x + 3)/6 (PyTorch): -0 for x <= -3 (and -inf), x for
 * x >= 3, x (x + 3)/6 between, in binary64 (two lanes at a time) and rounded
 * once to binary32: for |x| >= 2^-4 only the division rounds (2^-53
 * relative), less than the exact value's 2^-52.5 relative distance from any
 * binary32 midpoint, so correctly rounded; below that measured, not proven
 * (see the AVX2 kernel).  |x| < 2^-124: x/2 + x^2/6 rounds like x/2 rounded
 * upwards: RN(x/2), plus 2^-149 where x/2 was above it.  NaN propagates.
 * Backward (PyTorch >= 2.1): +0 for x <= -3, dy for x >= 3, dy (2x + 3)/6
 * between: C3 (x + 3/2) by one fma in binary64 (C3 = 1/3 (1 - 2^-52),
 * whose 1.5 C3 is a binary64 number: the root -1.5 gives 0), times dy,
 * rounded once to binary32, the AVX2 twin's operations (before: dy (2x +
 * 3) divided by 6); NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  (void)p;
  const float64x2_t v3 = vdupq_n_f64(0x1.8p+1), v6 = vdupq_n_f64(0x1.8p+2);
  const float64x2_t xl = vcvt_f64_f32(vget_low_f32(x)), xh = vcvt_high_f64_f32(x);
  const float64x2_t yl = vdivq_f64(vmulq_f64(xl, vaddq_f64(xl, v3)), v6);
  const float64x2_t yh = vdivq_f64(vmulq_f64(xh, vaddq_f64(xh, v3)), v6);
  float32x4_t y = vcvt_high_f32_f64(vcvt_f32_f64(yl), yh);
  /* |x| < 2^-124: RN(x/2), plus 2^-149 where x - 2 RN(x/2) > 0 */
  const float32x4_t vh = vmulq_f32(x, vdupq_n_f32(0.5f));
  const float32x4_t vr = vfmsq_f32(x, vh, vdupq_n_f32(2.0f)); /* exact */
  const float32x4_t vru = vbslq_f32(vcgtq_f32(vr, vdupq_n_f32(0.0f)),
                                    vaddq_f32(vh, vdupq_n_f32(0x1p-149f)), vh);
  y = vbslq_f32(vcaltq_f32(x, vdupq_n_f32(0x1p-124f)), vru, y);
  y = vbslq_f32(vcleq_f32(x, vdupq_n_f32(-0x1.8p+1f)), vdupq_n_f32(-0.0f), y);
  return vbslq_f32(vcgeq_f32(x, vdupq_n_f32(0x1.8p+1f)), x, y);
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  (void)p;
  /* the slope C3 (x + 3/2) = x C3 + 1.5 C3 by one fma, as the AVX2 twin */
  const double C3 = 0x1.5555555555554p-2; /* 1/3 (1 - 2^-52): 1.5 C3 is exact */
  const float64x2_t c3 = vdupq_n_f64(C3), c3_15 = vdupq_n_f64(1.5 * C3);
  const float64x2_t xl = vcvt_f64_f32(vget_low_f32(x)), xh = vcvt_high_f64_f32(x);
  const float64x2_t dl = vcvt_f64_f32(vget_low_f32(dy)), dh = vcvt_high_f64_f32(dy);
  const float64x2_t sl = vmulq_f64(vfmaq_f64(c3_15, xl, c3), dl);
  const float64x2_t sh = vmulq_f64(vfmaq_f64(c3_15, xh, c3), dh);
  float32x4_t d = vcvt_high_f32_f64(vcvt_f32_f64(sl), sh);
  d = vbslq_f32(vcgeq_f32(x, vdupq_n_f32(0x1.8p+1f)), dy, d);
  d = vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(d),
                                      vcleq_f32(x, vdupq_n_f32(-0x1.8p+1f)))); /* +0, x <= -3 */
  return vbslq_f32(vceqq_f32(x, x), d, x);
}

NEON_FWD(f32_hardswish_neon_f64div, fwd4)
NEON_BWD(f32_hardswish_bwd_neon_f64div, bwd4)
