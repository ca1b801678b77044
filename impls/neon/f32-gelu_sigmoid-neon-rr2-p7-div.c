/* gelu_sigmoid(x) = x sigmoid(1.702 x): swish with beta = 1.702 exactly
 * (the decimal, as the reference): z = B_HI x + B_LO x as a float pair, so
 * the far left tail (x e^z, e^z from exp-neon.h) keeps its accuracy.
 * gelu_sigmoid'(x) = s (1 + z (1 - s)), cancels near z0 = -1.2785 (see silu). */
#include "exp-neon.h"

#define B_HI 0x1.b3b644p+0f  /* 1.702 rounded down to binary32 */
#define B_LO 0x1.a1cac0p-24f /* 1.702 - B_HI */

static inline v4f z_of(v4f x, v4f *zl)
{
  v4f zh = V(B_HI) * x;
  *zl = fma4(V(B_LO), x, fms4(V(B_HI), x, zh));
  return zh;
}

static inline v4f gelu_sigmoid4(v4f x, const float *p)
{
  (void)p;
  v4f zl, zh = z_of(x, &zl);
  return nan_fix(x, xsigmoid4(x, zh, zl));
}

static inline v4f gelu_sigmoid_d4(v4f x, const float *p)
{
  (void)p;
  v4f zl, zh = z_of(x, &zl);
  return nan_fix(x, xsigmoid_d4(zh, zl, zh, zl));
}

NEON_FWD(f32_gelu_sigmoid_neon_rr2_p7_div, gelu_sigmoid4)
NEON_BWD_MUL(f32_gelu_sigmoid_bwd_neon_rr2_p7_div, gelu_sigmoid_d4)
