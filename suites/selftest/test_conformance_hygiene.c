/* test_conformance_hygiene.c: the loader, isolation and the memory and ISA
 * hygiene suite.  The deliberately broken kernels of suites/broken/ are
 * loaded from build/libbroken.so (ACTCHECK_BROKEN_LIB overrides the path)
 * as a user's kernels would be; each must be caught by the right check and
 * its correct twin must pass.  Every registered kernel must pass hygiene,
 * but for peers (ACT_K_PEER: adapters to other libraries), whose failures
 * are facts about the library, printed as FACT and not failed (XNNPACK's
 * softmax reads past the end of its input: its API asks callers for
 * XNN_EXTRA_BYTES of slack). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "hygiene.h"
#include "isolate.h"
#include "loader.h"

#define TIMEOUT 5.0      /* per child, for kernels that should finish at once */
#define HANG_TIMEOUT 0.5 /* for the kernel that hangs: every group times out */
#define EMU_TIMEOUT 30.0 /* NEON kernels, each call a round trip to qemu-aarch64: slow under load */

static const char *lib_path(void)
{
  const char *p = getenv("ACTCHECK_BROKEN_LIB"), *b = getenv("ACTCHECK_BUILD");
  static char buf[1024];
  if (p && *p)
    return p;
  snprintf(buf, sizeof buf, "%s/libbroken.so", b && *b ? b : "build");
  return buf;
}

static void load(act_loaded *lk, const char *sym, const char *fn, act_dir dir)
{
  char spec[512], err[256];
  snprintf(spec, sizeof spec, "%s:%s", lib_path(), sym);
  int rc = act_kernel_load(spec, fn, dir, -1, lk, err, sizeof err);
  if (rc)
    fail_msg("%s", err);
}

/* fact: a failure is a fact about another library, printed as FACT */
static void print_results(const char *name, const act_results *rs, int all, int fact)
{
  for (size_t i = 0; i < rs->n; i++)
    if (all || rs->r[i].status == CHK_FAIL)
      printf("    %-28s %-9s [%s] %s: %s\n", name,
             fact && rs->r[i].status == CHK_FAIL ? "FACT" : act_check_status_name(rs->r[i].status),
             rs->r[i].suite, rs->r[i].check, rs->r[i].detail);
}

static const act_check_result *find(const act_results *rs, const char *suite, const char *check,
                                    act_check_status st)
{
  for (size_t i = 0; i < rs->n; i++)
    if (!strcmp(rs->r[i].suite, suite) && !strcmp(rs->r[i].check, check) &&
        rs->r[i].status == st)
      return &rs->r[i];
  return NULL;
}

static void run_both(const act_kernel *k, double timeout, unsigned flags, act_results *rs)
{
  act_hygiene_opts o = {flags, timeout};
  act_suite_isolation(k, NULL, timeout, rs);
  act_suite_hygiene(k, NULL, &o, rs);
}

/* ---- loader ----------------------------------------------------------------- */

