/* test_neon.c: NEON kernels where the host is not AArch64 (the AArch64
 * runner under qemu-aarch64, impls/neon/remote.h).  The registered NEON rows
 * go through test_kernels, test_conformance and test_conformance_hygiene like
 * any other (they iterate every kernel whose ISA is available); here:
 *   - the runner is there when it was built, and NEON is then available
 *     (else every NEON kernel is SKIPPED, loudly);
 *   - the round trip: results bitwise those of the scalar kernels (also
 *     under every rounding mode: FPCR follows the host's mode), in place,
 *     every n 0..64 at every alignment, exception flags and FZ forwarded,
 *     a runner per process (forked children start their own);
 *   - the deliberately broken kernels of impls/neon/broken.def, each caught
 *     by the right check (overruns by the guard pages on the AArch64 side,
 *     NaN lost by FMAXNM by the conventions, ...), their correct twin passing;
 *   - NEON kernels built to compute what a scalar or AVX2 twin computes give
 *     its results bit for bit, on 2^18 inputs (random bit patterns and the
 *     domain), or on all 2^32 with ACTCHECK_NEON_EXHAUSTIVE=NEON-KERNEL-NAME
 *     (how the rows carry over their twins' exhaustive sweeps);
 *   - `actcheck check --impl` of a NEON kernel: PASS, or exit 77 SKIPPED when
 *     qemu is missing. */
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "conformance.h"
#include "hygiene.h"
#include "isolate.h"
#include "neon/remote.h"

#define NEEDS_RN ACT_K_NEEDS_RN
#define FLUSHES ACT_K_FLUSHES
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) \
  ACT_NEON_TRAMPOLINE(shape, sym, name)
#include "neon/broken.def"
#undef KERNEL
static const act_kernel broken[] = {
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym)               \
  {name, fn, ACT_##dir, ACT_ISA_##isa, ACT_SHAPE_##shape, ulp, prof, flags, \
   (void (*)(void))sym##_remote},
#include "neon/broken.def"
#undef KERNEL
};
#define NBROKEN (sizeof broken / sizeof broken[0])

#define TIMEOUT 10.0

static const char *build_dir(void)
{
  const char *b = getenv("ACTCHECK_BUILD");
  return b && *b ? b : "build";
}

static int runner_built(void)
{
  char p[1024];
  snprintf(p, sizeof p, "%s/neon/act-neon-runner", build_dir());
  return access(p, X_OK) == 0;
}

/* The runner is usable here, else a loud SKIPPED (returns 0). */
static int need_runner(const char *what)
{
  if (act_neon_remote_available())
    return 1;
  printf("  SKIPPED (not passed): %s: %s\n", what, act_neon_remote_why());
  return 0;
}

static const act_kernel *registered(const char *name)
{
  const act_kernel *k = act_kernel_find(name);
  if (!k)
    fail_msg("no registered kernel %s", name);
  return k;
}

static void print_results(const char *name, const act_results *rs, int all)
{
  for (size_t i = 0; i < rs->n; i++)
    if (all || rs->r[i].status == CHK_FAIL)
      printf("    %-36s %-9s [%s] %s: %s\n", name, act_check_status_name(rs->r[i].status),
             rs->r[i].suite, rs->r[i].check, rs->r[i].detail);
}

static const act_check_result *find(const act_results *rs, const char *suite, const char *check,
                                    act_check_status st)
{
  for (size_t i = 0; i < rs->n; i++)
    if (!strcmp(rs->r[i].suite, suite) && (!check || !strcmp(rs->r[i].check, check)) &&
        rs->r[i].status == st)
      return &rs->r[i];
  return NULL;
}

static int same(float a, float b)
{
  return (isnan(a) && isnan(b)) || act_bits_of_f32(a) == act_bits_of_f32(b);
}

/* ---- availability -------------------------------------------------------------- */

