/* softmax over each row of a rows x cols matrix, 8 lanes (softmax-avx2.h):
 *   pass 1: m = max_j x_j (NaN never wins);
 *   pass 2: s = sum_j exp(x_j - m) in binary64 (each exp as a float pair),
 *           s in [1, cols];
 *   pass 3: y_j = exp(x_j - m)/s, exp recomputed as a float pair ph + pl
 *           (x_j - m exact, exp-avx2.h's rr2-p7), divided by s = sh + sl (a
 *           float pair) with one corrected quotient (div_dd), then scaled by
 *           2^n, so y_j is rounded once (into the subnormals if it must).
 * Specials as f32-softmax-scalar-exp (and PyTorch): -inf entries give 0; a
 * NaN anywhere, a +inf, or an all -inf row give a NaN row (x - m is NaN and
 * poisons s).  Rows are only read in pass 3 before being written, so y may
 * be x.
 * Backward: dx_j = y_j (dy_j - t), t = sum_k dy_k y_k = (sum_k dy_k e_k)/s,
 * both sums in binary64; y_j recomputed as above; dy_j - t rounded once from
 * binary64, then one product.  dx may be x or dy. */
#include "softmax-avx2.h"

act_f32_row_fwd f32_softmax_avx2_rr2_p7_div;
act_f32_row_bwd f32_softmax_bwd_avx2_rr2_p7_div;

/* exp(x - m)/(sh + sl), one rounding */
static inline __m256 quot8(__m256 x, __m256 m, __m256 sh, __m256 sl)
{
  act_exp8 E = exp_xm8(x, m);
  return exp8_scale(&E, div_dd1(E.ph, E.pl, sh, sl));
}

/* e = exp(x - m) as a float pair e + *el, 0 in masked lanes */
static inline __m256 exp_masked(__m256 x, __m256 m, __m256 keep, __m256 *el)
{
  act_exp8 E = exp_xm8(x, m);
  __m256 e = exp8_value(&E, el);
  *el = _mm256_and_ps(*el, keep);
  return _mm256_and_ps(e, keep);
}

/* s as a float pair */
static inline __m256 split_hi(double s, __m256 *lo)
{
  float h = (float)s;
  *lo = V((float)(s - h));
  return V(h);
}

void f32_softmax_avx2_rr2_p7_div(size_t rows, size_t cols, const float *x, float *y)
{
  if (cols == 0)
    return;
  const __m256 all = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
  for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
    const __m256 m = V(row_max(cols, x));
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    size_t j = 0;
    __m256 el;
    for (; j + 8 <= cols; j += 8) {
      acc8d(&a0, &a1, exp_masked(_mm256_loadu_ps(x + j), m, all, &el));
      acc8d(&a0, &a1, el);
    }
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      acc8d(&a0, &a1, exp_masked(_mm256_maskload_ps(x + j, k), m, _mm256_castsi256_ps(k), &el));
      acc8d(&a0, &a1, el);
    }
    __m256 sl, sh = split_hi(hsum4d(_mm256_add_pd(a0, a1)), &sl);
    for (j = 0; j + 8 <= cols; j += 8)
      _mm256_storeu_ps(y + j, quot8(_mm256_loadu_ps(x + j), m, sh, sl));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(y + j, k, quot8(_mm256_maskload_ps(x + j, k), m, sh, sl));
    }
  }
}

/* dx = y (dy - t), y = exp(x - m)/s; t as binary64 */
static inline __m256 grad8(__m256 x, __m256 g, __m256 m, __m256 sh, __m256 sl, double t)
{
  __m256 yv = quot8(x, m, sh, sl);
  __m256d t4 = _mm256_set1_pd(t);
  __m128 d0 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(g)), t4));
  __m128 d1 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(g, 1)), t4));
  return yv * _mm256_set_m128(d1, d0);
}

void f32_softmax_bwd_avx2_rr2_p7_div(size_t rows, size_t cols, const float *x,
                                     const float *dy, float *dx)
{
  if (cols == 0)
    return;
  const __m256 all = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
  for (size_t r = 0; r < rows; r++, x += cols, dy += cols, dx += cols) {
    const __m256 m = V(row_max(cols, x));
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    __m256d t0 = _mm256_setzero_pd(), t1 = _mm256_setzero_pd();
    size_t j = 0;
    for (; j + 8 <= cols; j += 8) {
      __m256 el, e = exp_masked(_mm256_loadu_ps(x + j), m, all, &el);
      __m256 g = _mm256_loadu_ps(dy + j);
      acc8d(&s0, &s1, e);
      acc8d(&s0, &s1, el);
      t0 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(g)),
                           _mm256_cvtps_pd(_mm256_castps256_ps128(e)), t0);
      t1 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(g, 1)),
                           _mm256_cvtps_pd(_mm256_extractf128_ps(e, 1)), t1);
    }
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      __m256 el, e = exp_masked(_mm256_maskload_ps(x + j, k), m, _mm256_castsi256_ps(k), &el);
      __m256 g = _mm256_maskload_ps(dy + j, k);
      acc8d(&s0, &s1, e);
      acc8d(&s0, &s1, el);
      t0 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(g)),
                           _mm256_cvtps_pd(_mm256_castps256_ps128(e)), t0);
      t1 = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(g, 1)),
                           _mm256_cvtps_pd(_mm256_extractf128_ps(e, 1)), t1);
    }
    double s = hsum4d(_mm256_add_pd(s0, s1)), t = hsum4d(_mm256_add_pd(t0, t1)) / s;
    __m256 sl, sh = split_hi(s, &sl);
    for (j = 0; j + 8 <= cols; j += 8)
      _mm256_storeu_ps(dx + j, grad8(_mm256_loadu_ps(x + j), _mm256_loadu_ps(dy + j), m, sh, sl, t));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(dx + j, k, grad8(_mm256_maskload_ps(x + j, k),
                                           _mm256_maskload_ps(dy + j, k), m, sh, sl, t));
    }
  }
}
