/* elu(x) = x > 0 ? x : alpha expm1(x), params {alpha}, within 2 ulp:
 * expm1 from exp-fast-avx2.h (rr2, degree-6 polynomial, fma(s, expm1(t),
 * s - 1)), x clamped to [-20, 0] there (-alpha below), then alpha times it
 * (exact for alpha = 1).  +-0 and NaN pass through (elu(-0) = -0).
 * elu'(x) = alpha exp(x) for x <= 0 (alpha at 0, PyTorch), 1 above;
 * exp from exp_s64 over [-128, 0], scaled by 2^-64 last (subnormal results
 * round once). */
#include "exp-fast-avx2.h"

static inline __m256 z_of(__m256 x)
{
  return _mm256_max_ps(V(EXPM1_ZMIN), _mm256_min_ps(V(0.0f), x)); /* NaN passes */
}

static inline __m256 elu8(__m256 x, const float *p)
{
  __m256 y = _mm256_broadcast_ss(p) * expm1_fast8(z_of(x));
  return vsel(_mm256_cmp_ps(x, V(0.0f), _CMP_GE_OQ), x, y);
}

static inline __m256 elu_d8(__m256 x, const float *p)
{
  __m256 z = _mm256_max_ps(V(EXPF_ZMIN), _mm256_min_ps(V(0.0f), x)); /* NaN passes */
  __m256 d = _mm256_broadcast_ss(p) * exp_s64(z, V(0.0f)) * V(EXPF_2M64);
  return vsel(vgt(x, V(0.0f)), V(1.0f), d);
}

ACT_AVX2_FWD(f32_elu_avx2_rr2_p6_expm1, elu8)
ACT_AVX2_BWD(f32_elu_bwd_avx2_rr2_p6_exp, elu_d8)
