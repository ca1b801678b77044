/* gelu_sigmoid(x) = x*sigmoid(1.702 x) ("quick gelu"): swish with beta = 1.702.
 * z = 1.702 x (one rounding); s = sigmoid(z), q = 1 - s from e = exp(-|z|).
 * gelu_sigmoid'(x) = s + 1.702 x s (1 - s) = s*(1 + z*q) = silu'(z); 1 + z*q
 * cancels near z0 = -1.2785: within 1/2 of it, t P(t) in double instead,
 * t = 1.702 x - z0 to 2^-53 |t| + 2^-78 (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

#define B    0x1.b3b646p+0f /* 1.702 rounded to binary32 */
#define B_HI 0x1.b3b644p+0f /* 1.702 rounded down */
#define B_LO 0x1.a1cac0p-24f /* 1.702 - B_HI */
#define B_LL 0x1.0624dep-49f /* 1.702 - B_HI - B_LO, rounded: the rest is below 2^-72 */

/* 1.702 x - z0: x B_HI - X0_HI (48-bit product, within the window), x B_LO
 * and x B_LL exact; the partial sums are near 2^-27 (X0_LO), so their
 * roundings are 2^-79 absolute, the last one 2^-53 |t| */
static inline double t_of(float v)
{
  return (((double)v * B_HI - HS_X0_HI) + (double)v * B_LO) +
         ((double)v * B_LL - ((double)HS_X0_LO + HS_X0_LL));
}

act_f32_fwd_p f32_gelu_sigmoid_scalar_exp_div;
act_f32_bwd_p f32_gelu_sigmoid_bwd_scalar_exp_div;

void f32_gelu_sigmoid_scalar_exp_div(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float z = B * v;
    float e = expf(-fabsf(z));
    float s = (z < 0 ? e : 1.0f) / (1.0f + e);
    y[i] = s == 0 ? -0.0f : v * s; /* -0, not -inf*0, on the left */
  }
}

void f32_gelu_sigmoid_bwd_scalar_exp_div(size_t n, const float *x, const float *dy, float *dx,
                                         const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    float z = B * v;
    if (isinf(z)) {
      d = z > 0 ? 1.0f : -0.0f; /* limits, avoiding inf*0 */
    } else if (ROOT_NEAR(z, HS)) {
      d = ROOT_POLY(t_of(v), HS);
    } else {
      float e = expf(-fabsf(z)), r = 1.0f + e;
      float s = (z < 0 ? e : 1.0f) / r; /* sigmoid(z) */
      float q = (z < 0 ? 1.0f : e) / r; /* 1 - sigmoid(z) */
      d = s * (1.0f + z * q);
    }
    dx[i] = g * d;
  }
}
