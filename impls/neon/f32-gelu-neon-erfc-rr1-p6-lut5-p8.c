/* gelu(x) = x Phi(x), gelu'(x) = Phi(x) + x phi(x), binary32 arithmetic only
 * (the algorithm of f32-gelu-avx2-erfc-rr1-p6-lut5-p8).
 *
 * |x| < 1/2:  Phi(x) - 1/2 = x P(x^2), P of degree 4 in x^2 (relative 2^-25):
 *             gelu = x/2 + x (x P), one FMA.  gelu' = 1/2 + x D(x^2).
 * |x| >= 1/2: with z = |x|, 1 - Phi(z) = exp(-z^2/2) G(z)/z, where
 *             G(z) = z exp(z^2/2) erfc(z/sqrt2)/2 rises from 0.18 to 1/sqrt(2 pi).
 *             Then x (1 - Phi(z)) = sign(x) exp(-z^2/2) G(z) with no division:
 *               x > 0: gelu = x - E G,   x < 0: gelu = -E G   (E = exp(-z^2/2)),
 *             so the far left (gelu ~ 1e-45) keeps its relative accuracy; no
 *             1 + erf cancels.  G: one degree-8 polynomial per binade of z,
 *             [1/2, 1) ... [8, 16), coefficients picked per lane by TBL on
 *             byte indices 4k..4k+3 (k the binade: lut5).
 *             E: -z^2/2 is split exactly (FMA) into h + l, h = n ln2 + r,
 *             exp(r + l) by a degree-5 (exp(r) - 1)/r.  Forward: the AVX2
 *             twin's refit G and single rounding of E G (fwd4, bit for bit);
 *             backward: the older fit, 2^n applied in two halves inside the
 *             last FMA so a subnormal result is rounded once.
 *             gelu' = 1 + E K(z) (x > 0), -E K(z) (x < 0), K(z) = z/sqrt(2 pi) - G/z;
 *             K cancels near gelu's minimum x0 = -0.7518: within 3/4 of x0,
 *             gelu' = t P(t) instead, t = x - x0 (roots-neon.h).
 * Far left |x| is clamped where gelu (gelu') rounds to -0; +inf gives x (1);
 * NaN propagates (FMIN keeps it).  |x| < 2^-124: gelu = x/2 + O(x^2) rounds
 * like x/2 rounded upwards, fixed up where x/2 is a subnormal midpoint. */
#include <arm_neon.h>

#include "loop-neon.h"
#include "roots-neon.h"

static const float gec[] = ROOT_COEFFS(GE);

#define ROW(c0, c1, c2, c3, c4) {c0, c1, c2, c3, c4, 0, 0, 0}

/* G(c_k + s) ~ sum g_j s^j on binade k of z = c_k + s, c_k = 1.5 2^(k-1), |s| <= 2^(k-2);
 * entry k of gtab[j] is g_j of binade k (fpminimax, relative error <= 2^-25 on each);
 * the backward (tail4) only: the forward has fgtab. */
static const float gtab[9][8] __attribute__((aligned(16))) = {
  ROW(0x1.cd2836p-3f, 0x1.3c144p-2f, 0x1.754a76p-2f, 0x1.8e010ep-2f, 0x1.95bcb4p-2f),
  ROW(0x1.5bf7f2p-3f, 0x1.204038p-4f, 0x1.2c08b4p-6f, 0x1.a0ede6p-9f, 0x1.d0f87cp-12f),
  ROW(-0x1.c2c832p-4f, -0x1.331ffp-5f, -0x1.c64588p-8f, -0x1.7b5d22p-11f, -0x1.c4d1dep-15f),
  ROW(0x1.d68c7cp-5f, 0x1.0d60cep-6f, 0x1.23a676p-9f, 0x1.2cdf94p-13f, 0x1.86163ap-18f),
  ROW(-0x1.a77336p-6f, -0x1.9f167cp-8f, -0x1.503e68p-11f, -0x1.b63676p-16f, -0x1.387698p-21f),
  ROW(0x1.5722bcp-7f, 0x1.2187cap-9f, 0x1.64dcaap-13f, 0x1.277f36p-18f, 0x1.ccbee4p-25f),
  ROW(-0x1.5d9586p-8f, -0x1.6f9634p-11f, -0x1.6bc8a8p-15f, -0x1.8849ecp-21f, -0x1.552f08p-28f),
  ROW(0x1.6248fap-10f, 0x1.d8e8bap-13f, 0x1.7dc486p-17f, 0x1.34f244p-23f, 0x1.51917ep-31f),
  ROW(0x1.4439dep-7f, -0x1.661a44p-14f, -0x1.2c633ep-19f, -0x1.6cd738p-26f, -0x1.db91fp-35f),
};
static const float ctab[8] __attribute__((aligned(16))) =
  ROW(0x1.8p-1f, 0x1.8p+0f, 0x1.8p+1f, 0x1.8p+2f, 0x1.8p+3f); /* c_k */

