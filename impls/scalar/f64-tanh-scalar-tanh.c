/* binary64 tanh and mish, as their binary32 twins:
 *   tanh: libm's tanh; tanh'(x) = sech(x)^2 as (1/cosh x)^2, no cancellation
 *     (not 1 - tanh^2), 0 once cosh overflows.
 *   mish(x) = x tanh(softplus(x)), softplus(x) = max(x, 0) + log1p(exp(-|x|));
 *     -0 where tanh underflows (x 0, not -inf 0).  mish'(x) = tanh(sp) +
 *     x sigmoid(x) sech(sp)^2; -0 far left where both terms underflow. */
#include <math.h>

#include "actcheck.h"

act_f64_fwd_p f64_tanh_scalar_tanh, f64_mish_scalar_tanh;
act_f64_bwd_p f64_tanh_bwd_scalar_cosh, f64_mish_bwd_scalar_tanh;

void f64_tanh_scalar_tanh(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = tanh(x[i]);
}

void f64_tanh_bwd_scalar_cosh(size_t n, const double *x, const double *dy, double *dx,
                              const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double r = 1.0 / cosh(x[i]);
    dx[i] = dy[i] * (r * r);
  }
}

void f64_mish_scalar_tanh(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    double t = tanh(fmax(v, 0.0) + log1p(exp(-fabs(v)))); /* NaN: log1p(NaN) */
    y[i] = t == 0 ? -0.0 : v * t;
  }
}

void f64_mish_bwd_scalar_tanh(size_t n, const double *x, const double *dy, double *dx,
                              const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], d;
    if (isinf(v)) {
      d = v > 0 ? 1.0 : -0.0; /* limits, avoiding inf 0 */
    } else {
      double e = exp(-fabs(v));
      double sp = fmax(v, 0.0) + log1p(e);         /* softplus(x) */
      double s = (v < 0 ? e : 1.0) / (1.0 + e);    /* sigmoid(x) */
      double r = 1.0 / cosh(sp);                   /* sech(sp) */
      d = tanh(sp) + v * s * r * r;
      if (d == 0)
        d = -0.0; /* far left: mish' < 0 there */
    }
    dx[i] = dy[i] * d;
  }
}
