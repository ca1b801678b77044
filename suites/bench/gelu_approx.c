/* gelu_approx.c: every GELU-family kernel against its own formula (its
 * implementation error) and against x Phi(x) (its approximation error; for
 * backward kernels, gelu'), over binary32 inputs.  `actcheck sweep` measures
 * the first only: it requires the kernel's own activation.
 *
 *   gelu_approx [--step K] [--threads T] [KERNEL...]
 *
 * Inputs: every K-th bit pattern from 0 (default K = 1: all 2^32; K = 64
 * takes seconds per kernel), NaNs and infinities included.  Kernels: the
 * named ones, else every registered kernel of gelu, gelu_tanh, gelu_sigmoid.
 * Per kernel and reference: the max ULP error over all inputs, over
 * |x| <= 4 (where gelu >= -1.3e-4, the region a 1 + erf or 1 + tanh form can
 * still resolve), the share correctly rounded, and the max absolute error
 * |y - t| for |x| <= 10 (t exact to 2^-40 relative, from reference/fast.h),
 * with the inputs where the maxima occur.  Special-value failures (NaN,
 * infinities, signs of zeros) are counted apart, never folded into a figure. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fast.h"
#include "measure.h"

#define CHUNK 4096

typedef struct {
  double max_ulp, max_ulp4, max_abs; /* all x; |x| <= 4; |y - t| for |x| <= 10 */
  float x_ulp, x_ulp4, x_abs;        /* where (one such input) */
  uint64_t n, n_cr, n_special;
} stat;

static void stat_init(stat *s) { memset(s, 0, sizeof *s); }

static void stat_add(stat *s, float x, float y, const act_fast_ref *r)
{
  double ulp;
  s->n++;
  if (act_fast_compare(y, r, &ulp) != ACT_CMP_ULP) {
    s->n_special++;
    return;
  }
  if (ulp <= 0.5)
    s->n_cr++;
  if (ulp > s->max_ulp) s->max_ulp = ulp, s->x_ulp = x;
  if (fabsf(x) <= 4 && ulp > s->max_ulp4) s->max_ulp4 = ulp, s->x_ulp4 = x;
  if (fabsf(x) <= 10 && isfinite(r->exact)) {
    double e = fabs((double)y - r->exact);
    if (e > s->max_abs) s->max_abs = e, s->x_abs = x;
  }
}

/* merge b into a */
static void stat_merge(stat *a, const stat *b)
{
  if (b->max_ulp > a->max_ulp) a->max_ulp = b->max_ulp, a->x_ulp = b->x_ulp;
  if (b->max_ulp4 > a->max_ulp4) a->max_ulp4 = b->max_ulp4, a->x_ulp4 = b->x_ulp4;
  if (b->max_abs > a->max_abs) a->max_abs = b->max_abs, a->x_abs = b->x_abs;
  a->n += b->n, a->n_cr += b->n_cr, a->n_special += b->n_special;
}

static void print_stat(const char *what, const stat *s)
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

static void run(const act_kernel *k, uint64_t step)
{
  const act_def *own = act_find(k->fn), *tgt = act_find(own->target ? own->target : own->name);
  int deriv = k->dir == ACT_BWD;
  uint64_t total = (UINT64_C(1) << 32) / step;
  uint64_t nchunks = (total + CHUNK - 1) / CHUNK;
  stat so, st;
  stat_init(&so), stat_init(&st);
  double t0 = now();
#pragma omp parallel
  {
    stat lo, lt;
    stat_init(&lo), stat_init(&lt);
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
        stat_add(&lo, xs[i], ys[i], &r);
        if (tgt != own)
          act_fast_ref_f32(tgt, deriv, xs[i], NULL, &r);
        stat_add(&lt, xs[i], ys[i], &r);
      }
    }
#pragma omp critical
    {
      stat_merge(&so, &lo);
      stat_merge(&st, &lt);
    }
  }
  printf("%s (%s%s, vs own: %s; target: %s), %llu inputs, %.1f s\n", k->name, k->fn,
         deriv ? "'" : "", own->name, tgt->name, (unsigned long long)so.n, now() - t0);
  print_stat("own", &so);
  print_stat(deriv ? "gelu'" : "gelu", &st);
  fflush(stdout);
}

int main(int argc, char **argv)
{
  uint64_t step = 1;
  int named = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--step") && i + 1 < argc) {
      step = strtoull(argv[++i], NULL, 0);
      if (step == 0 || step > (UINT64_C(1) << 31)) {
        fprintf(stderr, "gelu_approx: --step wants 1 .. 2^31\n");
        return 2;
      }
    } else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
      int t = atoi(argv[++i]);
      if (t < 1) {
        fprintf(stderr, "gelu_approx: --threads wants a count >= 1\n");
        return 2;
      }
      omp_set_num_threads(t);
    } else {
      named = 1;
    }
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--step") || !strcmp(argv[i], "--threads")) {
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
      printf("%s: SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
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
        printf("%s: SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
        continue;
      }
      run(k, step);
    }
  return status;
}
