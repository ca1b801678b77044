/* swish(x) = x sigmoid(beta x) = x/(1 + exp(-z)), z = beta x, params {beta},
 * in binary64 lanes (exp-avx2.h: xsigmoid4d): z is exact there, so no error
 * of z is amplified by exp; rounded to binary32 once.  z is clamped to
 * [-700, 160] for exp only (x/(1 + e^-160) = x; below -700, x/(1 + e^700)
 * rounds to a zero of x's sign for every finite x) and x to +-2^850 for the
 * numerator (+-inf: inf/(1 + e^-160) still rounds to inf, 2^850/(1 + e^700)
 * to 0).  NaN passes.
 * swish'(x) = silu'(z) = (1 + E + z E)/(1 + E)^2, E = exp(-z)
 * (xsigmoid_d4d), z clamped to [-160, 160] (-0 and 1 beyond): cancels near
 * z0 = -1.2785: within 1/8 of z0, t P(t) for t = z - z0 from the exact z
 * (roots4d-avx2.h).  beta = 1 has loops of its own without the products
 * (z = x exactly either way). */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

typedef struct {
  __m256 bf;
  __m256d b;
  int one;
} beta8;
static inline beta8 beta_of(const float *p) { return (beta8){V(p[0]), VD(p[0]), p[0] == 1.0f}; }

static inline __m256d z_of(__m256d x, const beta8 *s, int one)
{
  if (!one)
    x = s->b * x;
  return x;
}

static inline __m256d swish4d(__m256d x, const beta8 *s, int one)
{
  __m256d u = _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(-700.0), z_of(x, s, one))); /* NaN passes */
  __m256d xn = _mm256_min_pd(VD(0x1p+850), _mm256_max_pd(VD(-0x1p+850), x));
  return xsigmoid4d(xn, u);
}

static inline __m256d swish_d4d(__m256d x, const beta8 *s, int one)
{
  __m256d z = _mm256_min_pd(VD(-EXP_TMIN), _mm256_max_pd(VD(EXP_TMIN), z_of(x, s, one)));
  return xsigmoid_d4d(z, z);
}

static inline __m256 near8(__m256 x, const beta8 *s, int one)
{
  if (!one)
    x = s->bf * x;
  return ROOT_NEAR8(x, H);
}

static inline __m256d t4d(__m256d x, const beta8 *s, int one) { return ROOT_TD(z_of(x, s, one), H); }

ACT_AVX2_FWD_4D(f32_swish_avx2_rr2_p7_div, beta8, beta_of, swish4d)
ACT_AVX2_BWD_4D_ROOT(f32_swish_bwd_avx2_rr2_p7_div, beta8, beta_of, swish_d4d, near8, t4d, &rp)
