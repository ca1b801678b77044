/* logsigmoid(x) = -softplus(-x) = min(x, 0) - log1p(e), e = exp(-|x|):
 * both parts <= 0, no cancellation; log1p(e) as in softplus (exp-avx2.h,
 * log1p8_scaled, scaled by 2^n last).  -inf at -inf, -0 at +inf.
 * logsigmoid'(x) = sigmoid(-x) = 1/(1 + exp(x)) in binary64 lanes (exp4d),
 * x clamped to [-160, 160] (1 and +0 beyond), rounded once; NaN passes. */
#include "exp-avx2.h"

static inline __attribute__((always_inline)) __m256 logsigmoid8(__m256 x, const float *p)
{
  (void)p;
  act_exp8 E = exp8_rr2_p7(_mm256_max_ps(V(EXP_TMIN), -vabs(x)), V(0.0f));
  __m256 L = exp8_scale(&E, log1p8_scaled(&E));
  __m256 y = _mm256_and_ps(x, vlt(x, V(0.0f))) - L;
  return nan_fix(x, y);
}

static inline __m256d dlogsigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), x)); /* NaN passes */
  return VD(1.0) / (VD(1.0) + exp4d(x));
}

ACT_AVX2_FWD(f32_logsigmoid_avx2_rr2_p7_log1p, logsigmoid8)
ACT_AVX2_BWD_4D(f32_logsigmoid_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, dlogsigmoid4d)