static void test_available(void **state)
{
  (void)state;
  int avail = act_isa_available(ACT_ISA_NEON);
  unsigned n = 0;
  for (unsigned i = 0; i < act_kernel_count; i++)
    n += act_kernels[i].isa == ACT_ISA_NEON;
  printf("  %u registered NEON kernels: %s\n", n,
         avail ? (act_kernel_remote(registered("f32-relu-neon-select"))
                    ? "run in the AArch64 runner under qemu-aarch64"
                    : "native")
               : "SKIPPED everywhere (not run, not passed)");
  if (!avail)
    printf("  SKIPPED: %s\n", act_neon_remote_why());
#if !defined(__aarch64__)
  /* built but not usable: a broken setup, not a skip */
  char q[1024];
  int have_qemu = !getenv("ACTCHECK_QEMU") &&
                  !system("command -v qemu-aarch64 >/dev/null 2>&1 || "
                          "command -v qemu-aarch64-static >/dev/null 2>&1");
  snprintf(q, sizeof q, "%s", act_neon_remote_why());
  if (runner_built() && have_qemu && !avail)
    fail_msg("the runner is built and qemu-aarch64 is here, but NEON is unavailable: %s", q);
#endif
  assert_true(n > 0);
}

/* ---- the round trip ------------------------------------------------------------- */

/* The NEON kernel's results, bitwise, are the scalar kernel's for every n
 * 0..64, each offset 0..4 floats past 64-byte alignment, in place. */
static void compare_pair(const char *neon, const char *scalar, int mode)
{
  const act_kernel *kn = registered(neon), *ks = registered(scalar);
  enum { N = 64, PAD = 8 };
  float xb[N + PAD] __attribute__((aligned(64))), dyb[N + PAD] __attribute__((aligned(64)));
  float yn[N + PAD] __attribute__((aligned(64))), ys[N + PAD] __attribute__((aligned(64)));
  float p[ACT_MAX_PARAMS];
  const act_def *a = act_find(kn->fn);
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    p[i] = (float)a->param_defaults[i];
  uint64_t seed = 42;
  int bwd = kn->dir == ACT_BWD;
  for (int i = 0; i < N + PAD; i++) {
    double u = (double)(act_rand(&seed) >> 11) * 0x1p-53;
    xb[i] = (float)((u - 0.5) * 20);
    dyb[i] = (float)(act_rand(&seed) >> 40) * 0x1p-20f - 4;
  }
  xb[3] = NAN, xb[5] = -0.0f, xb[7] = 0x1p-140f, xb[9] = -INFINITY, xb[11] = 0.1f;
  fesetround(mode);
  for (int off = 0; off <= 4; off++)
    for (size_t n = 0; n <= N; n++) {
      float *x = xb + off, *dy = dyb + off;
      act_call_f32(kn, n, x, dy, yn + off, p);
      act_call_f32(ks, n, x, dy, ys + off, p);
      for (size_t i = 0; i < n; i++)
        if (!same(yn[off + i], ys[off + i])) {
          fesetround(FE_TONEAREST);
          fail_msg("%s vs %s, n = %zu, offset %d, x = %a: %a, scalar %a", neon, scalar, n, off,
                   x[i], yn[off + i], ys[off + i]);
        }
      /* in place: y == x */
      float xin[N + PAD];
      memcpy(xin, x, sizeof(float) * n);
      act_call_f32(kn, n, xin, dy, xin, p);
      for (size_t i = 0; i < n; i++)
        if (!same(xin[i], ys[off + i])) {
          fesetround(FE_TONEAREST);
          fail_msg("%s in place, n = %zu: %a, out of place %a", neon, n, xin[i], ys[off + i]);
        }
      if (bwd) { /* dx == dy */
        memcpy(xin, dy, sizeof(float) * n);
        act_call_f32(kn, n, x, xin, xin, p);
        for (size_t i = 0; i < n; i++)
          if (!same(xin[i], ys[off + i])) {
            fesetround(FE_TONEAREST);
            fail_msg("%s with dx == dy, n = %zu: %a, out of place %a", neon, n, xin[i],
                     ys[off + i]);
          }
      }
    }
  fesetround(FE_TONEAREST);
}

