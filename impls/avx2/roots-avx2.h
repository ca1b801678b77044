/* roots-avx2.h: a derivative near its root x0 as t P(t), t = x - x0
 * (../roots-f32.h, from gen-roots-f32.c), for the AVX2 backward kernels
 * whose general formula cancels there (an absolute error of 2^-31 in ulps
 * of a result going to 0).  t is formed as a float pair, exact but for a
 * last rounding far below t, so the relative error is P's (2^-30 or better).
 * A kernel tests ROOT_NEAR8 and takes the polynomial only when some lane is
 * within delta of x0 (a branch, so other vectors pay one compare), blending
 * it into those lanes. */
#ifndef ROOTS_AVX2_H
#define ROOTS_AVX2_H

#include "exp-avx2.h"
#include "roots-f32.h"

/* t = (xh + xl) - (x0h + x0l + x0ll) as th + *tl: exact but for the last
 * rounding of *tl (two_sum throughout: x need not be within a factor 2 of x0) */
static inline __m256 root_t8(__m256 xh, __m256 xl, float x0h, float x0l, float x0ll,
                             __m256 *tl)
{
  __m256 de, d = two_sum(xh, V(-x0h), &de);
  __m256 ae, a = two_sum(d, xl, &ae);
  __m256 be, b = two_sum(a, V(-x0l), &be);
  *tl = de + ae + be - V(x0ll);
  return b;
}

/* t P(t) for t = th + tl, P = (p0h + p0l) + t ((p1h + p1l) + t Q(t)), Q of
 * nq coefficients q[] in binary32 (Horner, FMA), the last two steps and the
 * product by t in float pairs */
static inline __m256 root_poly8(__m256 th, __m256 tl, float p0h, float p0l, float p1h,
                                float p1l, const float *q, int nq)
{
  __m256 t = th + tl, s = V(q[nq - 1]);
  for (int i = nq - 2; i >= 0; i--)
    s = _mm256_fmadd_ps(s, t, V(q[i]));
  __m256 ml, mh = mul_dd(th, tl, s, V(0.0f), &ml);   /* t Q */
  __m256 al, ah = two_sum(V(p1h), mh, &al);          /* P1 + t Q */
  al = al + ml + V(p1l);
  __m256 nl, nh = mul_dd(th, tl, ah, al, &nl);       /* t (P1 + t Q) */
  __m256 gl, gh = two_sum(V(p0h), nh, &gl);          /* P */
  gl = gl + nl + V(p0l);
  __m256 rl, rh = mul_dd(th, tl, gh, gl, &rl);       /* t P */
  return rh + rl;
}

/* lanes with |xh - X0_HI| < DELTA of root T (NaN: none) */
#define ROOT_NEAR8(xh, T) vlt(vabs((xh) - V(T##_X0_HI)), V(T##_DELTA))
/* some lane of mask m set */
static inline int root_any8(__m256 m) { return !_mm256_testz_ps(m, m); }
#define ROOT_T8(xh, xl, T, tl) root_t8(xh, xl, T##_X0_HI, T##_X0_LO, T##_X0_LL, tl)
#define ROOT_POLY8(th, tl, T)                                                           \
  root_poly8(th, tl, T##_P0_HI, T##_P0_LO, T##_P1_HI, T##_P1_LO, (const float[])T##_Q, \
             T##_DEG - 1)

#endif
