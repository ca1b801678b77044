/* sigmoid(x) = 1/(1 + E), E = exp(-x), in binary64 lanes (exp-avx2.h:
 * expm4d; E up to e^160 is a binary64 number, so x < 0 needs no other
 * form), rounded to binary32 once, also where the result is subnormal.
 * x is clamped to [-160, 160]: +0 below (2^-231 rounds to 0), 1 above;
 * sigmoid(-0) = 1/2; NaN passes every step.
 * sigmoid'(x) = E/(1 + E)^2 (dsigmoid4d), no cancellation; at most 1/4 (at
 * 0): the binary64 value is within 2^-28 of it relative, and only values
 * from 1/4 (1 + 2^-24) up round above 1/4, so no cap is needed. */
#include "exp-avx2.h"

static inline __m256d clamp160d(__m256d x)
{
  return _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), x)); /* NaN passes */
}

static inline __m256d sigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  return sigmoid_u4d(clamp160d(x)); /* S/(S + p): 1/(1 + e^-x) */
}

static inline __m256d sigmoid_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  return dsigmoid4d(clamp160d(x), 1.0);
}

ACT_AVX2_FWD_4D(f32_sigmoid_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, sigmoid4d)
ACT_AVX2_BWD_4D(f32_sigmoid_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, sigmoid_d4d)
