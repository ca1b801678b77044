/* roots4d-avx2.h: roots-avx2.h's t P(t) near a derivative's root, in the
 * binary64 lanes of exp-avx2.h's fast path.  The kernel forms t = x - x0 in
 * binary64 (x0 = X0_HI + X0_LO + X0_LL; x - X0_HI and then - X0_LO are exact
 * in the window, the rest rounds once: 2^-52 of t); P(t) = P0 + t (P1 +
 * t Q(t)) by Horner, P0 and P1 the float pairs summed (exact in binary64),
 * so the relative error is P's (2^-29 or better, gen-roots-f32.c) plus
 * about 2^-50.  Vectors with a lane in the window (ROOT_NEAR8) pay for it.
 * The kernels' per-vector functions are always_inline (GCC would otherwise
 * call them from the loop, reloading every constant). */
#ifndef ROOTS4D_AVX2_H
#define ROOTS4D_AVX2_H

#include "roots-avx2.h"

/* t P(t) of root r, t in binary64 */
static inline __attribute__((always_inline)) __m256d root_tp4d(__m256d t, const root_poly *r)
{
  __m256d s = VD(r->q[r->nq - 1]);
  for (int i = r->nq - 2; i >= 0; i--)
    s = _mm256_fmadd_pd(s, t, VD(r->q[i]));
  __m256d a = _mm256_fmadd_pd(s, t, VD((double)r->p1h + r->p1l));
  return t * _mm256_fmadd_pd(a, t, VD((double)r->p0h + r->p0l));
}

/* y with the lanes of near replaced by t P(t), t = tlo, thi (the halves):
 * out of line, so the kernels' loops stay as they are where no lane is near */
static __attribute__((noinline, unused)) __m256 root_blend4d(__m256 y, __m256 near, __m256d tlo,
                                                             __m256d thi, const root_poly *r)
{
  return vsel(near, join4d(root_tp4d(tlo, r), root_tp4d(thi, r)), y);
}

/* t = x - x0 of root T for binary64 x (exact binary32 x, or beta x) */
#define ROOT_TD(x, T) (((x) - VD(T##_X0_HI)) - VD(T##_X0_LO) - VD(T##_X0_LL))

#endif
