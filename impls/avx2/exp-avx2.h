/* exp-avx2.h: shared pieces of the AVX2+FMA exponential-family kernels.
 *
 * Binary32 helpers (lane selects and tests, error-free sums and products,
 * beta x exactly as a float pair, the loop shells with masked tails; the
 * rr2-p6 kernels of exp-fast-avx2.h and roots-avx2.h use them), then the
 * binary64-lane path of every rr2-p7 kernel: exp4d/expm4d (relative error
 * 2^-28.5), expm1_4d, log1p4d_P (log1p on [0, 1]), the sigmoid family, and
 * the loops over binary64 halves.  (The float-pair exp, expm1 and log1p of
 * the rr2-p7 kernels before them, exp8_rr2_p7, expm1_8 and log1p8_scaled,
 * are gone with their last users, the forward softplus, softplus_torch and
 * logsigmoid.)  GCC vector operators (+ - * /) are the plain AVX ops. */
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
/* z = b x exactly as zh + *zl (fma) for |zh| <= 128; *zl = 0 beyond,
 * where the callers clamp zh to +-128 (EXPF_ZMIN) and exp(-|z|) is below
 * 2^-184: a low part kept there would move the clamped -128 by up to
 * ulp(zh)/2 (2^23 at 2^47: softplus' with beta = 3 gave 2^-63 for 0 at
 * x = -1.5 2^45), and b x = inf would give inf - inf. */
static inline __m256 mul_exact(__m256 b, __m256 x, __m256 *zl)
{
  __m256 zh = b * x;
  *zl = _mm256_and_ps(_mm256_fmsub_ps(b, x, zh),
                      _mm256_cmp_ps(vabs(zh), V(0x1p+7f), _CMP_LE_OQ));
  return zh;
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
 * about 100 with the float pairs before (exp8_rr2_p7 and a corrected
 * quotient, the former xsigmoid8): 0.57 -> 1.27 el/ns. */
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
/* exp(o r) for o = +1 or -1 (the odd coefficients' sign) */
static inline __attribute__((always_inline)) __m256d exp4d_poly(__m256d r, double o)
{
  __m256d p = _mm256_fmadd_pd(VD(EXPD_C6), r, VD(o * EXPD_C5));
  p = _mm256_fmadd_pd(p, r, VD(EXPD_C4));
  p = _mm256_fmadd_pd(p, r, VD(o * EXPD_C3));
  p = _mm256_fmadd_pd(p, r, VD(EXPD_C2));
  p = _mm256_fmadd_pd(p, r, VD(o * EXPD_C1));
  return _mm256_fmadd_pd(p, r, VD(1.0));
}
static inline __attribute__((always_inline)) __m256d exp4d_s(__m256d u, int s)
{
  __m256d k = s > 0 ? _mm256_fmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC))
                    : _mm256_fnmadd_pd(u, VD(LOG2E_D), VD(EXPD_MAGIC));
  __m256d n = k - VD(EXPD_MAGIC);
  __m256d r = s > 0 ? _mm256_fnmadd_pd(n, VD(LN2_D), u) : _mm256_fmadd_pd(n, VD(LN2_D), u);
  __m256d p = exp4d_poly(r, s > 0 ? 1.0 : -1.0);
  /* p 2^n by adding n to p's exponent (an integer add: no FP multiply) */
  return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p),
                                              _mm256_slli_epi64(_mm256_castpd_si256(k), 52)));
}
static inline __m256d exp4d(__m256d t) { return exp4d_s(t, 1); }
static inline __m256d expm4d(__m256d u) { return exp4d_s(u, -1); } /* exp(-u) */

/* exp(-u) = p/S for |u| <= 700 (callers clamp; NaN passes), unscaled:
 * p = e^-r, r = u - n LN2_D, n = round(u log2e), and S = 2^(n + c) (c = 0
 * or 1) from k's bits by one shift (the magic puts n + 1023 + c in its
 * low 12 bits).  The same n, r and p as expm4d (e = p 2^-n), whose 2^-n
 * then never has to be applied: 1/(1 + e) = S/(S + p) (c = 0) and
 * e/(2 + e) = p/(S + p) (c = 1).  S + p is 2^(n + c) (1 + e 2^-c), and a
 * power-of-two scale does not change a binary64 rounding (no subnormal
 * or overflow for |n| <= 1010), so both quotients round exactly as the
 * scaled forms did: the same results with one integer add fewer. */
static inline __attribute__((always_inline)) __m256d expm4d_pS(__m256d u, int c, __m256d *S)
{
  const double magic = EXPD_MAGIC + 1023 + c;
  __m256d k = _mm256_fmadd_pd(u, VD(LOG2E_D), VD(magic));
  __m256d n = k - VD(magic);
  *S = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(k), 52));
  return exp4d_poly(_mm256_fnmadd_pd(n, VD(LN2_D), u), -1.0);
}
/* sigma(u) = 1/(1 + e^-u) = S/(S + p), |u| <= 700 */
static inline __attribute__((always_inline)) __m256d sigmoid_u4d(__m256d u)
{
  __m256d S, p = expm4d_pS(u, 0, &S);
  return S / (S + p);
}

