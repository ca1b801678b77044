/* exp-neon.h: shared pieces of the NEON (AArch64 Advanced SIMD + FMA)
 * exponential-family kernels; the same algorithm as ../avx2/exp-avx2.h.
 *
 * exp(t) for -160 <= t <= 0 (callers clamp t; NaN passes) is returned as
 * (ph + pl) * s1 * s2:
 *   n = round(t log2e) (FRINTN); r = t - n ln2 in two steps (ln2 = LN2_HI +
 *   LN2_LO, t - n LN2_HI exact), the rounding of r kept as re (rr2);
 *   exp(r) = 1 + r + r^2/2 + r^3 Q(r), |r| <= ln2/2, Q of degree 4 (p7:
 *   error 2^-31.9 after rounding the coefficients to binary32); the sum is
 *   kept as a float pair so ph + pl carries about 31 bits;
 *   2^n = s1 s2, s1 = 2^max(n, -122), s2 = 2^(n - max(n, -122)) >= 2^-109:
 *   y*s1 stays normal for y >= 1/8, so y*s1*s2 rounds once, into the
 *   subnormals if it must.  Results are formed from ph + pl and scaled last.
 * Also: error-free sums and products, a quotient of float pairs correctly
 * rounded but for 2^-30, log1p(e) for 0 <= e <= 1.  GCC vector operators
 * (+ - * /) are the plain FADD/FSUB/FMUL/FDIV: these files are built with
 * -ffp-contract=off, so every fused multiply-add is a written vfmaq/vfmsq.
 *
 * NEON notes: vmaxq_f32/vminq_f32 (FMAX/FMIN) return NaN if either operand
 * is NaN (the AVX2 code relies on MAXPS returning its second operand: every
 * use here passes a NaN on either way); FMAXNM/FMINNM would drop it.
 * Comparisons are false for NaN, as _CMP_*_OQ. */
#ifndef EXP_NEON_H
#define EXP_NEON_H

#include <arm_neon.h>
#include <stddef.h>

#include "actcheck.h"
#include "loop-neon.h"

typedef float32x4_t v4f;
typedef uint32x4_t v4u;

#define V(c) vdupq_n_f32(c)

#define EXP_TMIN   -0x1.4p+7f      /* -160: exp(t) is clamped below; 2^-230 times any
                                      multiplier used here is 0 in binary32 */
#define LOG2E      0x1.715476p+0f  /* log2(e) */
#define LN2_HI     0x1.62e430p-1f  /* ln2 rounded to binary32; n*LN2_HI is exact in an fma */
#define LN2_LO     -0x1.05c610p-29f /* ln2 - LN2_HI */

static inline v4f f_of(v4u m) { return vreinterpretq_f32_u32(m); }
static inline v4u u_of(v4f x) { return vreinterpretq_u32_f32(x); }
static inline v4f v_sel(v4u m, v4f a, v4f b) { return vbslq_f32(m, a, b); }
static inline v4u v_lt(v4f a, v4f b) { return vcltq_f32(a, b); }
static inline v4u v_gt(v4f a, v4f b) { return vcgtq_f32(a, b); }
static inline v4f v_and(v4f x, v4u m) { return f_of(vandq_u32(u_of(x), m)); }
static inline v4f v_signbit(v4f x) { return f_of(vandq_u32(u_of(x), vdupq_n_u32(0x80000000u))); }
static inline v4f v_or(v4f a, v4f b) { return f_of(vorrq_u32(u_of(a), u_of(b))); }
/* a * b + c, c - a * b, a * b - c: one rounding each */
static inline v4f fma4(v4f a, v4f b, v4f c) { return vfmaq_f32(c, a, b); }
static inline v4f fnma4(v4f a, v4f b, v4f c) { return vfmsq_f32(c, a, b); }
static inline v4f fms4(v4f a, v4f b, v4f c) { return vfmaq_f32(vnegq_f32(c), a, b); }
/* NaN lanes of x come out as x + x (quiet, payload kept) */
static inline v4f nan_fix(v4f x, v4f y) { return vbslq_f32(vceqq_f32(x, x), y, x + x); }

