/* gelu_approx.c: every GELU-family kernel against its own formula (its
 * implementation error) and against x Phi(x) (its approximation error; for
 * backward kernels, gelu'), over binary32 inputs.  `actcheck sweep` measures
 * the first only: it requires the kernel's own activation.
 *
 *   gelu_approx [--step K] [--threads T] [--data DIR [--bins N] [--xmax X]
 *               [--per-bin M]] [KERNEL...]
 *
 * Inputs: every K-th bit pattern from 0 (default K = 1: all 2^32; K = 64
 * takes seconds per kernel), NaNs and infinities included.  Kernels: the
 * named ones, else every registered kernel of gelu, gelu_tanh, gelu_sigmoid.
 * Per kernel and reference: the max ULP error over all inputs, over
 * |x| <= 4 (where gelu >= -1.3e-4, the region a 1 + erf or 1 + tanh form can
 * still resolve), the share correctly rounded, and the max absolute error
 * |y - t| for |x| <= 10 (t exact to 2^-40 relative, from reference/fast.h),
 * with the inputs where the maxima occur.  Special-value failures (NaN,
 * infinities, signs of zeros) are counted apart, never folded into a figure.
 *
 * --data DIR also writes, for the report (scripts/report.sh), tab-separated
 * text with a '#' header line:
 *   DIR/summary.tsv   one line per kernel (SKIPPED ones too): the figures
 *                     above, the max relative error |y - t| / |t| against the
 *                     target for |x| <= 4 and for |x| <= 10, the registry
 *                     promise, with inputs in %a and in decimal;
 *   DIR/NAME.curve    the errors as functions of x: N bins (default 400) over
 *                     [-X, X] (default 10), M evenly spaced inputs per bin
 *                     (default 500), per bin the max absolute, relative and
 *                     ULP error against the target and the max ULP and
 *                     absolute error against its own formula;
 *   DIR/NAME.binade   per sign-and-exponent field (bits >> 23, as a sweep's
 *                     `binade` lines) of the K-step inputs: the count and the
 *                     max ULP error against its own formula and the target. */
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fast.h"
#include "measure.h"

#define CHUNK 4096
#define NBINADE 512 /* sign and exponent field: bits >> 23 */

typedef struct {
  double max_ulp, max_ulp4, max_abs; /* all x; |x| <= 4; |y - t| for |x| <= 10 */
  double max_rel4, max_rel;          /* |y - t| / |t| for |x| <= 4, |x| <= 10 (t != 0) */
  float x_ulp, x_ulp4, x_abs, x_rel4, x_rel; /* where (one such input) */
  uint64_t n, n_cr, n_special;
  uint64_t bn[NBINADE];   /* ULP-compared inputs per binade */
  double bmax[NBINADE];   /* their max ULP error */
} stats;

static void stat_init(stats *s) { memset(s, 0, sizeof *s); }

static uint32_t bits_of(float x)
{
  uint32_t b;
  memcpy(&b, &x, 4);
  return b;
}

static void stat_add(stats *s, float x, float y, const act_fast_ref *r)
{
  double ulp;
  s->n++;
  if (act_fast_compare(y, r, &ulp) != ACT_CMP_ULP) {
    s->n_special++;
    return;
  }
  unsigned b = bits_of(x) >> 23;
  s->bn[b]++;
  if (ulp > s->bmax[b]) s->bmax[b] = ulp;
  if (ulp <= 0.5)
    s->n_cr++;
  if (ulp > s->max_ulp) s->max_ulp = ulp, s->x_ulp = x;
  if (fabsf(x) <= 4 && ulp > s->max_ulp4) s->max_ulp4 = ulp, s->x_ulp4 = x;
  if (fabsf(x) <= 10 && isfinite(r->exact)) {
    double e = fabs((double)y - r->exact);
    if (e > s->max_abs) s->max_abs = e, s->x_abs = x;
    if (r->exact != 0) {
      double rel = e / fabs(r->exact);
      if (rel > s->max_rel) s->max_rel = rel, s->x_rel = x;
      if (fabsf(x) <= 4 && rel > s->max_rel4) s->max_rel4 = rel, s->x_rel4 = x;
    }
  }
}

/* merge b into a */
static void stat_merge(stats *a, const stats *b)
{
  if (b->max_ulp > a->max_ulp) a->max_ulp = b->max_ulp, a->x_ulp = b->x_ulp;
  if (b->max_ulp4 > a->max_ulp4) a->max_ulp4 = b->max_ulp4, a->x_ulp4 = b->x_ulp4;
  if (b->max_abs > a->max_abs) a->max_abs = b->max_abs, a->x_abs = b->x_abs;
  if (b->max_rel > a->max_rel) a->max_rel = b->max_rel, a->x_rel = b->x_rel;
  if (b->max_rel4 > a->max_rel4) a->max_rel4 = b->max_rel4, a->x_rel4 = b->x_rel4;
  a->n += b->n, a->n_cr += b->n_cr, a->n_special += b->n_special;
  for (int i = 0; i < NBINADE; i++) {
    a->bn[i] += b->bn[i];
    if (b->bmax[i] > a->bmax[i]) a->bmax[i] = b->bmax[i];
  }
}

