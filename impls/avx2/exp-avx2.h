/* exp-avx2.h: shared pieces of the AVX2+FMA exponential-family kernels.
 *
 * exp(t) for -160 <= t <= 0 (callers clamp t; NaN passes) is returned as
 * (ph + pl) * s1 * s2:
 *   n = round(t log2e); r = t - n ln2 in two steps (ln2 = LN2_HI + LN2_LO,
 *   t - n LN2_HI exact), the rounding of r kept as re (rr2);
 *   exp(r) = 1 + r + r^2/2 + r^3 Q(r), |r| <= ln2/2, Q of degree 4 (p7:
 *   error 2^-31.9 after rounding the coefficients to binary32); the sum is
 *   kept as a float pair so ph + pl carries about 31 bits;
 *   2^n = s1 s2, s1 = 2^max(n, -122), s2 = 2^(n - max(n, -122)) >= 2^-109:
 *   y*s1 stays normal for y >= 1/8, so y*s1*s2 rounds once, into the
 *   subnormals if it must.  Results are formed from ph + pl and scaled last.
 * Also: error-free sums and products, a quotient of float pairs correctly
 * rounded but for 2^-30, log1p(e) for 0 <= e <= 1, and the loop shells with
 * masked tails.  Below those, the binary64-lane path most rr2-p7 kernels
 * use now (exp4d, the sigmoid family, loops over binary64 halves).  GCC
 * vector operators (+ - * /) are the plain AVX ops. */
#ifndef EXP_AVX2_H
#define EXP_AVX2_H

#include <immintrin.h>
#include <stddef.h>

#include "actcheck.h"

#define V(c) _mm256_set1_ps(c)

#define EXP_TMIN   -0x1.4p+7f      /* -160: exp(t) is clamped below; 2^-230 times any
                                      multiplier used here is 0 in binary32 */
#define LOG2E      0x1.715476p+0f  /* log2(e) */
#define LN2_HI     0x1.62e430p-1f  /* ln2 rounded to binary32; n*LN2_HI is exact in an fma */
#define LN2_LO     -0x1.05c610p-29f /* ln2 - LN2_HI */

static inline __m256 vabs(__m256 x) { return _mm256_andnot_ps(V(-0.0f), x); }
static inline __m256 vsignbit(__m256 x) { return _mm256_and_ps(V(-0.0f), x); }
static inline __m256 vsel(__m256 m, __m256 a, __m256 b) { return _mm256_blendv_ps(b, a, m); }
static inline __m256 vlt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline __m256 vgt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline __m256 visnan(__m256 x) { return _mm256_cmp_ps(x, x, _CMP_UNORD_Q); }
/* NaN lanes of x come out as x + x (quiet, payload kept); max/min would not */
static inline __m256 nan_fix(__m256 x, __m256 y) { return vsel(visnan(x), x + x, y); }

/* a + b = s + *e exactly, any magnitudes (Knuth) */
static inline __m256 two_sum(__m256 a, __m256 b, __m256 *e)
{
  __m256 s = a + b, bb = s - a;
  *e = (a - (s - bb)) + (b - bb);
  return s;
}
/* a + b = s + *e exactly when |a| >= |b| (Dekker) */
static inline __m256 fast_two_sum(__m256 a, __m256 b, __m256 *e)
{
  __m256 s = a + b;
  *e = b - (s - a);
  return s;
}
/* (ah + al)(bh + bl) = hi + *lo to about 2^-46 */
static inline __m256 mul_dd(__m256 ah, __m256 al, __m256 bh, __m256 bl, __m256 *lo)
{
  __m256 hi = ah * bh;
  *lo = _mm256_fmadd_ps(ah, bl, _mm256_fmadd_ps(al, bh, _mm256_fmsub_ps(ah, bh, hi)));
  return hi;
}
/* (nh + nl)/(dh + dl): q = nh/dh, corrected once by the exact remainder
 * nh - q dh; the correction (about an ulp of q) needs only rcp's 12 bits. */
static inline __m256 div_dd(__m256 nh, __m256 nl, __m256 dh, __m256 dl, __m256 *lo)
{
  __m256 q = nh / dh;
  __m256 rem = _mm256_fnmadd_ps(q, dh, nh) + _mm256_fnmadd_ps(q, dl, nl);
  __m256 c = rem * _mm256_rcp_ps(dh);
  return fast_two_sum(q, c, lo);
}
static inline __m256 div_dd1(__m256 nh, __m256 nl, __m256 dh, __m256 dl)
{
  __m256 lo, hi = div_dd(nh, nl, dh, dl, &lo);
  return hi + lo;
}

