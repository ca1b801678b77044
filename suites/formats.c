/* formats.c: binary64, binary16 and bfloat16 kernels (formats.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"

void act_fmt_call(const act_fmt_kernel *k, const double *x, double *y, size_t n,
                  const double *p)
{
  size_t m = n ? n : 1;
  if (k->fmt == FMT_F64) {
    double *dy = malloc(m * sizeof *dy), pd[ACT_MAX_PARAMS];
    for (size_t i = 0; i < n; i++)
      dy[i] = 1;
    memcpy(pd, p, sizeof pd);
    if (!k->deriv && k->with_params) ((act_f64_fwd_p *)k->ptr)(n, x, y, pd);
    else if (!k->deriv) ((act_f64_fwd *)k->ptr)(n, x, y);
    else if (k->with_params) ((act_f64_bwd_p *)k->ptr)(n, x, dy, y, pd);
    else ((act_f64_bwd *)k->ptr)(n, x, dy, y);
    free(dy);
    return;
  }
  uint16_t *xb = malloc(m * 2), *yb = malloc(m * 2), *db = malloc(m * 2);
  float pf[ACT_MAX_PARAMS];
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    pf[i] = (float)p[i];
  for (size_t i = 0; i < n; i++)
    xb[i] = (uint16_t)act_to_bits16(x[i], k->fmt), db[i] = (uint16_t)act_to_bits16(1.0, k->fmt);
  if (!k->deriv && k->with_params) ((act_f16_fwd_p *)k->ptr)(n, xb, yb, pf);
  else if (!k->deriv) ((act_f16_fwd *)k->ptr)(n, xb, yb);
  else if (k->with_params) ((act_f16_bwd_p *)k->ptr)(n, xb, db, yb, pf);
  else ((act_f16_bwd *)k->ptr)(n, xb, db, yb);
  for (size_t i = 0; i < n; i++)
    y[i] = act_from_bits16(yb[i], k->fmt);
  free(xb), free(yb), free(db);
}

/* Binary64 inputs: every binade's edges and two random significands, both
 * signs; specials; the activation's thresholds and kinks; its domain. */
static size_t sample_f64(const act_def *a, double **out)
{
  size_t cap = 2 * 2047 * 6 + 64 + 20000, n = 0;
  double *v = malloc(cap * sizeof *v);
  uint64_t seed = 3;
  static const uint64_t edges[] = {0, 1, 0xffffffffffffeu, 0xfffffffffffffu};
  for (uint64_t sign = 0; sign < 2; sign++)
    for (uint64_t e = 0; e < 2047; e++)
      for (int i = 0; i < 6; i++) {
        uint64_t m = i < 4 ? edges[i] : act_rand(&seed) & 0xfffffffffffffu;
        uint64_t b = sign << 63 | e << 52 | m;
        memcpy(&v[n++], &b, 8);
      }
  v[n++] = INFINITY, v[n++] = -INFINITY, v[n++] = NAN;
  for (int i = 0; i < a->nspecial; i++)
    v[n++] = a->special[i], v[n++] = nextafter(a->special[i], -INFINITY),
    v[n++] = nextafter(a->special[i], INFINITY);
  for (int i = 0; i < a->nkinks; i++)
    v[n++] = a->kinks[i], v[n++] = nextafter(a->kinks[i], -INFINITY),
    v[n++] = nextafter(a->kinks[i], INFINITY);
  for (int i = 0; i < 20000; i++)
    v[n++] = a->dom_lo + (a->dom_hi - a->dom_lo) * ((double)(act_rand(&seed) >> 11) * 0x1p-53);
  *out = v;
  return n;
}

size_t act_fmt_inputs(const act_fmt_kernel *k, double **x)
{
  if (k->fmt == FMT_F64)
    return sample_f64(k->a, x);
  *x = malloc(65536 * sizeof **x); /* every input */
  for (unsigned i = 0; i < 65536; i++)
    (*x)[i] = act_from_bits16(i, k->fmt);
  return 65536;
}

void act_fmt_measure_many(const act_fmt_kernel *const *ks, size_t nk, const double *x,
                          size_t n, const double *p, act_stats *s)
{
  double *y = malloc((n ? n : 1) * nk * sizeof *y), one = 1;
  for (size_t j = 0; j < nk; j++)
    act_fmt_call(ks[j], x, y + j * n, n, p), act_stats_init(&s[j]);
  const act_fmt_kernel *k = ks[0];
  act_ref r;
  act_ref_init(&r);
  for (size_t i = 0; i < n; i++) {
    act_reference(k->a, k->deriv, x[i], p, k->deriv ? &one : NULL, k->fmt, RND_N, &r);
    for (size_t j = 0; j < nk; j++)
      act_stats_add(&s[j], x[i], y[j * n + i], &r, k->fmt);
  }
  act_ref_clear(&r);
  free(y);
}

void act_fmt_measure(const act_fmt_kernel *k, const double *x, size_t n, const double *p,
                     act_stats *s)
{
  act_fmt_measure_many(&k, 1, x, n, p, s);
}

