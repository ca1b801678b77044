/* test_fast.c: the certified fast reference (reference/fast.c) against pure
 * MPFR (act_reference, binary32, round to nearest), bit for bit.
 *
 * For every elementwise row and both directions: random 32-bit patterns,
 * every binade's first and last two floats (both signs, subnormals
 * included), +-0, +-inf, NaNs, the row's kinks, thresholds and parameters
 * and a list of tail and shortcut edges with their neighbours, the edges
 * where the result starts to round to x, to +-1 or to +-0 (found by
 * bisection), near-ties at tiny inputs, and random inputs in the row's
 * domain.  Every input is compared (those where the fast path fell back
 * too): same value (the sign of a zero included), same flags, and, when the
 * fast path decided, |exact_fast - exact_mpfr| <= 2^-40 |exact_mpfr| +
 * 2^-200 (2^-51 ulp of the smallest subnormal: fast.c's contract).  Zero disagreements allowed.  A few non-default parameters are
 * checked the same way.
 *
 * About 20,000 inputs per row and direction; ACTCHECK_VALIDATE=full (make
 * validate): 1,000,000.  Prints inputs, fallbacks and the fast path's speed
 * (one thread, random bit patterns) for each row and direction. */
#include <math.h>
#include <omp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "act.h"
#include "fast.h"
#include "roots.h"

static int full;            /* ACTCHECK_VALIDATE=full */
static size_t n_per;        /* inputs per row and direction */
static size_t n_speed;      /* random bit patterns timed per row and direction */

static uint64_t rnd(uint64_t *s) /* splitmix64 */
{
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}
static float fb(uint32_t b)
{
  float f;
  memcpy(&f, &b, 4);
  return f;
}
static uint32_t bf(float f)
{
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}
/* binary32 rounding that GCC 12.2's SLP vectorizer cannot turn into a copy
 * (observed wrong code for (double)(float) pairs at -O2) */
static double f32r(double d)
{
  float f = (float)d;
  __asm__("" : "+m"(f));
  return f;
}
static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- inputs ----------------------------------------------------------------- */

typedef struct {
  float *x;
  size_t n, cap;
} vec;

static void push(vec *v, float x)
{
  if (v->n == v->cap) {
    v->cap = v->cap ? 2 * v->cap : 4096;
    v->x = realloc(v->x, v->cap * sizeof *v->x);
  }
  v->x[v->n++] = x;
}
/* t and its k neighbours on each side, both signs */
static void push_near(vec *v, double t, int k)
{
  float f = (float)t;
  for (int s = 0; s < 2; s++, f = -f) {
    float lo = f, hi = f;
    push(v, f);
    for (int i = 0; i < k; i++) {
      lo = nextafterf(lo, -INFINITY), hi = nextafterf(hi, INFINITY);
      push(v, lo), push(v, hi);
    }
  }
}

/* Edges where the fast result starts to equal x, +-1 or +-0: bisection over
 * the bit patterns of [2^-4, 2^12] on each side, wherever the predicate
 * differs at the ends. */
static int pred(const act_def *a, int d, const double *p, float x, int kind)
{
  act_fast_ref r;
  act_fast_ref_f32(a, d, x, p, &r);
  switch (kind) {
  case 0: return r.value == x;
  case 1: return fabs(r.value) == 1;
  default: return r.value == 0;
  }
}
static void push_edges(vec *v, const act_def *a, int d, const double *p)
{
  for (int sign = 0; sign < 2; sign++)
    for (int kind = 0; kind < 3; kind++) {
      uint32_t lo = bf(0x1p-4f), hi = bf(0x1p12f), s = sign ? 0x80000000u : 0;
      int plo = pred(a, d, p, fb(s | lo), kind), phi = pred(a, d, p, fb(s | hi), kind);
      if (plo == phi)
        continue;
      while (hi - lo > 1) {
        uint32_t m = lo + (hi - lo) / 2;
        if (pred(a, d, p, fb(s | m), kind) == plo) lo = m; else hi = m;
      }
      for (int i = -8; i <= 8; i++)
        push(v, fb(s | (hi + (uint32_t)i)));
    }
}