/* z = b x exactly as zh + *zl (fma); *zl = 0 where |zh| >= 2^64 (no
 * inf - inf when b x overflows; exp(-|z|) is 0 there anyway) */
static inline __m256 mul_exact(__m256 b, __m256 x, __m256 *zl)
{
  __m256 zh = b * x;
  *zl = _mm256_and_ps(_mm256_fmsub_ps(b, x, zh), vlt(vabs(zh), V(0x1p+64f)));
  return zh;
}

typedef struct {
  __m256 ph, pl; /* exp(t) / 2^n, about 1, as a float pair */
  __m256 s1, s2; /* 2^n = s1 s2 */
} act_exp8;

static inline __m256 exp2i(__m256 k) /* 2^k for integral -126 <= k <= 127 */
{
  return _mm256_castsi256_ps(
    _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(127)), 23));
}

/* exp(th + tl), EXP_TMIN <= th <= 0, |tl| <= ulp(th) */
static inline act_exp8 exp8_rr2_p7(__m256 th, __m256 tl)
{
  act_exp8 E;
  __m256 n = _mm256_round_ps(th * V(LOG2E), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 rh = _mm256_fnmadd_ps(n, V(LN2_HI), th);  /* exact */
  __m256 rl = _mm256_fnmadd_ps(n, V(LN2_LO), tl);  /* the rest, < 2^-20 */
  __m256 re, r = two_sum(rh, rl, &re);             /* r + re = t - n ln2 */
  /* Q(r) ~ (exp(r) - 1 - r - r^2/2)/r^3 on [-ln2/2, ln2/2], Remez */
  __m256 q = _mm256_fmadd_ps(V(0x1.a19c5ep-13f), r, V(0x1.6d4f14p-10f));
  q = _mm256_fmadd_ps(q, r, V(0x1.111094p-7f));
  q = _mm256_fmadd_ps(q, r, V(0x1.5554e6p-5f));
  q = _mm256_fmadd_ps(q, r, V(0x1.555556p-3f));
  __m256 r2 = r * r, r2e = _mm256_fmsub_ps(r, r, r2);  /* r^2 = r2 + r2e exactly */
  __m256 h = V(0.5f) * r2;                              /* r^2/2, exact */
  __m256 hl = _mm256_fmadd_ps(r2 * r, q, V(0.5f) * r2e); /* r^3 Q(r) + the rest of r^2/2 */
  __m256 ve, v = fast_two_sum(h, hl, &ve);              /* exp(r) - 1 - r */
  __m256 ue, u = fast_two_sum(r, v, &ue);               /* |r| >= |v| */
  __m256 pe;
  E.ph = fast_two_sum(V(1.0f), u, &pe);                 /* |u| < 1/2 */
  E.pl = pe + (ue + ve + re * E.ph);                    /* exp(r + re) = exp(r)(1 + re) */
  __m256 n1 = _mm256_max_ps(n, V(-122.0f));
  E.s1 = exp2i(n1);
  E.s2 = exp2i(n - n1);
  return E;
}
/* exp(t) as a float pair (eh + *el); eh rounded once if subnormal */
static inline __m256 exp8_value(const act_exp8 *E, __m256 *el)
{
  *el = E->pl * E->s1 * E->s2;
  return E->ph * E->s1 * E->s2;
}
/* y * 2^n, one rounding */
static inline __m256 exp8_scale(const act_exp8 *E, __m256 y) { return y * E->s1 * E->s2; }

/* expm1(t) = exp(t) - 1 as a normalized float pair, t as for exp8_rr2_p7;
 * relative error about 2^-30 (|t| small: no cancellation, exp(r) - 1 is
 * carried in pl when n = 0) */
static inline __m256 expm1_8(const act_exp8 *E, __m256 *lo)
{
  __m256 a = E->ph * E->s1 * E->s2;               /* exact unless far below -87 */
  __m256 h = a - V(1.0f);
  __m256 e = a - (h + V(1.0f));                    /* Fast2Sum(-1, a), a <= 1 */
  return two_sum(h, e + exp8_scale(E, E->pl), lo);
}

/* log1p(e) for 0 <= e = p 2^n <= 1 (p = ph + pl from E), as L * 2^n (scaled
 * by the caller): s = e/(2 + e) <= 1/3, log1p(e) = 2 atanh(s) = 2s + s z R(z),
 * z = s^2 <= 1/9, R of degree 4 (Remez, error 2^-30.4 relative to log1p);
 * s/2^n = p/(2 + e) is a corrected quotient, so subnormal e lose nothing. */
static inline __m256 log1p8_scaled(const act_exp8 *E)
{
  __m256 el, e = exp8_value(E, &el);
  __m256 dl, dh = fast_two_sum(V(2.0f), e, &dl);   /* 2 + e */
  __m256 sl, sh = div_dd(E->ph, E->pl, dh, dl + el, &sl);  /* s/2^n */
  __m256 s = exp8_scale(E, sh);
  __m256 z = s * s;
  __m256 R = _mm256_fmadd_ps(V(0x1.f3e792p-3f), z, V(0x1.b68012p-3f));
  R = _mm256_fmadd_ps(R, z, V(0x1.250972p-2f));
  R = _mm256_fmadd_ps(R, z, V(0x1.9996dcp-2f));
  R = _mm256_fmadd_ps(R, z, V(0x1.555558p-1f));
  return _mm256_fmadd_ps(sh * z, R, sl + sl) + (sh + sh);
}

/* Loop shells: 8 lanes at a time, the last n % 8 through masked loads and
 * stores (masked-off lanes are neither read nor written; they compute on 0).
 * Each block is loaded before it is stored, so y == x is fine. */
static inline __m256i tail_mask(size_t n)
{
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#define ACT_AVX2_FWD(name, f8)                                                         \
  act_f32_fwd_p name;                                                                  \
  void name(size_t n, const float *x, float *y, const float *params)                   \
  {                                                                                    \
    (void)params;                                                                      \
    for (; n >= 8; n -= 8, x += 8, y += 8)                                             \
      _mm256_storeu_ps(y, f8(_mm256_loadu_ps(x), params));                             \
    if (n) {                                                                           \
      __m256i m = tail_mask(n);                                                        \
      _mm256_maskstore_ps(y, m, f8(_mm256_maskload_ps(x, m), params));                 \
    }                                                                                  \
  }

/* backward: dx = dy * f'(x) */
#define ACT_AVX2_BWD(name, d8)                                                         \
  act_f32_bwd_p name;                                                                  \
  void name(size_t n, const float *x, const float *dy, float *dx, const float *params) \
  {                                                                                    \
    (void)params;                                                                      \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8)                                   \
      _mm256_storeu_ps(dx, _mm256_loadu_ps(dy) * d8(_mm256_loadu_ps(x), params));      \
    if (n) {                                                                           \
      __m256i m = tail_mask(n);                                                        \
      _mm256_maskstore_ps(dx, m, _mm256_maskload_ps(dy, m) * d8(_mm256_maskload_ps(x, m), params)); \
    }                                                                                  \
  }

/* The 8-lane loop of ACT_AVX2_BWD for an expression d8e of v_ (x) */
#define ACT_AVX2_LOOP_BWD_(x, dy, dx, n, d8e)                                          \
  do {                                                                                 \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8) {                                 \
      __m256 v_ = _mm256_loadu_ps(x);                                                  \
      _mm256_storeu_ps(dx, _mm256_loadu_ps(dy) * d8e);                                 \
    }                                                                                  \
    if (n) {                                                                           \
      __m256i m = tail_mask(n);                                                        \
      __m256 v_ = _mm256_maskload_ps(x, m);                                            \
      _mm256_maskstore_ps(dx, m, _mm256_maskload_ps(dy, m) * d8e);                     \
    }                                                                                  \
  } while (0)
