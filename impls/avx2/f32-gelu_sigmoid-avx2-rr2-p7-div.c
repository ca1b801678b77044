/* gelu_sigmoid(x) = x sigmoid(1.702 x): swish with beta = 1.702 exactly
 * (the decimal, as the reference): z = B_HI x + B_LO x as a float pair, so
 * the far left tail (x e^z, e^z from exp-avx2.h) keeps its accuracy.
 * gelu_sigmoid'(x) = s (1 + z (1 - s)) = silu'(z), cancels near z0 = -1.2785:
 * within 1/8 of z0, t P(t) instead, t = z - z0 (roots-avx2.h), with z to
 * 2^-72 (B_LL: t of the float nearest the root may be far below 2^-24). */
#include "roots-avx2.h"

static const root_poly rp = ROOT_COEFFS(H);

#define B_HI 0x1.b3b644p+0f  /* 1.702 rounded down to binary32 */
#define B_LO 0x1.a1cac0p-24f /* 1.702 - B_HI */
#define B_LL 0x1.0624dep-49f /* 1.702 - B_HI - B_LO, rounded: the rest is below 2^-72 */

static inline __m256 z_of(__m256 x, __m256 *zl)
{
  __m256 zh = V(B_HI) * x;
  *zl = _mm256_fmadd_ps(V(B_LO), x, _mm256_fmsub_ps(V(B_HI), x, zh));
  return zh;
}

static inline __m256 gelu_sigmoid8(__m256 x, const float *p)
{
  (void)p;
  __m256 zl, zh = z_of(x, &zl);
  return nan_fix(x, xsigmoid8(x, zh, zl));
}

/* t = z - z0 from z = zh + e1 + (b + be) + B_LL x, each part exact (e1 and
 * be by fms) but B_LL x; zh - X0_HI is exact in the window, the rest summed
 * by two_sum */
static inline __m256 t_of(__m256 x, __m256 zh, __m256 *tl)
{
  __m256 e1 = _mm256_fmsub_ps(V(B_HI), x, zh), b = rmul(V(B_LO), x);
  __m256 be = _mm256_fmsub_ps(V(B_LO), x, b);
  __m256 ae, a = two_sum(zh - V(H_X0_HI), e1, &ae);
  __m256 ce, c = two_sum(a, b, &ce);
  __m256 fe, f = two_sum(c, V(-H_X0_LO), &fe);
  *tl = ae + ce + fe + be + _mm256_fmsub_ps(V(B_LL), x, V(H_X0_LL));
  return f;
}

static inline __m256 gelu_sigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 zl, zh = z_of(x, &zl);
  __m256 d = xsigmoid_d8(zh, zl, zh, zl), near = ROOT_NEAR8(zh, H);
  if (root_any8(near)) {
    __m256 tl, th = t_of(x, zh, &tl);
    d = root_blend8(d, near, th, tl, &rp);
  }
  return nan_fix(x, d);
}

ACT_AVX2_FWD(f32_gelu_sigmoid_avx2_rr2_p7_div, gelu_sigmoid8)
ACT_AVX2_BWD(f32_gelu_sigmoid_bwd_avx2_rr2_p7_div, gelu_sigmoid_d8)
