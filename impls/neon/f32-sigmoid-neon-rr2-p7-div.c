/* sigmoid(x) = 1/(1 + exp(-x)) from e = exp(-|x|) <= 1 (exp-neon.h: rr2,
 * degree-7 polynomial, a float pair), then one true division corrected by its
 * remainder (div): x >= 0: 1/(1 + e); x < 0: e/(1 + e), formed as
 * (e/2^n)/(1 + e) and scaled by 2^n last, so subnormal results round once.
 * 1 for x > 32, +0 below -160, sigmoid(-0) = 1/2, NaN -> NaN.
 * sigmoid'(x) = e/(1 + e)^2, symmetric, no cancellation; capped at 1/4 (the
 * maximum, at 0) so a rounding never leaves the range. */
#include "exp-neon.h"

static inline v4f sigmoid4(v4f x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid4(V(1.0f), x, V(0.0f)));
}

static inline v4f sigmoid_d4(v4f x, const float *p)
{
  (void)p;
  v4f d = dsigmoid4(vnegq_f32(vabsq_f32(x)), 1.0f);
  return nan_fix(x, vminq_f32(V(0x1p-2f), d)); /* 1/4 = sigmoid'(0) */
}

NEON_FWD(f32_sigmoid_neon_rr2_p7_div, sigmoid4)
NEON_BWD_MUL(f32_sigmoid_bwd_neon_rr2_p7_div, sigmoid_d4)
