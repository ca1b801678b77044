/* conformance.c: accuracy, special values, conventions and properties
 * suites (see conformance.h).  Expected numbers come from the MPFR reference
 * or the profile tables, never typed here. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance.h"

/* ---- results ------------------------------------------------------------ */

void act_results_add(act_results *rs, const char *suite, act_check_status st,
                     const char *check, const char *fmt, ...)
{
  if (rs->n == rs->cap) {
    rs->cap = rs->cap ? 2 * rs->cap : 32;
    rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
  }
  act_check_result *r = &rs->r[rs->n++];
  r->suite = suite;
  r->status = st;
  snprintf(r->check, sizeof r->check, "%s", check);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->detail, sizeof r->detail, fmt, ap);
  va_end(ap);
}

void act_results_free(act_results *rs)
{
  free(rs->r);
  rs->r = NULL, rs->n = rs->cap = 0;
}

const char *act_check_status_name(act_check_status s)
{
  static const char *const n[] = {"PASS", "FAIL", "SKIP", "INFO", "TOLERATED"};
  return n[s];
}

size_t act_results_count(const act_results *rs, const char *suite, act_check_status st)
{
  size_t c = 0;
  for (size_t i = 0; i < rs->n; i++)
    c += rs->r[i].status == st && (!suite || !strcmp(suite, rs->r[i].suite));
  return c;
}

/* ---- inputs ------------------------------------------------------------- */

static double ref_f32(const act_def *a, int deriv, double x, const double *p, act_ref *r)
{
  act_reference(a, deriv, x, p, NULL, FMT_F32, RND_N, r);
  return r->value;
}

/* Smallest |x| = bits b (on side s) from which pred holds up to FLT_MAX. */
static int bisect(const act_def *a, int deriv, const double *p, int s, double limit,
                  int identity, float out[2])
{
  act_ref r;
  act_ref_init(&r);
  uint32_t lo = 1, hi = 0x7f7fffffu;
#define PRED(b) (identity ? ref_f32(a, deriv, s * (double)act_f32_of_bits(b), p, &r) == s * (double)act_f32_of_bits(b) \
                          : ref_f32(a, deriv, s * (double)act_f32_of_bits(b), p, &r) == limit)
  int ok = PRED(hi) && !PRED(lo);
  if (ok) {
    while (hi - lo > 1) { /* PRED(hi) && !PRED(lo) */
      uint32_t mid = lo + (hi - lo) / 2;
      if (PRED(mid)) hi = mid; else lo = mid;
    }
    out[0] = s * act_f32_of_bits(lo), out[1] = s * act_f32_of_bits(hi);
  }
#undef PRED
  act_ref_clear(&r);
  return ok;
}

size_t act_thresholds(const act_def *a, int deriv, const double *p, float *out, size_t max)
{
  size_t n = 0;
  act_ref r;
  act_ref_init(&r);
  for (int s = 1; s >= -1; s -= 2) {
    double lim = ref_f32(a, deriv, s * INFINITY, p, &r);
    float t[2];
    if (isfinite(lim) && n + 2 <= max && bisect(a, deriv, p, s, lim, 0, t))
      out[n++] = t[0], out[n++] = t[1];
    if (!deriv && isinf(lim) && n + 2 <= max && bisect(a, deriv, p, s, 0, 1, t))
      out[n++] = t[0], out[n++] = t[1];
  }
  act_ref_clear(&r);
  return n;
}

size_t act_special_inputs(const act_def *a, int deriv, const double *p, float *out)
{
  static const uint32_t fixed[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, /* 0, subnormals */
    0x00800000, 0x80800000, 0x3f800000, 0xbf800000, 0x7f7fffff, 0xff7fffff, /* min, 1, max */
    0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fc12345, /* inf, NaNs */
  };
  size_t n = 0;
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    out[n++] = act_f32_of_bits(fixed[i]);
  for (int i = 0; i < a->nspecial; i++) {
    float t = (float)a->special[i];
    out[n++] = t, out[n++] = nextafterf(t, -INFINITY), out[n++] = nextafterf(t, INFINITY);
  }
  for (int i = 0; i < a->nkinks; i++) {
    float t = (float)a->kinks[i];
    out[n++] = t, out[n++] = nextafterf(t, -INFINITY), out[n++] = nextafterf(t, INFINITY);
  }
  n += act_thresholds(a, deriv, p, out + n, 128 - n);
  return n;
}

/* ---- running a kernel --------------------------------------------------- */

