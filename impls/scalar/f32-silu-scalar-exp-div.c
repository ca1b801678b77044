/* silu(x) = x*sigmoid(x).  s = sigmoid(x) and q = 1 - s both come from
 * e = exp(-|x|) <= 1 and a division, so neither tail cancels.
 * silu'(x) = s*(1 + x*q).  silu(-inf) = -0, silu'(-inf) = -0, silu'(+inf) = 1.
 * Far left (x < -87) e is subnormal and x*e keeps only its few bits.
 * 1 + x*q cancels near the root x0 = -1.2785 of silu': within 1/2 of it,
 * t P(t) in double instead, t = x - x0 (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

act_f32_fwd_p f32_silu_scalar_exp_div;
act_f32_bwd_p f32_silu_bwd_scalar_exp_div;

void f32_silu_scalar_exp_div(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float e = expf(-fabsf(v));
    float s = (v < 0 ? e : 1.0f) / (1.0f + e);
    y[i] = s == 0 ? -0.0f : v * s; /* -0, not -inf*0, on the left */
  }
}

void f32_silu_bwd_scalar_exp_div(size_t n, const float *x, const float *dy, float *dx,
                                 const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    if (isinf(v)) {
      d = v > 0 ? 1.0f : -0.0f; /* limits, avoiding inf*0 */
    } else if (ROOT_NEAR(v, HS)) {
      d = ROOT_POLY(ROOT_T(v, HS), HS);
    } else {
      float e = expf(-fabsf(v)), r = 1.0f + e;
      float s = (v < 0 ? e : 1.0f) / r; /* sigmoid(x) */
      float q = (v < 0 ? 1.0f : e) / r; /* 1 - sigmoid(x) */
      d = s * (1.0f + v * q);
    }
    dx[i] = g * d;
  }
}
