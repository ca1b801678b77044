/* test_reference.c: the MPFR reference checked against an independent
 * evaluation (alt.h, 2400 bits, other formulas), against identities, and
 * against a table of special values. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "act.h"
#include "alt.h"
#include "measure.h"

/* |x| beyond which alt.h's textbook forms lose too much to cancellation */
static double alt_range(const act_def *a)
{
  if (!strcmp(a->name, "gelu")) return 40;
  if (!strcmp(a->name, "gelu_tanh")) return 20;
  static const char *const piecewise[] = {"relu", "leaky_relu", "prelu", "relu6", "hardtanh",
                                         "hardswish", "hardsigmoid", "hardsigmoid_onnx"};
  for (size_t i = 0; i < sizeof piecewise / sizeof piecewise[0]; i++)
    if (!strcmp(a->name, piecewise[i]))
      return 1e30; /* piecewise linear or quadratic: no cancellation */
  return 400; /* sigma via 1 + tanh cancels ~1.44|x| of 2400 bits */
}

static double rand_in(uint64_t *s, double range, act_format f)
{
  const act_format_info *F = &act_formats[f];
  int emax = range >= 1e30 ? F->emax : ilogb(range);
  int emin = F->emin - F->prec + 1;
  uint64_t b = act_rand(s);
  int e = emin + (int)(b % (uint64_t)(emax - emin + 1));
  double x = ldexp(1.0 + (double)(act_rand(s) >> 11) * 0x1p-53, e);
  x = act_round_d((b >> 40) & 1 ? -x : x, f, RND_N);
  return fabs(x) > range ? copysign(range, x) : x;
}

/* f or f' by alt.h: the derivative as a central difference, h = 2^-400 |x|;
 * not for 0 < |x| < 2^-300, where f'(x) - f'(0) is below what it resolves */
static int alt_value(const act_def *a, int deriv, double x, const double *p, mpfr_t out)
{
  mpfr_t X, h, f1;
  mpfr_inits2(ALT_PREC, X, h, f1, (mpfr_ptr)0);
  mpfr_set_d(X, x, MPFR_RNDN);
  int ok;
  if (!deriv) {
    ok = alt_eval(a->name, out, X, p);
  } else if (x != 0 && fabs(x) < 0x1p-300) {
    ok = 0;
  } else {
    mpfr_set_si_2exp(h, 1, (x == 0 ? -700 : ilogb(x)) - 400, MPFR_RNDN);
    mpfr_add(X, X, h, MPFR_RNDN);
    ok = alt_eval(a->name, f1, X, p);
    mpfr_mul_2ui(h, h, 1, MPFR_RNDN);
    mpfr_sub(X, X, h, MPFR_RNDN);
    ok = ok && alt_eval(a->name, out, X, p);
    mpfr_sub(out, f1, out, MPFR_RNDN);
    mpfr_div(out, out, h, MPFR_RNDN);
  }
  mpfr_clears(X, h, f1, (mpfr_ptr)0);
  return ok;
}

static int is_kink(const act_def *a, double x)
{
  for (int i = 0; i < a->nkinks; i++)
    if (x == a->kinks[i])
      return 1;
  return 0;
}

/* One comparison: same rounding, and exact values within 2^-18 ulp. */
static void check_one(const act_def *a, int deriv, double x, const double *p, act_format f,
                      act_round r, act_ref *ref, mpfr_t alt, unsigned long *count)
{
  if ((deriv && is_kink(a, x)) || !alt_value(a, deriv, x, p, alt))
    return;
  act_reference(a, deriv, x, p, NULL, f, r, ref);
  if (deriv && (ref->flags & ACT_REF_EXACT)) {
    /* an exactly representable f'(x): the central difference is only near it */
    mpfr_t d;
    mpfr_init2(d, 64);
    mpfr_sub_d(d, alt, ref->value, MPFR_RNDN);
    int near = mpfr_zero_p(d) || mpfr_get_exp(d) < (ref->value == 0 ? -600 : ilogb(ref->value) - 500);
    mpfr_clear(d);
    if (!near)
      fail_msg("%s'(%a): exact reference %a, central difference disagrees", a->name, x, ref->value);
    (*count)++;
    return;
  }
  double want = act_round_to(alt, f, r);
  if (!(want == ref->value && !signbit(want) == !signbit(ref->value)) &&
      !(want == 0 && ref->value == 0 && (ref->flags & ACT_REF_ZERO_FREE)))
    fail_msg("%s%s(%a) %s mode %d: reference %a, independent %a", a->name, deriv ? "'" : "",
             x, act_formats[f].name, (int)r, ref->value, want);
  double u = act_ulp_error(ref->value, alt, f), v = act_ulp_error(ref->value, ref->exact, f);
  if (fabs(u - v) > 0x1p-18)
    fail_msg("%s%s(%a): exact value off: %.9f vs %.9f ulp", a->name, deriv ? "'" : "", x, v, u);
  (*count)++;
}

