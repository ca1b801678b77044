/* tanh(x) = -m/(2 + m), m = expm1(-2|x|) in (-1, 0], sign of x put back.
 * m comes from exp-avx2.h as a float pair: for |x| < ln2/4 (n = 0) exp(r) - 1
 * is carried without cancellation (tiny and subnormal x give x exactly), else
 * (e - 1) by Fast2Sum; then one corrected division (div).  +-1 for large
 * |x|, tanh(-0) = -0.
 * tanh'(x) = sech(x)^2 = 4E/(1 + E)^2, E = exp(-2x): no cancellation (not
 * 1 - tanh^2), in binary64 lanes (exp-avx2.h: dsigmoid4d; x clamped to
 * [-80, 80], +0 beyond), rounded once: at most 1 (at 0), and the binary64
 * value is within 2^-28 of it relative, so no cap is needed (only values
 * from 1 + 2^-24 up round above 1). */
#include "exp-avx2.h"

static inline __attribute__((always_inline)) __m256 tanh8(__m256 x, const float *p)
{
  (void)p;
  __m256 t = _mm256_max_ps(V(EXP_TMIN), V(-2.0f) * vabs(x));
  act_exp8 E = exp8_rr2_p7(t, V(0.0f));
  __m256 ml, mh = expm1_8(&E, &ml);                  /* m = exp(-2|x|) - 1 */
  __m256 dl, dh = fast_two_sum(V(2.0f), mh, &dl);    /* 2 + m */
  __m256 q = vabs(div_dd1(-mh, -ml, dh, dl + ml));   /* tanh(|x|) */
  return nan_fix(x, _mm256_or_ps(q, vsignbit(x)));
}

static inline __m256d tanh_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(80.0), _mm256_max_pd(VD(-80.0), x)); /* NaN passes */
  return dsigmoid4d(x + x, 4.0);
}

ACT_AVX2_FWD(f32_tanh_avx2_rr2_p7_div, tanh8)
ACT_AVX2_BWD_4D(f32_tanh_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, tanh_d4d)
