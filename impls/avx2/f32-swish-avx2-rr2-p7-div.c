/* swish(x) = x sigmoid(beta x), params {beta}.  z = beta x is kept exact as
 * a float pair (zh + zl, fma), so no error of z is amplified by exp; then as
 * silu (exp-avx2.h: xsigmoid8).  Where z < -160 the result is a zero of x's
 * sign: exact for |beta| >= 2^-70.
 * swish'(x) = s (1 + z (1 - s)), s = sigmoid(z) (xsigmoid_d8, g = z):
 * cancels near z0 = -1.2785: within 1/8 of z0, t P(t) for t = z - z0 from
 * the exact pair z (roots-avx2.h; swish' as a function of z is silu'). */
#include "roots-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

static inline __m256 swish8(__m256 x, const float *p)
{
  __m256 zl, zh = mul_exact(_mm256_broadcast_ss(p), x, &zl);
  return nan_fix(x, xsigmoid8(x, zh, zl));
}

static inline __m256 swish_d8(__m256 x, const float *p)
{
  __m256 zl, zh = mul_exact(_mm256_broadcast_ss(p), x, &zl);
  __m256 d = xsigmoid_d8(zh, zl, zh, zl), near = ROOT_NEAR8(zh, H);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_T8(zh, zl, H, &tl);
    d = root_blend8(d, near, th, tl, &rp);
  }
  return nan_fix(x, d);
}

ACT_AVX2_FWD(f32_swish_avx2_rr2_p7_div, swish8)
ACT_AVX2_BWD(f32_swish_bwd_avx2_rr2_p7_div, swish_d8)
