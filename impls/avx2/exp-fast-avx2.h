/* exp-fast-avx2.h: pieces of the AVX2+FMA kernels that trade the float-pair
 * accuracy of exp-avx2.h (2^-31) for speed: exp rounded once (2^-24), so
 * results within 2 ulp, not 1.  Loop shells and small helpers: exp-avx2.h.
 *
 * exp_s64(z, zl) = 2^64 exp(z + zl), -128 <= z <= 0, |zl| <= ulp(z) (the low
 * part of an exact z; 0 if none), NaN passes; a normal float, rounded once:
 *   n = round(z log2e) by adding a magic bias (round-to-nearest only), whose
 *   low bits are also the exponent of s = 2^(n + 64) (the bias holds 127 + 64);
 *   t = z - n ln2 in two steps (rr2: n LN2_HI is exact in the fma, n LN2_LO
 *   rounds once); exp(t) = 1 + t P(t) on [-ln2/2, ln2/2], P of degree 5
 *   (p6: Remez fit of exp's relative error with the constant term 1, our
 *   own fit; 2^-28.5 with the coefficients rounded to binary32), by Estrin;
 *   2^64 exp(z) = (1 + t P(t)) s, one fma, then an exact scaling.  Error:
 *   that rounding (2^-24 relative), t's (2^-26.5), P's (2^-28.5).
 * The 2^64 keeps exp(z) normal down to z = -128 (2^-120.7), so products
 * such as x exp(z) that are normal while exp(z) is subnormal (silu near
 * x = -90) lose nothing: the kernel scales by 2^-64 last (one rounding).
 *
 * div_adj(N, d, dl) = N/(d + dl): q = N/d (one division), adjusted once by
 * the remainder N - q (d + dl) (two fma, exact to 2^-48) times rcp(1/d)
 * (12 bits are enough for a correction of an ulp): correctly rounded but
 * for about 2^-36 of the quotient.  On this Zen 3 the division is cheaper
 * than rcp and a Newton-Raphson step (measured). */
#ifndef EXP_FAST_AVX2_H
#define EXP_FAST_AVX2_H

#include "exp-avx2.h"
#include "roots-f32.h"

/* A forward loop shell, software-pipelined in two stages: f1(x, params)
 * (the exp and what else needs x alone) returns a struct st, f2(st, params)
 * the result.  f1 of vector i + 1 comes before f2 of vector i in program
 * order, so the long dependent chain of one vector is not dispatched all at
 * once: on Zen 3 an operation waits in the scheduler from dispatch to issue,
 * and a kernel made of one chain fills it (20 dependent fma per 8 floats run
 * at 28 cycles, not 10).  Measured: mish rr2-p6 +9%.  Tails as
 * ACT_AVX2_FWD (masked; nothing past n is read or written), and each vector
 * is loaded before its result is stored, so y may be x. */
#define ACT_AVX2_FWD_PIPE2(name, st, f1, f2)                                           \
  act_f32_fwd_p name;                                                                  \
  void name(size_t n, const float *x, float *y, const float *params)                   \
  {                                                                                    \
    (void)params;                                                                      \
    if (n >= 8) {                                                                      \
      st s = f1(_mm256_loadu_ps(x), params);                                           \
      for (n -= 8, x += 8; n >= 8; n -= 8, x += 8, y += 8) {                           \
        st next_ = f1(_mm256_loadu_ps(x), params);                                     \
        _mm256_storeu_ps(y, f2(s, params));                                            \
        s = next_;                                                                     \
      }                                                                                \
      _mm256_storeu_ps(y, f2(s, params));                                              \
      y += 8;                                                                          \
    }                                                                                  \
    if (n) {                                                                           \
      __m256i m = tail_mask(n);                                                        \
      _mm256_maskstore_ps(y, m, f2(f1(_mm256_maskload_ps(x, m), params), params));     \
    }                                                                                  \
  }

#define EXPF_ZMIN  -0x1p+7f        /* -128: 2^64 exp(-128) = 2^-120.7 is still normal */
#define EXPF_MAGIC 0x1.80017Ep+23f /* 1.5 2^23 + 191: adding it rounds to an integer n and
                                      leaves n + 127 + 64 in the low bits */
#define EXPF_2M64  0x1p-64f        /* undoes the 2^64 of exp_s64 */

/* t = z + zl - n ln2 = *th + *tl (th exact, tl to 2^-47) and s = 2^(n + 64),
 * n = round(z log2e), for EXPF_ZMIN <= z <= 0 or NaN */
