/* softmax-avx2.h: row pieces shared by the AVX2 softmax and log_softmax
 * kernels.  A row of n >= 1 floats is read 8 at a time, the last n % 8
 * through masked loads (masked lanes are neither read nor written).
 *   row_max:  m = max of the non-NaN entries (-inf if none): _mm256_max_ps(x, m)
 *             returns m when x is NaN, so NaN never wins; it poisons the sums.
 *   row_minmax: the same and the min (softmax: rows within 700 of m skip
 *             exp's clamp).
 *   exp_xm4d: exp(x - m) for 4 lanes in binary64 (exp-avx2.h's fast path):
 *             m - x is exact there, clamped to 160 (exp(-160) = 2^-231 for
 *             -inf entries: 0 after any division by s >= 1, and nothing in s);
 *             NaN passes.
 * Sums are kept in binary64 (two __m256d per 8 lanes). */
#ifndef ACT_SOFTMAX_AVX2_H
#define ACT_SOFTMAX_AVX2_H

#include "exp-avx2.h"

static inline float hmax8(__m256 v)
{
  __m128 a = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  a = _mm_max_ps(a, _mm_movehl_ps(a, a));
  a = _mm_max_ss(a, _mm_movehdup_ps(a));
  return _mm_cvtss_f32(a);
}

static inline double hsum4d(__m256d v)
{
  __m128d a = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
  return _mm_cvtsd_f64(_mm_add_sd(a, _mm_unpackhi_pd(a, a)));
}

/* acc += v as binary64, lanes 0-3 to *lo and 4-7 to *hi */
static inline void acc8d(__m256d *lo, __m256d *hi, __m256 v)
{
  *lo = _mm256_add_pd(*lo, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
  *hi = _mm256_add_pd(*hi, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
}

static inline float row_max(size_t n, const float *x)
{
  __m256 m = V(-__builtin_inff());
  size_t j = 0;
  for (; j + 8 <= n; j += 8)
    m = _mm256_max_ps(_mm256_loadu_ps(x + j), m);
  if (j < n) {
    __m256i k = tail_mask(n - j);
    __m256 v = vsel(_mm256_castsi256_ps(k), _mm256_maskload_ps(x + j, k), V(-__builtin_inff()));
    m = _mm256_max_ps(v, m);
  }
  return hmax8(m);
}

/* m = max and *mn = min of the non-NaN entries (+-inf if none) */
static inline float row_minmax(size_t n, const float *x, float *mn)
{
  __m256 m = V(-__builtin_inff()), l = V(__builtin_inff());
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    __m256 v = _mm256_loadu_ps(x + j);
    m = _mm256_max_ps(v, m), l = _mm256_min_ps(v, l);
  }
  if (j < n) {
    __m256i k = tail_mask(n - j);
    __m256 v = _mm256_maskload_ps(x + j, k);
    m = _mm256_max_ps(vsel(_mm256_castsi256_ps(k), v, V(-__builtin_inff())), m);
    l = _mm256_min_ps(vsel(_mm256_castsi256_ps(k), v, V(__builtin_inff())), l);
  }
  *mn = -hmax8(-l);
  return hmax8(m);
}

/* exp(x - m), x and m in binary64 */
static inline __m256d exp_xm4d(__m256d x, __m256d m)
{
  return expm4d(_mm256_min_pd(VD(-EXP_TMIN), m - x)); /* NaN: second operand */
}


#endif
