/* softplus(x) = log1p(exp(z))/beta, z = beta x, params {beta}:
 *   = (z > 0 ? x : 0) + log1p(e)/beta, e = exp(-|z|) <= 1,
 * in binary64 lanes (z exact there; exp-avx2.h: expm4d, relative error
 * 2^-28.5, |z| clamped to 700; log1p4d_P: s = e/(2 + e), log1p(e) = s P(s^2),
 * 2^-33.2), finished by one fma, rounded to binary32 once (also where the
 * result is subnormal: binary64 holds e down to e^-700).  Both terms have
 * the sign of beta: nothing cancels, so results are within about 0.5 +
 * 2^-4.4 ulp.  beta = 1 loops without the product and 1/beta (max(x, 0)).
 * softplus(-inf) = +0 (e^-700 rounds to 0), +inf at +inf, log 2 at -0; NaN
 * passes every step (the min keeps its second operand, |z|).
 * softplus'(x) = sigmoid(z) = 1/(1 + exp(-z)) in binary64 lanes (z exact
 * there; exp-avx2.h: expm4d), x clamped to +-160/|beta| first (sigmoid(+-160)
 * rounds to 1 and 0 as beyond), rounded once; NaN passes. */
#include <math.h>

#include "exp-avx2.h"

/* one: beta = 1, loops without the product (z = x exactly either way) */
typedef struct {
  __m256d lim; /* 160/|beta| (inf for beta = 0) */
  __m256d b, ib; /* beta, 1/beta (rounded: 2^-53 more) */
  int one;
} sp_d;
static inline sp_d sp_d_of(const float *p)
{
  return (sp_d){VD(-EXP_TMIN / fabs((double)p[0])), VD(p[0]), VD(1.0 / (double)p[0]),
                p[0] == 1.0f};
}

static inline __attribute__((always_inline)) __m256d softplus4d(__m256d x, const sp_d *s, int one)
{
  return softplus_4d(x, s->b, s->ib, one);
}

static inline __m256d softplus_d4d(__m256d x, const sp_d *s, int one)
{
  x = _mm256_min_pd(s->lim, _mm256_max_pd(-s->lim, x)); /* NaN passes */
  if (!one)
    x = s->b * x;
  return sigmoid_u4d(x); /* S/(S + p): 1/(1 + e^-x) */
}

ACT_AVX2_FWD_4D(f32_softplus_avx2_rr2_p7_log1p, sp_d, sp_d_of, softplus4d)
ACT_AVX2_BWD_4D(f32_softplus_bwd_avx2_rr2_p7_div, sp_d, sp_d_of, softplus_d4d)