static void test_round_trip(void **state)
{
  (void)state;
  if (!need_runner("round trip"))
    return;
  assert_int_equal(act_kernel_remote(registered("f32-relu-neon-select")),
#if defined(__aarch64__)
                   0
#else
                   1
#endif
  );
  static const int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
  /* exact kernels, then kernels whose one rounding depends on the mode:
   * equal results under RZ, RU, RD show that FPCR follows the host */
  compare_pair("f32-relu-neon-select", "f32-relu-scalar-select", FE_TONEAREST);
  compare_pair("f32-relu-bwd-neon-select", "f32-relu-bwd-scalar-select", FE_TONEAREST);
  compare_pair("f32-hardtanh-bwd-neon-select", "f32-hardtanh-bwd-scalar-clamp", FE_TONEAREST);
  for (int m = 0; m < 4; m++) {
    compare_pair("f32-leaky_relu-neon-select", "f32-leaky_relu-scalar-select", modes[m]);
    compare_pair("f32-leaky_relu-bwd-neon-select", "f32-leaky_relu-bwd-scalar-select", modes[m]);
  }
  /* ...and the rounding did differ between modes */
  const act_kernel *k = registered("f32-leaky_relu-neon-select");
  float x = 0x1.000002p+0f, y[2], p[ACT_MAX_PARAMS] = {0.01f, 0, 0};
  fesetround(FE_UPWARD);
  act_call_f32(k, 1, &x, NULL, &y[0], p);
  fesetround(FE_DOWNWARD);
  act_call_f32(k, 1, (float[]){-x}, NULL, &y[0], p);
  act_call_f32(k, 1, (float[]){-x}, NULL, &y[1], p);
  fesetround(FE_UPWARD);
  act_call_f32(k, 1, (float[]){-x}, NULL, &y[1], p);
  fesetround(FE_TONEAREST);
  printf("  leaky_relu(%a) under RD %a, under RU %a\n", -x, y[0], y[1]);
  assert_true(y[0] < y[1]);

  /* exception flags come back: 0.01 x is inexact, relu of a number is not */
  feclearexcept(FE_ALL_EXCEPT);
  act_call_f32(registered("f32-relu-neon-select"), 1, &x, NULL, y, p);
  assert_false(fetestexcept(FE_INEXACT));
  act_call_f32(k, 1, (float[]){-x}, NULL, y, p);
  assert_true(fetestexcept(FE_INEXACT));
  feclearexcept(FE_ALL_EXCEPT);

  /* a child process gets its own runner; the parent's still answers */
  pid_t pid = fork();
  if (pid == 0) {
    float c = -2, d;
    act_call_f32(k, 1, &c, NULL, &d, p);
    _exit(d == -0.02f ? 0 : 1);
  }
  int st;
  assert_int_equal(waitpid(pid, &st, 0), pid);
  assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  float c = -3, d;
  act_call_f32(k, 1, &c, NULL, &d, p);
  assert_true(d == -0.03f);
}

/* ---- twins, bit for bit --------------------------------------------------------- */

static const struct {
  const char *neon, *twin;
} twins[] = {
  {"f32-gelu_tanh-neon-f16-lut64k", "f32-gelu_tanh-scalar-f16-lut64k"},
  {"f32-gelu_tanh-neon-rational-13-6-div", "f32-gelu_tanh-avx2-rational-13-6-div"},
  {"f32-gelu_tanh-bwd-neon-rational-13-6-div", "f32-gelu_tanh-bwd-avx2-rational-13-6-div"},
  {"f32-gelu-neon-erf-lut513-p2", "f32-gelu-avx2-erf-lut513-p2"},
  {"f32-gelu-bwd-neon-erf-lut513-p2", "f32-gelu-bwd-avx2-erf-lut513-p2"},
  {"f32-gelu-neon-rational-12-10-div", "f32-gelu-avx2-rational-12-10-div"},
  {"f32-gelu-bwd-neon-rational-12-10-div", "f32-gelu-bwd-avx2-rational-12-10-div"},
  {"f32-gelu-neon-erfc-rr1-p6-lut5-p8", "f32-gelu-avx2-erfc-rr1-p6-lut5-p8"},
  /* (f32-gelu-bwd-neon-erfc-rr1-p6-lut5-p8 is not a twin: a root polynomial near -0.75) */
  {"f32-hardswish-neon-f64div", "f32-hardswish-avx2-f64div"},
  {"f32-hardswish-bwd-neon-f64div", "f32-hardswish-bwd-avx2-f64div"},
  {"f32-hardsigmoid-neon-f64div", "f32-hardsigmoid-avx2-f64div"},
};

