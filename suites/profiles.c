/* profiles.c: the convention tables (see profiles.h and
 * suites/profiles-research.md for the sources, [n] below). */
#include <math.h>
#include <string.h>

#include "profiles.h"

const char *const act_profile_names[PROF_COUNT] = {"pytorch", "tensorflow", "jax", "onnx"};

int act_profile_parse(const char *s, act_profile *p)
{
  for (int i = 0; i < PROF_COUNT; i++)
    if (strcmp(s, act_profile_names[i]) == 0)
      return *p = (act_profile)i, 0;
  return -1;
}

#define PT PROF_PYTORCH
#define TF PROF_TENSORFLOW
#define JX PROF_JAX
#define OX PROF_ONNX
#define INF INFINITY

/* fn, deriv, x, profile, rule, value, sign, tolerated, nan_ok, case, source, x_param */
const act_convention act_conventions[] = {
  /* ---- derivatives at kinks (dy = 1) ------------------------------------ */
  {"relu", 1, 0, PT, CONV_VALUE, 0, 0, 0, 0, "relu'(0) = 0", "[1][16] threshold_backward", 0},
  {"relu", 1, 0, TF, CONV_VALUE, 0, 0, 0, 0, "relu'(0) = 0", "[19] ReluGrad features > 0", 0},
  {"relu", 1, 0, JX, CONV_VALUE, 0, 0, 0, 0, "relu'(0) = 0", "[30][31] custom_jvp, testReluGradAtZero", 0},
  {"leaky_relu", 1, 0, PT, CONV_LEFT, 0, 0, 0, 0, "leaky_relu'(0) = alpha", "[2] a > 0 ? b : b * negval", 0},
  {"leaky_relu", 1, 0, TF, CONV_LEFT, 0, 0, 0, 0, "leaky_relu'(0) = alpha", "[19] LeakyReluGrad", 0},
  {"leaky_relu", 1, 0, JX, CONV_RIGHT, 0, 0, 0, 0, "leaky_relu'(0) = 1", "[30] where(x >= 0, x, slope x)", 0},
  {"prelu", 1, 0, PT, CONV_LEFT, 0, 0, 0, 0, "prelu'(0) = alpha", "[2] as leaky_relu", 0},
  {"elu", 1, 0, PT, CONV_LEFT, 0, 0, 0, 0, "elu'(0) = alpha", "[2] elu_backward b <= 0 branch", 0},
  {"elu", 1, 0, TF, CONV_LEFT, 0, 0, 0, 0, "elu'(0) = alpha (1)", "[19] EluGrad on outputs", 0},
  {"elu", 1, 0, JX, CONV_LEFT, 0, 0, 0, 0, "elu'(0) = alpha", "[30] where(x > 0, ...), derived", 0},
  {"celu", 1, 0, PT, CONV_LEFT, 0, 0, 0, 0, "celu'(0) = 1", "[16][2] elu_backward with 1/alpha", 0},
  {"celu", 1, 0, TF, CONV_SUM, 0, 0, 0, 0, "celu'(0) = 2", "[26][24] max/min tie gradients, derived", 0},
  {"celu", 1, 0, JX, CONV_LEFT, 0, 0, 0, 0, "celu'(0) = 1", "[30][32] ties split 0.5/0.5, derived", 0},
  {"selu", 1, 0, PT, CONV_LEFT, 0, 0, 0, 0, "selu'(0) = scale alpha", "[2][9] elu b <= 0 branch", 0},
  {"selu", 1, 0, TF, CONV_RIGHT, 0, 0, 0, 0, "selu'(0) = scale", "[19] SeluGrad activations < 0", 0},
  {"selu", 1, 0, JX, CONV_LEFT, 0, 0, 0, 0, "selu'(0) = scale alpha", "[30] scale * elu, derived", 0},
  {"relu6", 1, 0, PT, CONV_VALUE, 0, 0, 0, 0, "relu6'(0) = 0", "[2] hardtanh_backward", 0},
  {"relu6", 1, 6, PT, CONV_VALUE, 0, 0, 0, 0, "relu6'(6) = 0", "[2] hardtanh_backward", 0},
  {"relu6", 1, 0, TF, CONV_VALUE, 0, 0, 0, 0, "relu6'(0) = 0", "[19] Relu6Grad", 0},
  {"relu6", 1, 6, TF, CONV_VALUE, 0, 0, 0, 0, "relu6'(6) = 0", "[19] Relu6Grad", 0},
  {"relu6", 1, 0, JX, CONV_VALUE, 0, 0, 0, 0, "relu6'(0) = 0", "[30][31] custom_jvp", 0},
  {"relu6", 1, 6, JX, CONV_VALUE, 0, 0, 0, 0, "relu6'(6) = 0", "[30][31] custom_jvp", 0},
  {"hardtanh", 1, -1, PT, CONV_VALUE, 0, 0, 0, 0, "hardtanh'(min) = 0", "[2] hardtanh_backward", 1},
  {"hardtanh", 1, 1, PT, CONV_VALUE, 0, 0, 0, 0, "hardtanh'(max) = 0", "[2] hardtanh_backward", 2},
  {"hardtanh", 1, -1, TF, CONV_VALUE, 1, 0, 0, 0, "hardtanh'(min) = 1", "[26][24] clip_by_value, derived", 1},
  {"hardtanh", 1, 1, TF, CONV_VALUE, 1, 0, 0, 0, "hardtanh'(max) = 1", "[26][24] clip_by_value, derived", 2},
  {"hardtanh", 1, -1, JX, CONV_VALUE, 1, 0, 0, 0, "hardtanh'(min) = 1", "[30] where, no custom_jvp", 1},
  {"hardtanh", 1, 1, JX, CONV_VALUE, 1, 0, 0, 0, "hardtanh'(max) = 1", "[30] where, no custom_jvp", 2},
  {"hardsigmoid", 1, -3, PT, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(-3) = 0", "[1][2] -3 < x < 3", 0},
  {"hardsigmoid", 1, 3, PT, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(3) = 0", "[1][2] -3 < x < 3", 0},
  {"hardsigmoid", 1, -3, TF, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(-3) = 0", "[26][19] relu6(x+3)/6", 0},
  {"hardsigmoid", 1, 3, TF, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(3) = 0", "[26][19] relu6(x+3)/6", 0},
  {"hardsigmoid", 1, -3, JX, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(-3) = 0", "[30] relu6 custom_jvp", 0},
  {"hardsigmoid", 1, 3, JX, CONV_VALUE, 0, 0, 0, 0, "hardsigmoid'(3) = 0", "[30] relu6 custom_jvp", 0},
  {"hardswish", 1, -3, PT, CONV_VALUE, 0, 0, 0, 0, "hardswish'(-3) = 0", "[2][3][7] PR #148049", 0},
  {"hardswish", 1, 3, PT, CONV_RIGHT, 0, 0, 0, 0, "hardswish'(3) = 1", "[2][3][7][8] PR #148049", 0},
  {"hardswish", 1, -3, TF, CONV_VALUE, 0, 0, 0, 0, "hardswish'(-3) = 0", "[26] x hard_sigmoid(x), derived", 0},
  {"hardswish", 1, 3, TF, CONV_RIGHT, 0, 0, 0, 0, "hardswish'(3) = 1", "[26] derived", 0},
  {"hardswish", 1, -3, JX, CONV_VALUE, 0, 0, 0, 0, "hardswish'(-3) = 0", "[30] derived", 0},
  {"hardswish", 1, 3, JX, CONV_RIGHT, 0, 0, 0, 0, "hardswish'(3) = 1", "[30] derived", 0},
  {"softplus_torch", 1, 20, PT, CONV_REFERENCE, 0, 0, 0, 0, "softplus'(threshold): smooth branch", "[2] strict (x beta) > threshold", 0},
  /* ---- NaN ---------------------------------------------------------------- */
  {"relu", 0, NAN, PT, CONV_VALUE, NAN, 0, 0, 0, "relu(NaN) = NaN", "[9][15] clamp_min", 0},
  {"relu", 0, NAN, TF, CONV_VALUE, NAN, 0, 0, 0, "relu(NaN) = NaN", "[19] cwiseMax<PropagateNaN>", 0},
  {"relu", 0, NAN, JX, CONV_VALUE, NAN, 0, 0, 0, "relu(NaN) = NaN", "[30][33] jnp.maximum", 0},
  {"relu", 0, NAN, OX, CONV_VALUE, NAN, 0, 0, 0, "relu(NaN) = NaN", "[37][34] np.maximum", 0},
  {"relu6", 0, NAN, PT, CONV_VALUE, NAN, 0, 0, 0, "relu6(NaN) = NaN", "[15] clamp", 0},
  {"relu6", 0, NAN, TF, CONV_VALUE, NAN, 0, 0, 0, "relu6(NaN) = NaN", "[19]", 0},
  {"relu6", 0, NAN, JX, CONV_VALUE, NAN, 0, 0, 0, "relu6(NaN) = NaN", "[30]", 0},
  {"hardtanh", 0, NAN, PT, CONV_VALUE, NAN, 0, 0, 0, "hardtanh(NaN) = NaN", "[15] clamp", 0},
  {"hardtanh", 0, NAN, JX, CONV_VALUE, NAN, 0, 0, 0, "hardtanh(NaN) = NaN", "[30]", 0},
  {"relu", 1, NAN, PT, CONV_VALUE, 1, 0, 0, 1, "relu'(NaN) dy = dy (or NaN)", "[1][2][18] result <= 0 ? 0 : grad", 0},
  {"relu", 1, NAN, TF, CONV_VALUE, 0, 0, 0, 1, "relu'(NaN) dy = 0 (or NaN)", "[19] features > 0", 0},
  {"relu", 1, NAN, JX, CONV_VALUE, 0, 0, 0, 1, "relu'(NaN) dy = 0 (or NaN)", "[30] select(x > 0, g, 0)", 0},
  {"leaky_relu", 1, NAN, PT, CONV_PARAM, 0, 0, 0, 1, "leaky_relu'(NaN) dy = alpha dy (or NaN)", "[2]", 0},
  /* ---- signs of zero ------------------------------------------------------ */
  {"relu", 0, -0.0, PT, CONV_VALUE, -0.0, 1, 0, 0, "relu(-0) = -0 (CPU)", "[14][15] pytorch#181801", 0},
  {"relu", 0, -0.0, TF, CONV_VALUE, -0.0, 1, 0, 0, "relu(-0) = -0", "[19][29] Eigen pmax, derived", 0},
  {"relu", 0, -0.0, JX, CONV_VALUE, 0.0, 1, 0, 0, "relu(-0) = +0", "[33] StableHLO maximum", 0},
  {"relu", 0, -1, PT, CONV_VALUE, 0.0, 1, 0, 0, "relu(x < 0) = +0", "[15]", 0},
  {"relu", 0, -1, TF, CONV_VALUE, 0.0, 1, 0, 0, "relu(x < 0) = +0", "[19]", 0},
  {"relu", 0, -1, JX, CONV_VALUE, 0.0, 1, 0, 0, "relu(x < 0) = +0", "[30]", 0},
  {"relu", 0, -1, OX, CONV_VALUE, 0.0, 1, 0, 0, "relu(x < 0) = +0", "[37]", 0},
  {"relu6", 0, -0.0, PT, CONV_VALUE, -0.0, 1, 0, 0, "relu6(-0) = -0 (CPU)", "[14][15] pytorch#162235", 0},
  {"relu6", 0, -0.0, JX, CONV_VALUE, 0.0, 1, 0, 0, "relu6(-0) = +0", "[33]", 0},
  {"leaky_relu", 0, -0.0, PT, CONV_X_PARAM, 0, 1, 0, 0, "leaky_relu(-0) = alpha (-0)", "[2]", 0},
  {"leaky_relu", 0, -0.0, TF, CONV_X_PARAM, 0, 1, 0, 0, "leaky_relu(-0) = alpha (-0)", "[19]", 0},
  {"leaky_relu", 0, -0.0, JX, CONV_VALUE, -0.0, 1, 0, 0, "leaky_relu(-0) = -0", "[30]", 0},
  {"leaky_relu", 0, -0.0, OX, CONV_VALUE, -0.0, 1, 0, 0, "leaky_relu(-0) = -0", "[34][37]", 0},
  {"hardswish", 0, -4, PT, CONV_VALUE, -0.0, 1, 0, 0, "hardswish(x < -3) = -0", "[2] x * 0 / 6", 0},
  {"hardswish", 0, -4, TF, CONV_VALUE, -0.0, 1, 0, 0, "hardswish(x < -3) = -0", "[26] derived", 0},
  {"hardswish", 0, -4, JX, CONV_VALUE, -0.0, 1, 0, 0, "hardswish(x < -3) = -0", "[30] derived", 0},
  {"hardswish", 0, -4, OX, CONV_VALUE, -0.0, 1, 0, 0, "hardswish(x < -3) = -0", "[34][37]", 0},
  {"hardsigmoid", 0, -4, PT, CONV_VALUE, 0.0, 1, 0, 0, "hardsigmoid(x < -3) = +0", "[1][2]", 0},
  {"hardsigmoid", 0, -4, TF, CONV_VALUE, 0.0, 1, 0, 0, "hardsigmoid(x < -3) = +0", "[26] derived", 0},
  {"hardsigmoid", 0, -4, JX, CONV_VALUE, 0.0, 1, 0, 0, "hardsigmoid(x < -3) = +0", "[30] derived", 0},
  {"hardsigmoid_onnx", 0, -4, OX, CONV_VALUE, 0.0, 1, 0, 0, "hardsigmoid(x < -2.5) = +0", "[37]", 0},
  {"elu", 0, -0.0, PT, CONV_VALUE, -0.0, 1, 0, 0, "elu(-0) = -0", "[10][11] PR #155765", 0},
  {"elu", 0, -0.0, TF, CONV_VALUE, -0.0, 1, 0, 0, "elu(-0) = -0", "[19]", 0},
  {"elu", 0, -0.0, JX, CONV_VALUE, -0.0, 1, 0, 0, "elu(-0) = -0", "[30] derived", 0},
  {"selu", 0, -0.0, PT, CONV_VALUE, -0.0, 1, 0, 0, "selu(-0) = -0", "[10]", 0},
  {"selu", 0, -0.0, TF, CONV_VALUE, -0.0, 1, 0, 0, "selu(-0) = -0", "[19]", 0},
  {"celu", 0, -0.0, PT, CONV_VALUE, -0.0, 1, 0, 0, "celu(-0) = -0", "[9][10]", 0},
  {"celu", 0, -0.0, JX, CONV_VALUE, 0.0, 1, 0, 0, "celu(-0) = +0", "[30][33] derived", 0},
  /* ---- limits where a framework deviates from mathematics: tolerated ------ */
  {"gelu", 0, -INF, PT, CONV_VALUE, NAN, 0, 1, 0, "gelu(-inf) = NaN (-inf * 0)", "[12][13] pytorch#185770", 0},
  {"gelu", 0, INF, PT, CONV_VALUE, NAN, 0, 1, 0, "gelu(+inf) = NaN on CPU", "[13] pytorch#185770, #187293", 0},
  {"gelu", 0, -INF, TF, CONV_VALUE, NAN, 0, 1, 0, "gelu(-inf) = NaN", "[22] derived", 0},
  {"gelu", 0, -INF, JX, CONV_VALUE, NAN, 0, 1, 0, "gelu(-inf) = NaN", "[30] derived", 0},
  {"gelu", 0, -INF, OX, CONV_VALUE, NAN, 0, 1, 0, "gelu(-inf) = NaN", "[37]", 0},
  {"gelu_tanh", 0, -INF, PT, CONV_VALUE, NAN, 0, 1, 0, "gelu_tanh(-inf) = NaN", "[12] derived", 0},
  {"gelu_tanh", 0, -INF, TF, CONV_VALUE, NAN, 0, 1, 0, "gelu_tanh(-inf) = NaN", "[22] derived", 0},
  {"gelu_tanh", 0, -INF, JX, CONV_VALUE, NAN, 0, 1, 0, "gelu_tanh(-inf) = NaN", "[30] derived", 0},
  {"gelu_tanh", 0, -INF, OX, CONV_VALUE, NAN, 0, 1, 0, "gelu_tanh(-inf) = NaN", "[37] derived", 0},
  {"silu", 0, -INF, PT, CONV_VALUE, NAN, 0, 1, 0, "silu(-inf) = NaN", "[2] x/(1+exp(-x))", 0},
  {"silu", 0, -INF, TF, CONV_VALUE, NAN, 0, 1, 0, "silu(-inf) = NaN", "[23] derived", 0},
  {"silu", 0, -INF, JX, CONV_VALUE, NAN, 0, 1, 0, "silu(-inf) = NaN", "[30] derived", 0},
  {"mish", 0, -INF, PT, CONV_VALUE, NAN, 0, 1, 0, "mish(-inf) = NaN", "[2]", 0},
  {"mish", 0, -INF, JX, CONV_VALUE, NAN, 0, 1, 0, "mish(-inf) = NaN", "[30]", 0},
  {"mish", 0, -INF, OX, CONV_VALUE, NAN, 0, 1, 0, "mish(-inf) = NaN", "[34]", 0},
  {"hardswish", 0, -INF, PT, CONV_VALUE, NAN, 0, 1, 0, "hardswish(-inf) = NaN (-inf * 0)", "[2] derived", 0},
};
const unsigned act_convention_count = sizeof act_conventions / sizeof act_conventions[0];

/* Parameter defaults that differ from PyTorch's, per profile [16][22][28][30][34]. */
static const struct {
  act_profile prof;
  const char *fn;
  double p[ACT_MAX_PARAMS];
} param_rows[] = {
  {TF, "leaky_relu", {0.2}}, /* tf.nn.leaky_relu alpha=0.2 [22] */
};

int act_profile_params(act_profile prof, const act_def *a, double *p)
{
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    p[i] = (float)a->param_defaults[i];
  for (size_t i = 0; i < sizeof param_rows / sizeof param_rows[0]; i++)
    if (param_rows[i].prof == prof && strcmp(param_rows[i].fn, a->name) == 0)
      for (int j = 0; j < ACT_MAX_PARAMS; j++)
        p[j] = (float)param_rows[i].p[j];
  return 0;
}

/* f'(x) just beside a kink, by MPFR: the branch's limit rounded to binary32
 * (the branches are smooth, so 2^-60 away rounds like the limit itself). */
static double branch(const act_def *a, double x, const double *p, int side)
{
  double h = (x == 0 ? 0x1p-200 : ldexp(fabs(x), -60)) * side;
  act_ref r;
  act_ref_init(&r);
  act_reference(a, 1, x + h, p, NULL, FMT_F32, RND_N, &r);
  double v = r.value;
  act_ref_clear(&r);
  return v;
}

double act_convention_x(const act_convention *c, const double *p)
{
  return c->x_param ? p[c->x_param - 1] : c->x;
}

double act_convention_expect(const act_convention *c, const double *p)
{
  const act_def *a = act_find(c->fn);
  act_ref r;
  double v = NAN;
  double x = act_convention_x(c, p);
  switch (c->rule) {
  case CONV_LEFT: return branch(a, x, p, -1);
  case CONV_RIGHT: return branch(a, x, p, 1);
  case CONV_SUM: return (float)(branch(a, x, p, -1) + branch(a, x, p, 1));
  case CONV_VALUE: return c->value;
  case CONV_PARAM: return p[(int)c->value];
  case CONV_X_PARAM: return (float)(x * p[(int)c->value]);
  case CONV_REFERENCE:
    act_ref_init(&r);
    act_reference(a, c->deriv, x, p, NULL, FMT_F32, RND_N, &r);
    v = r.value;
    act_ref_clear(&r);
  }
  return v;
}

static int same_value(double y, double w, int sign)
{
  if (isnan(w) || isnan(y))
    return isnan(w) && isnan(y);
  return y == w && (!sign || w != 0 || !signbit(y) == !signbit(w));
}

int act_convention_match(const act_convention *c, const double *p, double y)
{
  double w = act_convention_expect(c, p);
  if (c->tolerated) { /* the deviation, or what mathematics says */
    act_ref r;
    act_ref_init(&r);
    act_reference(act_find(c->fn), c->deriv, act_convention_x(c, p), p, NULL, FMT_F32, RND_N,
                  &r);
    double u;
    int ok = same_value(y, w, c->sign) || (act_compare(y, &r, FMT_F32, &u) == ACT_CMP_ULP && u <= 0.5);
    act_ref_clear(&r);
    return ok;
  }
  if (isnan(y))
    return isnan(w) || c->nan_ok;
  return same_value(y, w, c->sign);
}
