/* gelu(x) = x/2 (1 + erf(z)), z = x/sqrt2, erf by a table and a degree-2
 * Taylor step (Arm optimized-routines' AdvSIMD erff scheme; the algorithm of
 * f32-gelu-scalar-erf-lut513-p2, which describes it), 4 lanes:
 *   a = min(|z|, 4) (FMINNM: NaN becomes 4, so the index stays in the
 *   table; NaN lanes are put back at the end);
 *   i = round(128 a) (FCVTNS, to nearest even);  r = i/128;  d = a - r;
 *   {E_i, S_i} = one 8-byte load per lane, split by UZP1/UZP2;
 *   erf(a) ~ fma(S, fma(-r d, d, d), E);
 *   y = (x/2)(1 + sign(z) erf(a)); -0 where 1 + erf = 0 (far left, -inf);
 *   NaN lanes give x + x.
 * The table {erf(i/128), 2/sqrt(pi) exp(-(i/128)^2)}, i = 0 .. 512, is the
 * scalar kernel's, written at build time by gen-tables.c (the runner has no
 * libm).
 * Backward, the derivative of this formula:
 *   gelu' ~ (1 + erf)/2 + (x/(2 sqrt2)) S (1 - 2 r d), second term 0 where
 *   |z| > 4; -0 where the sum is 0.  dx = dy gelu'. */
#include "gelu-tables-neon.h"
#include "loop-neon.h"

#define RSQRT2 0x1.6a09e6p-1f /* 1/sqrt(2) rounded to binary32 */
#define D(c) vdupq_n_f32(c)

static inline float32x4_t nanfix(float32x4_t vx, float32x4_t vy)
{
  return vbslq_f32(vceqq_f32(vx, vx), vy, vaddq_f32(vx, vx));
}

/* erf(z) (returned) and the formula's erf'(z) (*vds, 0 beyond |z| > 4) */
static inline float32x4_t erf4(float32x4_t vz, float32x4_t *vds)
{
  const float32x4_t va = vminnmq_f32(vabsq_f32(vz), D(4.0f));
  const int32x4_t vi = vcvtnq_s32_f32(vmulq_f32(va, D(128.0f)));
  const float32x4_t vr = vmulq_f32(vcvtq_f32_s32(vi), D(0x1p-7f));
  const float32x4_t vd = vsubq_f32(va, vr);
  const float *t = act_neon_erf_lut513;
  const float32x4_t p01 = vcombine_f32(vld1_f32(t + 2 * vgetq_lane_s32(vi, 0)),
                                       vld1_f32(t + 2 * vgetq_lane_s32(vi, 1)));
  const float32x4_t p23 = vcombine_f32(vld1_f32(t + 2 * vgetq_lane_s32(vi, 2)),
                                       vld1_f32(t + 2 * vgetq_lane_s32(vi, 3)));
  const float32x4_t ve = vuzp1q_f32(p01, p23), vs = vuzp2q_f32(p01, p23);
  const float32x4_t vrd = vmulq_f32(vr, vd);
  const float32x4_t verf = vfmaq_f32(ve, vs, vfmsq_f32(vd, vrd, vd));
  *vds = vmulq_f32(vs, vfmsq_f32(D(1.0f), D(2.0f), vrd));
  *vds = vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(*vds), vcagtq_f32(vz, D(4.0f))));
  return vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(verf),
                                         vandq_u32(vreinterpretq_u32_f32(vz),
                                                   vdupq_n_u32(0x80000000u)))); /* sign of z */
}

static inline float32x4_t fwd4(float32x4_t vx, const float *p)
{
  (void)p;
  float32x4_t vds;
  const float32x4_t vs = vaddq_f32(D(1.0f), erf4(vmulq_f32(vx, D(RSQRT2)), &vds));
  float32x4_t vy = vmulq_f32(vmulq_f32(vx, D(0.5f)), vs);
  vy = vbslq_f32(vceqzq_f32(vs), D(-0.0f), vy);
  return nanfix(vx, vy);
}

static inline float32x4_t bwd4(float32x4_t vx, float32x4_t vdy, const float *p)
{
  (void)p;
  float32x4_t vds;
  const float32x4_t verf = erf4(vmulq_f32(vx, D(RSQRT2)), &vds);
  const float32x4_t vh = vmulq_f32(D(0.5f), vaddq_f32(D(1.0f), verf));
  const float32x4_t vk = vmulq_f32(vx, D(0.5f * RSQRT2));
  /* |z| > 4: vds = 0 and the product is skipped (x may be inf) */
  float32x4_t vd = vbslq_f32(vceqzq_f32(vds), vh, vfmaq_f32(vh, vk, vds));
  vd = vbslq_f32(vceqzq_f32(vd), D(-0.0f), vd);
  return vmulq_f32(vdy, nanfix(vx, vd));
}

NEON_FWD(f32_gelu_neon_erf_lut513_p2, fwd4)
NEON_BWD(f32_gelu_bwd_neon_erf_lut513_p2, bwd4)
