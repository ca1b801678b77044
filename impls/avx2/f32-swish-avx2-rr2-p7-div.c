/* swish(x) = x sigmoid(beta x) = x/(1 + exp(-z)), z = beta x, params {beta},
 * in binary64 lanes (exp-avx2.h: xsigmoid4d): z is exact there, so no error
 * of z is amplified by exp; rounded to binary32 once.  Where z < -160
 * (binary32 z, or -inf) x is replaced by a zero of its sign first, so the
 * result is that zero (exact for |beta| >= 2^-70; x = +-inf too); z is
 * clamped to 160 above for exp only (x/(1 + e^-160) = x).  NaN passes.
 * swish'(x) = silu'(z) = (1 + E + z E)/(1 + E)^2, E = exp(-z)
 * (xsigmoid_d4d), z clamped to [-160, 160] (-0 and 1 beyond): cancels near
 * z0 = -1.2785: within 1/8 of z0, t P(t) for t = z - z0 from the exact z
 * (roots4d-avx2.h). */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

typedef struct {
  __m256 bf;
  __m256d b;
} beta8;
static inline beta8 beta_of(const float *p) { return (beta8){V(p[0]), VD(p[0])}; }

static inline __m256d swish4d(__m256d x, __m256d b)
{
  return xsigmoid4d(x, _mm256_min_pd(VD(-EXP_TMIN), b * x));
}

static inline __m256 swish8(__m256 x, const beta8 *s)
{
  __m256 keep = _mm256_cmp_ps(s->bf * x, V(EXP_TMIN), _CMP_NLT_UQ); /* z >= -160, or NaN */
  __m256 xk = _mm256_and_ps(x, _mm256_or_ps(keep, V(-0.0f)));      /* else a zero of x's sign */
  return join4d(swish4d(lo4d(xk), s->b), swish4d(hi4d(xk), s->b));
}

static inline __m256d clampz4d(__m256d z)
{
  return _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), z)); /* NaN passes */
}

static inline __attribute__((always_inline)) __m256 swish_d8(__m256 x, const beta8 *s)
{
  __m256d zlo = s->b * lo4d(x), zhi = s->b * hi4d(x), clo = clampz4d(zlo), chi = clampz4d(zhi);
  __m256 d = join4d(xsigmoid_d4d(clo, clo), xsigmoid_d4d(chi, chi));
  __m256 near = ROOT_NEAR8(s->bf * x, H);
  if (root_any8(near))
    d = root_blend4d(d, near, ROOT_TD(zlo, H), ROOT_TD(zhi, H), &rp);
  return d;
}

ACT_AVX2_FWD_S(f32_swish_avx2_rr2_p7_div, beta8, beta_of, swish8)
ACT_AVX2_BWD_S(f32_swish_bwd_avx2_rr2_p7_div, beta8, beta_of, swish_d8)
