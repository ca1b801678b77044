/* hardsigmoid(x) = relu6(x + 3)/6 (PyTorch): +0 for x <= -3, 1 for x >= 3.
 * Between, (x + 3)/6 is computed in binary64 and rounded once to binary32,
 * which is correctly rounded: x + 3 is exact in binary64 unless |x| < 2^-28
 * (and then the result is near 1/2, far from any binary32 midpoint), and the
 * exact (x + 3)/6 is at least 2^-51.6 |y| away from every binary32 midpoint
 * (its numerator is a multiple of 2^min(ulp(x), ulp(y)/2)), more than the
 * error of the binary64 quotient.  The quotient is a product by C6, 1/6
 * rounded to binary64 (1/6 (1 - 2^-54)), rounded once (2^-53): below
 * 1.5 2^-53 = 2^-52.4 relative in all, so it rounds like x + 3 divided by 6
 * (the kernel's name is from then; the division bound the loop: 3.2 -> 5.5
 * el/ns); an exhaustive sweep finds every result correctly rounded.  The
 * clamp to [0, 1] after the rounding (monotone; 0 and 1 are binary32);
 * NaN propagates (the clamps take it as their second operand).
 * Derivative: dy/6 (one rounding) on the open interval (-3, 3), +0 outside,
 * NaN for NaN x. */
#include <immintrin.h>

#include "actcheck.h"

#include "loop-avx2.h"

act_f32_fwd_p f32_hardsigmoid_avx2_f64div;
act_f32_bwd_p f32_hardsigmoid_bwd_avx2_f64div;

/* (x + 3) C6 on the four lanes at x in binary64, rounded to binary32 */
#define C6 0x1.5555555555555p-3 /* 1/6 rounded to binary64 */
static inline __m128 affine4(const float *x)
{
  return _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_add_pd(_mm256_cvtps_pd(_mm_loadu_ps(x)),
                                                     _mm256_set1_pd(0x1.8p+1)),
                                       _mm256_set1_pd(C6)));
}

/* two halves straight from memory into binary64 (vcvtps2pd), clamped as 8
 * lanes of binary32 */
static inline void fwd_blk8(const float *x, float *y)
{
  const __m256 vt = _mm256_insertf128_ps(_mm256_castps128_ps256(affine4(x)), affine4(x + 4), 1);
  _mm256_storeu_ps(y, _mm256_max_ps(_mm256_setzero_ps(), _mm256_min_ps(_mm256_set1_ps(1.0f), vt)));
}

static inline __m256 bwd8(__m256 vx, __m256 vdy)
{
  const __m256 vin = _mm256_and_ps(_mm256_cmp_ps(vx, _mm256_set1_ps(-0x1.8p+1f), _CMP_GT_OQ),
                                   _mm256_cmp_ps(vx, _mm256_set1_ps(0x1.8p+1f), _CMP_LT_OQ));
  const __m256 vnan = _mm256_cmp_ps(vx, vx, _CMP_UNORD_Q);
  const __m256 vd = _mm256_div_ps(vdy, _mm256_set1_ps(0x1.8p+2f)); /* dy/6, correctly rounded */
  return _mm256_blendv_ps(_mm256_and_ps(vin, vd), vx, vnan);
}

static inline void bwd_blk8(const float *x, const float *dy, float *dx)
{
  _mm256_storeu_ps(dx, bwd8(_mm256_loadu_ps(x), _mm256_loadu_ps(dy)));
}

AVX2_BLOCKS_FWD(f32_hardsigmoid_avx2_f64div, fwd_blk8)
AVX2_BLOCKS_BWD(f32_hardsigmoid_bwd_avx2_f64div, bwd_blk8)
