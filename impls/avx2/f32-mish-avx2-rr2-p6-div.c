/* mish(x) = x tanh(softplus(x)) = x N/D with e = exp(-|x|) <= 1:
 *   x >= 0: N = 1 + 2e,      D = N + 2e^2,
 *   x < 0:  N = e^2 + 2e,    D = N + 2,
 * (tanh(log(1 + u)) = ((1 + u)^2 - 1)/((1 + u)^2 + 1), u = e^x), no
 * cancellation; within 2 ulp, faster than rr2-p7-div: e as a float pair
 * (exp-fast-avx2.h, 2^64 e), N and D each rounded once with their errors
 * kept (Fast2Sum), x N/D by one division and one adjustment; for x < 0, N
 * is formed from 2^64 e and scaled by 2^-64 last.  x is clamped at -128
 * (mish rounds to -0 there): mish(-inf) = -0, +inf at +inf, NaN -> NaN.
 * Forward only (the backward kernels cancel at the root x0 = -1.19). */
#include "exp-fast-avx2.h"

#define C35_HI 0x1.333334p-1f   /* 3/5 rounded to binary32 */
#define C35_LO -0x1.99999ap-26f /* 3/5 - C35_HI, rounded */

static inline __m256 mish8(__m256 x, const float *p)
{
  (void)p;
  __m256 xc = _mm256_max_ps(V(EXPF_ZMIN), x);                            /* NaN passes */
  __m256 z = _mm256_max_ps(V(EXPF_ZMIN), _mm256_or_ps(x, V(-0.0f)));    /* -|x| */
  __m256 esl, es = exp_s64_pair(z, V(0.0f), &esl), e = es * V(EXPF_2M64);
  __m256 neg = vlt(x, V(0.0f));
  /* x < 0: 2^64 N = es (e + 2) */
  __m256 e2 = V(2.0f) + e;
  __m256 Nn = es * e2, Nnl = _mm256_fmadd_ps(esl, e2, _mm256_fmsub_ps(es, e2, Nn));
  Nnl = _mm256_fmadd_ps(es, (V(2.0f) - e2) + e, Nnl);                   /* e + 2 - e2 */
  __m256 nu = Nn * V(EXPF_2M64);
  __m256 Dn = nu + V(2.0f), Dnl = (nu - (Dn - V(2.0f))) + Nnl * V(EXPF_2M64); /* N <= 3 */
  /* x >= 0: N = 1 + 2e, D = N + 2e^2 */
  __m256 ee = e + e;
  __m256 Np = V(1.0f) + ee, Npl = (ee - (Np - V(1.0f))) + (esl + esl) * V(EXPF_2M64);
  __m256 q = ee * e, ql = _mm256_fmsub_ps(ee, e, q);                    /* 2e^2 */
  __m256 Dp = Np + q, Dpl = ((q - (Dp - Np)) + ql) + Npl;               /* Np >= q */
  __m256 N = vsel(neg, Nn, Np), Nl = vsel(neg, Nnl, Npl);
  __m256 D = vsel(neg, Dn, Dp), Dl = vsel(neg, Dnl, Dpl);
  __m256 xn = xc * N, xnl = _mm256_fmadd_ps(xc, Nl, _mm256_fmsub_ps(xc, N, xn));
  __m256 y = div_adj2(xn, xnl, D, Dl);
  y = vsel(neg, y * V(EXPF_2M64), y);
  /* |x| < 2^-60: mish(x) = x (3/5 + O(x)) (tanh(ln 2) = 3/5), on 2^64 x so
   * that no product is subnormal (normal results do not depend on FTZ/DAZ) */
  __m256 xs = V(0x1p+64f) * x;
  __m256 yt = _mm256_or_ps(_mm256_fmadd_ps(V(C35_HI), xs, V(C35_LO) * xs) * V(EXPF_2M64),
                           vsignbit(x)); /* -0 stays -0 */
  y = vsel(vlt(vabs(x), V(0x1p-60f)), yt, y);
  return vsel(vgt(x, V(0x1p+5f)), x, y); /* e < 2^-46: x (also +inf) */
}

ACT_AVX2_FWD(f32_mish_avx2_rr2_p6_div, mish8)
