/* softmax over each row of a rows x cols matrix, 8 lanes as two halves of
 * 4 binary64 lanes (softmax-avx2.h):
 *   pass 1: m = max_j x_j (NaN never wins), and the min;
 *   pass 2: s = sum_j exp(x_j - m) in binary64 (exp_xm4d: x_j - m exact,
 *           exp-avx2.h's expm4d, relative error 2^-28.5), s in [1, cols];
 *   pass 3: y_j = exp(x_j - m) (1/s), exp recomputed, in binary64, rounded
 *           to binary32 once (into the subnormals if it must).  Rows within
 *           700 of m skip exp's clamp, and pass 3 folds 1/s into exp's
 *           coefficients there (kexpm4d).
 * Specials as f32-softmax-scalar-exp (and PyTorch): -inf entries give 0; a
 * NaN anywhere, a +inf, or an all -inf row give a NaN row (x - m is NaN and
 * poisons s).  Rows are only read in pass 3 before being written, so y may
 * be x.
 * Backward: dx_j = y_j (dy_j - t), t = sum_k dy_k y_k = (sum_k dy_k e_k)/s,
 * both sums in binary64; y_j recomputed as above, dy_j - t and the product
 * in binary64, rounded once.  dx may be x or dy. */
#include "softmax-avx2.h"

act_f32_row_fwd f32_softmax_avx2_rr2_p7_div;
act_f32_row_bwd f32_softmax_bwd_avx2_rr2_p7_div;

/* exp(x - m)/s for 8 lanes, rounded once */
static inline __m256 quot8(__m256 x, __m256d m, __m256d is)
{
  return join4d(exp_xm4d(lo4d(x), m) * is, exp_xm4d(hi4d(x), m) * is);
}

void f32_softmax_avx2_rr2_p7_div(size_t rows, size_t cols, const float *x, float *y)
{
  if (cols == 0)
    return;
  for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
    float mn, mf = row_minmax(cols, x, &mn);
    const __m256d m = VD(mf);
    /* narrow: every entry within 700 of m (none -inf, m finite; NaN entries
     * make NaN rows either way), so exp's argument needs no clamp */
    int narrow = (double)mf - mn <= 700.0;
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    size_t j = 0;
    if (narrow) /* halves loaded straight into binary64 (no lane extract) */
      for (; j + 8 <= cols; j += 8) {
        a0 = a0 + expm4d(m - _mm256_cvtps_pd(_mm_loadu_ps(x + j)));
        a1 = a1 + expm4d(m - _mm256_cvtps_pd(_mm_loadu_ps(x + j + 4)));
      }
    else
      for (; j + 8 <= cols; j += 8) {
        __m256 v = _mm256_loadu_ps(x + j);
        a0 = a0 + exp_xm4d(lo4d(v), m);
        a1 = a1 + exp_xm4d(hi4d(v), m);
      }
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      __m256 v = _mm256_maskload_ps(x + j, k);
      a0 = a0 + _mm256_and_pd(exp_xm4d(lo4d(v), m), mask_lo4d(k));
      a1 = a1 + _mm256_and_pd(exp_xm4d(hi4d(v), m), mask_hi4d(k));
    }
    double is1 = 1.0 / hsum4d(a0 + a1);
    const __m256d is = VD(is1);
    const exp4d_k K = exp4d_k_of(is1, -1); /* 1/s in [1/cols, 1] (or NaN) */
    j = 0;
    if (narrow) /* and halves stored straight from binary64 */
      for (; j + 8 <= cols; j += 8) {
        __m128 lo = _mm256_cvtpd_ps(kexpm4d(m - _mm256_cvtps_pd(_mm_loadu_ps(x + j)), &K));
        __m128 hi = _mm256_cvtpd_ps(kexpm4d(m - _mm256_cvtps_pd(_mm_loadu_ps(x + j + 4)), &K));
        _mm_storeu_ps(y + j, lo); /* both halves read before either is stored: y may be x */
        _mm_storeu_ps(y + j + 4, hi);
      }
    else
      for (; j + 8 <= cols; j += 8)
        _mm256_storeu_ps(y + j, quot8(_mm256_loadu_ps(x + j), m, is));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(y + j, k, quot8(_mm256_maskload_ps(x + j, k), m, is));
    }
  }
}

/* dx = y (dy - t), y = exp(x - m)/s, in binary64, rounded once */
static inline __m256 grad8(__m256 x, __m256 g, __m256d m, __m256d is, __m256d t)
{
  return join4d(exp_xm4d(lo4d(x), m) * is * (lo4d(g) - t),
                exp_xm4d(hi4d(x), m) * is * (hi4d(g) - t));
}

/* accumulates exp(x - m) into *s0, *s1 and dy exp(x - m) into *t0, *t1 (lanes of keep) */
static inline void sums8(__m256 x, __m256 g, __m256d m, __m256d klo, __m256d khi, __m256d *s0,
                         __m256d *s1, __m256d *t0, __m256d *t1)
{
  __m256d elo = _mm256_and_pd(exp_xm4d(lo4d(x), m), klo), ehi = _mm256_and_pd(exp_xm4d(hi4d(x), m), khi);
  *s0 = *s0 + elo, *s1 = *s1 + ehi;
  *t0 = _mm256_fmadd_pd(lo4d(g), elo, *t0);
  *t1 = _mm256_fmadd_pd(hi4d(g), ehi, *t1);
}

void f32_softmax_bwd_avx2_rr2_p7_div(size_t rows, size_t cols, const float *x,
                                     const float *dy, float *dx)
{
  if (cols == 0)
    return;
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  for (size_t r = 0; r < rows; r++, x += cols, dy += cols, dx += cols) {
    const __m256d m = VD(row_max(cols, x));
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, t0 = s0, t1 = s0;
    size_t j = 0;
    for (; j + 8 <= cols; j += 8)
      sums8(_mm256_loadu_ps(x + j), _mm256_loadu_ps(dy + j), m, all, all, &s0, &s1, &t0, &t1);
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      sums8(_mm256_maskload_ps(x + j, k), _mm256_maskload_ps(dy + j, k), m, mask_lo4d(k),
            mask_hi4d(k), &s0, &s1, &t0, &t1);
    }
    double s = hsum4d(s0 + s1);
    const __m256d is = VD(1.0 / s), t = VD(hsum4d(t0 + t1) / s);
    for (j = 0; j + 8 <= cols; j += 8)
      _mm256_storeu_ps(dx + j, grad8(_mm256_loadu_ps(x + j), _mm256_loadu_ps(dy + j), m, is, t));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(dx + j, k, grad8(_mm256_maskload_ps(x + j, k),
                                           _mm256_maskload_ps(dy + j, k), m, is, t));
    }
  }
}
