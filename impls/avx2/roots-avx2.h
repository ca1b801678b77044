/* roots-avx2.h: a derivative near its root x0 as t P(t), t = x - x0
 * (../roots-f32.h, from gen-roots-f32.c), for the AVX2 backward kernels
 * whose general formula cancels there (an absolute error of 2^-31 in ulps
 * of a result going to 0).  t is formed as a float pair, exact but for a
 * last rounding far below t, so the relative error is P's (2^-29 or better)
 * and that of the pair steps.  A kernel tests ROOT_NEAR8 (|x - C| < W) and
 * calls root_blend8 when some lane is in the window: other vectors pay a
 * compare and a test.  Products that feed a two_sum are rounded by rmul:
 * the build contracts a plain product into the sum that takes it. */
#ifndef ROOTS_AVX2_H
#define ROOTS_AVX2_H

#include "exp-avx2.h"
#include "roots-f32.h"

/* a b rounded once, as an FMA with 0 (never contracted into a later sum) */
static inline __m256 rmul(__m256 a, __m256 b) { return _mm256_fmadd_ps(a, b, _mm256_setzero_ps()); }
/* (ah + al)(bh + bl) = hi + *lo to about 2^-46 (mul_dd with hi by rmul) */
static inline __m256 rmul_dd(__m256 ah, __m256 al, __m256 bh, __m256 bl, __m256 *lo)
{
  __m256 hi = rmul(ah, bh);
  *lo = _mm256_fmadd_ps(ah, bl, _mm256_fmadd_ps(al, bh, _mm256_fmsub_ps(ah, bh, hi)));
  return hi;
}

/* t = x - (x0h + x0l + x0ll) as th + *tl for x in the window: x - x0h is
 * exact (Sterbenz) and 0 or a multiple of 2^-24 above |x0l| (gen-roots-f32.c
 * checks the window), so fast_two_sum is exact; *tl rounded once */
static inline __m256 root_tx8(__m256 x, float x0h, float x0l, float x0ll, __m256 *tl)
{
  __m256 e, t = fast_two_sum(x - V(x0h), V(-x0l), &e);
  *tl = e - V(x0ll);
  return t;
}
/* the same for a pair x = xh + xl, xh in the window */
static inline __m256 root_t8(__m256 xh, __m256 xl, float x0h, float x0l, float x0ll,
                             __m256 *tl)
{
  __m256 ae, a = two_sum(xh - V(x0h), xl, &ae);
  __m256 be, b = two_sum(a, V(-x0l), &be);
  *tl = ae + be - V(x0ll);
  return b;
}

/* P = (p0h + p0l) + t ((p1h + p1l) + t Q(t)), Q(t) = q[0] + t (q[1] + ...) */
typedef struct {
  float p0h, p0l, p1h, p1l;
  int pairs, nq;
  float q[12];
} root_poly;
#define ROOT_COEFFS(T) {T##_P0_HI, T##_P0_LO, T##_P1_HI, T##_P1_LO, T##_PAIRS, T##_DEG - 1, T##_Q}

/* t P(t), t = th + tl: Q by Horner (FMA); A = P1 + t Q rounded once where
 * |t A| <= P0/8 (2^-27 of P), else (pairs) as a pair; P = P0 + t A and t P
 * as pairs (|t A| < P0: gen-roots-f32.c checks it) */
static inline __attribute__((always_inline)) __m256 root_poly8(__m256 th, __m256 tl,
                                                               const root_poly *r)
{
  __m256 t = th + tl, s = V(r->q[r->nq - 1]), ah, al = V(0.0f);
  for (int i = r->nq - 2; i >= 0; i--)
    s = _mm256_fmadd_ps(s, t, V(r->q[i]));
  if (r->pairs) {
    __m256 ml, mh = rmul_dd(th, tl, s, V(0.0f), &ml); /* t Q */
    ah = two_sum(V(r->p1h), mh, &al);
    al = al + ml + V(r->p1l);
  } else {
    ah = _mm256_fmadd_ps(s, t, V(r->p1h));
  }
  __m256 nl, nh = rmul_dd(th, tl, ah, al, &nl);        /* t A */
  __m256 gl, gh = fast_two_sum(V(r->p0h), nh, &gl);    /* P */
  gl = gl + nl + V(r->p0l);
  __m256 rl, rh = rmul_dd(th, tl, gh, gl, &rl);        /* t P */
  return rh + rl;
}
/* d with the lanes of near replaced by t P(t): out of line, so that the
 * kernels' own code stays inlined as it was */
static __attribute__((noinline, unused)) __m256 root_blend8(__m256 d, __m256 near, __m256 th,
                                                            __m256 tl, const root_poly *r)
{
  return vsel(near, root_poly8(th, tl, r), d);
}

/* lanes with |xh - C| < W of root T (NaN: none) */
#define ROOT_NEAR8(xh, T) vlt(vabs((xh) - V(T##_C)), V(T##_W))
/* some lane of mask m set */
static inline int root_any8(__m256 m) { return !_mm256_testz_ps(m, m); }
#define ROOT_TX8(x, T, tl) root_tx8(x, T##_X0_HI, T##_X0_LO, T##_X0_LL, tl)
#define ROOT_T8(xh, xl, T, tl) root_t8(xh, xl, T##_X0_HI, T##_X0_LO, T##_X0_LL, tl)

#endif
