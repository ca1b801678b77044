/* celu(x) = x > 0 ? x : alpha expm1(x/alpha), params {alpha}, in binary64
 * lanes: x/alpha as x (1/alpha) (two roundings, 2^-52 relative in the
 * argument: at most 2^-52 |t| e^t/|expm1(t)| <= 2^-51.9 in expm1 for t <= 0),
 * clamped to [-160, 160] (alpha < 0 makes it positive), expm1_4d
 * (exp-avx2.h: relative error 2^-31.9 for t <= 0, 2^-31.4 above), alpha
 * applied in binary64, rounded to binary32 once: within 0.5 + 2^-7.4 ulp.
 * celu(-0) = -0; NaN passes.
 * celu'(x) = exp(x/alpha) for x <= 0 (1 at 0), 1 above: in binary64 lanes,
 * x/alpha as x (1/alpha) (two roundings: 2^-45 in exp for |x/alpha| <= 160;
 * x clamped to [-160 |alpha|, 0] first, so x > 0 gives exp(0) = 1 exactly),
 * exp4d (exp-avx2.h), rounded once; NaN passes. */
#include <math.h>

#include "exp-avx2.h"

/* one: alpha = 1, loops without the product */
typedef struct {
  __m256d a;    /* alpha */
  __m256d lo;   /* -160 |alpha| */
  __m256d inv;  /* 1/alpha */
  int one;
} celu_d;
static inline celu_d celu_d_of(const float *p)
{
  return (celu_d){VD(p[0]), VD(EXP_TMIN * fabs((double)p[0])), VD(1.0 / p[0]), p[0] == 1.0f};
}

static inline __m256d celu4d(__m256d x, const celu_d *s, int one)
{
  __m256d t = x;
  if (!one)
    t = x * s->inv; /* x/alpha */
  return elu_tail4d(x, t, s->a, one);
}

static inline __m256d celu_d4d(__m256d x, const celu_d *s, int one)
{
  __m256d t = _mm256_max_pd(s->lo, _mm256_min_pd(VD(0.0), x)); /* NaN passes */
  if (!one)
    t = t * s->inv;
  return exp4d(t);
}

ACT_AVX2_FWD_4D(f32_celu_avx2_rr2_p7_expm1, celu_d, celu_d_of, celu4d)
ACT_AVX2_BWD_4D(f32_celu_bwd_avx2_rr2_p7_exp, celu_d, celu_d_of, celu_d4d)
