/* test_fmt_kernels.c: the kernels of impls/formats.def (binary64, binary16,
 * bfloat16).
 *   conversions: the portable binary16/bfloat16 <-> binary32 conversions of
 *     impls/scalar/f16-convert.h and the F16C/shift ones of
 *     impls/avx2/f16-convert-avx2.h against the reference's exact rounding
 *     (reference/format.c), on every 16-bit pattern, every midpoint between
 *     neighbours and its binary32 neighbours, and random binary32 patterns;
 *   promises: every registered kernel through the format suites (all 65,536
 *     inputs of a 16-bit format, the binary64 sample) under the profile it
 *     claims: accuracy within its promise, no special-value failure, its
 *     profile's conventions; a kernel whose ISA is missing is SKIPPED, loudly;
 *   a negative control: a kernel one ulp off at one input must fail;
 *   memory: every n from 0 to 67, unaligned, in place, canaries after the
 *     output, results independent of position and length (the binary32
 *     hygiene suite does not take these shapes). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats.h"
#include "scalar/f16-convert.h"

#if defined(__x86_64__) || defined(__i386__)
#define HAVE_X86 1
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#include "avx2/f16-convert-avx2.h"
static void avx2_widen(act_format f, const uint16_t *h, float *y)
{
  _mm256_storeu_ps(y, f == FMT_F16 ? f16_widen8(h) : bf16_widen8(h));
}
static void avx2_round(act_format f, const float *x, uint16_t *h)
{
  if (f == FMT_F16)
    f16_round8(h, _mm256_loadu_ps(x));
  else
    bf16_round8(h, _mm256_loadu_ps(x));
}
#pragma GCC pop_options
static int have_avx2_f16c(void)
{
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c");
}
#else
#define HAVE_X86 0
static int have_avx2_f16c(void) { return 0; }
static void avx2_widen(act_format f, const uint16_t *h, float *y) { (void)f, (void)h, (void)y; }
static void avx2_round(act_format f, const float *x, uint16_t *h) { (void)f, (void)x, (void)h; }
#endif

static int is_nan16(unsigned h, act_format f)
{
  return f == FMT_F16 ? (h & 0x7c00) == 0x7c00 && (h & 0x3ff) : (h & 0x7f80) == 0x7f80 && (h & 0x7f);
}

/* the pattern a conversion must give for binary32 v: RN(v) in the format;
 * for NaN any quiet NaN */
static void check_round(act_format f, float v, unsigned got, const char *who)
{
  if (isnan(v)) {
    unsigned quiet = f == FMT_F16 ? 0x200 : 0x40;
    if (!is_nan16(got, f) || !(got & quiet))
      fail_msg("%s %s: x = %a (0x%08x): 0x%04x is not a quiet NaN", who, act_formats[f].name,
               (double)v, act_bits_of_f32(v), got);
    return;
  }
  unsigned want = act_to_bits16(act_round_d((double)v, f, RND_N), f);
  if (got != want)
    fail_msg("%s %s: x = %a (0x%08x): 0x%04x, want 0x%04x", who, act_formats[f].name,
             (double)v, act_bits_of_f32(v), got, want);
}

static void check_widen(act_format f, unsigned h, float got, const char *who)
{
  double want = act_from_bits16(h, f);
  if (is_nan16(h, f)) {
    if (!isnan(got) || !(act_bits_of_f32(got) & 0x400000))
      fail_msg("%s %s: 0x%04x -> %a: not a quiet NaN", who, act_formats[f].name, h, (double)got);
  } else if (!((double)got == want && !signbit(got) == !signbit(want))) {
    fail_msg("%s %s: 0x%04x -> %a, want %a", who, act_formats[f].name, h, (double)got, want);
  }
}

static unsigned port_round(act_format f, float v) { return f == FMT_F16 ? f16_round(v) : bf16_round(v); }
static float port_widen(act_format f, unsigned h) { return f == FMT_F16 ? f16_widen((uint16_t)h) : bf16_widen((uint16_t)h); }

/* binary32 values that test a rounding to f: each finite 16-bit value, the
 * midpoint to its upper neighbour (exact in binary32) and the binary32
 * numbers either side of both; then random binary32 patterns */
