/* gelu_sigmoid(x) = x sigmoid(1.702 x): swish with beta = 1.702 exactly
 * (the decimal, as the reference): z = (B_HI + B_LO + B_LL) x as a float pair, so
 * the far left tail (x e^z, e^z from exp-neon.h) keeps its accuracy.
 * gelu_sigmoid'(x) = s (1 + z (1 - s)), cancels near z0 = -1.2785: within 1/8
 * of z0, t P(t), t = z - z0 from the pair z (roots-neon.h: silu' of z). */
#include "roots-neon.h"

static const float hc[] = ROOT_COEFFS(H);

#define B_HI 0x1.b3b644p+0f  /* 1.702 rounded down to binary32 */
#define B_LO 0x1.a1cac0p-24f /* 1.702 - B_HI, rounded */
#define B_LL 0x1.0624dep-49f /* 1.702 - B_HI - B_LO: z good to 2^-72, as t = z - z0 needs */

static inline v4f z_of(v4f x, v4f *zl)
{
  v4f zh = V(B_HI) * x;
  *zl = fma4(V(B_LO), x, fms4(V(B_HI), x, zh)) + V(B_LL) * x;
  return zh;
}

static inline v4f gelu_sigmoid4(v4f x, const float *p)
{
  (void)p;
  v4f zl, zh = z_of(x, &zl);
  return nan_fix(x, xsigmoid4(x, zh, zl));
}

/* t = z - z0 from z = zh + e1 + (p + pe) + B_LL x, every part exact but the
 * last (zl's single float would leave 2^-48 of error, more than t near z0) */
static inline v4f t_of(v4f x, v4f zh, v4f *tl)
{
  v4f e1 = fms4(V(B_HI), x, zh), p = V(B_LO) * x, pe = fms4(V(B_LO), x, p);
  v4f ae, a = two_sum(zh - V(H_X0_HI), e1, &ae);
  v4f be, b = two_sum(a, p, &be);
  v4f ce, c = two_sum(b, V(-H_X0_LO), &ce);
  *tl = ae + be + ce + pe + V(B_LL) * x;
  return c;
}

static inline v4f gelu_sigmoid_d4(v4f x, const float *p)
{
  (void)p;
  v4f zl, zh = z_of(x, &zl);
  v4f d = xsigmoid_d4(zh, zl, zh, zl);
  v4f tl, th = t_of(x, zh, &tl);
  v4f r = root_poly4(th, tl, H_P0_HI, H_P0_LO, H_P1_HI, H_P1_LO, hc, H_DEG);
  return nan_fix(x, v_sel(near_root(zh, H_X0_HI, H_DELTA), r, d));
}

NEON_FWD(f32_gelu_sigmoid_neon_rr2_p7_div, gelu_sigmoid4)
NEON_BWD_MUL(f32_gelu_sigmoid_bwd_neon_rr2_p7_div, gelu_sigmoid_d4)
