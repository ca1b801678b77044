/* celu(x) = x > 0 ? x : alpha expm1(x/alpha), params {alpha}.  x/alpha is
 * kept as a float pair (quotient + exact remainder/alpha), so exp does not
 * amplify its rounding; expm1 as in elu.  celu(-0) = -0.
 * celu'(x) = exp(x/alpha) for x <= 0 (1 at 0), 1 above: in binary64 lanes,
 * x/alpha as x (1/alpha) (two roundings: 2^-45 in exp for |x/alpha| <= 160;
 * x clamped to [-160 |alpha|, 0] first, so x > 0 gives exp(0) = 1 exactly),
 * exp4d (exp-avx2.h), rounded once; NaN passes. */
#include <math.h>

#include "exp-avx2.h"

static inline act_exp8 exp_x_alpha(__m256 x, __m256 a)
{
  __m256 q = _mm256_min_ps(V(0.0f), x / a);            /* NaN passes */
  __m256 ql = _mm256_fnmadd_ps(q, a, x) / a;          /* x/alpha - q */
  __m256 ok = vgt(q, V(EXP_TMIN));
  return exp8_rr2_p7(_mm256_max_ps(V(EXP_TMIN), q), _mm256_and_ps(ql, ok));
}

static inline __attribute__((always_inline)) __m256 celu8(__m256 x, const float *p)
{
  __m256 a = _mm256_broadcast_ss(p);
  act_exp8 E = exp_x_alpha(x, a);
  __m256 ml, mh = expm1_8(&E, &ml);
  __m256 y = _mm256_fmadd_ps(a, mh, a * ml);
  return nan_fix(x, vsel(vlt(x, V(0.0f)), y, x));
}

/* one: alpha = 1, loops without the product */
typedef struct {
  __m256d lo;   /* -160 |alpha| */
  __m256d inv;  /* 1/alpha */
  int one;
} celu_d;
static inline celu_d celu_d_of(const float *p)
{
  return (celu_d){VD(EXP_TMIN * fabs((double)p[0])), VD(1.0 / p[0]), p[0] == 1.0f};
}

static inline __m256d celu_d4d(__m256d x, const celu_d *s, int one)
{
  __m256d t = _mm256_max_pd(s->lo, _mm256_min_pd(VD(0.0), x)); /* NaN passes */
  if (!one)
    t = t * s->inv;
  return exp4d(t);
}

ACT_AVX2_FWD(f32_celu_avx2_rr2_p7_expm1, celu8)
ACT_AVX2_BWD_4D(f32_celu_bwd_avx2_rr2_p7_exp, celu_d, celu_d_of, celu_d4d)
