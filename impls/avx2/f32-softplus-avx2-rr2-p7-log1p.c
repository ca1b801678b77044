/* softplus(x) = log1p(exp(z))/beta, z = beta x, params {beta}:
 *   = (z > 0 ? x : 0) + log1p(e)/beta, e = exp(-|z|) <= 1,
 * z exact as a float pair, e from exp-avx2.h, log1p(e) = 2 atanh(e/(2 + e))
 * (log1p8_scaled: corrected quotient, degree-4 polynomial in s^2), formed as
 * L/2^n and scaled last so subnormal results round once.  softplus(-inf) = 0,
 * +inf at +inf.
 * softplus'(x) = sigmoid(z) = 1/(1 + exp(-z)) in binary64 lanes (z exact
 * there; exp-avx2.h: expm4d), x clamped to +-160/|beta| first (sigmoid(+-160)
 * rounds to 1 and 0 as beyond), rounded once; NaN passes. */
#include <math.h>

#include "exp-avx2.h"

static inline __attribute__((always_inline)) __m256 softplus8(__m256 x, const float *p)
{
  __m256 b = _mm256_broadcast_ss(p);
  __m256 zl, zh = mul_exact(b, x, &zl);
  __m256 th = _mm256_max_ps(V(EXP_TMIN), -vabs(zh));
  act_exp8 E = exp8_rr2_p7(th, vsel(vlt(zh, V(0.0f)), zl, -zl));
  __m256 L = exp8_scale(&E, log1p8_scaled(&E) / b);   /* log1p(e)/beta */
  __m256 y = _mm256_and_ps(x, vgt(zh, V(0.0f))) + L;  /* (z > 0 ? x : 0) + L */
  return nan_fix(x, y);
}

/* one: beta = 1, loops without the product (z = x exactly either way) */
typedef struct {
  __m256d lim; /* 160/|beta| (inf for beta = 0) */
  __m256d b;
  int one;
} sp_d;
static inline sp_d sp_d_of(const float *p)
{
  return (sp_d){VD(-EXP_TMIN / fabs((double)p[0])), VD(p[0]), p[0] == 1.0f};
}

static inline __m256d softplus_d4d(__m256d x, const sp_d *s, int one)
{
  x = _mm256_min_pd(s->lim, _mm256_max_pd(-s->lim, x)); /* NaN passes */
  if (!one)
    x = s->b * x;
  return VD(1.0) / (VD(1.0) + expm4d(x));
}

ACT_AVX2_FWD(f32_softplus_avx2_rr2_p7_log1p, softplus8)
ACT_AVX2_BWD_4D(f32_softplus_bwd_avx2_rr2_p7_div, sp_d, sp_d_of, softplus_d4d)
