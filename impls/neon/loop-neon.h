/* loop-neon.h: the loop every elementwise NEON kernel shares.  Whole
 * vectors of 4, then the last n % 4 lanes loaded and stored one lane at a
 * time (the other lanes compute on 0), so nothing past n is read or written;
 * every vector is loaded before its result is stored, so y may be x (and dx
 * may be x or dy). */
#ifndef ACT_LOOP_NEON_H
#define ACT_LOOP_NEON_H

#include <arm_neon.h>

#include "actcheck.h"

/* lanes 0 .. r-1 of p (1 <= r <= 3), the others 0 */
static inline float32x4_t load_tail(const float *p, size_t r)
{
  float32x4_t v = vdupq_n_f32(0.0f);
  v = vld1q_lane_f32(p, v, 0);
  if (r > 1)
    v = vld1q_lane_f32(p + 1, v, 1);
  if (r > 2)
    v = vld1q_lane_f32(p + 2, v, 2);
  return v;
}

static inline void store_tail(float *p, float32x4_t v, size_t r)
{
  vst1q_lane_f32(p, v, 0);
  if (r > 1)
    vst1q_lane_f32(p + 1, v, 1);
  if (r > 2)
    vst1q_lane_f32(p + 2, v, 2);
}

/* FWD (act_f32_fwd_p) from float32x4_t f4(float32x4_t x, const float *params) */
#define NEON_FWD(FWD, f4)                                                              \
  act_f32_fwd_p FWD;                                                                   \
  void FWD(size_t n, const float *x, float *y, const float *params)                    \
  {                                                                                    \
    for (; n >= 4; n -= 4, x += 4, y += 4)                                             \
      vst1q_f32(y, f4(vld1q_f32(x), params));                                          \
    if (n)                                                                             \
      store_tail(y, f4(load_tail(x, n), params), n);                                   \
  }

/* BWD (act_f32_bwd_p) from float32x4_t b4(float32x4_t x, float32x4_t dy, const float *params) */
#define NEON_BWD(BWD, b4)                                                              \
  act_f32_bwd_p BWD;                                                                   \
  void BWD(size_t n, const float *x, const float *dy, float *dx, const float *params)  \
  {                                                                                    \
    for (; n >= 4; n -= 4, x += 4, dy += 4, dx += 4)                                   \
      vst1q_f32(dx, b4(vld1q_f32(x), vld1q_f32(dy), params));                          \
    if (n)                                                                             \
      store_tail(dx, b4(load_tail(x, n), load_tail(dy, n), params), n);                \
  }

/* BWD as dy * d4(x, params) */
#define NEON_BWD_MUL(BWD, d4)                                                          \
  static inline float32x4_t BWD##_mul4(float32x4_t x, float32x4_t dy, const float *p)  \
  {                                                                                    \
    return vmulq_f32(dy, d4(x, p));                                                    \
  }                                                                                    \
  NEON_BWD(BWD, BWD##_mul4)

#endif
