/* bench_kernels.c: throughput of every registered kernel and every peer
 * (impls/peers/), in elements per nanosecond on arrays that fit in L1
 * (1024 floats) and in L2 (32768), best of several repetitions, with the
 * max ULP error beside (sampled as test_kernels samples: act_sample_f32 with
 * 6 per binade, 1500 in the domain, seed 11; rows: 300 random rows).
 * Per activation and direction one table: each AVX2 kernel of ours against
 * its scalar twin (the same algorithm name, as the GELU variants have), else
 * the fastest scalar kernel without a twin (the libm baselines); against
 * oneDNN's eltwise (forward, L1); and the Pareto check: a peer both faster
 * (L1) and more accurate (max ULP) than it.
 * A summary says which of issue 5's targets are met.  Benchmarks, not tests:
 * nothing here fails on time.
 *
 * Usage: bench_kernels [--fn FN]... [--reps R] [--ms T]
 *   --fn FN  only this activation (repeatable)
 *   --reps R timed windows per kernel and size, the fastest is kept (default 21)
 *   --ms T   milliseconds per window (default 0.5)
 * Inputs are uniform in the activation's interesting domain, dy uniform in
 * [-1, 1], parameters the defaults; y is a separate buffer; row kernels run
 * rows of 1024 columns.  Single thread (oneDNN and XNNPACK too: see onednn.c,
 * xnnpack.c).
 * The L1 case calls a kernel on the same 1024 inputs again and again, and a
 * modern branch predictor learns that many branches: kernels with
 * data-dependent branches (the scalar clamps and selects) look up to 4x
 * faster at L1 than at L2, where 32768 inputs are too many to learn. */
#define ACT_PEER_FACTS /* every peer row, also those kept out of the registry */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "measure.h"
#include "peers/peers.h"

/* The peer rows, all of them (peers.def keeps some out of the registry until
 * test_kernels reports a peer's special-value failures as facts). */
#define NEEDS_RN ACT_K_NEEDS_RN
#define FLUSHES ACT_K_FLUSHES
#define PEER ACT_K_PEER
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) act_##shape sym;
#include "peers/peers.def"
#undef KERNEL
static const act_kernel peer_rows[] = {
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) \
  {name, fn, ACT_##dir, ACT_ISA_##isa, ACT_SHAPE_##shape, ulp, prof, flags, (void (*)(void))sym},
#include "peers/peers.def"
#undef KERNEL
};

enum { NL1 = 1024, NL2 = 32768, COLS = 1024 };

typedef struct {
  const act_kernel *k;
  int registered;
  double ulp;         /* max ULP error on the samples */
  unsigned long nspec; /* special-value failures on the samples */
  double eps[2];      /* elements per ns, L1 and L2 */
  float *x, *dy, p[ACT_MAX_PARAMS]; /* inputs (x, dy shared by an activation's kernels) */
  int own;
  long iters[2];      /* calls per timed window */
  double best[2];     /* fastest window, seconds per call */
} result;

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void call(const act_kernel *k, size_t n, const float *x, const float *dy, float *y,
                 const float *p)
{
  if (act_kernel_is_row(k))
    act_call_row_f32(k, n / COLS, COLS, x, dy, y);
  else
    act_call_f32(k, n, x, dy, y, p);
}

static double run(const act_kernel *k, size_t n, long iters, const float *x, const float *dy,
                  float *y, const float *p)
{
  double t0 = now();
  for (long i = 0; i < iters; i++)
    call(k, n, x, dy, y, p);
  return now() - t0;
}

/* Calls per timed window: about ms milliseconds. */
static long calibrate(const act_kernel *k, size_t n, const float *x, const float *dy, float *y,
                      const float *p, double ms)
{
  call(k, n, x, dy, y, p); /* warm up (oneDNN creates its primitive here) */
  long iters = 1;
  while (run(k, n, iters, x, dy, y, p) < ms * 1e-3 && iters < (1L << 30))
    iters *= 2;
  return iters;
}

static void accuracy(result *r, const act_def *a)
{
  act_stats s;
  act_stats_init(&s);
  if (act_kernel_is_row(r->k)) {
    act_measure_rows_f32(r->k, a, 300, 11, &s);
  } else {
    float *xs;
    size_t n = act_sample_f32(a, 6, 1500, 11, &xs);
    act_measure_f32(r->k, a, NULL, xs, n, &s);
    free(xs);
  }
  r->ulp = s.max_ulp, r->nspec = (unsigned long)s.n_special;
}

