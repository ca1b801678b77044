/* selu(x) = scale (x > 0 ? x : alpha expm1(x)), the fixed constants as exact
 * decimals (the reference's), within 2 ulp: scale and scale alpha split
 * hi + lo (hi rounded down, so inf hi + inf lo = inf), applied by fma;
 * expm1 as in elu (exp-fast-avx2.h).  selu(-0) = -0, NaN passes.
 * selu'(x) = scale (x > 0), scale alpha exp(x) (x <= 0), exp
 * from exp_s64 over [-128, 0], scaled by 2^-64 last. */
#include "exp-fast-avx2.h"

#define SC_HI 0x1.0cfabcp+0f  /* scale = 1.0507009873554804934..., rounded down */
#define SC_LO 0x1.6a9114p-24f /* scale - SC_HI */
#define SC    0x1.0cfabep+0f  /* scale rounded to nearest */
#define SA_HI 0x1.c212ccp+0f  /* scale alpha = 1.7580993408473768599..., rounded down */
#define SA_LO 0x1.903c0cp-26f /* scale alpha - SA_HI */

static inline __m256 z_of(__m256 x)
{
  return _mm256_max_ps(V(EXPM1_ZMIN), _mm256_min_ps(V(0.0f), x)); /* NaN passes */
}

static inline __m256 selu8(__m256 x, const float *p)
{
  (void)p;
  __m256 m = expm1_fast8(z_of(x));
  __m256 yn = _mm256_fmadd_ps(V(SA_HI), m, V(SA_LO) * m);
  __m256 yp = _mm256_fmadd_ps(V(SC_HI), x, V(SC_LO) * x);
  __m256 y = vsel(_mm256_cmp_ps(x, V(0.0f), _CMP_GE_OQ), yp, yn);
  /* |x| < 2^-60: (scale or scale alpha) x on 2^64 x, so that the low
   * product is not subnormal (normal results do not depend on FTZ/DAZ) */
  __m256 xs = V(0x1p+64f) * x, neg = vlt(x, V(0.0f));
  __m256 yt = _mm256_fmadd_ps(vsel(neg, V(SA_HI), V(SC_HI)), xs,
                              vsel(neg, V(SA_LO), V(SC_LO)) * xs) * V(0x1p-64f);
  return vsel(vlt(vabs(x), V(0x1p-60f)), yt, y);
}

static inline __m256 selu_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 z = _mm256_max_ps(V(EXPF_ZMIN), _mm256_min_ps(V(0.0f), x)); /* NaN passes */
  __m256 e = exp_s64(z, V(0.0f));
  __m256 d = _mm256_fmadd_ps(V(SA_HI), e, V(SA_LO) * e) * V(EXPF_2M64);
  return vsel(vgt(x, V(0.0f)), V(SC), d);
}

ACT_AVX2_FWD(f32_selu_avx2_rr2_p6_expm1, selu8)
ACT_AVX2_BWD(f32_selu_bwd_avx2_rr2_p6_exp, selu_d8)
