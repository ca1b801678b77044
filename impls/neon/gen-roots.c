/* gen-roots.c: a tool (host C with the MPFR reference, `make neon-roots`),
 * not a kernel.  For the derivatives that cancel at a root x0, near which
 * their kernels' general formula loses all relative accuracy, it prints the
 * constants of f'(x0 + t) = t P(t) on |t| <= delta that the NEON kernels use
 * there:
 *   X0_HI + X0_LO = x0 (binary32 pair; t = (x - X0_HI) - X0_LO, the first
 *   summed exactly), P(t) = (P0_HI + P0_LO) + t ((P1_HI + P1_LO) + t (P2 ...)),
 *   P interpolating f'(x0 + t)/t at the Chebyshev nodes of [-delta, delta]
 *   (MPFR at 256 bits, f' from the reference's interval formulas), the
 *   coefficients rounded to binary32 (P0 and P1 as pairs).
 * It also prints the largest relative error of t P(t) against f' on 4001
 * points (the coefficients as rounded, evaluated exactly).
 * x0 is found by bisection on the sign of f', to 2^-200.  The degree is odd:
 * an even number of nodes, none at t = 0. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "act.h"
#include "ival.h"

#define PREC 256

/* f'(x) at x (midpoint of the enclosure) */
static void der(mpfr_t out, const act_def *a, const mpfr_t x)
{
  ival r;
  iv_init(&r, PREC);
  a->der(&r, x, a->param_defaults);
  mpfr_add(out, r.lo, r.hi, MPFR_RNDN);
  mpfr_mul_2si(out, out, -1, MPFR_RNDN);
  iv_clear(&r);
}

static void gen(const char *name, const char *tag, double lo, double hi, double delta, int deg)
{
  const act_def *a = act_find(name);
  mpfr_t l, h, m, v, t, x0;
  mpfr_inits2(PREC, l, h, m, v, t, x0, (mpfr_ptr)0);
  mpfr_set_d(l, lo, MPFR_RNDN), mpfr_set_d(h, hi, MPFR_RNDN);
  der(v, a, l);
  int sl = mpfr_sgn(v);
  for (int i = 0; i < 200; i++) { /* bisection */
    mpfr_add(m, l, h, MPFR_RNDN);
    mpfr_mul_2si(m, m, -1, MPFR_RNDN);
    der(v, a, m);
    if (mpfr_sgn(v) == sl)
      mpfr_set(l, m, MPFR_RNDN);
    else
      mpfr_set(h, m, MPFR_RNDN);
  }
  mpfr_set(x0, l, MPFR_RNDN);
  float x0h = mpfr_get_flt(x0, MPFR_RNDN);
  mpfr_sub_d(t, x0, x0h, MPFR_RNDN);
  float x0l = mpfr_get_flt(t, MPFR_RNDN);
  /* nodes and values g_i = f'(x0 + t_i)/t_i */
  int n = deg + 1;
  mpfr_t A[16][17];
  for (int i = 0; i < n; i++) {
    for (int j = 0; j <= n; j++)
      mpfr_init2(A[i][j], PREC);
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_mul_si(t, t, 2 * i + 1, MPFR_RNDN);
    mpfr_div_si(t, t, 2 * n, MPFR_RNDN);
    mpfr_cos(t, t, MPFR_RNDN);
    mpfr_mul_d(t, t, delta, MPFR_RNDN); /* t_i */
    mpfr_add(m, x0, t, MPFR_RNDN);
    der(v, a, m);
    mpfr_div(A[i][n], v, t, MPFR_RNDN);
    mpfr_set_ui(A[i][0], 1, MPFR_RNDN);
    for (int j = 1; j < n; j++)
      mpfr_mul(A[i][j], A[i][j - 1], t, MPFR_RNDN);
  }
  for (int c = 0; c < n; c++) /* Gauss-Jordan */
    for (int i = 0; i < n; i++) {
      if (i == c)
        continue;
      mpfr_div(v, A[i][c], A[c][c], MPFR_RNDN);
      for (int j = c; j <= n; j++) {
        mpfr_mul(m, v, A[c][j], MPFR_RNDN);
        mpfr_sub(A[i][j], A[i][j], m, MPFR_RNDN);
      }
    }
  float cf[16], p0l = 0, p1l = 0;
  for (int i = 0; i < n; i++) {
    mpfr_div(v, A[i][n], A[i][i], MPFR_RNDN);
    cf[i] = mpfr_get_flt(v, MPFR_RNDN);
    if (i <= 1) {
      mpfr_sub_d(m, v, cf[i], MPFR_RNDN);
      *(i ? &p1l : &p0l) = mpfr_get_flt(m, MPFR_RNDN);
    }
  }
  /* the error of t P(t) with the rounded coefficients */
  double worst = 0;
  for (int k = -2000; k <= 2000; k++) {
    if (!k)
      continue;
    mpfr_set_d(t, delta * k / 2000, MPFR_RNDN);
    mpfr_set_flt(v, cf[n - 1], MPFR_RNDN);
    for (int i = n - 2; i >= 1; i--) {
      mpfr_mul(v, v, t, MPFR_RNDN);
      mpfr_add_d(v, v, cf[i], MPFR_RNDN);
      if (i == 1)
        mpfr_add_d(v, v, p1l, MPFR_RNDN);
    }
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_add_d(v, v, cf[0], MPFR_RNDN);
    mpfr_add_d(v, v, p0l, MPFR_RNDN);
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_add(m, x0, t, MPFR_RNDN);
    der(h, a, m);
    mpfr_sub(v, v, h, MPFR_RNDN);
    mpfr_div(v, v, h, MPFR_RNDN);
    double e = fabs(mpfr_get_d(v, MPFR_RNDN));
    if (e > worst)
      worst = e;
  }
  printf("/* %s' = t P(t), t = x - x0, |t| <= %g: x0 = ", name, delta);
  mpfr_printf("%.25Rg", x0);
  printf("; relative error of t P(t) <= 2^%.1f (gen-roots.c) */\n", log2(worst));
  printf("#define %s_X0_HI %af\n#define %s_X0_LO %af\n#define %s_DELTA %af\n", tag, x0h, tag, x0l,
         tag, (float)delta);
  printf("#define %s_P0_HI %af\n#define %s_P0_LO %af\n", tag, cf[0], tag, p0l);
  printf("#define %s_P1_HI %af\n#define %s_P1_LO %af\n", tag, cf[1], tag, p1l);
  for (int i = 2; i < n; i++)
    printf("#define %s_P%d %af\n", tag, i, cf[i]);
  printf("\n");
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= n; j++)
      mpfr_clear(A[i][j]);
  mpfr_clears(l, h, m, v, t, x0, (mpfr_ptr)0);
}

int main(void)
{
  act_mpfr_setup();
  /* silu'(z) = sigma(z)(1 + z(1 - sigma(z))): also swish' and gelu_sigmoid' in z */
  gen("silu", "H", -1.3, -1.25, 0x1p-3, 7);
  gen("gelu_tanh", "GT", -0.76, -0.74, 0x1p-3, 9);
  gen("mish", "MI", -1.2, -1.18, 0x1p-3, 9);
  gen("gelu", "GE", -0.76, -0.74, 0x1.8p-1, 13);
  return 0;
}
