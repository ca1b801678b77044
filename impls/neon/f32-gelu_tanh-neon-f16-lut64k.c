/* gelu_tanh as llama.cpp's ggml computes it for binary32 (the algorithm of
 * f32-gelu_tanh-scalar-f16-lut64k, which describes it), 4 lanes:
 * h = FCVTN(x) (binary32 to binary16, to nearest even under FPCR's
 * round-to-nearest; NaN quieted), then four 16-bit loads T[h], widened by
 * FCVTL; x <= -10 gives -0 and x >= 10 gives x (ggml's cuts; ggml's +0 on
 * the left is -0 here), |x| <= 2^-25 gives x/2 (ggml: +-0; see the scalar
 * file).  NaN propagates through the table.  T (65,536 binary16 values of
 * gelu_tanh) is the scalar kernel's, written at build time by gen-tables.c
 * (the runner has no libm). */
#include "gelu-tables-neon.h"
#include "loop-neon.h"

#define D(c) vdupq_n_f32(c)

static inline float32x4_t fwd4(float32x4_t vx, const float *p)
{
  (void)p;
  const uint16x4_t vh = vreinterpret_u16_f16(vcvt_f16_f32(vx));
  const uint16_t *t = act_neon_gelu_tanh_f16;
  uint16x4_t vt = vdup_n_u16(t[vget_lane_u16(vh, 0)]);
  vt = vset_lane_u16(t[vget_lane_u16(vh, 1)], vt, 1);
  vt = vset_lane_u16(t[vget_lane_u16(vh, 2)], vt, 2);
  vt = vset_lane_u16(t[vget_lane_u16(vh, 3)], vt, 3);
  float32x4_t vy = vcvt_f32_f16(vreinterpret_f16_u16(vt));
  vy = vbslq_f32(vcgeq_f32(vx, D(10.0f)), vx, vy);
  vy = vbslq_f32(vcaleq_f32(vx, D(0x1p-25f)), vmulq_f32(vx, D(0.5f)), vy);
  return vbslq_f32(vcleq_f32(vx, D(-10.0f)), D(-0.0f), vy);
}

NEON_FWD(f32_gelu_tanh_neon_f16_lut64k, fwd4)