/* expm1(t) = exp(t) - 1 for EXP_TMIN <= t <= 0 (callers clamp; NaN passes)
 * in one form, 2^n (e^r - 1) + (2^n - 1): n = round(t log2e), r = t - n LN2_D
 * by one fma as in exp4d, e^r - 1 = r Q(r), Q of degree 6 minimizing the
 * relative error of r Q(r) against e^r - 1 on |r| <= ln2/2 + 2^-30 (Remez,
 * impls/gen-expm1.c; binary64 coefficients 2^-32.00), so no cancellation
 * near 0, and tiny t cost nothing (Horner forms no power of t).
 *   n = 0 (|t| <= ln2/2): r = t exactly; Horner and r Q round near 2^-52:
 *     2^-32.0 in all;
 *   n <= -1 (t < -0.346): |2^n (e^r - 1)| <= 0.21, and r's error (2^-46 at
 *     n = -231) moves it by 2^n e^r 2^-46; 2^n - 1 is exact for n >= -53,
 *     one more rounding in the sum; against |expm1(t)| >= 1 - e^-0.346 =
 *     0.29: below 0.71 2^-32 + 2^-51.
 * Relative error below 2^-31.9: results rounded once are within 0.5 +
 * 2^-7.9 ulp.  The last step is one fmsub, (s r) Q(r) - (1 - s) with s =
 * 2^n: s r is exact (|n| <= 231, |r| >= 2^-60) and is formed while Horner
 * runs, so the chain is one multiply shorter (elu 1.40 -> 1.47 el/ns on
 * Zen 3: these loops are latency-bound too), and the sum rounds once
 * (before: r Q rounded, then the sum).  s comes from k's bits by one
 * shift, EXPM1D_MAGIC putting n + 1023 in its low bits.  -(1 - s) is -0
 * at n = 0, so t = -0 gives -0 (r = -0, s r Q = -0): callers may select
 * on x's sign bit.  (Before: 2^n (e^r - 1) and 2^n by two integer adds,
 * then m + (s - 1): 15 operations against 13; before that, the Taylor
 * series to t^11 above -1/2 and exp4d(t) - 1 below, 2^-27.9, both
 * computed and blended: 26.) */
#define EXPM1D_C1 0x1.00000000224d1p+0
#define EXPM1D_C2 0x1.0000002812e9cp-1
#define EXPM1D_C3 0x1.555554c609ff8p-3
#define EXPM1D_C4 0x1.5554adb691ac1p-5
#define EXPM1D_C5 0x1.1111a674921e4p-7
#define EXPM1D_C6 0x1.6d748014d8682p-10
#define EXPM1D_C7 0x1.a019e897ef965p-13
#define EXPM1D_MAGIC (EXPD_MAGIC + 1023) /* k's low 12 bits: n + 1023, 2^n's exponent field */
static inline __attribute__((always_inline)) __m256d expm1_4d(__m256d t)
{
  __m256d k = _mm256_fmadd_pd(t, VD(LOG2E_D), VD(EXPM1D_MAGIC));
  __m256d n = k - VD(EXPM1D_MAGIC);
  __m256d r = _mm256_fnmadd_pd(n, VD(LN2_D), t);
  __m256d p = _mm256_fmadd_pd(VD(EXPM1D_C7), r, VD(EXPM1D_C6));
  p = _mm256_fmadd_pd(p, r, VD(EXPM1D_C5));
  p = _mm256_fmadd_pd(p, r, VD(EXPM1D_C4));
  p = _mm256_fmadd_pd(p, r, VD(EXPM1D_C3));
  p = _mm256_fmadd_pd(p, r, VD(EXPM1D_C2));
  p = _mm256_fmadd_pd(p, r, VD(EXPM1D_C1));
  __m256d s = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(k), 52)); /* 2^n */
  return _mm256_fmsub_pd(s * r, p, VD(1.0) - s); /* s r Q(r) - (1 - s), s r beside Horner */
}
/* elu_tail4d for t clamped by the caller: t >= EXP_TMIN (or NaN); t > 0
 * only where x >= 0, whose lanes the select replaces (elu: t = x, no
 * clamp above 0 needed).  one (alpha = 1): the select on x's sign bit,
 * no compare (-0 gets expm1(-0) = -0; a NaN either lane's NaN); else on
 * x < 0, so -0 stays -0 whatever alpha's sign. */
static inline __attribute__((always_inline)) __m256d elu_tail4d_lo(__m256d x, __m256d t,
                                                                   __m256d a, int one)
{
  __m256d m = expm1_4d(t);
  if (one)
    return _mm256_blendv_pd(x, m, x);
  return _mm256_blendv_pd(x, a * m, _mm256_cmp_pd(x, VD(0.0), _CMP_LT_OQ));
}

