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

#include "gen-remez.h"

#define RMAX (0x1.62e42fefa39efp-2 + 0x1p-30) /* ln2/2, widened */

static void g(mpfr_t r, const mpfr_t z)
{
  if (mpfr_zero_p(z)) {
    mpfr_set_ui(r, 1, MPFR_RNDN);
  } else {
    mpfr_expm1(r, z, MPFR_RNDN);
    mpfr_div(r, r, z, MPFR_RNDN);
  }
}

int main(int argc, char **argv)
{
  int deg = argc > 1 ? atoi(argv[1]) : 5;
  if (deg < 1 || deg > 12)
    return 2;
  static mpfr_t c[16];
  for (int i = 0; i < 16; i++)
    mpfr_init2(c[i], REMEZ_PREC);
  double E = remez_fit(g, 0, RMAX, deg, c);
  double cd[16], worst = 0, wz = 0;
  for (int j = 0; j <= deg; j++) {
    cd[j] = mpfr_get_d(c[j], MPFR_RNDN);
    mpfr_set_d(c[j], cd[j], MPFR_RNDN);
  }
  for (int i = 0; i <= 200000; i++) {
    double z = RMAX * (2.0 * i / 200000 - 1), e = fabs(remez_relerr(g, c, deg, z));
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
