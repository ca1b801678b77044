/* mish(x) = x tanh(softplus(x)) without log or tanh, in binary64 lanes
 * (exp-avx2.h: exp4d, relative error 2^-28.5), rounded to binary32 once
 * (no loss where the result is subnormal, so tiny x need no scaling): with
 * w = exp(x), tanh(log1p(w)) = N/(N + 2), N = w (w + 2), so
 *   mish(x) = x N/(N + 2),  x clamped to [-160, 32] (w to [e^-160, e^32]).
 * One form for every x: binary64 holds w^2 up to e^64, so nothing overflows
 * and x > 0 needs no exp(-x) form; every term is positive, and N/(N + 2)
 * passes w's relative error times 2(2w + 2)/((N + 2)(w + 2)) <= 1, so
 * results are within 0.5 + 2^-4.5 ulp or so.  mish(-0) = -0; at x = 32 the
 * quotient is 1 in binary64, so x > 32 (and +inf) gives x; x <= -160 gives
 * -160 e^-160 N/.. -> -0 (the limit at -inf); NaN passes every step.
 * mish'(x) = tanh(sp) + x sigmoid(x) sech(sp)^2 = w K/D^2, D = N + 2,
 *   K = (w + 2) D + 4x (w + 1), x clamped to [-160, 32] (-0 and 1 beyond;
 *   w^4 stays below e^128): K cancels near the root x0 = -1.1924 (its error
 *   is w's, in ulps of a result going to 0): within 1/8 of x0, t P(t)
 *   instead, t = x - x0 (roots4d-avx2.h, ROOT_COEFFS(MI)).  For x > 0 every
 *   term is positive. */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(MI);

#define MISH_XMAX 32.0

static inline __attribute__((always_inline)) __m256d mish4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_max_pd(VD(EXP_TMIN), x); /* NaN passes (second operand) */
  __m256d w = exp4d(_mm256_min_pd(VD(MISH_XMAX), x));
  __m256d N = w * (w + VD(2.0));
  return (x * N) / (N + VD(2.0));
}

static inline __attribute__((always_inline)) __m256d mish_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(MISH_XMAX), _mm256_max_pd(VD(EXP_TMIN), x));
  __m256d w = exp4d(x), a = w + VD(2.0);
  __m256d D = _mm256_fmadd_pd(w, a, VD(2.0));
  __m256d K = _mm256_fmadd_pd(a, D, (VD(4.0) * x) * (w + VD(1.0)));
  return (w * K) / (D * D);
}

ACT_AVX2_FWD_4D(f32_mish_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, mish4d)
ACT_AVX2_BWD_4D_ROOT_X(f32_mish_bwd_avx2_rr2_p7_div, mish_d4d, MI, &rp)
