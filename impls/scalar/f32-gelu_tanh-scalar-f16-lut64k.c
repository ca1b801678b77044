/* gelu_tanh for binary32 inputs the way llama.cpp's ggml computes it on CPU
 * (ggml-cpu/vec.h, GGML_GELU_FP16: ggml_vec_gelu_f32 and ggml_table_gelu_f16):
 *   x <= -10: -0      (ggml: +0; here the sign of the true, negative result,
 *                      so that gelu_tanh(x) rounding to -0 is not a +0);
 *   x >= 10:  x       (as ggml);
 *   |x| <= 2^-25: x/2 (binary16 rounds x to +-0; ggml gives +-0, here x/2,
 *                      the limit, so that gelu_tanh(x) - gelu_tanh(-x) = x
 *                      holds as the properties suite checks);
 *   else:     h = x rounded to binary16 (to nearest, ties to even), then
 *             y = T[h] widened to binary32, T a table of 65,536 binary16 values.
 * T[h] is gelu_tanh(h) = h sigmoid(2u), u = sqrt(2/pi)(h + 0.044715 h^3),
 * evaluated in binary64 and rounded once to binary16 (ggml fills it with its
 * binary32 0.5x(1 + tanhf(u)), whose 1 + tanh cancels for x < -3: this table
 * holds the value that expression approximates); NaN patterns map to
 * themselves, quieted.  It is built once, at first use (pthread_once, in round
 * to nearest), and shared with f32-gelu_tanh-avx2-f16-lut64k through
 * act_gelu_tanh_f16_table() (65,537 entries: the last is padding).
 * Accuracy is that of binary16 by design: the input's rounding (relative
 * 2^-12) and the output's (2^-11 relative, or absolute 2^-25 in binary16's
 * subnormal range) leave thousands of binary32 ulps, and the far left tail
 * (|gelu| < 2^-25, x <= -5.287) is -0.  No backward: the table is piecewise
 * constant.  NaN propagates (quieted), -inf gives -0, +inf gives +inf. */
#include <fenv.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "actcheck.h"

act_f32_fwd_p f32_gelu_tanh_scalar_f16_lut64k;
const uint16_t *act_gelu_tanh_f16_table(void);

#define XLO -0x1.4p+3f /* -10: ggml's lower cut */
#define XHI 0x1.4p+3f  /* 10: ggml's upper cut */
#define XTINY 0x1p-25f /* largest |x| that binary16 rounds to zero (a tie, to even) */

static uint16_t tab[65536 + 1];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* m >> s rounded to nearest, ties to even (s >= 1) */
static uint64_t shr_rne(uint64_t m, int s)
{
  if (s >= 64)
    return 0;
  uint64_t q = m >> s, rem = m & ((UINT64_C(1) << s) - 1), half = UINT64_C(1) << (s - 1);
  return q + (rem > half || (rem == half && (q & 1)));
}

/* binary64 -> binary16 bits, to nearest, ties to even (v not NaN) */
static uint16_t f16_from_f64(double v)
{
  uint64_t b;
  memcpy(&b, &v, 8);
  uint16_t s = (uint16_t)(b >> 48) & 0x8000;
  int e = (int)(b >> 52) & 0x7ff, E = e - 1023;
  if (e == 0x7ff || E > 15)
    return s | 0x7c00;
  if (e == 0)
    return s; /* binary64 subnormal: far below binary16's 2^-25 */
  uint64_t m = (b & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52; /* |v| = m 2^(e - 1075) */
  int k = (E < -14 ? -14 : E) - 10;               /* binary16 keeps units of 2^k */
  uint32_t q = (uint32_t)shr_rne(m, k - e + 1075); /* |v| / 2^k rounded, <= 2^11 */
  /* subnormal range: q 2^-24 (q = 1024 encodes the smallest normal); else a
   * carry to q = 2^11 moves into the exponent by itself */
  uint32_t bits = k == -24 ? q : ((uint32_t)(E + 15) << 10) + (q - 1024);
  return bits >= 0x7c00 ? s | 0x7c00 : s | (uint16_t)bits;
}

/* binary32 -> binary16 bits, to nearest, ties to even; NaNs quieted */
static uint16_t f16_from_f32(float f)
{
  uint32_t b;
  memcpy(&b, &f, 4);
  if ((b & 0x7fffffff) > 0x7f800000)
    return (uint16_t)((b >> 16) & 0x8000) | 0x7e00 | (uint16_t)((b >> 13) & 0x3ff);
  return f16_from_f64((double)f); /* exact widening, one rounding */
}

static float f32_from_f16(uint16_t h)
{
  uint32_t s = (uint32_t)(h & 0x8000) << 16, e = (h >> 10) & 0x1f, m = h & 0x3ff, b;
  if (e == 0) {
    float v = (float)m * 0x1p-24f; /* exact */
    return s ? -v : v;
  }
  b = e == 31 ? s | 0x7f800000 | m << 13 : s | (e + 112) << 23 | m << 13;
  float v;
  memcpy(&v, &b, 4);
  return v;
}

static void tab_init(void)
{
  int mode = fegetround();
  fesetround(FE_TONEAREST);
  for (uint32_t h = 0; h < 65536; h++) {
    double x = f32_from_f16((uint16_t)h);
    if (isnan(x)) {
      tab[h] = (uint16_t)(h | 0x200);
      continue;
    }
    double u = 0.79788456080286535588 * (x + 0.044715 * x * x * x); /* sqrt(2/pi) */
    double y = isinf(x) ? (x > 0 ? x : -0.0) : x / (1 + exp(-2 * u));
    tab[h] = f16_from_f64(y);
  }
  tab[65536] = 0;
  fesetround(mode);
}

const uint16_t *act_gelu_tanh_f16_table(void)
{
  pthread_once(&tab_once, tab_init);
  return tab;
}

void f32_gelu_tanh_scalar_f16_lut64k(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  pthread_once(&tab_once, tab_init);
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    if (v <= XLO)
      y[i] = -0.0f;
    else if (v >= XHI)
      y[i] = v;
    else if (fabsf(v) <= XTINY)
      y[i] = 0.5f * v;
    else
      y[i] = f32_from_f16(tab[f16_from_f32(v)]);
  }
}
