/* f16-convert.h: binary16 and bfloat16 bit patterns to and from binary32,
 * portable C, and the loop the scalar 16-bit kernels share: a block of
 * inputs widened to binary32 (exact), a binary32 kernel run on it in place,
 * each result rounded once to nearest even.
 *   binary16: sign 15, exponent 10..14 (bias 15), fraction 0..9; subnormals
 *             k 2^-24, smallest normal 2^-14, largest finite 65504.
 *   bfloat16: the top half of a binary32 (same exponent range).
 * NaNs come out quiet (the quiet bit set, the top of the payload kept), as
 * F16C's conversions do. */
#ifndef ACT_F16_CONVERT_H
#define ACT_F16_CONVERT_H

#include <string.h>

#include "actcheck.h"

static inline float f16_widen(uint16_t h)
{
  uint32_t s = (uint32_t)(h & 0x8000) << 16, e = h >> 10 & 0x1f, m = h & 0x3ff, w;
  if (e == 0) { /* zero or subnormal: m 2^-24, exact */
    float v = (float)m * 0x1p-24f;
    return s ? -v : v;
  }
  if (e == 0x1f) /* inf, or NaN made quiet */
    w = s | 0x7f800000u | m << 13 | (m ? 0x400000u : 0);
  else
    w = s | (e + 127 - 15) << 23 | m << 13;
  float f;
  memcpy(&f, &w, 4);
  return f;
}

static inline uint16_t f16_round(float f)
{
  uint32_t w;
  memcpy(&w, &f, 4);
  uint16_t s = (uint16_t)(w >> 16 & 0x8000);
  uint32_t a = w & 0x7fffffffu;
  if (a > 0x7f800000u) /* NaN */
    return (uint16_t)(s | 0x7e00 | (a >> 13 & 0x3ff));
  if (a >= 0x477ff000u) /* >= 65520 = 65504 + half an ulp: the tie goes to even, inf */
    return s | 0x7c00;
  if (a >= 0x38800000u) { /* normal in binary16: >= 2^-14; a carry into the exponent is right */
    uint32_t h = (a >> 13) - ((127 - 15) << 10), r = a & 0x1fff;
    return (uint16_t)(s | (h + (r > 0x1000 || (r == 0x1000 && (h & 1)))));
  }
  if (a < 0x33000000u) /* below 2^-25, half the smallest subnormal (binary32 subnormals too) */
    return s;
  /* subnormal: |f| 2^24 = m 2^-sh, 14 <= sh <= 24 */
  uint32_t m = (a & 0x7fffff) | 0x800000, sh = 126 - (a >> 23);
  uint32_t q = m >> sh, r = m & ((1u << sh) - 1), half = 1u << (sh - 1);
  return (uint16_t)(s | (q + (r > half || (r == half && (q & 1)))));
}

static inline float bf16_widen(uint16_t b)
{
  uint32_t w = (uint32_t)b << 16;
  if ((w & 0x7fffffffu) > 0x7f800000u)
    w |= 0x400000u; /* quiet */
  float f;
  memcpy(&f, &w, 4);
  return f;
}

static inline uint16_t bf16_round(float f)
{
  uint32_t w;
  memcpy(&w, &f, 4);
  if ((w & 0x7fffffffu) > 0x7f800000u)
    return (uint16_t)(w >> 16 | 0x40);
  /* add just under half an ulp, plus the kept lsb (ties to even); a carry
   * into the exponent is right, up to inf above the largest finite */
  return (uint16_t)((w + 0x7fffu + (w >> 16 & 1)) >> 16);
}

/* FWD and BWD (act_f16_fwd, act_f16_bwd) over FMT (f16 or bf16) from the
 * binary32 kernels F32FWD and F32BWD (act_f32_fwd_p, act_f32_bwd_p; their
 * params are not used).  Blocks of 64; every block is read before it is
 * written, so y may be x (dx may be x or dy). */
#define SCALAR16_KERNELS(FMT, FWD, BWD, F32FWD, F32BWD)                               \
  act_f32_fwd_p F32FWD;                                                                \
  act_f32_bwd_p F32BWD;                                                                \
  act_f16_fwd FWD;                                                                     \
  act_f16_bwd BWD;                                                                     \
  void FWD(size_t n, const uint16_t *x, uint16_t *y)                                   \
  {                                                                                    \
    float a[64];                                                                       \
    for (size_t m; n; n -= m, x += m, y += m) {                                        \
      m = n < 64 ? n : 64;                                                             \
      for (size_t i = 0; i < m; i++)                                                   \
        a[i] = FMT##_widen(x[i]);                                                      \
      F32FWD(m, a, a, NULL);                                                           \
      for (size_t i = 0; i < m; i++)                                                   \
        y[i] = FMT##_round(a[i]);                                                      \
    }                                                                                  \
  }                                                                                    \
  void BWD(size_t n, const uint16_t *x, const uint16_t *dy, uint16_t *dx)              \
  {                                                                                    \
    float a[64], g[64];                                                                \
    for (size_t m; n; n -= m, x += m, dy += m, dx += m) {                              \
      m = n < 64 ? n : 64;                                                             \
      for (size_t i = 0; i < m; i++)                                                   \
        a[i] = FMT##_widen(x[i]), g[i] = FMT##_widen(dy[i]);                           \
      F32BWD(m, a, g, a, NULL);                                                        \
      for (size_t i = 0; i < m; i++)                                                   \
        dx[i] = FMT##_round(a[i]);                                                     \
    }                                                                                  \
  }

#endif
