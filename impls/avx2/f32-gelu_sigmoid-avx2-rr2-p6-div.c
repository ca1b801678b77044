/* gelu_sigmoid(x) = x sigmoid(1.702 x), within 2 ulp: z = B_HI x + B_LO x
 * as a float pair (1.702 is the exact decimal, as in the reference), so the
 * far left tail, x e^z, keeps its accuracy; then as silu (exp-fast-avx2.h:
 * xsigmoid_fast8).  x is clamped at -75 (z >= -127.7: the result there
 * rounds to -0) and at 75 for z only; gelu_sigmoid(-inf) = -0.  Two-stage
 * loop (ACT_AVX2_FWD_PIPE2): z and the exp, then the division.
 * gelu_sigmoid'(x) = s (1 + z (1 - s)) (xsigmoid_d_fast8): cancels
 * near z0 = -1.2785: within 1/4 of z0, t P(t) instead (xsig_root8;
 * gelu_sigmoid' in z is silu'), t = z - z0 by two_sum with z to 2^-78
 * (B_LL: t of the float nearest the root may be far below 2^-24). */
#include "exp-fast-avx2.h"
#include "roots-avx2.h"

#define B_HI  0x1.b3b646p+0f   /* 1.702 rounded to binary32 */
#define B_LO  -0x1.78d4fep-26f /* 1.702 - B_HI, rounded (the rest is below 2^-54) */
#define B_LL  0x1.89374cp-55f  /* 1.702 - B_HI - B_LO, rounded (the rest is below 2^-81) */
#define X_MIN -0x1.2cp+6f      /* -75: 1.702 x >= -127.65 */

static inline __m256 z_of(__m256 x, __m256 *zl)
{
  __m256 zh = V(B_HI) * x;
  *zl = _mm256_fmadd_ps(V(B_LO), x, _mm256_fmsub_ps(V(B_HI), x, zh));
  return zh;
}

static inline xsig_st gelu_sigmoid_exp8(__m256 x, const float *p) /* the first stage */
{
  (void)p;
  __m256 xc = _mm256_max_ps(V(X_MIN), x);                    /* NaN passes */
  __m256 zl, zh = z_of(_mm256_min_ps(V(-X_MIN), xc), &zl);
  return xsig_exp8(xc, zh, zl);
}
static inline __m256 gelu_sigmoid_div8(xsig_st s, const float *p) { (void)p; return xsig_div8(s); }

/* t = z - z0 for zh in the window: z = zh + e1 + (b + be) + B_LL x with
 * e1, be the exact errors of B_HI x and b = B_LO x (fms); zh - X0_HI is
 * exact there (Sterbenz), the parts summed by two_sum, the rest rounded */
static inline __m256 t_of(__m256 x, __m256 zh, __m256 *tl)
{
  __m256 e1 = _mm256_fmsub_ps(V(B_HI), x, zh), b = rmul(V(B_LO), x);
  __m256 be = _mm256_fmsub_ps(V(B_LO), x, b);
  __m256 ae, a = two_sum(zh - V(HS_X0_HI), e1, &ae);
  __m256 ce, c = two_sum(a, b, &ce);
  __m256 fe, f = two_sum(c, V(-HS_X0_LO), &fe);
  *tl = ae + ce + fe + be + _mm256_fmsub_ps(V(B_LL), x, V(HS_X0_LL));
  return f;
}

static inline __attribute__((always_inline)) __m256 gelu_sigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 zl, zh = z_of(_mm256_min_ps(V(-X_MIN), _mm256_max_ps(V(X_MIN), x)), &zl);
  __m256 d = xsigmoid_d_fast8(zh, zl), near = XSIG_ROOT_NEAR8(zh);
  if (root_any8(near)) {
    __m256 tl, th = t_of(x, zh, &tl);
    d = vsel(near, xsig_root8(th, tl), d);
  }
  return d;
}

ACT_AVX2_FWD_PIPE2(f32_gelu_sigmoid_avx2_rr2_p6_div, xsig_st, gelu_sigmoid_exp8, gelu_sigmoid_div8)
ACT_AVX2_BWD(f32_gelu_sigmoid_bwd_avx2_rr2_p6_div, gelu_sigmoid_d8)
