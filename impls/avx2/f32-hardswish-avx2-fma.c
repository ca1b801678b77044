/* hardswish(x) = x relu6(x + 3)/6 (PyTorch) in binary32 with fma, within
 * 2 ulp (the f64div kernel rounds once, at about half this speed): x is
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

static inline __m256 fwd8(__m256 x)
{
  __m256 xc = _mm256_max_ps(V(-3.0f), x);                        /* NaN passes */
  __m256 t = xc + V(3.0f);
  __m256 tl = xc - (t - V(3.0f));                                /* x + 3 - t */
  t = _mm256_min_ps(V(6.0f), t);
  __m256 p = xc * t;
  __m256 pl = _mm256_fmadd_ps(xc, tl, _mm256_fmsub_ps(xc, t, p));
  __m256 y = _mm256_or_ps(div6(p, pl), _mm256_and_ps(x, V(-0.0f))); /* -0 for x <= -3 */
  /* |x| < 2^-60: x/2 (+ x^2/6, far below half an ulp), where pl and p C6_LO
   * would be subnormal (normal results do not depend on FTZ/DAZ) */
  __m256 tiny = _mm256_cmp_ps(_mm256_andnot_ps(V(-0.0f), x), V(0x1p-60f), _CMP_LT_OQ);
  y = _mm256_blendv_ps(y, x * V(0.5f), tiny);
  return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, V(3.0f), _CMP_GE_OQ));
}

static inline __m256 bwd8(__m256 x, __m256 dy)
{
  __m256 u = _mm256_fmadd_ps(x, V(2.0f), V(3.0f));
  __m256 d = dy * div6(u, V(0.0f));
  d = _mm256_blendv_ps(d, dy, _mm256_cmp_ps(x, V(3.0f), _CMP_GE_OQ));
  return _mm256_andnot_ps(_mm256_cmp_ps(x, V(-3.0f), _CMP_LE_OQ), d); /* +0 for x <= -3 */
}

AVX2_ELEMENTWISE(f32_hardswish_avx2_fma, f32_hardswish_bwd_avx2_fma, fwd8, bwd8)
