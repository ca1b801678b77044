/* binary64 elu(alpha = 1), selu and celu(alpha = 1), as their binary32
 * twins: expm1 keeps small negative x accurate (expm1(-0) = -0, so
 * elu(-0) = -0), expm1(-inf) = -1 gives the limits; the derivatives are
 * alpha exp(x) (selu: scale alpha exp(x), celu: exp(x/alpha)) at 0 and
 * below, 1 (selu: scale) above: PyTorch's elu_backward takes the left branch
 * at 0.  selu's constants are its exact decimals rounded to binary64, scale
 * alpha rounded once. */
#include <math.h>

#include "actcheck.h"

#define SCALE 0x1.0cfabd6a91132p+0 /* 1.0507009873554804934: selu scale */
#define SA    0x1.c212cc640f031p+0 /* 1.7580993408473768599: scale alpha, rounded once */

act_f64_fwd_p f64_elu_scalar_expm1, f64_selu_scalar_expm1, f64_celu_scalar_expm1;
act_f64_bwd_p f64_elu_bwd_scalar_exp, f64_selu_bwd_scalar_exp, f64_celu_bwd_scalar_exp;

void f64_elu_scalar_expm1(size_t n, const double *x, double *y, const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0 ? x[i] : a * expm1(x[i]); /* NaN takes this arm */
}

void f64_elu_bwd_scalar_exp(size_t n, const double *x, const double *dy, double *dx,
                            const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > 0 ? dy[i] : dy[i] * (a * exp(x[i]));
}

void f64_selu_scalar_expm1(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0 ? SCALE * x[i] : SA * expm1(x[i]);
}

void f64_selu_bwd_scalar_exp(size_t n, const double *x, const double *dy, double *dx,
                             const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = dy[i] * (x[i] > 0 ? SCALE : SA * exp(x[i]));
}

void f64_celu_scalar_expm1(size_t n, const double *x, double *y, const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0 ? x[i] : a * expm1(x[i] / a);
}

void f64_celu_bwd_scalar_exp(size_t n, const double *x, const double *dy, double *dx,
                             const double *params)
{
  const double a = params[0];
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > 0 ? dy[i] : dy[i] * exp(x[i] / a);
}
