/* gen-log1p-atanh.c: a tool (host C with MPFR), not a kernel (impls/gen-*.c
 * stay out of libact.a).  Prints the polynomial P of log1p4d_sp in
 * avx2/exp-avx2.h: log1p(e) = 2 atanh(s) = s P(z), s = e/(2 + e), z = s^2,
 * for 0 <= e <= 1 (z in [0, 1/9]), P(z) ~ g(z) = 2 atanh(sqrt z)/sqrt z =
 * 2 (1 + z/3 + z^2/5 + ...).  P of degree DEG minimizes max |P/g - 1| on
 * [0, 1/9] (Remez exchange, MPFR 256 bits, the error sampled on 20001
 * points); the coefficients are rounded to binary64 and the rounded
 * polynomial's largest relative error, evaluated exactly on 200001 points,
 * is printed.  Build and run:
 *   cc -O2 -o build/gen-log1p-atanh impls/gen-log1p-atanh.c -lmpfr -lgmp -lm
 *   build/gen-log1p-atanh 5      (the kernels' degree; about 5 s) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#include "gen-remez.h"

#define ZMAX (1.0 / 9.0)

static void g(mpfr_t r, const mpfr_t z)
{
  mpfr_t t;
  mpfr_init2(t, REMEZ_PREC);
  if (mpfr_zero_p(z)) {
    mpfr_set_ui(r, 2, MPFR_RNDN);
  } else {
    mpfr_sqrt(t, z, MPFR_RNDN);
    mpfr_atanh(r, t, MPFR_RNDN);
    mpfr_div(r, r, t, MPFR_RNDN);
    mpfr_mul_2ui(r, r, 1, MPFR_RNDN);
  }
  mpfr_clear(t);
}

int main(int argc, char **argv)
{
  int deg = argc > 1 ? atoi(argv[1]) : 5;
  if (deg < 1 || deg > 12)
    return 2;
  static mpfr_t c[16];
  for (int i = 0; i < 16; i++)
    mpfr_init2(c[i], REMEZ_PREC);
  double E = remez_fit(g, ZMAX / 2, ZMAX / 2, deg, c);
  double cd[16], worst = 0, wz = 0;
  for (int j = 0; j <= deg; j++) {
    cd[j] = mpfr_get_d(c[j], MPFR_RNDN);
    mpfr_set_d(c[j], cd[j], MPFR_RNDN);
  }
  for (int i = 0; i <= 200000; i++) {
    double z = ZMAX * i / 200000, e = fabs(remez_relerr(g, c, deg, z));
    if (e > worst)
      worst = e, wz = z;
  }
  printf("/* log1p(e) = s P(s^2), s = e/(2 + e) (gen-log1p-atanh.c, degree %d): Remez level\n"
         " * 2^%.2f, rounded coefficients 2^%.2f (at z = %.4g) */\n",
         deg, log2(E), log2(worst), wz);
  for (int j = 0; j <= deg; j++)
    printf("#define LOG1PD_C%d %a\n", j, cd[j]);
  return 0;
}
