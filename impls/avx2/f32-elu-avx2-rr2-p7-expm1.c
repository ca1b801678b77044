/* elu(x) = x > 0 ? x : alpha expm1(x), params {alpha}.  expm1 from
 * exp-avx2.h (expm1_8): a float pair, exact in its leading part for small
 * |x| (exp(r) - 1 carried without cancellation when n = 0), Fast2Sum of
 * e - 1 otherwise; alpha applied by one fma.  -alpha at -inf; +-0 and NaN
 * pass through (elu(-0) = -0).
 * elu'(x) = alpha exp(x) for x <= 0 (alpha at 0, PyTorch), 1 above: in
 * binary64 lanes (exp-avx2.h: exp4d, x clamped to [-160, 0]), rounded once,
 * also where the result is subnormal; NaN passes. */
#include "exp-avx2.h"

static inline __m256 elu8(__m256 x, const float *p)
{
  __m256 a = _mm256_broadcast_ss(p);
  __m256 t = _mm256_max_ps(V(EXP_TMIN), _mm256_min_ps(V(0.0f), x));
  act_exp8 E = exp8_rr2_p7(t, V(0.0f));
  __m256 ml, mh = expm1_8(&E, &ml);
  __m256 y = _mm256_fmadd_ps(a, mh, a * ml);
  return nan_fix(x, vsel(vlt(x, V(0.0f)), y, x));
}

/* one: alpha = 1, loops without the product and the select (exp(0) = 1
 * exactly gives elu'(x > 0) = 1) */
typedef struct {
  __m256d a;
  int one;
} alpha4d;
static inline alpha4d alpha_of(const float *p) { return (alpha4d){VD(p[0]), p[0] == 1.0f}; }

static inline __m256d elu_d4d(__m256d x, const alpha4d *s, int one)
{
  __m256d t = _mm256_max_pd(VD(EXP_TMIN), _mm256_min_pd(VD(0.0), x)); /* NaN passes */
  if (one)
    return exp4d(t);
  return _mm256_blendv_pd(s->a * exp4d(t), VD(1.0), _mm256_cmp_pd(x, VD(0.0), _CMP_GT_OQ));
}

ACT_AVX2_FWD(f32_elu_avx2_rr2_p7_expm1, elu8)
ACT_AVX2_BWD_4D(f32_elu_bwd_avx2_rr2_p7_exp, alpha4d, alpha_of, elu_d4d)
