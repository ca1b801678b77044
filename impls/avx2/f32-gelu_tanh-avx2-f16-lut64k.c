/* gelu_tanh as llama.cpp's ggml computes it for binary32 (see
 * f32-gelu_tanh-scalar-f16-lut64k, which builds and describes the table),
 * 8 lanes: h = _mm256_cvtps_ph(x, round to nearest) (ties to even, NaN
 * quieted), eight 16-bit loads T[h] (look8) widened by _mm256_cvtph_ps;
 * then x <= -10 gives -0 and x >= 10 gives x (ggml's cuts; ggml's +0 on
 * the left is -0 here), |x| <= 2^-25 gives x/2 (ggml: +-0; see
 * the scalar file).  NaN propagates through the table. */
#include <immintrin.h>

#include "actcheck.h"

#include "gelu-tables.h"
#include "loop-avx2.h"

act_f32_fwd_p f32_gelu_tanh_avx2_f16_lut64k;

/* the table's binary16 values of the 8 lanes' indices h, as floats: eight
 * scalar 16-bit loads inserted into one vector.  On an AMD Zen 4 host they
 * ran 2.4 times the 32-bit gather this kernel had (bench_kernels --fn
 * gelu_tanh, L1: 3.09 against 1.28 el/ns), which is microcoded there. */
static inline __m256 look8(__m128i vh, const uint16_t *tab)
{
  uint64_t q0 = (uint64_t)_mm_cvtsi128_si64(vh), q1 = (uint64_t)_mm_extract_epi64(vh, 1);
  __m128i t = _mm_cvtsi32_si128(tab[q0 & 0xffff]);
  t = _mm_insert_epi16(t, tab[q0 >> 16 & 0xffff], 1);
  t = _mm_insert_epi16(t, tab[q0 >> 32 & 0xffff], 2);
  t = _mm_insert_epi16(t, tab[q0 >> 48], 3);
  t = _mm_insert_epi16(t, tab[q1 & 0xffff], 4);
  t = _mm_insert_epi16(t, tab[q1 >> 16 & 0xffff], 5);
  t = _mm_insert_epi16(t, tab[q1 >> 32 & 0xffff], 6);
  t = _mm_insert_epi16(t, tab[q1 >> 48], 7);
  return _mm256_cvtph_ps(t);
}

static inline __m256 fwd8(__m256 vx, const uint16_t *tab)
{
  const __m128i vh = _mm256_cvtps_ph(vx, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 vy = look8(vh, tab);
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
  const uint16_t *tab = act_gelu_tanh_f16_table();
  for (; n >= 8; n -= 8, x += 8, y += 8)
    _mm256_storeu_ps(y, fwd8(_mm256_loadu_ps(x), tab));
  if (n) {
    const __m256i vmask = TAIL_MASK(n);
    _mm256_maskstore_ps(y, vmask, fwd8(_mm256_maskload_ps(x, vmask), tab));
  }
}
