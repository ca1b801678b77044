/* binary64 sigmoid, silu, swish(beta = 1), gelu_sigmoid and gelu_tanh (its
 * exp-div form), as their binary32 twins: x sigmoid(z) with s = sigmoid(z)
 * and q = 1 - s both from e = exp(-|z|) <= 1 and one division, so neither
 * tail cancels:
 *   sigmoid: z = x;  silu: z = x;  swish: z = beta x;  gelu_sigmoid:
 *   z = 1.702 x;  gelu_tanh: z = 2u = 2 sqrt(2/pi) (x + 0.044715 x^3).
 * Far left exp amplifies an error in z by |z| (200 ulp at z = -435), so z is
 * kept as an exact pair zh + zl (fma, and the rest of the constants) and
 * exp(-|z|) = exp(-|zh|)(1 -+ zl).  Where e is subnormal, x e keeps only its
 * few bits.
 * Derivatives: s (1 + g q), g = x z'(x); sigmoid' = e/(1 + e)^2, capped at
 * its maximum 1/4.  A zero result keeps x's sign (x 0, not -inf 0); the
 * infinite limits are returned directly. */
#include <math.h>

#include "actcheck.h"

#define B_HI    0x1.b3b645a1cac08p+0  /* 1.702 rounded */
#define B_LO    0x1.89374bc6a7efap-55 /* 1.702 - B_HI */
#define K2_HI   0x1.9884533d43651p+0  /* 2 sqrt(2/pi) rounded */
#define K2_LO   -0x1.cbc0d30ebfd15p-54 /* 2 sqrt(2/pi) - K2_HI */
#define K2C_HI  0x1.2444f2a4d8b4bp-4  /* 2 sqrt(2/pi) 0.044715 rounded */
#define K2C_LO  -0x1.6c843a29d1c70p-61 /* the rest */
#define K2C3    0x1.b6676bf7450f0p-3  /* 3 * 2 sqrt(2/pi) 0.044715 */

act_f64_fwd_p f64_sigmoid_scalar_exp_div, f64_silu_scalar_exp_div, f64_swish_scalar_exp_div,
  f64_gelu_sigmoid_scalar_exp_div, f64_gelu_tanh_scalar_exp_div;
act_f64_bwd_p f64_sigmoid_bwd_scalar_exp_div, f64_silu_bwd_scalar_exp_div,
  f64_swish_bwd_scalar_exp_div, f64_gelu_sigmoid_bwd_scalar_exp_div,
  f64_gelu_tanh_bwd_scalar_exp_div;

/* exp(-|z|), z = zh + zl, |zl| <= ulp(zh) < 2^-42; zl is dropped from 746
 * on, where e is 0 anyway (and zl may be large, or NaN from an overflow) */
static double expneg(double zh, double zl)
{
  double e = exp(-fabs(zh));
  return fabs(zh) < 746 ? e * (zh < 0 ? 1.0 + zl : 1.0 - zl) : e;
}

static double xsigmoid(double x, double zh, double zl)
{
  double e = expneg(zh, zl);
  double s = (zh < 0 ? e : 1.0) / (1.0 + e);
  return s == 0 ? copysign(0.0, x) : x * s;
}

/* d/dx [x sigmoid(z(x))] with g = x z'(x) */
static double xsigmoid_d(double zh, double zl, double g)
{
  if (isinf(zh))
    return zh > 0 ? 1.0 : -0.0; /* limits, avoiding inf 0 */
  double e = expneg(zh, zl), r = 1.0 + e;
  double s = (zh < 0 ? e : 1.0) / r, q = (zh < 0 ? 1.0 : e) / r;
  return s * (1.0 + g * q);
}

/* c x = zh + *zl for c = ch + cl */
static double mul2(double ch, double cl, double x, double *zl)
{
  double zh = ch * x;
  *zl = fma(ch, x, -zh) + cl * x;
  return zh;
}

/* gelu_tanh's z = K2 x + K2 C x^3 as zh + *zl */
static double ztanh(double x, double *zl)
{
  double x2 = x * x, x2l = fma(x, x, -x2);
  double x3 = x2 * x, x3l = fma(x2, x, -x3) + x2l * x;
  double bl, bh = mul2(K2_HI, K2_LO, x, &bl);
  double al, ah = mul2(K2C_HI, K2C_LO, x3, &al);
  al += K2C_HI * x3l;
  double zh = bh + ah, t = zh - bh; /* two-sum */
  *zl = (bh - (zh - t)) + (ah - t) + bl + al;
  return zh;
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
    y[i] = xsigmoid(x[i], x[i], 0.0);
}

void f64_silu_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                 const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++)
    dx[i] = dy[i] * xsigmoid_d(x[i], 0.0, x[i]);
}

void f64_swish_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++) {
    double zl, zh = mul2(b, 0.0, x[i], &zl);
    y[i] = xsigmoid(x[i], zh, zl);
  }
}

void f64_swish_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                  const double *params)
{
  const double b = params[0];
  for (size_t i = 0; i < n; i++) {
    double zl, zh = mul2(b, 0.0, x[i], &zl);
    dx[i] = dy[i] * xsigmoid_d(zh, zl, zh);
  }
}

void f64_gelu_sigmoid_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double zl, zh = mul2(B_HI, B_LO, x[i], &zl);
    y[i] = xsigmoid(x[i], zh, zl);
  }
}

void f64_gelu_sigmoid_bwd_scalar_exp_div(size_t n, const double *x, const double *dy,
                                         double *dx, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double zl, zh = mul2(B_HI, B_LO, x[i], &zl);
    dx[i] = dy[i] * xsigmoid_d(zh, zl, zh);
  }
}

void f64_gelu_tanh_scalar_exp_div(size_t n, const double *x, double *y, const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double zl, zh = ztanh(x[i], &zl);
    y[i] = xsigmoid(x[i], zh, zl);
  }
}

void f64_gelu_tanh_bwd_scalar_exp_div(size_t n, const double *x, const double *dy, double *dx,
                                      const double *params)
{
  (void)params;
  for (size_t i = 0; i < n; i++) {
    double v = x[i], zl, zh = ztanh(v, &zl);
    /* |x| > 64: s is 0 or 1 exactly; avoids inf 0 from x^3 */
    dx[i] = dy[i] * (fabs(v) > 0x1p+6 ? (v > 0 ? 1.0 : -0.0)
                                      : xsigmoid_d(zh, zl, K2_HI * v + K2C3 * (v * v * v)));
  }
}
