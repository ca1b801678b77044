/* roots-neon.h: the derivatives that cancel at a root x0 (silu' = swish' =
 * gelu_sigmoid' as functions of z, gelu_tanh', mish', gelu'), as
 * f'(x0 + t) = t P(t) near x0, from `make B=build neon-roots` (gen-roots.c:
 * x0 by bisection on the MPFR reference, P interpolating f'/t at Chebyshev
 * nodes, binary32 coefficients, P0 and P1 pairs).  root_poly4 evaluates t P(t)
 * for t = x - x0 as a pair (root_t: two_sum throughout, so t is exact but
 * for a last rounding far below t): the
 * relative error is that of P, 2^-30 or better, instead of the general
 * formula's 2^-31 absolute error divided by a result going to 0. */
#ifndef ROOTS_NEON_H
#define ROOTS_NEON_H

#include "exp-neon.h"

/* silu' = t P(t), t = x - x0, |t| <= 0.125: x0 = -1.278464542761073795109359; relative error of t P(t) <= 2^-34.3 (gen-roots.c) */
#define H_X0_HI -0x1.474974p+0f
#define H_X0_LO 0x1.bdf6fap-27f
#define H_DELTA 0x1p-3f
#define H_P0_HI 0x1.be141p-3f
#define H_P0_LO 0x1.18154cp-29f
#define H_P1_HI 0x1.2c5634p-3f
#define H_P1_LO 0x1.6330a8p-29f
#define H_P2 0x1.353eb6p-6f
#define H_P3 -0x1.f2d0e4p-7f
#define H_P4 -0x1.b0f7f6p-8f
#define H_P5 0x1.09937p-13f
#define H_P6 0x1.a1fbf6p-11f
#define H_P7 0x1.8382d2p-13f

/* gelu_tanh' = t P(t), t = x - x0, |t| <= 0.125: x0 = -0.7524614220710162584879544; relative error of t P(t) <= 2^-36.1 (gen-roots.c) */
#define GT_X0_HI -0x1.8142ap-1f
#define GT_X0_LO 0x1.85a06cp-27f
#define GT_DELTA 0x1p-3f
#define GT_P0_HI 0x1.b8bacep-2f
#define GT_P0_LO -0x1.a6d28ep-27f
#define GT_P1_HI 0x1.8cd1a2p-2f
#define GT_P1_LO 0x1.65ffe6p-27f
#define GT_P2 -0x1.029616p-6f
#define GT_P3 -0x1.d2b774p-4f
#define GT_P4 -0x1.104a84p-6f
#define GT_P5 0x1.427996p-6f
#define GT_P6 0x1.58c8d2p-8f
#define GT_P7 -0x1.3d8cc4p-9f
#define GT_P8 -0x1.e3b5d6p-11f
#define GT_P9 0x1.13529p-12f

/* mish' = t P(t), t = x - x0, |t| <= 0.125: x0 = -1.192431214515495212137588; relative error of t P(t) <= 2^-36.3 (gen-roots.c) */
#define MI_X0_HI -0x1.31432cp+0f
#define MI_X0_LO -0x1.a25b08p-29f
#define MI_DELTA 0x1p-3f
#define MI_P0_HI 0x1.115accp-2f
#define MI_P0_LO -0x1.7b5fe8p-27f
#define MI_P1_HI 0x1.a34a26p-3f
#define MI_P1_LO -0x1.c4ea5p-28f
#define MI_P2 0x1.574f12p-5f
#define MI_P3 -0x1.4c223p-6f
#define MI_P4 -0x1.03369ep-6f
#define MI_P5 -0x1.b87dep-9f
#define MI_P6 0x1.1e6018p-10f
#define MI_P7 0x1.037a3p-10f
#define MI_P8 0x1.08302ep-12f
#define MI_P9 -0x1.65a49ap-15f

/* gelu' = t P(t), t = x - x0, |t| <= 0.75: x0 = -0.7517915246935644574579049; relative error of t P(t) <= 2^-30.1 (gen-roots.c) */
#define GE_X0_HI -0x1.80ead2p-1f
#define GE_X0_LO 0x1.a03fd4p-27f
#define GE_DELTA 0x1.8p-1f
#define GE_P0_HI 0x1.b9d99p-2f
#define GE_P0_LO -0x1.69602ap-28f
#define GE_P1_HI 0x1.8d9a94p-2f
#define GE_P1_LO 0x1.de3a28p-30f
#define GE_P2 -0x1.2a2efap-6f
#define GE_P3 -0x1.d2fa4cp-4f
#define GE_P4 -0x1.e40876p-7f
#define GE_P5 0x1.3e346ep-6f
#define GE_P6 0x1.297aa2p-8f
#define GE_P7 -0x1.258a6ap-9f
#define GE_P8 -0x1.8658e8p-11f
#define GE_P9 0x1.86c732p-13f
#define GE_P10 0x1.66138ap-14f
#define GE_P11 -0x1.781bd6p-17f
#define GE_P12 -0x1.c1f8ecp-18f
#define GE_P13 0x1.ca2b5ep-22f

/* t P(t) for t = th + tl, P = (p0h + p0l) + t ((p1h + p1l) + t q(t)),
 * q = c[2] + t (c[3] + ...) in binary32, the last two steps in pairs */
static inline v4f root_poly4(v4f th, v4f tl, float p0h, float p0l, float p1h, float p1l,
                             const float *c, int deg)
{
  v4f t = th + tl;
  v4f q = V(c[deg]);
  for (int i = deg - 1; i >= 2; i--)
    q = fma4(q, t, V(c[i]));
  v4f ml, mh = mul_dd(th, tl, q, V(0.0f), &ml);      /* t q */
  v4f al, ah = two_sum(V(p1h), mh, &al);              /* p1 + t q */
  al = al + ml + V(p1l);
  v4f nl, nh = mul_dd(th, tl, ah, al, &nl);           /* t (p1 + t q) */
  v4f gl, gh = two_sum(V(p0h), nh, &gl);              /* P(t) */
  gl = gl + nl + V(p0l);
  v4f rl, rh = mul_dd(th, tl, gh, gl, &rl);
  return rh + rl;
}
/* t = (xh + xl) - (x0h + x0l) as th + *tl, exactly but for the last
 * rounding of *tl */
static inline v4f root_t(v4f xh, v4f xl, float x0h, float x0l, v4f *tl)
{
  v4f de, d = two_sum(xh, V(-x0h), &de);
  v4f ae, a = two_sum(d, xl, &ae);
  v4f be, b = two_sum(a, V(-x0l), &be);
  *tl = de + ae + be;
  return b;
}
/* lanes with |xh - x0h| < delta */
static inline v4u near_root(v4f xh, float x0h, float delta)
{
  return vcaltq_f32(xh - V(x0h), V(delta));
}

#define ROOT_COEFFS(T)                                                                   \
  {0, 0, T##_P2, T##_P3, T##_P4, T##_P5, T##_P6, T##_P7, T##_P8, T##_P9, T##_P10,     \
   T##_P11, T##_P12, T##_P13}
#define H_DEG 7
#define H_P8 0.0f
#define H_P9 0.0f
#define H_P10 0.0f
#define H_P11 0.0f
#define H_P12 0.0f
#define H_P13 0.0f
#define GT_DEG 9
#define GT_P10 0.0f
#define GT_P11 0.0f
#define GT_P12 0.0f
#define GT_P13 0.0f
#define MI_DEG 9
#define MI_P10 0.0f
#define MI_P11 0.0f
#define MI_P12 0.0f
#define MI_P13 0.0f
#define GE_DEG 13

#endif