static inline __m256 exp_reduce(__m256 z, __m256 zl, __m256 *tl, __m256 *s)
{
  __m256 n = _mm256_fmadd_ps(z, V(LOG2E), V(EXPF_MAGIC));
  *s = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(n), 23)); /* 2^(n+64) */
  n = n - V(EXPF_MAGIC);
  *tl = _mm256_fnmadd_ps(n, V(LN2_LO), zl);        /* below 2^-23 */
  return _mm256_fnmadd_ps(n, V(LN2_HI), z);        /* exact, |th| <= ln2/2 + 2^-23 */
}

/* P(t) ~ (exp(t) - 1)/t: (c1 + c2 t) + t^2 (c3 + c4 t) + t^4 (c5 + c6 t) */
static inline __m256 exp_poly(__m256 t)
{
  __m256 t2 = t * t;
  __m256 a = _mm256_fmadd_ps(V(0x1.000002p-1f), t, V(0x1p+0f));
  __m256 b = _mm256_fmadd_ps(V(0x1.55515ep-5f), t, V(0x1.5553c2p-3f));
  __m256 c = _mm256_fmadd_ps(V(0x1.709b64p-10f), t, V(0x1.12903ep-7f));
  return _mm256_fmadd_ps(_mm256_fmadd_ps(c, t2, b), t2, a);
}

/* 2^64 exp(z + zl), EXPF_ZMIN <= z <= 0 or NaN, one rounding (and t's) */
static inline __m256 exp_s64(__m256 z, __m256 zl)
{
  __m256 tl, s, t = exp_reduce(z, zl, &tl, &s);
  t = t + tl;
  return _mm256_fmadd_ps(exp_poly(t), t, V(1.0f)) * s; /* exact scaling */
}

/* the same as a float pair, es + *esl, from exp(th + tl) = exp(th)(1 + tl):
 * es = fma(P, th s, s) = s (1 + th P) rounded once (th s exact, so the
 * scaling is off the dependent chain) and its rounding error
 * fma(P, th s, s - es) (s - es exact, Sterbenz), plus tl es; left: P's
 * error (2^-28.5), P's rounding times th, and the error's rounding */
static inline __m256 exp_s64_pair(__m256 z, __m256 zl, __m256 *esl)
{
  __m256 tl, s, t = exp_reduce(z, zl, &tl, &s);
  __m256 p = exp_poly(t), ts = t * s;
  __m256 es = _mm256_fmadd_ps(p, ts, s);
  *esl = _mm256_fmadd_ps(tl, es, _mm256_fmadd_ps(p, ts, s - es));
  return es;
}

/* 1 + e = d + *dl exactly for e = 2^-64 es <= 1 (Fast2Sum); *e = e */
static inline __m256 one_plus_s64(__m256 es, __m256 *e, __m256 *dl)
{
  *e = es * V(EXPF_2M64);
  __m256 d = V(1.0f) + *e;
  *dl = (V(1.0f) - d) + *e;
  return d;
}

/* (N + Nl)/(d + dl), 1 <= d <= 2, |dl| <= ulp(d)/2, |Nl| <= ulp(N)/2; the
 * remainder is negated (q (d + dl) - N - Nl) so that q = -0 stays -0 */
static inline __m256 div_adj2(__m256 N, __m256 Nl, __m256 d, __m256 dl)
{
  __m256 q = N / d;
  __m256 res = _mm256_fmadd_ps(q, dl, _mm256_fmsub_ps(q, d, N)) - Nl;
  return _mm256_fnmadd_ps(res, _mm256_rcp_ps(d), q);
}
static inline __m256 div_adj(__m256 N, __m256 d, __m256 dl)
{
  __m256 q = N / d;
  __m256 res = _mm256_fmadd_ps(q, dl, _mm256_fmsub_ps(q, d, N));
  return _mm256_fnmadd_ps(res, _mm256_rcp_ps(d), q);
}

/* -|z| and its low part, for z = zh + zl */
static inline __m256 negabs_pair(__m256 zh, __m256 zl, __m256 *nl)
{
  *nl = _mm256_xor_ps(zl, _mm256_andnot_ps(zh, V(-0.0f))); /* -zl where zh >= 0 */
  return _mm256_or_ps(zh, V(-0.0f));
}