void act_fmt_accuracy_results(const act_fmt_kernel *k, const act_stats *s, double max_ulp,
                              act_results *rs)
{
  const char *what = k->fmt == FMT_F64 ? "sampled" : "all 65536 inputs";
  const char *fn = act_formats[k->fmt].name;
  act_results_add(rs, "accuracy", s->max_ulp > max_ulp ? CHK_FAIL : CHK_PASS, "max ulp",
                  "%.3f ulp %s %g at x = %a: kernel %a, reference %a (%s %s, mean %.3f, "
                  "%.2f%% correctly rounded)",
                  s->max_ulp, s->max_ulp > max_ulp ? ">" : "<=", max_ulp, s->worst_x,
                  s->worst_y, s->worst_ref, fn, what,
                  s->sum_ulp / (double)(s->n - s->n_special ? s->n - s->n_special : 1),
                  100.0 * (double)s->n_cr / (double)s->n);
  for (int i = 0; i < s->nkeep; i++)
    act_results_add(rs, "specials", CHK_FAIL, act_cmp_name(s->special[i].kind),
                    "x = %a: kernel %a, reference %a: actcheck ref %s%s --format %s %a",
                    s->special[i].x, s->special[i].y, s->special[i].ref, k->a->name,
                    k->deriv ? " --deriv" : "", fn, s->special[i].x);
  if (!s->n_special)
    act_results_add(rs, "specials", CHK_PASS, "special inputs",
                    "%s: zeros, subnormals, infinities, NaNs among the %s", fn, what);
  else if (s->n_special > (uint64_t)s->nkeep)
    act_results_add(rs, "specials", CHK_FAIL, "more special-value failures",
                    "%llu in all", (unsigned long long)s->n_special);
}

void act_suite_format_accuracy(const act_fmt_kernel *k, const double *p, double max_ulp,
                               act_results *rs, act_stats *st)
{
  double *x;
  size_t n = act_fmt_inputs(k, &x);
  act_stats s;
  act_fmt_measure(k, x, n, p, &s);
  act_fmt_accuracy_results(k, &s, max_ulp, rs);
  if (st)
    *st = s;
  free(x);
}

int act_fmt_kernel_of_row(const act_kernel_fmt *r, act_fmt_kernel *k)
{
  static const act_format fmts[] = {[ACT_KFMT_F64] = FMT_F64, [ACT_KFMT_F16] = FMT_F16,
                                    [ACT_KFMT_BF16] = FMT_BF16};
  *k = (act_fmt_kernel){.ptr = r->ptr, .a = act_find(r->fn), .deriv = r->dir == ACT_BWD,
                        .with_params = r->with_params, .fmt = fmts[r->fmt]};
  return !k->a;
}

void act_fmt_params(const act_fmt_kernel *k, act_profile prof, double *p)
{
  act_profile_params(prof, k->a, p);
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    p[i] = k->fmt == FMT_F64 ? p[i] : (float)p[i];
}

/* f'(x) in format f, and what convention row c wants of a kernel in f: as
 * act_convention_expect (profiles.c), with the reference rounded once to f
 * rather than to binary32 and then to f. */
static double deriv_in(const act_def *a, double x, const double *p, act_format f)
{
  act_ref r;
  act_ref_init(&r);
  act_reference(a, 1, x, p, NULL, f, RND_N, &r);
  double v = r.value;
  act_ref_clear(&r);
  return v;
}

static double branch_in(const act_def *a, double x, const double *p, int side, act_format f)
{
  return deriv_in(a, x + (x == 0 ? 0x1p-200 : ldexp(fabs(x), -60)) * side, p, f);
}

static double expect_in(const act_convention *c, const act_def *a, const double *p,
                        act_format f)
{
  double x = act_convention_x(c, p);
  switch (c->rule) {
  case CONV_LEFT: return branch_in(a, x, p, -1, f);
  case CONV_RIGHT: return branch_in(a, x, p, 1, f);
  case CONV_SUM: return act_round_d(branch_in(a, x, p, -1, f) + branch_in(a, x, p, 1, f),
                                    f, RND_N);
  case CONV_REFERENCE: {
    act_ref r;
    act_ref_init(&r);
    act_reference(a, c->deriv, act_round_d(x, f, RND_N), p, NULL, f, RND_N, &r);
    double v = r.value;
    act_ref_clear(&r);
    return v;
  }
  default: return act_round_d(act_convention_expect(c, p), f, RND_N); /* values, params */
  }
}

void act_suite_format_conventions(const act_fmt_kernel *k, act_profile prof, const double *p,
                                  act_results *rs)
{
  size_t rows = 0;
  for (unsigned i = 0; i < act_convention_count; i++) {
    const act_convention *c = &act_conventions[i];
    if (c->profile != prof || c->deriv != k->deriv || strcmp(c->fn, k->a->name) ||
        c->tolerated)
      continue;
    double x = act_round_d(act_convention_x(c, p), k->fmt, RND_N), y;
    act_fmt_call(k, &x, &y, 1, p);
    double w = expect_in(c, k->a, p, k->fmt);
    int ok = isnan(y) ? isnan(w) || c->nan_ok
                      : y == w && (!c->sign || w != 0 || !signbit(y) == !signbit(w));
    rows++;
    if (ok)
      act_results_add(rs, "conventions", CHK_PASS, c->what, "%s %s", act_profile_names[prof],
                      c->source);
    else
      act_results_add(rs, "conventions", CHK_FAIL, c->what, "x = %a: kernel %a, %s wants %a (%s)",
                      x, y, act_profile_names[prof], w, c->source);
  }
  if (!rows)
    act_results_add(rs, "conventions", CHK_SKIP, "no convention rows", "%s fixes nothing for %s%s",
                    act_profile_names[prof], k->a->name, k->deriv ? "'" : "");
}

unsigned act_fmt_profiles_satisfied(const act_fmt_kernel *k, unsigned *applicable)
{
  unsigned ok = 0, app = 0;
  for (int prof = 0; prof < PROF_COUNT; prof++) {
    double p[ACT_MAX_PARAMS];
    act_fmt_params(k, (act_profile)prof, p);
    act_results rs = {0};
    act_suite_format_conventions(k, (act_profile)prof, p, &rs);
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
