/* selu(x) = scale (x > 0 ? x : alpha expm1(x)), the fixed constants of
 * Klambauer et al. as exact decimals (the reference's): scale and
 * scale*alpha are split hi + lo (hi rounded down, so lo > 0 and inf*hi +
 * inf*lo is inf), applied by fma: x > 0 rounds once.  expm1 as in elu.
 * selu(-0) = -0.  selu'(x) = scale (x > 0), scale alpha exp(x) (x <= 0): in
 * binary64 lanes (exp-avx2.h: kexp4d, x clamped to [-160, 0]; scale alpha
 * rounded to binary64 and folded into exp's coefficients), rounded once,
 * also where the result is subnormal. */
#include "exp-avx2.h"

#define SC_HI 0x1.0cfabcp+0f  /* scale = 1.0507009873554804934..., rounded down */
#define SC_LO 0x1.6a9114p-24f /* scale - SC_HI */
#define SC    0x1.0cfabep+0f  /* scale rounded to nearest */
#define SA_HI 0x1.c212ccp+0f  /* scale alpha = 1.7580993408473768599..., rounded down */
#define SA_LO 0x1.903c0cp-26f /* scale alpha - SA_HI */
#define SA_D  0x1.c212cc640f031p+0 /* scale alpha rounded to binary64 */

static inline __attribute__((always_inline)) __m256 selu8(__m256 x, const float *p)
{
  (void)p;
  __m256 t = _mm256_max_ps(V(EXP_TMIN), _mm256_min_ps(V(0.0f), x));
  act_exp8 E = exp8_rr2_p7(t, V(0.0f));
  __m256 ml, mh = expm1_8(&E, &ml);
  __m256 yn = _mm256_fmadd_ps(V(SA_HI), mh, _mm256_fmadd_ps(V(SA_HI), ml, V(SA_LO) * mh));
  __m256 yp = _mm256_fmadd_ps(V(SC_HI), x, V(SC_LO) * x);
  /* |x| < 2^-60: (scale or scale alpha) x, on x 2^64 so the low product is
   * not subnormal (results then do not depend on FTZ/DAZ) */
  __m256 tiny = vlt(vabs(x), V(0x1p-60f)), xs = V(0x1p+64f) * x;
  __m256 hi = vsel(vlt(x, V(0.0f)), V(SA_HI), V(SC_HI)), lo = vsel(vlt(x, V(0.0f)), V(SA_LO), V(SC_LO));
  __m256 yt = _mm256_fmadd_ps(hi, xs, lo * xs) * V(0x1p-64f);
  __m256 y = vsel(vlt(x, V(0.0f)), yn, vsel(vgt(x, V(0.0f)), yp, x));
  return nan_fix(x, vsel(_mm256_and_ps(tiny, vlt(V(0.0f), vabs(x))), yt, y));
}

static inline __m256d selu_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  const exp4d_k K = exp4d_k_of(SA_D, 1);                                 /* SA_D folded in */
  __m256d t = _mm256_max_pd(VD(EXP_TMIN), _mm256_min_pd(VD(0.0), x)); /* NaN passes */
  return _mm256_blendv_pd(kexp4d(t, &K), VD(SC), _mm256_cmp_pd(x, VD(0.0), _CMP_GT_OQ));
}

ACT_AVX2_FWD(f32_selu_avx2_rr2_p7_expm1, selu8)
ACT_AVX2_BWD_4D(f32_selu_bwd_avx2_rr2_p7_exp, act_nop4d, act_nop4d_of, selu_d4d)