static size_t round_cases(act_format f, float **out)
{
  size_t n = 0, cap = 65536 * 6 + (1u << 20);
  float *v = malloc(cap * sizeof *v);
  for (unsigned h = 0; h < 65536; h++) {
    double a = act_from_bits16(h, f);
    if (is_nan16(h, f) || isinf(a))
      continue;
    double b = act_from_bits16(h + 1, f); /* one step away from 0 */
    if (isinf(b)) /* past the largest finite: the step it would take */
      b = 2 * a - act_from_bits16(h - 1, f);
    float mid = (float)((a + b) / 2); /* exact: 16-bit formats have <= 11 bits */
    float fa = (float)a;
    v[n++] = fa, v[n++] = nextafterf(fa, INFINITY), v[n++] = nextafterf(fa, -INFINITY);
    v[n++] = mid, v[n++] = nextafterf(mid, INFINITY), v[n++] = nextafterf(mid, -INFINITY);
  }
  uint64_t seed = 7;
  for (unsigned i = 0; i < 1u << 20; i++)
    v[n++] = act_f32_of_bits((uint32_t)act_rand(&seed));
  *out = v;
  return n;
}

static void test_conversions(void **state)
{
  (void)state;
  static const act_format fmts[] = {FMT_F16, FMT_BF16};
  int avx = have_avx2_f16c();
  for (int fi = 0; fi < 2; fi++) {
    act_format f = fmts[fi];
    for (unsigned h = 0; h < 65536; h += 8) {
      uint16_t hs[8];
      float w[8];
      for (unsigned j = 0; j < 8; j++)
        hs[j] = (uint16_t)(h + j), check_widen(f, h + j, port_widen(f, h + j), "portable");
      if (avx) {
        avx2_widen(f, hs, w);
        for (unsigned j = 0; j < 8; j++)
          check_widen(f, h + j, w[j], "avx2");
      }
    }
    float *v;
    size_t n = round_cases(f, &v);
    for (size_t i = 0; i < n; i++)
      check_round(f, v[i], port_round(f, v[i]), "portable");
    if (avx)
      for (size_t i = 0; i + 8 <= n; i += 8) {
        uint16_t hs[8];
        avx2_round(f, v + i, hs);
        for (int j = 0; j < 8; j++)
          check_round(f, v[i + j], hs[j], "avx2");
      }
    printf("  %s: %zu roundings and 65536 widenings agree with the reference (portable%s)\n",
           act_formats[f].name, n, avx ? ", AVX2" : "");
    free(v);
  }
  if (!avx)
    printf("  AVX2+F16C conversions SKIPPED: this machine lacks them (%s)\n",
           HAVE_X86 ? "x86 without avx2/f16c" : "not x86");
}

/* Every registered kernel, under its claimed profile and promise.  Kernels
 * of one function, direction, format and profile (scalar and AVX2) are
 * measured against one reference pass. */