/* a + b = s + *e exactly, any magnitudes (Knuth) */
static inline v4f two_sum(v4f a, v4f b, v4f *e)
{
  v4f s = a + b, bb = s - a;
  *e = (a - (s - bb)) + (b - bb);
  return s;
}
/* a + b = s + *e exactly when |a| >= |b| (Dekker) */
static inline v4f fast_two_sum(v4f a, v4f b, v4f *e)
{
  v4f s = a + b;
  *e = b - (s - a);
  return s;
}
/* (ah + al)(bh + bl) = hi + *lo to about 2^-46 */
static inline v4f mul_dd(v4f ah, v4f al, v4f bh, v4f bl, v4f *lo)
{
  v4f hi = ah * bh;
  *lo = fma4(ah, bl, fma4(al, bh, fms4(ah, bh, hi)));
  return hi;
}
/* 1/d to about 16 bits (FRECPE, one FRECPS step), d >= 1 here */
static inline v4f recip16(v4f d)
{
  v4f r = vrecpeq_f32(d);
  return r * vrecpsq_f32(d, r);
}
/* (nh + nl)/(dh + dl): q = nh/dh, corrected once by the exact remainder
 * nh - q dh; the correction (about an ulp of q) needs only 16 bits of 1/dh. */
static inline v4f div_dd(v4f nh, v4f nl, v4f dh, v4f dl, v4f *lo)
{
  v4f q = nh / dh;
  v4f rem = fnma4(q, dh, nh) + fnma4(q, dl, nl);
  v4f c = rem * recip16(dh);
  return fast_two_sum(q, c, lo);
}
static inline v4f div_dd1(v4f nh, v4f nl, v4f dh, v4f dl)
{
  v4f lo, hi = div_dd(nh, nl, dh, dl, &lo);
  return hi + lo;
}

/* z = b x exactly as zh + *zl (fma); *zl = 0 where |zh| >= 2^64 (no
 * inf - inf when b x overflows; exp(-|z|) is 0 there anyway) */
static inline v4f mul_exact(v4f b, v4f x, v4f *zl)
{
  v4f zh = b * x;
  *zl = v_and(fms4(b, x, zh), vcaltq_f32(zh, V(0x1p+64f)));
  return zh;
}

typedef struct {
  v4f ph, pl; /* exp(t) / 2^n, about 1, as a float pair */
  v4f s1, s2; /* 2^n = s1 s2 */
  v4f n;      /* n, integral, -231 <= n <= 0 */
} act_exp4;

static inline v4f exp2i(v4f k) /* 2^k for integral -126 <= k <= 127 */
{
  return vreinterpretq_f32_s32(
    vshlq_n_s32(vaddq_s32(vcvtnq_s32_f32(k), vdupq_n_s32(127)), 23));
}

/* exp(th + tl), EXP_TMIN <= th <= 0, |tl| <= ulp(th) */
static inline act_exp4 exp4_rr2_p7(v4f th, v4f tl)
{
  act_exp4 E;
  v4f n = vrndnq_f32(th * V(LOG2E));
  v4f rh = fnma4(n, V(LN2_HI), th);           /* exact */
  v4f rl = fnma4(n, V(LN2_LO), tl);           /* the rest, < 2^-20 */
  v4f re, r = two_sum(rh, rl, &re);           /* r + re = t - n ln2 */
  /* Q(r) ~ (exp(r) - 1 - r - r^2/2)/r^3 on [-ln2/2, ln2/2], Remez */
  v4f q = fma4(V(0x1.a19c5ep-13f), r, V(0x1.6d4f14p-10f));
  q = fma4(q, r, V(0x1.111094p-7f));
  q = fma4(q, r, V(0x1.5554e6p-5f));
  q = fma4(q, r, V(0x1.555556p-3f));
  v4f r2 = r * r, r2e = fms4(r, r, r2);       /* r^2 = r2 + r2e exactly */
  v4f h = V(0.5f) * r2;                       /* r^2/2, exact */
  v4f hl = fma4(r2 * r, q, V(0.5f) * r2e);    /* r^3 Q(r) + the rest of r^2/2 */
  v4f ve, v = fast_two_sum(h, hl, &ve);       /* exp(r) - 1 - r */
  v4f ue, u = fast_two_sum(r, v, &ue);        /* |r| >= |v| */
  v4f pe;
  E.ph = fast_two_sum(V(1.0f), u, &pe);       /* |u| < 1/2 */
  E.pl = pe + (ue + ve + re * E.ph);          /* exp(r + re) = exp(r)(1 + re) */
  v4f n1 = vmaxq_f32(n, V(-122.0f));
  E.s1 = exp2i(n1);
  E.s2 = exp2i(n - n1);
  E.n = n;
  return E;
}
/* exp(t) as a float pair (eh + *el); eh rounded once if subnormal */
static inline v4f exp4_value(const act_exp4 *E, v4f *el)
{
  *el = E->pl * E->s1 * E->s2;
  return E->ph * E->s1 * E->s2;
}
/* y * 2^n, one rounding */
static inline v4f exp4_scale(const act_exp4 *E, v4f y) { return y * E->s1 * E->s2; }