static void run(const act_kernel *k, const float *x, float *y, size_t n, const float *p)
{
  float *dy = malloc((n ? n : 1) * sizeof *dy);
  for (size_t i = 0; i < n; i++)
    dy[i] = 1.0f;
  act_call_f32(k, n, x, dy, y, p);
  free(dy);
}

static void params_of(const act_kernel *k, act_profile prof, const float *p, float *pf,
                      double *pd)
{
  const act_def *a = act_find(k->fn);
  act_profile_params(prof, a, pd);
  for (int i = 0; i < ACT_MAX_PARAMS; i++) {
    if (p)
      pd[i] = p[i];
    pf[i] = (float)pd[i];
  }
}

static const act_convention *convention_at(act_profile prof, const char *fn, int deriv, float x,
                                           const double *p)
{
  for (unsigned i = 0; i < act_convention_count; i++) {
    const act_convention *c = &act_conventions[i];
    double cx = act_convention_x(c, p);
    if (c->profile == prof && c->deriv == deriv && !strcmp(c->fn, fn) &&
        ((isnan(cx) && isnan(x)) || (cx == x && !signbit(cx) == !signbit(x))))
      return c;
  }
  return NULL;
}

/* ---- suites ------------------------------------------------------------- */

void act_suite_specials(const act_kernel *k, act_profile prof, const float *p, double max_ulp,
                        act_results *rs)
{
  const act_def *a = act_find(k->fn);
  int deriv = k->dir == ACT_BWD;
  float pf[ACT_MAX_PARAMS], x[128], y[128];
  double pd[ACT_MAX_PARAMS];
  params_of(k, prof, p, pf, pd);
  size_t n = act_special_inputs(a, deriv, pd, x);
  run(k, x, y, n, pf);
  act_ref r;
  act_ref_init(&r);
  size_t checked = 0, fails = 0;
  for (size_t i = 0; i < n; i++) {
    const act_convention *c = convention_at(prof, a->name, deriv, x[i], pd);
    if (c && !c->tolerated)
      continue; /* a convention: the conventions suite decides */
    act_reference(a, deriv, x[i], pd, NULL, FMT_F32, RND_N, &r);
    double u;
    act_cmp_kind kind = act_compare(y[i], &r, FMT_F32, &u);
    checked++;
    if (kind == ACT_CMP_ULP && u <= max_ulp)
      continue;
    if (c && act_convention_match(c, pd, y[i])) {
      act_results_add(rs, "specials", CHK_TOLERATED, c->what, "%s accepts it (%s)",
                      act_profile_names[prof], c->source);
      continue;
    }
    fails++;
    if (kind != ACT_CMP_ULP)
      act_results_add(rs, "specials", CHK_FAIL, act_cmp_name(kind),
                      "x = %a: kernel %a, reference %a: actcheck ref %s%s %a", x[i], (double)y[i],
                      r.value, a->name, deriv ? " --deriv" : "", x[i]);
    else
      act_results_add(rs, "specials", CHK_FAIL, "ulp error at a special input",
                      "x = %a: kernel %a, reference %a: %.3f ulp > %g", x[i], (double)y[i],
                      r.value, u, max_ulp);
  }
  act_ref_clear(&r);
  if (!fails)
    act_results_add(rs, "specials", CHK_PASS, "special inputs",
                    "%zu inputs: zeros, subnormals, +-FLT_MIN, +-1, +-FLT_MAX, +-inf, NaNs, "
                    "thresholds", checked);
}

void act_suite_conventions(const act_kernel *k, act_profile prof, const float *p,
                           act_results *rs)
{
  const act_def *a = act_find(k->fn);
  int deriv = k->dir == ACT_BWD;
  float pf[ACT_MAX_PARAMS];
  double pd[ACT_MAX_PARAMS];
  params_of(k, prof, p, pf, pd);
  size_t rows = 0;
  for (unsigned i = 0; i < act_convention_count; i++) {
    const act_convention *c = &act_conventions[i];
    if (c->profile != prof || c->deriv != deriv || strcmp(c->fn, a->name) || c->tolerated)
      continue;
    float x = (float)act_convention_x(c, pd), y;
    run(k, &x, &y, 1, pf);
    rows++;
    if (act_convention_match(c, pd, y))
      act_results_add(rs, "conventions", CHK_PASS, c->what, "%s %s", act_profile_names[prof],
                      c->source);
    else
      act_results_add(rs, "conventions", CHK_FAIL, c->what,
                      "x = %a: kernel %a, %s wants %a (%s)", x, (double)y,
                      act_profile_names[prof], act_convention_expect(c, pd), c->source);
  }
  if (!rows)
    act_results_add(rs, "conventions", CHK_SKIP, "no convention rows",
                    "%s fixes nothing for %s%s", act_profile_names[prof], a->name,
                    deriv ? "'" : "");
}

