/* softplus_torch(x) = beta x > threshold ? x : log1p(exp(beta x))/beta,
 * params {beta, threshold}; beta x rounded once for the test, as PyTorch.
 * Below the threshold as f32-softplus-avx2-rr2-p7-log1p.c; derivative 1
 * above the threshold (strict), else sigmoid(beta x) as
 * f32-softplus-bwd-avx2-rr2-p7-div (binary64 lanes, x clamped to
 * +-160/|beta|, rounded once). */
#include <math.h>

#include "exp-avx2.h"

static inline __attribute__((always_inline)) __m256 softplus_torch8(__m256 x, const float *p)
{
  __m256 b = _mm256_broadcast_ss(p), th = _mm256_broadcast_ss(p + 1);
  __m256 zl, zh = mul_exact(b, x, &zl);
  __m256 t = _mm256_max_ps(V(EXP_TMIN), -vabs(zh));
  act_exp8 E = exp8_rr2_p7(t, vsel(vlt(zh, V(0.0f)), zl, -zl));
  __m256 L = exp8_scale(&E, log1p8_scaled(&E) / b);
  __m256 y = _mm256_and_ps(x, vgt(zh, V(0.0f))) + L;
  return nan_fix(x, vsel(vgt(zh, th), x, y));
}

/* Where beta x > 17.33 (25 ln2) sigmoid(beta x) rounds to 1 already, so for
 * threshold >= 17.34 (PyTorch's default is 20) the test changes nothing and
 * is skipped (sel = 0; NaN thresholds keep it). */
typedef struct {
  __m256 bf, th, lim; /* beta, threshold, 160/|beta| */
  __m256d b;
  int sel;
} spt_d;
static inline spt_d spt_d_of(const float *p)
{
  return (spt_d){V(p[0]), V(p[1]), V((float)(-EXP_TMIN / fabs((double)p[0]))), VD(p[0]),
                 !(p[1] >= 17.34f)};
}

static inline __m256d sigmoid_bx4d(__m256d x, __m256d b) { return VD(1.0) / (VD(1.0) + expm4d(b * x)); }

static inline __m256 softplus_torch_d8(__m256 x, const spt_d *s)
{
  __m256 xc = _mm256_min_ps(s->lim, _mm256_max_ps(-s->lim, x)); /* NaN passes */
  __m256 d = join4d(sigmoid_bx4d(lo4d(xc), s->b), sigmoid_bx4d(hi4d(xc), s->b));
  return s->sel ? vsel(vgt(s->bf * x, s->th), V(1.0f), d) : d;
}

ACT_AVX2_FWD(f32_softplus_torch_avx2_rr2_p7_log1p, softplus_torch8)
ACT_AVX2_BWD_S(f32_softplus_torch_bwd_avx2_rr2_p7_div, spt_d, spt_d_of, softplus_torch_d8)
