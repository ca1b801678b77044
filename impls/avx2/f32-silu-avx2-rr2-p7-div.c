/* silu(x) = x sigmoid(x) (exp-avx2.h: xsigmoid8): e = exp(-|x|) as a float
 * pair, x/(1 + e) or x e/(1 + e) as one corrected division, scaled by 2^n
 * last (no loss where x e is subnormal).  silu(-inf) = -0 (the limit),
 * silu(-0) = -0, x for x > 32.
 * silu'(x) = (1 + e + x e)/(1 + e)^2 (x >= 0), e (1 + x + e)/(1 + e)^2
 * (x < 0): 1 + x + e cancels near the root x0 = -1.2785 (summed exactly, its
 * error is e's, 2^-31 absolute, in ulps of a result going to 0): within 1/8
 * of x0, t P(t) instead, t = x - x0 (roots-avx2.h). */
#include "roots-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

static inline __m256 silu8(__m256 x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid8(x, x, V(0.0f)));
}

static inline __m256 silu_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d = xsigmoid_d8(x, V(0.0f), x, V(0.0f)), near = ROOT_NEAR8(x, H);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_TX8(x, H, &tl);
    d = root_blend8(d, near, th, tl, &rp);
  }
  return nan_fix(x, d);
}

ACT_AVX2_FWD(f32_silu_avx2_rr2_p7_div, silu8)
ACT_AVX2_BWD(f32_silu_bwd_avx2_rr2_p7_div, silu_d8)
