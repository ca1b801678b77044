/* gelu_tanh(x) = x/2 (1 + T(u)), u = K x (1 + C x^2), with tanh replaced by
 * the fast rational of Eigen 3.4 (generic_fast_tanh_float; XLA's
 * EmitFastTanh), the algorithm of f32-gelu_tanh-avx2-rational-13-6-div on 4
 * lanes with FMA:
 *   x2 = x x;  u = (K x) fma(C, x2, 1);
 *   c = min(UMAX, max(-UMAX, u))   (UMAX = 7.99881172180175781: the clamp
 *       Eigen and XLA use with FMA, where T rounds to +-1; FMAX/FMIN keep NaN);
 *   w = c c;  P(w) = a1 + a3 w + ... + a13 w^6,  Q(w) = b0 + ... + b6 w^3,
 *       both Horner by fma;  T = c P / Q;  T = u where |u| < 0.0004;
 *   y = (x/2)(1 + T), -0 where 1 + T = 0 (x < -5.4, and -inf).
 * An approximation by design: 1 + T cancels on the left (unbounded relative
 * error there).
 * Backward is the derivative of this formula (not 1 - T^2):
 *   d = (1 + T)/2 + (x/2) T'(u) u'(x),  u'(x) = K fma(3C, x2, 1),
 *   T' = (N' - T c Q'/c)/Q, N' = sum (2k+1) a_{2k+1} w^k, Q'/c = sum 2k b_2k w^(k-1)
 *   (coefficients k a_k rounded to binary32), both Horner by fma;
 *   T' = 0 where |u| > UMAX (flat), 1 where |u| < 0.0004; d = -0 where it
 *   is 0 (the left tail).  dx = dy d.  The two quotients by Q share one
 *   division (R = 1/Q, T = (c P) R, T' = (N' - T c Q'/c) R), as in the
 *   AVX2 backward. */
#include "loop-neon.h"

#define K  0x1.988454p-1f /* sqrt(2/pi) rounded to binary32 */
#define C  0x1.6e4e26p-5f /* 0.044715 rounded to binary32 */
#define C3 0x1.12ba9ep-3f /* 3*0.044715 rounded to binary32 */
#define UMAX  0x1.ffec88p+2f  /* 7.99881172180175781: Eigen/XLA clamp with FMA */
#define UTINY 0x1.a36e2ep-12f /* 0.0004: tanh(u) = u below (Eigen) */
/* Eigen's coefficients (decimal there), rounded to binary32 */
#define A1  0x1.40b3b8p-8f  /* 4.89352455891786e-03 */
#define A3  0x1.4e1bdap-11f /* 6.37261928875436e-04 */
#define A5  0x1.f28694p-17f /* 1.48572235717979e-05 */
#define A7  0x1.b80082p-25f /* 5.12229709037114e-08 */
#define A9  -0x1.7a6ffep-34f /* -8.60467152213735e-11 */
#define A11 0x1.c266fcp-43f /* 2.00018790482477e-13 */
#define A13 -0x1.3e4b8p-52f /* -2.76076847742355e-16 */
#define B0  0x1.40b3bap-8f  /* 4.89352518554385e-03 */
#define B2  0x1.29540ap-9f  /* 2.26843463243900e-03 */
#define B4  0x1.f12bacp-14f /* 1.18534705686654e-04 */
#define B6  0x1.41a7bp-20f  /* 1.19825839466702e-06 */

#define D(c) vdupq_n_f32(c)
#define FMA(a, b, c) vfmaq_f32(c, a, b) /* a b + c */

typedef struct {
  float32x4_t u, c, w, q, t, rq; /* u, clamped u, c^2, Q(w), T(u), 1/Q (recip only) */
} tanh4;

/* recip: T = (c P) (1/Q), keeping 1/Q for T' (as the AVX2 backward) */
static inline tanh4 fast_tanh4(float32x4_t vx, float32x4_t vx2, int recip)
{
  tanh4 r;
  r.u = vmulq_f32(vmulq_f32(D(K), vx), FMA(D(C), vx2, D(1.0f)));
  r.c = vminq_f32(D(UMAX), vmaxq_f32(D(-UMAX), r.u)); /* NaN stays NaN */
  r.w = vmulq_f32(r.c, r.c);
  float32x4_t p = FMA(D(A13), r.w, D(A11));
  p = FMA(p, r.w, D(A9));
  p = FMA(p, r.w, D(A7));
  p = FMA(p, r.w, D(A5));
  p = FMA(p, r.w, D(A3));
  p = FMA(p, r.w, D(A1));
  float32x4_t q = FMA(D(B6), r.w, D(B4));
  q = FMA(q, r.w, D(B2));
  r.q = FMA(q, r.w, D(B0));
  if (recip) {
    r.rq = vdivq_f32(D(1.0f), r.q);
    r.t = vmulq_f32(vmulq_f32(r.c, p), r.rq);
  } else {
    r.rq = r.q;
    r.t = vdivq_f32(vmulq_f32(r.c, p), r.q);
  }
  r.t = vbslq_f32(vcaltq_f32(r.u, D(UTINY)), r.u, r.t);
  return r;
}

static inline float32x4_t fwd4(float32x4_t vx, const float *p)
{
  (void)p;
  const tanh4 r = fast_tanh4(vx, vmulq_f32(vx, vx), 0);
  const float32x4_t vs = vaddq_f32(D(1.0f), r.t);
  const float32x4_t vy = vmulq_f32(vmulq_f32(D(0.5f), vx), vs);
  return vbslq_f32(vceqzq_f32(vs), D(-0.0f), vy);
}

static inline float32x4_t bwd4(float32x4_t vx, float32x4_t vdy, const float *p)
{
  (void)p;
  const float32x4_t vx2 = vmulq_f32(vx, vx);
  const tanh4 r = fast_tanh4(vx, vx2, 1);
  float32x4_t dn = FMA(D(13 * A13), r.w, D(11 * A11));
  dn = FMA(dn, r.w, D(9 * A9));
  dn = FMA(dn, r.w, D(7 * A7));
  dn = FMA(dn, r.w, D(5 * A5));
  dn = FMA(dn, r.w, D(3 * A3));
  dn = FMA(dn, r.w, D(A1));
  float32x4_t dq = FMA(D(6 * B6), r.w, D(4 * B4));
  dq = FMA(dq, r.w, D(2 * B2));
  float32x4_t dt = vmulq_f32(vfmsq_f32(dn, r.t, vmulq_f32(r.c, dq)), r.rq);
  dt = vbslq_f32(vcaltq_f32(r.u, D(UTINY)), D(1.0f), dt);
  const float32x4_t vdu = vmulq_f32(D(K), FMA(D(C3), vx2, D(1.0f)));
  const float32x4_t vh = vmulq_f32(D(0.5f), vaddq_f32(D(1.0f), r.t));
  float32x4_t vd = FMA(vmulq_f32(vmulq_f32(D(0.5f), vx), dt), vdu, vh);
  /* beyond the clamp T is flat: (1 + T)/2 alone (no inf * 0 for huge x) */
  vd = vbslq_f32(vcagtq_f32(r.u, D(UMAX)), vh, vd);
  vd = vbslq_f32(vceqzq_f32(vd), D(-0.0f), vd);
  return vmulq_f32(vdy, vd);
}

NEON_FWD(f32_gelu_tanh_neon_rational_13_6_div, fwd4)
NEON_BWD(f32_gelu_tanh_bwd_neon_rational_13_6_div, bwd4)