static void test_against_independent_f32(void **state)
{
  (void)state;
  act_ref ref;
  act_ref_init(&ref);
  mpfr_t alt;
  mpfr_init2(alt, ALT_PREC);
  uint64_t seed = 1;
  unsigned long count = 0;
  for (unsigned i = 0; i < act_def_count; i++) {
    const act_def *a = &act_defs[i];
    if (a->row_fwd)
      continue;
    double p[ACT_MAX_PARAMS];
    for (int j = 0; j < ACT_MAX_PARAMS; j++)
      p[j] = (float)a->param_defaults[j];
    for (int deriv = 0; deriv < 2; deriv++) {
      double xs[200];
      int n = 0;
      for (; n < 100; n++)
        xs[n] = rand_in(&seed, alt_range(a), FMT_F32);
      for (; n < 180; n++)
        xs[n] = (float)(a->dom_lo + (a->dom_hi - a->dom_lo) * (double)(act_rand(&seed) >> 11) * 0x1p-53);
      for (int j = 0; j < a->nspecial && n < 196; j++)
        xs[n++] = a->special[j], xs[n++] = nextafterf((float)a->special[j], 0);
      xs[n++] = 0x1p-149, xs[n++] = -0x1p-149, xs[n++] = 0x1p-126;
      for (int j = 0; j < n; j++)
        check_one(a, deriv, xs[j], p, FMT_F32, RND_N, &ref, alt, &count);
    }
  }
  printf("  %lu binary32 reference values agree with the independent evaluation\n", count);
  mpfr_clear(alt);
  act_ref_clear(&ref);
}

static void test_against_independent_formats(void **state)
{
  (void)state;
  act_ref ref;
  act_ref_init(&ref);
  mpfr_t alt;
  mpfr_init2(alt, ALT_PREC);
  uint64_t seed = 2;
  unsigned long count = 0;
  for (unsigned i = 0; i < act_def_count; i++) {
    const act_def *a = &act_defs[i];
    if (a->row_fwd)
      continue;
    for (act_format f = 0; f < FMT_COUNT; f++) {
      double p[ACT_MAX_PARAMS];
      for (int j = 0; j < ACT_MAX_PARAMS; j++)
        p[j] = act_round_d(a->param_defaults[j], f, RND_N);
      for (int deriv = 0; deriv < 2; deriv++)
        for (int k = 0; k < 12; k++) {
          double x = k < 6 ? rand_in(&seed, alt_range(a), f)
                           : act_round_d(a->dom_lo + (a->dom_hi - a->dom_lo) * (double)(act_rand(&seed) >> 11) * 0x1p-53, f, RND_N);
          for (int r = 0; r < 4; r++)
            check_one(a, deriv, x, p, f, (act_round)r, &ref, alt, &count);
        }
    }
  }
  printf("  %lu values in f32/f64/f16/bf16 x 4 rounding modes agree\n", count);
  mpfr_clear(alt);
  act_ref_clear(&ref);
}

/* Identities between exact values, to 2^-100 relative. */
static void exact_of(const char *fn, double x, mpfr_t out)
{
  act_ref r;
  act_ref_init(&r);
  r.exact_bits = 110;
  act_reference(act_find(fn), 0, x, NULL, NULL, FMT_F64, RND_N, &r);
  mpfr_set(out, r.exact, MPFR_RNDN);
  act_ref_clear(&r);
}

