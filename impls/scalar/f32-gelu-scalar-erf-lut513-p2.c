/* gelu(x) = x/2 (1 + erf(z)), z = x/sqrt2, with erf by a table and a
 * degree-2 Taylor step, the scheme of Arm's optimized-routines AdvSIMD erff:
 *   a = min(|z|, 4);  i = round(128 a);  r = i/128;  d = a - r (|d| <= 1/256);
 *   erf(a) ~ E_i + S_i (d - r d^2),  E_i = erf(r),  S_i = erf'(r) = 2/sqrt(pi) exp(-r^2)
 *   (the Taylor series erf(r + d) = erf(r) + S (d - r d^2 + (2r^2 - 1)/3 d^3 ...),
 *   cut after d^2: error <= 0.2 |d|^3 S < 1.1e-8);  erf(z) = sign(z) erf(a).
 * The table (513 pairs, r = 0 .. 4; erf(4) rounds to 1) is computed once, at
 * first use (pthread_once, round to nearest), from libm's binary64 erf and
 * exp rounded to binary32; f32-gelu-avx2-erf-lut513-p2 gathers from the same
 * table (act_gelu_erf_lut513).  An approximation by design: 1 + erf cancels
 * for x < 0 (relative error unbounded on the left; -0 once erf rounds to -1,
 * x < -5.5).
 * Backward is the derivative of this formula: with erf'(a) ~ S_i (1 - 2 r d)
 * (the derivative of the Taylor step),
 *   gelu' ~ (1 + erf(z))/2 + (x/2)(1/sqrt2) S_i (1 - 2 r d),
 * the second term 0 where |z| > 4 (flat); -0 where the sum is 0 (left tail).
 * NaN propagates; gelu(-inf) = -0, gelu(+inf) = +inf. */
#include <fenv.h>
#include <math.h>
#include <pthread.h>

#include "actcheck.h"

#define RSQRT2 0x1.6a09e6p-1f /* 1/sqrt(2) rounded to binary32 */
#define NTAB 513              /* r = i/128, i = 0 .. 512 */

act_f32_fwd_p f32_gelu_scalar_erf_lut513_p2;
act_f32_bwd_p f32_gelu_bwd_scalar_erf_lut513_p2;
const float *act_gelu_erf_lut513(void);

static float tab[NTAB][2]; /* {erf(r), 2/sqrt(pi) exp(-r^2)} */
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

static void tab_init(void)
{
  int mode = fegetround();
  fesetround(FE_TONEAREST);
  for (int i = 0; i < NTAB; i++) {
    double r = i / 128.0;
    tab[i][0] = (float)erf(r);
    tab[i][1] = (float)(1.1283791670955126 * exp(-r * r)); /* 2/sqrt(pi) */
  }
  fesetround(mode);
}

/* The table as 2*513 floats, E_i at [2i], S_i at [2i + 1]; built on first call. */
const float *act_gelu_erf_lut513(void)
{
  pthread_once(&tab_once, tab_init);
  return &tab[0][0];
}

/* erf(z) for non-NaN z; *ds = erf'(z) of the formula (0 where |z| > 4) */
static inline float erf_lut(float z, float *ds)
{
  float a = fabsf(z);
  if (a > 4.0f) a = 4.0f;
  int i = (int)(a * 128.0f + 0.5f);
  float r = (float)i * 0x1p-7f, d = a - r; /* both exact */
  float e = tab[i][0] + tab[i][1] * (d - r * d * d);
  *ds = fabsf(z) > 4.0f ? 0.0f : tab[i][1] * (1.0f - 2.0f * r * d);
  return copysignf(e, z);
}

void f32_gelu_scalar_erf_lut513_p2(size_t n, const float *x, float *y, const float *params)
{
  (void)params;
  pthread_once(&tab_once, tab_init);
  for (size_t i = 0; i < n; i++) {
    float v = x[i], ds;
    if (isnan(v)) {
      y[i] = v + v;
      continue;
    }
    float s = 1.0f + erf_lut(v * RSQRT2, &ds);
    y[i] = s == 0 ? -0.0f : (0.5f * v) * s; /* -0, not -inf*0, on the left */
  }
}

void f32_gelu_bwd_scalar_erf_lut513_p2(size_t n, const float *x, const float *dy, float *dx,
                                       const float *params)
{
  (void)params;
  pthread_once(&tab_once, tab_init);
  for (size_t i = 0; i < n; i++) {
    float v = x[i], g = dy[i], ds;
    if (isnan(v)) {
      dx[i] = v + g;
      continue;
    }
    float d = 0.5f * (1.0f + erf_lut(v * RSQRT2, &ds));
    if (ds != 0)
      d += (0.5f * RSQRT2 * v) * ds;
    if (d == 0)
      d = -0.0f; /* left tail: the derivative is negative */
    dx[i] = g * d;
  }
}
