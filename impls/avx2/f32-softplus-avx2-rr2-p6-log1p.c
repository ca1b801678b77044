/* softplus(x) = log1p(exp(z))/beta, z = beta x, params {beta}, within 2 ulp
 * for beta = 1 (another beta adds the rounding of the division by beta:
 * 2.07 ulp at beta = 3, `actcheck check --param beta=3`):
 *   = (z > 0 ? x : 0) + log1p(e)/beta, e = exp(-|z|) <= 1,
 * z exact as a float pair, clamped to [-128, 128] (log1p(e) < 2^-184
 * beyond), log1p(e) from exp-fast-avx2.h (log1p_exp_s64: e as a float pair,
 * 2 atanh(e/(2 + e)), degree-3 polynomial), scaled by 2^-64 last.
 * softplus(-inf) = 0, +inf at +inf, NaN -> NaN.  Two-stage loop
 * (ACT_AVX2_FWD_PIPE2): the exp, then log1p.
 * softplus'(x) = sigmoid(z): N/(1 + e) with N = 1 (z >= 0) or e, one
 * division and one adjustment (as f32-sigmoid-avx2-rr2-p6-div). */
#include "exp-fast-avx2.h"

static inline __m256 zn_of(__m256 x, const float *p, __m256 *zh, __m256 *tl)
{
  __m256 zl;
  *zh = mul_exact(_mm256_broadcast_ss(p), x, &zl);
  __m256 zc = _mm256_min_ps(V(-EXPF_ZMIN), _mm256_max_ps(V(EXPF_ZMIN), *zh)); /* NaN passes */
  return negabs_pair(zc, zl, tl);
}

typedef struct { __m256 xp, es, esl; } softplus_st;

static inline softplus_st softplus_exp8(__m256 x, const float *p) /* the first stage */
{
  softplus_st s;
  __m256 zh, tl, t = zn_of(x, p, &zh, &tl);
  s.xp = _mm256_and_ps(x, vgt(zh, V(0.0f)));   /* x where z > 0, else 0 */
  s.es = exp_s64_pair(t, tl, &s.esl);
  return s;
}

static inline __m256 softplus_log8(softplus_st s, const float *p) /* the second */
{
  __m256 L = log1p_s64(s.es, s.esl) * V(EXPF_2M64);
  if (*p != 1.0f) /* the division costs as much as the rest: skipped for the default */
    L = L / _mm256_broadcast_ss(p);
  return s.xp + L;
}

static inline __m256 softplus_d8(__m256 x, const float *p)
{
  __m256 zh, tl, t = zn_of(x, p, &zh, &tl);
  __m256 e, dl, d = one_plus_s64(exp_s64(t, tl), &e, &dl);
  return div_adj(_mm256_blendv_ps(V(1.0f), e, zh), d, dl);
}

ACT_AVX2_FWD_PIPE2(f32_softplus_avx2_rr2_p6_log1p, softplus_st, softplus_exp8, softplus_log8)
ACT_AVX2_BWD(f32_softplus_bwd_avx2_rr2_p6_div, softplus_d8)