unsigned act_profiles_satisfied(const act_kernel *k, const float *p, unsigned *applicable)
{
  unsigned ok = 0, app = 0;
  for (int prof = 0; prof < PROF_COUNT; prof++) {
    act_results rs = {0};
    act_suite_conventions(k, (act_profile)prof, p, &rs);
    if (!act_results_count(&rs, NULL, CHK_SKIP))
      app |= 1u << prof;
    if (!act_results_count(&rs, NULL, CHK_FAIL) && (app >> prof & 1))
      ok |= 1u << prof;
    act_results_free(&rs);
  }
  if (applicable)
    *applicable = app;
  return ok;
}

/* Properties: one row per activation and kind, and the parameters it holds
 * for (cond): a row whose condition fails is SKIP, with the reason. */
typedef enum { P_RANGE, P_INCREASING, P_DECREASING, P_ODD, P_SIGMA_SYM, P_X_SYM } prop_kind;
typedef enum {
  C_ANY,       /* always */
  C_P0_POS,    /* parameter 0 > 0 (softplus: beta) */
  C_P0_NEG,    /* parameter 0 < 0 */
  C_P0_NONNEG, /* parameter 0 >= 0 (leaky_relu, elu: alpha; hardsigmoid_onnx: alpha) */
  C_P0_LE_P1,  /* parameter 0 <= parameter 1 (hardtanh: min_val <= max_val) */
  C_TORCH_POS, /* softplus_torch, beta > 0 and threshold >= 0: f >= 0 */
  C_TORCH_NEG, /* softplus_torch, beta < 0 and threshold >= 0: f <= 0 */
  C_TORCH_MONO /* softplus_torch: the step at beta x = threshold is below half an ulp */
} prop_cond;
static const struct {
  const char *fn;
  int deriv;
  prop_kind kind;
  double lo, hi; /* ranges; NAN: from parameter 0 / 1 */
  prop_cond cond;
} props[] = {
  {"sigmoid", 0, P_RANGE, 0, 1, C_ANY}, {"sigmoid", 0, P_INCREASING, 0, 0, C_ANY},
  {"sigmoid", 0, P_SIGMA_SYM, 0, 0, C_ANY}, {"sigmoid", 1, P_RANGE, 0, 0.25, C_ANY},
  {"tanh", 0, P_RANGE, -1, 1, C_ANY}, {"tanh", 0, P_INCREASING, 0, 0, C_ANY},
  {"tanh", 0, P_ODD, 0, 0, C_ANY}, {"tanh", 1, P_RANGE, 0, 1, C_ANY},
  {"hardsigmoid", 0, P_RANGE, 0, 1, C_ANY}, {"hardsigmoid", 0, P_INCREASING, 0, 0, C_ANY},
  {"hardsigmoid_onnx", 0, P_RANGE, 0, 1, C_ANY}, {"relu", 0, P_RANGE, 0, INFINITY, C_ANY},
  {"relu", 0, P_INCREASING, 0, 0, C_ANY}, {"relu", 1, P_RANGE, 0, 1, C_ANY},
  {"relu6", 0, P_RANGE, 0, 6, C_ANY}, {"relu6", 0, P_INCREASING, 0, 0, C_ANY},
  {"hardtanh", 0, P_RANGE, NAN, NAN, C_P0_LE_P1}, {"hardtanh", 0, P_INCREASING, 0, 0, C_P0_LE_P1},
  {"hardsigmoid_onnx", 0, P_INCREASING, 0, 0, C_P0_NONNEG},
  {"leaky_relu", 0, P_INCREASING, 0, 0, C_P0_NONNEG},
  {"prelu", 0, P_INCREASING, 0, 0, C_P0_NONNEG}, {"elu", 0, P_INCREASING, 0, 0, C_P0_NONNEG},
  {"selu", 0, P_INCREASING, 0, 0, C_ANY}, {"celu", 0, P_INCREASING, 0, 0, C_ANY},
  {"softplus", 0, P_RANGE, 0, INFINITY, C_P0_POS},
  {"softplus", 0, P_RANGE, -INFINITY, 0, C_P0_NEG}, {"softplus", 0, P_INCREASING, 0, 0, C_ANY},
  {"softplus", 0, P_X_SYM, 0, 0, C_ANY}, {"softplus", 1, P_RANGE, 0, 1, C_ANY},
  {"softplus", 1, P_INCREASING, 0, 0, C_P0_POS}, {"softplus", 1, P_DECREASING, 0, 0, C_P0_NEG},
  {"softplus_torch", 0, P_RANGE, 0, INFINITY, C_TORCH_POS},
  {"softplus_torch", 0, P_RANGE, -INFINITY, 0, C_TORCH_NEG},
  {"softplus_torch", 0, P_INCREASING, 0, 0, C_TORCH_MONO},
  {"logsigmoid", 0, P_RANGE, -INFINITY, 0, C_ANY}, {"logsigmoid", 0, P_INCREASING, 0, 0, C_ANY},
  {"logsigmoid", 1, P_RANGE, 0, 1, C_ANY}, {"logsigmoid", 1, P_DECREASING, 0, 0, C_ANY},
  {"gelu", 0, P_X_SYM, 0, 0, C_ANY}, {"gelu_tanh", 0, P_X_SYM, 0, 0, C_ANY},
  {"gelu_sigmoid", 0, P_X_SYM, 0, 0, C_ANY}, {"silu", 0, P_X_SYM, 0, 0, C_ANY},
  {"swish", 0, P_X_SYM, 0, 0, C_ANY},
  {"hardsigmoid", 1, P_RANGE, 0, 1.0 / 6, C_ANY},
};

