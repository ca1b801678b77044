/* swish(x) = x sigmoid(beta x), params {beta}.  z = beta x is kept exact as
 * a float pair (zh + zl, fma), so no error of z is amplified by exp; then as
 * silu (exp-neon.h: xsigmoid4).  Where z < -160 the result is a zero of x's
 * sign: exact for |beta| >= 2^-70.
 * swish'(x) = s (1 + z (1 - s)), s = sigmoid(z) (xsigmoid_d4, g = z):
 * cancels near z0 = -1.2785: within 1/8 of z0, t P(t) for t = z - z0
 * from the exact pair z (roots-neon.h; swish' as a function of z is silu'). */
#include "roots-neon.h"

static const float hc[] = ROOT_COEFFS(H);

static inline v4f swish4(v4f x, const float *p)
{
  v4f zl, zh = mul_exact(vld1q_dup_f32(p), x, &zl);
  return nan_fix(x, xsigmoid4(x, zh, zl));
}

static inline v4f swish_d4(v4f x, const float *p)
{
  v4f zl, zh = mul_exact(vld1q_dup_f32(p), x, &zl);
  v4f d = xsigmoid_d4(zh, zl, zh, zl);
  v4f tl, th = root_t(zh, zl, H_X0_HI, H_X0_LO, &tl);
  v4f r = root_poly4(th, tl, H_P0_HI, H_P0_LO, H_P1_HI, H_P1_LO, hc, H_DEG);
  return nan_fix(x, v_sel(near_root(zh, H_X0_HI, H_DELTA), r, d));
}

NEON_FWD(f32_swish_neon_rr2_p7_div, swish4)
NEON_BWD_MUL(f32_swish_bwd_neon_rr2_p7_div, swish_d4)
