/* gelu_tanh(x) = x/2 (1 + tanh(u)) = x sigmoid(z), z = 2u = K2 (x + C x^3),
 * K2 = 2 sqrt(2/pi), C = 0.044715 (exact decimals, as the reference).
 * z is formed as a float pair (x^2, x^3 by fma, K2 and K2 C split hi + lo),
 * so its error (2^-40 relative) is not amplified by exp in the far left tail,
 * where x e^z is tiny.  Then x sigmoid(z) from exp-avx2.h (xsigmoid8).
 * x is clamped to [-20, 20] for z only (z(-20) < -160: the result is -0;
 * z > 32: x).
 * gelu_tanh'(x) = s (1 + g (1 - s)), g = x z'(x) = K2 x + 3 K2 C x^3
 * (xsigmoid_d8): cancels near the root x0 = -0.7525: within 1/8 of x0,
 * t P(t) instead, t = x - x0 (roots-avx2.h). */
#include "roots-avx2.h"

static const root_poly rp = ROOT_COEFFS(GT);

#define K2_HI   0x1.988452p+0f  /* 2 sqrt(2/pi), rounded down */
#define K2_LO   0x1.3d4366p-24f /* 2 sqrt(2/pi) - K2_HI */
#define K2C_HI  0x1.2444f2p-4f  /* 2 sqrt(2/pi) 0.044715, rounded down */
#define K2C_LO  0x1.49b16ap-29f /* the rest */
#define K2C3_HI 0x1.b6676ap-3f  /* 3 * 2 sqrt(2/pi) 0.044715, rounded down */
#define K2C3_LO 0x1.f74510p-27f /* the rest */

/* z (returned, low part *zl) and g (*gh + *gl) of x */
static inline __m256 zg(__m256 x, __m256 *zl, __m256 *gh, __m256 *gl)
{
  __m256 xc = _mm256_min_ps(V(20.0f), _mm256_max_ps(V(-20.0f), x)); /* NaN passes */
  __m256 x2l, x2h = mul_dd(xc, V(0.0f), xc, V(0.0f), &x2l);         /* x^2 */
  __m256 x3l, x3h = mul_dd(x2h, x2l, xc, V(0.0f), &x3l);            /* x^3 */
  __m256 bl, bh = mul_dd(V(K2_HI), V(K2_LO), xc, V(0.0f), &bl);     /* K2 x */
  __m256 al, ah = mul_dd(V(K2C_HI), V(K2C_LO), x3h, x3l, &al);      /* K2 C x^3 */
  __m256 cl, ch = mul_dd(V(K2C3_HI), V(K2C3_LO), x3h, x3l, &cl);    /* 3 K2 C x^3 */
  __m256 e1, z = two_sum(bh, ah, &e1);
  __m256 e2, g = two_sum(bh, ch, &e2);
  *gh = fast_two_sum(g, e2 + bl + cl, gl);
  return fast_two_sum(z, e1 + bl + al, zl);
}

static inline __m256 gelu_tanh8(__m256 x, const float *p)
{
  (void)p;
  __m256 zl, gh, gl, zh = zg(x, &zl, &gh, &gl);
  return nan_fix(x, xsigmoid8(x, zh, zl));
}

static inline __m256 gelu_tanh_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 zl, gh, gl, zh = zg(x, &zl, &gh, &gl);
  __m256 d = xsigmoid_d8(zh, zl, gh, gl), near = ROOT_NEAR8(x, GT);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_TX8(x, GT, &tl);
    d = root_blend8(d, near, th, tl, &rp);
  }
  return nan_fix(x, d);
}

ACT_AVX2_FWD(f32_gelu_tanh_avx2_rr2_p7_div, gelu_tanh8)
ACT_AVX2_BWD(f32_gelu_tanh_bwd_avx2_rr2_p7_div, gelu_tanh_d8)