static void test_identities(void **state)
{
  (void)state;
  static const struct { const char *fn; int kind; } ids[] = {
    {"sigmoid", 0},     /* s(x) + s(-x) = 1 */
    {"tanh", 1},        /* odd: f(x) + f(-x) = 0 */
    {"gelu", 2},        /* f(x) - f(-x) = x */
    {"gelu_tanh", 2}, {"gelu_sigmoid", 2}, {"silu", 2}, {"softplus", 2},
    {"logsigmoid", 2},
  };
  mpfr_t a, b, d, want;
  mpfr_inits2(400, a, b, d, want, (mpfr_ptr)0);
  uint64_t seed = 3;
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
    for (int k = 0; k < 60; k++) {
      double x = rand_in(&seed, 60, FMT_F64);
      exact_of(ids[i].fn, x, a);
      exact_of(ids[i].fn, -x, b);
      if (ids[i].kind == 2) mpfr_sub(d, a, b, MPFR_RNDN); else mpfr_add(d, a, b, MPFR_RNDN);
      mpfr_set_d(want, ids[i].kind == 0 ? 1.0 : ids[i].kind == 1 ? 0.0 : x, MPFR_RNDN);
      mpfr_sub(d, d, want, MPFR_RNDN);
      mpfr_abs(a, a, MPFR_RNDN), mpfr_abs(b, b, MPFR_RNDN);
      if (mpfr_cmp(a, b) < 0) mpfr_swap(a, b);
      mpfr_mul_2si(a, a, -100, MPFR_RNDN); /* tolerance: 2^-100 of the larger term */
      if (mpfr_cmpabs(d, a) > 0)
        fail_msg("identity %d of %s fails at x = %a", ids[i].kind, ids[i].fn, x);
    }
  mpfr_clears(a, b, d, want, (mpfr_ptr)0);
}

/* Special values: one row per case, binary32, round to nearest.  Expected
 * values are what mathematics (limits, odd symmetry) or PyTorch's kink
 * conventions give; "free0" means the sign of the zero is a convention. */
