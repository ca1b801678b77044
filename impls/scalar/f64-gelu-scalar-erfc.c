/* binary64 gelu(x) = x Phi(x), Phi(x) = erfc(z)/2, z = -x/sqrt2 (no
 * cancellation for x < 0, where 1 + erf would lose everything).
 * gelu'(x) = Phi(x) + x phi(x), phi(x) = exp(-x^2/2)/sqrt(2 pi); it cancels
 * near its root x0 = -0.7518 (gelu's minimum).
 * Far left erfc and exp amplify the rounding of their argument by about
 * 2 z^2 (600 ulp at x = -32), so the arguments are kept exactly as a pair
 * and the first-order term put back: z = zh + zl (fma, and the rest of
 * 1/sqrt2), erfc(z) = erfc(zh) - zl 2/sqrt(pi) exp(-zh^2); -x^2/2 = th + tl,
 * exp(th + tl) = exp(th)(1 + tl).  Where erfc is subnormal (x < -37.5) its
 * own rounding remains, times |x|/2.  gelu's zero far left is -0, also at
 * -inf. */
#include <math.h>

#include "actcheck.h"

#define RSQRT2_HI 0x1.6a09e667f3bcdp-1  /* 1/sqrt(2) rounded */
#define RSQRT2_LO -0x1.bdd3413b26456p-55 /* 1/sqrt(2) - RSQRT2_HI */
#define RSQRT2PI  0x1.9884533d43651p-2  /* 1/sqrt(2 pi) */
#define TSQRTPI   0x1.20dd750429b6dp+0  /* 2/sqrt(pi) */

act_f64_fwd_p f64_gelu_scalar_erfc;
act_f64_bwd_p f64_gelu_bwd_scalar_erfc;

/* 2 Phi(x) = erfc(-x/sqrt2), argument rounding corrected; finite x */
static double erfc2(double v)
{
  double zh = -v * RSQRT2_HI, zl = fma(-v, RSQRT2_HI, -zh) - v * RSQRT2_LO;
  return erfc(zh) - zl * (TSQRTPI * exp(-zh * zh));
}

void f64_gelu_scalar_erfc(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], e = isinf(v) ? (v > 0 ? 2.0 : 0.0) : erfc2(v);
    y[i] = e == 0 ? -0.0 : v * (0.5 * e); /* halved first: no overflow near DBL_MAX */
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
      double v2 = v * v, th = -0.5 * v2, tl = -0.5 * fma(v, v, -v2); /* -x^2/2 */
      double e = th < -746 ? 0.0 : exp(th) * (1.0 + tl); /* 0, not inf - inf, for huge x */
      d = 0.5 * erfc2(v) + v * (RSQRT2PI * e);
      if (d == 0)
        d = -0.0; /* far left both terms underflow: gelu' < 0 there */
    }
    dx[i] = dy[i] * d;
  }
}