/* ---- binary64 lanes (the accurate kernels' fast path) ----
 * 8 floats are computed as two halves of 4 binary64 lanes and rounded to
 * binary32 once at the end (cvtpd2ps), also into the subnormals: binary64
 * does not underflow here, and x - m, beta x, x^2 of binary32 x are exact
 * in it.  Where nothing cancels, the few binary64 operations after exp4d
 * add about 2^-51 to its 2^-28.5, so results are within about 0.55 ulp.
 * These loops are bound by the number of vector operations (about one per
 * cycle on this shared host): silu is about 35 per 8 lanes here against
 * about 100 with the float pairs above (exp8_rr2_p7 and a corrected
 * quotient, the former xsigmoid8): 0.57 -> 1.27 el/ns.  The float pairs stay
 * for the kernels that still use them (expm1_8, log1p8_scaled). */
#define VD(c) _mm256_set1_pd(c)

#define LOG2E_D    0x1.71547652b82fep+0  /* log2(e) */
#define LN2_D      0x1.62e42fefa39efp-1  /* ln2 rounded: |n (ln2 - LN2_D)| < 1010 2^-54 < 2^-44 */
#define EXPD_MAGIC 0x1.8p+52             /* 1.5 2^52: t log2e + it is n + it, n = round(t log2e),
                                            n in the low bits (two's complement) */

/* exp(s u), s = +1 or -1 (a constant: exp4d, expm4d), for |u| <= 700
 * (callers clamp; NaN passes): n = round(s u log2e), r = s u - n LN2_D by one
 * fma (|r| <= ln2/2 + 2^-44; for s = -1 the fma gives -r and the odd
 * coefficients change sign, so exp(-u) costs no negation), exp(r) by a
 * degree-6 polynomial 1 + r Q(r) (Remez for relative error on [-ln2/2,
 * ln2/2] widened by 2^-30 with the constant term 1, so exp(0) = 1 exactly;
 * coefficients rounded to binary64: 2^-28.54) by Horner (fewer operations
 * than Estrin: throughput, not latency, bounds these loops), times 2^n
 * exactly (p in [0.7, 1.5], so p 2^n is normal for |n| <= 1010).  Relative
 * error below 2^-28.5: the results then round to within 0.5 + 2^-4.5 ulp
 * where nothing cancels.  (Degree 7, 2^-32 with the constant 1, costs one
 * fma more per 4 lanes: 3 to 8% of these kernels' throughput.) */
#define EXPD_C1 0x1.000000d534323p+0
#define EXPD_C2 0x1.0000017520115p-1
#define EXPD_C3 0x1.5553c10905099p-3
#define EXPD_C4 0x1.55515efbd5233p-5
#define EXPD_C5 0x1.12903d7dab031p-7
#define EXPD_C6 0x1.709b63c92ac95p-10
static inline __attribute__((always_inline)) __m256d exp4d_s(__m256d u, int s)
{
  __m256d k = s > 0 ? _mm256_fmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC))
                    : _mm256_fnmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC));
  __m256d n = k - VD(EXPD_MAGIC);
  __m256d r = s > 0 ? _mm256_fnmadd_pd(n, VD(LN2_D), u) : _mm256_fmadd_pd(n, VD(LN2_D), u);
  double o = s > 0 ? 1.0 : -1.0; /* odd coefficients' sign */
  __m256d p = _mm256_fmadd_pd(VD(EXPD_C6), r, VD(o * EXPD_C5));
  p = _mm256_fmadd_pd(p, r, VD(EXPD_C4));
  p = _mm256_fmadd_pd(p, r, VD(o * EXPD_C3));
  p = _mm256_fmadd_pd(p, r, VD(EXPD_C2));
  p = _mm256_fmadd_pd(p, r, VD(o * EXPD_C1));
  p = _mm256_fmadd_pd(p, r, VD(1.0));
  /* p 2^n by adding n to p's exponent (an integer add: no FP multiply) */
  return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p),
                                              _mm256_slli_epi64(_mm256_castpd_si256(k), 52)));
}
static inline __m256d exp4d(__m256d t) { return exp4d_s(t, 1); }
static inline __m256d expm4d(__m256d u) { return exp4d_s(u, -1); } /* exp(-u) */

