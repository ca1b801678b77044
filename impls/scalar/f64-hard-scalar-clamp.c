/* binary64 relu6, hardtanh, hardsigmoid, hardswish and hardsigmoid_onnx,
 * as their binary32 twins (PyTorch's conventions):
 *   relu6, hardtanh: selects only, exact; -0 and NaN pass through;
 *     derivative 1 on the open interval, 0 at the edges (hardtanh_backward).
 *   hardsigmoid: 0 for x <= -3, 1 for x >= 3, (x + 3)/6 between (two
 *     roundings); derivative 1/6 on (-3, 3), 0 outside.
 *   hardswish: -0 for x <= -3 (PyTorch's x*0), x for x >= 3, x (x + 3)/6
 *     between; derivative 0 for x <= -3, (2x + 3)/6 on (-3, 3) (2x + 3 is
 *     exact near the root -1.5, Sterbenz), 1 from 3 on.
 *   hardsigmoid_onnx: max(0, min(1, alpha x + beta)), one fma; derivative
 *     alpha where 0 < alpha x + beta < 1. */
#include <math.h>

#include "actcheck.h"

act_f64_fwd_p f64_relu6_scalar_clamp, f64_hardtanh_scalar_clamp, f64_hardsigmoid_scalar_clamp,
  f64_hardswish_scalar_clamp, f64_hardsigmoid_onnx_scalar_fma;
act_f64_bwd_p f64_relu6_bwd_scalar_clamp, f64_hardtanh_bwd_scalar_clamp,
  f64_hardsigmoid_bwd_scalar_clamp, f64_hardswish_bwd_scalar_clamp,
  f64_hardsigmoid_onnx_bwd_scalar_fma;

void f64_relu6_scalar_clamp(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] < 0 ? 0.0 : x[i] > 6 ? 6.0 : x[i];
}

void f64_relu6_bwd_scalar_clamp(size_t n, const double *x, const double *dy, double *dx,
                                const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > 0 && x[i] < 6 ? dy[i] : isnan(x[i]) ? x[i] : 0.0;
}

void f64_hardtanh_scalar_clamp(size_t n, const double *x, double *y, const double *params)
{
  const double lo = params[0], hi = params[1];
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i];
}

void f64_hardtanh_bwd_scalar_clamp(size_t n, const double *x, const double *dy, double *dx,
                                   const double *params)
{
  const double lo = params[0], hi = params[1];
  for (size_t i = 0; i < n; i++)
    dx[i] = x[i] > lo && x[i] < hi ? dy[i] : isnan(x[i]) ? x[i] : 0.0;
}

void f64_hardsigmoid_scalar_clamp(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    y[i] = v <= -3 ? 0.0 : v >= 3 ? 1.0 : (v + 3.0) / 6.0; /* NaN: last arm */
  }
}

void f64_hardsigmoid_bwd_scalar_clamp(size_t n, const double *x, const double *dy, double *dx,
                                      const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    dx[i] = v > -3 && v < 3 ? dy[i] / 6.0 : isnan(v) ? v : 0.0;
  }
}

void f64_hardswish_scalar_clamp(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    y[i] = v <= -3 ? -0.0 : v >= 3 ? v : v * (v + 3.0) / 6.0; /* NaN: last arm */
  }
}

void f64_hardswish_bwd_scalar_clamp(size_t n, const double *x, const double *dy, double *dx,
                                    const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], g = dy[i];
    dx[i] = isnan(v) ? v : v <= -3 ? 0.0 : v < 3 ? g * ((v + v + 3.0) / 6.0) : g;
  }
}

void f64_hardsigmoid_onnx_scalar_fma(size_t n, const double *x, double *y, const double *params)
{
  const double a = params[0], b = params[1];
  for (size_t i = 0; i < n; i++) {
    double t = fma(a, x[i], b);
    y[i] = t < 0 ? 0.0 : t > 1 ? 1.0 : t; /* NaN falls through */
  }
}

void f64_hardsigmoid_onnx_bwd_scalar_fma(size_t n, const double *x, const double *dy,
                                         double *dx, const double *params)
{
  const double a = params[0], b = params[1];
  for (size_t i = 0; i < n; i++) {
    double t = fma(a, x[i], b);
    dx[i] = t > 0 && t < 1 ? dy[i] * a : isnan(t) ? t : 0.0;
  }
}
