/* logsigmoid(x) = -log1p(exp(-x)) = min(x, 0) - log1p(e), e = exp(-|x|),
 * within 2 ulp: log1p(e) from exp-fast-avx2.h (log1p_exp_s64), -|x|
 * clamped at -128 (log1p(e) < 2^-184 there), scaled by 2^-64 last.
 * logsigmoid(+inf) = -0, -inf at -inf, NaN -> NaN.
 * logsigmoid'(x) = sigmoid(-x) = N/(1 + e), N = 1 (x < 0) or e, one
 * division and one adjustment. */
#include "exp-fast-avx2.h"

static inline __m256 z_of(__m256 x)
{
  return _mm256_max_ps(V(EXPF_ZMIN), _mm256_or_ps(x, V(-0.0f))); /* -|x|; NaN passes */
}

static inline __m256 logsigmoid8(__m256 x, const float *p)
{
  (void)p;
  __m256 L = log1p_exp_s64(z_of(x), V(0.0f)) * V(EXPF_2M64);
  return _mm256_min_ps(x, V(0.0f)) - L; /* NaN x: min gives 0; the NaN comes from L */
}

static inline __m256 logsigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 e, dl, d = one_plus_s64(exp_s64(z_of(x), V(0.0f)), &e, &dl);
  return div_adj(_mm256_blendv_ps(e, V(1.0f), x), d, dl); /* x < 0: 1/(1 + e) */
}

ACT_AVX2_FWD(f32_logsigmoid_avx2_rr2_p6_log1p, logsigmoid8)
ACT_AVX2_BWD(f32_logsigmoid_bwd_avx2_rr2_p6_div, logsigmoid_d8)
