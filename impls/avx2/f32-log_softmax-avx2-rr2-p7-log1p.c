/* log_softmax over each row, 8 lanes (softmax-avx2.h):
 *   pass 1: m = max_j x_j (NaN never wins);
 *   pass 2: r = sum_{x_j < m} exp(x_j - m) + (count of x_j = m) - 1 + (m - m),
 *           in binary64 (each exp in binary64 lanes, softmax-avx2.h's
 *           exp_xm4d, so no term underflows; terms below exp(-160) count as
 *           that): the entries equal to m
 *           contribute exactly 1 each and are counted instead, so a dominant
 *           entry's y = -log1p(r) keeps its accuracy when r < 2^-53; m - m is
 *           0, or NaN when the row is all -inf (or NaN) or holds +inf (NaN
 *           rows, as f32-log_softmax-scalar-log1p and PyTorch); a NaN entry
 *           makes r NaN;
 *           (that sum apart only where a plain sum of all terms minus 1
 *           would not give r to 2^-30: row_r);
 *   l = log1p(r) in binary64 (libm, once per row);
 *   pass 3: y_j = (x_j - m) - l in binary64, rounded once.
 * -inf entries give -inf.  y may be x (x_j is read before y_j is written).
 * Backward: dx_j = dy_j - p_j t, p_j = exp(x_j - m)/s, s = sum_k exp(x_k -
 * m) (row_sum), t = sum_k dy_k in binary64; p_j t and dy_j - p_j t in
 * binary64 too (one fma), rounded once.
 * dx may be x or dy. */
#include <math.h>

#include "softmax-avx2.h"

act_f32_row_fwd f32_log_softmax_avx2_rr2_p7_log1p;
act_f32_row_bwd f32_log_softmax_bwd_avx2_rr2_p7_log1p;

/* adds exp(x - m) over the lanes of keep where x < m (or NaN) to *a0, *a1 and
 * counts the lanes where x = m in *cnt.  exp in binary64 (softmax-avx2.h:
 * exp_xm4d; below -160 it leaves exp(-160) = 2^-231, too small to change
 * any y but the sign of a zero y_k = -r, which it gets right); -inf entries
 * add 0. */
static inline void rest8(__m256 x, __m256 m, __m256d md, __m256 keep, __m256d *a0, __m256d *a1,
                         __m256 *cnt)
{
  __m256 lt = _mm256_and_ps(keep, _mm256_cmp_ps(x, m, _CMP_NEQ_UQ)); /* x < m, or NaN */
  __m256i use = _mm256_castps_si256(_mm256_andnot_ps(_mm256_cmp_ps(x, V(-__builtin_inff()), _CMP_EQ_OQ), lt));
  *a0 = *a0 + _mm256_and_pd(exp_xm4d(lo4d(x), md), mask_lo4d(use));
  *a1 = *a1 + _mm256_and_pd(exp_xm4d(hi4d(x), md), mask_hi4d(use));
  *cnt = *cnt + _mm256_and_ps(V(1.0f), _mm256_andnot_ps(lt, keep));
}

/* r (see above) of a row; cols >= 1 */
static double row_rest(size_t cols, const float *x, __m256 m)
{
  const __m256 all = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
  __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
  __m256 cnt = _mm256_setzero_ps();
  size_t j = 0;
  const __m256d md = VD(_mm256_cvtss_f32(m));
  for (; j + 8 <= cols; j += 8)
    rest8(_mm256_loadu_ps(x + j), m, md, all, &a0, &a1, &cnt);
  if (j < cols) {
    __m256i k = tail_mask(cols - j);
    rest8(_mm256_maskload_ps(x + j, k), m, md, _mm256_castsi256_ps(k), &a0, &a1, &cnt);
  }
  /* the count apart (exact in binary32 for cols < 2^24 per lane): 1 + tiny
   * terms would lose them */
  __m256d c0 = _mm256_setzero_pd(), c1 = _mm256_setzero_pd();
  acc8d(&c0, &c1, cnt);
  float mm = _mm256_cvtss_f32(m);
  return ((hsum4d(_mm256_add_pd(c0, c1)) - 1.0) + (double)(mm - mm)) + hsum4d(_mm256_add_pd(a0, a1));
}

/* s = sum_j exp(x_j - m) in binary64, plainly (exp_xm4d: -inf entries add
 * 2^-231 each, NaN passes) */