/* The root of a derivative that fast.c expands in a series (roots.c), as x,
 * and the series' window around it; w = 0 for the other rows. */
static void root_of(const act_def *a, const double *p, double *x0, double *w)
{
  const act_root *R = act_roots();
  double k = 0;
  int i = -1;
  *x0 = *w = 0;
  if (!strcmp(a->name, "gelu")) i = ROOT_GELU, k = 1;
  if (!strcmp(a->name, "gelu_tanh")) i = ROOT_GELU_TANH, k = 1;
  if (!strcmp(a->name, "mish")) i = ROOT_MISH, k = 1;
  if (!strcmp(a->name, "silu")) i = ROOT_XSIG, k = 1;
  if (!strcmp(a->name, "swish") && p[0] > 0) i = ROOT_XSIG, k = p[0];
  if (!strcmp(a->name, "gelu_sigmoid")) i = ROOT_XSIG, k = 1.702;
  if (i < 0 || !R[i].ok)
    return;
  *x0 = R[i].x0h / k, *w = R[i].w / k;
}

static void make_inputs(vec *v, const act_def *a, int d, const double *p, size_t n,
                        uint64_t seed)
{
  static const uint32_t specials[] = {0x00000000, 0x80000000, 0x7f800000, 0xff800000,
                                      0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001,
                                      0x7fc12345, 0x7f812345};
  for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
    push(v, fb(specials[i]));
  /* every binade's first and last two floats, both signs (e = 0: subnormals) */
  for (uint32_t e = 0; e < 255; e++) {
    static const uint32_t m[] = {0, 1, 0x7ffffe, 0x7fffff};
    for (int i = 0; i < 4; i++)
      for (uint32_t s = 0; s < 2; s++)
        push(v, fb(s << 31 | e << 23 | m[i]));
  }
  /* kinks, thresholds, parameters; the fast path's own switch points */
  for (int i = 0; i < a->nkinks; i++) push_near(v, a->kinks[i], 4);
  for (int i = 0; i < a->nspecial; i++) push_near(v, a->special[i], 4);
  for (int i = 0; i < a->nparams; i++) {
    push_near(v, p[i], 4);
    if (p[i] != 0)
      for (int j = 0; j < 3; j++) push_near(v, (3.0 * j - 3.0) / p[i], 3), push_near(v, 50 / p[i], 3);
  }
  static const double edges[] = {0.5, 0.75, 1.5, 0.7518, 1, 1.19, 1.2785, 2, 2.5, 3, 5, 6, 8,
                                 9.01, 10, 14.4, 16, 17.33, 20, 25, 27, 30, 38, 40, 50, 87,
                                 88.72, 100, 103.97, 104, 400, 470, 471, 745, 746, 800, 801,
                                 850, 851, 0x1p-20, 0x1p-24, 0x1p-25, 0x1p-27, 0x1p-30,
                                 0x1p-126, 0x1p-127};
  for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) push_near(v, edges[i], 3);
  push_edges(v, a, d, p);
  /* a derivative at its root: the floats nearest it and, below, an eighth
   * of the random inputs across the series' window (and past its ends) */
  double x0 = 0, w = 0;
  if (d) root_of(a, p, &x0, &w);
  if (w > 0) {
    push_near(v, x0, 1024);
    push_near(v, x0 - w, 16), push_near(v, x0 + w, 16);
  }
  /* near-ties at tiny inputs: odd multiples of 2^-k */
  for (int k = 20; k <= 27; k++)
    for (int j = 1; j < 64; j += 2)
      push(v, (float)ldexp(j, -k)), push(v, (float)-ldexp(j, -k));
  size_t fixed = v->n;
  for (size_t i = fixed; i < n; i++) {
    uint64_t r = rnd(&seed);
    float x;
    switch (r & 7) {
    case 0: case 1: case 2: case 3: /* random bit patterns */
      x = fb((uint32_t)(r >> 32));
      break;
    case 5:
      if (w > 0) { /* the root's window */
        x = (float)(x0 - 1.25 * w + 2.5 * w * (double)(r >> 11) * 0x1p-53);
        break;
      }
      /* fall through */
    case 4: /* uniform in the interesting domain */
      x = (float)(a->dom_lo + (a->dom_hi - a->dom_lo) * (double)(r >> 11) * 0x1p-53);
      break;
    case 6: /* log-uniform magnitude in [2^-30, 2^10], either sign */
      x = (float)ldexp(1 + (double)((r >> 8) & 0xffffff) * 0x1p-24, (int)((r >> 40) % 40) - 30);
      if (r & 8) x = -x;
      break;
    default: /* subnormal or tiny */
      x = fb(((uint32_t)(r >> 32) & 0x807fffffu) | (uint32_t)((r >> 4) & 1) << 23);
      if (r & 16) x = (float)ldexp(1 + (double)((r >> 8) & 0xffffff) * 0x1p-24, -(int)((r >> 40) % 120) - 20);
      if (r & 32) x = -x;
    }
    push(v, x);
  }
}