static const struct {
  const char *fn;
  int deriv;
  double x, want;
  int free0;
} specials[] = {
  {"relu", 0, -0.0, -0.0, 0},     {"relu", 0, -1, 0, 1},       {"relu", 0, INFINITY, INFINITY, 0},
  {"relu", 0, -INFINITY, 0, 1},   {"relu", 1, 0, 0, 1},        {"relu", 1, 0x1p-149, 1, 0},
  {"relu", 0, 0x1p-149, 0x1p-149, 0},
  {"leaky_relu", 1, 0, 0x1.47ae14p-7, 0}, {"leaky_relu", 0, -INFINITY, -INFINITY, 0},
  {"leaky_relu", 0, -0.0, -0.0, 0},
  {"elu", 0, -INFINITY, -1, 0},   {"elu", 1, 0, 1, 0},         {"elu", 0, -0.0, -0.0, 0},
  {"elu", 0, -0x1p-149, -0x1p-149, 0}, {"elu", 1, -INFINITY, 0, 0},
  {"celu", 0, -INFINITY, -1, 0},  {"celu", 1, 0, 1, 0},
  {"selu", 0, -0.0, -0.0, 0},
  {"gelu", 0, 0, 0, 0},           {"gelu", 0, -0.0, -0.0, 0},  {"gelu", 0, -INFINITY, -0.0, 0},
  {"gelu", 0, INFINITY, INFINITY, 0}, {"gelu", 1, 0, 0.5, 0},  {"gelu", 1, -0.0, 0.5, 0},
  {"gelu", 1, INFINITY, 1, 0},    {"gelu", 1, -INFINITY, -0.0, 0},
  {"gelu", 0, 0x1p-149, 0x1p-149, 0}, {"gelu", 0, -0x1p-149, -0.0, 0},
  {"gelu", 0, 0x1.8p-148, 0x1p-148, 0}, {"gelu", 0, -20, -0.0, 0},
  {"gelu_tanh", 0, -INFINITY, -0.0, 0}, {"gelu_tanh", 0, -0.0, -0.0, 0},
  {"gelu_sigmoid", 0, -INFINITY, -0.0, 0},
  {"silu", 0, -0.0, -0.0, 0},     {"silu", 0, -INFINITY, -0.0, 0}, {"silu", 1, 0, 0.5, 0},
  {"silu", 1, INFINITY, 1, 0},    {"silu", 1, -INFINITY, -0.0, 0},
  {"sigmoid", 0, 0, 0.5, 0},      {"sigmoid", 0, -0.0, 0.5, 0}, {"sigmoid", 0, INFINITY, 1, 0},
  {"sigmoid", 0, -INFINITY, 0, 0}, {"sigmoid", 0, 0x1.154244p+4, 0x1.fffffep-1, 0},
  {"sigmoid", 0, 0x1.154246p+4, 1, 0}, {"sigmoid", 1, 0, 0.25, 0}, {"sigmoid", 1, INFINITY, 0, 0},
  {"sigmoid", 0, -200, 0, 0},
  {"tanh", 0, -0.0, -0.0, 0},     {"tanh", 0, 0x1p-149, 0x1p-149, 0}, {"tanh", 0, -INFINITY, -1, 0},
  {"tanh", 1, 0, 1, 0},           {"tanh", 1, INFINITY, 0, 0}, {"tanh", 1, -FLT_MAX, 0, 0},
  {"softplus", 0, INFINITY, INFINITY, 0}, {"softplus", 0, -INFINITY, 0, 0},
  {"softplus", 0, FLT_MAX, FLT_MAX, 0}, {"softplus", 0, -FLT_MAX, 0, 0},
  {"softplus", 1, 0, 0.5, 0},
  {"softplus_torch", 0, 20, 0x1.4p4, 0}, {"softplus_torch", 1, 0x1.400002p4, 1, 0},
  {"mish", 0, -0.0, -0.0, 0},     {"mish", 0, -INFINITY, -0.0, 0}, {"mish", 0, INFINITY, INFINITY, 0},
  {"mish", 1, INFINITY, 1, 0},
  {"hardswish", 0, -3, 0, 1},     {"hardswish", 0, 3, 3, 0},   {"hardswish", 0, -INFINITY, 0, 1},
  {"hardswish", 0, -0.0, -0.0, 0}, {"hardswish", 1, -3, 0, 1}, {"hardswish", 1, 3, 1, 0},
  {"hardswish", 1, 0, 0.5, 0},
  {"hardsigmoid", 0, -3, 0, 1},   {"hardsigmoid", 0, 3, 1, 0}, {"hardsigmoid", 0, 0, 0.5, 0},
  {"hardsigmoid", 1, 3, 0, 1},    {"hardsigmoid", 1, -3, 0, 1},
  {"hardsigmoid", 1, 0, 0x1.555556p-3, 0},
  {"hardsigmoid_onnx", 0, 0, 0.5, 0}, {"hardsigmoid_onnx", 1, 0, 0x1.99999ap-3, 0},
  {"relu6", 0, 7, 6, 0},          {"relu6", 0, -0.0, -0.0, 0}, {"relu6", 0, INFINITY, 6, 0},
  {"relu6", 1, 6, 0, 1},          {"relu6", 1, 0, 0, 1},       {"relu6", 1, 3, 1, 0},
  {"hardtanh", 0, -INFINITY, -1, 0}, {"hardtanh", 1, 1, 0, 1},
  {"logsigmoid", 0, INFINITY, -0.0, 0}, {"logsigmoid", 0, -INFINITY, -INFINITY, 0},
  {"logsigmoid", 0, -FLT_MAX, -FLT_MAX, 0}, {"logsigmoid", 1, -INFINITY, 1, 0},
  {"logsigmoid", 1, 0, 0.5, 0},
};

static void test_special_values(void **state)
{
  (void)state;
  act_ref r;
  act_ref_init(&r);
  for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
    const act_def *a = act_find(specials[i].fn);
    assert_non_null(a);
    act_reference(a, specials[i].deriv, specials[i].x, NULL, NULL, FMT_F32, RND_N, &r);
    double w = specials[i].want;
    int same = r.value == w && (!signbit(r.value) == !signbit(w) || specials[i].free0);
    int free0 = !!(r.flags & ACT_REF_ZERO_FREE);
    if (!same || free0 != specials[i].free0)
      fail_msg("%s%s(%a): reference %a%s, table %a%s", a->name, specials[i].deriv ? "'" : "",
               specials[i].x, r.value, free0 ? " (free zero)" : "", w,
               specials[i].free0 ? " (free zero)" : "");
  }
  /* NaN in, NaN out, for every activation and derivative, every NaN */
  static const uint32_t nans[] = {0x7fc00000u, 0xffc00000u, 0x7f800001u, 0x7fc12345u};
  for (unsigned i = 0; i < act_def_count; i++)
    for (int d = 0; d < 2; d++)
      for (int k = 0; k < 4; k++) {
        float f;
        memcpy(&f, &nans[k], 4);
        if (act_defs[i].row_fwd) {
          double row[3] = {1, f, 2}, dy[3] = {1, 1, 1};
          act_ref rr[3];
          for (int j = 0; j < 3; j++) act_ref_init(&rr[j]);
          act_reference_row(&act_defs[i], d, row, dy, 3, FMT_F32, RND_N, rr);
          for (int j = 0; j < 3; j++) {
            assert_true(isnan(rr[j].value));
            act_ref_clear(&rr[j]);
          }
        } else {
          act_reference(&act_defs[i], d, f, NULL, NULL, FMT_F32, RND_N, &r);
          assert_true(isnan(r.value));
        }
      }
  act_ref_clear(&r);
}