static double ulp32(double v)
{
  int e = v == 0 ? -126 : ilogb(v);
  return ldexp(1.0, (e < -126 ? -126 : e) - 23);
}

static const char *prop_name(prop_kind k)
{
  switch (k) {
  case P_RANGE: return "range";
  case P_INCREASING: return "monotone (increasing)";
  case P_DECREASING: return "monotone (decreasing)";
  case P_ODD: return "odd symmetry";
  case P_SIGMA_SYM: return "f(x) + f(-x) = 1";
  case P_X_SYM: return "f(x) - f(-x) = x";
  }
  return "?";
}

/* NULL when the row holds for parameters p, else why not */
static const char *cond_fails(prop_cond c, const double *p)
{
  switch (c) {
  case C_ANY: return NULL;
  case C_P0_POS: return p[0] > 0 ? NULL : "parameter 0 is not > 0";
  case C_P0_NEG: return p[0] < 0 ? NULL : "parameter 0 is not < 0";
  case C_P0_NONNEG: return p[0] >= 0 ? NULL : "parameter 0 is negative";
  case C_P0_LE_P1: return p[0] <= p[1] ? NULL : "parameter 0 is above parameter 1";
  case C_TORCH_POS: return p[0] > 0 && p[1] >= 0 ? NULL : "not beta > 0 with threshold >= 0";
  case C_TORCH_NEG: return p[0] < 0 && p[1] >= 0 ? NULL : "not beta < 0 with threshold >= 0";
  case C_TORCH_MONO: {
    /* where beta x crosses the threshold t, f steps from log1p(e^t)/beta
     * to x = t/beta: down by log1p(e^-t)/|beta| (toward lower x for
     * beta < 0), which a correct kernel shows once it passes half an ulp */
    if (p[0] == 0 || isnan(p[0]) || isnan(p[1]))
      return "beta is 0 or NaN";
    double step = log1p(exp(-p[1])) / fabs(p[0]);
    return step <= ulp32(fabs(p[1] / p[0])) / 2 ? NULL
                                                : "a step at the threshold: not monotone";
  }
  }
  return NULL;
}

static int cmp_float(const void *a, const void *b)
{
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}


/* Row kernels: softmax rows lie in [0, 1] and sum to 1, log_softmax rows
 * are <= 0 and their exponentials sum to 1, within the promise (each element
 * off by at most max_ulp ulp, i.e. max_ulp 2^-23 of itself, so the sum by
 * max_ulp 2^-23 plus the double sum's own rounding). */