/* ---- one row and direction -------------------------------------------------- */

typedef struct {
  const act_def *a;
  int deriv;
  double p[ACT_MAX_PARAMS];
  int custom;            /* non-default parameters */
  size_t n, nans, fallbacks, bad, n_speed, fb_speed;
  double ns;
} result;

static int same_value(double a, double b)
{
  return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b));
}

/* The binary32 binade (exponent, >= -126) of a double and of an MPFR number:
 * ULP errors are measured in the binade of the exact value. */
static int binade(double d)
{
  if (d == 0 || !isfinite(d))
    return -126;
  int e = ilogb(d);
  return e < -126 ? -126 : e;
}
static int mpfr_binade(mpfr_srcptr t)
{
  if (!mpfr_regular_p(t))
    return -126;
  long e = mpfr_get_exp(t) - 1; /* t = m 2^(exp), m in [1/2, 1) */
  return e < -126 ? -126 : (int)e;
}

/* Bit for bit the same answer (NaNs of either sign alike). */
static int same_answer(const act_fast_ref *f, const act_fast_ref *g)
{
  return (memcmp(&f->value, &g->value, 8) == 0 || (isnan(f->value) && isnan(g->value))) &&
         (memcmp(&f->exact, &g->exact, 8) == 0 || (isnan(f->exact) && isnan(g->exact))) &&
         f->flags == g->flags && f->fell_back == g->fell_back && f->side == g->side;
}