/* x sigma(z), z = zh + zl exact, -128 <= zh <= 128 (callers clamp; NaN
 * passes): x/(1 + e) for z >= 0, (x 2^64 e)/(1 + e) 2^-64 for z < 0,
 * e = exp(-|z|) as a float pair (exp_s64_pair), the product x 2^64 e exact
 * as a float pair; x for z > 32 (e < 2^-46: also x = inf); |x| <= 2^64
 * where z < 0.  In two stages for ACT_AVX2_FWD_PIPE2: xsig_exp8, xsig_div8. */
typedef struct { __m256 x, zh, es, esl; } xsig_st;
static inline xsig_st xsig_exp8(__m256 x, __m256 zh, __m256 zl) /* the first stage */
{
  xsig_st s = {.x = x, .zh = zh};
  __m256 tl, t = negabs_pair(zh, zl, &tl);
  s.es = exp_s64_pair(t, tl, &s.esl);
  return s;
}
static inline __m256 xsig_div8(xsig_st s) /* the second */
{
  __m256 x = s.x, zh = s.zh, es = s.es, esl = s.esl;
  __m256 e, dl, d = one_plus_s64(es, &e, &dl);
  dl = _mm256_fmadd_ps(esl, V(EXPF_2M64), dl);
  __m256 neg = vlt(zh, V(0.0f)), m = vsel(neg, es, V(1.0f));
  __m256 N = x * m;
  __m256 Nl = _mm256_fmadd_ps(x, _mm256_and_ps(neg, esl), _mm256_fmsub_ps(x, m, N));
  __m256 q = div_adj2(N, Nl, d, dl);
  return vsel(vgt(zh, V(0x1p+5f)), x, q * vsel(neg, V(EXPF_2M64), V(1.0f)));
}
static inline __m256 xsigmoid_fast8(__m256 x, __m256 zh, __m256 zl)
{
  return xsig_div8(xsig_exp8(x, zh, zl));
}

/* d/dx [x sigma(z)] = s (1 + z (1 - s)), s = sigma(z), z = zh + zl: with
 * q = sigma(-|z|) (2^64 q = qs): z < 0: qs (1 + z (1 - q)) 2^-64, z >= 0:
 * (1 - q)(1 + z q).  For z < 0, 1 + z (1 - q) = fma(-zh, q, 1 + zh) + zl (1 - q):
 * 1 + zh is exact for zh <= -1/2, so neither the rounding of 1 - q nor zl
 * is amplified where the sum cancels (z (1 - q)/(1 + z (1 - q)) is 1.9 at
 * z = -2.3, 2.9 at -1.78): that cost gelu_sigmoid' 4.4 ulp in [-4, -1).
 * It still cancels near the root z0 = -1.2785, where the error is that of
 * q, in ulps of a result going to 0: the kernels take t P(t) there. */
/* the kernels' root window, |z - HS_C| < XSIG_ROOT_W (roots-f32.h: HS is
 * fitted for 1/2): out of it this formula stays within 3.4 ulp, but not
 * out of 3/16 (4.56, silu' swept); a lane in it costs the root path for
 * all 8 */
#define XSIG_ROOT_W 0x1p-2f
/* t P(t) of roots-f32.h's HS (silu'(x0 + t)), t = th + tl, |t| < 1/4, in
 * plain floats: Q by Estrin, A = P1 + t Q and P = P0 + t A rounded once
 * each (P0_LO, P1_LO dropped: 2^-29), th P + tl P by one fma; about twice
 * fewer operations than roots-avx2.h's root_poly8, for 2^-24 of P more */
static inline __m256 xsig_root8(__m256 th, __m256 tl)
{
  static const float q[8] = HS_Q;
  __m256 t = th + tl, t2 = t * t, t4 = t2 * t2;
  __m256 a = _mm256_fmadd_ps(V(q[1]), t, V(q[0])), b = _mm256_fmadd_ps(V(q[3]), t, V(q[2]));
  __m256 c = _mm256_fmadd_ps(V(q[5]), t, V(q[4])), d = _mm256_fmadd_ps(V(q[7]), t, V(q[6]));
  __m256 Q = _mm256_fmadd_ps(_mm256_fmadd_ps(d, t2, c), t4, _mm256_fmadd_ps(b, t2, a));
  __m256 P = _mm256_fmadd_ps(_mm256_fmadd_ps(Q, t, V(HS_P1_HI)), t, V(HS_P0_HI));
  return _mm256_fmadd_ps(th, P, tl * P);
}
#define XSIG_ROOT_NEAR8(zh) vlt(vabs((zh) - V(HS_C)), V(XSIG_ROOT_W))
static inline __m256 xsigmoid_d_fast8(__m256 zh, __m256 zl)
{
  __m256 tl, t = negabs_pair(zh, zl, &tl);
  __m256 es = exp_s64(t, tl), e, dl, d = one_plus_s64(es, &e, &dl);
  __m256 qs = div_adj(es, d, dl), q = qs * V(EXPF_2M64), q1 = V(1.0f) - q;
  __m256 neg = vlt(zh, V(0.0f));
  __m256 fn = _mm256_fmadd_ps(zl, q1, _mm256_fnmadd_ps(zh, q, V(1.0f) + zh));
  __m256 fp = _mm256_fmadd_ps(zh, q, V(1.0f));
  return vsel(neg, qs * fn * V(EXPF_2M64), q1 * fp);
}

