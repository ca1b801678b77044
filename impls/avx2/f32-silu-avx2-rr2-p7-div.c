/* silu(x) = x sigmoid(x) = x/(1 + exp(-x)), in binary64 lanes (exp-avx2.h:
 * xsigmoid4d; exp(-x) up to e^160 is a binary64 number), rounded to binary32
 * once (no loss where the result is subnormal).  x is clamped to -160 below
 * (silu(-inf) = -0, the limit; silu(-160) rounds to -0 too) and, for exp
 * only, to 160 above (x/(1 + e^-160) = x, also at +inf); silu(-0) = -0;
 * NaN passes every step.
 * silu'(x) = (1 + E + x E)/(1 + E)^2, E = exp(-x) (xsigmoid_d4d), x clamped
 * to [-160, 160] (-0 and 1 beyond): near the root x0 = -1.2785 the numerator
 * cancels (its error is E's, 2^-28.5 E absolute, in ulps of a result going
 * to 0): within 1/8 of x0, t P(t) instead, t = x - x0 (roots4d-avx2.h). */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

static inline __m256d silu4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_max_pd(VD(EXP_TMIN), x); /* NaN passes */
  return xsigmoid4d(x, _mm256_min_pd(VD(-EXP_TMIN), x));
}

static inline __m256d silu_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), x));
  return xsigmoid_d4d(x, x);
}

ACT_AVX2_FWD_4D(f32_silu_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, silu4d)
ACT_AVX2_BWD_4D_ROOT_X(f32_silu_bwd_avx2_rr2_p7_div, silu_d4d, H, &rp)
