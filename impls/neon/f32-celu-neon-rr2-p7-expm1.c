/* celu(x) = x > 0 ? x : alpha expm1(x/alpha), params {alpha}.  x/alpha is
 * kept as a float pair (quotient + exact remainder/alpha), so exp does not
 * amplify its rounding; expm1 as in elu.  celu(-0) = -0.
 * celu'(x) = exp(x/alpha) for x <= 0 (1 at 0), 1 above.
 * alpha > 0 only: with alpha < 0 (x/alpha > 0 for x < 0) the forward is
 * wrong and NaN at -inf (`actcheck check --param alpha=-1` fails it). */
#include "exp-neon.h"

static inline act_exp4 exp_x_alpha(v4f x, v4f a)
{
  v4f q = vminq_f32(V(0.0f), x / a);                  /* NaN passes */
  v4f ql = fnma4(q, a, x) / a;                         /* x/alpha - q */
  v4u ok = v_gt(q, V(EXP_TMIN));
  return exp4_rr2_p7(vmaxq_f32(V(EXP_TMIN), q), v_and(ql, ok));
}

static inline v4f celu4(v4f x, const float *p)
{
  v4f a = vld1q_dup_f32(p);
  act_exp4 E = exp_x_alpha(x, a);
  v4f ml, mh = expm1_4(&E, &ml);
  v4f y = fma4(a, mh, a * ml);
  return nan_fix(x, v_sel(v_lt(x, V(0.0f)), y, x));
}

static inline v4f celu_d4(v4f x, const float *p)
{
  v4f a = vld1q_dup_f32(p);
  act_exp4 E = exp_x_alpha(x, a);
  v4f d = exp4_scale(&E, E.ph + E.pl);
  return nan_fix(x, v_sel(v_gt(x, V(0.0f)), V(1.0f), d));
}

NEON_FWD(f32_celu_neon_rr2_p7_expm1, celu4)
NEON_BWD_MUL(f32_celu_bwd_neon_rr2_p7_exp, celu_d4)
