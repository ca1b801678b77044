/* hardswish(x) = x relu6(x + 3)/6 (PyTorch): -0 for x <= -3 (and -inf), x for
 * x >= 3, x (x + 3)/6 between, computed in binary64 and rounded once to
 * binary32.  For |x| >= 2^-4, x + 3 and x (x + 3) are exact in binary64;
 * the quotient by 6 is a product by C6, 1/6 rounded to binary64 (1/6 (1 -
 * 2^-54)), rounded once: within 1.5 2^-53 = 2^-52.4 relative, a little more
 * than the 2^-52.5 bound on the distance of the exact value from any
 * binary32 midpoint (the division's 2^-53 was below it), so correct
 * rounding is not proven by that bound but by an exhaustive sweep (every
 * binary32 input correctly rounded; the kernel's name is from the division,
 * which bound the loop: 2.7 -> 4.5 el/ns).  Below 2^-4 the binary64 result
 * has a few 2^-53 of error: measured by the same sweep.  |x| < 2^-124: x/2
 * + x^2/6 is x/2 plus less than 2^-240, which rounds like x/2 rounded
 * upwards; RN(x/2) is fixed up where x/2 was a subnormal midpoint, in blocks
 * with such a lane only.  NaN propagates through the binary64 arithmetic.
 * Backward (PyTorch >= 2.1): +0 for x <= -3, dy for x >= 3, dy (2x + 3)/6
 * between: C3 (x + 3/2) by one fma in binary64, times dy rounded, then to
 * binary32 (dy (2x + 3) rounded, then divided by 6, before: two roundings
 * both ways; at dy = 1 every result correctly rounded, by a sweep); NaN for
 * NaN x. */
#include <immintrin.h>

#include "actcheck.h"

#include "loop-avx2.h"

act_f32_fwd_p f32_hardswish_avx2_f64div;
act_f32_bwd_p f32_hardswish_bwd_avx2_f64div;

#define COMBINE(lo, hi) _mm256_insertf128_ps(_mm256_castps128_ps256(lo), (hi), 1)

#define C6 0x1.5555555555555p-3 /* 1/6 rounded to binary64: (1 - 2^-54)/6 */
/* 1/3 (1 - 2^-52), the binary64 number below 4 C6 (1/3 rounded), with an
 * even last digit, so that 1.5 C3 is a binary64 number too */
#define C3    0x1.5555555555554p-2
#define C3_15 (1.5 * C3) /* exact: 0x1.ffffffffffffep-2 */

/* x (x + 3)/6 on the four lanes at x in binary64, with the flat parts:
 * x clamped below at -3 (NaN passes: max takes it as its second operand)
 * and x + 3 capped at 6, so -0 = -3 * 0 for x <= -3 (and -inf) and
 * RN(6x C6) = x (within 2^-53 relative) for x >= 3 (and +inf).  Times C6
 * instead of divided by 6 (the division bound these loops). */
static inline __m128 quad4(const float *x)
{
  const __m256d vxc = _mm256_max_pd(_mm256_set1_pd(-0x1.8p+1), _mm256_cvtps_pd(_mm_loadu_ps(x)));
  const __m256d vs = _mm256_min_pd(_mm256_set1_pd(0x1.8p+2),
                                   _mm256_add_pd(vxc, _mm256_set1_pd(0x1.8p+1)));
  return _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_mul_pd(vxc, vs), _mm256_set1_pd(C6)));
}

/* (2x + 3)/6 times dy on the four lanes at x and dy in binary64: the slope
 * as C3 (x + 3/2) by one fma, x C3 + 1.5 C3 (1.5 C3 is exact), so with
 * C3's 2^-52 and the fma's rounding, within 1.5 2^-52 relative, and 0 at
 * the root -1.5 (x (2 C6) + 1/2 missed it by 2^-55; 2x + 3, then times C6,
 * took one operation more per 4 lanes), then its product with dy (the
 * quotient of dy (2x + 3) by 6 had two roundings too); a NaN x gives its
 * NaN (the first operand) */
static inline __m128 slope4(const float *x, const float *dy)
{
  const __m256d vs = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm_loadu_ps(x)), _mm256_set1_pd(C3),
                                     _mm256_set1_pd(C3_15));
  return _mm256_cvtpd_ps(_mm256_mul_pd(vs, _mm256_cvtps_pd(_mm_loadu_ps(dy))));
}