static void print_stat(const char *what, const stats *s)
{
  printf("  %-7s max ulp %.4g (x = %a), |x| <= 4: %.4g (x = %a), CR %.4f%%, "
         "max abs |x| <= 10: %.3g (x = %a), special %llu\n",
         what, s->max_ulp, s->x_ulp, s->max_ulp4, s->x_ulp4,
         100.0 * (double)s->n_cr / (double)s->n, s->max_abs, s->x_abs,
         (unsigned long long)s->n_special);
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int is_gelu(const char *fn)
{
  return !strcmp(fn, "gelu") || !strcmp(fn, "gelu_tanh") || !strcmp(fn, "gelu_sigmoid");
}

/* --data */
static const char *data_dir;
static unsigned nbins = 400, per_bin = 500;
static double xmax = 10;
static FILE *summary;

static FILE *data_open(const char *name, const char *ext)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", data_dir, name, ext);
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "gelu_approx: cannot write %s: %s\n", path, strerror(errno));
    exit(2);
  }
  return f;
}

static void data_close(FILE *f)
{
  if (fflush(f) || ferror(f) || fclose(f)) {
    fprintf(stderr, "gelu_approx: write error in %s\n", data_dir);
    exit(2);
  }
}

static const char *summary_header =
  "#kernel\tfn\tdir\tisa\tpeer\tstatus\tpromise\tstep\tn\tseconds"
  "\town_max_ulp\town_x_ulp\town_x_ulp_dec\town_max_ulp4\town_x_ulp4\town_cr_pct\town_special"
  "\town_max_abs\town_x_abs"
  "\ttgt_max_ulp\ttgt_x_ulp\ttgt_x_ulp_dec\ttgt_max_ulp4\ttgt_x_ulp4\ttgt_cr_pct\ttgt_special"
  "\ttgt_max_abs\ttgt_x_abs\ttgt_x_abs_dec\ttgt_max_rel4\ttgt_x_rel4\ttgt_max_rel\ttgt_x_rel\n";

static void summary_row_head(const act_kernel *k, const char *status)
{
  fprintf(summary, "%s\t%s\t%s\t%s\t%d\t%s\t%.6g", k->name, k->fn, k->dir == ACT_BWD ? "bwd" : "fwd",
          act_isa_name(k->isa), (k->flags & ACT_K_PEER) != 0, status, k->max_ulp);
}

static void summary_skipped(const act_kernel *k)
{
  char why[64];
  snprintf(why, sizeof why, "SKIPPED: this machine lacks %s", act_isa_name(k->isa));
  summary_row_head(k, why);
  for (int i = 0; i < 33 - 7; i++)
    fputs("\t-", summary);
  fputc('\n', summary);
}

static void summary_stats(const stats *s)
{
  fprintf(summary, "\t%.6e\t%a\t%.9g\t%.6e\t%a\t%.4f\t%llu\t%.6e\t%a", s->max_ulp, s->x_ulp,
          s->x_ulp, s->max_ulp4, s->x_ulp4, 100.0 * (double)s->n_cr / (double)s->n,
          (unsigned long long)s->n_special, s->max_abs, s->x_abs);
}

/* Errors as functions of x: nbins bins over [-xmax, xmax], per_bin evenly
 * spaced inputs each (rounded to binary32). */
