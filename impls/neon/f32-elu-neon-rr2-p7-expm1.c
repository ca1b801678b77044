/* elu(x) = x > 0 ? x : alpha expm1(x), params {alpha}.  expm1 from
 * exp-neon.h (expm1_4): a float pair, exact in its leading part for small
 * |x| (exp(r) - 1 carried without cancellation when n = 0), Fast2Sum of
 * e - 1 otherwise; alpha applied by one fma.  -alpha at -inf; +-0 and NaN
 * pass through (elu(-0) = -0: FMIN(0, -0) is -0).
 * elu'(x) = alpha exp(x) for x <= 0 (alpha at 0, PyTorch), 1 above; scaled
 * by 2^n last. */
#include "exp-neon.h"

static inline v4f elu4(v4f x, const float *p)
{
  v4f a = vld1q_dup_f32(p);
  v4f t = vmaxq_f32(V(EXP_TMIN), vminq_f32(V(0.0f), x));
  act_exp4 E = exp4_rr2_p7(t, V(0.0f));
  v4f ml, mh = expm1_4(&E, &ml);
  v4f y = fma4(a, mh, a * ml);
  return nan_fix(x, v_sel(v_lt(x, V(0.0f)), y, x));
}

static inline v4f elu_d4(v4f x, const float *p)
{
  v4f a = vld1q_dup_f32(p);
  v4f t = vmaxq_f32(V(EXP_TMIN), vminq_f32(V(0.0f), x));
  act_exp4 E = exp4_rr2_p7(t, V(0.0f));
  v4f d = exp4_scale(&E, fma4(a, E.ph, a * E.pl));
  return nan_fix(x, v_sel(v_gt(x, V(0.0f)), V(1.0f), d));
}

NEON_FWD(f32_elu_neon_rr2_p7_expm1, elu4)
NEON_BWD_MUL(f32_elu_bwd_neon_rr2_p7_exp, elu_d4)
