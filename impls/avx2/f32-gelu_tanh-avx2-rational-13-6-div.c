/* gelu_tanh(x) = x/2 (1 + T(u)), u = K x (1 + C x^2), with tanh replaced by
 * the fast rational of Eigen 3.4 (generic_fast_tanh_float; XLA's
 * EmitFastTanh), 8 lanes with FMA:
 *   x2 = x x;  u = (K x) fma(C, x2, 1);
 *   c = min(UMAX, max(-UMAX, u))   (UMAX = 7.99881172180175781: the clamp
 *       Eigen and XLA use with FMA, where T rounds to +-1; NaN passes);
 *   w = c c;  P(w) = a1 + a3 w + ... + a13 w^6,  Q(w) = b0 + ... + b6 w^3,
 *       both Horner by fma;  T = c P / Q;  T = u where |u| < 0.0004;
 *   y = (x/2)(1 + T), -0 where 1 + T = 0 (x <= -4.8677, and -inf).
 * Same coefficients as f32-gelu_tanh-scalar-rational-13-6-div.  An
 * approximation by design: 1 + T cancels on the left (unbounded relative
 * error there).
 * Backward is the derivative of this formula (not 1 - T^2):
 *   d = (1 + T)/2 + (x/2) T'(u) u'(x),  u'(x) = K fma(3C, x2, 1),
 *   T' = (N' - T c Q'/c)/Q, N' = sum (2k+1) a_{2k+1} w^k, Q'/c = sum 2k b_2k w^(k-1)
 *   (coefficients k a_k rounded to binary32), both Horner by fma;
 *   T' = 0 where |u| > UMAX (flat), 1 where |u| < 0.0004; d = -0 where it
 *   is 0 (the left tail).  dx = dy d.  The two quotients by Q share one
 *   division: R = 1/Q, T = (c P) R, T' = (N' - T c Q'/c) R (one rounding
 *   more in each; the forward keeps c P / Q). */
#include <immintrin.h>

#include "actcheck.h"

#include "loop-avx2.h"

act_f32_fwd_p f32_gelu_tanh_avx2_rational_13_6_div;
act_f32_bwd_p f32_gelu_tanh_bwd_avx2_rational_13_6_div;

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

#define S(c) _mm256_set1_ps(c)
#define FMA(a, b, c) _mm256_fmadd_ps(a, b, c)

typedef struct {
  __m256 u, c, w, q, t, rq; /* u, clamped u, c^2, Q(w), T(u), 1/Q (recip only) */
} tanh8;

/* recip: T = (c P) (1/Q), keeping 1/Q for T' (backward: one division for
 * both quotients, not two); else T = c P / Q (forward) */
static inline tanh8 fast_tanh8(__m256 vx, __m256 vx2, int recip)
{
  tanh8 r;
  r.u = _mm256_mul_ps(_mm256_mul_ps(S(K), vx), FMA(S(C), vx2, S(1.0f)));
  r.c = _mm256_min_ps(S(UMAX), _mm256_max_ps(S(-UMAX), r.u)); /* NaN: second operand */
  r.w = _mm256_mul_ps(r.c, r.c);
  __m256 p = FMA(S(A13), r.w, S(A11));
  p = FMA(p, r.w, S(A9));
  p = FMA(p, r.w, S(A7));
  p = FMA(p, r.w, S(A5));
  p = FMA(p, r.w, S(A3));
  p = FMA(p, r.w, S(A1));
  __m256 q = FMA(S(B6), r.w, S(B4));
  q = FMA(q, r.w, S(B2));
  r.q = FMA(q, r.w, S(B0));
  if (recip) {
    r.rq = _mm256_div_ps(S(1.0f), r.q);
    r.t = _mm256_mul_ps(_mm256_mul_ps(r.c, p), r.rq);
  } else {
    r.rq = r.q;
    r.t = _mm256_div_ps(_mm256_mul_ps(r.c, p), r.q);
  }
  const __m256 vabsu = _mm256_andnot_ps(S(-0.0f), r.u);
  r.t = _mm256_blendv_ps(r.t, r.u, _mm256_cmp_ps(vabsu, S(UTINY), _CMP_LT_OQ));
  return r;
}

static inline __m256 fwd8(__m256 vx)
{
  const tanh8 r = fast_tanh8(vx, _mm256_mul_ps(vx, vx), 0);
  const __m256 vs = _mm256_add_ps(S(1.0f), r.t);
  const __m256 vy = _mm256_mul_ps(_mm256_mul_ps(S(0.5f), vx), vs);
  return _mm256_blendv_ps(vy, S(-0.0f), _mm256_cmp_ps(vs, S(0.0f), _CMP_EQ_OQ));
}

static inline __m256 bwd8(__m256 vx, __m256 vdy)
{
  const __m256 vx2 = _mm256_mul_ps(vx, vx);
  const tanh8 r = fast_tanh8(vx, vx2, 1);
  __m256 dn = FMA(S(13 * A13), r.w, S(11 * A11));
  dn = FMA(dn, r.w, S(9 * A9));
  dn = FMA(dn, r.w, S(7 * A7));
  dn = FMA(dn, r.w, S(5 * A5));
  dn = FMA(dn, r.w, S(3 * A3));
  dn = FMA(dn, r.w, S(A1));
  __m256 dq = FMA(S(6 * B6), r.w, S(4 * B4));
  dq = FMA(dq, r.w, S(2 * B2));
  __m256 dt = _mm256_mul_ps(_mm256_fnmadd_ps(r.t, _mm256_mul_ps(r.c, dq), dn), r.rq);
  const __m256 vabsu = _mm256_andnot_ps(S(-0.0f), r.u);
  dt = _mm256_blendv_ps(dt, S(1.0f), _mm256_cmp_ps(vabsu, S(UTINY), _CMP_LT_OQ));
  const __m256 vdu = _mm256_mul_ps(S(K), FMA(S(C3), vx2, S(1.0f)));
  const __m256 vh = _mm256_mul_ps(S(0.5f), _mm256_add_ps(S(1.0f), r.t));
  __m256 vd = FMA(_mm256_mul_ps(_mm256_mul_ps(S(0.5f), vx), dt), vdu, vh);
  /* beyond the clamp T is flat: (1 + T)/2 alone (no inf * 0 for huge x) */
  vd = _mm256_blendv_ps(vd, vh, _mm256_cmp_ps(vabsu, S(UMAX), _CMP_GT_OQ));
  vd = _mm256_blendv_ps(vd, S(-0.0f), _mm256_cmp_ps(vd, S(0.0f), _CMP_EQ_OQ));
  return _mm256_mul_ps(vdy, vd);
}

AVX2_ELEMENTWISE(f32_gelu_tanh_avx2_rational_13_6_div, f32_gelu_tanh_bwd_avx2_rational_13_6_div,
                 fwd8, bwd8)
