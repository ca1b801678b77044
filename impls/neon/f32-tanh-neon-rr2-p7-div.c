/* tanh(x) = -m/(2 + m), m = expm1(-2|x|) in (-1, 0], sign of x put back.
 * m comes from exp-neon.h as a float pair: for |x| < ln2/4 (n = 0) exp(r) - 1
 * is carried without cancellation (tiny and subnormal x give x exactly), else
 * (e - 1) by Fast2Sum; then one corrected division (div).  +-1 for large
 * |x|, tanh(-0) = -0.
 * tanh'(x) = sech(x)^2 = 4e/(1 + e)^2, e = exp(-2|x|): no cancellation (not
 * 1 - tanh^2), scaled by 2^n last, capped at 1. */
#include "exp-neon.h"

static inline v4f tanh4(v4f x, const float *p)
{
  (void)p;
  v4f t = vmaxq_f32(V(EXP_TMIN), V(-2.0f) * vabsq_f32(x));
  act_exp4 E = exp4_rr2_p7(t, V(0.0f));
  v4f ml, mh = expm1_4(&E, &ml);                      /* m = exp(-2|x|) - 1 */
  v4f dl, dh = fast_two_sum(V(2.0f), mh, &dl);        /* 2 + m */
  v4f q = vabsq_f32(div_dd1(vnegq_f32(mh), vnegq_f32(ml), dh, dl + ml)); /* tanh(|x|) */
  return nan_fix(x, v_or(q, v_signbit(x)));
}

static inline v4f tanh_d4(v4f x, const float *p)
{
  (void)p;
  v4f d = dsigmoid4(V(-2.0f) * vabsq_f32(x), 4.0f);
  return nan_fix(x, vminq_f32(V(1.0f), d));
}

NEON_FWD(f32_tanh_neon_rr2_p7_div, tanh4)
NEON_BWD_MUL(f32_tanh_bwd_neon_rr2_p7_div, tanh_d4)