static void row_properties(const act_kernel *k, const act_def *a, double max_ulp,
                           act_results *rs)
{
  enum { MAXC = 64 };
  float x[MAXC], y[MAXC];
  uint64_t seed = 9;
  int logf_ = !strcmp(a->name, "log_softmax"), bad = 0;
  char msg[200] = "";
  if (k->dir == ACT_BWD) {
    act_results_add(rs, "properties", CHK_SKIP, "rows", "no property rows for %s'", a->name);
    return;
  }
  for (int r = 0; r < 500 && !bad; r++) {
    size_t c = 1 + act_rand(&seed) % MAXC;
    double scale = r % 3 ? 20 : 2000;
    for (size_t i = 0; i < c; i++)
      x[i] = (float)(((double)(act_rand(&seed) >> 11) * 0x1p-53 - 0.5) * scale);
    act_call_row_f32(k, 1, c, x, NULL, y);
    double sum = 0;
    for (size_t i = 0; i < c; i++) {
      double v = logf_ ? exp((double)y[i]) : y[i];
      if (isnan(y[i]) || (logf_ ? y[i] > 0 : (y[i] < 0 || y[i] > 1))) {
        snprintf(msg, sizeof msg, "row %d (%zu columns): element %zu = %a out of range", r, c, i,
                 (double)y[i]);
        bad = 1;
      }
      sum += v;
    }
    double bound = (isinf(max_ulp) ? 1 : max_ulp) * 0x1p-23 * (logf_ ? 2 : 1) + c * 0x1p-52;
    if (!bad && fabs(sum - 1) > bound) {
      snprintf(msg, sizeof msg, "row %d (%zu columns): sum %s = 1 %+a, bound %a", r, c,
               logf_ ? "exp(y)" : "y", sum - 1, bound);
      bad = 1;
    }
  }
  if (bad)
    act_results_add(rs, "properties", CHK_FAIL, logf_ ? "rows: exp sums to 1" : "rows: sum to 1",
                    "%s", msg);
  else
    act_results_add(rs, "properties", CHK_PASS, logf_ ? "rows: exp sums to 1" : "rows: sum to 1",
                    "500 rows of 1..64 columns, values up to +-1000");
}