/* elu and celu below 0: a expm1(t) (a = alpha, skipped when one) with t
 * clamped to [EXP_TMIN, -EXP_TMIN] (NaN passes), x itself where x >= 0
 * (+-0 too).  celu with alpha < 0 has t = x/alpha > 0 there: expm1_4d's
 * form holds for n > 0 as well (2^n (e^r - 1) >= -0.29 2^n against
 * 2^n - 1: a cancellation of at most 1.4x, so 2^-31.4), and e^160 is
 * still a binary64 number; results past FLT_MAX round to -inf. */
static inline __attribute__((always_inline)) __m256d elu_tail4d(__m256d x, __m256d t, __m256d a,
                                                                int one)
{
  t = _mm256_max_pd(VD(EXP_TMIN), _mm256_min_pd(VD(-EXP_TMIN), t));
  return elu_tail4d_lo(x, t, a, one);
}

/* log1p(e) for 0 <= e <= 1 (NaN passes) as s P(z): s = e/(2 + e) in
 * [0, 1/3], z = s^2 <= 1/9, log1p(e) = 2 atanh(s) = s g(z), g(z) = 2 atanh(sqrt
 * z)/sqrt z = 2 (1 + z/3 + z^2/5 + ...); P of degree 5 minimizes max |P/g - 1|
 * on [0, 1/9] (Remez, impls/gen-log1p-atanh.c; the binary64 coefficients
 * 2^-33.24).  The rest: 2 + e and the quotient round twice (s within 2^-52),
 * z within 2^-51 moves P by z P'/P <= 0.04 of that, Horner's roundings stay
 * near 2^-52 (P near 2, each term at most z/3 of the sum before it), s P
 * once more: about 2^-50 in all, so s P is within 2^-33.2 of log1p(e).
 * An error d of e (exp4d's 2^-28.5) moves log1p(e) by e/((1 + e) log1p(e))
 * <= 1 times d (relative).  Tiny e cost nothing (s = e/2, z = 0 at worst:
 * binary64 does not underflow for e >= e^-700).  One division, one mul,
 * five fma: callers take P and s and finish with one fma (a + s P).
 * log1p4d_P(s) returns P (log1p_expm4d_sp forms s as p/(S + p), expm4d_pS). */
#define LOG1PD_C0 0x1.ffffffff27309p+0
#define LOG1PD_C1 0x1.555559932afp-1
#define LOG1PD_C2 0x1.99962b145defdp-2
#define LOG1PD_C3 0x1.2513817bbf1dp-2
#define LOG1PD_C4 0x1.b6223ec82a336p-3
#define LOG1PD_C5 0x1.f3faca055a637p-3
static inline __attribute__((always_inline)) __m256d log1p4d_P(__m256d t)
{
  __m256d z = t * t;
  __m256d p = _mm256_fmadd_pd(VD(LOG1PD_C5), z, VD(LOG1PD_C4));
  p = _mm256_fmadd_pd(p, z, VD(LOG1PD_C3));
  p = _mm256_fmadd_pd(p, z, VD(LOG1PD_C2));
  p = _mm256_fmadd_pd(p, z, VD(LOG1PD_C1));
  return _mm256_fmadd_pd(p, z, VD(LOG1PD_C0));
}

/* log1p(exp(-|z|)) as t P (log1p4d_P), |z| clamped to 700: exp4d's range;
 * e^-700 (below 2^-1009) is 0 beside any binary32 result it is added to,
 * and below every subnormal once divided by a binary32 beta.  NaN passes
 * (the min keeps its second operand). */
static inline __attribute__((always_inline)) __m256d log1p_expm4d_sp(__m256d z, __m256d *t)
{
  __m256d u = _mm256_min_pd(VD(700.0), _mm256_andnot_pd(VD(-0.0), z));
  __m256d S, p = expm4d_pS(u, 1, &S); /* e = p/2^n, e/(2 + e) = p/(S + p) */
  *t = p / (S + p);
  return log1p4d_P(*t);
}
/* softplus(x) = (z > 0 ? x : 0) + log1p(e^-|z|)/beta, z = beta x, with b =
 * beta and ib = 1/beta (rounded); one: beta = 1 (z = x, max(x, 0) + t P) */
static inline __attribute__((always_inline)) __m256d softplus_4d(__m256d x, __m256d b,
                                                                 __m256d ib, int one)
{
  __m256d z = x;
  if (!one)
    z = b * x;
  __m256d t, P = log1p_expm4d_sp(z, &t);
  if (one)
    return _mm256_fmadd_pd(t, P, _mm256_max_pd(x, VD(0.0)));
  __m256d a = _mm256_and_pd(x, _mm256_cmp_pd(z, VD(0.0), _CMP_GT_OQ)); /* z > 0 ? x : 0 */
  return _mm256_fmadd_pd(t * ib, P, a);
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
