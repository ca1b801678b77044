/* binary64 gelu(x) = x Phi(x), Phi(x) = erfc(-x/sqrt2)/2 (no cancellation
 * for x < 0, where 1 + erf would lose everything), as its binary32 twin.
 * gelu'(x) = Phi(x) + x phi(x), phi(x) = exp(-x^2/2)/sqrt(2 pi); it cancels
 * near its root x0 = -0.7518 (gelu's minimum).
 * Far left the rounding of x/sqrt2 and of x^2 is amplified by about x^2 in
 * erfc and exp; gelu's zero there is -0, also at -inf. */
#include <math.h>

#include "actcheck.h"

#define RSQRT2   0x1.6a09e667f3bcdp-1 /* 1/sqrt(2) */
#define RSQRT2PI 0x1.9884533d43651p-2 /* 1/sqrt(2 pi) */

act_f64_fwd_p f64_gelu_scalar_erfc;
act_f64_bwd_p f64_gelu_bwd_scalar_erfc;

void f64_gelu_scalar_erfc(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], e = erfc(-v * RSQRT2); /* 2 Phi(x) */
    y[i] = e == 0 ? -0.0 : v * (0.5 * e);   /* halved first: no overflow near DBL_MAX */
  }
}

void f64_gelu_bwd_scalar_erfc(size_t n, const double *x, const double *dy, double *dx,
                              const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], d;
    if (isinf(v)) {
      d = v > 0 ? 1.0 : -0.0; /* limits, avoiding inf 0 */
    } else {
      d = 0.5 * erfc(-v * RSQRT2) + v * (RSQRT2PI * exp(-0.5 * v * v));
      if (d == 0)
        d = -0.0; /* far left both terms underflow: gelu' < 0 there */
    }
    dx[i] = dy[i] * d;
  }
}
