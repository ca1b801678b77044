/* gelu_tanh(x) = x/2 (1 + T(u)), u = K x (1 + C x^2), with tanh replaced by
 * the fast rational of Eigen 3.4 (generic_fast_tanh_float, also XLA's
 * EmitFastTanh and MLIR's tanh lowering):
 *   T(u) = u P(u^2) / Q(u^2), P of degree 6 (numerator degree 13), Q of
 *   degree 3 (denominator degree 6), both by Horner in float;
 *   u clamped to +-7.90531110763549805 first (Eigen's clamp without FMA, where
 *   T rounds to +-1); T(u) = u where |u| < 0.0004 (Eigen's tiny cut-off).
 * K = sqrt(2/pi), C = 0.044715 as in ggml and PyTorch (u by the same
 * operations as f32-gelu_tanh-scalar-tanh).  An approximation by design:
 * 1 + T cancels for x < 0 (all digits gone where T rounds to -1, x <= -4.8395,
 * which then gives -0), so the relative error is unbounded on the left.
 * Backward is the derivative of this formula (not 1 - T^2):
 *   d = (1 + T)/2 + x/2 T'(u) u'(x),  u'(x) = K (1 + 3 C x^2),
 *   T' = (N' - T Q')/Q with N' = sum (2k+1) a_{2k+1} u^2k and
 *   Q' = u sum 2k b_2k u^(2k-2) (coefficients k a_k rounded to binary32);
 *   T' = 0 where u was clamped, 1 where |u| < 0.0004; d = -0 where it is 0
 *   (the left tail, where gelu_tanh' < 0).
 * NaN propagates; gelu_tanh(-inf) = -0 (the limit), gelu_tanh(+inf) = +inf. */
#include <math.h>

#include "actcheck.h"

#define K  0x1.988454p-1f /* sqrt(2/pi) rounded to binary32 */
#define C  0x1.6e4e26p-5f /* 0.044715 rounded to binary32 */
#define C3 0x1.12ba9ep-3f /* 3*0.044715 rounded to binary32 */
#define UMAX  0x1.f9f09ep+2f /* 7.90531110763549805: Eigen's clamp without FMA */
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

act_f32_fwd_p f32_gelu_tanh_scalar_rational_13_6_div;
act_f32_bwd_p f32_gelu_tanh_bwd_scalar_rational_13_6_div;

static inline float clamp_u(float u) /* NaN passes */
{
  if (u > UMAX) u = UMAX;
  if (u < -UMAX) u = -UMAX;
  return u;
}

static inline float num(float w) /* P(w), w = u^2 */
{
  float p = A13;
  p = p * w + A11;
  p = p * w + A9;
  p = p * w + A7;
  p = p * w + A5;
  p = p * w + A3;
  return p * w + A1;
}

static inline float den(float w) /* Q(w) */
{
  float q = B6;
  q = q * w + B4;
  q = q * w + B2;
  return q * w + B0;
}

static inline float fast_tanh(float u)
{
  float c = clamp_u(u), w = c * c;
  return fabsf(u) < UTINY ? u : c * num(w) / den(w);
}

void f32_gelu_tanh_scalar_rational_13_6_div(size_t n, const float *x, float *y,
                                            const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float t = fast_tanh(K * v * (1.0f + C * v * v));
    y[i] = t == -1 ? -0.0f : 0.5f * v * (1.0f + t); /* -0, not -inf*0, on the left */
  }
}

void f32_gelu_tanh_bwd_scalar_rational_13_6_div(size_t n, const float *x, const float *dy,
                                                float *dx, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], v2 = v * v;
    float u = K * v * (1.0f + C * v2), c = clamp_u(u), w = c * c;
    float q = den(w), t = c * num(w) / q, dt;
    if (fabsf(u) < UTINY) {
      t = u;
      dt = 1;
    } else if (fabsf(u) > UMAX) {
      dt = 0; /* flat beyond the clamp; also keeps inf*0 out for huge x */
    } else {
      float dn = 13 * A13; /* N'(u) = sum (2k+1) a_{2k+1} w^k */
      dn = dn * w + 11 * A11;
      dn = dn * w + 9 * A9;
      dn = dn * w + 7 * A7;
      dn = dn * w + 5 * A5;
      dn = dn * w + 3 * A3;
      dn = dn * w + A1;
      float dq = 6 * B6; /* Q'(u)/u = sum 2k b_2k w^(k-1) */
      dq = dq * w + 4 * B4;
      dq = dq * w + 2 * B2;
      dt = (dn - t * (c * dq)) / q;
    }
    float d = 0.5f * (1.0f + t);
    if (dt != 0)
      d += 0.5f * v * dt * (K * (1.0f + C3 * v2));
    if (d == 0)
      d = -0.0f; /* left tail: the derivative is negative */
    dx[i] = g * d;
  }
}