static const char *fmt_ulp(double u, char *buf)
{
  snprintf(buf, 24, u < 1000 ? "%.3f" : "%.3g", u);
  return buf;
}

static int is_ours(const result *r) { return !(r->k->flags & ACT_K_PEER); }
static int same_group(const result *a, const result *b)
{
  return !strcmp(a->k->fn, b->k->fn) && a->k->dir == b->k->dir;
}

/* The algorithm part of a kernel name: what follows its ISA token
 * (f32-gelu-avx2-erf-lut513-p2 -> erf-lut513-p2). */
static const char *algorithm(const act_kernel *k)
{
  char tok[16];
  snprintf(tok, sizeof tok, "-%s-", act_isa_name(k->isa));
  const char *a = strstr(k->name, tok);
  return a ? a + strlen(tok) : k->name;
}

/* Our kernel of the same activation, direction and algorithm as r in the
 * other ISA class (scalar: 1 finds r's scalar twin; 0: r's SIMD twin). */
static const result *twin(const result *res, unsigned nk, const result *r, int scalar)
{
  for (unsigned i = 0; i < nk; i++) {
    const result *o = &res[i];
    if (o != r && is_ours(o) && same_group(o, r) && (o->k->isa == ACT_ISA_SCALAR) == scalar &&
        !strcmp(algorithm(o->k), algorithm(r->k)))
      return o;
  }
  return NULL;
}

