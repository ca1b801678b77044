/* mish(x) = x*tanh(softplus(x)), softplus(x) = max(x, 0) + log1p(exp(-|x|)).
 * Well conditioned as written: softplus >= 0 and tanh of a non-negative
 * argument does not cancel.  mish(-0) = -0, mish(-inf) = -0.
 * mish'(x) = t + x*sigmoid(x)*(1 - t^2), t = tanh(sp); 1 - t^2 cancels for
 * large x, so it is taken as sech(sp)^2 = (1/cosh sp)^2.  The two terms
 * cancel at the root x0 = -1.1924 of mish': within 1/2 of it, t P(t) in
 * double instead, t = x - x0 (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

act_f32_fwd_p f32_mish_scalar_tanh;
act_f32_bwd_p f32_mish_bwd_scalar_tanh;

void f32_mish_scalar_tanh(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float t = tanhf(fmaxf(v, 0.0f) + log1pf(expf(-fabsf(v)))); /* NaN: log1pf(NaN) */
    y[i] = t == 0 ? -0.0f : v * t; /* t == 0 only far left: -0, not -inf*0 */
  }
}

void f32_mish_bwd_scalar_tanh(size_t n, const float *x, const float *dy, float *dx,
                              const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    if (isinf(v)) {
      d = v > 0 ? 1.0f : -0.0f; /* limits, avoiding inf*0 */
    } else if (ROOT_NEAR(v, MIS)) {
      d = ROOT_POLY(ROOT_T(v, MIS), MIS);
    } else {
      float e = expf(-fabsf(v));
      float sp = fmaxf(v, 0.0f) + log1pf(e);     /* softplus(x) */
      float s = (v < 0 ? e : 1.0f) / (1.0f + e); /* sigmoid(x) */
      float r = 1.0f / coshf(sp);                /* sech(sp); 0 once coshf overflows */
      d = tanhf(sp) + v * s * r * r;
      if (d == 0)
        d = -0.0f; /* far left both terms underflow: mish' < 0 there */
    }
    dx[i] = g * d;
  }
}