/* Rows: softmax against exp(x_i)/sum exp(x_j) at 2400 bits (no max
 * subtraction), log_softmax against its log, backward against central
 * differences of the forward. */
static void softmax_alt(const char *fn, const double *x, size_t n, double hj, size_t j,
                        mpfr_t *out)
{
  mpfr_t s, t;
  mpfr_inits2(ALT_PREC, s, t, (mpfr_ptr)0);
  mpfr_set_zero(s, 1);
  for (size_t k = 0; k < n; k++) {
    mpfr_set_d(out[k], x[k], MPFR_RNDN);
    if (k == j) mpfr_add_d(out[k], out[k], hj, MPFR_RNDN);
    mpfr_exp(out[k], out[k], MPFR_RNDN);
    mpfr_add(s, s, out[k], MPFR_RNDN);
  }
  for (size_t k = 0; k < n; k++) {
    mpfr_div(out[k], out[k], s, MPFR_RNDN);
    if (!strcmp(fn, "log_softmax")) mpfr_log(out[k], out[k], MPFR_RNDN);
  }
  mpfr_clears(s, t, (mpfr_ptr)0);
}

static void test_rows(void **state)
{
  (void)state;
  enum { N = 6 };
  uint64_t seed = 4;
  mpfr_t f0[N], f1[N], dx[N], alt;
  for (int i = 0; i < N; i++)
    mpfr_inits2(ALT_PREC, f0[i], f1[i], dx[i], (mpfr_ptr)0);
  mpfr_init2(alt, ALT_PREC);
  act_ref ref[N];
  for (int i = 0; i < N; i++) act_ref_init(&ref[i]);
  for (int which = 0; which < 2; which++) {
    const char *fn = which ? "log_softmax" : "softmax";
    const act_def *a = act_find(fn);
    for (int trial = 0; trial < 40; trial++) {
      size_t n = 1 + act_rand(&seed) % N;
      double x[N], dy[N];
      for (size_t i = 0; i < n; i++) {
        x[i] = (float)(((double)(act_rand(&seed) >> 11) * 0x1p-53 - 0.5) * (trial % 3 ? 20 : 200));
        dy[i] = (float)((double)(act_rand(&seed) >> 11) * 0x1p-53 - 0.5);
      }
      /* forward */
      softmax_alt(fn, x, n, 0, 0, f0);
      act_reference_row(a, 0, x, NULL, n, FMT_F32, RND_N, ref);
      for (size_t i = 0; i < n; i++)
        if (act_round_to(f0[i], FMT_F32, RND_N) != ref[i].value)
          fail_msg("%s row %d element %zu: reference %a, independent %a", fn, trial, i,
                   ref[i].value, act_round_to(f0[i], FMT_F32, RND_N));
      /* backward: dx_j = sum_i dy_i d y_i / d x_j, by central differences */
      const double h = 0x1p-600;
      for (size_t j = 0; j < n; j++) {
        softmax_alt(fn, x, n, h, j, f1);
        softmax_alt(fn, x, n, -h, j, f0);
        mpfr_set_zero(dx[j], 1);
        for (size_t i = 0; i < n; i++) {
          mpfr_sub(alt, f1[i], f0[i], MPFR_RNDN);
          mpfr_mul_d(alt, alt, dy[i], MPFR_RNDN);
          mpfr_add(dx[j], dx[j], alt, MPFR_RNDN);
        }
        mpfr_div_d(dx[j], dx[j], 2 * h, MPFR_RNDN);
      }
      act_reference_row(a, 1, x, dy, n, FMT_F32, RND_N, ref);
      for (size_t j = 0; j < n; j++) {
        double want = act_round_to(dx[j], FMT_F32, RND_N);
        if (!(want == ref[j].value || (want == 0 && ref[j].value == 0)))
          fail_msg("%s' row %d element %zu: reference %a, central difference %a", fn, trial,
                   j, ref[j].value, want);
      }
    }
  }
  for (int i = 0; i < N; i++) {
    mpfr_clears(f0[i], f1[i], dx[i], (mpfr_ptr)0);
    act_ref_clear(&ref[i]);
  }
  mpfr_clear(alt);
}

