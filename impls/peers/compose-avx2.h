/* compose-avx2.h: activations composed from a vector math library's AVX2
 * functions, the way a user of that library writes them.  The including file
 * defines p_exp, p_tanh, p_erf, p_erfc, p_log1p and p_expm1 (__m256 ->
 * __m256, the library's 8-lane binary32 functions), then instantiates the
 * kernels it wants with PEER_FWD / PEER_BWD.
 *
 * Two kinds of formula.  PyTorch's, as its CPU kernels write them (sigmoid
 * 1/(1 + exp(-x)) and s (1 - s), silu, gelu 0.5 x (1 + erf(x/sqrt2)),
 * gelu_tanh 0.5 x (1 + tanh(u)), tanh' 1 - t^2, mish'): what most users
 * have.  And the stable ones a careful user writes (sigmoid from
 * e = exp(-|x|) <= 1, gelu from erfc, gelu_tanh as x sigmoid(2u), tanh'
 * from exp(-2|x|), softplus max(x, 0) + log1p(exp(-|x|))): the strongest
 * peer each library allows, for the Pareto check.  The error measured is the
 * library's plus what the formula does with it.
 *
 * Special values are put right where the formula, not the library, gets them
 * wrong, so that the suites' special-value checks are about the library:
 * where the formula turns a number into NaN (0 * inf, inf - inf at an
 * infinite or huge |x|) the result is the activation's limit on that side
 * (c_limit), and a zero where the function is negative gets its minus sign
 * back (c_negzero).  NaN inputs give NaN. */
#ifndef ACT_COMPOSE_AVX2_H
#define ACT_COMPOSE_AVX2_H

#include <immintrin.h>
#include <math.h>

#include "actcheck.h"

#define V(c) _mm256_set1_ps(c)
#define SQRT1_2 0x1.6a09e6p-1f     /* 1/sqrt(2) */
#define RSQRT_2PI 0x1.988454p-2f   /* 1/sqrt(2 pi) */
#define SQRT_2_PI 0x1.988454p-1f   /* sqrt(2/pi) */
#define KAPPA 0x1.6e4e26p-5f       /* 0.044715, gelu_tanh's cubic coefficient */
#define KAPPA3 0x1.12ba9ep-3f      /* 3 * 0.044715 */

static inline __m256 c_limit(__m256 x, __m256 y, float pos, float neg)
{
  __m256 bad = _mm256_andnot_ps(_mm256_cmp_ps(x, x, _CMP_UNORD_Q), _mm256_cmp_ps(y, y, _CMP_UNORD_Q));
  __m256 lim = _mm256_blendv_ps(V(neg), V(pos), _mm256_cmp_ps(x, V(0.0f), _CMP_GT_OQ));
  return _mm256_blendv_ps(y, lim, bad);
}
/* A zero result at x <= below, where the function is negative, is -0 (the
 * sign cdf + x pdf = +0 + -0 loses). */
static inline __m256 c_negzero(__m256 x, __m256 y, float below)
{
  __m256 z = _mm256_and_ps(_mm256_cmp_ps(y, V(0.0f), _CMP_EQ_OQ),
                           _mm256_cmp_ps(x, V(below), _CMP_LE_OQ));
  return _mm256_or_ps(y, _mm256_and_ps(z, V(-0.0f)));
}
static inline __m256 c_abs(__m256 x) { return _mm256_andnot_ps(V(-0.0f), x); }
static inline __m256 c_param(const float *p, int i) { return _mm256_broadcast_ss(p + i); }

/* sigmoid: PyTorch's 1/(1 + exp(-x)) and s (1 - s); and the stable form
 * with e = exp(-|x|) <= 1: (x < 0 ? e : 1)/(1 + e) and e/(1 + e)^2. */
static inline __m256 c_sigmoid(__m256 x) { return V(1.0f) / (V(1.0f) + p_exp(-x)); }
static inline __m256 sigmoid8(__m256 x, const float *p) { (void)p; return c_sigmoid(x); }
static inline __m256 sigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 s = c_sigmoid(x);
  return s * (V(1.0f) - s);
}
static inline __m256 c_sigmoid_s(__m256 x, __m256 *d) /* *d = sigmoid'(x) */
{
  __m256 e = p_exp(-c_abs(x)), r = V(1.0f) + e;
  *d = e / (r * r);
  return _mm256_blendv_ps(V(1.0f), e, _mm256_cmp_ps(x, V(0.0f), _CMP_LT_OQ)) / r;
}
static inline __m256 sigmoid_s8(__m256 x, const float *p)
{
  (void)p;
  __m256 d;
  return c_sigmoid_s(x, &d);
}
static inline __m256 sigmoid_s_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d;
  c_sigmoid_s(x, &d);
  return d;
}

