/* f16-convert-avx2.h: eight binary16 or bfloat16 bit patterns to and from
 * binary32, and the loop the AVX2 16-bit kernels share: a block of inputs
 * widened to binary32 (exact), an AVX2 binary32 kernel run on it in place,
 * each result rounded once to nearest even.
 *   binary16: F16C, vcvtph2ps (exact; NaNs made quiet) and vcvtps2ph with
 *             the rounding in the immediate (nearest even, whatever MXCSR
 *             says; subnormals and overflow to inf as IEEE 754 wants).
 *   bfloat16: the top half of a binary32: widen by a shift; round by adding
 *             0x7fff plus the kept lsb before shifting back (ties to even,
 *             carries into the exponent up to inf), NaNs made quiet apart.
 * Whole vectors of 8, then the last n % 8 through an 8-entry copy, so
 * nothing past n is read or written. */
#ifndef ACT_F16_CONVERT_AVX2_H
#define ACT_F16_CONVERT_AVX2_H

#include <immintrin.h>
#include <string.h>

#include "actcheck.h"

static inline __m256 f16_widen8(const uint16_t *p)
{
  return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
}

static inline void f16_round8(uint16_t *p, __m256 v)
{
  _mm_storeu_si128((__m128i *)p, _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
}

static inline __m256 bf16_widen8(const uint16_t *p)
{
  __m256 v = _mm256_castsi256_ps(
    _mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p)), 16));
  __m256 nan = _mm256_cmp_ps(v, v, _CMP_UNORD_Q);
  return _mm256_or_ps(v, _mm256_and_ps(nan, _mm256_castsi256_ps(_mm256_set1_epi32(0x400000))));
}

static inline void bf16_round8(uint16_t *p, __m256 v)
{
  __m256i w = _mm256_castps_si256(v);
  __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(w, 16), _mm256_set1_epi32(1));
  __m256i r = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(w, _mm256_set1_epi32(0x7fff)), lsb), 16);
  __m256i q = _mm256_or_si256(_mm256_srli_epi32(w, 16), _mm256_set1_epi32(0x40)); /* quiet NaN */
  r = _mm256_blendv_epi8(r, q, _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q)));
  /* 8 x 32 bits (each < 2^16) -> 8 x 16 bits, in order */
  _mm_storeu_si128((__m128i *)p, _mm_packus_epi32(_mm256_castsi256_si128(r),
                                                  _mm256_extracti128_si256(r, 1)));
}

/* m <= 64 patterns to binary32 and back */
#define WIDEN_BLOCK(FMT, a, x, m)                                                      \
  do {                                                                                 \
    size_t i_ = 0;                                                                     \
    for (; i_ + 8 <= (m); i_ += 8)                                                     \
      _mm256_storeu_ps((a) + i_, FMT##_widen8((x) + i_));                              \
    if (i_ < (m)) {                                                                    \
      uint16_t t_[8] = {0};                                                            \
      memcpy(t_, (x) + i_, ((m) - i_) * 2);                                            \
      _mm256_storeu_ps((a) + i_, FMT##_widen8(t_));                                    \
    }                                                                                  \
  } while (0)
#define ROUND_BLOCK(FMT, y, a, m)                                                      \
  do {                                                                                 \
    size_t i_ = 0;                                                                     \
    for (; i_ + 8 <= (m); i_ += 8)                                                     \
      FMT##_round8((y) + i_, _mm256_loadu_ps((a) + i_));                               \
    if (i_ < (m)) {                                                                    \
      uint16_t t_[8];                                                                  \
      FMT##_round8(t_, _mm256_loadu_ps((a) + i_));                                     \
      memcpy((y) + i_, t_, ((m) - i_) * 2);                                            \
    }                                                                                  \
  } while (0)

/* FWD and BWD (act_f16_fwd, act_f16_bwd) over FMT (f16 or bf16) from the
 * AVX2 binary32 kernels F32FWD and F32BWD (their params are not used).
 * Blocks of 64; every block is read before it is written, so y may be x
 * (dx may be x or dy). */
#define AVX2_16_KERNELS(FMT, FWD, BWD, F32FWD, F32BWD)                                 \
  act_f32_fwd_p F32FWD;                                                                \
  act_f32_bwd_p F32BWD;                                                                \
  act_f16_fwd FWD;                                                                     \
  act_f16_bwd BWD;                                                                     \
  void FWD(size_t n, const uint16_t *x, uint16_t *y)                                   \
  {                                                                                    \
    float a[64];                                                                       \
    for (size_t m; n; n -= m, x += m, y += m) {                                        \
      m = n < 64 ? n : 64;                                                             \
      WIDEN_BLOCK(FMT, a, x, m);                                                       \
      F32FWD(m, a, a, NULL);                                                           \
      ROUND_BLOCK(FMT, y, a, m);                                                       \
    }                                                                                  \
  }                                                                                    \
  void BWD(size_t n, const uint16_t *x, const uint16_t *dy, uint16_t *dx)              \
  {                                                                                    \
    float a[64], g[64];                                                                \
    for (size_t m; n; n -= m, x += m, dy += m, dx += m) {                              \
      m = n < 64 ? n : 64;                                                             \
      WIDEN_BLOCK(FMT, a, x, m);                                                       \
      WIDEN_BLOCK(FMT, g, dy, m);                                                      \
      F32BWD(m, a, g, a, NULL);                                                        \
      ROUND_BLOCK(FMT, dx, a, m);                                                      \
    }                                                                                  \
  }

#endif
