/* swish(x) = x sigmoid(beta x), params {beta}.  z = beta x is kept exact as
 * a float pair (zh + zl, fma), so no error of z is amplified by exp; then as
 * silu (exp-neon.h: xsigmoid4).  Where z < -160 the result is a zero of x's
 * sign: exact for |beta| >= 2^-70.
 * swish'(x) = s (1 + z (1 - s)), s = sigmoid(z) (xsigmoid_d4, g = z):
 * cancels near z0 = -1.2785 (see silu). */
#include "exp-neon.h"

static inline v4f swish4(v4f x, const float *p)
{
  v4f zl, zh = mul_exact(vld1q_dup_f32(p), x, &zl);
  return nan_fix(x, xsigmoid4(x, zh, zl));
}

static inline v4f swish_d4(v4f x, const float *p)
{
  v4f zl, zh = mul_exact(vld1q_dup_f32(p), x, &zl);
  return nan_fix(x, xsigmoid_d4(zh, zl, zh, zl));
}

NEON_FWD(f32_swish_neon_rr2_p7_div, swish4)
NEON_BWD_MUL(f32_swish_bwd_neon_rr2_p7_div, swish_d4)