/* The limits at +-inf agree with the values at +-2^120 (MPFR through the
 * formula), binary32 rounded: equal (signed zeros too, unless a zero's
 * sign is free) or, for an infinite limit, of the same sign and beyond
 * 2^100.  For every elementwise activation, with the default parameters
 * and with parameter 0 negated (softplus with beta < 0 falls to -inf,
 * swish with beta < 0 is +0 at +inf, celu' with alpha < 0 is inf at -inf). */
static void test_limits_continuous(void **state)
{
  (void)state;
  act_ref L, V;
  act_ref_init(&L), act_ref_init(&V);
  int checked = 0;
  for (unsigned i = 0; i < act_def_count; i++) {
    const act_def *a = &act_defs[i];
    if (a->row_fwd)
      continue;
    for (int v = 0; v < 1 + (a->nparams > 0 && a->param_defaults[0] != 0); v++) {
      double p[ACT_MAX_PARAMS];
      for (int j = 0; j < ACT_MAX_PARAMS; j++)
        p[j] = a->param_defaults[j];
      if (v)
        p[0] = -p[0];
      for (int d = 0; d < 2; d++)
        for (int sg = -1; sg <= 1; sg += 2) {
          act_reference(a, d, sg * INFINITY, p, NULL, FMT_F32, RND_N, &L);
          act_reference(a, d, sg * 0x1p120, p, NULL, FMT_F32, RND_N, &V);
          int ok;
          if (isinf(L.value))
            ok = !signbit(L.value) == !signbit(V.value) && fabs(V.value) >= 0x1p100;
          else
            ok = L.value == V.value &&
                 (!signbit(L.value) == !signbit(V.value) ||
                  ((L.flags | V.flags) & ACT_REF_ZERO_FREE));
          if (!ok)
            fail_msg("%s%s with %s = %g: limit at %cinf %a, value at %c2^120 %a", a->name,
                     d ? "'" : "", a->nparams ? a->param_names[0] : "-", p[0],
                     sg > 0 ? '+' : '-', L.value, sg > 0 ? '+' : '-', V.value);
          checked++;
        }
    }
  }
  printf("  %d limits agree with the values at +-2^120\n", checked);
  act_ref_clear(&L), act_ref_clear(&V);
}

/* Every row, direction, format and rounding mode at the extremes of the
 * format: the Ziv loop must end (it aborts if it cannot) with a number. */
static void test_extremes_decide(void **state)
{
  (void)state;
  act_ref r;
  act_ref_init(&r);
  unsigned long count = 0;
  for (unsigned i = 0; i < act_def_count; i++) {
    if (act_defs[i].row_fwd)
      continue;
    for (act_format f = 0; f < FMT_COUNT; f++) {
      const act_format_info *F = &act_formats[f];
      double maxf = ldexp(2.0 - ldexp(1.0, 1 - F->prec), F->emax);
      double xs[] = {maxf, ldexp(1.0, F->emin - F->prec + 1), ldexp(1.0, F->emin),
                     ldexp(1.0, F->emax / 2), 1, act_round_d(0.7518, f, RND_N), 3, 20};
      for (size_t k = 0; k < 2 * sizeof xs / sizeof xs[0]; k++)
        for (int d = 0; d < 2; d++)
          for (int m = 0; m < 4; m++) {
            double x = k % 2 ? -xs[k / 2] : xs[k / 2];
            act_reference(&act_defs[i], d, x, NULL, NULL, f, (act_round)m, &r);
            if (isnan(r.value))
              fail_msg("%s%s(%a) is NaN", act_defs[i].name, d ? "'" : "", x);
            count++;
          }
    }
  }
  printf("  %lu extreme inputs decided\n", count);
  act_ref_clear(&r);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_special_values),
    cmocka_unit_test(test_identities),
    cmocka_unit_test(test_rows),
    cmocka_unit_test(test_extremes_decide),
    cmocka_unit_test(test_limits_continuous),
    cmocka_unit_test(test_against_independent_f32),
    cmocka_unit_test(test_against_independent_formats),
  };
  return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
