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
  __m256 bf, th;      /* beta, threshold (binary32: the test is PyTorch's) */
  __m256d lim, b;     /* 160/|beta|, beta */
  int sel, one;       /* one: beta = 1, loops without the product */
} spt_d;
static inline spt_d spt_d_of(const float *p)
{
  return (spt_d){V(p[0]), V(p[1]), VD(-EXP_TMIN / fabs((double)p[0])), VD(p[0]),
                 !(p[1] >= 17.34f), p[0] == 1.0f};
}

static inline __m256d softplus_torch_d4d(__m256d x, const spt_d *s, int one)
{
  x = _mm256_min_pd(s->lim, _mm256_max_pd(-s->lim, x)); /* NaN passes */
  if (!one)
    x = s->b * x;
  return VD(1.0) / (VD(1.0) + expm4d(x));
}

/* sel: the threshold test on 8 lanes (join4d, one product and rounding) */
static inline __attribute__((always_inline)) __m256 softplus_torch_d8(__m256 x, const spt_d *s, int one)
{
  __m256 d = join4d(softplus_torch_d4d(lo4d(x), s, one), softplus_torch_d4d(hi4d(x), s, one));
  return vsel(vgt(s->bf * x, s->th), V(1.0f), d);
}

act_f32_bwd_p f32_softplus_torch_bwd_avx2_rr2_p7_div;
void f32_softplus_torch_bwd_avx2_rr2_p7_div(size_t n, const float *x, const float *dy, float *dx,
                                            const float *params)
{
  const spt_d s = spt_d_of(params);
  if (s.sel)
    ACT_AVX2_LOOP_BWD_(x, dy, dx, n, softplus_torch_d8(v_, &s, 0));
  else if (s.one)
    ACT_HALVES_BWD_(x, dy, dx, n, s, softplus_torch_d4d, 1);
  else
    ACT_HALVES_BWD_(x, dy, dx, n, s, softplus_torch_d4d, 0);
}
ACT_AVX2_FWD(f32_softplus_torch_avx2_rr2_p7_log1p, softplus_torch8)