static void curve(const act_kernel *k, const act_def *own, const act_def *tgt, int deriv)
{
  typedef struct { double abs_t, rel_t, ulp_t, ulp_o, abs_o; uint64_t n, special; } bin;
  bin *bins = calloc(nbins, sizeof *bins);
  if (!bins) {
    fprintf(stderr, "gelu_approx: out of memory\n");
    exit(2);
  }
  double h = 2 * xmax / ((double)nbins * per_bin);
#pragma omp parallel
  {
    float *xs = malloc(per_bin * sizeof *xs), *ys = malloc(per_bin * sizeof *ys),
          *ones = malloc(per_bin * sizeof *ones);
    if (!xs || !ys || !ones) {
      fprintf(stderr, "gelu_approx: out of memory\n");
      exit(2);
    }
    for (unsigned i = 0; i < per_bin; i++)
      ones[i] = 1.0f;
#pragma omp for schedule(dynamic, 4)
    for (unsigned b = 0; b < nbins; b++) {
      bin *o = &bins[b];
      for (unsigned i = 0; i < per_bin; i++)
        xs[i] = (float)(-xmax + ((double)b * per_bin + i + 0.5) * h);
      act_call_f32(k, per_bin, xs, ones, ys, NULL);
      for (unsigned i = 0; i < per_bin; i++) {
        act_fast_ref ro, rt;
        double u;
        act_fast_ref_f32(own, deriv, xs[i], NULL, &ro);
        if (tgt != own)
          act_fast_ref_f32(tgt, deriv, xs[i], NULL, &rt);
        else
          rt = ro;
        o->n++;
        if (act_fast_compare(ys[i], &rt, &u) != ACT_CMP_ULP) {
          o->special++;
          continue;
        }
        double e = fabs((double)ys[i] - rt.exact);
        if (u > o->ulp_t) o->ulp_t = u;
        if (e > o->abs_t) o->abs_t = e;
        if (rt.exact != 0 && e / fabs(rt.exact) > o->rel_t) o->rel_t = e / fabs(rt.exact);
        if (act_fast_compare(ys[i], &ro, &u) == ACT_CMP_ULP) {
          e = fabs((double)ys[i] - ro.exact);
          if (u > o->ulp_o) o->ulp_o = u;
          if (e > o->abs_o) o->abs_o = e;
        }
      }
    }
    free(xs), free(ys), free(ones);
  }
  FILE *f = data_open(k->name, ".curve");
  fprintf(f, "# %s: errors on [%g, %g], %u bins of %u inputs; target %s%s, own %s%s\n"
             "#x_lo\tx_hi\tabs_vs_target\trel_vs_target\tulp_vs_target\tulp_vs_own\tabs_vs_own"
             "\tn\tspecial\n",
          k->name, -xmax, xmax, nbins, per_bin, tgt->name, deriv ? "'" : "", own->name,
          deriv ? "'" : "");
  for (unsigned b = 0; b < nbins; b++) {
    const bin *o = &bins[b];
    fprintf(f, "%.6g\t%.6g\t%.6e\t%.6e\t%.6e\t%.6e\t%.6e\t%llu\t%llu\n",
            -xmax + 2 * xmax * b / nbins, -xmax + 2 * xmax * (b + 1) / nbins, o->abs_t, o->rel_t,
            o->ulp_t, o->ulp_o, o->abs_o, (unsigned long long)o->n,
            (unsigned long long)o->special);
  }
  data_close(f);
  free(bins);
}

static void binades(const act_kernel *k, const stats *so, const stats *st, uint64_t step)
{
  FILE *f = data_open(k->name, ".binade");
  fprintf(f, "# %s: max ULP error per binade of every %llu-th bit pattern\n"
             "#field\tsign\texp\tn\tulp_vs_own\tulp_vs_target\n",
          k->name, (unsigned long long)step);
  for (int b = 0; b < NBINADE; b++)
    if (so->bn[b] || st->bn[b])
      fprintf(f, "0x%03x\t%c\t%d\t%llu\t%.6e\t%.6e\n", b, b & 256 ? '-' : '+',
              (b & 255) - 127, (unsigned long long)so->bn[b], so->bmax[b], st->bmax[b]);
  data_close(f);
}

static void run(const act_kernel *k, uint64_t step)
{
  const act_def *own = act_find(k->fn), *tgt = act_find(own->target ? own->target : own->name);
  int deriv = k->dir == ACT_BWD;
  uint64_t total = (UINT64_C(1) << 32) / step;
  uint64_t nchunks = (total + CHUNK - 1) / CHUNK;
  static stats so, st;
  stat_init(&so), stat_init(&st);
  double t0 = now();
#pragma omp parallel
  {
    stats *lo = malloc(sizeof *lo), *lt = malloc(sizeof *lt);
    if (!lo || !lt) {
      fprintf(stderr, "gelu_approx: out of memory\n");
      exit(2);
    }
    stat_init(lo), stat_init(lt);
    float xs[CHUNK], ys[CHUNK], ones[CHUNK];
    for (int i = 0; i < CHUNK; i++)
      ones[i] = 1.0f;
#pragma omp for schedule(dynamic, 16)
    for (uint64_t c = 0; c < nchunks; c++) {
      uint64_t i0 = c * CHUNK, m = total - i0 < CHUNK ? total - i0 : CHUNK;
      for (uint64_t i = 0; i < m; i++) {
        uint32_t b = (uint32_t)((i0 + i) * step);
        memcpy(&xs[i], &b, 4);
      }
      act_call_f32(k, m, xs, ones, ys, NULL);
      for (uint64_t i = 0; i < m; i++) {
        act_fast_ref r;
        act_fast_ref_f32(own, deriv, xs[i], NULL, &r);
        stat_add(lo, xs[i], ys[i], &r);
        if (tgt != own)
          act_fast_ref_f32(tgt, deriv, xs[i], NULL, &r);
        stat_add(lt, xs[i], ys[i], &r);
      }
    }
#pragma omp critical
    {
      stat_merge(&so, lo);
      stat_merge(&st, lt);
    }
    free(lo), free(lt);
  }
  double secs = now() - t0;
  printf("%s (%s%s, vs own: %s; target: %s), %llu inputs, %.1f s\n", k->name, k->fn,
         deriv ? "'" : "", own->name, tgt->name, (unsigned long long)so.n, secs);
  print_stat("own", &so);
  print_stat(deriv ? "gelu'" : "gelu", &st);
  fflush(stdout);
  if (!data_dir)
    return;
  summary_row_head(k, "ok");
  fprintf(summary, "\t%llu\t%llu\t%.2f", (unsigned long long)step, (unsigned long long)so.n, secs);
  summary_stats(&so);
  summary_stats(&st);
  fprintf(summary, "\t%.9g\t%.6e\t%a\t%.6e\t%a\n", st.x_abs, st.max_rel4, st.x_rel4, st.max_rel,
          st.x_rel);
  fflush(summary);
  binades(k, &so, &st, step);
  curve(k, own, tgt, deriv);
}