/* the forward's G (as f32-gelu-avx2-erfc-rr1-p6-lut5-p8's, from `gen-gelu-erfc 8`,
 * impls/gen-gelu-erfc.c): around c_k ~ 1.5 2^(k-1) where G(c_k) is a
 * binary32, s in [2^(k-1), 2^k] - c_k, relative error <= 2^-25.5 */
#define FCOEF(X) \
  X(0x1.cd27d2p-3f, 0x1.3c0df8p-2f, 0x1.754a04p-2f, 0x1.8e00bap-2f, 0x1.95bc74p-2f) \
  X(0x1.5bf872p-3f, 0x1.205afep-4f, 0x1.2c0e0ep-6f, 0x1.a100dp-9f, 0x1.d1367ep-12f) \
  X(-0x1.c2c7b8p-4f, -0x1.33437cp-5f, -0x1.c64ceep-8f, -0x1.7b6eb4p-11f, -0x1.c51b6ap-15f) \
  X(0x1.d68e3ep-5f, 0x1.0d8518p-6f, 0x1.23ae62p-9f, 0x1.2cf594p-13f, 0x1.866bf6p-18f) \
  X(-0x1.a89302p-6f, -0x1.9f30acp-8f, -0x1.509b26p-11f, -0x1.b6ddfap-16f, -0x1.390fc2p-21f) \
  X(0x1.56caa2p-7f, 0x1.21b24ep-9f, 0x1.64e97p-13f, 0x1.279a6cp-18f, 0x1.cd4932p-25f) \
  X(-0x1.fdde34p-9f, -0x1.760738p-11f, -0x1.651564p-15f, -0x1.8365fp-21f, -0x1.535602p-28f) \
  X(0x1.7952fap-10f, 0x1.da1e52p-13f, 0x1.7dd3fep-17f, 0x1.352008p-23f, 0x1.5217ccp-31f) \
  X(-0x1.38e026p-12f, -0x1.0e72f6p-14f, -0x1.5bfd28p-19f, -0x1.7e102p-26f, -0x1.e2cp-35f)
#define FROW(c0, c1, c2, c3, c4) {c0, c1, c2, c3, c4, 0, 0, 0},
static const float fgtab[9][8] __attribute__((aligned(16))) = {FCOEF(FROW)};
static const float fctab[8] __attribute__((aligned(16))) = ROW(0x1.7fff6ep-1f, 0x1.7fe9bp+0f, 0x1.7ffcfcp+1f, 0x1.7ff99ep+2f, 0x1.7fee7ap+3f); /* c_k */

/* entry k (per lane, byte indices in idx) of an 8-float table */
static inline float32x4_t lut8(const float *t, uint8x16_t idx)
{
  const uint8x16x2_t tb = vld1q_u8_x2((const uint8_t *)t);
  return vreinterpretq_f32_u8(vqtbl2q_u8(tb, idx));
}

/* E G(z) = 2^n m, m = (G + G r q) with n returned as the two scale factors
 * s1 s2 = 2^n (each >= 2^-81, normal).  z in [1/2, 15): lanes below 1/2 give
 * garbage that the caller blends away.  With deriv, m = K + K r q instead. */