static void test_promises(void **state)
{
  (void)state;
  int bad = 0, skipped = 0;
  unsigned nk = act_kernel_fmt_count;
  char *done = calloc(nk, 1);
  printf("  %-44s %11s %8s %8s %7s %s\n", "kernel", "max ulp", "promise", "CR %", "special",
         "conventions");
  for (unsigned i = 0; i < nk; i++) {
    const act_kernel_fmt *r = &act_kernels_fmt[i];
    if (done[i])
      continue;
    if (!act_kernel_fmt_available(r)) {
      printf("  %-44s SKIPPED: this machine lacks %s%s (not tested)\n", r->name,
             act_isa_name(r->isa), r->fmt == ACT_KFMT_F16 && r->isa == ACT_ISA_AVX2 ? "+f16c" : "");
      skipped++;
      continue;
    }
    /* the group: this row and the later available ones like it */
    const act_kernel_fmt *rows[8];
    act_fmt_kernel ks[8];
    const act_fmt_kernel *kp[8];
    size_t g = 0;
    for (unsigned j = i; j < nk && g < 8; j++) {
      const act_kernel_fmt *q = &act_kernels_fmt[j];
      if (done[j] || q->fmt != r->fmt || q->dir != r->dir || strcmp(q->fn, r->fn) ||
          strcmp(q->profile, r->profile) || q->with_params != r->with_params ||
          !act_kernel_fmt_available(q))
        continue;
      done[j] = 1;
      rows[g] = q;
      assert_int_equal(act_fmt_kernel_of_row(q, &ks[g]), 0);
      kp[g] = &ks[g];
      g++;
    }
    act_profile prof;
    assert_int_equal(act_profile_parse(r->profile, &prof), 0);
    double p[ACT_MAX_PARAMS], *x;
    act_fmt_params(&ks[0], prof, p);
    size_t n = act_fmt_inputs(&ks[0], &x);
    act_stats s[8];
    act_fmt_measure_many(kp, g, x, n, p, s);
    free(x);
    for (size_t j = 0; j < g; j++) {
      act_results rs = {0};
      act_fmt_accuracy_results(&ks[j], &s[j], rows[j]->max_ulp, &rs);
      act_suite_format_conventions(&ks[j], prof, p, &rs);
      size_t nc = act_results_count(&rs, "conventions", CHK_PASS),
             nf = act_results_count(&rs, NULL, CHK_FAIL);
      printf("  %-44s %11.6f %8g %8.3f %7llu %zu passed\n", rows[j]->name, s[j].max_ulp,
             rows[j]->max_ulp, 100.0 * (double)s[j].n_cr / (double)s[j].n,
             (unsigned long long)s[j].n_special, nc);
      for (size_t m = 0; m < rs.n; m++)
        if (rs.r[m].status == CHK_FAIL)
          printf("    FAIL %s: %s: %s\n", rs.r[m].suite, rs.r[m].check, rs.r[m].detail);
      bad += nf > 0;
      act_results_free(&rs);
    }
  }
  free(done);
  if (skipped)
    printf("  %d kernels SKIPPED (ISA not available here): not tested\n", skipped);
  if (bad)
    fail_msg("%d kernels break their promise or their profile", bad);
}

/* Negative control: the registered binary16 sigmoid, one ulp up at one input
 * (x = 1), must fail the accuracy suite; as registered it must pass. */
static act_f16_fwd *control_base;
static void one_ulp_off(size_t n, const uint16_t *x, uint16_t *y)
{
  control_base(n, x, y);
  for (size_t i = 0; i < n; i++)
    if (x[i] == 0x3c00)
      y[i]++;
}

static void test_negative_control(void **state)
{
  (void)state;
  const act_kernel_fmt *r = act_kernel_fmt_find("f16-sigmoid-scalar-f32-exp-div");
  assert_non_null(r);
  act_fmt_kernel k;
  assert_int_equal(act_fmt_kernel_of_row(r, &k), 0);
  double p[ACT_MAX_PARAMS];
  act_fmt_params(&k, PROF_PYTORCH, p);
  for (int off = 0; off < 2; off++) {
    control_base = (act_f16_fwd *)r->ptr;
    if (off)
      k.ptr = (void (*)(void))one_ulp_off;
    act_results rs = {0};
    act_stats s;
    act_suite_format_accuracy(&k, p, r->max_ulp, &rs, &s);
    size_t nf = act_results_count(&rs, "accuracy", CHK_FAIL);
    act_results_free(&rs);
    if (off ? nf != 1 || s.worst_x != 1 : nf != 0)
      fail_msg("negative control: %s gives %zu accuracy failures (max %g at %a)",
               off ? "one ulp off at x = 1" : "as registered", nf, s.max_ulp, s.worst_x);
  }
}

/* Memory: n = 0..67 at offsets 0 and 1 (unaligned), canaries after the
 * output, in place; every result equals the one from a single long call. */
#define NMAX 67
static void call(const act_kernel_fmt *r, size_t n, const void *x, const void *dy, void *y,
                 const void *p)
{
  int d = r->dir == ACT_BWD;
  if (r->fmt == ACT_KFMT_F64) {
    if (!d && r->with_params) ((act_f64_fwd_p *)r->ptr)(n, x, y, p);
    else if (!d) ((act_f64_fwd *)r->ptr)(n, x, y);
    else if (r->with_params) ((act_f64_bwd_p *)r->ptr)(n, x, dy, y, p);
    else ((act_f64_bwd *)r->ptr)(n, x, dy, y);
  } else {
    if (!d && r->with_params) ((act_f16_fwd_p *)r->ptr)(n, x, y, p);
    else if (!d) ((act_f16_fwd *)r->ptr)(n, x, y);
    else if (r->with_params) ((act_f16_bwd_p *)r->ptr)(n, x, dy, y, p);
    else ((act_f16_bwd *)r->ptr)(n, x, dy, y);
  }
}

