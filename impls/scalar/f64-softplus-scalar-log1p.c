/* binary64 softplus(beta = 1), softplus_torch(beta = 1, threshold = 20) and
 * logsigmoid, as their binary32 twins:
 *   softplus(x) = max(z, 0)/beta + log1p(exp(-|z|))/beta, z = beta x: never
 *     overflows; softplus_torch returns x where z > threshold (PyTorch).
 *   derivative sigmoid(z) from e = exp(-|z|) and one division: e/(1 + e)
 *     for z < 0, 1 - e/(1 + e) above (rounded once, so correctly rounded
 *     where e is small: sigmoid(20) is not 1 in binary64); 1 above the
 *     threshold for softplus_torch, whose threshold itself takes the smooth
 *     branch (the comparison is strict).
 *   logsigmoid(x) = -softplus(-x) = min(x, 0) - log1p(exp(-|x|));
 *     logsigmoid'(x) = sigmoid(-x). */
#include <math.h>

#include "actcheck.h"

act_f64_fwd_p f64_softplus_scalar_log1p, f64_softplus_torch_scalar_log1p,
  f64_logsigmoid_scalar_log1p;
act_f64_bwd_p f64_softplus_bwd_scalar_exp_div, f64_softplus_torch_bwd_scalar_exp_div,
  f64_logsigmoid_bwd_scalar_exp_div;

void f64_softplus_scalar_log1p(size_t n, const double *x, double *y, const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++) {
    double v = x[i], z = b * v;
    y[i] = (z > 0 ? v : 0.0) + log1p(exp(-fabs(z))) / b; /* NaN: log1p(NaN) */
  }
}

void f64_softplus_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                     const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++) {
    double z = b * x[i], e = exp(-fabs(z)), q = e / (1.0 + e);
    dx[i] = dy[i] * (z < 0 ? q : 1.0 - q);
  }
}

void f64_softplus_torch_scalar_log1p(size_t n, const double *x, double *y, const double *params)
{
  const double b = params[0], th = params[1];
  for (size_t i = 0; i < n; i++) {
    double v = x[i], z = v * b;
    y[i] = z > th ? v : (z > 0 ? v : 0.0) + log1p(exp(-fabs(z))) / b;
  }
}

void f64_softplus_torch_bwd_scalar_exp_div(size_t n, const double *x, const double *dy,
                                           double *dx, const double *params)
{
  const double b = params[0], th = params[1];
  for (size_t i = 0; i < n; i++) {
    double z = x[i] * b, e = exp(-fabs(z)), q = e / (1.0 + e);
    dx[i] = z > th ? dy[i] : dy[i] * (z < 0 ? q : 1.0 - q);
  }
}

void f64_logsigmoid_scalar_log1p(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], l = log1p(exp(-fabs(v)));
    y[i] = v < 0 ? v - l : -l; /* NaN: l is NaN */
  }
}

void f64_logsigmoid_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                       const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double e = exp(-fabs(x[i]));
    dx[i] = dy[i] * ((x[i] < 0 ? 1.0 : e) / (1.0 + e));
  }
}
