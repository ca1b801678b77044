/* swish(x) = x sigmoid(beta x), params {beta}, within 2 ulp: z = beta x
 * exact as a float pair (fma), clamped to [-128, 128], then as silu
 * (exp-fast-avx2.h: xsigmoid_fast8); where beta x < -128 a zero of x's sign
 * (the exact value is below 2^-184 |x|; |x| <= 2^64 there needs
 * |beta| >= 2^-57).
 * swish'(x) = s (1 + z (1 - s)), s = sigmoid(z) (xsigmoid_d_fast8):
 * cancels near z0 = -1.2785: within 1/4 of z0, t P(t) instead
 * (xsig_root8; swish' in z is silu'), t = z - z0 from the exact pair z
 * (roots-avx2.h: ROOT_T8). */
#include "exp-fast-avx2.h"
#include "roots-avx2.h"

static inline __m256 z_of(__m256 x, const float *p, __m256 *zl)
{
  __m256 zh = mul_exact(_mm256_broadcast_ss(p), x, zl);
  return _mm256_min_ps(V(-EXPF_ZMIN), _mm256_max_ps(V(EXPF_ZMIN), zh)); /* NaN passes */
}

static inline __m256 swish8(__m256 x, const float *p)
{
  __m256 zl, zh = z_of(x, p, &zl);
  __m256 y = xsigmoid_fast8(x, zh, zl);
  return vsel(vlt(mul_exact(_mm256_broadcast_ss(p), x, &zl), V(EXPF_ZMIN)), vsignbit(x), y);
}

static inline __attribute__((always_inline)) __m256 swish_d8(__m256 x, const float *p)
{
  __m256 zl, zh = z_of(x, p, &zl);
  __m256 d = xsigmoid_d_fast8(zh, zl), near = XSIG_ROOT_NEAR8(zh);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_T8(zh, zl, HS, &tl);
    d = vsel(near, xsig_root8(th, tl), d);
  }
  return d;
}

ACT_AVX2_FWD(f32_swish_avx2_rr2_p6_div, swish8)
ACT_AVX2_BWD(f32_swish_bwd_avx2_rr2_p6_div, swish_d8)