/* expm1(t) = exp(t) - 1 for EXP_TMIN <= t <= 0 (callers clamp; NaN passes):
 *   t > -1/2: the Taylor series t + t^2/2 + ... + t^11/11! by Horner
 *     (alternating and decreasing: the next term, t^12/12!, bounds the
 *     truncation, 2^-39.8 |t| at -1/2, and |expm1(t)| >= 0.78 |t| there; the
 *     coefficients 1/k! rounded, 2^-53 each), so no cancellation; Horner
 *     forms no power above t^2 (2^-298 for t = -2^-149, a normal binary64),
 *     so tiny t cost no more;
 *   else exp4d(t) - 1: E <= e^-1/2, |E - 1| >= 0.39, so E's 2^-28.5 costs
 *     at most 1.54 2^-28.5 = 2^-27.9 of the result.
 * Relative error below 2^-27.9: results rounded once are within 0.5 +
 * 2^-3.9 ulp.  t = -0 gives +0: callers pass x >= 0 (and -0) through. */
static inline __attribute__((always_inline)) __m256d expm1_4d(__m256d t)
{
  __m256d p = _mm256_fmadd_pd(VD(1.0 / 39916800.0), t, VD(1.0 / 3628800.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 362880.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 40320.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 5040.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 720.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 120.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 24.0));
  p = _mm256_fmadd_pd(p, t, VD(1.0 / 6.0));
  p = _mm256_fmadd_pd(p, t, VD(0.5));
  p = _mm256_fmadd_pd(p, t * t, t);
  __m256d m = exp4d(t) - VD(1.0);
  return _mm256_blendv_pd(m, p, _mm256_cmp_pd(t, VD(-0.5), _CMP_GT_OQ));
}

