/* celu(x) = x > 0 ? x : alpha expm1(x/alpha), params {alpha}, within 2 ulp:
 * x/alpha by one division (its rounding reaches expm1 damped: |z e^z /
 * expm1(z)| <= 1 for z < 0), expm1 as in elu (exp-fast-avx2.h), times
 * alpha.  celu(-0) = -0, NaN passes.
 * celu'(x) = exp(x/alpha) for x <= 0 (1 at 0), 1 above;
 * exp from exp_s64 over [-128, 0], scaled by 2^-64 last (subnormal results
 * round once).
 * alpha > 0 only: x/alpha is clamped to [-128, 0], so alpha < 0 (which
 * PyTorch allows, and rr2-p7 handles) gives -0 for every x < 0 and
 * `actcheck check --param alpha=-1` fails it. */
#include "exp-fast-avx2.h"

static inline __m256 z_of(__m256 x, const float *p)
{
  return _mm256_max_ps(V(EXPM1_ZMIN), _mm256_min_ps(V(0.0f), x / _mm256_broadcast_ss(p)));
}

static inline __m256 celu8(__m256 x, const float *p)
{
  __m256 y = _mm256_broadcast_ss(p) * expm1_fast8(z_of(x, p));
  return vsel(_mm256_cmp_ps(x, V(0.0f), _CMP_GE_OQ), x, y);
}

static inline __m256 celu_d8(__m256 x, const float *p)
{
  __m256 z = _mm256_max_ps(V(EXPF_ZMIN), _mm256_min_ps(V(0.0f), x / _mm256_broadcast_ss(p)));
  return vsel(vgt(x, V(0.0f)), V(1.0f), exp_s64(z, V(0.0f)) * V(EXPF_2M64));
}

ACT_AVX2_FWD(f32_celu_avx2_rr2_p6_expm1, celu8)
ACT_AVX2_BWD(f32_celu_bwd_avx2_rr2_p6_exp, celu_d8)
