/* logsigmoid(x) = -softplus(-x) = min(x, 0) - log1p(e), e = exp(-|x|), in
 * binary64 lanes (exp-avx2.h: expm4d, relative error 2^-28.5, |x| clamped to
 * 700; log1p4d_P: s = e/(2 + e), log1p(e) = s P(s^2), 2^-33.2), finished by
 * one fma and rounded to binary32 once (also where the result is
 * subnormal): both parts <= 0, no cancellation, so within about 0.5 +
 * 2^-4.4 ulp.  -inf at -inf, -0 at +inf (-e^-700 rounds to -0), -log 2 at
 * -0; NaN passes every step (min keeps its second operand).
 * logsigmoid'(x) = sigmoid(-x) = 1/(1 + exp(x)) in binary64 lanes (exp4d),
 * x clamped to [-160, 160] (1 and +0 beyond), rounded once; NaN passes. */
#include "exp-avx2.h"

static inline __attribute__((always_inline)) __m256d logsigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  __m256d t, P = log1p_expm4d_sp(x, &t); /* log1p(e^-|x|), NaN passes */
  return _mm256_fnmadd_pd(t, P, _mm256_min_pd(VD(0.0), x)); /* min(x, 0) - t P */
}

static inline __m256d dlogsigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), x)); /* NaN passes */
  return VD(1.0) / (VD(1.0) + exp4d(x));
}

ACT_AVX2_FWD_4D(f32_logsigmoid_avx2_rr2_p7_log1p, act_nop4d, act_nop4d_of, logsigmoid4d)
ACT_AVX2_BWD_4D(f32_logsigmoid_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, dlogsigmoid4d)
