/* binary64 relu, leaky_relu(alpha = 0.01) and prelu(alpha = 0.25, one shared
 * slope), as their binary32 twins: selects, and one product on the left.
 *   relu(x) = x < 0 ? +0 : x (-0 and NaN pass through; PyTorch's clamp_min);
 *   relu'(x) = x > 0 ? 1 : 0, NaN -> NaN; leaky_relu(x) = x > 0 ? x : alpha x
 *   (alpha(-0) = -0), derivative alpha at 0 and below; prelu likewise. */
#include <math.h>

#include "actcheck.h"

act_f64_fwd_p f64_relu_scalar_select, f64_leaky_relu_scalar_select, f64_prelu_scalar_select;
act_f64_bwd_p f64_relu_bwd_scalar_select, f64_leaky_relu_bwd_scalar_select,
  f64_prelu_bwd_scalar_select;

void f64_relu_scalar_select(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] < 0 ? 0.0 : x[i];
}

void f64_relu_bwd_scalar_select(size_t n, const double *x, const double *dy, double *dx,
                                const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > 0 ? dy[i] : isnan(x[i]) ? x[i] : 0.0;
}

void f64_leaky_relu_scalar_select(size_t n, const double *x, double *y, const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0 ? x[i] : a * x[i];
}

void f64_leaky_relu_bwd_scalar_select(size_t n, const double *x, const double *dy, double *dx,
                                      const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > 0 ? dy[i] : isnan(x[i]) ? x[i] : dy[i] * a;
}

void f64_prelu_scalar_select(size_t n, const double *x, double *y, const double *params)
{
  f64_leaky_relu_scalar_select(n, x, y, params);
}

void f64_prelu_bwd_scalar_select(size_t n, const double *x, const double *dy, double *dx,
                                 const double *params)
{
  f64_leaky_relu_bwd_scalar_select(n, x, dy, dx, params);
}
