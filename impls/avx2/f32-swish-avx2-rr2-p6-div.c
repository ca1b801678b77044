/* swish(x) = x sigmoid(beta x), params {beta}, within 2 ulp: z = beta x
 * exact as a float pair (fma), clamped at -128, then as silu
 * (exp-fast-avx2.h: xsigmoid_fast8); where beta x < -128 a zero of x's sign
 * (the exact value is below 2^-184 |x|; |x| <= 2^64 there needs
 * |beta| >= 2^-57), by making x that zero before the rest.  Two-stage
 * loop (ACT_AVX2_FWD_PIPE2): beta x and the exp, then the division.
 * swish'(x) = s (1 + z (1 - s)), s = sigmoid(z) (xsigmoid_d_fast8):
 * cancels near z0 = -1.2785: within 1/4 of z0, t P(t) instead
 * (xsig_root8; swish' in z is silu'), t = z - z0 from the exact pair z
 * (roots-avx2.h: ROOT_T8). */
#include "exp-fast-avx2.h"
#include "roots-avx2.h"

static inline __m256 z_of(__m256 x, const float *p, __m256 *zl)
{
  __m256 zh = mul_exact(_mm256_broadcast_ss(p), x, zl);
  return _mm256_min_ps(V(-EXPF_ZMIN), _mm256_max_ps(V(EXPF_ZMIN), zh)); /* NaN passes */
}

/* beta x < -128: x and zl become zeros (x of its sign: so is the result);
 * beta x > 32: the exp and zl may be anything (inf - inf where beta x
 * overflows, NaN), the result is x there (xsig_div8 selects it), so z is
 * clamped below only */
static inline xsig_st swish_exp8(__m256 x, const float *p)
{
  __m256 b = _mm256_broadcast_ss(p), zh = b * x, lo = vlt(zh, V(EXPF_ZMIN));
  __m256 zl = _mm256_andnot_ps(lo, _mm256_fmsub_ps(b, x, zh));
  __m256 zc = _mm256_max_ps(V(EXPF_ZMIN), zh); /* NaN passes */
  return xsig_exp8(vsel(lo, vsignbit(x), x), zc, zl);
}
static inline __m256 swish_div8(xsig_st s, const float *p) { (void)p; return xsig_div8(s); }

static inline __attribute__((always_inline)) __m256 swish_d8(__m256 x, const float *p)
{
  __m256 zl, zh = z_of(x, p, &zl);
  __m256 d = xsigmoid_d_fast8(zh, zl), near = XSIG_ROOT_NEAR8(zh);
  if (root_any8(near)) {
    __m256 tl, th = ROOT_T8(zh, zl, HS, &tl);
    d = vsel(near, xsig_root8(th, tl), d);
  }
  return d;
}

ACT_AVX2_FWD_PIPE2(f32_swish_avx2_rr2_p6_div, xsig_st, swish_exp8, swish_div8)
ACT_AVX2_BWD(f32_swish_bwd_avx2_rr2_p6_div, swish_d8)