static inline float32x4_t tail4(float32x4_t vz, int deriv, float32x4_t *vs1, float32x4_t *vs2)
{
  /* -z^2/2 = h + l exactly: h = -RN(z^2)/2, l = -(z^2 - RN(z^2))/2 */
  const float32x4_t vzz = vmulq_f32(vz, vz);
  const float32x4_t vh = vmulq_f32(vzz, vdupq_n_f32(-0.5f));
  const float32x4_t vl = vmulq_f32(vfmaq_f32(vnegq_f32(vzz), vz, vz), vdupq_n_f32(-0.5f));
  /* h = n ln2 + r, |r| <= ln2/2; n ln2_hi is exact and so is h - n ln2_hi */
  const float32x4_t vn = vrndnq_f32(vmulq_f32(vh, vdupq_n_f32(0x1.715476p+0f))); /* log2(e) */
  float32x4_t vr = vfmaq_f32(vh, vn, vdupq_n_f32(-0x1.62E43p-1f));  /* -ln2_hi: 19 bits */
  vr = vfmaq_f32(vr, vn, vdupq_n_f32(0x1.05C61p-29f));              /* -ln2_lo = -(ln2 - ln2_hi) */
  vr = vaddq_f32(vr, vl);
  /* q(r) = (exp(r) - 1)/r on [-0.36, 0.36], degree 5 (relative 2^-25.9) */
  float32x4_t vq = vdupq_n_f32(0x1.6baa7ap-10f);
  vq = vfmaq_f32(vdupq_n_f32(0x1.123f26p-7f), vq, vr);
  vq = vfmaq_f32(vdupq_n_f32(0x1.5556fcp-5f), vq, vr);
  vq = vfmaq_f32(vdupq_n_f32(0x1.555492p-3f), vq, vr);
  vq = vfmaq_f32(vdupq_n_f32(0x1.fffffep-2f), vq, vr);
  vq = vfmaq_f32(vdupq_n_f32(1.0f), vq, vr);
  /* binade index k = exponent(z) + 1, s = z - 1.5 2^(k-1); bytes 4k .. 4k+3 */
  const uint32x4_t vk = vsubq_u32(vshrq_n_u32(vreinterpretq_u32_f32(vz), 23), vdupq_n_u32(126));
  const uint8x16_t vidx = vreinterpretq_u8_u32(
    vmlaq_u32(vdupq_n_u32(0x03020100u), vk, vdupq_n_u32(0x04040404u)));
  const float32x4_t vs = vsubq_f32(vz, lut8(ctab, vidx)); /* exact (Sterbenz) */
  float32x4_t vg = lut8(gtab[8], vidx);
  for (int j = 7; j >= 0; j--)
    vg = vfmaq_f32(lut8(gtab[j], vidx), vg, vs);
  if (deriv) /* K = z/sqrt(2 pi) - G/z */
    vg = vfmaq_f32(vnegq_f32(vdivq_f32(vg, vz)), vz, vdupq_n_f32(0x1.988454p-2f)); /* 1/sqrt(2 pi) */
  /* 2^n = 2^(n - n/2) 2^(n/2), n >= -163 */
  const int32x4_t vni = vcvtnq_s32_f32(vn);
  const int32x4_t vn1 = vshrq_n_s32(vni, 1);
  *vs1 = vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(vn1, vdupq_n_s32(127)), 23));
  *vs2 = vreinterpretq_f32_s32(
    vshlq_n_s32(vaddq_s32(vsubq_s32(vni, vn1), vdupq_n_s32(127)), 23));
  /* m = g exp(r + l) ~ g + (g r) q */
  return vmulq_f32(vfmaq_f32(vg, vmulq_f32(vg, vr), vq), *vs1);
}

/* |x| < 2^-124: RN(x/2), plus 2^-149 where x/2 lay above it. */
static inline float32x4_t tiny4(float32x4_t vx)
{
  const float32x4_t vhalf = vmulq_f32(vx, vdupq_n_f32(0.5f));
  const float32x4_t vrem = vfmsq_f32(vx, vhalf, vdupq_n_f32(2.0f)); /* exact */
  return vbslq_f32(vcgtq_f32(vrem, vdupq_n_f32(0.0f)),
                   vaddq_f32(vhalf, vdupq_n_f32(0x1p-149f)), vhalf);
}