/* k exp(s u) with k folded into the coefficients (k c_i rounded: 2^-53
 * each), for k in [2^-200, 2^200] (so k p 2^n stays normal), |u| <= 700:
 * K from exp4d_k_of(k, s), s = +1 (kexp4d) or -1 (kexpm4d) */
typedef struct {
  __m256d c[7];
} exp4d_k;
static inline exp4d_k exp4d_k_of(double k, int s)
{
  double o = s > 0 ? k : -k;
  return (exp4d_k){{VD(k), VD(o * EXPD_C1), VD(k * EXPD_C2), VD(o * EXPD_C3), VD(k * EXPD_C4),
                    VD(o * EXPD_C5), VD(k * EXPD_C6)}};
}
static inline __attribute__((always_inline)) __m256d kexp4d_s(__m256d u, const exp4d_k *K, int s)
{
  __m256d k = s > 0 ? _mm256_fmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC))
                    : _mm256_fnmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC));
  __m256d n = k - VD(EXPD_MAGIC);
  __m256d r = s > 0 ? _mm256_fnmadd_pd(n, VD(LN2_D), u) : _mm256_fmadd_pd(n, VD(LN2_D), u);
  __m256d p = _mm256_fmadd_pd(K->c[6], r, K->c[5]);
  for (int i = 4; i >= 0; i--)
    p = _mm256_fmadd_pd(p, r, K->c[i]);
  return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p),
                                              _mm256_slli_epi64(_mm256_castpd_si256(k), 52)));
}
static inline __m256d kexp4d(__m256d t, const exp4d_k *K) { return kexp4d_s(t, K, 1); }
static inline __m256d kexpm4d(__m256d u, const exp4d_k *K) { return kexp4d_s(u, K, -1); }

/* the low and high 4 lanes of x in binary64, and back (one rounding each) */
static inline __m256d lo4d(__m256 x) { return _mm256_cvtps_pd(_mm256_castps256_ps128(x)); }
static inline __m256d hi4d(__m256 x) { return _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)); }
static inline __m256 join4d(__m256d lo, __m256d hi)
{
  return _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo));
}

/* The sigmoid family from E = exp(-z) for every z (no |z|, no branch):
 * binary64 holds E up to e^700, so sigma(z) = 1/(1 + E) loses nothing for
 * z < 0 (relative error of E, d: E/(1 + E) of it).  |z| <= 700 (callers
 * clamp); NaN passes. */
/* x sigma(z) = x/(1 + exp(-z)) */
static inline __m256d xsigmoid4d(__m256d x, __m256d z) { return x / (VD(1.0) + expm4d(z)); }

/* k sigma'(z) = k E/(1 + E)^2 */
static inline __m256d dsigmoid4d(__m256d z, double k)
{
  __m256d e = expm4d(z), d = VD(1.0) + e;
  return (VD(k) * e) / (d * d);
}

/* d/dx [x sigma(z(x))] = sigma(z)(1 + g(1 - sigma(z))) = (1 + E + g E)/(1 + E)^2,
 * g = x z'(x) (g = z for silu' and swish'), |z| <= 160 (callers clamp: d^2
 * stays below 2^462).  One fma for the numerator; near the derivative's root
 * (z < 0, 1 + E + g E = 0) it cancels, its error that of E (2^-28.5 E),
 * in ulps of a result going to 0: the kernels take t P(t) there
 * (roots4d-avx2.h). */
static inline __m256d xsigmoid_d4d(__m256d z, __m256d g)
{
  __m256d e = expm4d(z), d = VD(1.0) + e;
  return _mm256_fmadd_pd(g, e, d) / (d * d);
}