static double row_sum(size_t cols, const float *x, __m256d md)
{
  __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
  size_t j = 0;
  for (; j + 8 <= cols; j += 8) {
    __m256 v = _mm256_loadu_ps(x + j);
    a0 = a0 + exp_xm4d(lo4d(v), md);
    a1 = a1 + exp_xm4d(hi4d(v), md);
  }
  if (j < cols) {
    __m256i k = tail_mask(cols - j);
    __m256 v = _mm256_maskload_ps(x + j, k);
    a0 = a0 + _mm256_and_pd(exp_xm4d(lo4d(v), md), mask_lo4d(k));
    a1 = a1 + _mm256_and_pd(exp_xm4d(hi4d(v), md), mask_hi4d(k));
  }
  return hsum4d(a0 + a1);
}

/* r: first s - 1 from row_sum, whose rounding errors are below cols 2^-53 s
 * and whose -inf entries add below cols 2^-231 (the entries equal to m add
 * exactly 1, exp4d(0) = 1; the others' relative error 2^-28.5 is within r
 * as in row_rest): where r >= cols s 2^-23 those are within 2^-30 of r and
 * r is kept (no zero y_k then: r >= 2^-23); else (a dominant entry, NaN,
 * infinities) row_rest's careful sum */
static double row_r(size_t cols, const float *x, __m256 m)
{
  float mf = _mm256_cvtss_f32(m);
  double s = row_sum(cols, x, VD(mf)), r = s - 1.0;
  return r >= (double)cols * s * 0x1p-23 ? r : row_rest(cols, x, m);
}

/* (x - m) - l, in binary64, rounded once */
static inline __m256 out8(__m256 x, __m256d md, __m256d l)
{
  __m128 y0 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(x)), md), l));
  __m128 y1 = _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)), md), l));
  return _mm256_set_m128(y1, y0);
}

void f32_log_softmax_avx2_rr2_p7_log1p(size_t rows, size_t cols, const float *x, float *y)
{
  if (cols == 0)
    return;
  for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
    float mf = row_max(cols, x);
    const __m256 m = V(mf);
    const __m256d md = _mm256_set1_pd(mf), l = _mm256_set1_pd(log1p(row_r(cols, x, m)));
    size_t j = 0;
    for (; j + 8 <= cols; j += 8)
      _mm256_storeu_ps(y + j, out8(_mm256_loadu_ps(x + j), md, l));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(y + j, k, out8(_mm256_maskload_ps(x + j, k), md, l));
    }
  }
}

/* dy - p t, p = exp(x - m)/s, all in binary64, rounded once */
static inline __m256 grad8(__m256 x, __m256 g, __m256d md, __m256d is, __m256d t)
{
  return join4d(_mm256_fnmadd_pd(exp_xm4d(lo4d(x), md) * is, t, lo4d(g)),
                _mm256_fnmadd_pd(exp_xm4d(hi4d(x), md) * is, t, hi4d(g)));
}

void f32_log_softmax_bwd_avx2_rr2_p7_log1p(size_t rows, size_t cols, const float *x,
                                           const float *dy, float *dx)
{
  if (cols == 0)
    return;
  for (size_t r = 0; r < rows; r++, x += cols, dy += cols, dx += cols) {
    const __m256d md = VD(row_max(cols, x));
    double s = row_sum(cols, x, md); /* s >= 1: its errors are cols 2^-53 of it */
    __m256d t0 = _mm256_setzero_pd(), t1 = _mm256_setzero_pd();
    size_t j = 0;
    for (; j + 8 <= cols; j += 8)
      acc8d(&t0, &t1, _mm256_loadu_ps(dy + j));
    if (j < cols)
      acc8d(&t0, &t1, _mm256_maskload_ps(dy + j, tail_mask(cols - j)));
    const __m256d t = _mm256_set1_pd(hsum4d(_mm256_add_pd(t0, t1)));
    const __m256d is = VD(1.0 / s);
    for (j = 0; j + 8 <= cols; j += 8)
      _mm256_storeu_ps(dx + j, grad8(_mm256_loadu_ps(x + j), _mm256_loadu_ps(dy + j), md, is, t));
    if (j < cols) {
      __m256i k = tail_mask(cols - j);
      _mm256_maskstore_ps(dx + j, k, grad8(_mm256_maskload_ps(x + j, k),
                                           _mm256_maskload_ps(dy + j, k), md, is, t));
    }
  }
}