static void run(result *res, uint64_t seed)
{
  const act_def *a = res->a;
  int d = res->deriv;
  const double *p = res->p;
  vec v = {0};
  make_inputs(&v, a, d, p, res->custom ? n_per / 4 : n_per, seed);
  size_t fallbacks = 0, bad = 0, nans = 0;
  long n = (long)v.n;
#pragma omp parallel reduction(+ : fallbacks, bad, nans)
  {
    act_ref m;
    act_ref_init(&m);
#pragma omp for schedule(dynamic, 64)
    for (long i = 0; i < n; i++) {
      float x = v.x[i];
      act_fast_ref f;
      act_fast_ref_f32(a, d, x, p, &f);
      act_reference(a, d, x, p, NULL, FMT_F32, RND_N, &m);
      double me = mpfr_get_d(m.exact, MPFR_RNDN);
      fallbacks += (size_t)f.fell_back;
      nans += isnan(x);
      int ok = same_value(f.value, m.value) && f.flags == m.flags;
      if (ok && !f.fell_back) {
        if (isnan(me) || isinf(me))
          ok = same_value(f.exact, me);
        else
          ok = fabs(f.exact - me) <= 0x1.01p-40 * fabs(me) + 0x1p-200 &&
               (m.binade_open || binade(f.exact) == mpfr_binade(m.exact)); /* ULP of t */
      }
      if (ok && !f.fell_back && f.side) { /* the side claimed, against 400 bits */
        act_ref w;
        act_ref_init(&w);
        w.exact_bits = 400;
        act_reference(a, d, x, p, NULL, FMT_F32, RND_N, &w);
        int c = mpfr_cmp_d(w.exact, f.exact);
        ok = (c > 0) - (c < 0) == f.side;
        act_ref_clear(&w);
      }
      if (!ok) {
        bad++;
#pragma omp critical
        if (bad <= 5) {
          char ps[128] = "";
          for (int k = 0, o = 0; k < a->nparams; k++)
            o += snprintf(ps + o, sizeof ps - (size_t)o, " --param %s=%a", a->param_names[k], p[k]);
          printf("DISAGREE %s%s(%a): fast %a flags %d exact %a fell_back %d; "
                 "mpfr %a flags %d exact %a\n  repro: actcheck ref %s%s%s --exact %a\n",
                 a->name, d ? "'" : "", (double)x, f.value, f.flags, f.exact, f.fell_back,
                 m.value, m.flags, me, a->name, d ? " --deriv" : "", ps, (double)x);
        }
      }
    }
    act_ref_clear(&m);
  }
  /* the batched entry point gives the same answers, bit for bit */
  act_fast_ref *blk = malloc((v.n ? v.n : 1) * sizeof *blk);
  act_fast_ref_block_f32(a, d, v.x, v.n, p, blk);
  for (size_t i = 0; i < v.n; i++) {
    act_fast_ref f;
    act_fast_ref_f32(a, d, v.x[i], p, &f);
    if (!same_answer(&f, &blk[i]) && ++bad <= 5)
      printf("BLOCK DIFFERS %s%s(%a): one by one %a exact %a flags %d fell_back %d; "
             "block %a exact %a flags %d fell_back %d\n", a->name, d ? "'" : "",
             (double)v.x[i], f.value, f.exact, f.flags, f.fell_back, blk[i].value,
             blk[i].exact, blk[i].flags, blk[i].fell_back);
  }
  free(blk);
  res->n = v.n, res->nans = nans, res->fallbacks = fallbacks, res->bad = bad;
  /* speed and fallback rate on random bit patterns, one thread */
  size_t ns = res->custom ? n_speed / 8 : n_speed, fbs = 0;
  float *xs = malloc(ns * sizeof *xs);
  for (size_t i = 0; i < ns; i++) xs[i] = fb((uint32_t)rnd(&seed));
  act_fast_ref f;
  double t0 = now();
  for (size_t i = 0; i < ns; i++) {
    act_fast_ref_f32(a, d, xs[i], p, &f);
    fbs += (size_t)f.fell_back;
  }
  res->ns = (now() - t0) / (double)ns * 1e9;
  res->n_speed = ns, res->fb_speed = fbs;
  free(xs);
  free(v.x);
}

/* ---- cmocka ---------------------------------------------------------------- */

#define MAX_RESULTS 128
static result results[MAX_RESULTS];
static int nresults;

static void add_job(const act_def *a, const double *params)
{
  for (int d = 0; d < 2; d++) {
    result *r = &results[nresults++];
    memset(r, 0, sizeof *r);
    r->a = a, r->deriv = d, r->custom = params != NULL;
    for (int i = 0; i < ACT_MAX_PARAMS; i++)
      r->p[i] = params && i < a->nparams ? params[i] : f32r(a->param_defaults[i]);
  }
}

static void test_job(void **state)
{
  result *r = *state;
  uint64_t seed = 0x5eed0000u + (uint64_t)(r - results);
  run(r, seed);
  for (int d = 0; d < 2; d++) {
    result *q = r + d;
    if (d) run(q, seed + 1000);
    printf("  %-16s %s%s: %zu inputs, %zu fallbacks, %zu disagreements\n", q->a->name,
           q->deriv ? "bwd" : "fwd", q->custom ? " (params)" : "", q->n, q->fallbacks,
           q->bad);
    fflush(stdout);
  }
  assert_int_equal(r[0].bad, 0);
  assert_int_equal(r[1].bad, 0);
  for (int i = 0; i < r->a->nparams; i++)
    if (f32r(r->p[i]) != r->p[i]) { /* the header promises binary32 parameters */
      assert_int_equal(r[0].fallbacks, r[0].n - r[0].nans); /* NaN needs no MPFR */
      assert_int_equal(r[1].fallbacks, r[1].n - r[1].nans);
    }
  assert_true(act_fast_has(r->a, 0) && act_fast_has(r->a, 1));
}

