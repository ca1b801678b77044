/* gelu(x) = x*Phi(x), Phi(x) = erfc(-x/sqrt2)/2: erfc has no cancellation for
 * x < 0, where 1 + erf(x/sqrt2) would lose everything.
 * gelu'(x) = Phi(x) + x*phi(x), phi(x) = exp(-x^2/2)/sqrt(2 pi).
 * Error grows on the far left: the rounding of x/sqrt2 and of x*x is amplified
 * by about x^2 in erfc and exp.  P + x*p cancels at the root x0 = -0.7518
 * of gelu': for -3/2 < x < -1/2, t P(t) in double instead, t = x - x0
 * (roots-scalar.h). */
#include <math.h>

#include "actcheck.h"
#include "roots-scalar.h"

#define RSQRT2   0x1.6a09e6p-1f /* 1/sqrt(2) rounded to binary32 */
#define RSQRT2PI 0x1.988454p-2f /* 1/sqrt(2 pi) rounded to binary32 */

act_f32_fwd_p f32_gelu_scalar_erfc;
act_f32_bwd_p f32_gelu_bwd_scalar_erfc;

void f32_gelu_scalar_erfc(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i];
    float e = erfcf(-v * RSQRT2); /* 2 Phi(x) in [0, 2] */
    /* e == 0 only far left (x < -14.21): -0, also for -inf where v*e is NaN.
     * Halving e first keeps v*e from overflowing near FLT_MAX. */
    y[i] = e == 0 ? -0.0f : v * (0.5f * e);
  }
}

void f32_gelu_bwd_scalar_erfc(size_t n, const float *x, const float *dy, float *dx,
                              const float *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], d;
    if (isinf(v)) {
      d = v > 0 ? 1.0f : -0.0f; /* limits, avoiding inf*0 */
    } else if (ROOT_NEAR(v, GE)) {
      d = ROOT_POLY(ROOT_T(v, GE), GE);
    } else {
      float P = 0.5f * erfcf(-v * RSQRT2);     /* Phi(x) */
      float p = RSQRT2PI * expf(-0.5f * v * v); /* phi(x) */
      d = P + v * p;
      if (d == 0)
        d = -0.0f; /* far left both terms underflow: gelu' < 0 there */
    }
    dx[i] = g * d;
  }
}
