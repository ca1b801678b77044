/* roots-scalar.h: a derivative near its root x0 as t P(t), t = x - x0
 * (../roots-f32.h, from gen-roots-f32.c), for the scalar backward kernels
 * whose float formula cancels there.  t and t P(t) are evaluated in double:
 * x - X0_HI is exact for a float x (or an exact double z = b x) in the
 * window, X0_LO + X0_LL (exact in double) adds a rounding of 2^-53 |t|, so
 * the relative error is P's (2^-30 or better) and the result is rounded
 * once to binary32. */
#ifndef ROOTS_SCALAR_H
#define ROOTS_SCALAR_H

#include <math.h>

#include "roots-f32.h"

/* t P(t), P = (p0h + p0l) + t ((p1h + p1l) + t Q(t)), Q of nq coefficients */
static inline float root_poly(double t, float p0h, float p0l, float p1h, float p1l,
                              const float *q, int nq)
{
  double s = q[nq - 1];
  for (int i = nq - 2; i >= 0; i--)
    s = s * t + q[i];
  return (float)(t * (((double)p0h + p0l) + t * (((double)p1h + p1l) + t * s)));
}

/* x in the window |x - C| < W of root T (false for NaN) */
#define ROOT_NEAR(x, T) (fabs((double)(x) - T##_C) < T##_W)
/* t = x - x0 for a float (or exact double) x */
#define ROOT_T(x, T) (((double)(x) - T##_X0_HI) - ((double)T##_X0_LO + T##_X0_LL))
#define ROOT_POLY(t, T)                                                                 \
  root_poly(t, T##_P0_HI, T##_P0_LO, T##_P1_HI, T##_P1_LO, (const float[])T##_Q,       \
            T##_DEG - 1)

#endif
