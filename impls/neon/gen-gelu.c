/* gen-gelu.c: a tool (host C with MPFR, `make neon-gelu`), not a kernel.
 * Prints the per-binade polynomials of G(z) = z exp(z^2/2) erfc(z/sqrt2)/2
 * used by f32-gelu-neon-erfc-rr2-p7-lut6-p11: on binade k of z (k = 0..5:
 * [1/4, 1/2) ... [8, 16)), G(c_k + s) ~ sum_j g_j s^j, c_k = 1.5 2^(k-2),
 * |s| <= 2^(k-3), interpolated at the Chebyshev nodes (MPFR, 256 bits), g_0
 * and g_1 as binary32 pairs, the others binary32.  Also prints each binade's
 * largest relative error of the rounded polynomial, evaluated exactly, on
 * 4001 points.  usage: gen-gelu DEGREE */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#define PREC 256

static void G(mpfr_t r, const mpfr_t z)
{
  mpfr_t t, u;
  mpfr_inits2(PREC, t, u, (mpfr_ptr)0);
  mpfr_sqrt_ui(t, 2, MPFR_RNDN);
  mpfr_div(t, z, t, MPFR_RNDN);
  mpfr_erfc(t, t, MPFR_RNDN);
  mpfr_sqr(u, z, MPFR_RNDN);
  mpfr_mul_2si(u, u, -1, MPFR_RNDN);
  mpfr_exp(u, u, MPFR_RNDN);
  mpfr_mul(r, t, u, MPFR_RNDN);
  mpfr_mul(r, r, z, MPFR_RNDN);
  mpfr_mul_2si(r, r, -1, MPFR_RNDN);
  mpfr_clears(t, u, (mpfr_ptr)0);
}

int main(int argc, char **argv)
{
  int deg = argc > 1 ? atoi(argv[1]) : 12, n = deg + 1;
  if (deg < 2 || deg > 15)
    return 2;
  enum { NB = 6 };
  float g[NB][16], g0l[NB], g1l[NB];
  double worst[NB];
  mpfr_t A[16][17], t, v, m, zc;
  mpfr_inits2(PREC, t, v, m, zc, (mpfr_ptr)0);
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= n; j++)
      mpfr_init2(A[i][j], PREC);
  for (int k = 0; k < NB; k++) {
    double c = 1.5 * ldexp(1, k - 2), w = ldexp(1, k - 3);
    for (int i = 0; i < n; i++) {
      mpfr_const_pi(t, MPFR_RNDN);
      mpfr_mul_si(t, t, 2 * i + 1, MPFR_RNDN);
      mpfr_div_si(t, t, 2 * n, MPFR_RNDN);
      mpfr_cos(t, t, MPFR_RNDN);
      mpfr_mul_d(t, t, w, MPFR_RNDN); /* s_i */
      mpfr_add_d(zc, t, c, MPFR_RNDN);
      G(A[i][n], zc);
      mpfr_set_ui(A[i][0], 1, MPFR_RNDN);
      for (int j = 1; j < n; j++)
        mpfr_mul(A[i][j], A[i][j - 1], t, MPFR_RNDN);
    }
    for (int cc = 0; cc < n; cc++) /* Gauss-Jordan */
      for (int i = 0; i < n; i++) {
        if (i == cc)
          continue;
        mpfr_div(v, A[i][cc], A[cc][cc], MPFR_RNDN);
        for (int j = cc; j <= n; j++) {
          mpfr_mul(m, v, A[cc][j], MPFR_RNDN);
          mpfr_sub(A[i][j], A[i][j], m, MPFR_RNDN);
        }
      }
    for (int i = 0; i < n; i++) {
      mpfr_div(v, A[i][n], A[i][i], MPFR_RNDN);
      g[k][i] = mpfr_get_flt(v, MPFR_RNDN);
      if (i <= 1) {
        mpfr_sub_d(m, v, g[k][i], MPFR_RNDN);
        *(i ? &g1l[k] : &g0l[k]) = mpfr_get_flt(m, MPFR_RNDN);
      }
    }
    worst[k] = 0;
    for (int q = -2000; q <= 2000; q++) {
      mpfr_set_d(t, w * q / 2000, MPFR_RNDN);
      mpfr_set_flt(v, g[k][n - 1], MPFR_RNDN);
      for (int i = n - 2; i >= 0; i--) {
        mpfr_mul(v, v, t, MPFR_RNDN);
        mpfr_add_d(v, v, g[k][i], MPFR_RNDN);
        if (i <= 1)
          mpfr_add_d(v, v, i ? g1l[k] : g0l[k], MPFR_RNDN);
      }
      mpfr_add_d(zc, t, c, MPFR_RNDN);
      G(m, zc);
      mpfr_sub(v, v, m, MPFR_RNDN);
      mpfr_div(v, v, m, MPFR_RNDN);
      double e = fabs(mpfr_get_d(v, MPFR_RNDN));
      if (e > worst[k])
        worst[k] = e;
    }
  }
  printf("/* G(c_k + s) = sum_j g_j s^j on binade k of z (gen-gelu.c, degree %d); relative "
         "error of the\n * rounded polynomials <=", deg);
  for (int k = 0; k < NB; k++)
    printf(" 2^%.1f", log2(worst[k]));
  printf(" */\n#define GDEG %d\n", deg);
  printf("static const float gtab[%d][8] __attribute__((aligned(16))) = {\n", n);
  for (int i = 0; i < n; i++) {
    printf("  {");
    for (int k = 0; k < NB; k++)
      printf("%af, ", g[k][i]);
    printf("0, 0},\n");
  }
  printf("};\n/* the low parts of g_0 and g_1 */\nstatic const float glo[2][8] "
         "__attribute__((aligned(16))) = {\n  {");
  for (int k = 0; k < NB; k++)
    printf("%af, ", g0l[k]);
  printf("0, 0},\n  {");
  for (int k = 0; k < NB; k++)
    printf("%af, ", g1l[k]);
  printf("0, 0},\n};\n");
  return 0;
}
