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

/* *dl, *dh (the halves of 8 lanes) with the lanes of near replaced by t P(t),
 * t = tl, th: out of line, for the loops of ACT_AVX2_BWD_4D_ROOT */
static __attribute__((noinline, unused)) void root_fix4d(__m256d *dl, __m256d *dh, __m256 near,
                                                         __m256d tl, __m256d th, const root_poly *r)
{
  __m256i k = _mm256_castps_si256(near);
  *dl = _mm256_blendv_pd(*dl, root_tp4d(tl, r), mask_lo4d(k));
  *dh = _mm256_blendv_pd(*dh, root_tp4d(th, r), mask_hi4d(k));
}

/* ACT_AVX2_BWD_4D with a root: near8(x8, &s, one) gives the lanes in t P(t)'s
 * window (ROOT_NEAR8), t4d(x4, &s, one) their t; the vectors with such a
 * lane (a compare and a test for the others) go through root_fix4d */
#define ACT_ROOT_BWD_(x, dy, dx, n, s, d4d, near8, t4d, rp, v)                           \
  do {                                                                                   \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8) {                                   \
      __m256 nr_ = near8(_mm256_loadu_ps(x), &s, v);                                     \
      __m256d xl_ = _mm256_cvtps_pd(_mm_loadu_ps(x)), xh_ = _mm256_cvtps_pd(_mm_loadu_ps(x + 4)); \
      __m256d dl_ = d4d(xl_, &s, v), dh_ = d4d(xh_, &s, v);                              \
      if (root_any8(nr_))                                                                \
        root_fix4d(&dl_, &dh_, nr_, t4d(xl_, &s, v), t4d(xh_, &s, v), rp);               \
      __m128 lo_ = _mm256_cvtpd_ps(_mm256_cvtps_pd(_mm_loadu_ps(dy)) * dl_);             \
      __m128 hi_ = _mm256_cvtpd_ps(_mm256_cvtps_pd(_mm_loadu_ps(dy + 4)) * dh_);         \
      _mm_storeu_ps(dx, lo_);                                                            \
      _mm_storeu_ps(dx + 4, hi_);                                                        \
    }                                                                                    \
    if (n) {                                                                             \
      __m256i m_ = tail_mask(n);                                                         \
      __m256 x_ = _mm256_maskload_ps(x, m_), g_ = _mm256_maskload_ps(dy, m_);            \
      __m256 nr_ = _mm256_and_ps(near8(x_, &s, v), _mm256_castsi256_ps(m_));             \
      __m256d xl_ = lo4d(x_), xh_ = hi4d(x_), dl_ = d4d(xl_, &s, v), dh_ = d4d(xh_, &s, v); \
      if (root_any8(nr_))                                                                \
        root_fix4d(&dl_, &dh_, nr_, t4d(xl_, &s, v), t4d(xh_, &s, v), rp);               \
      _mm256_maskstore_ps(dx, m_, join4d(lo4d(g_) * dl_, hi4d(g_) * dh_));               \
    }                                                                                    \
  } while (0)
#define ACT_AVX2_BWD_4D_ROOT(name, S, setup, d4d, near8, t4d, rp)                        \
  act_f32_bwd_p name;                                                                    \
  void name(size_t n, const float *x, const float *dy, float *dx, const float *params)   \
  {                                                                                      \
    const S s = setup(params);                                                           \
    if (s.one)                                                                           \
      ACT_ROOT_BWD_(x, dy, dx, n, s, d4d, near8, t4d, rp, 1);                            \
    else                                                                                 \
      ACT_ROOT_BWD_(x, dy, dx, n, s, d4d, near8, t4d, rp, 0);                            \
  }

/* t = x - x0 of root T for binary64 x (exact binary32 x, or beta x) */
#define ROOT_TD(x, T) (((x) - VD(T##_X0_HI)) - VD(T##_X0_LO) - VD(T##_X0_LL))

/* ACT_AVX2_BWD_4D_ROOT for a kernel without parameters whose root window is
 * tested on x itself (root T of roots-f32.h, polynomial *rp): the near8 and
 * t4d hooks are ROOT_NEAR8(x, T) and ROOT_TD(x, T) */
#define ACT_AVX2_BWD_4D_ROOT_X(name, d4d, T, rp)                                          \
  static inline __m256 name##_near8(__m256 x, const act_nop4d *s, int one)               \
  {                                                                                      \
    (void)s, (void)one;                                                                  \
    return ROOT_NEAR8(x, T);                                                             \
  }                                                                                      \
  static inline __m256d name##_t4d(__m256d x, const act_nop4d *s, int one)               \
  {                                                                                      \
    (void)s, (void)one;                                                                  \
    return ROOT_TD(x, T);                                                                \
  }                                                                                      \
  ACT_AVX2_BWD_4D_ROOT(name, act_nop4d, act_nop4d_of, d4d, name##_near8, name##_t4d, rp)

#endif
