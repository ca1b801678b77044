/* gelu(x) = x/2 (1 + erf(x/sqrt2)) with erf(x/sqrt2) ~ x P(x^2)/Q(x^2), P of
 * degree 5 and Q of degree 5 in x^2 (numerator degree 11, denominator 10), on
 * x clamped to +-5.1638283730, where the rational reaches +-1 (XNNPACK's
 * f32-vgelu rational-12-10 coefficients; see there).  An approximation by
 * design: 1 + erf cancels for x < 0, so the relative error grows without bound
 * on the left and gelu is -0 for x <= -5.16 (exact: -6e-7 .. -1e-45).
 * Backward is the derivative of the same approximation:
 *   gelu' ~ (1 + R)/2 + x R'/2, R = N/Q, R' = (N' Q - N Q')/Q^2,
 * and 0 (-0 on the left, matching gelu' < 0 there) or 1 outside the clamp.
 * NaN propagates (FMAX/FMIN keep it); -inf gives -0. */
#include <arm_neon.h>

#include "loop-neon.h"

#define XMAX  0x1.4a7c2ap+2f      /* 5.1638283730: first x where x P/Q rounds to 1 */
#define A1    0x1.988452p-1f      /* 7.9788452387e-01 ~ sqrt(2/pi), numerator x^1 */
#define A3    0x1.12516ap-4f      /* 6.6972173750e-02 */
#define A5    0x1.30f4b2p-7f      /* 9.3065137044e-03 */
#define A7    0x1.59bf88p-12f     /* 3.2973114867e-04 */
#define A9    0x1.a71d38p-17f     /* 1.2609783880e-05 */
#define A11   0x1.89b8fp-25f      /* 4.5835321316e-08 */
#define B2    0x1.009e36p-2f      /* 2.5060352683e-01, denominator x^2 (x^0: 1) */
#define B4    0x1.d1d45cp-6f      /* 2.8431978077e-02 */
#define B6    0x1.e82fc8p-10f     /* 1.8622842617e-03 */
#define B8    0x1.2f1ccep-14f     /* 7.2267655923e-05 */
#define B10   0x1.41d272p-20f     /* 1.1988805682e-06 */

#define D(c) vdupq_n_f32(c)

static inline float32x4_t clamp4(float32x4_t vx)
{
  return vminq_f32(D(XMAX), vmaxq_f32(D(-XMAX), vx));
}

static inline float32x4_t fwd4(float32x4_t vx, const float *p)
{
  (void)p;
  const float32x4_t vxc = clamp4(vx);
  const float32x4_t vu = vmulq_f32(vxc, vxc);
  float32x4_t vp = D(A11);                       /* P(u) */
  vp = vfmaq_f32(D(A9), vp, vu);
  vp = vfmaq_f32(D(A7), vp, vu);
  vp = vfmaq_f32(D(A5), vp, vu);
  vp = vfmaq_f32(D(A3), vp, vu);
  vp = vfmaq_f32(D(A1), vp, vu);
  float32x4_t vq = D(B10);                       /* Q(u) */
  vq = vfmaq_f32(D(B8), vq, vu);
  vq = vfmaq_f32(D(B6), vq, vu);
  vq = vfmaq_f32(D(B4), vq, vu);
  vq = vfmaq_f32(D(B2), vq, vu);
  vq = vfmaq_f32(D(1.0f), vq, vu);
  const float32x4_t verf = vdivq_f32(vmulq_f32(vxc, vp), vq); /* erf(x/sqrt2) */
  const float32x4_t vhx = vmulq_f32(vx, D(0.5f));
  const float32x4_t vy = vmulq_f32(vhx, vaddq_f32(D(1.0f), verf));
  /* x <= -XMAX: 1 + erf is +0 and x/2 (+0) would be NaN at -inf: -0 */
  return vbslq_f32(vcleq_f32(vx, D(-XMAX)), D(-0.0f), vy);
}

static inline float32x4_t bwd4(float32x4_t vx, float32x4_t vdy, const float *p)
{
  (void)p;
  const float32x4_t vxc = clamp4(vx);
  const float32x4_t vu = vmulq_f32(vxc, vxc);
  /* P, N'(x) = sum k a_k u^((k-1)/2) */
  float32x4_t vp = D(A11), vdp = D(11 * A11);
  vp = vfmaq_f32(D(A9), vp, vu), vdp = vfmaq_f32(D(9 * A9), vdp, vu);
  vp = vfmaq_f32(D(A7), vp, vu), vdp = vfmaq_f32(D(7 * A7), vdp, vu);
  vp = vfmaq_f32(D(A5), vp, vu), vdp = vfmaq_f32(D(5 * A5), vdp, vu);
  vp = vfmaq_f32(D(A3), vp, vu), vdp = vfmaq_f32(D(3 * A3), vdp, vu);
  vp = vfmaq_f32(D(A1), vp, vu), vdp = vfmaq_f32(D(A1), vdp, vu);
  /* Q, Q'(x)/x = sum k b_k u^(k/2-1) */
  float32x4_t vq = D(B10), vdq = D(10 * B10);
  vq = vfmaq_f32(D(B8), vq, vu), vdq = vfmaq_f32(D(8 * B8), vdq, vu);
  vq = vfmaq_f32(D(B6), vq, vu), vdq = vfmaq_f32(D(6 * B6), vdq, vu);
  vq = vfmaq_f32(D(B4), vq, vu), vdq = vfmaq_f32(D(4 * B4), vdq, vu);
  vq = vfmaq_f32(D(B2), vq, vu), vdq = vfmaq_f32(D(2 * B2), vdq, vu);
  vq = vfmaq_f32(D(1.0f), vq, vu);
  const float32x4_t vn = vmulq_f32(vxc, vp);
  const float32x4_t vr = vdivq_f32(vn, vq);                                  /* R */
  /* R' = (N' - R Q')/Q, Q' = x (Q'/x) */
  const float32x4_t vdr = vdivq_f32(vfmsq_f32(vdp, vr, vmulq_f32(vxc, vdq)), vq);
  const float32x4_t vhx = vmulq_f32(vx, D(0.5f));
  float32x4_t vd = vfmaq_f32(vfmaq_f32(D(0.5f), vr, D(0.5f)), vhx, vdr);
  /* outside the clamp the approximation is flat: 1 on the right, -0 on the left */
  vd = vbslq_f32(vcgeq_f32(vx, D(XMAX)), D(1.0f), vd);
  vd = vbslq_f32(vcleq_f32(vx, D(-XMAX)), D(-0.0f), vd);
  return vmulq_f32(vdy, vd);
}

NEON_FWD(f32_gelu_neon_rational_12_10_div, fwd4)
NEON_BWD(f32_gelu_bwd_neon_rational_12_10_div, bwd4)
