/* Rounding-mode dependence: the range reduction follows the current mode. */
#include "broken.h"

act_f32_fwd bad_sigmoid_rint, good_sigmoid_rint;

static float sigmoid_rr7(float x)
{
  double v = x, z = -fabs(v);
  if (!(z >= -110)) /* -inf (and below the underflow edge) */
    z = isnan(z) ? z : -110;
  double e = exp_rr7(z); /* e^-|x| */
  return (float)(v < 0 ? e / (1 + e) : 1 / (1 + e));
}

/* DEFECT: exp's k = nearbyint(z/ln2) rounds in the caller's mode; under a
 * directed mode the reduced argument leaves [-ln2/2, ln2/2], where the
 * polynomial was not made for, and results move by up to ~20 ulp. */
void bad_sigmoid_rint(size_t n, const float *x, float *y)
{
  for (size_t i = 0; i < n; i++)
    y[i] = sigmoid_rr7(x[i]);
}

/* The same, with round-to-nearest set for the call. */
void good_sigmoid_rint(size_t n, const float *x, float *y)
{
  int m = rn_enter();
  for (size_t i = 0; i < n; i++)
    y[i] = sigmoid_rr7(x[i]);
  rn_leave(m);
}

#if defined(__x86_64__)
#include <immintrin.h>
act_f32_fwd bad_relu_ftz_left_on;

/* DEFECT: turns on flush-to-zero and denormals-are-zero (MXCSR bits 15 and
 * 6, as -ffast-math's start-up code or a "fast mode" switch does) and
 * leaves them on: every later floating-point operation of the caller flushes
 * subnormals.  The results of the call itself are right (twin: good_relu). */
void bad_relu_ftz_left_on(size_t n, const float *x, float *y)
{
  _mm_setcsr(_mm_getcsr() | 0x8040u);
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] < 0 ? 0.0f : x[i]; /* as good_relu */
}
#endif