static void test_loader(void **state)
{
  (void)state;
  act_loaded lk;
  char spec[512], err[256];

  load(&lk, "good_relu", "relu", ACT_FWD);
  assert_int_equal(lk.k.shape, ACT_SHAPE_f32_fwd);
  assert_string_equal(lk.k.fn, "relu");
  assert_true(strstr(lk.k.name, ":good_relu") != NULL);
  assert_true(lk.k.max_ulp == 1);
  assert_null(lk.k.profile);
  assert_int_equal(lk.k.isa, ACT_ISA_SCALAR);
  float x[3] = {-1, 2, -0.0f}, y[3];
  act_call_f32(&lk.k, 3, x, NULL, y, NULL);
  assert_true(y[0] == 0 && y[1] == 2 && y[2] == 0);
  act_kernel_unload(&lk);

  /* parameterised: the params form unless asked otherwise */
  load(&lk, "good_leaky_relu_bwd", "leaky_relu", ACT_BWD);
  assert_int_equal(lk.k.shape, ACT_SHAPE_f32_bwd_p);
  float dy[3] = {1, 1, 1}, p[3] = {0.25f, 0, 0};
  act_call_f32(&lk.k, 3, x, dy, y, p);
  assert_true(y[0] == 0.25f && y[1] == 1);
  act_kernel_unload(&lk);
  snprintf(spec, sizeof spec, "%s:good_leaky_relu_bwd", lib_path());
  assert_int_equal(act_kernel_load(spec, "leaky_relu", ACT_BWD, 0, &lk, err, sizeof err), 0);
  assert_int_equal(lk.k.shape, ACT_SHAPE_f32_bwd);
  act_kernel_unload(&lk);
  snprintf(spec, sizeof spec, "%s:good_relu", lib_path());
  assert_int_equal(act_kernel_load(spec, "relu", ACT_FWD, 1, &lk, err, sizeof err), 0);
  assert_int_equal(lk.k.shape, ACT_SHAPE_f32_fwd_p);
  act_kernel_unload(&lk);
  /* row-wise activations take rows x cols */
  assert_int_equal(act_kernel_load(spec, "softmax", ACT_BWD, -1, &lk, err, sizeof err), 0);
  assert_int_equal(lk.k.shape, ACT_SHAPE_f32_row_bwd);
  act_kernel_unload(&lk);

  /* errors: one line each, nothing loaded */
  static const struct { const char *spec, *fn, *want; } bad[] = {
    {"build/no-such-lib.so:f", "relu", "cannot load"},
    {"@LIB@:no_such_symbol", "relu", "has no symbol no_such_symbol"},
    {"@LIB@", "relu", "LIB.so:SYMBOL"},
    {":good_relu", "relu", "LIB.so:SYMBOL"},
    {"@LIB@:", "relu", "LIB.so:SYMBOL"},
    {"@LIB@:good_relu", "no_such_activation", "unknown activation"},
  };
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    const char *at = strstr(bad[i].spec, "@LIB@");
    if (at)
      snprintf(spec, sizeof spec, "%.*s%s%s", (int)(at - bad[i].spec), bad[i].spec, lib_path(),
               at + 5);
    else
      snprintf(spec, sizeof spec, "%s", bad[i].spec);
    err[0] = 0;
    int rc = act_kernel_load(spec, bad[i].fn, ACT_FWD, -1, &lk, err, sizeof err);
    printf("    %-48s -> %s\n", spec, err);
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(err, bad[i].want));
    assert_null(strchr(err, '\n'));
    assert_null(lk.handle);
  }
}

/* ---- isolation -------------------------------------------------------------- */

static void iso_ok(act_iso_shared *sh, void *arg)
{
  (void)arg;
  act_results_add(&sh->rs, "t", CHK_PASS, "ok", "done");
}

static void iso_segv(act_iso_shared *sh, void *arg)
{
  act_results_add(&sh->rs, "t", CHK_PASS, "before", "measured before the crash");
  act_iso_step(sh, "about to crash");
  volatile int *p = arg;
  *p = 1; /* NULL */
}

static void iso_hang(act_iso_shared *sh, void *arg)
{
  (void)arg;
  act_iso_step(sh, "spinning");
  for (volatile int i = 0;; i++)
    ;
}

static void iso_exit(act_iso_shared *sh, void *arg)
{
  (void)sh, (void)arg;
  exit(3);
}

static void iso_abort(act_iso_shared *sh, void *arg)
{
  (void)sh, (void)arg;
  abort();
}

static void test_isolate(void **state)
{
  (void)state;
  act_iso_shared *sh = act_iso_shared_new(8);
  assert_non_null(sh);
  act_iso_outcome o;
  act_results rs = {0};

  assert_int_equal(act_isolate(iso_ok, NULL, sh, 5, &o), 0);
  assert_int_equal(o.status, ACT_ISO_COMPLETED);
  act_iso_shared_take(sh, &rs);
  assert_int_equal(rs.n, 1);

  assert_int_equal(act_isolate(iso_segv, NULL, sh, 5, &o), 1);
  assert_int_equal(o.status, ACT_ISO_CRASHED);
  assert_int_equal(o.signal, SIGSEGV);
  assert_string_equal(act_signal_name(o.signal), "SIGSEGV");
  assert_true(o.have_fault && o.fault_addr == 0);
  assert_string_equal(sh->step, "about to crash");
  act_iso_shared_take(sh, &rs);
  assert_int_equal(rs.n, 2); /* kept */
  assert_string_equal(rs.r[1].check, "before");

  assert_int_equal(act_isolate(iso_hang, NULL, sh, 0.2, &o), 1);
  assert_int_equal(o.status, ACT_ISO_TIMEOUT);
  assert_true(o.seconds >= 0.2 && o.seconds < 2);
  assert_string_equal(sh->step, "spinning");
  printf("    hang: %s in %.2f s\n", o.what, o.seconds);

  assert_int_equal(act_isolate(iso_exit, NULL, sh, 5, &o), 1);
  assert_int_equal(o.status, ACT_ISO_EXITED);
  assert_int_equal(o.exit_code, 3);

  assert_int_equal(act_isolate(iso_abort, NULL, sh, 5, &o), 1);
  assert_int_equal(o.status, ACT_ISO_CRASHED);
  assert_string_equal(act_signal_name(o.signal), "SIGABRT");

  act_results_free(&rs);
  act_iso_shared_free(sh);
}

