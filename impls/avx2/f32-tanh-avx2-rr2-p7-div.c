/* tanh(x) in binary64 lanes (exp-avx2.h), rounded to binary32 once:
 *   |x| < 1/4: the Taylor series x + x^3 P(x^2) to x^13 (alternating: the
 *     next term, 929569/638512875 x^15, bounds the truncation, 2^-37.4 x at
 *     1/4; the 6 coefficients rounded, 2^-53 each) by Horner in x^2, so
 *     no power above x^3 is formed: tiny and subnormal x cost no more (x^3
 *     of x = 2^-149 is a normal binary64);
 *   else (1 - E)/(1 + E), E = exp(-2 min(|x|, 10)) (2^-28.5 relative):
 *     E <= e^-1/2, so 1 - E >= 0.39 and the error of E is at most 1.54
 *     2^-28.5 = 2^-27.9 of the quotient; tanh(10) rounds to 1, as does
 *     every larger |x| and +-inf.
 *   Result within 0.5 + 2^-3.9 ulp (a sweep: 0.552).  The float-pair
 *   version (exp8_rr2_p7, corrected division) was 1.2x slower on [-8, 8]
 *   and 1.7 to 2.2x on tiny and huge inputs (subnormal intermediates).
 *   Both on |x|, the sign of x put back last: tanh(-0) = -0; NaN passes.
 * tanh'(x) = sech(x)^2 = 4E/(1 + E)^2, E = exp(-2x): no cancellation (not
 * 1 - tanh^2), in binary64 lanes (exp-avx2.h: dsigmoid4d; x clamped to
 * [-80, 80], +0 beyond), rounded once: at most 1 (at 0), and the binary64
 * value is within 2^-28 of it relative, so no cap is needed (only values
 * from 1 + 2^-24 up round above 1). */
#include "exp-avx2.h"

static inline __m256d tanh4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  __m256d sgn = _mm256_and_pd(VD(-0.0), x), ax = _mm256_andnot_pd(VD(-0.0), x);
  __m256d u = _mm256_min_pd(VD(10.0), ax); /* NaN passes */
  __m256d e = expm4d(u + u);
  __m256d q = (VD(1.0) - e) / (VD(1.0) + e);
  __m256d z = x * x;
  __m256d p = _mm256_fmadd_pd(VD(21844.0 / 6081075.0), z, VD(-1382.0 / 155925.0));
  p = _mm256_fmadd_pd(p, z, VD(62.0 / 2835.0));
  p = _mm256_fmadd_pd(p, z, VD(-17.0 / 315.0));
  p = _mm256_fmadd_pd(p, z, VD(2.0 / 15.0));
  p = _mm256_fmadd_pd(p, z, VD(-1.0 / 3.0));
  p = _mm256_fmadd_pd(p, ax * z, ax);
  return _mm256_or_pd(sgn, _mm256_blendv_pd(q, p, _mm256_cmp_pd(ax, VD(0.25), _CMP_LT_OQ)));
}

static inline __m256d tanh_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(80.0), _mm256_max_pd(VD(-80.0), x)); /* NaN passes */
  return dsigmoid4d(x + x, 4.0);
}

ACT_AVX2_FWD_4D(f32_tanh_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, tanh4d)
ACT_AVX2_BWD_4D(f32_tanh_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, tanh_d4d)