/* inputs [lo, lo + n) of the bit patterns (exhaustive), else a sample */
static void twin_inputs(float *x, float *dy, size_t n, uint64_t lo, int exhaustive, uint64_t *seed)
{
  for (size_t i = 0; i < n; i++) {
    uint32_t b = (uint32_t)(lo + i);
    if (!exhaustive) {
      uint64_t r = act_rand(seed);
      b = (uint32_t)(r >> 32);
      if (r & 1) {
        float f = (float)(((double)(r >> 40) * 0x1p-24 - 0.5) * 24);
        b = act_bits_of_f32(f);
      }
    }
    x[i] = act_f32_of_bits(b);
    dy[i] = 1.0f;
  }
}

static void test_twins_bitwise(void **state)
{
  (void)state;
  if (!need_runner("NEON kernels against their twins"))
    return;
  const char *ex = getenv("ACTCHECK_NEON_EXHAUSTIVE");
  enum { CHUNK = 1 << 18 };
  float *x = malloc(CHUNK * sizeof *x), *dy = malloc(CHUNK * sizeof *dy);
  float *yn = malloc(CHUNK * sizeof *yn), *yt = malloc(CHUNK * sizeof *yt);
  int bad = 0;
  for (unsigned t = 0; t < sizeof twins / sizeof twins[0]; t++) {
    const act_kernel *kn = registered(twins[t].neon), *kt = registered(twins[t].twin);
    if (!act_isa_available(kt->isa)) {
      printf("  %-44s SKIPPED: its twin %s needs %s\n", kn->name, kt->name, act_isa_name(kt->isa));
      continue;
    }
    int all = ex && !strcmp(ex, kn->name);
    float p[ACT_MAX_PARAMS];
    const act_def *a = act_find(kn->fn);
    for (int i = 0; i < ACT_MAX_PARAMS; i++)
      p[i] = (float)a->param_defaults[i];
    uint64_t seed = 7 + t, chunks = all ? ((uint64_t)1 << 32) / CHUNK : 1, ndiff = 0;
    float fx = 0, fn = 0, ft = 0;
    for (uint64_t c = 0; c < chunks; c++) {
      twin_inputs(x, dy, CHUNK, c * CHUNK, all, &seed);
      act_call_f32(kn, CHUNK, x, dy, yn, p);
      act_call_f32(kt, CHUNK, x, dy, yt, p);
      for (size_t i = 0; i < CHUNK; i++)
        if (!same(yn[i], yt[i]) && !ndiff++)
          fx = x[i], fn = yn[i], ft = yt[i];
    }
    printf("  %-44s = %-44s %s: %llu differ%s", kn->name, kt->name,
           all ? "all 2^32 inputs" : "2^18 inputs", (unsigned long long)ndiff,
           ndiff ? "" : "\n");
    if (ndiff) {
      printf(", e.g. x = %a: %a, twin %a\n", fx, fn, ft);
      bad++;
    }
  }
  free(x), free(dy), free(yn), free(yt);
  if (bad)
    fail_msg("%d NEON kernels differ from their twins", bad);
}

/* ---- deliberately broken kernels --------------------------------------------------- */

typedef struct {
  const char *kernel;
  const char *suite, *check, *want; /* the FAIL line expected, a substring of its detail */
} expect;