/* silu: PyTorch's x/(1 + exp(-x)) and s (1 + x (1 - s)); and x s, s + x s'
 * from the stable sigmoid. */
static inline __m256 silu8(__m256 x, const float *p)
{
  (void)p;
  return c_limit(x, x / (V(1.0f) + p_exp(-x)), 0.0f, -0.0f);
}
static inline __m256 silu_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 s = c_sigmoid(x);
  return c_limit(x, s * (V(1.0f) + x * (V(1.0f) - s)), 1.0f, -0.0f);
}
static inline __m256 silu_s8(__m256 x, const float *p)
{
  (void)p;
  __m256 d;
  return c_limit(x, x * c_sigmoid_s(x, &d), 0.0f, -0.0f);
}
static inline __m256 silu_s_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d, s = c_sigmoid_s(x, &d);
  return c_negzero(x, c_limit(x, s + x * d, 1.0f, -0.0f), -2.0f);
}

/* tanh; tanh' = 1 - t^2 (PyTorch), or 4e/(1 + e)^2 with e = exp(-2|x|) */
static inline __m256 tanh8(__m256 x, const float *p) { (void)p; return p_tanh(x); }
static inline __m256 tanh_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 t = p_tanh(x);
  return V(1.0f) - t * t;
}
static inline __m256 tanh_exp_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 e = p_exp(V(-2.0f) * c_abs(x)), r = V(1.0f) + e;
  return V(4.0f) * e / (r * r);
}

/* gelu = 0.5 x (1 + erf(x/sqrt2)) (PyTorch), or 0.5 x erfc(-x/sqrt2);
 * gelu' = cdf + x exp(-x^2/2)/sqrt(2 pi) */
static inline __m256 gelu_erf8(__m256 x, const float *p)
{
  (void)p;
  return c_limit(x, V(0.5f) * x * (V(1.0f) + p_erf(x * V(SQRT1_2))), 0.0f, -0.0f);
}
static inline __m256 gelu_erfc8(__m256 x, const float *p)
{
  (void)p;
  return c_limit(x, V(0.5f) * x * p_erfc(-x * V(SQRT1_2)), 0.0f, -0.0f);
}
static inline __m256 gelu_pdf(__m256 x) { return p_exp(V(-0.5f) * x * x) * V(RSQRT_2PI); }
static inline __m256 gelu_erf_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 cdf = V(0.5f) * (V(1.0f) + p_erf(x * V(SQRT1_2)));
  return c_negzero(x, c_limit(x, cdf + x * gelu_pdf(x), 1.0f, -0.0f), -1.0f);
}
static inline __m256 gelu_erfc_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 cdf = V(0.5f) * p_erfc(-x * V(SQRT1_2));
  return c_negzero(x, c_limit(x, cdf + x * gelu_pdf(x), 1.0f, -0.0f), -1.0f);
}

/* gelu_tanh = 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3);
 * gelu_tanh' = 0.5 (1 + t) + 0.5 x (1 - t^2) u' (PyTorch's formulas); and
 * through 0.5 (1 + tanh(u)) = sigmoid(2u): x s, s + 2 x u' s' with the
 * stable sigmoid. */
static inline __m256 c_gelu_u(__m256 x) { return V(SQRT_2_PI) * (x + V(KAPPA) * (x * x * x)); }
static inline __m256 c_gelu_du(__m256 x) { return V(SQRT_2_PI) * (V(1.0f) + V(KAPPA3) * (x * x)); }
static inline __m256 gelu_tanh8(__m256 x, const float *p)
{
  (void)p;
  return c_limit(x, V(0.5f) * x * (V(1.0f) + p_tanh(c_gelu_u(x))), 0.0f, -0.0f);
}
static inline __m256 gelu_tanh_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 t = p_tanh(c_gelu_u(x));
  __m256 dright = V(0.5f) * x * (V(1.0f) - t * t) * c_gelu_du(x);
  return c_negzero(x, c_limit(x, V(0.5f) * (V(1.0f) + t) + dright, 1.0f, -0.0f), -1.0f);
}
static inline __m256 gelu_tanh_exp8(__m256 x, const float *p)
{
  (void)p;
  __m256 d;
  return c_limit(x, x * c_sigmoid_s(V(2.0f) * c_gelu_u(x), &d), 0.0f, -0.0f);
}
static inline __m256 gelu_tanh_exp_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d, s = c_sigmoid_s(V(2.0f) * c_gelu_u(x), &d);
  return c_negzero(x, c_limit(x, s + V(2.0f) * x * c_gelu_du(x) * d, 1.0f, -0.0f), -1.0f);
}

