/* gelu_tanh(x) = x/2 (1 + tanh(u)) = x sigmoid(z), z = 2u = K2 (x + C x^3),
 * K2 = 2 sqrt(2/pi), C = 0.044715 (exact decimals, as the reference), in
 * binary64 lanes: z = x (K2 + K2C x^2), K2 and K2C = K2 C rounded to
 * binary64 (z off by about 2^-51 relative, 2^-42 in exp(-z) for |z| <= 603),
 * then x/(1 + exp(-z)) (exp-avx2.h: xsigmoid4d) rounded once.  x is clamped
 * to -20 below (z(-20) = -603: -0), z to 160 above for exp only (x there).
 * NaN passes.
 * gelu_tanh'(x) = s (1 + g (1 - s)), g = x z'(x) = x (K2 + 3 K2C x^2)
 * (xsigmoid_d4d), x clamped to [-12, 12] (|z| <= 143; -0 and 1 beyond):
 * cancels near the root x0 = -0.7525: within 1/8 of x0, t P(t) instead,
 * t = x - x0 (roots4d-avx2.h). */
#include "roots4d-avx2.h"

static const root_poly rp = ROOT_COEFFS(GT);

#define K2   0x1.9884533d43651p+0  /* 2 sqrt(2/pi) */
#define K2C  0x1.2444f2a4d8b4bp-4  /* 2 sqrt(2/pi) 0.044715 */
#define K2C3 0x1.b6676bf7450f0p-3  /* 3 * 2 sqrt(2/pi) 0.044715 */

static inline __m256d gelu_tanh4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_max_pd(VD(-20.0), x); /* NaN passes */
  __m256d z = x * _mm256_fmadd_pd(VD(K2C), x * x, VD(K2));
  return xsigmoid4d(x, _mm256_min_pd(VD(-EXP_TMIN), z));
}

static inline __m256d dgelu_tanh4d(__m256d x, const act_nop4d *s, int one)
{
  (void)s, (void)one;
  x = _mm256_min_pd(VD(12.0), _mm256_max_pd(VD(-12.0), x));
  __m256d x2 = x * x;
  __m256d z = x * _mm256_fmadd_pd(VD(K2C), x2, VD(K2)), g = x * _mm256_fmadd_pd(VD(K2C3), x2, VD(K2));
  return xsigmoid_d4d(z, g);
}

ACT_AVX2_FWD_4D(f32_gelu_tanh_avx2_rr2_p7_div, act_nop4d, act_nop4d_of, gelu_tanh4d)
ACT_AVX2_BWD_4D_ROOT_X(f32_gelu_tanh_bwd_avx2_rr2_p7_div, dgelu_tanh4d, GT, &rp)
