/* gen-roots-f32.c: a tool, not a kernel (it has main, which is never pulled
 * out of libact.a).  It writes impls/roots-f32.h, the root-centred forms of
 * the derivatives that cancel at a root x0 in [-2, -1/2], used by the scalar
 * and AVX2 backward kernels (the NEON kernels have their own copy,
 * neon/roots-neon.h, from neon/gen-roots.c, the same method):
 *   make B=build-roots build-roots/libact.a
 *   cc -Ireference -Iimpls -o build-roots/gen-roots-f32 impls/gen-roots-f32.c \
 *      build-roots/libact.a -lmpfr -lgmp -lm && build-roots/gen-roots-f32 > impls/roots-f32.h
 * For each: x0 by bisection on the sign of the reference's f' (MPFR, 256
 * bits, to 2^-200), split as X0_HI + X0_LO + X0_LL (binary32, x0 to 2^-75:
 * t = z - x0 for swish's 48-bit z = beta x may be near 2^-48); a window
 * |x - C| < W around x0; P interpolating f'(x0 + t)/t at the deg + 1
 * Chebyshev nodes of the window's t, so f'(x0 + t) = t P(t); the
 * coefficients rounded to binary32, P0 and P1 as pairs (PAIRS: the AVX2
 * kernels take P1 + t Q as a pair too, where t P1 is not small beside P0).
 * The comment of each block gives the largest relative error of t P(t)
 * against f' on 4001 points of the window, the coefficients as rounded,
 * evaluated exactly. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "act.h"
#include "ival.h"

#define PREC 256

static void der(mpfr_t out, const act_def *a, const mpfr_t x) /* midpoint of f'(x) */
{
  ival r;
  iv_init(&r, PREC);
  a->der(&r, x, a->param_defaults);
  mpfr_add(out, r.lo, r.hi, MPFR_RNDN);
  mpfr_mul_2si(out, out, -1, MPFR_RNDN);
  iv_clear(&r);
}

/* t P(t) with c[0] + c0l, c[1] + c1l, c[2..deg], exactly (PREC bits) */
static void eval(mpfr_t v, const mpfr_t t, const float *c, float c0l, float c1l, int deg)
{
  mpfr_set_flt(v, c[deg], MPFR_RNDN);
  for (int i = deg - 1; i >= 0; i--) {
    mpfr_mul(v, v, t, MPFR_RNDN);
    mpfr_add_d(v, v, c[i], MPFR_RNDN);
    mpfr_add_d(v, v, i == 0 ? c0l : i == 1 ? c1l : 0.0, MPFR_RNDN);
  }
  mpfr_mul(v, v, t, MPFR_RNDN);
}

/* The window is |x - wc| < w (wc = NAN: centred at X0_HI).  For the AVX2
 * kernels (avx2) it must lie in [2 X0_HI, X0_HI/2] with |x| >= 1/2 there, so
 * that x - X0_HI is exact (Sterbenz) and 0 or a multiple of 2^-24 above
 * |X0_LO| (roots-avx2.h), and |P - P0| < P0 (< P0/8 without pairs). */
