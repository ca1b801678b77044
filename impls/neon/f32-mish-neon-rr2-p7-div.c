/* mish(x) = x tanh(softplus(x)) without log or tanh: with w = exp(x),
 * tanh(log1p(w)) = N/(N + 2), N = w (w + 2).  From e = exp(-|x|) (exp-neon.h):
 *   x < 0  (w = e):   x e (2 + e) / (2 + e (2 + e)),  scaled by 2^n last;
 *   x >= 0 (w = 1/e): x (1 + 2e) / (1 + 2e + 2e^2);
 * every sum and product a float pair, one corrected division (div).
 * mish(-0) = -0, -0 below -160 (the limit at -inf), x above 32.
 * mish'(x) = tanh(sp) + x sigmoid(x) sech(sp)^2:
 *   x < 0:  e K / D^2, D = 2 + N, K = (2 + e) D + 4x (1 + e): K cancels near
 *           the root x0 = -1.1924 (summed exactly from float pairs; the error
 *           there is e's, 2^-31 relative, in ulps of a result going to 0):
 *           within 1/8 of x0, t P(t), t = x - x0 (roots-neon.h);
 *   x >= 0: (B C (1 + e) + 4x e^2 (B + e^2)) / ((1 + e) C^2), B = 1 + 2e,
 *           C = B + 2e^2, all terms positive. */
#include "roots-neon.h"

static const float mic[] = ROOT_COEFFS(MI);

typedef struct {
  act_exp4 E;
  v4f e, el;     /* exp(-|x|) */
  v4f Ah, Al;    /* x < 0: A = 2 + e */
  v4f Dh, Dl;    /* x < 0: D = 2 + e A */
  v4f Bh, Bl;    /* x >= 0: B = 1 + 2e */
  v4f Ch, Cl;    /* x >= 0: C = B + 2e^2 */
  v4f E2h, E2l;  /* e^2 */
} mish_parts;

static inline mish_parts parts(v4f x)
{
  mish_parts m;
  m.E = exp4_rr2_p7(vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(x))), V(0.0f));
  m.e = exp4_value(&m.E, &m.el);
  v4f t, u;
  m.Ah = fast_two_sum(V(2.0f), m.e, &m.Al);
  m.Al = m.Al + m.el;
  v4f Nl, Nh = mul_dd(m.e, m.el, m.Ah, m.Al, &Nl);
  m.Dh = two_sum(V(2.0f), Nh, &t);
  m.Dh = fast_two_sum(m.Dh, t + Nl, &m.Dl);
  m.Bh = two_sum(V(1.0f), m.e + m.e, &t);
  m.Bl = t + (m.el + m.el);
  m.E2h = mul_dd(m.e, m.el, m.e, m.el, &m.E2l);
  m.Ch = two_sum(m.Bh, m.E2h + m.E2h, &u);
  m.Ch = fast_two_sum(m.Ch, u + m.Bl + (m.E2l + m.E2l), &m.Cl);
  return m;
}

static inline v4f mish4(v4f x, const float *p)
{
  (void)p;
  mish_parts m = parts(x);
  v4u neg = v_lt(x, V(0.0f));
  v4f z = V(0.0f);
  /* |x| < 2^-60: the multiplier x taken as x 2^64 (low products stay
   * normal: results do not depend on FZ), the result scaled back */
  v4u tiny = vcaltq_f32(x, V(0x1p-60f));
  v4f k = v_sel(tiny, V(0x1p-64f), V(1.0f));
  v4f xs = v_sel(tiny, V(0x1p+64f) * x, x);
  v4f ml, mh = mul_dd(m.E.ph, m.E.pl, m.Ah, m.Al, &ml);   /* e A / 2^n */
  v4f nnl, nnh = mul_dd(xs, z, mh, ml, &nnl);
  v4f pnl, pnh = mul_dd(xs, z, m.Bh, m.Bl, &pnl);        /* x B */
  v4f q = div_dd1(v_sel(neg, nnh, pnh), v_sel(neg, nnl, pnl), v_sel(neg, m.Dh, m.Ch),
                  v_sel(neg, m.Dl, m.Cl));
  v4f y = v_or(v_sel(neg, exp4_scale(&m.E, q), q) * k, v_signbit(x));
  y = v_sel(v_gt(x, V(32.0f)), x, y);
  return nan_fix(x, v_sel(v_lt(x, V(EXP_TMIN)), V(-0.0f), y));
}

static inline v4f mish_d4(v4f x, const float *p)
{
  (void)p;
  mish_parts m = parts(x);
  v4u neg = v_lt(x, V(0.0f));
  v4f z = V(0.0f), x4 = V(4.0f) * x, t;
  v4f ol, oh = fast_two_sum(V(1.0f), m.e, &ol);          /* 1 + e */
  ol = ol + m.el;
  /* x < 0: e K / D^2 */
  v4f adl, adh = mul_dd(m.Ah, m.Al, m.Dh, m.Dl, &adl);
  v4f jl, jh = mul_dd(x4, z, oh, ol, &jl);
  v4f Kl, Kh = two_sum(adh, jh, &t);
  Kh = fast_two_sum(Kh, t + adl + jl, &Kl);
  v4f nnl, nnh = mul_dd(m.E.ph, m.E.pl, Kh, Kl, &nnl);
  v4f ddl, ddh = mul_dd(m.Dh, m.Dl, m.Dh, m.Dl, &ddl);
  /* x >= 0 */
  v4f bcl, bch = mul_dd(m.Bh, m.Bl, m.Ch, m.Cl, &bcl);
  v4f ul, uh = mul_dd(bch, bcl, oh, ol, &ul);             /* B C (1 + e) */
  v4f bel, beh = two_sum(m.Bh, m.E2h, &bel);              /* B + e^2 */
  bel = bel + m.Bl + m.E2l;
  v4f vl, vh = mul_dd(m.E2h, m.E2l, beh, bel, &vl);
  vh = mul_dd(vminq_f32(x4, V(0x1p+100f)), z, vh, vl, &vl); /* 4x e^2 (B + e^2) */
  v4f ph = two_sum(uh, vh, &t), pl = t + ul + vl;
  v4f c2l, c2h = mul_dd(m.Ch, m.Cl, m.Ch, m.Cl, &c2l);
  v4f pdl, pdh = mul_dd(oh, ol, c2h, c2l, &pdl);
  v4f q = div_dd1(v_sel(neg, nnh, ph), v_sel(neg, nnl, pl), v_sel(neg, ddh, pdh),
                  v_sel(neg, ddl, pdl));
  v4f y = v_sel(neg, exp4_scale(&m.E, q), q);
  y = v_sel(v_gt(x, V(32.0f)), V(1.0f), y);
  v4f tl, th = root_t(x, V(0.0f), MI_X0_HI, MI_X0_LO, &tl);
  y = v_sel(near_root(x, MI_X0_HI, MI_DELTA), root_poly4(th, tl, MI_P0_HI, MI_P0_LO, MI_P1_HI, MI_P1_LO, mic, MI_DEG), y);
  return nan_fix(x, v_sel(v_lt(x, V(EXP_TMIN)), V(-0.0f), y));
}

NEON_FWD(f32_mish_neon_rr2_p7_div, mish4)
NEON_BWD_MUL(f32_mish_bwd_neon_rr2_p7_div, mish_d4)
