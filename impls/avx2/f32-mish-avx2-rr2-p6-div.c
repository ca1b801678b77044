/* mish(x) = x tanh(softplus(x)) = x n/(n + 2), n = u (u + 2), u = exp(x)
 * (tanh(log v) = (v^2 - 1)/(v^2 + 1), v = 1 + u), within 2 ulp: one exp,
 * one division.  x is clamped to [-128, ZMAX], then:
 *   2^64 u as a float pair (exp-fast-avx2.h: exp_s64_pair; the reduction
 *   holds up to z = 63 ln2; the 2^64 keeps x u normal where u is
 *   subnormal, down to x = -128, where mish rounds to -0);
 *   2^64 n = fma(2^64 u, u, 2^64 2u) and its error: the rounding (2u - n is
 *   exact while u <= 2, Sterbenz; beyond, n's error is damped by
 *   2/(n + 2) <= 1/4) plus u's low part times 2u + 2;
 *   2^64 (n + 2) = d + dl (Fast2Sum with 2^65 first: exact while n < 2^25,
 *   which ZMAX keeps); 2^64 x n = N + Nl (fma);
 *   y = (N + Nl)/(d + dl), the 2^64 cancelling (a subnormal y is rounded
 *   in the last operation): q = N/d, then q + (Nl - q dl)/d by one fma
 *   with rcp(d) (the correction is small: 12 bits are enough), q dl taken
 *   as N rcp(d) dl beside the division.  Two roundings of the quotient
 *   (q and the fma: 1 ulp) where div_adj2's remainder would leave 1/2,
 *   for four operations fewer on the chain after the division.
 * Left besides: P's rounding times t and P's error (exp-fast-avx2.h),
 * passed on with a factor of at most 1.  x > ZMAX: y = x, where
 * 2/(n + 2) < 2^-23.9 puts x within 0.57 ulp of mish(x) (also +inf);
 * y takes x's sign (an underflowed q = -0 plus a correction that rounds
 * to +0 is +0); mish(-inf) = -0, NaN -> NaN.  Two-stage loop (ACT_AVX2_FWD_PIPE2): the
 * exp, then the rest.  Forward only (the backward kernels cancel at the
 * root x0 = -1.19). */
#include "exp-fast-avx2.h"

#define MISH_ZMAX 0x1.14p+3f /* 8.625: n(8.625) = 3.1e7 < 2^25 */
#define TWO65 0x1p+65f       /* 2^64 times the 2 of n + 2 */

typedef struct { __m256 x, z, us, usl; } mish_st;

static inline mish_st mish_exp8(__m256 x, const float *p)
{
  (void)p;
  mish_st s = {.x = x};
  s.z = _mm256_min_ps(V(MISH_ZMAX), _mm256_max_ps(V(EXPF_ZMIN), x)); /* NaN passes */
  s.us = exp_s64_pair(s.z, V(0.0f), &s.usl);                          /* 2^64 u */
  return s;
}

static inline __m256 mish_rest8(mish_st s, const float *p)
{
  (void)p;
  __m256 z = s.z, us = s.us, u = us * V(EXPF_2M64), us2 = us + us;
  __m256 ns = _mm256_fmadd_ps(us, u, us2);                             /* 2^64 n */
  __m256 nls = _mm256_fmadd_ps(s.usl, _mm256_fmadd_ps(u, V(2.0f), V(2.0f)),
                               _mm256_fmadd_ps(us, u, us2 - ns));
  __m256 d = ns + V(TWO65), dl = (ns - (d - V(TWO65))) + nls;        /* 2^64 (n + 2) */
  __m256 N = z * ns, Nl = _mm256_fmadd_ps(z, nls, _mm256_fmsub_ps(z, ns, N)); /* 2^64 x n */
  __m256 r = _mm256_rcp_ps(d), c = _mm256_fnmadd_ps(N * r, dl, Nl);
  __m256 y = _mm256_or_ps(_mm256_fmadd_ps(c, r, N / d), vsignbit(z)); /* -0 where q + c r underflows */
  return vsel(vgt(s.x, V(MISH_ZMAX)), s.x, y);
}

ACT_AVX2_FWD_PIPE2(f32_mish_avx2_rr2_p6_div, mish_st, mish_exp8, mish_rest8)
