/* binary64 sigmoid, silu, swish(beta = 1), gelu_sigmoid and gelu_tanh (its
 * exp-div form), as their binary32 twins: x sigmoid(z) with s = sigmoid(z)
 * and q = 1 - s both from e = exp(-|z|) <= 1 and one division, so neither
 * tail cancels:
 *   sigmoid: z = x;  silu: z = x;  swish: z = beta x;  gelu_sigmoid:
 *   z = 1.702 x;  gelu_tanh: z = 2u = 2 sqrt(2/pi) x (1 + 0.044715 x^2).
 * Derivatives: s (1 + g q), g = x z'(x); sigmoid' = e/(1 + e)^2, capped at
 * its maximum 1/4.  A zero result keeps x's sign (x 0, not -inf 0); the
 * infinite limits are returned directly.  Far left, e is subnormal and x e
 * keeps only its few bits. */
#include <math.h>

#include "actcheck.h"

#define B    0x1.b3b645a1cac08p+0 /* 1.702 */
#define K2   0x1.9884533d43651p+0 /* 2 sqrt(2/pi) */
#define C    0x1.6e4e26d4801f7p-5 /* 0.044715 */
#define C3   0x1.12ba9d1f60179p-3 /* 3 * 0.044715 */

act_f64_fwd_p f64_sigmoid_scalar_exp_div, f64_silu_scalar_exp_div, f64_swish_scalar_exp_div,
  f64_gelu_sigmoid_scalar_exp_div, f64_gelu_tanh_scalar_exp_div;
act_f64_bwd_p f64_sigmoid_bwd_scalar_exp_div, f64_silu_bwd_scalar_exp_div,
  f64_swish_bwd_scalar_exp_div, f64_gelu_sigmoid_bwd_scalar_exp_div,
  f64_gelu_tanh_bwd_scalar_exp_div;

static double xsigmoid(double x, double z)
{
  double e = exp(-fabs(z));
  double s = (z < 0 ? e : 1.0) / (1.0 + e);
  return s == 0 ? copysign(0.0, x) : x * s;
}

/* d/dx [x sigmoid(z(x))] with g = x z'(x) */
static double xsigmoid_d(double z, double g)
{
  if (isinf(z))
    return z > 0 ? 1.0 : -0.0; /* limits, avoiding inf 0 */
  double e = exp(-fabs(z)), r = 1.0 + e;
  double s = (z < 0 ? e : 1.0) / r, q = (z < 0 ? 1.0 : e) / r;
  return s * (1.0 + g * q);
}

void f64_sigmoid_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double e = exp(-fabs(x[i]));
    y[i] = (x[i] < 0 ? e : 1.0) / (1.0 + e);
  }
}

void f64_sigmoid_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                    const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double e = exp(-fabs(x[i])), r = 1.0 + e, q = e / (r * r);
    dx[i] = dy[i] * (q > 0x1p-2 ? 0x1p-2 : q); /* NaN passes */
  }
}

void f64_silu_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = xsigmoid(x[i], x[i]);
}

void f64_silu_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                 const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = dy[i] * xsigmoid_d(x[i], x[i]);
}

void f64_swish_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++)
    y[i] = xsigmoid(x[i], b * x[i]);
}

void f64_swish_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                  const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++)
    dx[i] = dy[i] * xsigmoid_d(b * x[i], b * x[i]);
}

void f64_gelu_sigmoid_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = xsigmoid(x[i], B * x[i]);
}

void f64_gelu_sigmoid_bwd_scalar_exp_div(size_t n, const double *x, const double *dy,
                                         double *dx, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = dy[i] * xsigmoid_d(B * x[i], B * x[i]);
}

void f64_gelu_tanh_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    y[i] = xsigmoid(v, K2 * v * (1.0 + C * v * v)); /* z: no cancellation, x's sign */
  }
}

void f64_gelu_tanh_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                      const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], v2 = v * v;
    /* |x| > 64: s is 0 or 1 exactly; avoids inf 0 from x^3 */
    dx[i] = dy[i] * (fabs(v) > 0x1p+6 ? (v > 0 ? 1.0 : -0.0)
                                      : xsigmoid_d(K2 * v * (1.0 + C * v2), K2 * v * (1.0 + C3 * v2)));
  }
}