static void test_memory(void **state)
{
  (void)state;
  int bad = 0;
  for (unsigned i = 0; i < act_kernel_fmt_count; i++) {
    const act_kernel_fmt *r = &act_kernels_fmt[i];
    if (!act_kernel_fmt_available(r))
      continue; /* listed as SKIPPED by test_promises */
    act_fmt_kernel k;
    assert_int_equal(act_fmt_kernel_of_row(r, &k), 0);
    size_t w = r->fmt == ACT_KFMT_F64 ? 8 : 2;
    double pd[ACT_MAX_PARAMS];
    act_fmt_params(&k, PROF_PYTORCH, pd);
    float pf[ACT_MAX_PARAMS];
    for (int j = 0; j < ACT_MAX_PARAMS; j++)
      pf[j] = (float)pd[j];
    const void *p = w == 8 ? (const void *)pd : (const void *)pf;
    /* inputs spread over the domain, dy = 1.5 */
    unsigned char x[(NMAX + 1) * 8], dy[(NMAX + 1) * 8], ref[NMAX * 8], y[(NMAX + 9) * 8],
      ip[(NMAX + 1) * 8];
    for (int j = 0; j < NMAX + 1; j++) {
      double v = k.a->dom_lo + (k.a->dom_hi - k.a->dom_lo) * j / NMAX;
      if (w == 8) {
        double g = 1.5;
        memcpy(x + 8 * j, &v, 8), memcpy(dy + 8 * j, &g, 8);
      } else {
        uint16_t h = (uint16_t)act_to_bits16(act_round_d(v, k.fmt, RND_N), k.fmt),
                 g = (uint16_t)act_to_bits16(1.5, k.fmt);
        memcpy(x + 2 * j, &h, 2), memcpy(dy + 2 * j, &g, 2);
      }
    }
    for (int off = 0; off < 2; off++) {
      /* the reference run: the whole array at this offset */
      call(r, NMAX, x + off * w, dy + off * w, ref, p);
      for (size_t n = 0; n <= NMAX && !bad; n++) {
        memset(y, 0xa5, sizeof y);
        call(r, n, x + off * w, dy + off * w, y + off * w, p);
        for (size_t b = (n + off) * w; b < sizeof y; b++)
          if (y[b] != 0xa5) {
            printf("  FAIL %s: n = %zu, offset %d: wrote byte %zu past the output\n", r->name,
                   n, off, b - (n + off) * w);
            bad++;
            break;
          }
        for (size_t b = 0; b < (size_t)off * w; b++)
          if (y[b] != 0xa5) {
            printf("  FAIL %s: n = %zu: wrote before the output\n", r->name, n);
            bad++;
            break;
          }
        if (memcmp(y + off * w, ref, n * w)) {
          printf("  FAIL %s: n = %zu, offset %d: results differ from one long call\n", r->name,
                 n, off);
          bad++;
        }
        /* in place: y == x (and dx == dy for backward kernels, separately) */
        memcpy(ip, x, sizeof ip);
        call(r, n, ip + off * w, dy + off * w, ip + off * w, p);
        if (memcmp(ip + off * w, ref, n * w)) {
          printf("  FAIL %s: n = %zu, offset %d: in place (y == x) differs\n", r->name, n, off);
          bad++;
        }
        if (r->dir == ACT_BWD) {
          memcpy(ip, dy, sizeof ip);
          call(r, n, x + off * w, ip + off * w, ip + off * w, p);
          if (memcmp(ip + off * w, ref, n * w)) {
            printf("  FAIL %s: n = %zu, offset %d: in place (dx == dy) differs\n", r->name, n,
                   off);
            bad++;
          }
        }
      }
    }
  }
  if (bad)
    fail_msg("%d memory failures", bad);
  printf("  %u kernels: n = 0..%d, unaligned, in place, nothing written past n\n",
         act_kernel_fmt_count, NMAX);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_conversions),
    cmocka_unit_test(test_negative_control),
    cmocka_unit_test(test_memory),
    cmocka_unit_test(test_promises),
  };
  return cmocka_run_group_tests_name("kernels of other formats", tests, NULL, NULL);
}
