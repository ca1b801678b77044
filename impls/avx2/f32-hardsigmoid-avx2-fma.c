/* hardsigmoid(x) = relu6(x + 3)/6 in binary32 with fma, within 2 ulp
 * (forward only; the f64div kernel's backward is exact and as fast): x
 * clamped to [-3, 3] (NaN passes), x + 3 = s + sl exactly (Fast2Sum), then
 * (s + sl)/6 with 1/6 = C6_HI + C6_LO, one rounding: +0 below -3, 1 above 3. */
#include <immintrin.h>

#include "actcheck.h"

act_f32_fwd_p f32_hardsigmoid_avx2_fma;

#define V(c) _mm256_set1_ps(c)
#define C6_HI 0x1.555556p-3f   /* 1/6 rounded to binary32 */
#define C6_LO -0x1.555556p-28f /* 1/6 - C6_HI, rounded (the rest is below 2^-52) */

static inline __m256 fwd8(__m256 x)
{
  __m256 xc = _mm256_min_ps(V(3.0f), _mm256_max_ps(V(-3.0f), x)); /* NaN passes */
  __m256 s = xc + V(3.0f);
  __m256 sl = xc - (s - V(3.0f));                                 /* x + 3 - s */
  return _mm256_fmadd_ps(s, V(C6_HI), _mm256_fmadd_ps(sl, V(C6_HI), s * V(C6_LO)));
}

void f32_hardsigmoid_avx2_fma(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (; n >= 8; n -= 8, x += 8, y += 8)
    _mm256_storeu_ps(y, fwd8(_mm256_loadu_ps(x)));
  if (n) {
    const __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n),
                                         _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    _mm256_maskstore_ps(y, m, fwd8(_mm256_maskload_ps(x, m)));
  }
}
