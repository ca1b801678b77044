/* gen-expm1.c: a tool (host C with MPFR), not a kernel (impls/gen-*.c stay
 * out of libact.a).  Prints the polynomial Q of expm1_4d in
 * avx2/exp-avx2.h: expm1(t) = 2^n (e^r - 1) + (2^n - 1), n = round(t log2e),
 * r = t - n ln2, e^r - 1 = r Q(r) on |r| <= ln2/2 (widened by 2^-30 for the
 * reduction's rounding), Q(r) ~ g(r) = (e^r - 1)/r = 1 + r/2 + r^2/6 + ...
 * Q of degree DEG minimizes max |Q/g - 1| (so r Q(r) has that relative error
 * against e^r - 1 for every r, also tiny ones: Remez exchange, MPFR 256
 * bits, the error sampled on 20001 points); the coefficients are rounded to
 * binary64 and the rounded polynomial's largest relative error, evaluated
 * exactly on 200001 points, is printed.  Build and run:
 *   cc -O2 -o build/gen-expm1 impls/gen-expm1.c -lmpfr -lgmp -lm
 *   build/gen-expm1 5      (the kernels' degree; about 5 s) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#define PREC 256
#define RMAX (0x1.62e42fefa39efp-2 + 0x1p-30) /* ln2/2, widened */
#define NG 20001

static void g(mpfr_t r, const mpfr_t z)
{
  if (mpfr_zero_p(z)) {
    mpfr_set_ui(r, 1, MPFR_RNDN);
  } else {
    mpfr_expm1(r, z, MPFR_RNDN);
    mpfr_div(r, r, z, MPFR_RNDN);
  }
}

/* Q(r)/g(r) - 1 for the coefficients c[0..deg] */
static double relerr(mpfr_t *c, int deg, double zd)
{
  mpfr_t z, v, w;
  mpfr_inits2(PREC, z, v, w, (mpfr_ptr)0);
  mpfr_set_d(z, zd, MPFR_RNDN);
  mpfr_set(v, c[deg], MPFR_RNDN);
  for (int i = deg - 1; i >= 0; i--) {
    mpfr_mul(v, v, z, MPFR_RNDN);
    mpfr_add(v, v, c[i], MPFR_RNDN);
  }
  g(w, z);
  mpfr_div(v, v, w, MPFR_RNDN);
  mpfr_sub_ui(v, v, 1, MPFR_RNDN);
  double e = mpfr_get_d(v, MPFR_RNDN);
  mpfr_clears(z, v, w, (mpfr_ptr)0);
  return e;
}

int main(int argc, char **argv)
{
  int deg = argc > 1 ? atoi(argv[1]) : 5, n = deg + 2; /* unknowns c_0..c_deg, E */
  if (deg < 1 || deg > 12)
    return 2;
  static double pts[16];
  static mpfr_t A[16][17], c[16];
  static double grid[NG], eg[NG];
  mpfr_t t, v, m, gz;
  mpfr_inits2(PREC, t, v, m, gz, (mpfr_ptr)0);
  for (int i = 0; i < 16; i++) {
    mpfr_init2(c[i], PREC);
    for (int j = 0; j < 17; j++)
      mpfr_init2(A[i][j], PREC);
  }
  for (int i = 0; i < n; i++) /* Chebyshev extrema to start */
    pts[i] = -RMAX * cos(M_PI * i / (n - 1));
  for (int i = 0; i < NG; i++)
    grid[i] = -RMAX * cos(M_PI * i / (NG - 1));
  double E = 0;
  for (int it = 0; it < 30; it++) {
    /* sum_j c_j z_i^j + (-1)^i E g(z_i) = g(z_i) */
    for (int i = 0; i < n; i++) {
      mpfr_set_d(t, pts[i], MPFR_RNDN);
      g(gz, t);
      mpfr_set_ui(v, 1, MPFR_RNDN);
      for (int j = 0; j <= deg; j++) {
        mpfr_set(A[i][j], v, MPFR_RNDN);
        mpfr_mul(v, v, t, MPFR_RNDN);
      }
      mpfr_set(A[i][deg + 1], gz, MPFR_RNDN);
      if (i & 1)
        mpfr_neg(A[i][deg + 1], gz, MPFR_RNDN);
      mpfr_set(A[i][n], gz, MPFR_RNDN);
    }
    for (int cc = 0; cc < n; cc++) { /* Gauss-Jordan, partial pivoting */
      int p = cc;
      for (int i = cc + 1; i < n; i++)
        if (mpfr_cmpabs(A[i][cc], A[p][cc]) > 0)
          p = i;
      for (int j = 0; j <= n; j++)
        mpfr_swap(A[cc][j], A[p][j]);
      for (int i = 0; i < n; i++) {
        if (i == cc)
          continue;
        mpfr_div(v, A[i][cc], A[cc][cc], MPFR_RNDN);
        for (int j = cc; j <= n; j++) {
          mpfr_mul(m, v, A[cc][j], MPFR_RNDN);
          mpfr_sub(A[i][j], A[i][j], m, MPFR_RNDN);
        }
      }
    }
    for (int j = 0; j <= deg; j++)
      mpfr_div(c[j], A[j][n], A[j][j], MPFR_RNDN);
    mpfr_div(v, A[deg + 1][n], A[deg + 1][deg + 1], MPFR_RNDN);
    E = fabs(mpfr_get_d(v, MPFR_RNDN));
    /* new reference: the largest |error| between sign changes */
    for (int i = 0; i < NG; i++)
      eg[i] = relerr(c, deg, grid[i]);
    double np[64];
    int k = 0, best = 0;
    for (int i = 1; i <= NG; i++) {
      if (fabs(eg[i - 1]) > fabs(eg[best]))
        best = i - 1;
      if (i == NG || (eg[i] > 0) != (eg[i - 1] > 0)) {
        if (k < 64)
          np[k++] = grid[best];
        best = i;
      }
    }
    if (k != n) {
      fprintf(stderr, "iteration %d: %d alternations, want %d\n", it, k, n);
      if (k < n)
        break;
      /* drop the smallest ends until n remain */
      while (k > n) {
        int a = fabs(relerr(c, deg, np[0])) < fabs(relerr(c, deg, np[k - 1])) ? 0 : k - 1;
        for (int i = a; i < k - 1; i++)
          np[i] = np[i + 1];
        k--;
      }
    }
    for (int i = 0; i < n; i++)
      pts[i] = np[i];
  }
  double cd[16], worst = 0, wz = 0;
  for (int j = 0; j <= deg; j++) {
    cd[j] = mpfr_get_d(c[j], MPFR_RNDN);
    mpfr_set_d(c[j], cd[j], MPFR_RNDN);
  }
  for (int i = 0; i <= 200000; i++) {
    double z = RMAX * (2.0 * i / 200000 - 1), e = fabs(relerr(c, deg, z));
    if (e > worst)
      worst = e, wz = z;
  }
  printf("/* e^r - 1 = r Q(r) (gen-expm1.c, degree %d): Remez level 2^%.2f, rounded\n"
         " * coefficients 2^%.2f (at r = %.4g) */\n",
         deg, log2(E), log2(worst), wz);
  for (int j = 0; j <= deg; j++)
    printf("#define EXPM1D_C%d %a\n", j + 1, cd[j]);
  return 0;
}