static void gen(const char *fn, const char *what, const char *tag, double lo, double hi,
                double wc, double w, int deg, int pairs, int avx2)
{
  const act_def *a = act_find(fn);
  int n = deg + 1;
  mpfr_t l, h, m, v, t, x0, A[16][17];
  mpfr_inits2(PREC, l, h, m, v, t, x0, (mpfr_ptr)0);
  mpfr_set_d(l, lo, MPFR_RNDN);
  mpfr_set_d(h, hi, MPFR_RNDN);
  der(v, a, l);
  int sl = mpfr_sgn(v);
  der(v, a, h);
  if (sl == 0 || mpfr_sgn(v) == sl) {
    fprintf(stderr, "gen-roots-f32: %s' has no sign change on [%g, %g]\n", fn, lo, hi);
    exit(1);
  }
  for (int i = 0; i < 200; i++) {
    mpfr_add(m, l, h, MPFR_RNDN);
    mpfr_mul_2si(m, m, -1, MPFR_RNDN);
    der(v, a, m);
    mpfr_set(mpfr_sgn(v) == sl ? l : h, m, MPFR_RNDN);
  }
  mpfr_set(x0, l, MPFR_RNDN);
  float x0h = mpfr_get_flt(x0, MPFR_RNDN);
  mpfr_sub_d(t, x0, x0h, MPFR_RNDN);
  float x0l = mpfr_get_flt(t, MPFR_RNDN);
  mpfr_sub_d(t, t, x0l, MPFR_RNDN);
  float x0ll = mpfr_get_flt(t, MPFR_RNDN);
  if (isnan(wc))
    wc = x0h;
  double tlo = wc - w - mpfr_get_d(x0, MPFR_RNDN), thi = wc + w - mpfr_get_d(x0, MPFR_RNDN);
  if (avx2 && (wc - w < 2.0 * x0h || wc + w > 0.5 * x0h || fabs(wc + w) < 0.5 || fabs(x0l) > 0x1p-25)) {
    fprintf(stderr, "gen-roots-f32: %s: window [%g, %g] breaks the conditions\n", fn, wc - w,
            wc + w);
    exit(1);
  }
  /* rows [1 t_i ... t_i^deg | f'(x0 + t_i)/t_i] */
  for (int i = 0; i < n; i++) {
    for (int j = 0; j <= n; j++)
      mpfr_init2(A[i][j], PREC);
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_mul_si(t, t, 2 * i + 1, MPFR_RNDN);
    mpfr_div_si(t, t, 2 * n, MPFR_RNDN);
    mpfr_cos(t, t, MPFR_RNDN);
    mpfr_mul_d(t, t, (thi - tlo) / 2, MPFR_RNDN);
    mpfr_add_d(t, t, (thi + tlo) / 2, MPFR_RNDN);
    mpfr_add(m, x0, t, MPFR_RNDN);
    der(v, a, m);
    mpfr_div(A[i][n], v, t, MPFR_RNDN);
    mpfr_set_ui(A[i][0], 1, MPFR_RNDN);
    for (int j = 1; j < n; j++)
      mpfr_mul(A[i][j], A[i][j - 1], t, MPFR_RNDN);
  }
  for (int c = 0; c < n; c++) /* Gauss-Jordan; Chebyshev nodes keep it regular */
    for (int i = 0; i < n; i++) {
      if (i == c)
        continue;
      mpfr_div(v, A[i][c], A[c][c], MPFR_RNDN);
      for (int j = c; j <= n; j++) {
        mpfr_mul(m, v, A[c][j], MPFR_RNDN);
        mpfr_sub(A[i][j], A[i][j], m, MPFR_RNDN);
      }
    }
  float c[16], cl[2] = {0, 0};
  for (int i = 0; i < n; i++) {
    mpfr_div(v, A[i][n], A[i][i], MPFR_RNDN);
    c[i] = mpfr_get_flt(v, MPFR_RNDN);
    if (i < 2) {
      mpfr_sub_d(m, v, c[i], MPFR_RNDN);
      cl[i] = mpfr_get_flt(m, MPFR_RNDN);
    }
  }
  double worst = 0, big = 0; /* max |P(t) - P0| / P0 */
  for (int k = -2000; k <= 2000; k++) {
    mpfr_set_d(t, (thi + tlo) / 2 + (thi - tlo) / 2 * k / 2000, MPFR_RNDN);
    eval(v, t, c, cl[0], cl[1], deg);
    if (k)
      big = fmax(big, fabs(mpfr_get_d(v, MPFR_RNDN) / mpfr_get_d(t, MPFR_RNDN) / c[0] - 1));
    mpfr_add(m, x0, t, MPFR_RNDN);
    der(h, a, m);
    mpfr_sub(v, v, h, MPFR_RNDN);
    mpfr_div(v, v, h, MPFR_RNDN);
    worst = fmax(worst, fabs(mpfr_get_d(v, MPFR_RNDN)));
  }
  mpfr_printf("\n/* %s:\n * t P(t), t = x - x0, x0 = %.25Rg, for |x - C| < W\n"
              " * (t in [%.4f, %.4f]), degree %d: relative error <= 2^%.1f */\n",
              what, x0, tlo, thi, deg, log2(worst));
  printf("#define %s_X0_HI %af\n#define %s_X0_LO %af\n#define %s_X0_LL %af\n", tag, x0h, tag,
         x0l, tag, x0ll);
  if (avx2 && (big >= 1 || (!pairs && big > 0.125))) { /* roots-avx2.h: P0 + t A by fast_two_sum,
                                                 A rounded once unless pairs */
    fprintf(stderr, "gen-roots-f32: %s: |P - P0|/P0 reaches %g\n", fn, big);
    exit(1);
  }
  printf("#define %s_PAIRS %d\n", tag, pairs);
  printf("#define %s_C %af\n#define %s_W %af\n#define %s_DEG %d\n", tag, (float)wc, tag,
         (float)w, tag, deg);
  printf("#define %s_P0_HI %af\n#define %s_P0_LO %af\n", tag, c[0], tag, cl[0]);
  printf("#define %s_P1_HI %af\n#define %s_P1_LO %af\n", tag, c[1], tag, cl[1]);
  printf("#define %s_Q {", tag); /* P2 .. Pdeg */
  for (int i = 2; i < n; i++)
    printf("%s%af", i > 2 ? ", " : "", c[i]);
  printf("}\n");
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= n; j++)
      mpfr_clear(A[i][j]);
  mpfr_clears(l, h, m, v, t, x0, (mpfr_ptr)0);
}

