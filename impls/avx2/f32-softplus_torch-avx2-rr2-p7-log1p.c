/* softplus_torch(x) = beta x > threshold ? x : log1p(exp(beta x))/beta,
 * params {beta, threshold}; beta x rounded once for the test, as PyTorch.
 * Below the threshold as f32-softplus-avx2-rr2-p7-log1p.c (binary64 lanes:
 * expm4d, log1p4d_P, one fma, rounded once); derivative 1 above the
 * threshold (strict), else sigmoid(beta x) as f32-softplus-bwd-avx2-rr2-p7-div
 * (binary64 lanes, x clamped to +-160/|beta|, rounded once). */
#include <math.h>

#include "exp-avx2.h"

/* Where z = beta x > 17.33 (25 ln2) sigmoid(z) rounds to 1 already, and
 * softplus(x) to x: x + log1p(e^-z)/beta is within |x| e^-z/z < 2^-29 |x|
 * of x, below half an ulp of it (|x| 2^-25 at least, x normal as |z| > 17
 * needs); so for threshold >= 17.34 (PyTorch's default is 20) the test
 * changes nothing either way and is skipped (sel = 0; NaN thresholds keep
 * it). */
typedef struct {
  __m256 bf, th;      /* beta, threshold (binary32: the test is PyTorch's) */
  __m256d lim, b, ib; /* 160/|beta|, beta, 1/beta */
  int sel, one;       /* one: beta = 1, loops without the product */
} spt_d;
static inline spt_d spt_d_of(const float *p)
{
  return (spt_d){V(p[0]), V(p[1]), VD(-EXP_TMIN / fabs((double)p[0])), VD(p[0]),
                 VD(1.0 / (double)p[0]), !(p[1] >= 17.34f), p[0] == 1.0f};
}

static inline __attribute__((always_inline)) __m256d softplus_torch4d(__m256d x, const spt_d *s,
                                                                       int one)
{
  return softplus_4d(x, s->b, s->ib, one);
}

/* sel: the threshold test on 8 lanes (join4d, one product and rounding) */
static inline __attribute__((always_inline)) __m256 softplus_torch8(__m256 x, const spt_d *s)
{
  __m256 y = join4d(softplus_torch4d(lo4d(x), s, 0), softplus_torch4d(hi4d(x), s, 0));
  return vsel(vgt(s->bf * x, s->th), x, y);
}

static inline __m256d softplus_torch_d4d(__m256d x, const spt_d *s, int one)
{
  x = _mm256_min_pd(s->lim, _mm256_max_pd(-s->lim, x)); /* NaN passes */
  if (!one)
    x = s->b * x;
  return sigmoid_u4d(x); /* S/(S + p): 1/(1 + e^-x) */
}

/* sel: the threshold test on 8 lanes (join4d, one product and rounding) */
static inline __attribute__((always_inline)) __m256 softplus_torch_d8(__m256 x, const spt_d *s, int one)
{
  __m256 d = join4d(softplus_torch_d4d(lo4d(x), s, one), softplus_torch_d4d(hi4d(x), s, one));
  return vsel(vgt(s->bf * x, s->th), V(1.0f), d);
}

act_f32_fwd_p f32_softplus_torch_avx2_rr2_p7_log1p;
void f32_softplus_torch_avx2_rr2_p7_log1p(size_t n, const float *x, float *y, const float *params)
{
  const spt_d s = spt_d_of(params);
  if (s.sel) {
    for (; n >= 8; n -= 8, x += 8, y += 8)
      _mm256_storeu_ps(y, softplus_torch8(_mm256_loadu_ps(x), &s));
    if (n) {
      __m256i m = tail_mask(n);
      _mm256_maskstore_ps(y, m, softplus_torch8(_mm256_maskload_ps(x, m), &s));
    }
  } else if (s.one) {
    ACT_HALVES_FWD_(x, y, n, s, softplus_torch4d, 1);
  } else {
    ACT_HALVES_FWD_(x, y, n, s, softplus_torch4d, 0);
  }
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