/* Runs of consecutive bit patterns (act_fast_ref_bits_f32, what sweeps
 * use) against one-by-one answers, bit for bit: in every binade of both
 * signs, a run from its first pattern, one from a random offset and one
 * ending at its last; runs across +-0, into the infinities and NaNs.  A run
 * answered by one rule is expanded and compared input by input.  Every row,
 * direction and parameter set of the jobs above. */
static size_t check_run(const act_def *a, int d, const double *p, uint32_t first, size_t n,
                        size_t *uniform)
{
  static act_fast_ref out[4096];
  act_fast_uniform un;
  size_t bad = 0;
  int k = act_fast_ref_bits_f32(a, d, first, n, p, out, &un);
  *uniform += k != ACT_FAST_MIXED;
  for (size_t i = 0; i < n; i++) {
    float x = fb(first + (uint32_t)i);
    act_fast_ref f, g = out[i];
    act_fast_ref_f32(a, d, x, p, &f);
    if (k != ACT_FAST_MIXED) {
      g.value = k == ACT_FAST_CONST ? un.value : un.value * (double)x;
      g.exact = k == ACT_FAST_CONST ? un.exact : un.exact * (double)x;
      g.flags = un.flags, g.fell_back = 0, g.side = un.side;
    }
    if (!same_answer(&f, &g) && ++bad <= 3)
      printf("RUN DIFFERS %s%s(%a) in run 0x%08x+%zu (%s): one by one %a exact %a flags %d; "
             "run %a exact %a flags %d\n", a->name, d ? "'" : "", (double)x, first, n,
             k == ACT_FAST_MIXED ? "mixed" : k == ACT_FAST_CONST ? "const" : "scaled",
             f.value, f.exact, f.flags, g.value, g.exact, g.flags);
  }
  return bad;
}

static void test_runs(void **state)
{
  (void)state;
  uint64_t seed = 77;
  size_t len = full ? 4096 : 512, total_bad = 0;
  for (int j = 0; j < nresults; j++) {
    const act_def *a = results[j].a;
    const double *p = results[j].p;
    int d = results[j].deriv, b32 = 1;
    for (int i = 0; i < a->nparams; i++)
      b32 = b32 && f32r(p[i]) == p[i];
    if (!b32) /* every input to MPFR: nothing to compare, and slow */
      continue;
    size_t bad = 0, runs = 0, uniform = 0;
    for (uint32_t sb = 0; sb < 512; sb++) { /* sign and exponent field */
      uint32_t base = sb << 23;
      if ((sb & 0xff) == 0xff) { /* infinities and NaNs */
        bad += check_run(a, d, p, base, len, &uniform), runs++;
        continue;
      }
      uint32_t off = (uint32_t)(rnd(&seed) % ((1u << 23) - len));
      bad += check_run(a, d, p, base, len, &uniform);
      bad += check_run(a, d, p, base + off, len, &uniform);
      bad += check_run(a, d, p, base + (1u << 23) - (uint32_t)len, len, &uniform);
      runs += 3;
    }
    /* across +0 / -0 and from the largest finite into the infinities and NaNs */
    bad += check_run(a, d, p, 0x7f800000u - (uint32_t)len / 2, len, &uniform);
    bad += check_run(a, d, p, 0xff800000u - (uint32_t)len / 2, len, &uniform);
    bad += check_run(a, d, p, 0x00000000u, 2, &uniform);
    bad += check_run(a, d, p, 0x80000000u, 2, &uniform);
    runs += 4;
    printf("  %-16s %s%s: %zu runs of %zu patterns, %zu answered by one rule, %zu "
           "disagreements\n", a->name, d ? "bwd" : "fwd", results[j].custom ? " (params)" : "",
           runs, len, uniform, bad);
    total_bad += bad;
  }
  assert_int_equal(total_bad, 0);
}

/* The fast path knows nothing of row-wise activations: they go to MPFR. */
static void test_rows_fall_back(void **state)
{
  (void)state;
  for (unsigned i = 0; i < act_def_count; i++)
    if (act_defs[i].row_fwd) {
      assert_false(act_fast_has(&act_defs[i], 0));
      assert_false(act_fast_has(&act_defs[i], 1));
    }
}

