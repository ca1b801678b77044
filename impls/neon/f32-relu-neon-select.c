/* relu(x) = max(0, x) with PyTorch's conventions: relu(-0) = -0, relu(NaN) =
 * NaN, relu'(0) = 0.  Selects only, so every result is exact.
 * FMAX (vmaxq_f32) would keep NaN but turn -0 into +0, FMAXNM (vmaxnmq_f32)
 * would also turn NaN into 0: x < 0 is cleared instead (BIC), which is
 * false for -0 and NaN, so both pass through. */
#include "loop-neon.h"

static inline float32x4_t relu4(float32x4_t x, const float *p)
{
  (void)p;
  const uint32x4_t vneg = vcltq_f32(x, vdupq_n_f32(0.0f)); /* x < 0 */
  return vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(x), vneg));
}

/* dx = x > 0 ? dy : (x is NaN ? x : +0) */
static inline float32x4_t relu_bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  (void)p;
  const uint32x4_t vpos = vcgtq_f32(x, vdupq_n_f32(0.0f));
  const uint32x4_t vnum = vceqq_f32(x, x); /* x is not NaN */
  const float32x4_t vd = vreinterpretq_f32_u32(vandq_u32(vpos, vreinterpretq_u32_f32(dy)));
  return vbslq_f32(vnum, vd, x);
}

NEON_FWD(f32_relu_neon_select, relu4)
NEON_BWD(f32_relu_bwd_neon_select, relu_bwd4)