int main(void)
{
  act_mpfr_setup();
  printf("/* roots-f32.h: generated by gen-roots-f32.c (the command is there); do\n"
         " * not edit.  Derivatives that cancel at a root x0 near which the\n"
         " * kernels' general formulas lose all relative accuracy, as\n"
         " * f'(x0 + t) = t P(t) for |x - C| < W, t = x - (X0_HI + X0_LO + X0_LL),\n"
         " * P = (P0_HI + P0_LO) + t ((P1_HI + P1_LO) + t Q(t)),\n"
         " * Q(t) = Q[0] + t (Q[1] + ...) (the coefficients P2 .. Pdeg), binary32.\n"
         " * t must be exact (a float pair, or a double) for the relative error\n"
         " * to be that of P. */\n"
         "#ifndef ROOTS_F32_H\n#define ROOTS_F32_H\n");
  /* AVX2 (and scalar gelu'): degrees the least with relative error below 2^-27 */
  gen("silu", "silu'(x), also swish'(x) and gelu_sigmoid'(x) as functions of z = beta x",
      "H", -1.3, -1.25, NAN, 0x1p-3, 5, 0, 1);
  gen("gelu_tanh", "gelu_tanh'(x)", "GT", -0.76, -0.74, NAN, 0x1p-3, 5, 0, 1);
  gen("mish", "mish'(x)", "MI", -1.2, -1.18, NAN, 0x1p-3, 5, 0, 1);
  /* [-3/2, -1/2]: the erfc kernels' |x| < 1/2 branch does not cancel */
  gen("gelu", "gelu'(x)", "GE", -0.76, -0.74, -1.0, 0.5, 8, 1, 1);
  /* scalar kernels (in double, where a wider window costs nothing and their
   * float formulas lose more near the root): within 1/2 of it, degrees with
   * relative error below 2^-30 */
  gen("silu", "silu'(x), swish'(x), gelu_sigmoid'(x) in z, for the scalar kernels", "HS", -1.3,
      -1.25, NAN, 0.5, 9, 0, 0);
  gen("gelu_tanh", "gelu_tanh'(x), for the scalar kernels", "GTS", -0.76, -0.74, NAN, 0.5, 10, 0,
      0);
  gen("mish", "mish'(x), for the scalar kernels", "MIS", -1.2, -1.18, NAN, 0.5, 10, 0, 0);
  printf("\n#endif\n");
  return 0;
}
