/* softplus(x) = log1p(exp(beta*x))/beta, params {beta = 1}, no threshold.
 * With z = beta*x: log1p(exp(z)) = max(z, 0) + log1p(exp(-|z|)), no overflow,
 * and max(z, 0)/beta is x itself when z > 0 (exact, no z/beta rounding);
 * for z <= 0 the log1p term alone, so beta < 0 gives -0 where the result
 * is a negative tiny, as log1p(exp(z))/beta does.
 * softplus'(x) = sigmoid(z), from e = exp(-|z|) as in sigmoid. */
#include <math.h>

#include "actcheck.h"

act_f32_fwd_p f32_softplus_scalar_log1p;
act_f32_bwd_p f32_softplus_bwd_scalar_exp_div;

void f32_softplus_scalar_log1p(size_t n, const float *x, float *y, const float *params)
{
  const float b = params[0];
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float z = b * v;
    float t = log1pf(expf(-fabsf(z))) / b; /* NaN: log1pf(NaN) */
    y[i] = z > 0 ? v + t : t;                /* t alone keeps -0 (beta < 0) */
  }
}

void f32_softplus_bwd_scalar_exp_div(size_t n, const float *x, const float *dy, float *dx,
                                     const float *params)
{
  const float b = params[0];
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i];
    float z = b * v;
    float e = expf(-fabsf(z));
    dx[i] = g * ((z < 0 ? e : 1.0f) / (1.0f + e));
  }
}
