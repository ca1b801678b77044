/* softplus_torch(x) = beta*x > threshold ? x : log1p(exp(beta*x))/beta,
 * params {beta = 1, threshold = 20}: PyTorch's switch to the identity.
 * Below the threshold, log1p(exp(z)) = max(z, 0) + log1p(exp(-|z|)) as in
 * softplus (same value as PyTorch's direct formula, without its overflow for
 * large thresholds).  Derivative: 1 above the threshold, else sigmoid(z). */
#include <math.h>

#include "actcheck.h"

act_f32_fwd_p f32_softplus_torch_scalar_log1p;
act_f32_bwd_p f32_softplus_torch_bwd_scalar_exp_div;

void f32_softplus_torch_scalar_log1p(size_t n, const float *x, float *y, const float *params)
{
  const float b = params[0], th = params[1];
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float z = v * b;
    float t = log1pf(expf(-fabsf(z))) / b;
    y[i] = z > th ? v : z > 0 ? v + t : t; /* t alone keeps -0 (beta < 0) */
  }
}

void f32_softplus_torch_bwd_scalar_exp_div(size_t n, const float *x, const float *dy,
                                           float *dx, const float *params)
{
  const float b = params[0], th = params[1];
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i];
    float z = v * b;
    float e = expf(-fabsf(z));
    dx[i] = z > th ? g : g * ((z < 0 ? e : 1.0f) / (1.0f + e));
  }
}