static double loadavg(void)
{
  double l = -1;
  FILE *f = fopen("/proc/loadavg", "r");
  if (f) {
    if (fscanf(f, "%lf", &l) != 1)
      l = -1;
    fclose(f);
  }
  return l;
}

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *only[64];
  int nonly = 0, reps = 21;
  double ms = 0.5;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--fn") && i + 1 < argc && nonly < 64) {
      if (!act_find(argv[++i])) {
        fprintf(stderr, "bench_kernels: unknown activation '%s'\n", argv[i]);
        return 2;
      }
      only[nonly++] = argv[i];
    } else if (!strcmp(argv[i], "--reps") && i + 1 < argc && atoi(argv[i + 1]) > 0) {
      reps = atoi(argv[++i]);
    } else if (!strcmp(argv[i], "--ms") && i + 1 < argc && atof(argv[i + 1]) > 0) {
      ms = atof(argv[++i]);
    } else {
      fprintf(stderr, "usage: bench_kernels [--fn FN]... [--reps R] [--ms T]\n");
      return 2;
    }
  }

  /* The kernels: the registry, then the peer rows it does not hold. */
  unsigned npeer = sizeof peer_rows / sizeof peer_rows[0], nk = 0, skipped[8][2] = {{0}};
  result *res = calloc(act_kernel_count + npeer, sizeof *res);
  for (unsigned i = 0; i < act_kernel_count + npeer; i++) {
    const act_kernel *k = i < act_kernel_count ? &act_kernels[i] : &peer_rows[i - act_kernel_count];
    int want = !nonly;
    for (int j = 0; j < nonly; j++)
      want |= !strcmp(only[j], k->fn);
    if (!want || k->shape == ACT_SHAPE_f32_fwd || k->shape == ACT_SHAPE_f32_bwd)
      continue;
    if (i >= act_kernel_count && act_kernel_find(k->name))
      continue;
    if (act_kernel_remote(k)) { /* NEON under qemu-aarch64: not even started */
      skipped[k->isa][1]++;
      continue;
    }
    if (!act_isa_available(k->isa)) {
      skipped[k->isa][0]++;
      continue;
    }
    res[nk].k = k, res[nk++].registered = i < act_kernel_count;
  }

  double load0 = loadavg();
  char cpu[128] = "?";
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f) {
    char line[256];
    while (fgets(line, sizeof line, f))
      if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
        snprintf(cpu, sizeof cpu, "%s", strchr(line, ':') + 2);
        cpu[strcspn(cpu, "\n")] = 0;
        break;
      }
    fclose(f);
  }
  printf("# bench_kernels: %s; oneDNN eltwise on %s, one thread; XNNPACK on %s (its own choice, "
         "no switch); load average %.2f\n", cpu, act_peer_onednn_isa(),
         __builtin_cpu_supports("avx512f") ? "avx512f" : "avx2 or less", load0);
  printf("# elements/ns, fastest of %d interleaved windows of ~%g ms, n = %d (L1) and %d (L2) floats; "
         "max ulp on test_kernels' samples; special: special-value failures there\n",
         reps, ms, NL1, NL2);
  printf("# L1 repeats the same 1024 inputs: data-dependent branches (scalar clamps, selects) "
         "get learned there, not at L2\n");
  for (int i = 0; i < 8; i++)
    for (int r = 0; r < 2; r++)
      if (skipped[i][r])
        printf("# SKIPPED %u %s kernels: %s (not measured)\n", skipped[i][r],
               act_isa_name((act_isa)i),
               r ? "run under emulation (qemu-aarch64) on this host, their speed means nothing"
                 : "this machine lacks the ISA");

  /* Inputs per activation (kernels of one activation share them). */
  float *y = aligned_alloc(64, NL2 * sizeof *y);
  uint64_t seed = 5;
  for (unsigned i = 0; i < nk; i++) {
    const act_def *a = act_find(res[i].k->fn);
    for (unsigned j = 0; j < i && !res[i].x; j++)
      if (!strcmp(res[j].k->fn, a->name))
        res[i].x = res[j].x, res[i].dy = res[j].dy;
    if (!res[i].x) {
      res[i].x = aligned_alloc(64, NL2 * sizeof(float));
      res[i].dy = aligned_alloc(64, NL2 * sizeof(float));
      for (int j = 0; j < NL2; j++) {
        double u = (double)(act_rand(&seed) >> 11) * 0x1p-53;
        res[i].x[j] = (float)(a->dom_lo + u * (a->dom_hi - a->dom_lo));
        res[i].dy[j] = (float)(2 * (double)(act_rand(&seed) >> 11) * 0x1p-53 - 1);
      }
      res[i].own = 1;
    }
    for (int j = 0; j < ACT_MAX_PARAMS; j++)
      res[i].p[j] = (float)a->param_defaults[j];
    for (int s = 0; s < 2; s++) {
      res[i].iters[s] = calibrate(res[i].k, s ? NL2 : NL1, res[i].x, res[i].dy, y, res[i].p, ms);
      res[i].best[s] = INFINITY;
    }
  }
  /* Timed windows interleaved: repetition r of every kernel, then r + 1, so
   * a slow spell of a shared machine hits all kernels alike; each keeps its
   * fastest window (after one untimed call that brings its data in). */
  for (int r = 0; r < reps; r++)
    for (unsigned i = 0; i < nk; i++)
      for (int s = 0; s < 2; s++) {
        size_t n = s ? NL2 : NL1;
        call(res[i].k, n, res[i].x, res[i].dy, y, res[i].p);
        double t = run(res[i].k, n, res[i].iters[s], res[i].x, res[i].dy, y, res[i].p) /
                   (double)res[i].iters[s];
        if (t < res[i].best[s])
          res[i].best[s] = t;
      }
  for (unsigned i = 0; i < nk; i++) {
    for (int s = 0; s < 2; s++)
      res[i].eps[s] = (double)(s ? NL2 : NL1) / (res[i].best[s] * 1e9);
    accuracy(&res[i], act_find(res[i].k->fn));
  }

  /* Per activation and direction. */
  int n4 = 0, n4ok = 0, npar = 0, nparok = 0, ndnn = 0, ndnnok = 0;
  char miss4[4096] = "", misspar[4096] = "", missdnn[4096] = "";
  char *done = calloc(nk, 1);
  for (unsigned g = 0; g < nk; g++) {
    if (done[g])
      continue;
    /* Scalar baselines: the scalar kernels without a SIMD twin (same
     * algorithm name: the GELU variants), the fastest of them. */
    const result *best_scalar = NULL, *dnn = NULL;
    for (unsigned i = g; i < nk; i++)
      if (same_group(&res[i], &res[g])) {
        const result *r = &res[i];
        if (is_ours(r) && r->k->isa == ACT_ISA_SCALAR && !twin(res, nk, r, 0) &&
            (!best_scalar || r->eps[0] > best_scalar->eps[0]))
          best_scalar = r;
        if (!is_ours(r) && strstr(r->k->name, "-onednn-"))
          dnn = r;
      }
    printf("\n### %s %s\n\n", res[g].k->fn, res[g].k->dir == ACT_BWD ? "backward" : "forward");
    printf("| kernel | max ulp | special | L1 el/ns | L2 el/ns | x scalar L1/L2 | x oneDNN L1 "
           "| Pareto (peers faster at L1 and more accurate) |\n");
    printf("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (unsigned i = g; i < nk; i++) {
      if (!same_group(&res[i], &res[g]))
        continue;
      done[i] = 1;
      const result *r = &res[i];
      char u[24], sc[64] = "", dn[32] = "", par[512] = "";
      int simd = is_ours(r) && r->k->isa != ACT_ISA_SCALAR;
      const result *base = simd ? twin(res, nk, r, 1) : NULL;
      if (simd && !base)
        base = best_scalar;
      if (simd && base) {
        double s1 = r->eps[0] / base->eps[0], s2 = r->eps[1] / base->eps[1];
        snprintf(sc, sizeof sc, "%.1f / %.1f", s1, s2);
        n4++;
        if (s1 >= 4 && s2 >= 4)
          n4ok++;
        else
          snprintf(miss4 + strlen(miss4), sizeof miss4 - strlen(miss4), "  %s: %.1fx / %.1fx (%s)\n",
                   r->k->name, s1, s2, base->k->name);
      }
      if (simd && dnn && r->k->dir == ACT_FWD) {
        double q = r->eps[0] / dnn->eps[0];
        snprintf(dn, sizeof dn, "%.2f", q);
        ndnn++;
        if (q >= 1)
          ndnnok++;
        else
          snprintf(missdnn + strlen(missdnn), sizeof missdnn - strlen(missdnn),
                   "  %s: %.2fx %s (%.3f vs %.3f el/ns)\n", r->k->name, q, dnn->k->name,
                   r->eps[0], dnn->eps[0]);
      }
      /* Pareto: for our SIMD kernels, the peers that beat them on both counts;
       * for peers, our SIMD kernels they beat. */
      for (unsigned j = g; j < nk; j++) {
        const result *o = &res[j];
        if (!same_group(o, r) || is_ours(o) == is_ours(r))
          continue;
        const result *ours = is_ours(r) ? r : o, *peer = is_ours(r) ? o : r;
        if (ours->k->isa == ACT_ISA_SCALAR)
          continue;
        if (peer->eps[0] > ours->eps[0] && peer->ulp < ours->ulp && strlen(par) < 400)
          snprintf(par + strlen(par), sizeof par - strlen(par), "%s%s", *par ? ", " : "",
                   o->k->name);
      }
      if (simd) {
        npar++;
        if (!*par)
          nparok++;
        else
          snprintf(misspar + strlen(misspar), sizeof misspar - strlen(misspar), "  %s: %s\n",
                   r->k->name, par);
      }
      if (simd && base && base != best_scalar)
        strcat(sc, " (twin)");
      printf("| %s%s | %s | %lu | %.3f | %.3f | %s | %s | %s |\n", r->k->name,
             r->registered ? "" : " (*)", fmt_ulp(r->ulp, u), r->nspec, r->eps[0], r->eps[1], sc,
             dn, simd ? (*par ? par : "front") : (*par ? par : "-"));
    }
  }
  printf("\n(*) peer rows held out of the registry (impls/peers/peers.def: special-value "
         "failures that test_kernels cannot yet report as facts)\n");
  printf("\n## Targets (issue 5), this run (load average %.2f at the start, %.2f at the end)\n",
         load0, loadavg());
  printf("- AVX2 kernels >= 4x the scalar baseline at L1 and L2: %d of %d met%s\n%s", n4ok,
         n4, n4ok < n4 ? "; not met:" : "", miss4);
  printf("- no peer both faster (L1) and more accurate (max ulp): %d of %d AVX2 kernels on the "
         "front%s\n%s", nparok, npar, nparok < npar ? "; dominated:" : "", misspar);
  printf("- AVX2 forward kernels >= oneDNN eltwise at L1: %d of %d met%s\n%s", ndnnok, ndnn,
         ndnnok < ndnn ? "; not met:" : "", missdnn);
  for (unsigned i = 0; i < nk; i++)
    if (res[i].own)
      free(res[i].x), free(res[i].dy);
  free(done), free(res), free(y);
  return 0;
}
