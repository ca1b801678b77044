/* activations.c: the activation registry, one row per activation.
 *
 * Parameters default to PyTorch's and are used exactly as given (a binary32
 * kernel's 0.01f is the exact 0x1.47ae14p-7).  Limits at +-inf: NAN means
 * "evaluate the formula at infinity" (flat regions, parameter-dependent
 * limits the formula gets right); a number is the signed limit; .limit
 * gives them where they depend on the parameters and the formula at
 * infinity would not (a signed zero, inf times 0).  kinks lists the x where the
 * derivative is a convention; the formulas return PyTorch's choice there. */
#include <math.h>
#include <string.h>

#include "formulas.h"

#define FORMULAS(n) .fwd = n##_f, .der = n##_d

/* Parameter-dependent limits at +-inf (act_def.limit): pos 1 for +inf.
 * elu' = alpha exp(x) -> alpha 0 at -inf (signed like alpha). */
static double elu_limit(int deriv, int pos, const double *p)
{
  if (!deriv)
    return pos ? INFINITY : NAN; /* -alpha: the formula */
  return pos ? 1 : copysign(0.0, p[0]);
}
/* celu' = exp(x/alpha): 0 at -inf for alpha > 0, inf for alpha < 0 */
static double celu_limit(int deriv, int pos, const double *p)
{
  if (!deriv)
    return pos ? INFINITY : NAN;
  return pos ? 1 : p[0] > 0 ? 0.0 : p[0] < 0 ? INFINITY : NAN;
}
/* swish = x sigma(beta x), swish' = s (1 + beta x (1 - s)): for beta > 0
 * as silu; for beta < 0 sigma(beta x) -> 0 at +inf (f -> +0, f' -> -0 from
 * e^(beta x) (1 + beta x)) and -> 1 at -inf (f -> -inf, f' -> 1); beta = 0
 * is x/2. */
static double swish_limit(int deriv, int pos, const double *p)
{
  double b = p[0];
  if (b == 0)
    return deriv ? 0.5 : pos ? INFINITY : -INFINITY;
  if (b > 0)
    return deriv ? (pos ? 1 : -0.0) : (pos ? INFINITY : -0.0);
  if (b < 0)
    return deriv ? (pos ? -0.0 : 1) : (pos ? 0.0 : -INFINITY);
  return NAN;
}
/* softplus = log1p(exp(beta x))/beta, softplus' = sigma(beta x): beta > 0
 * rises from +0 to inf; beta < 0 falls from -0 at +inf to -inf at -inf
 * (log1p(exp(beta x)) ~ beta x), with f' from +0 to 1.  PyTorch's
 * threshold (softplus_torch: x where beta x > threshold) has the same
 * limits: the linear part is x itself. */
static double softplus_limit(int deriv, int pos, const double *p)
{
  double b = p[0];
  if (b > 0)
    return deriv ? (pos ? 1 : 0.0) : (pos ? INFINITY : 0.0);
  if (b < 0)
    return deriv ? (pos ? 0.0 : 1) : (pos ? -0.0 : -INFINITY);
  return NAN; /* beta = 0: log(2)/0, the formula's */
}

