/* selu(x) = scale (x > 0 ? x : alpha expm1(x)), the fixed constants of
 * Klambauer et al. as exact decimals (the reference's), in binary64 lanes:
 * scale alpha expm1(x) (exp-avx2.h: expm1_4d, relative error 2^-31.9; x
 * clamped below at -160, x > 0 takes the select; scale alpha rounded to
 * binary64, 2^-53) and scale x (scale rounded to binary64: the product is
 * within 2^-52 of scale x, so it rounds correctly except within 2^-28 ulp
 * of a tie), each rounded to binary32 once: within 0.5 + 2^-7.9 ulp.  No
 * subnormal intermediate for tiny or huge x (the float-pair version ran 2x
 * slower there).
 * selu(-0) = -0.  selu'(x) = scale (x > 0), scale alpha exp(x) (x <= 0): in
 * binary64 lanes (exp-avx2.h: kexp4d, x clamped below at -160, no clamp
 * above: x > 0 takes scale by the select; scale alpha rounded to binary64
 * and folded into exp's coefficients), times dy and rounded once, also
 * where the result is subnormal.  Above 0, dy times scale rounded to
 * binary64 (before: to binary32, exact only at dy = 1). */
#include "exp-avx2.h"

#define SC_D  0x1.0cfabd6a91132p+0 /* scale rounded to binary64 */
#define SA_D  0x1.c212cc640f031p+0 /* scale alpha rounded to binary64 */

static inline __m256d selu4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  __m256d t = _mm256_max_pd(VD(EXP_TMIN), x); /* NaN passes; x > 0: the select */
  __m256d yn = VD(SA_D) * expm1_4d(t);
  /* the select on x's sign bit (expm1_4d(-0) = -0), not as elu_tail4d_lo
   * on scale x (2% slower) */
  return _mm256_blendv_pd(VD(SC_D) * x, yn, x);
}

static inline __m256d selu_d4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  const exp4d_k K = exp4d_k_of(SA_D, 1);                                 /* SA_D folded in */
  /* no min(x, 0): the select replaces every x > 0 (+inf's NaN too) */
  __m256d t = _mm256_max_pd(VD(EXP_TMIN), x); /* NaN passes */
  return _mm256_blendv_pd(kexp4d(t, &K), VD(SC_D), _mm256_cmp_pd(x, VD(0.0), _CMP_GT_OQ));
}

ACT_AVX2_FWD_4D(f32_selu_avx2_rr2_p7_expm1, act_nop4d, act_nop4d_of, selu4d)
ACT_AVX2_BWD_4D(f32_selu_bwd_avx2_rr2_p7_exp, act_nop4d, act_nop4d_of, selu_d4d)