/* softplus = (max(bx, 0) + log1p(exp(-|bx|)))/b, params {beta};
 * softplus' = sigmoid(bx), stable */
static inline __m256 c_softplus(__m256 x)
{
  return _mm256_max_ps(x, V(0.0f)) + p_log1p(p_exp(-c_abs(x)));
}
static inline __m256 softplus8(__m256 x, const float *p)
{
  __m256 b = c_param(p, 0);
  return c_softplus(b * x) / b;
}
static inline __m256 softplus_d8(__m256 x, const float *p)
{
  __m256 d;
  return c_sigmoid_s(c_param(p, 0) * x, &d);
}

/* logsigmoid = min(x, 0) - log1p(exp(-|x|)) (< 0 everywhere);
 * logsigmoid' = sigmoid(-x), stable */
static inline __m256 logsigmoid8(__m256 x, const float *p)
{
  (void)p;
  return c_negzero(x, _mm256_min_ps(x, V(0.0f)) - p_log1p(p_exp(-c_abs(x))), INFINITY);
}
static inline __m256 logsigmoid_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d;
  return c_sigmoid_s(-x, &d);
}

/* elu = x > 0 ? x : alpha expm1(x), params {alpha}; elu' = x > 0 ? 1 : alpha exp(x) */
static inline __m256 elu8(__m256 x, const float *p)
{
  __m256 pos = _mm256_cmp_ps(x, V(0.0f), _CMP_GT_OQ);
  return _mm256_blendv_ps(c_param(p, 0) * p_expm1(x), x, pos);
}
static inline __m256 elu_d8(__m256 x, const float *p)
{
  __m256 pos = _mm256_cmp_ps(x, V(0.0f), _CMP_GT_OQ);
  return _mm256_blendv_ps(c_param(p, 0) * p_exp(x), V(1.0f), pos);
}

/* mish = x tanh(softplus(x)); mish' = t + x sigmoid(x) (1 - t^2),
 * t = tanh(softplus(x)) (PyTorch's), the sigmoid stable */
static inline __m256 mish8(__m256 x, const float *p)
{
  (void)p;
  return c_limit(x, x * p_tanh(c_softplus(x)), 0.0f, -0.0f);
}
static inline __m256 mish_d8(__m256 x, const float *p)
{
  (void)p;
  __m256 d, t = p_tanh(c_softplus(x));
  __m256 y = t + x * c_sigmoid_s(x, &d) * (V(1.0f) - t * t);
  return c_negzero(x, c_limit(x, y, 1.0f, -0.0f), -2.0f);
}

/* Loop shells: 8 lanes at a time, the last n % 8 by masked loads and stores
 * (lanes past n are neither read nor written); each block is loaded before
 * it is stored, so y may be x.  Backward: dx = dy f'(x). */
static inline __m256i c_tail(size_t n)
{
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#define PEER_FWD(name, f8)                                                             \
  act_f32_fwd_p name;                                                                  \
  void name(size_t n, const float *x, float *y, const float *p)                        \
  {                                                                                    \
    for (; n >= 8; n -= 8, x += 8, y += 8)                                             \
      _mm256_storeu_ps(y, f8(_mm256_loadu_ps(x), p));                                  \
    if (n) {                                                                           \
      __m256i m = c_tail(n);                                                           \
      _mm256_maskstore_ps(y, m, f8(_mm256_maskload_ps(x, m), p));                      \
    }                                                                                  \
  }

#define PEER_BWD(name, d8)                                                             \
  act_f32_bwd_p name;                                                                  \
  void name(size_t n, const float *x, const float *dy, float *dx, const float *p)      \
  {                                                                                    \
    for (; n >= 8; n -= 8, x += 8, dy += 8, dx += 8)                                   \
      _mm256_storeu_ps(dx, _mm256_loadu_ps(dy) * d8(_mm256_loadu_ps(x), p));           \
    if (n) {                                                                           \
      __m256i m = c_tail(n);                                                           \
      _mm256_maskstore_ps(dx, m, _mm256_maskload_ps(dy, m) * d8(_mm256_maskload_ps(x, m), p)); \
    }                                                                                  \
  }

#endif
