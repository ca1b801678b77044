/* gelu_tanh(x) = x/2 * (1 + tanh(u)), u = sqrt(2/pi)*(x + 0.044715 x^3),
 * evaluated without cancellation through (1 + tanh(u))/2 = sigmoid(2u):
 *   s = sigmoid(z), z = 2u, from e = exp(-|z|) <= 1 and one division,
 *   1 - s from the same e, so neither tail cancels.
 * gelu_tanh'(x) = s + x*s*(1-s)*z'(x), z'(x) = 2 sqrt(2/pi)*(1 + 3*0.044715 x^2),
 * cancels at its root x0 = -0.7525: within 1/2 of it, t P(t) in double
 * instead, t = x - x0 (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

#define K2 0x1.988454p+0f /* 2 sqrt(2/pi) rounded to binary32 */
#define C  0x1.6e4e26p-5f /* 0.044715 rounded to binary32 */
#define C3 0x1.12ba9ep-3f /* 3*0.044715 rounded to binary32 */

act_f32_fwd_p f32_gelu_tanh_scalar_exp_div;
act_f32_bwd_p f32_gelu_tanh_bwd_scalar_exp_div;

void f32_gelu_tanh_scalar_exp_div(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float z = K2 * v * (1.0f + C * v * v); /* 2u; no cancellation, sign of x */
    float e = expf(-fabsf(z));
    float s = (z < 0 ? e : 1.0f) / (1.0f + e); /* sigmoid(z), never above 1 */
    y[i] = s == 0 ? -0.0f : v * s;              /* -0, not -inf*0, on the left */
  }
}

void f32_gelu_tanh_bwd_scalar_exp_div(size_t n, const float *x, const float *dy, float *dx,
                                      const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    if (fabsf(v) > 0x1p+6f) {
      d = v > 0 ? 1.0f : -0.0f; /* s is exactly 0 or 1 here; avoids inf*0 from x^2 */
    } else if (ROOT_NEAR(v, GTS)) {
      d = ROOT_POLY(ROOT_T(v, GTS), GTS);
    } else {
      float v2 = v * v;
      float z = K2 * v * (1.0f + C * v2);
      float e = expf(-fabsf(z)), r = 1.0f + e;
      float s = (z < 0 ? e : 1.0f) / r; /* sigmoid(z) */
      float q = (z < 0 ? 1.0f : e) / r; /* 1 - sigmoid(z) */
      d = s * (1.0f + v * q * (K2 * (1.0f + C3 * v2)));
    }
    dx[i] = g * d;
  }
}