static int print_table(void **state)
{
  (void)state;
  printf("\nfast reference vs MPFR (%s: %zu inputs per row and direction; speed on %zu random "
         "bit patterns, one thread)\n",
         full ? "full" : "default", n_per, n_speed);
  printf("%-16s %-4s %-12s %9s %9s %10s %12s %10s\n", "activation", "dir", "params", "inputs",
         "fallbacks", "rate", "rate(bits)", "ns/input");
  for (int i = 0; i < nresults; i++) {
    result *r = &results[i];
    if (!r->n) continue;
    char ps[64] = "default";
    if (r->custom)
      snprintf(ps, sizeof ps, r->a->nparams > 1 ? "%g,%g" : "%g", r->p[0], r->p[1]);
    printf("%-16s %-4s %-12s %9zu %9zu %10.2e %12.2e %10.1f\n", r->a->name,
           r->deriv ? "bwd" : "fwd", ps, r->n, r->fallbacks,
           (double)r->fallbacks / (double)r->n, (double)r->fb_speed / (double)r->n_speed,
           r->ns);
  }
  return 0;
}

/* The fast reference's vector mode (fast.c, vec_mode) charges glibc's
 * libmvec functions 4 ulps each (erfc 5) from the exact value, before its
 * safety factor (glibc's libm-test-ulps lists 1 ulp; Debian 12's measure up
 * to 2.5 here).  Measure them
 * here against MPFR on the domains fast.c uses; a libmvec worse than
 * charged fails.  Machines without AVX2 skip, loudly. */
#if defined(__x86_64__)
#include <mpfr.h>
#include "libmvec.h"
typedef __m256d vfn(__m256d);
__attribute__((target("avx2"))) static double vcall(vfn *f, double x)
{
  double y[4];
  _mm256_storeu_pd(y, f(_mm256_set1_pd(x)));
  return y[0];
}
static void test_libmvec(void **state)
{
  (void)state;
  if (!__builtin_cpu_supports("avx2")) {
    printf("SKIPPED: no AVX2 here: fast.c uses scalar libm on this machine\n");
    skip();
  }
  static const struct {
    const char *name;
    vfn *f;
    int (*m)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
    double lo, hi, charged;
  } fns[] = {
    {"exp", _ZGVdN4v_exp, mpfr_exp, -746, 1, 4},
    {"expm1", _ZGVdN4v_expm1, mpfr_expm1, -60, 0, 4},
    {"log1p", _ZGVdN4v_log1p, mpfr_log1p, 0, 1, 4},
    {"erf", _ZGVdN4v_erf, mpfr_erf, -0.84375, 0.84375, 4},
    {"erfc", _ZGVdN4v_erfc, mpfr_erfc, -0.84375, 28, 5},
    {"tanh", _ZGVdN4v_tanh, mpfr_tanh, -50, 50, 4},
  };
  mpfr_t t, y;
  mpfr_inits2(200, t, y, (mpfr_ptr)0);
  uint64_t seed = 42;
  int bad = 0;
  size_t n = full ? 1000000 : 50000;
  for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
    double worst = 0, wx = 0;
    for (size_t i = 0; i < n; i++) {
      /* half uniform over the domain, half log-uniform near 0 (tiny arguments) */
      double u = (double)(rnd(&seed) >> 11) * 0x1p-53, x;
      if (i % 2 || fns[k].lo >= 0)
        x = fns[k].lo + u * (fns[k].hi - fns[k].lo);
      else
        x = -ldexp(1 + u, -(int)(rnd(&seed) % 60)) * (rnd(&seed) % 2 ? 1 : -1);
      if (x < fns[k].lo || x > fns[k].hi) continue;
      double v = vcall(fns[k].f, x);
      mpfr_set_d(t, x, MPFR_RNDN);
      fns[k].m(y, t, MPFR_RNDN);
      double ex = mpfr_get_d(y, MPFR_RNDN);
      if (ex == 0) continue;
      int e;
      frexp(ex, &e);
      double ulp = ldexp(1, (e - 53 < -1074 ? -1074 : e - 53));
      mpfr_sub_d(y, y, v, MPFR_RNDN);
      double err = fabs(mpfr_get_d(y, MPFR_RNDN)) / ulp;
      if (err > worst) worst = err, wx = x;
    }
    printf("libmvec %-6s max %.3f ulp at %a (charged %.0f) over %zu inputs in [%g, %g]\n",
           fns[k].name, worst, wx, fns[k].charged, n, fns[k].lo, fns[k].hi);
    bad += worst > fns[k].charged;
  }
  mpfr_clears(t, y, (mpfr_ptr)0);
  assert_int_equal(bad, 0);
}
#endif