/* ---- broken kernels and their twins ----------------------------------------- */

static const struct {
  const char *bad, *good, *fn;
  act_dir dir;
  const char *suite, *check, *detail; /* the failure expected (detail: a substring) */
} caught[] = {
  {"bad_relu_tail_read", "good_relu", "relu", ACT_FWD, "hygiene", "guard pages",
   "overrun past n = 1: read x[1]"},
  {"bad_relu_tail_write", "good_relu", "relu", ACT_FWD, "hygiene", "guard pages",
   "overrun past n = 1: write y[1]"},
  {"bad_relu_tail_write", "good_relu", "relu", ACT_FWD, "hygiene", "lengths", "wrote y[1]"},
  {"bad_relu_write_before", "good_relu", "relu", ACT_FWD, "hygiene", "canaries",
   "n = 1: wrote before y[-1]"},
  {"bad_relu_write_before", "good_relu", "relu", ACT_FWD, "hygiene", "guard pages",
   "underrun before [0], n = 1: read x[-1]"},
  {"bad_leaky_relu_inplace", "good_leaky_relu", "leaky_relu", ACT_FWD, "hygiene",
   "in place (y == x)", "y == x"},
  {"bad_relu_bwd_inplace_dy", "good_relu_bwd", "relu", ACT_BWD, "hygiene",
   "in place (dx == dy)", "dx == dy"},
  {"bad_softmax_tail_write", "good_softmax", "softmax", ACT_FWD, "hygiene", "guard pages",
   "overrun past rows = 1, cols = 1: write y[1]"},
  {"bad_sigmoid_rint", "good_sigmoid_rint", "sigmoid", ACT_FWD, "hygiene", "rounding modes",
   "FE_TONEAREST gives"},
#if defined(__x86_64__)
  {"bad_relu_ftz_left_on", "good_relu", "relu", ACT_FWD, "hygiene", "FTZ/DAZ",
   "it left FTZ/DAZ on for its caller"},
#endif
  {"bad_tanh_crash_nan", "good_tanh_lut", "tanh", ACT_FWD, "isolation", "crash and hang",
   "crashed (SIGSEGV) at x = nan"},
  {"bad_tanh_hang_nan", "good_tanh_halving", "tanh", ACT_FWD, "isolation", "crash and hang",
   "hang, no return within"},
};

static void test_broken_caught(void **state)
{
  (void)state;
  for (unsigned i = 0; i < sizeof caught / sizeof caught[0]; i++) {
    if (i && !strcmp(caught[i].bad, caught[i - 1].bad))
      continue; /* same kernel: run once, check every row below */
    act_loaded lk;
    load(&lk, caught[i].bad, caught[i].fn, caught[i].dir);
    int hang = strstr(caught[i].bad, "hang") != NULL;
    act_results rs = {0};
    run_both(&lk.k, hang ? HANG_TIMEOUT : TIMEOUT, 0, &rs);
    printf("  %s (%s): %zu fail\n", caught[i].bad, caught[i].fn,
           act_results_count(&rs, NULL, CHK_FAIL));
    print_results(caught[i].bad, &rs, 0, 0);
    for (unsigned j = i; j < sizeof caught / sizeof caught[0] &&
                         !strcmp(caught[j].bad, caught[i].bad); j++) {
      const act_check_result *r = find(&rs, caught[j].suite, caught[j].check, CHK_FAIL);
      if (!r)
        fail_msg("%s not caught by %s/%s", caught[j].bad, caught[j].suite, caught[j].check);
      if (!strstr(r->detail, caught[j].detail))
        fail_msg("%s: %s/%s says '%s', expected '%s'", caught[j].bad, caught[j].suite,
                 caught[j].check, r->detail, caught[j].detail);
    }
    act_results_free(&rs);
    act_kernel_unload(&lk);
  }
}

/* The twins, and the kernels broken in ways other suites catch (accuracy,
 * specials, conventions, properties): no hygiene or isolation failure. */
