/* silu(x) = x sigmoid(x) (exp-neon.h: xsigmoid4): e = exp(-|x|) as a float
 * pair, x/(1 + e) or x e/(1 + e) as one corrected division, scaled by 2^n
 * last (no loss where x e is subnormal).  silu(-inf) = -0 (the limit),
 * silu(-0) = -0, x for x > 32.
 * silu'(x) = (1 + e + x e)/(1 + e)^2 (x >= 0), e (1 + x + e)/(1 + e)^2
 * (x < 0): 1 + x + e cancels near the root x0 = -1.2785: it is summed exactly,
 * so the error there is e's (2^-31 relative), measured in ulps of a result
 * going to 0: the promise is set by the samples nearest x0. */
#include "exp-neon.h"

static inline v4f silu4(v4f x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid4(x, x, V(0.0f)));
}

static inline v4f silu_d4(v4f x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid_d4(x, V(0.0f), x, V(0.0f)));
}

NEON_FWD(f32_silu_neon_rr2_p7_div, silu4)
NEON_BWD_MUL(f32_silu_bwd_neon_rr2_p7_div, silu_d4)
