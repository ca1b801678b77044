/* elu(x) = x > 0 ? x : alpha expm1(x), params {alpha}: in binary64 lanes
 * (exp-avx2.h: expm1_4d, 2^n (e^r - 1) + (2^n - 1) with a degree-6 Remez
 * polynomial for (e^r - 1)/r, relative error 2^-31.9; x clamped below at
 * -160, not above: x > 0 takes x by the select), alpha applied in binary64
 * (2^-53 more), rounded to binary32 once, so within 0.5 + 2^-7.9 ulp (a
 * sweep, alpha = 1: 0.504).  -alpha at -inf; +-0 and NaN pass through
 * (elu(-0) = -0).  2x faster than the float-pair version (exp8_rr2_p7,
 * expm1_8) on tiny and huge inputs, where that one's intermediates were
 * subnormal, 1.34x the binary64 one with the Taylor series and exp - 1
 * both computed; 1.04x oneDNN's (less accurate) elu at L1 on Zen 3
 * since expm1_4d ends in one fmsub on s r formed beside Horner and the
 * select reads x's sign bit (1.47 el/ns; 0.86x before, 0.67 to 0.72x on
 * Zen 4 before the clamp above 0 went).
 * elu'(x) = alpha exp(x) for x <= 0 (alpha at 0, PyTorch), 1 above: in
 * binary64 lanes (exp-avx2.h: exp4d, x clamped to [-160, 0]), rounded once,
 * also where the result is subnormal; NaN passes. */
#include "exp-avx2.h"

/* one: alpha = 1, loops without the product and the select (exp(0) = 1
 * exactly gives elu'(x > 0) = 1) */
typedef struct {
  __m256d a;
  int one;
} alpha4d;
static inline alpha4d alpha_of(const float *p) { return (alpha4d){VD(p[0]), p[0] == 1.0f}; }

static inline __m256d elu4d(__m256d x, const alpha4d *s, int one)
{
  /* clamped below only: x > 0 takes x by the select */
  return elu_tail4d_lo(x, _mm256_max_pd(VD(EXP_TMIN), x), s->a, one);
}

static inline __m256d elu_d4d(__m256d x, const alpha4d *s, int one)
{
  __m256d t = _mm256_max_pd(VD(EXP_TMIN), _mm256_min_pd(VD(0.0), x)); /* NaN passes */
  if (one)
    return exp4d(t);
  return _mm256_blendv_pd(s->a * exp4d(t), VD(1.0), _mm256_cmp_pd(x, VD(0.0), _CMP_GT_OQ));
}

ACT_AVX2_FWD_4D(f32_elu_avx2_rr2_p7_expm1, alpha4d, alpha_of, elu4d)
ACT_AVX2_BWD_4D(f32_elu_bwd_avx2_rr2_p7_exp, alpha4d, alpha_of, elu_d4d)
