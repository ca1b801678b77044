/* gelu_tanh as llama.cpp's ggml computes it for binary32 (see
 * f32-gelu_tanh-scalar-f16-lut64k, which builds and describes the table),
 * 8 lanes: h = _mm256_cvtps_ph(x, round to nearest) (ties to even, NaN
 * quieted), widened to 32-bit indices; one 32-bit gather per lane from the
 * 16-bit table (scale 2: it reads T[h] and T[h + 1], hence the padding
 * entry), the low halves packed back to 8 x 16 bits and widened by
 * _mm256_cvtph_ps; then x <= -10 gives -0 and x >= 10 gives x (ggml's cuts;
 * ggml's +0 on the left is -0 here), |x| <= 2^-25 gives x/2 (ggml: +-0; see
 * the scalar file).  NaN propagates through the table. */
#include <immintrin.h>

#include "actcheck.h"

#include "gelu-tables.h"
#include "loop-avx2.h"

act_f32_fwd_p f32_gelu_tanh_avx2_f16_lut64k;

static inline __m256 fwd8(__m256 vx, const int *tab)
{
  const __m128i vh = _mm256_cvtps_ph(vx, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  const __m256i vi = _mm256_cvtepu16_epi32(vh);
  __m256i vt = _mm256_i32gather_epi32(tab, vi, 2);         /* T[h] in the low half */
  vt = _mm256_and_si256(vt, _mm256_set1_epi32(0xffff));
  vt = _mm256_packus_epi32(vt, vt);                        /* per 128-bit lane */
  vt = _mm256_permute4x64_epi64(vt, 0x08);                 /* qwords 0, 2 to the bottom */
  __m256 vy = _mm256_cvtph_ps(_mm256_castsi256_si128(vt));
  vy = _mm256_blendv_ps(vy, vx, _mm256_cmp_ps(vx, _mm256_set1_ps(10.0f), _CMP_GE_OQ));
  const __m256 vabsx = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), vx);
  vy = _mm256_blendv_ps(vy, _mm256_mul_ps(vx, _mm256_set1_ps(0.5f)),
                        _mm256_cmp_ps(vabsx, _mm256_set1_ps(0x1p-25f), _CMP_LE_OQ));
  return _mm256_blendv_ps(vy, _mm256_set1_ps(-0.0f),
                          _mm256_cmp_ps(vx, _mm256_set1_ps(-10.0f), _CMP_LE_OQ));
}

void f32_gelu_tanh_avx2_f16_lut64k(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  const int *tab = (const int *)(const void *)act_gelu_tanh_f16_table();
  for (; n >= 8; n -= 8, x += 8, y += 8)
    _mm256_storeu_ps(y, fwd8(_mm256_loadu_ps(x), tab));
  if (n) {
    const __m256i vmask = TAIL_MASK(n);
    _mm256_maskstore_ps(y, vmask, fwd8(_mm256_maskload_ps(x, vmask), tab));
  }
}
