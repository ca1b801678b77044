/* softplus(x) = log1p(exp(z))/beta, z = beta x, params {beta}:
 *   = (z > 0 ? x : 0) + log1p(e)/beta, e = exp(-|z|) <= 1,
 * z exact as a float pair, e from exp-neon.h, log1p(e) = 2 atanh(e/(2 + e))
 * (log1p4_scaled: corrected quotient, degree-4 polynomial in s^2), formed as
 * L/2^n and scaled last so subnormal results round once.  softplus(-inf) = 0,
 * +inf at +inf.
 * softplus'(x) = sigmoid(z) (xsigmoid4, one corrected division). */
#include "exp-neon.h"

static inline v4f softplus4(v4f x, const float *p)
{
  v4f b = vld1q_dup_f32(p);
  v4f zl, zh = mul_exact(b, x, &zl);
  v4f th = vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(zh)));
  act_exp4 E = exp4_rr2_p7(th, v_sel(v_lt(zh, V(0.0f)), zl, vnegq_f32(zl)));
  v4f L = exp4_scale(&E, log1p4_scaled(&E) / b); /* log1p(e)/beta */
  v4f y = v_and(x, v_gt(zh, V(0.0f))) + L;        /* (z > 0 ? x : 0) + L */
  return nan_fix(x, y);
}

static inline v4f softplus_d4(v4f x, const float *p)
{
  v4f zl, zh = mul_exact(vld1q_dup_f32(p), x, &zl);
  return nan_fix(x, xsigmoid4(V(1.0f), zh, zl));
}

NEON_FWD(f32_softplus_neon_rr2_p7_log1p, softplus4)
NEON_BWD_MUL(f32_softplus_bwd_neon_rr2_p7_div, softplus_d4)