/* Loops over binary64 halves: f4d(x4, &s, one) for 4 lanes read straight
 * into binary64 (vcvtps2pd from memory) and stored straight from it, so no
 * lane extract or insert (they cost more than their count: elu' went from
 * 1.34 to 1.48 el/ns, softmax from 0.72 to 0.88); backward dx = dy f' in
 * binary64, rounded once.  Both halves are read before either is stored (y
 * may be x).  The last n % 8 lanes go through the 8-lane masked loads.
 * s.one selects f4d(.., 1) (a parameter is 1), else f4d(.., 0). */
#define ACT_HALVES_FWD_(x, y, n, s, f4d, v)                                            \
  do {                                                                                 \
    for (; n >= 8; n -= 8, x += 8, y += 8) {                                           \
      __m128 lo_ = _mm256_cvtpd_ps(f4d(_mm256_cvtps_pd(_mm_loadu_ps(x)), &s, v));      \
      __m128 hi_ = _mm256_cvtpd_ps(f4d(_mm256_cvtps_pd(_mm_loadu_ps(x + 4)), &s, v));  \
      _mm_storeu_ps(y, lo_);                                                           \
      _mm_storeu_ps(y + 4, hi_);                                                       \
    }                                                                                  \
    if (n) {                                                                           \
      __m256i m_ = tail_mask(n);                                                       \
      __m256 x_ = _mm256_maskload_ps(x, m_);                                           \
      _mm256_maskstore_ps(y, m_, join4d(f4d(lo4d(x_), &s, v), f4d(hi4d(x_), &s, v)));  \
    }                                                                                  \
  } while (0)
#define ACT_AVX2_FWD_4D(name, S, setup, f4d)                                           \
  act_f32_fwd_p name;                                                                  \
  void name(size_t n, const float *x, float *y, const float *params)                   \
  {                                                                                    \
    const S s = setup(params);                                                         \
    if (s.one)                                                                         \
      ACT_HALVES_FWD_(x, y, n, s, f4d, 1);                                             \
    else                                                                               \
      ACT_HALVES_FWD_(x, y, n, s, f4d, 0);                                             \
  }
#define ACT_HALF_BWD_(x, dy, s, d4d, v) \
  _mm256_cvtpd_ps(_mm256_cvtps_pd(_mm_loadu_ps(dy)) * d4d(_mm256_cvtps_pd(_mm_loadu_ps(x)), &s, v))
#define ACT_HALVES_BWD_(x, dy, dx, n, s, d4d, v)                                       \
  do {                                                                                 \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8) {                                 \
      __m128 lo_ = ACT_HALF_BWD_(x, dy, s, d4d, v);                                    \
      __m128 hi_ = ACT_HALF_BWD_(x + 4, dy + 4, s, d4d, v);                            \
      _mm_storeu_ps(dx, lo_);                                                          \
      _mm_storeu_ps(dx + 4, hi_);                                                      \
    }                                                                                  \
    if (n) {                                                                           \
      __m256i m_ = tail_mask(n);                                                       \
      __m256 x_ = _mm256_maskload_ps(x, m_), g_ = _mm256_maskload_ps(dy, m_);          \
      _mm256_maskstore_ps(dx, m_, join4d(lo4d(g_) * d4d(lo4d(x_), &s, v),              \
                                         hi4d(g_) * d4d(hi4d(x_), &s, v)));            \
    }                                                                                  \
  } while (0)
#define ACT_AVX2_BWD_4D(name, S, setup, d4d)                                           \
  act_f32_bwd_p name;                                                                  \
  void name(size_t n, const float *x, const float *dy, float *dx, const float *params) \
  {                                                                                    \
    const S s = setup(params);                                                         \
    if (s.one)                                                                         \
      ACT_HALVES_BWD_(x, dy, dx, n, s, d4d, 1);                                        \
    else                                                                               \
      ACT_HALVES_BWD_(x, dy, dx, n, s, d4d, 0);                                        \
  }
/* for kernels without parameters */
typedef struct {
  int one;
} act_nop4d;
static inline act_nop4d act_nop4d_of(const float *p)
{
  (void)p;
  return (act_nop4d){1};
}
/* the lanes of an 8-lane mask as two 4-lane binary64 masks */
static inline __m256d mask_lo4d(__m256i k) { return _mm256_castsi256_pd(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(k))); }
static inline __m256d mask_hi4d(__m256i k) { return _mm256_castsi256_pd(_mm256_cvtepi32_epi64(_mm256_extracti128_si256(k, 1))); }

#endif