/* y * 2^(n - k), 0 <= k <= 32 integral, one rounding for 1/8 <= |y| <= 2
 * (the power split as in exp4_rr2_p7; below 2^-248 it is 0 anyway) */
static inline v4f exp4_scale_k(const act_exp4 *E, v4f y, float k)
{
  v4f nk = vmaxq_f32(E->n - V(k), V(-248.0f));
  v4f n1 = vmaxq_f32(nk, V(-122.0f));
  return y * exp2i(n1) * exp2i(nk - n1);
}

/* expm1(t) = exp(t) - 1 as a normalized float pair, t as for exp4_rr2_p7;
 * relative error about 2^-30 (|t| small: no cancellation, exp(r) - 1 is
 * carried in pl when n = 0) */
static inline v4f expm1_4(const act_exp4 *E, v4f *lo)
{
  v4f a = E->ph * E->s1 * E->s2;              /* exact unless far below -87 */
  v4f h = a - V(1.0f);
  v4f e = a - (h + V(1.0f));                  /* Fast2Sum(-1, a), a <= 1 */
  return two_sum(h, e + exp4_scale(E, E->pl), lo);
}

/* log1p(e) for 0 <= e = p 2^n <= 1 (p = ph + pl from E), as L * 2^n (scaled
 * by the caller): s = e/(2 + e) <= 1/3, log1p(e) = 2 atanh(s) = 2s + s z R(z),
 * z = s^2 <= 1/9, R of degree 4 (Remez, error 2^-30.4 relative to log1p);
 * s/2^n = p/(2 + e) is a corrected quotient, so subnormal e lose nothing. */
static inline v4f log1p4_scaled(const act_exp4 *E)
{
  v4f el, e = exp4_value(E, &el);
  v4f dl, dh = fast_two_sum(V(2.0f), e, &dl); /* 2 + e */
  v4f sl, sh = div_dd(E->ph, E->pl, dh, dl + el, &sl); /* s/2^n */
  v4f s = exp4_scale(E, sh);
  v4f z = s * s;
  v4f R = fma4(V(0x1.f3e792p-3f), z, V(0x1.b68012p-3f));
  R = fma4(R, z, V(0x1.250972p-2f));
  R = fma4(R, z, V(0x1.9996dcp-2f));
  R = fma4(R, z, V(0x1.555558p-1f));
  return fma4(sh * z, R, sl + sl) + (sh + sh);
}

/* x sigma(z) for the exact z = zh + zl, from e = exp(-|z|):
 *   z >= 0: x/(1 + e),  z < 0: x e/(1 + e),  one corrected quotient.
 * z > 32: x (e < 2^-46); z < -160: a zero of x's sign (the exact value is
 * below 2^-230 |x|; kernels keep |x| < 2^80 there). */