static const struct { const char *sym, *fn; act_dir dir; } clean[] = {
  {"good_relu", "relu", ACT_FWD},
  {"good_relu_bwd", "relu", ACT_BWD},
  {"good_leaky_relu", "leaky_relu", ACT_FWD},
  {"good_softmax", "softmax", ACT_FWD},
  {"good_sigmoid_rint", "sigmoid", ACT_FWD},
  {"good_tanh_lut", "tanh", ACT_FWD},
  {"good_tanh_halving", "tanh", ACT_FWD},
  {"good_tanh", "tanh", ACT_FWD},
  {"good_sigmoid", "sigmoid", ACT_FWD},
  {"good_gelu", "gelu", ACT_FWD},
  {"good_hardswish_bwd", "hardswish", ACT_BWD},
  {"good_leaky_relu_bwd", "leaky_relu", ACT_BWD},
  {"bad_tanh_3ulp", "tanh", ACT_FWD},
  {"bad_relu_nan_max", "relu", ACT_FWD},
  {"bad_sigmoid_ninf_nan", "sigmoid", ACT_FWD},
  {"bad_gelu_pinf_nan", "gelu", ACT_FWD},
  {"bad_tanh_negzero", "tanh", ACT_FWD},
  {"bad_relu_bwd_one_at_zero", "relu", ACT_BWD},
  {"bad_hardswish_bwd_3", "hardswish", ACT_BWD},
  {"bad_leaky_relu_bwd_one_at_zero", "leaky_relu", ACT_BWD},
  {"bad_sigmoid_above_one", "sigmoid", ACT_FWD},
  {"bad_tanh_nonmonotone", "tanh", ACT_FWD},
};

static void test_twins_clean(void **state)
{
  (void)state;
  int bad = 0;
  for (unsigned i = 0; i < sizeof clean / sizeof clean[0]; i++) {
    act_loaded lk;
    load(&lk, clean[i].sym, clean[i].fn, clean[i].dir);
    act_results rs = {0};
    run_both(&lk.k, TIMEOUT, 0, &rs);
    size_t f = act_results_count(&rs, NULL, CHK_FAIL);
    printf("  %-32s %zu pass, %zu info, %zu fail\n", clean[i].sym,
           act_results_count(&rs, NULL, CHK_PASS), act_results_count(&rs, NULL, CHK_INFO), f);
    print_results(clean[i].sym, &rs, !strcmp(clean[i].sym, "good_sigmoid"), 0);
    bad += (int)f;
    act_results_free(&rs);
    act_kernel_unload(&lk);
  }
  if (bad)
    fail_msg("%d hygiene or isolation failures in correct kernels", bad);
}

/* ---- registered kernels ------------------------------------------------------- */

/* Registered kernels, with what their registry rows declare (NEEDS_RN for
 * every kernel that rounds: the rounding-mode check then reports INFO). */
static void test_registered_hygiene(void **state)
{
  (void)state;
  int bad = 0;
  size_t facts = 0;
  for (unsigned i = 0; i < act_kernel_count; i++) {
    const act_kernel *k = &act_kernels[i];
    if (!act_isa_available(k->isa)) {
      printf("  %-40s SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
      continue;
    }
    act_results rs = {0};
    run_both(k, k->isa == ACT_ISA_NEON ? EMU_TIMEOUT : TIMEOUT,
             k->flags & (ACT_K_NEEDS_RN | ACT_K_FLUSHES), &rs);
    size_t f = act_results_count(&rs, NULL, CHK_FAIL);
    const act_check_result *rm = find(&rs, "hygiene", "rounding modes", CHK_PASS);
    printf("  %-40s %zu pass, %zu info, %zu fail%s\n", k->name,
           act_results_count(&rs, NULL, CHK_PASS), act_results_count(&rs, NULL, CHK_INFO), f,
           rm ? "; rounding-mode independent" : "");
    int peer = (k->flags & ACT_K_PEER) != 0; /* another library's kernel: facts */
    print_results(k->name, &rs, 0, peer);
    if (peer)
      facts += f;
    else
      bad += (int)f;
    act_results_free(&rs);
  }
  if (facts)
    printf("  FACTS: %zu hygiene failures of peer kernels (adapters to other libraries) are "
           "reported above as FACT, not counted as failures\n", facts);
  if (bad)
    fail_msg("%d hygiene failures in registered kernels", bad);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (access(lib_path(), R_OK) != 0) {
    fprintf(stderr, "test_conformance_hygiene: %s not found (make build/libbroken.so, or set "
                    "ACTCHECK_BROKEN_LIB)\n", lib_path());
    return 1;
  }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_loader),
    cmocka_unit_test(test_isolate),
    cmocka_unit_test(test_broken_caught),
    cmocka_unit_test(test_twins_clean),
    cmocka_unit_test(test_registered_hygiene),
  };
  return cmocka_run_group_tests_name("conformance hygiene", tests, NULL, NULL);
}
