/* gelu_tanh(x) = x/2 (1 + tanh(u)) = x sigmoid(z), z = 2u = K2 (x + C x^3),
 * K2 = 2 sqrt(2/pi), C = 0.044715 (exact decimals, as the reference).
 * z is formed as a float pair (x^2, x^3 by fma, K2 and K2 C split hi + lo),
 * so its error (2^-40 relative) is not amplified by exp in the far left tail,
 * where x e^z is tiny.  Then x sigmoid(z) from exp-neon.h (xsigmoid4).
 * x is clamped to [-20, 20] for z only (z(-20) < -160: the result is -0;
 * z > 32: x).
 * gelu_tanh'(x) = s (1 + g (1 - s)), g = x z'(x) = K2 x + 3 K2 C x^3
 * (xsigmoid_d4): cancels near the root x0 = -0.75246; within 1/8 of it,
 * t P(t), t = x - x0 (roots-neon.h). */
#include "roots-neon.h"

static const float gtc[] = ROOT_COEFFS(GT);

#define K2_HI   0x1.988452p+0f  /* 2 sqrt(2/pi), rounded down */
#define K2_LO   0x1.3d4366p-24f /* 2 sqrt(2/pi) - K2_HI */
#define K2C_HI  0x1.2444f2p-4f  /* 2 sqrt(2/pi) 0.044715, rounded down */
#define K2C_LO  0x1.49b16ap-29f /* the rest */
#define K2C3_HI 0x1.b6676ap-3f  /* 3 * 2 sqrt(2/pi) 0.044715, rounded down */
#define K2C3_LO 0x1.f74510p-27f /* the rest */

/* z (returned, low part *zl) and g (*gh + *gl) of x */
static inline v4f zg(v4f x, v4f *zl, v4f *gh, v4f *gl)
{
  v4f xc = vminq_f32(V(20.0f), vmaxq_f32(V(-20.0f), x)); /* NaN passes */
  v4f x2l, x2h = mul_dd(xc, V(0.0f), xc, V(0.0f), &x2l);  /* x^2 */
  v4f x3l, x3h = mul_dd(x2h, x2l, xc, V(0.0f), &x3l);     /* x^3 */
  v4f bl, bh = mul_dd(V(K2_HI), V(K2_LO), xc, V(0.0f), &bl);  /* K2 x */
  v4f al, ah = mul_dd(V(K2C_HI), V(K2C_LO), x3h, x3l, &al);   /* K2 C x^3 */
  v4f cl, ch = mul_dd(V(K2C3_HI), V(K2C3_LO), x3h, x3l, &cl); /* 3 K2 C x^3 */
  v4f e1, z = two_sum(bh, ah, &e1);
  v4f e2, g = two_sum(bh, ch, &e2);
  *gh = fast_two_sum(g, e2 + bl + cl, gl);
  return fast_two_sum(z, e1 + bl + al, zl);
}

static inline v4f gelu_tanh4(v4f x, const float *p)
{
  (void)p;
  v4f zl, gh, gl, zh = zg(x, &zl, &gh, &gl);
  return nan_fix(x, xsigmoid4(x, zh, zl));
}

static inline v4f gelu_tanh_d4(v4f x, const float *p)
{
  (void)p;
  v4f zl, gh, gl, zh = zg(x, &zl, &gh, &gl);
  v4f d = xsigmoid_d4(zh, zl, gh, gl);
  v4f tl, th = root_t(x, V(0.0f), GT_X0_HI, GT_X0_LO, &tl);
  v4f r = root_poly4(th, tl, GT_P0_HI, GT_P0_LO, GT_P1_HI, GT_P1_LO, gtc, GT_DEG);
  return nan_fix(x, v_sel(near_root(x, GT_X0_HI, GT_DELTA), r, d));
}

NEON_FWD(f32_gelu_tanh_neon_rr2_p7_div, gelu_tanh4)
NEON_BWD_MUL(f32_gelu_tanh_bwd_neon_rr2_p7_div, gelu_tanh_d4)
