/* silu(x) = x sigmoid(x), within 2 ulp (exp-fast-avx2.h: xsigmoid_fast8):
 * e = exp(-|x|) rounded once, x/(1 + e) or (x 2^64 e)/(1 + e) 2^-64 by one
 * division and one adjustment, so x e stays exact to a rounding where e is
 * subnormal and x e is not (x near -90).  x is clamped at -128 (silu there
 * rounds to -0), so silu(-inf) = -0; silu(-0) = -0, +inf at +inf.
 * Two-stage loop (ACT_AVX2_FWD_PIPE2): the exp, then the division.
 * silu'(x) = s (1 + x (1 - s)) (xsigmoid_d_fast8): cancels near the root
 * x0 = -1.2785 (the error of s, 2^-24, in ulps of a result going to 0):
 * within 1/4 of x0 (XSIG_ROOT_W), t P(t) instead (xsig_root8: HS of
 * roots-f32.h, degree 9; the 1/8 of H leaves 5.1 ulp with this s), t = x - x0
 * exact as a pair (roots-avx2.h: ROOT_TX8). */
#include "exp-fast-avx2.h"
#include "roots-avx2.h"

static inline xsig_st silu_exp8(__m256 x, const float *p)
{
  (void)p;
  __m256 xc = _mm256_max_ps(V(EXPF_ZMIN), x); /* NaN passes */
  return xsig_exp8(xc, _mm256_min_ps(V(-EXPF_ZMIN), xc), V(0.0f));
}
static inline __m256 silu_div8(xsig_st s, const float *p) { (void)p; return xsig_div8(s); }

static inline __attribute__((always_inline)) __m256 silu_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 z = _mm256_min_ps(V(-EXPF_ZMIN), _mm256_max_ps(V(EXPF_ZMIN), x));
  __m256 d = xsigmoid_d_fast8(z, V(0.0f)), near = XSIG_ROOT_NEAR8(x);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_TX8(x, HS, &tl);
    d = vsel(near, xsig_root8(th, tl), d);
  }
  return d;
}

ACT_AVX2_FWD_PIPE2(f32_silu_avx2_rr2_p6_div, xsig_st, silu_exp8, silu_div8)
ACT_AVX2_BWD(f32_silu_bwd_avx2_rr2_p6_div, silu_d8)