static inline v4f xsigmoid4(v4f x, v4f zh, v4f zl)
{
  v4u neg = v_lt(zh, V(0.0f));
  v4f th = vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(zh))); /* -|z|, clamped; NaN passes */
  v4f tl = v_sel(neg, zl, vnegq_f32(zl));
  act_exp4 E = exp4_rr2_p7(th, tl);
  v4f el, e = exp4_value(&E, &el);
  v4f dl, dh = fast_two_sum(V(1.0f), e, &dl);         /* 1 + e */
  v4f ml, mh = mul_dd(x, V(0.0f), E.ph, E.pl, &ml);    /* x e / 2^n */
  v4f nh = v_sel(neg, mh, x), nl = v_sel(neg, ml, V(0.0f));
  v4f q = div_dd1(nh, nl, dh, dl + el);
  v4f y = v_or(v_sel(neg, exp4_scale(&E, q), q), v_signbit(x)); /* x's sign: -0 */
  y = v_sel(v_gt(zh, V(32.0f)), x, y);
  return v_sel(v_lt(zh, V(EXP_TMIN)), v_signbit(x), y);
}

/* d/dx [x sigma(z(x))] = sigma(z)(1 + g(1 - sigma(z))), g = x z'(x) = gh + gl:
 *   z >= 0: (1 + e + g e)/(1 + e)^2,  z < 0: e (1 + e + g)/(1 + e)^2;
 * 1 + e + g cancels near the derivative's root (g near -1.3): it is summed
 * exactly from float pairs, so the error there is that of e (2^-31). */
static inline v4f xsigmoid_d4(v4f zh, v4f zl, v4f gh, v4f gl)
{
  v4u neg = v_lt(zh, V(0.0f));
  v4f th = vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(zh)));
  v4f tl = v_sel(neg, zl, vnegq_f32(zl));
  act_exp4 E = exp4_rr2_p7(th, tl);
  v4f el, e = exp4_value(&E, &el);
  v4f dl, dh = fast_two_sum(V(1.0f), e, &dl);         /* d = 1 + e */
  dl = dl + el;
  v4f Dl, Dh = mul_dd(dh, dl, dh, dl, &Dl);            /* d^2 */
  /* z < 0: S = 1 + g + e, numerator e S / 2^n */
  v4f a1, a = two_sum(V(1.0f), gh, &a1);
  v4f b1, b = two_sum(a, e, &b1);
  v4f Sl, Sh = fast_two_sum(b, b1 + a1 + gl + el, &Sl);
  v4f nnl, nnh = mul_dd(E.ph, E.pl, Sh, Sl, &nnl);
  /* z >= 0: d + g e, all terms >= 0 */
  v4f gel, geh = mul_dd(gh, gl, e, el, &gel);
  v4f c1, c = two_sum(dh, geh, &c1);
  v4f nh = v_sel(neg, nnh, c), nl = v_sel(neg, nnl, c1 + dl + gel);
  v4f q = div_dd1(nh, nl, Dh, Dl);
  v4f y = v_sel(neg, exp4_scale(&E, q), q);
  y = v_sel(v_gt(zh, V(32.0f)), V(1.0f), y);
  return v_sel(v_lt(zh, V(EXP_TMIN)), V(-0.0f), y);
}

/* k e/(1 + e)^2 = k sigma'(t) for e = exp(t), EXP_TMIN <= t <= 0 (t
 * clamped here; NaN passes): (ph + pl)/(1 + e)^2 as a corrected quotient of
 * float pairs, times k (a power of 2), scaled by 2^n last. */
static inline v4f dsigmoid4(v4f t, float k)
{
  act_exp4 E = exp4_rr2_p7(vmaxq_f32(V(EXP_TMIN), t), V(0.0f));
  v4f el, e = exp4_value(&E, &el);
  v4f dl, dh = fast_two_sum(V(1.0f), e, &dl);         /* d = 1 + e */
  dl = dl + el;
  v4f Dl, Dh = mul_dd(dh, dl, dh, dl, &Dl);            /* d^2 */
  return exp4_scale(&E, div_dd1(V(k) * E.ph, V(k) * E.pl, Dh, Dl));
}

#endif
