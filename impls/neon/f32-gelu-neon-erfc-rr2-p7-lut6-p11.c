/* gelu(x) = x Phi(x), gelu'(x) = Phi(x) + x phi(x): the scheme of
 * f32-gelu-neon-erfc-rr1-p6-lut5-p8, every part carried further:
 * |x| >= 1/4, z = |x|:  x (1 - Phi(z)) = sign(x) E G,  E = exp(-z^2/2),
 *     G(z) = z exp(z^2/2) erfc(z/sqrt2)/2 (0.18 .. 1/sqrt(2 pi));
 *   x > 0: gelu = x - E G,  x < 0: gelu = -E G (no 1 + erf cancels);
 *   G: degree-11 polynomial per binade of z, [1/4, 1/2) .. [8, 16) (lut6:
 *     TBL on byte indices 4k .. 4k+3), relative error <= 2^-29.3 (gelu-erfc-neon.h,
 *     from gen-gelu.c), Horner in binary32 but for the last two steps, in
 *     float pairs, so G is a pair good to about 2^-29;
 *   E: -z^2/2 split exactly into h + l (FMA), exp(h + l) from exp-neon.h
 *     (rr2 p7, a float pair, 2^-31), scaled by 2^n last;
 *   E G a pair product: x < 0 gives -(E G) rounded once (also subnormal
 *   results), x > 0 gives x - E G summed exactly and rounded once.
 *   z is clamped at 14.385, where gelu(-z) rounds to -0; x beyond gives x.
 * |x| < 1/4: x/2 + x (x P(x^2)), P ~ (Phi(x) - 1/2)/x of degree 4 in x^2
 *   (2^-25, on a term below 0.25 of the result); |x| < 2^-124: x/2 rounded
 *   upwards (fixed where x/2 is a subnormal midpoint).
 * Backward: x > 0: 1 + E K, x < 0: -E K, K = z/sqrt(2 pi) - G/z as float
 *   pairs (a corrected quotient G/z); |x| < 1/4: 1/2 + x D(x^2); within 3/4
 *   of gelu's minimum x0 = -0.7518, where K cancels, t P(t), t = x - x0
 *   (roots-neon.h); clamped at 14.57 (-0 on the left, 1 on the right).
 * NaN propagates; gelu(-inf) = -0, gelu(+inf) = +inf. */
#include "gelu-erfc-neon.h"
#include "roots-neon.h"

#define R2PI_HI 0x1.988454p-2f  /* 1/sqrt(2 pi) rounded to binary32 */
#define R2PI_LO -0x1.857936p-27f /* 1/sqrt(2 pi) - R2PI_HI */

static const float ctab[8] __attribute__((aligned(16))) = {
  0x1.8p-2f, 0x1.8p-1f, 0x1.8p+0f, 0x1.8p+1f, 0x1.8p+2f, 0x1.8p+3f, 0, 0}; /* c_k */
static const float gec[] = ROOT_COEFFS(GE);

/* entry k (per lane, byte indices in idx) of an 8-float table */
static inline v4f lut8(const float *t, uint8x16_t idx)
{
  const uint8x16x2_t tb = vld1q_u8_x2((const uint8_t *)t);
  return vreinterpretq_f32_u8(vqtbl2q_u8(tb, idx));
}

/* G(z) as gh + *gl, 1/4 <= z < 16 (other lanes: garbage, blended away) */
static inline v4f G4(v4f z, v4f *gl)
{
  const uint32x4_t k = vsubq_u32(vshrq_n_u32(u_of(z), 23), vdupq_n_u32(125));
  const uint8x16_t idx = vreinterpretq_u8_u32(
    vmlaq_u32(vdupq_n_u32(0x03020100u), k, vdupq_n_u32(0x04040404u)));
  v4f s = z - lut8(ctab, idx); /* exact (Sterbenz) */
  v4f q = lut8(gtab[GDEG], idx);
  for (int j = GDEG - 1; j >= 2; j--)
    q = fma4(q, s, lut8(gtab[j], idx));
  v4f mh = s * q, ml = fms4(s, q, mh);                      /* s q */
  v4f al, ah = two_sum(lut8(gtab[1], idx), mh, &al);        /* g1 + s q */
  al = al + ml + lut8(glo[1], idx);
  v4f nl, nh = mul_dd(s, V(0.0f), ah, al, &nl);
  v4f Gl, Gh = two_sum(lut8(gtab[0], idx), nh, &Gl);        /* g0 + s (...) */
  *gl = Gl + nl + lut8(glo[0], idx);
  return Gh;
}

/* exp(-z^2/2): -z^2/2 = h + l exactly */
static inline act_exp4 E4(v4f z)
{
  v4f zz = z * z;
  return exp4_rr2_p7(zz * V(-0.5f), fms4(z, z, zz) * V(-0.5f));
}

