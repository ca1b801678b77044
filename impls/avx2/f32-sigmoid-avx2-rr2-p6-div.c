/* sigmoid(x) = 1/(1 + exp(-x)), faster than rr2-p7-div, within 2 ulp, not
 * 0.85: e = exp(-|x|) rounded once (exp-fast-avx2.h: rr2, degree-6
 * polynomial), 1 + e = d + dl exactly, N/(d + dl) with N = 1 (x >= 0) or e
 * (x < 0) by one division and one adjustment (div_adj).  The sign bit picks
 * N, so sigmoid(-0) = 1/2; -|x| is clamped at -128 (the result there, below
 * 2^-184, is 0); 1 at +inf, +0 at -inf, NaN -> NaN.
 * sigmoid'(x) = q - q^2, q = sigmoid(-|x|) <= 1/2, one fma: q's relative
 * error carries over at most once ((1 - 2q)/(1 - q) <= 1). */
#include "exp-fast-avx2.h"

/* exp(-|x|) and 1 + it = d + dl */
static inline __m256 e_of(__m256 x, __m256 *d, __m256 *dl)
{
  __m256 z = _mm256_max_ps(V(EXPF_ZMIN), _mm256_or_ps(x, V(-0.0f))); /* -|x|; NaN passes */
  __m256 e;
  *d = one_plus_s64(exp_s64(z, V(0.0f)), &e, dl);
  return e;
}

static inline __m256 sigmoid8(__m256 x, const float *p)
{
  (void)p;
  __m256 d, dl, e = e_of(x, &d, &dl);
  return div_adj(_mm256_blendv_ps(V(1.0f), e, x), d, dl); /* x < 0: e/(1 + e) */
}

static inline __m256 sigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d, dl, e = e_of(x, &d, &dl);
  __m256 q = div_adj(e, d, dl);
  return _mm256_fnmadd_ps(q, q, q);
}

ACT_AVX2_FWD(f32_sigmoid_avx2_rr2_p6_div, sigmoid8)
ACT_AVX2_BWD(f32_sigmoid_bwd_avx2_rr2_p6_div, sigmoid_d8)
