/* test_kernels.c: every registered kernel over a spread of inputs in
 * every binade (both signs, subnormals, edges, thresholds, specials, and its
 * interesting domain; a derivative's root and where tails give subnormal
 * results, densely), compared with the correctly rounded reference.  Prints
 * each kernel's max ULP error; fails if a kernel breaks its registry promise
 * or gives a special-value failure.  Kernels for an ISA this machine lacks are
 * listed as SKIPPED, never counted as passed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fast.h"
#include "measure.h"

/* A derivative that changes sign in [-2, -1/2] (gelu, gelu_tanh, silu, mish,
 * ...) has its largest ULP errors at the floats nearest its root, which
 * samples miss: 8192 consecutive floats around it, found by bisection on
 * the bit patterns (the reference's sign); 0 when there is no root there. */
static size_t root_window(const act_def *a, float **out)
{
  uint32_t lo = 0xbf000000u, hi = 0xc0000000u; /* -1/2, -2: patterns grow with |x| */
  act_fast_ref r;
  float x;
  memcpy(&x, &lo, 4);
  act_fast_ref_f32(a, 1, x, NULL, &r);
  int slo = r.value > 0 ? 1 : r.value < 0 ? -1 : 0;
  memcpy(&x, &hi, 4);
  act_fast_ref_f32(a, 1, x, NULL, &r);
  int shi = r.value > 0 ? 1 : r.value < 0 ? -1 : 0;
  if (!slo || !shi || slo == shi)
    return 0;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    memcpy(&x, &mid, 4);
    act_fast_ref_f32(a, 1, x, NULL, &r);
    if ((r.value > 0 ? 1 : r.value < 0 ? -1 : 0) == slo)
      lo = mid;
    else
      hi = mid;
  }
  enum { W = 8192 };
  float *v = malloc(W * sizeof *v);
  for (uint32_t i = 0; i < W; i++) {
    uint32_t b = lo - W / 2 + i;
    memcpy(&v[i], &b, 4);
  }
  *out = v;
  return W;
}

/* Where a tail's results are subnormal (2^-149 <= |f| < 2^-126: the last
 * binades before underflow), one extra rounding costs up to 0.75 ulp, and a
 * few samples per binade of x see few of those inputs: 1024 floats spread
 * evenly over that stretch on each side of 0 (from |x| = 2 to 2^8, found by
 * bisection on the reference: |f| falls below 2^-126, then to 0). */
static int tiny_at(const act_def *a, int deriv, uint32_t b, double below)
{
  float x;
  memcpy(&x, &b, 4);
  act_fast_ref r;
  act_fast_ref_f32(a, deriv, x, NULL, &r);
  return fabs(r.value) < below; /* NaN: not tiny */
}
static uint32_t first_tiny(const act_def *a, int deriv, uint32_t lo, uint32_t hi, double below)
{
  while (hi - lo > 1) { /* tiny at hi, not at lo */
    uint32_t mid = lo + (hi - lo) / 2;
    if (tiny_at(a, deriv, mid, below)) hi = mid; else lo = mid;
  }
  return hi;
}
static size_t subnormal_window(const act_def *a, int deriv, float **out)
{
  enum { W = 1024 };
  float *v = malloc(2 * W * sizeof *v);
  size_t n = 0;
  for (uint32_t sign = 0; sign < 2; sign++) {
    uint32_t lo = sign << 31 | 0x40000000u, hi = sign << 31 | 0x43800000u; /* |x| = 2, 256 */
    if (tiny_at(a, deriv, lo, 0x1p-126) || !tiny_at(a, deriv, hi, 0x1p-126))
      continue; /* no decaying tail here */
    uint32_t s0 = first_tiny(a, deriv, lo, hi, 0x1p-126), s1 = hi;
    if (tiny_at(a, deriv, hi, 0x1p-150)) /* underflows to 0 before 256 */
      s1 = first_tiny(a, deriv, s0, hi, 0x1p-150);
    for (uint32_t i = 0; i < W; i++) {
      uint32_t b = s0 + (uint32_t)((uint64_t)(s1 - s0) * i / W);
      memcpy(&v[n++], &b, 4);
    }
  }
  *out = v;
  return n;
}

static void test_registered_kernels(void **state)
{
  (void)state;
  int bad = 0, skipped = 0;
  printf("  %-38s %14s %10s %8s %7s\n", "kernel", "max ulp", "promise", "CR %", "special");
  for (unsigned i = 0; i < act_kernel_count; i++) {
    const act_kernel *k = &act_kernels[i];
    if (!act_isa_available(k->isa)) {
      printf("  %-38s SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
      skipped++;
      continue;
    }
    const act_def *a = act_find(k->fn);
    assert_non_null(a);
    act_stats s;
    act_stats_init(&s);
    if (a->row_fwd) {
      act_measure_rows_f32(k, a, 300, 11, &s);
    } else {
      float *xs;
      size_t n = act_sample_f32(a, 6, 1500, 11, &xs);
      act_measure_f32(k, a, NULL, xs, n, &s);
      free(xs);
      if (k->dir == ACT_BWD && (n = root_window(a, &xs)) > 0) {
        act_measure_f32(k, a, NULL, xs, n, &s); /* adds to s */
        free(xs);
      }
      if ((n = subnormal_window(a, k->dir == ACT_BWD, &xs)) > 0)
        act_measure_f32(k, a, NULL, xs, n, &s);
      free(xs);
    }
    /* Row kernels: an element whose exact value is a tiny negative that
     * underflows to -0 (log_softmax of the dominant entry, softmax' where y
     * underflows) comes out +0 from any binary32 sum.  Those wrong-sign zeros
     * are counted and printed as known; any other special failure fails. */
    printf("  %-38s %14.3f %10.3f %8.3f %7llu\n", k->name, s.max_ulp, k->max_ulp,
           100.0 * (double)s.n_cr / (double)s.n, (unsigned long long)s.n_special);
    if (s.max_ulp > k->max_ulp) {
      printf("    FAIL: above its promise at x = %a (kernel %a, reference %a)\n", s.worst_x,
             s.worst_y, s.worst_ref);
      bad++;
    }
    /* A peer's special-value failures are facts about its library (printed,
     * not failed); its promise, our measurement, still holds it. */
    int peer = (k->flags & ACT_K_PEER) != 0;
    for (int j = 0; j < s.nkeep; j++) {
      int known = a->row_fwd && s.special[j].kind == ACT_CMP_ZERO_SIGN;
      printf("    %s: x = %a: kernel %a, reference %a: %s\n",
             known ? "known" : peer ? "FACT" : "FAIL", s.special[j].x, s.special[j].y,
             s.special[j].ref, act_cmp_name(s.special[j].kind));
      bad += !known && !peer;
    }
    if (peer && s.n_special)
      printf("    FACT: %llu special-value failures of a peer, reported, not failed\n",
             (unsigned long long)s.n_special);
    else if (s.n_special > (uint64_t)s.nkeep && !a->row_fwd)
      bad++;
  }
  if (skipped)
    printf("  %d kernels SKIPPED (ISA not available here): not tested\n", skipped);
  if (bad)
    fail_msg("%d kernel failures", bad);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_registered_kernels),
  };
  return cmocka_run_group_tests_name("registered kernels", tests, NULL, NULL);
}
