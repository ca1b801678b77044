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

static inline __m256d gelu_tanh4d(__m256d x)
{
  __m256d z = x * _mm256_fmadd_pd(VD(K2C), x * x, VD(K2));
  return xsigmoid4d(x, _mm256_min_pd(VD(-EXP_TMIN), z)); /* NaN: second operand */
}

static inline __m256 gelu_tanh8(__m256 x, const float *p)
{
  (void)p;
  __m256 xc = _mm256_max_ps(V(-20.0f), x); /* NaN passes */
  return join4d(gelu_tanh4d(lo4d(xc)), gelu_tanh4d(hi4d(xc)));
}

static inline __m256d dgelu_tanh4d(__m256d x)
{
  __m256d x2 = x * x;
  __m256d z = x * _mm256_fmadd_pd(VD(K2C), x2, VD(K2)), g = x * _mm256_fmadd_pd(VD(K2C3), x2, VD(K2));
  return xsigmoid_d4d(z, g);
}

static inline __attribute__((always_inline)) __m256 gelu_tanh_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 xc = _mm256_min_ps(V(12.0f), _mm256_max_ps(V(-12.0f), x));
  __m256d lo = lo4d(xc), hi = hi4d(xc);
  __m256 d = join4d(dgelu_tanh4d(lo), dgelu_tanh4d(hi)), near = ROOT_NEAR8(x, GT);
  if (root_any8(near))
    d = root_blend4d(d, near, ROOT_TD(lo, GT), ROOT_TD(hi, GT), &rp);
  return d;
}

ACT_AVX2_FWD(f32_gelu_tanh_avx2_rr2_p7_div, gelu_tanh8)
ACT_AVX2_BWD(f32_gelu_tanh_bwd_avx2_rr2_p7_div, gelu_tanh_d8)
