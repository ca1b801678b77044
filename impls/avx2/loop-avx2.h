/* loop-avx2.h: the loop every elementwise AVX2 kernel shares.  Whole
 * vectors of 8, then the last n % 8 lanes through masked loads and stores,
 * so nothing past n is read or written; every vector is loaded before its
 * result is stored, so y may be x (and dx may be x or dy). */
#ifndef ACT_LOOP_AVX2_H
#define ACT_LOOP_AVX2_H

#include <immintrin.h>

#include "actcheck.h"

/* lanes i < n set */
#define TAIL_MASK(n) _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n)), \
                                        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))

/* Defines FWD (act_f32_fwd_p) from __m256 fwd8(__m256 x) and BWD
 * (act_f32_bwd_p) from __m256 bwd8(__m256 x, __m256 dy); params unused. */
#define AVX2_ELEMENTWISE(FWD, BWD, fwd8, bwd8)                                       \
  void FWD(size_t n, const float *x, float *y, const float *params)                 \
  {                                                                                 \
    (void)params;                                                                   \
    for (; n >= 8; n -= 8, x += 8, y += 8)                                          \
      _mm256_storeu_ps(y, fwd8(_mm256_loadu_ps(x)));                                \
    if (n) {                                                                        \
      const __m256i vmask = TAIL_MASK(n);                                           \
      _mm256_maskstore_ps(y, vmask, fwd8(_mm256_maskload_ps(x, vmask)));            \
    }                                                                               \
  }                                                                                 \
  void BWD(size_t n, const float *x, const float *dy, float *dx, const float *params) \
  {                                                                                 \
    (void)params;                                                                   \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8)                                \
      _mm256_storeu_ps(dx, bwd8(_mm256_loadu_ps(x), _mm256_loadu_ps(dy)));          \
    if (n) {                                                                        \
      const __m256i vmask = TAIL_MASK(n);                                           \
      _mm256_maskstore_ps(dx, vmask, bwd8(_mm256_maskload_ps(x, vmask),             \
                                          _mm256_maskload_ps(dy, vmask)));          \
    }                                                                               \
  }

/* Block loops: blk8(x, y) (forward) or blk8(x, dy, dx) (backward) reads 8
 * lanes from its pointers however it likes (e.g. two halves straight into
 * binary64 by vcvtps2pd from memory, no lane insert or extract) and writes 8;
 * each 4-lane half must be read before it is written (y may be x).  Two
 * blocks per iteration (16 lanes: independent work for the out-of-order
 * core, half the loop overhead), then one, then the last n % 8 lanes through
 * an 8-lane stack buffer filled and emptied by masked loads and stores (lanes
 * i >= n are neither read nor written; they compute on 0). */
#define AVX2_BLOCKS_FWD(FWD, blk8) AVX2_BLOCKS_FWD_(FWD, (blk8(x, y), blk8(x + 8, y + 8)), blk8)
#define AVX2_BLOCKS_BWD(BWD, blk8)                                                   \
  void BWD(size_t n, const float *x, const float *dy, float *dx, const float *params) \
  {                                                                                 \
    (void)params;                                                                   \
    for (; n >= 16; n -= 16, x += 16, dy += 16, dx += 16) {                         \
      blk8(x, dy, dx);                                                              \
      blk8(x + 8, dy + 8, dx + 8);                                                  \
    }                                                                               \
    if (n >= 8) {                                                                   \
      blk8(x, dy, dx);                                                              \
      n -= 8, x += 8, dy += 8, dx += 8;                                             \
    }                                                                               \
    if (n) {                                                                        \
      const __m256i vmask = TAIL_MASK(n);                                           \
      float bx_[8], bd_[8];                                                         \
      _mm256_storeu_ps(bx_, _mm256_maskload_ps(x, vmask));                          \
      _mm256_storeu_ps(bd_, _mm256_maskload_ps(dy, vmask));                         \
      blk8(bx_, bd_, bd_);                                                          \
      _mm256_maskstore_ps(dx, vmask, _mm256_loadu_ps(bd_));                         \
    }                                                                               \
  }

/* As AVX2_BLOCKS_FWD, with blk16(x, y) for the 16 lanes of an iteration (a
 * test shared by both 8-lane blocks, say) */
#define AVX2_BLOCKS16_FWD(FWD, blk16, blk8) AVX2_BLOCKS_FWD_(FWD, blk16(x, y), blk8)
/* both: BODY16, an expression of x and y, does the 16 lanes of an iteration */
#define AVX2_BLOCKS_FWD_(FWD, BODY16, blk8)                                          \
  void FWD(size_t n, const float *x, float *y, const float *params)                 \
  {                                                                                 \
    (void)params;                                                                   \
    for (; n >= 16; n -= 16, x += 16, y += 16)                                      \
      BODY16;                                                                       \
    if (n >= 8) {                                                                   \
      blk8(x, y);                                                                   \
      n -= 8, x += 8, y += 8;                                                       \
    }                                                                               \
    if (n) {                                                                        \
      const __m256i vmask = TAIL_MASK(n);                                           \
      float b_[8];                                                                  \
      _mm256_storeu_ps(b_, _mm256_maskload_ps(x, vmask));                           \
      blk8(b_, b_);                                                                 \
      _mm256_maskstore_ps(y, vmask, _mm256_loadu_ps(b_));                           \
    }                                                                               \
  }

#endif