const act_def act_defs[] = {
  {.name = "relu", .formula = "max(0, x)", .dformula = "x > 0 ? 1 : 0",
   FORMULAS(relu), .fwd_pinf = INFINITY, .fwd_ninf = NAN, .der_pinf = 1, .der_ninf = NAN,
   .nkinks = 1, .kinks = {0}, .dom_lo = -4, .dom_hi = 4},
  {.name = "leaky_relu", .formula = "x > 0 ? x : alpha x", .dformula = "x > 0 ? 1 : alpha",
   .nparams = 1, .param_names = {"alpha"}, .param_defaults = {0.01}, FORMULAS(leaky_relu),
   .fwd_pinf = INFINITY, .fwd_ninf = NAN, .der_pinf = 1, .der_ninf = NAN,
   .zero_param = 1, .nkinks = 1, .kinks = {0}, .dom_lo = -4, .dom_hi = 4},
  {.name = "prelu", .formula = "x > 0 ? x : alpha x (alpha per channel)",
   .dformula = "x > 0 ? 1 : alpha", .nparams = 1, .param_names = {"alpha"},
   .param_defaults = {0.25}, FORMULAS(leaky_relu),
   .fwd_pinf = INFINITY, .fwd_ninf = NAN, .der_pinf = 1, .der_ninf = NAN,
   .zero_param = 1, .nkinks = 1, .kinks = {0}, .dom_lo = -4, .dom_hi = 4},
  {.name = "elu", .formula = "x > 0 ? x : alpha expm1(x)",
   .dformula = "x > 0 ? 1 : alpha exp(x)", .nparams = 1, .param_names = {"alpha"},
   .param_defaults = {1.0}, FORMULAS(elu), .limit = elu_limit,
   .zero_param = 1, .nkinks = 1, .kinks = {0}, .dom_lo = -6, .dom_hi = 4},
  {.name = "selu", .formula = "scale (x > 0 ? x : alpha expm1(x))",
   .dformula = "scale (x > 0 ? 1 : alpha exp(x))", FORMULAS(selu),
   .fwd_pinf = INFINITY, .fwd_ninf = NAN, .der_pinf = NAN, .der_ninf = 0,
   .nkinks = 1, .kinks = {0}, .dom_lo = -6, .dom_hi = 4,
   .note = "alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946 (exact decimals)"},
  {.name = "celu", .formula = "x > 0 ? x : alpha expm1(x/alpha)",
   .dformula = "x > 0 ? 1 : exp(x/alpha)", .nparams = 1, .param_names = {"alpha"},
   .param_defaults = {1.0}, FORMULAS(celu), .limit = celu_limit,
   .nkinks = 1, .kinks = {0}, .dom_lo = -6, .dom_hi = 4},
  {.name = "gelu", .formula = "x Phi(x) = x erfc(-x/sqrt2)/2",
   .dformula = "Phi(x) + x phi(x)", FORMULAS(gelu),
   .fwd_pinf = INFINITY, .fwd_ninf = -0.0, .der_pinf = 1, .der_ninf = -0.0,
   .dom_lo = -6, .dom_hi = 6},
  {.name = "gelu_tanh", .formula = "0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))",
   .dformula = "s + 2 x u' s (1 - s), s = sigma(2u)", FORMULAS(gelu_tanh),
   .fwd_pinf = INFINITY, .fwd_ninf = -0.0, .der_pinf = 1, .der_ninf = -0.0,
   .dom_lo = -6, .dom_hi = 6, .target = "gelu"},
  {.name = "gelu_sigmoid", .formula = "x sigma(1.702 x)",
   .dformula = "s + 1.702 x s (1 - s), s = sigma(1.702 x)", FORMULAS(gelu_sigmoid),
   .fwd_pinf = INFINITY, .fwd_ninf = -0.0, .der_pinf = 1, .der_ninf = -0.0,
   .dom_lo = -6, .dom_hi = 6, .target = "gelu"},
  {.name = "silu", .formula = "x sigma(x)", .dformula = "s (1 + x (1 - s)), s = sigma(x)",
   FORMULAS(silu), .fwd_pinf = INFINITY, .fwd_ninf = -0.0, .der_pinf = 1, .der_ninf = -0.0,
   .dom_lo = -8, .dom_hi = 8},
  {.name = "swish", .formula = "x sigma(beta x)",
   .dformula = "s + beta x s (1 - s), s = sigma(beta x)", .nparams = 1,
   .param_names = {"beta"}, .param_defaults = {1.0}, FORMULAS(swish), .limit = swish_limit,
   .dom_lo = -8, .dom_hi = 8},
  {.name = "sigmoid", .formula = "1/(1 + exp(-x))", .dformula = "sigma(x) sigma(-x)",
   FORMULAS(sigmoid), .fwd_pinf = 1, .fwd_ninf = 0, .der_pinf = 0, .der_ninf = 0,
   .dom_lo = -12, .dom_hi = 12},
  {.name = "tanh", .formula = "tanh(x)", .dformula = "sech(x)^2", FORMULAS(tanh),
   .fwd_pinf = 1, .fwd_ninf = -1, .der_pinf = 0, .der_ninf = 0, .dom_lo = -6, .dom_hi = 6},
  {.name = "softplus", .formula = "log1p(exp(beta x))/beta", .dformula = "sigma(beta x)",
   .nparams = 1, .param_names = {"beta"}, .param_defaults = {1.0}, FORMULAS(softplus),
   .limit = softplus_limit, .dom_lo = -10, .dom_hi = 10},
  {.name = "softplus_torch", .formula = "beta x > threshold ? x : log1p(exp(beta x))/beta",
   .dformula = "beta x > threshold ? 1 : sigma(beta x)", .nparams = 2,
   .param_names = {"beta", "threshold"}, .param_defaults = {1.0, 20.0},
   FORMULAS(softplus_torch), .limit = softplus_limit, .nkinks = 1, .kinks = {20},
   .dom_lo = -10, .dom_hi = 30, .nspecial = 1, .special = {20},
   .target = "softplus", .note = "PyTorch's Softplus: linear above the threshold"},
  {.name = "mish", .formula = "x tanh(softplus(x))",
   .dformula = "tanh(sp) + x sigma(x) sech(sp)^2", FORMULAS(mish),
   .fwd_pinf = INFINITY, .fwd_ninf = -0.0, .der_pinf = 1, .der_ninf = -0.0,
   .dom_lo = -8, .dom_hi = 8},
  {.name = "hardswish", .formula = "x relu6(x + 3)/6",
   .dformula = "x <= -3 ? 0 : x < 3 ? x/3 + 1/2 : 1", FORMULAS(hardswish),
   .fwd_pinf = INFINITY, .fwd_ninf = NAN, .der_pinf = 1, .der_ninf = NAN,
   .nkinks = 2, .kinks = {-3, 3}, .dom_lo = -5, .dom_hi = 5, .nspecial = 2,
   .special = {-3, 3}},
  {.name = "hardsigmoid", .formula = "relu6(x + 3)/6", .dformula = "-3 < x < 3 ? 1/6 : 0",
   FORMULAS(hardsigmoid), .fwd_pinf = NAN, .fwd_ninf = NAN, .der_pinf = NAN, .der_ninf = NAN,
   .nkinks = 2, .kinks = {-3, 3}, .dom_lo = -5, .dom_hi = 5, .nspecial = 2,
   .special = {-3, 3}},
  {.name = "hardsigmoid_onnx", .formula = "max(0, min(1, alpha x + beta))",
   .dformula = "0 < alpha x + beta < 1 ? alpha : 0", .nparams = 2,
   .param_names = {"alpha", "beta"}, .param_defaults = {0.2, 0.5},
   FORMULAS(hardsigmoid_onnx), .fwd_pinf = NAN, .fwd_ninf = NAN, .der_pinf = NAN,
   .der_ninf = NAN, .nkinks = 2, .kinks = {-2.5, 2.5}, .dom_lo = -4, .dom_hi = 4,
   .nspecial = 2, .special = {-2.5, 2.5}, .note = "ONNX HardSigmoid"},
  {.name = "relu6", .formula = "min(max(x, 0), 6)", .dformula = "0 < x < 6 ? 1 : 0",
   FORMULAS(relu6), .fwd_pinf = NAN, .fwd_ninf = NAN, .der_pinf = NAN, .der_ninf = NAN,
   .nkinks = 2, .kinks = {0, 6}, .dom_lo = -2, .dom_hi = 8, .nspecial = 2, .special = {0, 6}},
  {.name = "hardtanh", .formula = "min(max(x, min_val), max_val)",
   .dformula = "min_val < x < max_val ? 1 : 0", .nparams = 2,
   .param_names = {"min_val", "max_val"}, .param_defaults = {-1.0, 1.0}, FORMULAS(hardtanh),
   .fwd_pinf = NAN, .fwd_ninf = NAN, .der_pinf = NAN, .der_ninf = NAN,
   .nkinks = 2, .kinks = {-1, 1}, .dom_lo = -3, .dom_hi = 3, .nspecial = 2,
   .special = {-1, 1}},
  {.name = "logsigmoid", .formula = "-softplus(-x)", .dformula = "sigma(-x)",
   FORMULAS(logsigmoid), .fwd_pinf = -0.0, .fwd_ninf = -INFINITY, .der_pinf = 0,
   .der_ninf = 1, .dom_lo = -10, .dom_hi = 10},
  {.name = "softmax", .formula = "exp(x_i - max x)/sum_j exp(x_j - max x), row-wise",
   .dformula = "dx_i = y_i (dy_i - sum_j dy_j y_j)", .row_fwd = softmax_row_f,
   .row_bwd = softmax_row_d, .dom_lo = -20, .dom_hi = 20},
  {.name = "log_softmax", .formula = "x_i - max x - log sum_j exp(x_j - max x), row-wise",
   .dformula = "dx_i = dy_i - softmax_i sum_j dy_j", .row_fwd = log_softmax_row_f,
   .row_bwd = log_softmax_row_d, .dom_lo = -20, .dom_hi = 20},
};
const unsigned act_def_count = sizeof act_defs / sizeof act_defs[0];

const act_def *act_find(const char *name)
{
  for (unsigned i = 0; i < act_def_count; i++)
    if (strcmp(act_defs[i].name, name) == 0)
      return &act_defs[i];
  return NULL;
}