static const expect caught[] = {
  {"f32-relu-neon-broken-overread", "hygiene", "guard pages", "read x["},
  {"f32-relu-neon-broken-overwrite", "hygiene", "lengths", "outside the buffer"},
  {"f32-relu-neon-broken-overwrite", "hygiene", "guard pages", "write y["},
  {"f32-relu-bwd-neon-broken-underread", "hygiene", "guard pages", "underrun before [0]"},
  {"f32-relu-neon-broken-maxnm", "conventions", "relu(NaN) = NaN", "pytorch wants nan"},
  {"f32-relu-neon-broken-fmax", "conventions", "relu(-0) = -0 (CPU)", "wants -0x0p+0"},
  {"f32-relu-neon-broken-input", "hygiene", "canaries", "changed its input x"},
  {"f32-relu-neon-broken-fpcr", "hygiene", "rounding modes", "left the rounding mode at "
                                                             "FE_TOWARDZERO"},
#if defined(__x86_64__)
  {"f32-relu-neon-broken-fz", "hygiene", "FTZ/DAZ", "changed MXCSR from 0x9fc0 to 0x1f80"},
#endif
  {"f32-relu-neon-broken-sigill", "isolation", NULL, "SIGILL"},
  {"f32-relu-neon-broken-hang", "isolation", NULL, "hang"},
};

/* The suites named (NULL: all) on k. */
static void run_suites(const act_kernel *k, const char *only, double timeout, act_results *rs)
{
  act_profile prof = PROF_PYTORCH;
  if (!only || !strcmp(only, "specials"))
    act_suite_specials(k, prof, NULL, k->max_ulp, rs);
  if (!only || !strcmp(only, "conventions"))
    act_suite_conventions(k, prof, NULL, rs);
  if (!only || !strcmp(only, "hygiene")) {
    act_hygiene_opts o = {(k->flags & (ACT_K_NEEDS_RN | ACT_K_FLUSHES)) | ACT_HYG_QUICK, timeout};
    act_suite_hygiene(k, NULL, &o, rs);
  }
  if (!only || !strcmp(only, "isolation"))
    act_suite_isolation(k, NULL, timeout, rs);
}

static void test_broken_caught(void **state)
{
  (void)state;
  if (!need_runner("broken NEON kernels"))
    return;
  int bad = 0;
  for (unsigned i = 0; i < NBROKEN; i++) {
    const act_kernel *k = &broken[i];
    int hang = strstr(k->name, "hang") != NULL;
    act_results rs = {0};
    const char *suite = NULL;
    int expected = 0;
    for (unsigned e = 0; e < sizeof caught / sizeof caught[0]; e++)
      if (!strcmp(caught[e].kernel, k->name))
        suite = !expected++ || (suite && !strcmp(suite, caught[e].suite)) ? caught[e].suite : NULL;
    run_suites(k, suite, hang ? 0.5 : TIMEOUT, &rs);
    for (unsigned e = 0; e < sizeof caught / sizeof caught[0]; e++) {
      if (strcmp(caught[e].kernel, k->name))
        continue;
      int hit = 0;
      for (size_t j = 0; j < rs.n; j++)
        hit |= rs.r[j].status == CHK_FAIL && !strcmp(rs.r[j].suite, caught[e].suite) &&
               (!caught[e].check || !strcmp(rs.r[j].check, caught[e].check)) &&
               strstr(rs.r[j].detail, caught[e].want);
      printf("  %-36s %s: [%s] %s: \"%s\"\n", k->name, hit ? "caught" : "NOT CAUGHT",
             caught[e].suite, caught[e].check ? caught[e].check : "*", caught[e].want);
      if (!hit) {
        print_results(k->name, &rs, 1);
        bad++;
      }
    }
    if (!expected) {
      printf("  %-36s has no expectation\n", k->name);
      bad++;
    }
    act_results_free(&rs);
  }
  if (bad)
    fail_msg("%d broken NEON kernels not caught as expected", bad);
}