void act_suite_properties(const act_kernel *k, const float *p, double max_ulp,
                          act_results *rs)
{
  const act_def *a = act_find(k->fn);
  int deriv = k->dir == ACT_BWD;
  if (act_kernel_is_row(k)) {
    row_properties(k, a, max_ulp, rs);
    return;
  }
  float pf[ACT_MAX_PARAMS];
  double pd[ACT_MAX_PARAMS];
  params_of(k, PROF_PYTORCH, p, pf, pd);
  /* inputs: every binade (sorted), and runs of consecutive floats around 0,
   * +-1, the kinks, the thresholds and where the function bends */
  float *xs;
  size_t ns = act_sample_f32(a, 16, 4000, 5, &xs);
  float centers[64];
  size_t nc = 0;
  centers[nc++] = 0, centers[nc++] = 1, centers[nc++] = -1;
  for (int i = 0; i < a->nkinks; i++)
    centers[nc++] = (float)a->kinks[i];
  nc += act_thresholds(a, deriv, pd, centers + nc, 16);
  size_t run_len = 2048, n = ns + nc * run_len;
  xs = realloc(xs, n * sizeof *xs);
  for (size_t c = 0; c < nc; c++) {
    float v = centers[c];
    for (size_t j = 0; j < run_len / 2; j++)
      v = nextafterf(v, -INFINITY);
    for (size_t j = 0; j < run_len; j++, v = nextafterf(v, INFINITY))
      xs[ns + c * run_len + j] = v;
  }
  size_t m = 0; /* drop NaNs, sort */
  for (size_t i = 0; i < n; i++)
    if (!isnan(xs[i]))
      xs[m++] = xs[i];
  qsort(xs, m, sizeof *xs, cmp_float);
  float *ys = malloc(m * sizeof *ys), *neg = malloc(m * sizeof *neg), *yn = malloc(m * sizeof *yn);
  run(k, xs, ys, m, pf);
  for (size_t i = 0; i < m; i++)
    neg[i] = -xs[i];
  run(k, neg, yn, m, pf);
  int any = 0;
  for (size_t t = 0; t < sizeof props / sizeof props[0]; t++) {
    if (strcmp(props[t].fn, a->name) || props[t].deriv != deriv)
      continue;
    any = 1;
    const char *why = cond_fails(props[t].cond, pd);
    if (why) {
      act_results_add(rs, "properties", CHK_SKIP, prop_name(props[t].kind),
                      "does not hold for these parameters: %s", why);
      continue;
    }
    const char *name = prop_name(props[t].kind);
    long bad = -1, info = -1;
    /* A range bound rounded outward to binary32: a correctly rounded kernel
     * never leaves it, so any excursion is a defect (sigmoid above 1). */
    double lo = isnan(props[t].lo) ? pd[0] : props[t].lo, hi = isnan(props[t].hi) ? pd[1] : props[t].hi;
    lo = act_round_d(lo, FMT_F32, RND_D), hi = act_round_d(hi, FMT_F32, RND_U);
    for (size_t i = 0; i < m && bad < 0; i++) {
      double y = ys[i], z = yn[i], x = xs[i];
      if (isnan(y) || isnan(z))
        continue; /* the specials suite reports NaNs */
      /* Monotone: between consecutive inputs a drop of d needs errors adding
       * to d, so drops up to twice the promise are explained by accuracy
       * (INFO); larger ones are a defect. */
      double next = i + 1 < m && xs[i + 1] > xs[i] ? ys[i + 1] : NAN;
      double drop = props[t].kind == P_INCREASING ? y - next : next - y;
      switch (props[t].kind) {
      case P_RANGE: if (y < lo || y > hi) bad = (long)i; break;
      case P_INCREASING:
      case P_DECREASING:
        if (drop > 0 && !isinf(y)) {
          if (drop > 2 * max_ulp * ulp32(fabs(y)))
            bad = (long)i;
          else if (info < 0)
            info = (long)i;
        }
        break;
      case P_ODD: /* f(-x) = -f(x), within the promise on each side */
        if (!isinf(y) && fabs(y + z) > max_ulp * 2 * ulp32(fabs(y))) bad = (long)i;
        break;
      case P_SIGMA_SYM: /* f(x) + f(-x) = 1 */
        if (fabs(y + z - 1) > max_ulp * (ulp32(y) + ulp32(z)) + 0x1p-25) bad = (long)i;
        break;
      case P_X_SYM: /* f(x) - f(-x) = x */
        if (isfinite(x) && isfinite(y) && isfinite(z) &&
            fabs(y - z - x) > max_ulp * (ulp32(y) + ulp32(z)) + ulp32(x) / 2)
          bad = (long)i;
        break;
      }
    }
    if (bad >= 0)
      act_results_add(rs, "properties", CHK_FAIL, name,
                      "x = %a: f(x) = %a, f(next x) = %a, f(-x) = %a", xs[bad], (double)ys[bad],
                      bad + 1 < (long)m ? (double)ys[bad + 1] : NAN, (double)yn[bad]);
    else if (info >= 0)
      act_results_add(rs, "properties", CHK_INFO, name,
                      "not monotone within the promised error: f(%a) = %a, f(%a) = %a", xs[info],
                      (double)ys[info], xs[info + 1], (double)ys[info + 1]);
    else
      act_results_add(rs, "properties", CHK_PASS, name, "%zu inputs", m);
  }
  if (!any)
    act_results_add(rs, "properties", CHK_SKIP, "no property rows", "%s%s", a->name,
                    deriv ? "'" : "");
  free(xs), free(ys), free(neg), free(yn);
}

void act_suite_accuracy(const act_kernel *k, const float *p, double max_ulp, unsigned per_binade,
                        unsigned dense, act_results *rs, act_stats *out)
{
  const act_def *a = act_find(k->fn);
  act_stats s;
  act_stats_init(&s);
  if (act_kernel_is_row(k)) {
    act_measure_rows_f32(k, a, 300, 7, &s);
  } else {
    float *xs;
    size_t n = act_sample_f32(a, per_binade, dense, 7, &xs);
    act_measure_f32(k, a, p, xs, n, &s);
    free(xs);
  }
  const char *what = act_kernel_is_row(k) ? "row" : "sampled";
  char repro[96] = "";
  if (!act_kernel_is_row(k))
    snprintf(repro, sizeof repro, "; reproduce: actcheck ref %s%s %a", a->name,
             k->dir == ACT_BWD ? " --deriv" : "", s.worst_x);
  uint64_t scored = s.n - s.n_special;
  act_results_add(rs, "accuracy", s.max_ulp > max_ulp ? CHK_FAIL : CHK_PASS, "max ulp",
                  "%.3f ulp %s %g at x = %a: kernel %a, reference %a (%s, %llu inputs, mean "
                  "%.3f, %.2f%% correctly rounded)%s",
                  s.max_ulp, s.max_ulp > max_ulp ? ">" : "<=", max_ulp, s.worst_x, s.worst_y,
                  s.worst_ref, what, (unsigned long long)s.n,
                  s.sum_ulp / (double)(scored ? scored : 1),
                  100.0 * (double)s.n_cr / (double)(s.n ? s.n : 1), repro);
  if (out)
    *out = s;
}