/* expm1(z) = (s - 1) + s expm1(t) for -20 <= z <= 0 (or NaN), s = 2^n,
 * t = z - n ln2 (rr2): expm1(t) = t + t^2 Q(t), Q of degree 4 (p6: Remez
 * fit of expm1's relative error on [-ln2/2, ln2/2], our own; 2^-25.8 with
 * the coefficients rounded), rounded once, then fma(s, ., s - 1): no
 * cancellation at n = 0 (s - 1 = 0), |s - 1| >= 1/2 beside the rest
 * otherwise. */
#define EXPM1_ZMIN -0x1.4p+4f      /* -20: expm1 rounds to -1 below -17.33 */
#define EXPM1_MAGIC 0x1.8000FEp+23f /* 1.5 2^23 + 127: n + 127 in the low bits */
static inline __m256 expm1_fast8(__m256 z)
{
  __m256 n = _mm256_fmadd_ps(z, V(LOG2E), V(EXPM1_MAGIC));
  __m256 s = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(n), 23)); /* 2^n */
  n = n - V(EXPM1_MAGIC);
  __m256 t = _mm256_fnmadd_ps(n, V(LN2_HI), z);    /* exact */
  t = _mm256_fnmadd_ps(n, V(LN2_LO), t);
  __m256 t2 = t * t;
  /* Q(t) ~ (expm1(t) - t)/t^2 = (c2 + c3 t) + t^2 (c4 + c5 t + c6 t^2) */
  __m256 a = _mm256_fmadd_ps(V(0x1.5554b0p-3f), t, V(0x1.fffffep-2f));
  __m256 b = _mm256_fmadd_ps(_mm256_fmadd_ps(V(0x1.6bec08p-10f), t, V(0x1.122768p-7f)), t,
                             V(0x1.555674p-5f));
  __m256 em = _mm256_fmadd_ps(t2, _mm256_fmadd_ps(b, t2, a), t);   /* expm1(t) */
  return _mm256_fmadd_ps(s, em, s - V(1.0f));
}

/* 2^64 log1p(e), e = exp(z + zl), EXPF_ZMIN <= z <= 0 (NaN passes):
 * log1p(e) = 2 atanh(s) = 2s + s w R(w), s = e/(2 + e) <= 1/3, w = s^2,
 * R of degree 3 (Remez fit of log1p's relative error on [0, 1/9], our own:
 * 2^-26.5 with the coefficients rounded); e as a float pair (exp_s64_pair),
 * 2 + e exact as d + dl, 2^64 s by div_adj2 (the 2^64 keeps it normal
 * where log1p(e) is subnormal, so the result rounds once there). */
static inline __m256 log1p_s64(__m256 es, __m256 esl) /* the part after the exp */
{
  __m256 e = es * V(EXPF_2M64);
  __m256 d = V(2.0f) + e;
  __m256 dl = _mm256_fmadd_ps(esl, V(EXPF_2M64), (V(2.0f) - d) + e);
  __m256 ss = div_adj2(es, esl, d, dl);                 /* 2^64 s */
  __m256 s = ss * V(EXPF_2M64);
  __m256 w = s * s;
  __m256 R = _mm256_fmadd_ps(_mm256_fmadd_ps(V(0x1.1ed7bep-2f), w, V(0x1.1ebd0ep-2f)), w * w,
                             _mm256_fmadd_ps(V(0x1.99d208p-2f), w, V(0x1.555502p-1f)));
  return _mm256_fmadd_ps(ss * w, R, ss + ss);
}
static inline __m256 log1p_exp_s64(__m256 z, __m256 zl)
{
  __m256 esl, es = exp_s64_pair(z, zl, &esl);
  return log1p_s64(es, esl);
}

#endif
