/* hardswish(x) = x relu6(x + 3)/6 (PyTorch) in binary32 with fma, within
 * 2 ulp (the f64div kernel rounds once, at about 0.9x this speed): x is
 * clamped below at -3, x + 3 = t + tl exactly (Fast2Sum, |x| <= 3 where it
 * counts), t capped at 6, x (t + tl) = p + pl exactly but for x tl's
 * rounding, then (p + pl)/6 with 1/6 = C6_HI + C6_LO, one rounding.
 * x >= 3 (and +inf): x; x <= -3 (and -inf): -0 (x's sign is or-ed in);
 * NaN -> NaN.
 * Backward (PyTorch >= 2.1): dy (2x + 3)/6 between, 2x + 3 by one fma (exact
 * near the root x = -3/2), times 1/6 as a pair; dy for x >= 3; +0 for
 * x <= -3 (after the product with dy); NaN for NaN x. */
#include <immintrin.h>

#include "actcheck.h"

#include "loop-avx2.h"

act_f32_fwd_p f32_hardswish_avx2_fma;
act_f32_bwd_p f32_hardswish_bwd_avx2_fma;

#define V(c) _mm256_set1_ps(c)
#define C6_HI 0x1.555556p-3f   /* 1/6 rounded to binary32 */
#define C6_LO -0x1.555556p-28f /* 1/6 - C6_HI, rounded (the rest is below 2^-52) */

/* (p + pl)/6, one rounding */
static inline __m256 div6(__m256 p, __m256 pl)
{
  return _mm256_fmadd_ps(p, V(C6_HI), _mm256_fmadd_ps(pl, V(C6_HI), p * V(C6_LO)));
}

/* all but the tiny lanes */
static inline __m256 fwd8(__m256 x)
{
  __m256 xc = _mm256_max_ps(V(-3.0f), x);                        /* NaN passes */
  __m256 t = xc + V(3.0f);
  __m256 tl = xc - (t - V(3.0f));                                /* x + 3 - t */
  t = _mm256_min_ps(V(6.0f), t);
  __m256 p = xc * t;
  __m256 pl = _mm256_fmadd_ps(xc, tl, _mm256_fmsub_ps(xc, t, p));
  __m256 y = _mm256_or_ps(div6(p, pl), _mm256_and_ps(x, V(-0.0f))); /* -0 for x <= -3 */
  return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, V(3.0f), _CMP_GE_OQ));
}

/* |x| < 2^-60: x/2 (+ x^2/6, far below half an ulp), where pl and p C6_LO
 * would be subnormal (normal results do not depend on FTZ/DAZ) */
static inline __m256 tiny_fix(__m256 x, __m256 y)
{
  __m256 tiny = _mm256_cmp_ps(_mm256_andnot_ps(V(-0.0f), x), V(0x1p-60f), _CMP_LT_OQ);
  return _mm256_blendv_ps(y, x * V(0.5f), tiny);
}

/* x^2 - 2^-120 by one fma, exactly rounded: negative (sign bit set) just
 * where |x| < 2^-60 (and maybe for NaN, which tiny_fix keeps); the blocks
 * whose lanes have no such sign bit skip tiny_fix (2 of fwd8's 19
 * operations before, per 8 lanes) */
static inline __m256 tiny_test(__m256 x) { return _mm256_fmadd_ps(x, x, V(-0x1p-120f)); }

static inline void fwd_blk8(const float *x, float *y)
{
  __m256 vx = _mm256_loadu_ps(x), vt = tiny_test(vx), vy = fwd8(vx);
  if (__builtin_expect(!_mm256_testz_ps(vt, vt), 0))
    vy = tiny_fix(vx, vy);
  _mm256_storeu_ps(y, vy);
}

static inline __m256 bwd8(__m256 x, __m256 dy)
{
  __m256 u = _mm256_fmadd_ps(x, V(2.0f), V(3.0f));
  __m256 d = dy * div6(u, V(0.0f));
  d = _mm256_blendv_ps(d, dy, _mm256_cmp_ps(x, V(3.0f), _CMP_GE_OQ));
  return _mm256_andnot_ps(_mm256_cmp_ps(x, V(-3.0f), _CMP_LE_OQ), d); /* +0 for x <= -3 */
}

static inline void bwd_blk8(const float *x, const float *dy, float *dx)
{
  _mm256_storeu_ps(dx, bwd8(_mm256_loadu_ps(x), _mm256_loadu_ps(dy)));
}

AVX2_BLOCKS_FWD(f32_hardswish_avx2_fma, fwd_blk8)
AVX2_BLOCKS_BWD(f32_hardswish_bwd_avx2_fma, bwd_blk8)
