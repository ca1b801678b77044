/* gen-remez.h: the Remez exchange shared by the polynomial generators
 * (gen-expm1.c, gen-log1p-atanh.c; host tools with MPFR, not kernels).
 * remez_fit finds the polynomial c[0] + c[1] z + ... + c[deg] z^deg that
 * minimizes max |P(z)/g(z) - 1| on [mid - half, mid + half]: it starts
 * from the Chebyshev extrema, solves the deg + 2 equations
 * sum_j c_j z_i^j + (-1)^i E g(z_i) = g(z_i) (Gauss-Jordan with partial
 * pivoting, MPFR at REMEZ_PREC bits), and takes as the next reference the
 * largest |error| between sign changes on REMEZ_NG Chebyshev points;
 * 30 iterations.  Returns the level |E|.  remez_relerr evaluates
 * P(z)/g(z) - 1 exactly enough (REMEZ_PREC bits) for any coefficients. */
#ifndef GEN_REMEZ_H
#define GEN_REMEZ_H

#include <math.h>
#include <stdio.h>

#include <mpfr.h>

#define REMEZ_PREC 256
#define REMEZ_NG 20001

typedef void remez_fn(mpfr_t r, const mpfr_t z);

/* P(z)/g(z) - 1 for the coefficients c[0..deg] */
static double remez_relerr(remez_fn *g, mpfr_t *c, int deg, double zd)
{
  mpfr_t z, v, w;
  mpfr_inits2(REMEZ_PREC, z, v, w, (mpfr_ptr)0);
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

/* c[0..deg] (initialised by the caller, REMEZ_PREC bits), 1 <= deg <= 12 */
static double remez_fit(remez_fn *g, double mid, double half, int deg, mpfr_t *c)
{
  int n = deg + 2; /* unknowns c_0..c_deg, E */
  static double pts[16];
  static mpfr_t A[16][17];
  static double grid[REMEZ_NG], eg[REMEZ_NG];
  mpfr_t t, v, m, gz;
  mpfr_inits2(REMEZ_PREC, t, v, m, gz, (mpfr_ptr)0);
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 17; j++)
      mpfr_init2(A[i][j], REMEZ_PREC);
  for (int i = 0; i < n; i++) /* Chebyshev extrema to start */
    pts[i] = mid - half * cos(M_PI * i / (n - 1));
  for (int i = 0; i < REMEZ_NG; i++)
    grid[i] = mid - half * cos(M_PI * i / (REMEZ_NG - 1));
  double E = 0;
  for (int it = 0; it < 30; it++) {
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
    for (int cc = 0; cc < n; cc++) {
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
    for (int i = 0; i < REMEZ_NG; i++)
      eg[i] = remez_relerr(g, c, deg, grid[i]);
    double np[64];
    int k = 0, best = 0;
    for (int i = 1; i <= REMEZ_NG; i++) {
      if (fabs(eg[i - 1]) > fabs(eg[best]))
        best = i - 1;
      if (i == REMEZ_NG || (eg[i] > 0) != (eg[i - 1] > 0)) {
        if (k < 64)
          np[k++] = grid[best];
        best = i;
      }
    }
    if (k != n) {
      fprintf(stderr, "iteration %d: %d alternations, want %d\n", it, k, n);
      if (k < n)
        break;
      while (k > n) { /* drop the smallest ends until n remain */
        int a = fabs(remez_relerr(g, c, deg, np[0])) < fabs(remez_relerr(g, c, deg, np[k - 1])) ? 0 : k - 1;
        for (int i = a; i < k - 1; i++)
          np[i] = np[i + 1];
        k--;
      }
    }
    for (int i = 0; i < n; i++)
      pts[i] = np[i];
  }
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 17; j++)
      mpfr_clear(A[i][j]);
  mpfr_clears(t, v, m, gz, (mpfr_ptr)0);
  return E;
}

#endif
