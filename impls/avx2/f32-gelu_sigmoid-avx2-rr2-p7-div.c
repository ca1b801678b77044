/* gelu_sigmoid(x) = x sigmoid(1.702 x): swish with beta = 1.702 exactly (the
 * decimal, as the reference), in binary64 lanes: z = B x with B = 1.702
 * rounded to binary64 (z off by 2^-52 relative: 2^-45 in exp(-z) for |z| <=
 * 160), x/(1 + exp(-z)) rounded once (exp-avx2.h: xsigmoid4d).  x is clamped
 * to -94 below (z = -160: -0, as every x < -66 gives), z to 160 above for exp
 * only.  NaN passes.
 * gelu_sigmoid'(x) = s (1 + z (1 - s)) = silu'(z) (xsigmoid_d4d), x clamped
 * to [-94, 94] (-0 and 1 beyond); cancels near z0 = -1.2785: within 1/8 of
 * z0, t P(t) instead, t = z - z0 (roots4d-avx2.h), with z to 2^-72 there
 * (B = B_HI + B_LO + B_LL; t of the float nearest the root may be far below
 * 2^-24). */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

#define B_D  0x1.b3b645a1cac08p+0 /* 1.702 rounded to binary64 */
#define B_HI 0x1.b3b644p+0f       /* 1.702 rounded down to binary32 */
#define B_LO 0x1.a1cac0p-24f      /* 1.702 - B_HI */
#define B_LL 0x1.0624dep-49f      /* 1.702 - B_HI - B_LO, rounded: the rest is below 2^-72 */
#define X_MIN -0x1.78p+6          /* -94: 1.702 x <= -160 below */

static inline __m256d gelu_sigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_max_pd(VD(X_MIN), x); /* NaN passes */
  return xsigmoid4d(x, _mm256_min_pd(VD(-EXP_TMIN), VD(B_D) * x));
}

static inline __m256d dgelu_sigmoid4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(-X_MIN), _mm256_max_pd(VD(X_MIN), x));
  __m256d z = VD(B_D) * x;
  return xsigmoid_d4d(z, z);
}

static inline __m256 near8(__m256 x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  return ROOT_NEAR8(V(B_HI) * x, H);
}

/* t = z - z0 in binary64: B_HI x and B_LO x are exact, B_HI x - X0_HI is
 * exact in the window, the other sums round once each (2^-53 of t) */
static inline __m256d t4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  __m256d a = (VD(B_HI) * x - VD(H_X0_HI)) + VD(B_LO) * x;
  return (a - VD(H_X0_LO)) + (VD(B_LL) * x - VD(H_X0_LL));
}

ACT_AVX2_FWD_4D(f32_gelu_sigmoid_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, gelu_sigmoid4d)
ACT_AVX2_BWD_4D_ROOT(f32_gelu_sigmoid_bwd_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, dgelu_sigmoid4d,
                     near8, t4d, &rp)