/* The twin of every broken kernel passes the same checks. */
static void test_twins_clean(void **state)
{
  (void)state;
  if (!need_runner("twins of the broken NEON kernels"))
    return;
  static const char *const twins[] = {"f32-relu-neon-select", "f32-relu-bwd-neon-select"};
  int bad = 0;
  for (unsigned i = 0; i < 2; i++) {
    const act_kernel *k = registered(twins[i]);
    act_results rs = {0};
    run_suites(k, NULL, TIMEOUT, &rs);
    size_t f = act_results_count(&rs, NULL, CHK_FAIL);
    printf("  %-36s %zu pass, %zu info, %zu fail\n", k->name, act_results_count(&rs, NULL, CHK_PASS),
           act_results_count(&rs, NULL, CHK_INFO), f);
    print_results(k->name, &rs, 0);
    bad += (int)f;
    act_results_free(&rs);
  }
  if (bad)
    fail_msg("%d failures in the twins", bad);
}

/* Mode dependence is seen (not passed vacuously): a kernel that rounds,
 * declared exact, fails "rounding modes"; declared NEEDS_RN, it is INFO. */
static void test_env_not_vacuous(void **state)
{
  (void)state;
  if (!need_runner("rounding modes of NEON kernels"))
    return;
  act_kernel k = *registered("f32-leaky_relu-neon-select");
  act_results rs = {0};
  k.flags = 0;
  act_hygiene_opts o = {ACT_HYG_QUICK, TIMEOUT};
  act_suite_hygiene(&k, NULL, &o, &rs);
  const act_check_result *r = find(&rs, "hygiene", "rounding modes", CHK_FAIL);
  printf("  %s declared exact: %s\n", k.name, r ? r->detail : "(no FAIL)");
  assert_non_null(r);
  act_results_free(&rs);
  k.flags = ACT_K_NEEDS_RN;
  o.flags = ACT_HYG_QUICK | ACT_HYG_NEEDS_RN;
  act_suite_hygiene(&k, NULL, &o, &rs);
  assert_non_null(find(&rs, "hygiene", "rounding modes", CHK_INFO));
#if defined(__x86_64__)
  /* FTZ/DAZ reach the runner as FPCR.FZ: subnormal results are flushed */
  r = find(&rs, "hygiene", "FTZ/DAZ", CHK_INFO);
  printf("  %s under FTZ/DAZ: %s\n", k.name, r ? r->detail : "(no INFO)");
  assert_non_null(r);
#endif
  act_results_free(&rs);
}

/* ---- the command line ------------------------------------------------------------- */

static int run_cmd(const char *env, const char *args, char *out, size_t len)
{
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "%s %s/actcheck %s 2>&1", env, build_dir(), args);
  FILE *f = popen(cmd, "r");
  if (!f)
    return -1;
  size_t n = fread(out, 1, len - 1, f);
  out[n] = 0;
  int st = pclose(f);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_check_cli(void **state)
{
  (void)state;
  static char out[1 << 16];
  int rc = run_cmd("ACTCHECK_QEMU=", "check --impl f32-hardswish-neon-f64div", out, sizeof out);
#if !defined(__aarch64__)
  printf("  without qemu: exit %d: %.*s\n", rc, (int)strcspn(out, "\n"), out);
  assert_int_equal(rc, 77);
  assert_non_null(strstr(out, "SKIPPED"));
#endif
  if (!need_runner("actcheck check --impl of a NEON kernel"))
    return;
  rc = run_cmd("", "check --impl f32-hardswish-neon-f64div", out, sizeof out);
  char *v = strstr(out, "verdict");
  printf("  actcheck check --impl f32-hardswish-neon-f64div: exit %d, %.*s\n", rc,
         v ? (int)strcspn(v, "\n") : 0, v ? v : "");
  if (rc != 0)
    printf("%s\n", out);
  assert_int_equal(rc, 0);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_available),   cmocka_unit_test(test_round_trip),
    cmocka_unit_test(test_twins_bitwise),
    cmocka_unit_test(test_broken_caught), cmocka_unit_test(test_twins_clean),
    cmocka_unit_test(test_env_not_vacuous), cmocka_unit_test(test_check_cli),
  };
  return cmocka_run_group_tests_name("neon", tests, NULL, NULL);
}