/* forward: f32-gelu-avx2-erfc-rr1-p6-lut5-p8's arithmetic, bit for bit: n by
 * the magic bias (its low bits give 2^(n + 64)), r1 = h - n ln2_hi exact,
 * c = l - n ln2_lo, G = g_0 + t, E G 2^(n+64) = g_0 2^(n+64) + u 2^(n+64)
 * rounded once, u = t + G r1 q + G c (1 + r1 q) */
#define MAGIC 0x1.80017Ep+23f /* 1.5 2^23 + 191 */
static inline float32x4_t fwd4(float32x4_t vx, const float *p)
{
  (void)p;
  const float32x4_t vabsx = vabsq_f32(vx);
  /* tail: clamp at 14.385, where gelu(-z) < 0.67 2^-150 rounds to -0, and at
   * 1/2 below (no subnormal z^2); NaN stays */
  const float32x4_t vz = vminq_f32(vdupq_n_f32(0x1.cc5p+3f), vmaxq_f32(vdupq_n_f32(0.5f), vabsx));
  const float32x4_t vzz = vmulq_f32(vz, vz);
  const float32x4_t vh = vmulq_f32(vzz, vdupq_n_f32(-0.5f));
  const float32x4_t vl = vmulq_f32(vfmaq_f32(vnegq_f32(vzz), vz, vz), vdupq_n_f32(-0.5f));
  const float32x4_t vnm = vfmaq_f32(vdupq_n_f32(MAGIC), vh, vdupq_n_f32(0x1.715476p+0f));
  const float32x4_t vs64 = vreinterpretq_f32_u32(vshlq_n_u32(vreinterpretq_u32_f32(vnm), 23));
  const float32x4_t vn = vsubq_f32(vnm, vdupq_n_f32(MAGIC));
  const float32x4_t vr1 = vfmaq_f32(vh, vn, vdupq_n_f32(-0x1.62E43p-1f));
  const float32x4_t vc = vfmaq_f32(vl, vn, vdupq_n_f32(0x1.05C61p-29f));
  float32x4_t vq = vdupq_n_f32(0x1.6baa7ap-10f);
  vq = vfmaq_f32(vdupq_n_f32(0x1.123f26p-7f), vq, vr1);
  vq = vfmaq_f32(vdupq_n_f32(0x1.5556fcp-5f), vq, vr1);
  vq = vfmaq_f32(vdupq_n_f32(0x1.555492p-3f), vq, vr1);
  vq = vfmaq_f32(vdupq_n_f32(0x1.fffffep-2f), vq, vr1);
  vq = vfmaq_f32(vdupq_n_f32(1.0f), vq, vr1);
  const uint32x4_t vk = vsubq_u32(vshrq_n_u32(vreinterpretq_u32_f32(vz), 23), vdupq_n_u32(126));
  const uint8x16_t vidx = vreinterpretq_u8_u32(
    vmlaq_u32(vdupq_n_u32(0x03020100u), vk, vdupq_n_u32(0x04040404u)));
  const float32x4_t vs = vsubq_f32(vz, lut8(fctab, vidx)); /* exact (Sterbenz) */
  float32x4_t vg = lut8(fgtab[8], vidx);
  for (int j = 7; j >= 1; j--)
    vg = vfmaq_f32(lut8(fgtab[j], vidx), vg, vs);
  const float32x4_t vg0 = lut8(fgtab[0], vidx);
  const float32x4_t vt = vmulq_f32(vg, vs);
  const float32x4_t vgg = vaddq_f32(vg0, vt);
  const float32x4_t vce = vmulq_f32(vc, vfmaq_f32(vdupq_n_f32(1.0f), vr1, vq));
  const float32x4_t vu0 = vfmaq_f32(vfmaq_f32(vt, vgg, vce), vmulq_f32(vgg, vr1), vq);
  const float32x4_t vm = vfmaq_f32(vmulq_f32(vg0, vs64), vu0, vs64); /* 2^64 E G */
  const uint32x4_t vpos = vcgtq_f32(vx, vdupq_n_f32(0.0f));
  const float32x4_t vbase = vbslq_f32(vpos, vx, vdupq_n_f32(-0.0f)); /* x or -0 */
  float32x4_t vy = vfmsq_f32(vbase, vm, vdupq_n_f32(0x1p-64f));      /* base - E G */
  /* |x| < 1/2: x/2 + x (x P(x^2)), P ~ (Phi(x) - 1/2)/x, u = x^2 + 2^-80 */
  const float32x4_t vu = vfmaq_f32(vdupq_n_f32(0x1p-80f), vx, vx);
  float32x4_t vp = vdupq_n_f32(0x1.907f3p-13f);
  vp = vfmaq_f32(vdupq_n_f32(-0x1.42f046p-10f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(0x1.4717a6p-7f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(-0x1.1058d8p-4f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(0x1.988454p-2f), vp, vu); /* 1/sqrt(2 pi) */
  const float32x4_t vya =
    vfmaq_f32(vmulq_f32(vx, vdupq_n_f32(0.5f)), vx, vmulq_f32(vx, vp));
  vy = vbslq_f32(vcaltq_f32(vx, vdupq_n_f32(0.5f)), vya, vy);
  return vbslq_f32(vcaltq_f32(vx, vdupq_n_f32(0x1p-124f)), tiny4(vx), vy);
}

static inline float32x4_t bwd4(float32x4_t vx, float32x4_t vdy, const float *p)
{
  (void)p;
  const float32x4_t vabsx = vabsq_f32(vx);
  /* tail: clamp at 14.57, where gelu'(-z) > -0.66 2^-150 rounds to -0; NaN stays */
  const float32x4_t vz = vminq_f32(vdupq_n_f32(0x1.d24p+3f), vabsx);
  float32x4_t vs1, vs2;
  const float32x4_t vm = tail4(vz, 1, &vs1, &vs2);
  const uint32x4_t vpos = vcgtq_f32(vx, vdupq_n_f32(0.0f));
  /* x > 0: 1 + E K;  x < 0: -0 - E K */
  const float32x4_t vd = vbslq_f32(vpos, vfmaq_f32(vdupq_n_f32(1.0f), vm, vs2),
                                   vfmsq_f32(vdupq_n_f32(-0.0f), vm, vs2));
  /* |x| < 1/2: 1/2 + x D(x^2), D ~ (gelu'(x) - 1/2)/x */
  const float32x4_t vu = vmulq_f32(vx, vx);
  float32x4_t vp = vdupq_n_f32(-0x1.20705ep-9f);
  vp = vfmaq_f32(vdupq_n_f32(0x1.54751cp-9f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(-0x1.4322a2p-7f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(0x1.ea8c18p-5f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(-0x1.1058bp-2f), vp, vu);
  vp = vfmaq_f32(vdupq_n_f32(0x1.988454p-1f), vp, vu); /* 2/sqrt(2 pi) */
  const float32x4_t vda = vfmaq_f32(vdupq_n_f32(0.5f), vx, vp);
  float32x4_t vr = vbslq_f32(vcaltq_f32(vx, vdupq_n_f32(0.5f)), vda, vd);
  float32x4_t vtl, vth = root_t(vx, vdupq_n_f32(0.0f), GE_X0_HI, GE_X0_LO, &vtl);
  vr = vbslq_f32(near_root(vx, GE_X0_HI, GE_DELTA),
                 root_poly4(vth, vtl, GE_P0_HI, GE_P0_LO, GE_P1_HI, GE_P1_LO, gec, GE_DEG), vr);
  return vmulq_f32(vdy, vr);
}

NEON_FWD(f32_gelu_neon_erfc_rr1_p6_lut5_p8, fwd4)
NEON_BWD(f32_gelu_bwd_neon_erfc_rr1_p6_lut5_p8, bwd4)