static void skipped(const act_kernel *k)
{
  printf("%s: SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
  if (data_dir)
    summary_skipped(k);
}

static int takes_value(const char *a)
{
  return !strcmp(a, "--step") || !strcmp(a, "--threads") || !strcmp(a, "--data") ||
         !strcmp(a, "--bins") || !strcmp(a, "--xmax") || !strcmp(a, "--per-bin");
}

int main(int argc, char **argv)
{
  uint64_t step = 1;
  int named = 0;
  for (int i = 1; i < argc; i++) {
    if (takes_value(argv[i]) && i + 1 >= argc) {
      fprintf(stderr, "gelu_approx: %s wants a value\n", argv[i]);
      return 2;
    }
    if (!strcmp(argv[i], "--step")) {
      step = strtoull(argv[++i], NULL, 0);
      if (step == 0 || step > (UINT64_C(1) << 31)) {
        fprintf(stderr, "gelu_approx: --step wants 1 .. 2^31\n");
        return 2;
      }
    } else if (!strcmp(argv[i], "--threads")) {
      int t = atoi(argv[++i]);
      if (t < 1) {
        fprintf(stderr, "gelu_approx: --threads wants a count >= 1\n");
        return 2;
      }
      omp_set_num_threads(t);
    } else if (!strcmp(argv[i], "--data")) {
      data_dir = argv[++i];
    } else if (!strcmp(argv[i], "--bins") || !strcmp(argv[i], "--per-bin")) {
      const char *o = argv[i];
      long v = strtol(argv[++i], NULL, 0);
      if (v < 1 || v > 1000000) {
        fprintf(stderr, "gelu_approx: %s wants 1 .. 10^6\n", o);
        return 2;
      }
      *(o[2] == 'b' ? &nbins : &per_bin) = (unsigned)v;
    } else if (!strcmp(argv[i], "--xmax")) {
      xmax = strtod(argv[++i], NULL);
      if (!(xmax > 0 && xmax < 1e30)) {
        fprintf(stderr, "gelu_approx: --xmax wants a number > 0\n");
        return 2;
      }
    } else {
      named = 1;
    }
  }
  if (data_dir) {
    if (mkdir(data_dir, 0777) && errno != EEXIST) {
      fprintf(stderr, "gelu_approx: cannot create %s: %s\n", data_dir, strerror(errno));
      return 2;
    }
    summary = data_open("summary", ".tsv");
    fputs(summary_header, summary);
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (takes_value(argv[i])) {
      i++;
      continue;
    }
    const act_kernel *k = act_kernel_find(argv[i]);
    if (!k || act_kernel_is_row(k) || !is_gelu(k->fn)) {
      fprintf(stderr, "gelu_approx: '%s' is not a registered gelu, gelu_tanh or gelu_sigmoid kernel\n",
              argv[i]);
      return 2;
    }
    if (!act_isa_available(k->isa)) {
      skipped(k);
      status = 77;
      continue;
    }
    run(k, step);
  }
  if (!named)
    for (unsigned i = 0; i < act_kernel_count; i++) {
      const act_kernel *k = &act_kernels[i];
      if (act_kernel_is_row(k) || !is_gelu(k->fn))
        continue;
      if (!act_isa_available(k->isa)) {
        skipped(k);
        continue;
      }
      run(k, step);
    }
  if (summary)
    data_close(summary);
  return status;
}
