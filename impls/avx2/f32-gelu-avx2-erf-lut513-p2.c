/* gelu(x) = x/2 (1 + erf(z)), z = x/sqrt2, erf by the table and degree-2
 * Taylor step of f32-gelu-scalar-erf-lut513-p2 (Arm optimized-routines'
 * AdvSIMD erff scheme; the scalar file builds and describes the table), 8 lanes:
 *   a = min(|z|, 4) (NaN becomes 4, so the index stays in the table);
 *   i = cvt(128 a) (round to nearest; a tie may pick either neighbour,
 *   |d| <= 1/256 still);  r = i/128;  d = a - r;
 *   E, S = the pair at 2i in the table (two 4-lane gathers of 64 bits);
 *   erf(a) ~ fma(S, fma(-r d, d, d), E);
 *   y = (x/2)(1 + sign(z) erf(a)); -0 where 1 + erf = 0 (far left, -inf);
 *   NaN lanes give x + x.
 * Backward, the derivative of this formula:
 *   gelu' ~ (1 + erf)/2 + (x/(2 sqrt2)) S (1 - 2 r d), second term 0 where
 *   |z| > 4; -0 where the sum is 0.  dx = dy gelu'. */
#include <immintrin.h>

#include "actcheck.h"

#include "gelu-tables.h"
#include "loop-avx2.h"

act_f32_fwd_p f32_gelu_avx2_erf_lut513_p2;
act_f32_bwd_p f32_gelu_bwd_avx2_erf_lut513_p2;

#define RSQRT2 0x1.6a09e6p-1f /* 1/sqrt(2) rounded to binary32 */

/* erf(z) (returned) and the formula's erf'(z) (*vds, 0 beyond |z| > 4) */
static inline __m256 erf8(__m256 vz, const float *tab, __m256 *vds)
{
  const __m256 vabsz = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), vz);
  const __m256 va = _mm256_min_ps(vabsz, _mm256_set1_ps(4.0f)); /* NaN: second operand */
  const __m256i vi = _mm256_cvtps_epi32(_mm256_mul_ps(va, _mm256_set1_ps(128.0f)));
  const __m256 vr = _mm256_mul_ps(_mm256_cvtepi32_ps(vi), _mm256_set1_ps(0x1p-7f));
  const __m256 vd = _mm256_sub_ps(va, vr);
  /* E, S = tab[2i], tab[2i + 1] as one 64-bit element: two gathers of four
   * (lanes 0 1 4 5, then 2 3 6 7) instead of two of eight, 1.3x faster here;
   * the even floats of the two are then E in lane order, the odd ones S */
  const __m256i vp = _mm256_permutevar8x32_epi32(vi, _mm256_setr_epi32(0, 1, 4, 5, 2, 3, 6, 7));
  const __m256 va0 = _mm256_castpd_ps(_mm256_i32gather_pd((const double *)tab,
                                                          _mm256_castsi256_si128(vp), 8));
  const __m256 va1 = _mm256_castpd_ps(_mm256_i32gather_pd((const double *)tab,
                                                          _mm256_extracti128_si256(vp, 1), 8));
  const __m256 ve = _mm256_shuffle_ps(va0, va1, 0x88);
  const __m256 vs = _mm256_shuffle_ps(va0, va1, 0xDD);
  const __m256 vrd = _mm256_mul_ps(vr, vd);
  const __m256 verf = _mm256_fmadd_ps(vs, _mm256_fnmadd_ps(vrd, vd, vd), ve);
  *vds = _mm256_mul_ps(vs, _mm256_fnmadd_ps(_mm256_set1_ps(2.0f), vrd, _mm256_set1_ps(1.0f)));
  *vds = _mm256_andnot_ps(_mm256_cmp_ps(vabsz, _mm256_set1_ps(4.0f), _CMP_GT_OQ), *vds);
  return _mm256_or_ps(verf, _mm256_and_ps(_mm256_set1_ps(-0.0f), vz)); /* sign of z */
}

static inline __m256 nanfix(__m256 vx, __m256 vy)
{
  return _mm256_blendv_ps(vy, _mm256_add_ps(vx, vx), _mm256_cmp_ps(vx, vx, _CMP_UNORD_Q));
}

static inline __m256 fwd8(__m256 vx, const float *tab)
{
  __m256 vds;
  const __m256 vs = _mm256_add_ps(_mm256_set1_ps(1.0f),
                                  erf8(_mm256_mul_ps(vx, _mm256_set1_ps(RSQRT2)), tab, &vds));
  __m256 vy = _mm256_mul_ps(_mm256_mul_ps(vx, _mm256_set1_ps(0.5f)), vs);
  vy = _mm256_blendv_ps(vy, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(vs, _mm256_setzero_ps(), _CMP_EQ_OQ));
  return nanfix(vx, vy);
}

static inline __m256 bwd8(__m256 vx, __m256 vdy, const float *tab)
{
  __m256 vds;
  const __m256 verf = erf8(_mm256_mul_ps(vx, _mm256_set1_ps(RSQRT2)), tab, &vds);
  const __m256 vh = _mm256_mul_ps(_mm256_set1_ps(0.5f), _mm256_add_ps(_mm256_set1_ps(1.0f), verf));
  const __m256 vk = _mm256_mul_ps(vx, _mm256_set1_ps(0.5f * RSQRT2));
  /* |z| > 4: vds = 0 and the product is skipped (x may be inf) */
  __m256 vd = _mm256_blendv_ps(_mm256_fmadd_ps(vk, vds, vh), vh,
                               _mm256_cmp_ps(vds, _mm256_setzero_ps(), _CMP_EQ_OQ));
  vd = _mm256_blendv_ps(vd, _mm256_set1_ps(-0.0f), _mm256_cmp_ps(vd, _mm256_setzero_ps(), _CMP_EQ_OQ));
  return _mm256_mul_ps(vdy, nanfix(vx, vd));
}

void f32_gelu_avx2_erf_lut513_p2(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  const float *tab = act_gelu_erf_lut513();
  for (; n >= 8; n -= 8, x += 8, y += 8)
    _mm256_storeu_ps(y, fwd8(_mm256_loadu_ps(x), tab));
  if (n) {
    const __m256i vmask = TAIL_MASK(n);
    _mm256_maskstore_ps(y, vmask, fwd8(_mm256_maskload_ps(x, vmask), tab));
  }
}

void f32_gelu_bwd_avx2_erf_lut513_p2(size_t n, const float *x, const float *dy, float *dx,
                                     const float *params)
{
  (void)params;
  const float *tab = act_gelu_erf_lut513();
  for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8)
    _mm256_storeu_ps(dx, bwd8(_mm256_loadu_ps(x), _mm256_loadu_ps(dy), tab));
  if (n) {
    const __m256i vmask = TAIL_MASK(n);
    _mm256_maskstore_ps(dx, vmask, bwd8(_mm256_maskload_ps(x, vmask),
                                        _mm256_maskload_ps(dy, vmask), tab));
  }
}
