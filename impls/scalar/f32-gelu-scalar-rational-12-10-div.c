/* gelu(x) = x/2 (1 + erf(x/sqrt2)) with erf(x/sqrt2) ~ x P(x^2)/Q(x^2), P and
 * Q of degree 5 in x^2: XNNPACK's f32-vgelu rational-12-10 (its scalar
 * kernel: same coefficients as f32-gelu-avx2-rational-12-10-div, Horner with
 * separate multiply and add, no FMA), on x clamped to +-5.1158981323, the
 * clamp XNNPACK uses without native FMA (first x where x P/Q rounds to 1).
 * An approximation by design: 1 + erf cancels for x < 0 (relative error
 * unbounded on the left), and gelu is -0 for x <= -5.116.
 * Backward is the derivative of the same approximation:
 *   gelu' ~ (1 + R)/2 + x R'/2, R = N/Q, N = x P, R' = (N' - R Q')/Q,
 *   N' = sum k a_k x^(k-1), Q' = x sum k b_k x^(k-2) (k a_k rounded to binary32),
 * and 1 for x >= 5.116, -0 for x <= -5.116 (flat outside the clamp).
 * NaN propagates; -inf gives -0. */
#include <math.h>

#include "actcheck.h"

act_f32_fwd_p f32_gelu_scalar_rational_12_10_div;
act_f32_bwd_p f32_gelu_bwd_scalar_rational_12_10_div;

#define XMAX  0x1.476aep+2f       /* 5.1158981323: XNNPACK's clamp without FMA */
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

static inline float clamp(float x) /* NaN passes */
{
  if (x > XMAX) x = XMAX;
  if (x < -XMAX) x = -XMAX;
  return x;
}

static inline float num(float u) /* P(u), u = x^2 */
{
  float p = A11;
  p = p * u + A9;
  p = p * u + A7;
  p = p * u + A5;
  p = p * u + A3;
  return p * u + A1;
}

static inline float den(float u) /* Q(u) */
{
  float q = B10;
  q = q * u + B8;
  q = q * u + B6;
  q = q * u + B4;
  q = q * u + B2;
  return q * u + 1.0f;
}

void f32_gelu_scalar_rational_12_10_div(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], c = clamp(v), u = c * c;
    float e = c * num(u) / den(u); /* erf(x/sqrt2) */
    /* x <= -XMAX: 1 + erf is +0 and x/2 (+0) would be NaN at -inf: -0 */
    y[i] = v <= -XMAX ? -0.0f : (0.5f * v) * (1.0f + e);
  }
}

void f32_gelu_bwd_scalar_rational_12_10_div(size_t n, const float *x, const float *dy,
                                            float *dx, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], c = clamp(v), u = c * c, d;
    if (v >= XMAX) {
      d = 1.0f;
    } else if (v <= -XMAX) {
      d = -0.0f;
    } else {
      float q = den(u), r = c * num(u) / q;
      float dp = 11 * A11; /* N'(x) */
      dp = dp * u + 9 * A9;
      dp = dp * u + 7 * A7;
      dp = dp * u + 5 * A5;
      dp = dp * u + 3 * A3;
      dp = dp * u + A1;
      float dq = 10 * B10; /* Q'(x)/x */
      dq = dq * u + 8 * B8;
      dq = dq * u + 6 * B6;
      dq = dq * u + 4 * B4;
      dq = dq * u + 2 * B2;
      float dr = (dp - r * (c * dq)) / q;
      d = (0.5f * v) * dr + (0.5f * r + 0.5f);
    }
    dx[i] = g * d;
  }
}
