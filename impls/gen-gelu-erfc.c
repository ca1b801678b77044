/* gen-gelu-erfc.c: a tool (host C with MPFR), not a kernel (impls/gen-*.c stay
 * out of libact.a).  Prints the
 * per-binade polynomials of G(z) = z exp(z^2/2) erfc(z/sqrt2)/2 used by
 * f32-gelu-avx2-erfc-rr1-p6-lut5-p8 (CTAB and GCOEF there; the NEON twin's
 * fgtab and fctab hold the same numbers): on binade k of z (k = 0..4:
 * [1/2, 1) ... [8, 16)), G(c_k + s) ~ sum_j g_j s^j, c_k ~ 1.5 2^(k-1) (below),
 * s in [2^(k-1), 2^k] - c_k.  Coefficients in binary32, fitted one at a time from g_0
 * up: g_j is the s^j coefficient of the least-squares fit (relative weight
 * 1/G, 512 Chebyshev points, MPFR 256 bits) of G minus the already rounded
 * g_0 .. g_(j-1) terms by s^j .. s^DEG, rounded to nearest, so each later
 * coefficient absorbs the earlier ones' rounding.  Also prints each binade's
 * largest relative error of the rounded polynomial, evaluated exactly, on
 * 8001 points.  Build and run:
 *   cc -O2 -o build/gen-gelu-erfc impls/gen-gelu-erfc.c -lmpfr -lgmp -lm
 *   build/gen-gelu-erfc 8      (the kernels' degree; about 10 s) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#define PREC 256
#define NB 5
#define NP 512

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
  int deg = argc > 1 ? atoi(argv[1]) : 8, n = deg + 1;
  if (deg < 2 || deg > 15)
    return 2;
  static float g[NB][16];
  double worst[NB];
  static mpfr_t s[NP], gv[NP], w[NP], A[16][17];
  mpfr_t t, v, m;
  mpfr_inits2(PREC, t, v, m, (mpfr_ptr)0);
  for (int i = 0; i < NP; i++)
    mpfr_inits2(PREC, s[i], gv[i], w[i], (mpfr_ptr)0);
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 17; j++)
      mpfr_init2(A[i][j], PREC);
  float cf[NB];
  for (int k = 0; k < NB; k++) {
    double hw = ldexp(1, k - 2);
    /* c_k: the binary32 nearest 1.5 2^(k-1) where G(c_k) is within 2^-36 of a
     * binary32 (relative), so that g_0 = G(c_k) in binary32 is all but exact
     * (at s = 0 the polynomial is g_0 alone: no later coefficient absorbs
     * g_0's rounding) */
    float c = 1.5f * ldexpf(1, k - 1);
    for (int i = 0;; i++) {
      float cand = c + (i & 1 ? -1 : 1) * (float)((i + 1) / 2) * ldexpf(1, k - 24);
      mpfr_set_flt(t, cand, MPFR_RNDN);
      G(v, t);
      mpfr_set_flt(m, mpfr_get_flt(v, MPFR_RNDN), MPFR_RNDN);
      mpfr_sub(m, m, v, MPFR_RNDN);
      mpfr_div(m, m, v, MPFR_RNDN);
      if (fabs(mpfr_get_d(m, MPFR_RNDN)) < 0x1p-36) {
        c = cand;
        break;
      }
    }
    cf[k] = c;
    for (int i = 0; i < NP; i++) {
      mpfr_const_pi(t, MPFR_RNDN);
      mpfr_mul_si(t, t, 2 * i + 1, MPFR_RNDN);
      mpfr_div_si(t, t, 2 * NP, MPFR_RNDN);
      mpfr_cos(t, t, MPFR_RNDN);
      mpfr_mul_d(s[i], t, hw, MPFR_RNDN); /* on [2^(k-1), 2^k] - c_k */
      mpfr_add_d(s[i], s[i], 1.5 * ldexp(1, k - 1) - c, MPFR_RNDN);
      mpfr_add_d(t, s[i], c, MPFR_RNDN);
      G(gv[i], t);
      mpfr_ui_div(w[i], 1, gv[i], MPFR_RNDN); /* relative weight */
    }
    for (int j0 = 0; j0 < n; j0++) {
      int nn = n - j0; /* unknowns a_j0 .. a_deg */
      /* normal equations: sum_i w_i^2 phi_a phi_b, phi_a = s^(j0 + a) */
      for (int a = 0; a < nn; a++)
        for (int b = 0; b <= nn; b++)
          mpfr_set_ui(A[a][b], 0, MPFR_RNDN);
      for (int i = 0; i < NP; i++) {
        mpfr_t ph[17], res;
        mpfr_init2(res, PREC);
        mpfr_set(res, gv[i], MPFR_RNDN); /* G minus the rounded terms */
        mpfr_set_ui(t, 1, MPFR_RNDN);
        for (int j = 0; j < j0; j++) {
          mpfr_mul_d(m, t, g[k][j], MPFR_RNDN);
          mpfr_sub(res, res, m, MPFR_RNDN);
          mpfr_mul(t, t, s[i], MPFR_RNDN);
        }
        for (int a = 0; a < nn; a++) {
          mpfr_init2(ph[a], PREC);
          mpfr_mul(ph[a], t, w[i], MPFR_RNDN);
          mpfr_mul(t, t, s[i], MPFR_RNDN);
        }
        mpfr_mul(res, res, w[i], MPFR_RNDN);
        for (int a = 0; a < nn; a++) {
          for (int b = 0; b < nn; b++) {
            mpfr_mul(m, ph[a], ph[b], MPFR_RNDN);
            mpfr_add(A[a][b], A[a][b], m, MPFR_RNDN);
          }
          mpfr_mul(m, ph[a], res, MPFR_RNDN);
          mpfr_add(A[a][nn], A[a][nn], m, MPFR_RNDN);
        }
        for (int a = 0; a < nn; a++)
          mpfr_clear(ph[a]);
        mpfr_clear(res);
      }
      for (int cc = 0; cc < nn; cc++) /* Gauss-Jordan (symmetric positive definite) */
        for (int i = 0; i < nn; i++) {
          if (i == cc)
            continue;
          mpfr_div(v, A[i][cc], A[cc][cc], MPFR_RNDN);
          for (int j = cc; j <= nn; j++) {
            mpfr_mul(m, v, A[cc][j], MPFR_RNDN);
            mpfr_sub(A[i][j], A[i][j], m, MPFR_RNDN);
          }
        }
      mpfr_div(v, A[0][nn], A[0][0], MPFR_RNDN);
      g[k][j0] = mpfr_get_flt(v, MPFR_RNDN);
    }
    worst[k] = 0;
    for (int q = -4000; q <= 4000; q++) {
      mpfr_set_d(t, hw * q / 4000 + (1.5 * ldexp(1, k - 1) - c), MPFR_RNDN);
      mpfr_set_flt(v, g[k][deg], MPFR_RNDN);
      for (int i = deg - 1; i >= 0; i--) {
        mpfr_mul(v, v, t, MPFR_RNDN);
        mpfr_add_d(v, v, g[k][i], MPFR_RNDN);
      }
      mpfr_add_d(t, t, c, MPFR_RNDN);
      G(m, t);
      mpfr_sub(v, v, m, MPFR_RNDN);
      mpfr_div(v, v, m, MPFR_RNDN);
      double e = fabs(mpfr_get_d(v, MPFR_RNDN));
      if (e > worst[k])
        worst[k] = e;
    }
  }
  printf("/* G(c_k + s) ~ sum g_j s^j (gen-gelu-erfc.c, degree %d); relative error of the rounded\n"
         " * polynomials <=", deg);
  for (int k = 0; k < NB; k++)
    printf(" 2^%.1f", log2(worst[k]));
  printf(" */\n#define CTAB(R) R(");
  for (int k = 0; k < NB; k++)
    printf("%af%s", cf[k], k < NB - 1 ? ", " : ")");
  printf(" /* the c_k */\n#define GCOEF(X) \\\n");
  for (int j = 0; j < n; j++) {
    printf("  X(");
    for (int k = 0; k < NB; k++)
      printf("%af%s", g[k][j], k < NB - 1 ? ", " : ")");
    printf("%s\n", j < n - 1 ? " \\" : "");
  }
  return 0;
}