/* |x| < 2^-124: RN(x/2), plus 2^-149 where x/2 lay above it. */
static inline v4f tiny4(v4f x)
{
  v4f h = x * V(0.5f), rem = fnma4(h, V(2.0f), x); /* exact */
  return v_sel(v_gt(rem, V(0.0f)), h + V(0x1p-149f), h);
}

static inline v4f fwd4(v4f x, const float *p)
{
  (void)p;
  v4f z = vminq_f32(V(0x1.cc5p+3f), vabsq_f32(x)); /* 14.385; NaN stays */
  v4f gl, gh = G4(z, &gl);
  act_exp4 E = E4(z);
  v4f ml, mh = mul_dd(E.ph, E.pl, gh, gl, &ml);     /* E G / 2^n */
  v4f yn = vnegq_f32(exp4_scale(&E, mh + ml));
  v4f sh = exp4_scale(&E, mh), sl = exp4_scale(&E, ml);
  v4f e, s = two_sum(x, vnegq_f32(sh), &e);
  v4f yp = v_sel(v_gt(x, V(0x1.cc5p+3f)), x, s + (e - sl)); /* x - E G */
  v4f y = v_sel(v_gt(x, V(0.0f)), yp, yn);
  /* |x| < 1/4: x/2 + x (x P(x^2)), P ~ (Phi(x) - 1/2)/x */
  v4f u = x * x;
  v4f P = fma4(V(0x1.907f3p-13f), u, V(-0x1.42f046p-10f));
  P = fma4(P, u, V(0x1.4717a6p-7f));
  P = fma4(P, u, V(-0x1.1058d8p-4f));
  P = fma4(P, u, V(0x1.988454p-2f)); /* 1/sqrt(2 pi) */
  y = v_sel(vcaltq_f32(x, V(0.25f)), fma4(x, x * P, x * V(0.5f)), y);
  y = v_sel(vcaltq_f32(x, V(0x1p-124f)), tiny4(x), y);
  return nan_fix(x, y);
}

static inline v4f bwd4(v4f x, v4f dy, const float *p)
{
  (void)p;
  v4f z = vminq_f32(V(0x1.d24p+3f), vabsq_f32(x)); /* 14.57; NaN stays */
  v4f gl, gh = G4(z, &gl);
  act_exp4 E = E4(z);
  v4f al, ah = mul_dd(z, V(0.0f), V(R2PI_HI), V(R2PI_LO), &al); /* z/sqrt(2 pi) */
  v4f bl, bh = div_dd(gh, gl, z, V(0.0f), &bl);                  /* G/z */
  v4f kl, kh = two_sum(ah, vnegq_f32(bh), &kl);                  /* K */
  kl = kl + (al - bl);
  v4f ml, mh = mul_dd(E.ph, E.pl, kh, kl, &ml);                  /* E K / 2^n */
  v4f dn = vnegq_f32(exp4_scale(&E, mh + ml));
  v4f sh = exp4_scale(&E, mh), sl = exp4_scale(&E, ml);
  v4f e, s = two_sum(V(1.0f), sh, &e);
  v4f d = v_sel(v_gt(x, V(0.0f)), s + (e + sl), dn);
  d = v_sel(v_gt(x, V(0x1.d24p+3f)), V(1.0f), d);
  /* |x| < 1/4: 1/2 + x D(x^2), D ~ (gelu'(x) - 1/2)/x */
  v4f u = x * x;
  v4f D = fma4(V(-0x1.20705ep-9f), u, V(0x1.54751cp-9f));
  D = fma4(D, u, V(-0x1.4322a2p-7f));
  D = fma4(D, u, V(0x1.ea8c18p-5f));
  D = fma4(D, u, V(-0x1.1058bp-2f));
  D = fma4(D, u, V(0x1.988454p-1f)); /* 2/sqrt(2 pi) */
  d = v_sel(vcaltq_f32(x, V(0.25f)), fma4(x, D, V(0.5f)), d);
  v4f tl, th = root_t(x, V(0.0f), GE_X0_HI, GE_X0_LO, &tl);
  d = v_sel(near_root(x, GE_X0_HI, GE_DELTA),
            root_poly4(th, tl, GE_P0_HI, GE_P0_LO, GE_P1_HI, GE_P1_LO, gec, GE_DEG), d);
  return dy * nan_fix(x, d);
}

NEON_FWD(f32_gelu_neon_erfc_rr2_p7_lut6_p11, fwd4)
NEON_BWD(f32_gelu_bwd_neon_erfc_rr2_p7_lut6_p11, bwd4)
