/* softplus_torch(x) = beta x > threshold ? x : log1p(exp(beta x))/beta,
 * params {beta, threshold}; beta x rounded once for the test, as PyTorch.
 * Below the threshold as f32-softplus-neon-rr2-p7-log1p.c; derivative 1
 * above the threshold (strict), else sigmoid(beta x). */
#include "exp-neon.h"

static inline v4f softplus_torch4(v4f x, const float *p)
{
  v4f b = vld1q_dup_f32(p), th = vld1q_dup_f32(p + 1);
  v4f zl, zh = mul_exact(b, x, &zl);
  v4f t = vmaxq_f32(V(EXP_TMIN), vnegq_f32(vabsq_f32(zh)));
  act_exp4 E = exp4_rr2_p7(t, v_sel(v_lt(zh, V(0.0f)), zl, vnegq_f32(zl)));
  v4f L = exp4_scale(&E, log1p4_scaled(&E) / b);
  v4f y = v_and(x, v_gt(zh, V(0.0f))) + L;
  return nan_fix(x, v_sel(v_gt(zh, th), x, y));
}

static inline v4f softplus_torch_d4(v4f x, const float *p)
{
  v4f b = vld1q_dup_f32(p), th = vld1q_dup_f32(p + 1);
  v4f zl, zh = mul_exact(b, x, &zl);
  return nan_fix(x, v_sel(v_gt(zh, th), V(1.0f), xsigmoid4(V(1.0f), zh, zl)));
}

NEON_FWD(f32_softplus_torch_neon_rr2_p7_log1p, softplus_torch4)
NEON_BWD_MUL(f32_softplus_torch_bwd_neon_rr2_p7_div, softplus_torch_d4)
