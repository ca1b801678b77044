/* logsigmoid(x) = -softplus(-x) = min(x, -0) - log1p(e), e = exp(-|x|):
 * both parts <= 0, no cancellation; log1p(e) as in softplus (exp-neon.h,
 * log1p4_scaled, scaled by 2^n last).  -inf at -inf; -0 where log1p(e)
 * underflows (x > 103.3) and at +inf: the first part is -0 for x >= 0
 * (+0 - 0 would be +0).
 * logsigmoid'(x) = sigmoid(-x) (xsigmoid4, one corrected division). */
#include "exp-neon.h"

static inline v4f logsigmoid4(v4f x, const float *p)
{
  (void)p;
  act_exp4 E = exp4_rr2_p7(vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(x))), V(0.0f));
  v4f L = exp4_scale(&E, log1p4_scaled(&E));
  v4f y = v_sel(v_lt(x, V(0.0f)), x, V(-0.0f)) - L;
  return nan_fix(x, y);
}

static inline v4f logsigmoid_d4(v4f x, const float *p)
{
  (void)p;
  return nan_fix(x, xsigmoid4(V(1.0f), vnegq_f32(x), V(0.0f)));
}

NEON_FWD(f32_logsigmoid_neon_rr2_p7_log1p, logsigmoid4)
NEON_BWD_MUL(f32_logsigmoid_bwd_neon_rr2_p7_div, logsigmoid_d4)