/* |x| < 2^-124: RN(x/2), plus 2^-149 where x/2 was above it (RU(x/2)); a
 * -0 from RN(x/2) stays -0.  Taken only for blocks with such a lane. */
static inline __m256 tiny_fix(__m256 vx, __m256 vy, __m256 vtiny)
{
  const __m256 vh = _mm256_mul_ps(vx, _mm256_set1_ps(0.5f));
  const __m256 vr = _mm256_fnmadd_ps(vh, _mm256_set1_ps(2.0f), vx); /* x - 2 RN(x/2), exact */
  const __m256 vru = _mm256_blendv_ps(vh, _mm256_add_ps(vh, _mm256_set1_ps(0x1p-149f)),
                                      _mm256_cmp_ps(vr, _mm256_setzero_ps(), _CMP_GT_OQ));
  return _mm256_blendv_ps(vy, vru, vtiny);
}

/* x^2 - 2^-149 by one fma: negative (sign bit set) for |x| < 2^-74.5 and
 * every lane that needs tiny_fix (NaN lanes may set it too: tiny_fix keeps
 * them), so blocks whose or has no sign bit set skip tiny_fix. */
static inline __m256 tiny_test(__m256 vx)
{
  return _mm256_fmadd_ps(vx, vx, _mm256_set1_ps(-0x1p-149f));
}

static inline void fwd_fix8(__m256 vx, __m128 lo, __m128 hi, float *y)
{
  const __m256 vtiny = _mm256_cmp_ps(_mm256_andnot_ps(_mm256_set1_ps(-0.0f), vx),
                                     _mm256_set1_ps(0x1p-124f), _CMP_LT_OQ);
  _mm256_storeu_ps(y, tiny_fix(vx, COMBINE(lo, hi), vtiny));
}

static inline void fwd_blk8(const float *x, float *y)
{
  const __m256 vx = _mm256_loadu_ps(x), vt = tiny_test(vx);
  const __m128 lo = quad4(x), hi = quad4(x + 4);
  if (__builtin_expect(!_mm256_testz_ps(vt, vt), 0)) {
    fwd_fix8(vx, lo, hi, y);
    return;
  }
  _mm_storeu_ps(y, lo);
  _mm_storeu_ps(y + 4, hi);
}

static inline void fwd_blk16(const float *x, float *y)
{
  const __m256 vx0 = _mm256_loadu_ps(x), vx1 = _mm256_loadu_ps(x + 8);
  const __m256 vt = _mm256_or_ps(tiny_test(vx0), tiny_test(vx1));
  const __m128 lo0 = quad4(x), hi0 = quad4(x + 4), lo1 = quad4(x + 8), hi1 = quad4(x + 12);
  if (__builtin_expect(!_mm256_testz_ps(vt, vt), 0)) {
    fwd_fix8(vx0, lo0, hi0, y);
    fwd_fix8(vx1, lo1, hi1, y + 8);
    return;
  }
  _mm_storeu_ps(y, lo0);
  _mm_storeu_ps(y + 4, hi0);
  _mm_storeu_ps(y + 8, lo1);
  _mm_storeu_ps(y + 12, hi1);
}

static inline void bwd_blk8(const float *x, const float *dy, float *dx)
{
  const __m256 vthree = _mm256_set1_ps(0x1.8p+1f); /* 3 */
  const __m256 vx = _mm256_loadu_ps(x), vdy = _mm256_loadu_ps(dy);
  __m256 vd = COMBINE(slope4(x, dy), slope4(x + 4, dy + 4));
  vd = _mm256_blendv_ps(vd, vdy, _mm256_cmp_ps(vx, vthree, _CMP_GE_OQ));
  vd = _mm256_andnot_ps(_mm256_cmp_ps(vx, -vthree, _CMP_LE_OQ), vd); /* +0 for x <= -3 */
  _mm256_storeu_ps(dx, vd);
}

AVX2_BLOCKS16_FWD(f32_hardswish_avx2_f64div, fwd_blk16, fwd_blk8)
AVX2_BLOCKS_BWD(f32_hardswish_bwd_avx2_f64div, bwd_blk8)
