/* mish(x) = x tanh(softplus(x)) without log or tanh: with w = exp(x),
 * tanh(log1p(w)) = N/(N + 2), N = w (w + 2).  From e = exp(-|x|) (exp-avx2.h):
 *   x < 0  (w = e):   x e (2 + e) / (2 + e (2 + e)),  scaled by 2^n last;
 *   x >= 0 (w = 1/e): x (1 + 2e) / (1 + 2e + 2e^2);
 * every sum and product a float pair, one corrected division (div).
 * mish(-0) = -0, -0 below -160 (the limit at -inf), x above 32.
 * mish'(x) = tanh(sp) + x sigmoid(x) sech(sp)^2:
 *   x < 0:  e K / D^2, D = 2 + N, K = (2 + e) D + 4x (1 + e): K cancels near
 *           the root x0 = -1.1924 (summed exactly from float pairs; the error
 *           there is e's, 2^-31 relative, in ulps of a result going to 0):
 *           within 1/8 of x0, t P(t), t = x - x0 (roots-avx2.h);
 *   x >= 0: (B C (1 + e) + 4x e^2 (B + e^2)) / ((1 + e) C^2), B = 1 + 2e,
 *           C = B + 2e^2, all terms positive. */
#include "roots-avx2.h"

static const root_poly rp = ROOT_COEFFS(MI);

typedef struct {
  act_exp8 E;
  __m256 e, el;     /* exp(-|x|) */
  __m256 Ah, Al;    /* x < 0: A = 2 + e */
  __m256 Dh, Dl;    /* x < 0: D = 2 + e A */
  __m256 Bh, Bl;    /* x >= 0: B = 1 + 2e */
  __m256 Ch, Cl;    /* x >= 0: C = B + 2e^2 */
  __m256 E2h, E2l;  /* e^2 */
} mish_parts;

static inline mish_parts parts(__m256 x)
{
  mish_parts m;
  m.E = exp8_rr2_p7(_mm256_max_ps(V(EXP_TMIN), -vabs(x)), V(0.0f));
  m.e = exp8_value(&m.E, &m.el);
  __m256 t, u;
  m.Ah = fast_two_sum(V(2.0f), m.e, &m.Al);
  m.Al = m.Al + m.el;
  __m256 Nl, Nh = mul_dd(m.e, m.el, m.Ah, m.Al, &Nl);
  m.Dh = two_sum(V(2.0f), Nh, &t);
  m.Dh = fast_two_sum(m.Dh, t + Nl, &m.Dl);
  m.Bh = two_sum(V(1.0f), m.e + m.e, &t);
  m.Bl = t + (m.el + m.el);
  m.E2h = mul_dd(m.e, m.el, m.e, m.el, &m.E2l);
  m.Ch = two_sum(m.Bh, m.E2h + m.E2h, &u);
  m.Ch = fast_two_sum(m.Ch, u + m.Bl + (m.E2l + m.E2l), &m.Cl);
  return m;
}

static inline __m256 mish8(__m256 x, const float *p)
{
  (void)p;
  mish_parts m = parts(x);
  __m256 neg = vlt(x, V(0.0f)), z = V(0.0f);
  /* |x| < 2^-60: the multiplier x taken as x 2^64 (low products stay
   * normal: results do not depend on FTZ/DAZ), the result scaled back */
  __m256 tiny = vlt(vabs(x), V(0x1p-60f)), k = vsel(tiny, V(0x1p-64f), V(1.0f));
  __m256 xs = vsel(tiny, V(0x1p+64f) * x, x);
  __m256 ml, mh = mul_dd(m.E.ph, m.E.pl, m.Ah, m.Al, &ml);   /* e A / 2^n */
  __m256 nnl, nnh = mul_dd(xs, z, mh, ml, &nnl);
  __m256 pnl, pnh = mul_dd(xs, z, m.Bh, m.Bl, &pnl);        /* x B */
  __m256 q = div_dd1(vsel(neg, nnh, pnh), vsel(neg, nnl, pnl), vsel(neg, m.Dh, m.Ch),
                     vsel(neg, m.Dl, m.Cl));
  __m256 y = _mm256_or_ps(vsel(neg, exp8_scale(&m.E, q), q) * k, vsignbit(x));
  y = vsel(vgt(x, V(32.0f)), x, y);
  return nan_fix(x, vsel(vlt(x, V(EXP_TMIN)), V(-0.0f), y));
}

static inline __m256 mish_d8(__m256 x, const float *p)
{
  (void)p;
  mish_parts m = parts(x);
  __m256 neg = vlt(x, V(0.0f)), z = V(0.0f), x4 = V(4.0f) * x, t;
  __m256 ol, oh = fast_two_sum(V(1.0f), m.e, &ol);          /* 1 + e */
  ol = ol + m.el;
  /* x < 0: e K / D^2 */
  __m256 adl, adh = mul_dd(m.Ah, m.Al, m.Dh, m.Dl, &adl);
  __m256 jl, jh = mul_dd(x4, z, oh, ol, &jl);
  __m256 Kh = two_sum(adh, jh, &t), Kl;
  Kh = fast_two_sum(Kh, t + adl + jl, &Kl);
  __m256 nnl, nnh = mul_dd(m.E.ph, m.E.pl, Kh, Kl, &nnl);
  __m256 ddl, ddh = mul_dd(m.Dh, m.Dl, m.Dh, m.Dl, &ddl);
  /* x >= 0 */
  __m256 bcl, bch = mul_dd(m.Bh, m.Bl, m.Ch, m.Cl, &bcl);
  __m256 ul, uh = mul_dd(bch, bcl, oh, ol, &ul);             /* B C (1 + e) */
  __m256 bel, beh = two_sum(m.Bh, m.E2h, &bel);              /* B + e^2 */
  bel = bel + m.Bl + m.E2l;
  __m256 vl, vh = mul_dd(m.E2h, m.E2l, beh, bel, &vl);
  vh = mul_dd(_mm256_min_ps(x4, V(0x1p+100f)), z, vh, vl, &vl); /* 4x e^2 (B + e^2) */
  __m256 ph = two_sum(uh, vh, &t), pl = t + ul + vl;
  __m256 c2l, c2h = mul_dd(m.Ch, m.Cl, m.Ch, m.Cl, &c2l);
  __m256 pdl, pdh = mul_dd(oh, ol, c2h, c2l, &pdl);
  __m256 q = div_dd1(vsel(neg, nnh, ph), vsel(neg, nnl, pl), vsel(neg, ddh, pdh),
                     vsel(neg, ddl, pdl));
  __m256 y = vsel(neg, exp8_scale(&m.E, q), q);
  y = vsel(vgt(x, V(32.0f)), V(1.0f), y);
  __m256 near = ROOT_NEAR8(x, MI);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_TX8(x, MI, &tl);
    y = root_blend8(y, near, th, tl, &rp);
  }
  return nan_fix(x, vsel(vlt(x, V(EXP_TMIN)), V(-0.0f), y));
}

ACT_AVX2_FWD(f32_mish_avx2_rr2_p7_div, mish8)
ACT_AVX2_BWD(f32_mish_bwd_avx2_rr2_p7_div, mish_d8)
