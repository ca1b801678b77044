/* hardsigmoid_onnx(x) = max(0, min(1, alpha*x + beta)), params {alpha, beta}
 * (ONNX HardSigmoid, defaults 0.2, 0.5).  alpha*x + beta is one FMA, correctly
 * rounded even where it cancels; the clamps are selects (t > 1 ? 1 : t < 0 ?
 * 0 : t), so a NaN t and a -0 t pass as in the AVX2 kernel.  Derivative:
 * dy*alpha where 0 < alpha*x + beta < 1, +0 elsewhere, NaN for NaN x. */
#include "loop-neon.h"

static inline float32x4_t fwd4(float32x4_t x, const float *p)
{
  const float32x4_t va = vld1q_dup_f32(p), vb = vld1q_dup_f32(p + 1);
  const float32x4_t vt = vfmaq_f32(vb, va, x), vone = vdupq_n_f32(1.0f), vz = vdupq_n_f32(0.0f);
  return vbslq_f32(vcgtq_f32(vt, vone), vone, vbslq_f32(vcltq_f32(vt, vz), vz, vt));
}

static inline float32x4_t bwd4(float32x4_t x, float32x4_t dy, const float *p)
{
  const float32x4_t va = vld1q_dup_f32(p), vb = vld1q_dup_f32(p + 1);
  const float32x4_t vt = vfmaq_f32(vb, va, x);
  const uint32x4_t vin = vandq_u32(vcgtq_f32(vt, vdupq_n_f32(0.0f)),
                                   vcltq_f32(vt, vdupq_n_f32(1.0f)));
  const float32x4_t vd =
    vreinterpretq_f32_u32(vandq_u32(vin, vreinterpretq_u32_f32(vmulq_f32(dy, va))));
  return vbslq_f32(vceqq_f32(vt, vt), vd, vt);
}

NEON_FWD(f32_hardsigmoid_onnx_neon_fma, fwd4)
NEON_BWD(f32_hardsigmoid_onnx_bwd_neon_fma, bwd4)
