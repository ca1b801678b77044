/* swish(x) = x*sigmoid(beta*x), params {beta = 1}.  With z = beta*x (one
 * rounding), s = sigmoid(z) and q = 1 - s from e = exp(-|z|), as in silu.
 * swish'(x) = s + beta*x*s*(1 - s) = s*(1 + z*q), which depends on z only:
 * 1 as z -> +inf, -0 as z -> -inf.  1 + z*q cancels near the root
 * z0 = -1.2785: within 1/2 of it, t P(t) in double instead, t = z - z0 from
 * the exact z = beta*x in double (roots-scalar.h; swish'(z) is silu'). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

act_f32_fwd_p f32_swish_scalar_exp_div;
act_f32_bwd_p f32_swish_bwd_scalar_exp_div;

void f32_swish_scalar_exp_div(size_t n, const float *x, float *y, const float *params)
{
  const float b = params[0];
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float z = b * v;
    float e = expf(-fabsf(z));
    float s = (z < 0 ? e : 1.0f) / (1.0f + e);
    y[i] = s == 0 ? copysignf(0.0f, v) : v * s; /* signed 0, not inf*0 */
  }
}

void f32_swish_bwd_scalar_exp_div(size_t n, const float *x, const float *dy, float *dx,
                                  const float *params)
{
  const float b = params[0];
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    float z = b * v;
    if (isinf(z)) {
      d = z > 0 ? 1.0f : -0.0f; /* limits, avoiding inf*0 */
    } else if (ROOT_NEAR(z, HS)) {
      d = ROOT_POLY(ROOT_T((double)b * v, HS), HS);
    } else {
      float e = expf(-fabsf(z)), r = 1.0f + e;
      float s = (z < 0 ? e : 1.0f) / r; /* sigmoid(z) */
      float q = (z < 0 ? 1.0f : e) / r; /* 1 - sigmoid(z) */
      d = s * (1.0f + z * q);
    }
    dx[i] = g * d;
  }
}
