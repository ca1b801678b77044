/* selu(x) = scale (x > 0 ? x : alpha expm1(x)), the fixed constants of
 * Klambauer et al. as exact decimals (the reference's): scale and
 * scale*alpha are split hi + lo (hi rounded down, so lo > 0 and inf*hi +
 * inf*lo is inf), applied by fma: x > 0 rounds once.  expm1 as in elu.
 * selu(-0) = -0.  selu'(x) = scale (x > 0), scale alpha exp(x) (x <= 0). */
#include "exp-neon.h"

#define SC_HI 0x1.0cfabcp+0f  /* scale = 1.0507009873554804934..., rounded down */
#define SC_LO 0x1.6a9114p-24f /* scale - SC_HI */
#define SC    0x1.0cfabep+0f  /* scale rounded to nearest */
#define SA_HI 0x1.c212ccp+0f  /* scale alpha = 1.7580993408473768599..., rounded down */
#define SA_LO 0x1.903c0cp-26f /* scale alpha - SA_HI */

static inline v4f selu4(v4f x, const float *p)
{
  (void)p;
  v4f t = vmaxq_f32(V(EXP_TMIN), vminq_f32(V(0.0f), x));
  act_exp4 E = exp4_rr2_p7(t, V(0.0f));
  v4f ml, mh = expm1_4(&E, &ml);
  v4f yn = fma4(V(SA_HI), mh, fma4(V(SA_HI), ml, V(SA_LO) * mh));
  v4f yp = fma4(V(SC_HI), x, V(SC_LO) * x);
  /* |x| < 2^-60: (scale or scale alpha) x, on x 2^64 so the low product is
   * not subnormal (results then do not depend on FZ) */
  v4u neg = v_lt(x, V(0.0f)), tiny = vcaltq_f32(x, V(0x1p-60f));
  v4f xs = V(0x1p+64f) * x;
  v4f hi = v_sel(neg, V(SA_HI), V(SC_HI)), lo = v_sel(neg, V(SA_LO), V(SC_LO));
  v4f yt = fma4(hi, xs, lo * xs) * V(0x1p-64f);
  v4f y = v_sel(neg, yn, v_sel(v_gt(x, V(0.0f)), yp, x));
  return nan_fix(x, v_sel(vandq_u32(tiny, vcgtq_f32(vabsq_f32(x), V(0.0f))), yt, y));
}

static inline v4f selu_d4(v4f x, const float *p)
{
  (void)p;
  v4f t = vmaxq_f32(V(EXP_TMIN), vminq_f32(V(0.0f), x));
  act_exp4 E = exp4_rr2_p7(t, V(0.0f));
  v4f d = exp4_scale(&E, fma4(V(SA_HI), E.ph, fma4(V(SA_HI), E.pl, V(SA_LO) * E.ph)));
  return nan_fix(x, v_sel(v_gt(x, V(0.0f)), V(SC), d));
}

NEON_FWD(f32_selu_neon_rr2_p7_expm1, selu4)
NEON_BWD_MUL(f32_selu_bwd_neon_rr2_p7_exp, selu_d4)
