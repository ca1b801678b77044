/* silu(x) = x sigmoid(x) (exp-neon.h: xsigmoid4): e = exp(-|x|) as a float
 * pair, x/(1 + e) or x e/(1 + e) as one corrected division, scaled by 2^n
 * last (no loss where x e is subnormal).  silu(-inf) = -0 (the limit),
 * silu(-0) = -0, x for x > 32.
 * silu'(x) = (1 + e + x e)/(1 + e)^2 (x >= 0), e (1 + x + e)/(1 + e)^2
 * (x < 0): 1 + x + e cancels near the root x0 = -1.2785 (summed exactly, its
 * error is e's, 2^-31 absolute, in ulps of a result going to 0): within 1/8
 * of x0, t P(t) instead, t = x - x0 (roots-neon.h). */
#include "roots-neon.h"

static const float hc[] = ROOT_COEFFS(H);

static inline v4f silu4(v4f x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid4(x, x, V(0.0f)));
}

static inline v4f silu_d4(v4f x, const float *p)
{
  (void)p;
  v4f d = xsigmoid_d4(x, V(0.0f), x, V(0.0f));
  v4f tl, th = root_t(x, V(0.0f), H_X0_HI, H_X0_LO, &tl);
  v4f r = root_poly4(th, tl, H_P0_HI, H_P0_LO, H_P1_HI, H_P1_LO, hc, H_DEG);
  return nan_fix(x, v_sel(near_root(x, H_X0_HI, H_DELTA), r, d));
}

NEON_FWD(f32_silu_neon_rr2_p7_div, silu4)
NEON_BWD_MUL(f32_silu_bwd_neon_rr2_p7_div, silu_d4)
