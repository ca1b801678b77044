/* bench_ref.c: speed of the certified fast reference against pure MPFR, on
 * the same inputs, in one run, one thread.  For each activation and
 * direction, three ways of asking the fast reference:
 *   one     act_fast_ref_f32, one input at a time;
 *   batch   act_fast_ref_block_f32 on the same inputs;
 *   runs    act_fast_ref_bits_f32 as an exhaustive sweep asks it: runs of
 *           1024 consecutive patterns, R_PER from every one of the 512 sign
 *           and exponent fields (every binade holds the same number of
 *           patterns, so this is the mix of a sweep over all 2^32);
 * and pure MPFR (act_reference) on the first N_MPFR inputs.  Inputs: random
 * bit patterns (the same mix as all 2^32: half of them huge, NaN or
 * saturated, where MPFR is cheap too) and inputs spread over the
 * activation's interesting domain.  The sweep speed-up is MPFR on random
 * patterns over the runs, per input.
 * Usage: bench_ref [N_FAST [N_MPFR [R_PER]]] [FN...] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fast.h"
#include "measure.h"

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

enum { RUN = 1024 };

int main(int argc, char **argv)
{
  size_t nfast = 1u << 20, nmpfr = 2000, rper = 4;
  int a0 = 1;
  size_t *num[] = {&nfast, &nmpfr, &rper};
  for (int k = 0; k < 3 && argc > a0 && argv[a0][0] >= '0' && argv[a0][0] <= '9'; k++)
    *num[k] = strtoul(argv[a0++], 0, 0);
  static const char *const dflt[] = {"gelu", "sigmoid", "tanh", "silu", "softplus",
                                     "mish", "elu", "gelu_tanh"};
  const char *const *fns = argc > a0 ? (const char *const *)argv + a0 : dflt;
  int nfn = argc > a0 ? argc - a0 : 8;
  float *xs = malloc(nfast * sizeof *xs), *dom = malloc(nfast * sizeof *dom);
  act_fast_ref *out = malloc((nfast > RUN ? nfast : RUN) * sizeof *out);
  uint64_t seed = 12345;
  for (size_t i = 0; i < nfast; i++) {
    uint32_t b = (uint32_t)act_rand(&seed);
    memcpy(&xs[i], &b, 4);
  }
  uint32_t *starts = malloc(512 * rper * sizeof *starts);
  for (uint32_t f = 0; f < 512; f++)
    for (size_t k = 0; k < rper; k++)
      starts[f * rper + k] = f << 23 | (uint32_t)(act_rand(&seed) % ((1u << 23) - RUN + 1));
  printf("%-12s %-4s %-7s %9s %9s %9s %12s %10s %11s %11s\n", "activation", "dir", "inputs",
         "one ns", "batch ns", "runs ns", "fallbacks", "MPFR ns", "MPFR/batch", "MPFR/runs");
  act_ref m;
  act_ref_init(&m);
  for (int f = 0; f < nfn; f++) {
    const act_def *a = act_find(fns[f]);
    if (!a) {
      fprintf(stderr, "bench_ref: unknown activation '%s'\n", fns[f]);
      return 2;
    }
    for (size_t i = 0; i < nfast; i++)
      dom[i] = (float)(a->dom_lo + (a->dom_hi - a->dom_lo) * ((double)(act_rand(&seed) >> 11) * 0x1p-53));
    double p[ACT_MAX_PARAMS];
    for (int i = 0; i < ACT_MAX_PARAMS; i++)
      p[i] = (float)a->param_defaults[i];
    for (int d = 0; d < 2; d++) {
      double truns = 0;
      for (int set = 0; set < 2; set++) {
        const float *in = set ? dom : xs;
        size_t fb = 0;
        act_fast_ref r;
        double t0 = now();
        for (size_t i = 0; i < nfast; i++) {
          act_fast_ref_f32(a, d, in[i], NULL, &r);
          fb += (size_t)r.fell_back;
        }
        double tone = (now() - t0) / (double)nfast * 1e9;
        t0 = now();
        act_fast_ref_block_f32(a, d, in, nfast, p, out);
        double tblk = (now() - t0) / (double)nfast * 1e9;
        if (!set) {
          act_fast_uniform un;
          t0 = now();
          for (size_t k = 0; k < 512 * rper; k++)
            act_fast_ref_bits_f32(a, d, starts[k], RUN, p, out, &un);
          truns = (now() - t0) / (double)(512 * rper * RUN) * 1e9;
        }
        t0 = now();
        for (size_t i = 0; i < nmpfr; i++)
          act_reference(a, d, in[i], p, NULL, FMT_F32, RND_N, &m);
        double tm = (now() - t0) / (double)nmpfr * 1e9;
        char rs[16] = "-", rr[16] = "-";
        if (!set)
          snprintf(rs, sizeof rs, "%.2f", truns), snprintf(rr, sizeof rr, "%.0fx", tm / truns);
        printf("%-12s %-4s %-7s %9.1f %9.1f %9s %12zu %10.0f %10.0fx %11s\n", a->name,
               d ? "bwd" : "fwd", set ? "domain" : "bits", tone, tblk, rs, fb, tm, tm / tblk, rr);
        fflush(stdout);
      }
    }
  }
  act_ref_clear(&m);
  free(xs), free(dom), free(out), free(starts);
  return 0;
}
