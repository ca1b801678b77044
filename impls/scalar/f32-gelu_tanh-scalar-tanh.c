/* gelu_tanh(x) = x/2 * (1 + tanh(u)), u = sqrt(2/pi)*(x + 0.044715 x^3):
 * PyTorch's formula, operation for operation (approximate='tanh').
 * Its derivative: (1 + t)/2 + x/2 * (1 - t^2) * sqrt(2/pi)*(1 + 3*0.044715 x^2).
 * Known weakness, kept on purpose: for x < -2 the sum 1 + tanh(u) cancels
 * (all digits gone below x ~ -5, where it returns -0 instead of ~x*e^(2u)),
 * and 1 - t^2 cancels for |x| > 2.  f32-gelu_tanh-scalar-exp-div avoids both.
 * The derivative's two terms cancel at its root x0 = -0.7525: within 1/2 of
 * it, t P(t) in double instead, t = x - x0 (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

#define K  0x1.988454p-1f /* sqrt(2/pi) rounded to binary32 */
#define C  0x1.6e4e26p-5f /* 0.044715 rounded to binary32 */
#define C3 0x1.12ba9ep-3f /* 3*0.044715 rounded to binary32 */

act_f32_fwd_p f32_gelu_tanh_scalar_tanh;
act_f32_bwd_p f32_gelu_tanh_bwd_scalar_tanh;

void f32_gelu_tanh_scalar_tanh(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float t = tanhf(K * (v + C * v * v * v));
    y[i] = t == -1 ? -0.0f : 0.5f * v * (1.0f + t); /* -0, not -inf*0, on the left */
  }
}

void f32_gelu_tanh_bwd_scalar_tanh(size_t n, const float *x, const float *dy, float *dx,
                                   const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    if (fabsf(v) > 0x1p+6f) {
      d = v > 0 ? 1.0f : -0.0f; /* t = +-1 exactly here; avoids inf*0 from x^2 */
    } else if (ROOT_NEAR(v, GTS)) {
      d = ROOT_POLY(ROOT_T(v, GTS), GTS);
    } else {
      float v2 = v * v;
      float t = tanhf(K * (v + C * v2 * v));
      d = 0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * K * (1.0f + C3 * v2);
      if (d == 0)
        d = -0.0f; /* left tail: both terms 0, the derivative is negative */
    }
    dx[i] = g * d;
  }
}