int main(void)
{
  const char *env = getenv("ACTCHECK_VALIDATE");
  full = env && strcmp(env, "full") == 0;
  n_per = full ? 1000000 : 20000;
  n_speed = full ? 1u << 20 : 1u << 17;

  struct CMUnitTest tests[MAX_RESULTS];
  int nt = 0;
  for (unsigned i = 0; i < act_def_count && nresults + 2 <= MAX_RESULTS; i++) {
    if (act_defs[i].row_fwd) continue;
    tests[nt++] = (struct CMUnitTest){act_defs[i].name, test_job, NULL, NULL,
                                      &results[nresults]};
    add_job(&act_defs[i], NULL);
  }
  /* non-default parameters (binary32 values) */
  static const struct {
    const char *name;
    double p[ACT_MAX_PARAMS];
  } custom[] = {
    {"leaky_relu", {0x1.99999ap-3}},           /* 0.2f */
    {"elu", {0.5}},
    {"elu", {-0x1.8p+0}},                      /* negative alpha */
    {"celu", {2.0}},
    {"celu", {0x1.99999ap-4}},                 /* 0.1f */
    {"swish", {0x1.8p+0}},
    {"swish", {0x1.99999ap-4}},
    {"softplus", {2.0}},
    {"softplus", {0x1.99999ap-4}},
    {"softplus_torch", {2.0, 10.0}},
    {"softplus_torch", {1.0, -1.0}},           /* a negative threshold */
    {"hardtanh", {-2.0, 0.5}},
    {"hardtanh", {0.0, 6.0}},
    {"hardsigmoid_onnx", {0x1.555556p-3, 0.5}}, /* 1/6 as float, PyTorch's line */
    {"hardsigmoid_onnx", {1.0, 0.0}},
    {"leaky_relu", {0.01}},                   /* not a binary32 value: all to MPFR */
    {"leaky_relu", {-0.25}},                  /* a negative slope (a trained PReLU):
                                                 free zero signs at +-0 */
    /* celu alpha < 0, swish and softplus beta < 0 are not here: the fast
     * reference declines them (all to MPFR, 7 us per input, minutes for the
     * runs check); test_reference checks their limits, test_conformance
     * kernels with them */
  };
  static char names[sizeof custom / sizeof custom[0]][64];
  for (size_t i = 0; i < sizeof custom / sizeof custom[0] && nresults + 2 <= MAX_RESULTS; i++) {
    const act_def *a = act_find(custom[i].name);
    if (!a) continue;
    snprintf(names[i], sizeof names[i], "%s(%g, %g)", a->name, custom[i].p[0], custom[i].p[1]);
    tests[nt++] = (struct CMUnitTest){names[i], test_job, NULL, NULL, &results[nresults]};
    add_job(a, custom[i].p);
  }
  tests[nt++] = (struct CMUnitTest){"row-wise activations go to MPFR", test_rows_fall_back,
                                    NULL, NULL, NULL};
  tests[nt++] = (struct CMUnitTest){"runs of patterns as one by one", test_runs, NULL, NULL,
                                    NULL};
#if defined(__x86_64__)
  tests[nt++] = (struct CMUnitTest){"libmvec's errors as fast.c charges them", test_libmvec,
                                    NULL, NULL, NULL};
#endif
  return _cmocka_run_group_tests("fast", tests, (size_t)nt, NULL, print_table);
}
