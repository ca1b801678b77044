/* test_check_cli.c: `actcheck check --kernel build/libbroken.so:SYMBOL` end to
 * end, as a user runs it: each deliberately broken kernel gets exit status 1
 * with the right suite failing, each correct twin exit status 0; usage and
 * loading errors exit 2; a baseline catches a regression. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

static const char *lib(void)
{
  const char *l = getenv("ACTCHECK_BROKEN_LIB");
  return l ? l : "build/libbroken.so";
}

/* Paths below are written "build/..."; ACTCHECK_BUILD (set by `make check`
 * to its build folder) replaces that prefix. */
static const char *in_build(const char *s)
{
  static _Thread_local char buf[2][8192];
  static _Thread_local int k;
  const char *b = getenv("ACTCHECK_BUILD");
  char *o = buf[k ^= 1], *e = o + sizeof buf[0] - 1;
  while (*s && o < e) {
    if (b && strncmp(s, "build/", 6) == 0) {
      o += snprintf(o, (size_t)(e - o), "%s/", b);
      s += 6;
    } else {
      *o++ = *s++;
    }
  }
  *o = 0;
  return buf[k];
}

/* Run a command; its stdout (up to 64 KiB) in out; returns the exit status. */
static int run(const char *cmd, char *out, size_t len)
{
  FILE *p = popen(in_build(cmd), "r");
  assert_non_null(p);
  size_t n = fread(out, 1, len - 1, p);
  out[n] = 0;
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* The summary line of a suite says FAIL (or PASS). */
static int suite_is(const char *out, const char *suite, const char *status)
{
  char want[64];
  snprintf(want, sizeof want, "\n%-12s %s", suite, status);
  return strstr(out, want) != NULL;
}

static const struct {
  const char *sym, *fn, *extra, *suite; /* suite that must FAIL; NULL: a twin, all PASS */
} rows[] = {
  {"bad_tanh_3ulp", "tanh", "", "accuracy"},
  {"bad_relu_nan_max", "relu", "", "conventions"},
  {"bad_sigmoid_ninf_nan", "sigmoid", "", "specials"},
  {"bad_gelu_pinf_nan", "gelu", "--profile tensorflow", "specials"},
  {"bad_tanh_negzero", "tanh", "", "specials"},
  {"bad_relu_bwd_one_at_zero", "relu", "--deriv", "conventions"},
  {"bad_hardswish_bwd_3", "hardswish", "--deriv", "conventions"},
  {"bad_leaky_relu_bwd_one_at_zero", "leaky_relu", "--deriv", "conventions"},
  {"bad_sigmoid_above_one", "sigmoid", "", "properties"},
  {"bad_tanh_nonmonotone", "tanh", "", "properties"},
  {"bad_relu_tail_read", "relu", "", "hygiene"},
  {"bad_relu_tail_write", "relu", "", "hygiene"},
  {"bad_relu_write_before", "relu", "", "hygiene"},
  {"bad_softmax_tail_write", "softmax", "", "hygiene"},
  {"bad_leaky_relu_inplace", "leaky_relu", "", "hygiene"},
  {"bad_relu_bwd_inplace_dy", "relu", "--deriv", "hygiene"},
  {"bad_sigmoid_rint", "sigmoid", "", "hygiene"},
  {"bad_tanh_crash_nan", "tanh", "", "isolation"},
  {"bad_tanh_hang_nan", "tanh", "", "isolation"},
  {"bad_bf16_tanh_trunc", "tanh", "--format bf16 --max-ulp 0.5", "accuracy"},
  {"bad_f16_relu_nan", "relu", "--format f16", "specials"},
  {"bad_f64_sigmoid_inf", "sigmoid", "--format f64 --max-ulp 4", "specials"},
  {"good_tanh", "tanh", "", NULL},
  {"good_relu", "relu", "", NULL},
  {"good_sigmoid", "sigmoid", "", NULL},
  {"good_gelu", "gelu", "", NULL},
  {"bad_gelu_pinf_nan", "gelu", "--profile pytorch", NULL}, /* tolerated: pytorch#185770 */
  {"good_relu_bwd", "relu", "--deriv", NULL},
  {"good_hardswish_bwd", "hardswish", "--deriv", NULL},
  {"good_leaky_relu_bwd", "leaky_relu", "--deriv", NULL},
  {"good_leaky_relu", "leaky_relu", "", NULL},
  {"good_softmax", "softmax", "", NULL},
  {"good_sigmoid_rint", "sigmoid", "", NULL},
  {"good_tanh_lut", "tanh", "", NULL},
  {"good_tanh_halving", "tanh", "", NULL},
  {"good_bf16_tanh", "tanh", "--format bf16 --max-ulp 0.5", NULL},
  {"good_f16_relu", "relu", "--format f16", NULL},
  {"good_f64_sigmoid", "sigmoid", "--format f64 --max-ulp 4", NULL},
};

static void test_broken_and_twins(void **state)
{
  (void)state;
  static char out[65536];
  int bad = 0;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "build/actcheck check --kernel %s:%s --fn %s %s --quick --timeout 5 2>&1",
             lib(), rows[i].sym, rows[i].fn, rows[i].extra);
    int rc = run(cmd, out, sizeof out);
    int ok = rows[i].suite ? rc == 1 && suite_is(out, rows[i].suite, "FAIL")
                           : rc == 0 && strstr(out, "verdict      PASS");
    printf("  %-32s %-10s exit %d: %s\n", rows[i].sym, rows[i].suite ? rows[i].suite : "(twin)",
           rc, ok ? "as expected" : "WRONG");
    if (!ok) {
      printf("%s\n", out);
      bad++;
    }
  }
  if (bad)
    fail_msg("%d wrong verdicts", bad);
}

static void test_usage_errors(void **state)
{
  (void)state;
  static char out[4096];
  static const char *const cmds[] = {
    "build/actcheck check --fn relu 2>&1",                              /* no kernel */
    "build/actcheck check --kernel build/libbroken.so --fn relu 2>&1",  /* malformed spec */
    "build/actcheck check --kernel build/nothere.so:f --fn relu 2>&1",  /* missing library */
    "build/actcheck check --kernel build/libbroken.so:nothere --fn relu 2>&1",
    "build/actcheck check --kernel build/libbroken.so:good_relu --fn nosuch 2>&1",
    "build/actcheck check --impl f32-relu-scalar-select --fn tanh 2>&1", /* wrong function */
    "build/actcheck check --impl f32-relu-scalar-select --fn relu --profile keras 2>&1",
  };
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    int rc = run(cmds[i], out, sizeof out);
    if (rc != 2 || strchr(out, '\n') != out + strlen(out) - 1)
      fail_msg("'%s': exit %d, output '%s' (want exit 2 and one line)", cmds[i], rc, out);
  }
}

/* `actcheck accuracy` measures every --impl given, however many: the last of
 * 70 (it once kept the first 64 only). */
static void test_accuracy_many_impls(void **state)
{
  (void)state;
  static char cmd[8192], out[65536];
  int o = snprintf(cmd, sizeof cmd, "build/actcheck accuracy --format f32");
  for (int i = 0; i < 69; i++)
    o += snprintf(cmd + o, sizeof cmd - (size_t)o, " --impl f32-relu-scalar-select");
  snprintf(cmd + o, sizeof cmd - (size_t)o, " --impl f32-tanh-scalar-tanh 2>&1");
  int rc = run(cmd, out, sizeof out);
  assert_int_equal(rc, 0);
  if (!strstr(out, "\nf32-relu-scalar-select ") || !strstr(out, "\nf32-tanh-scalar-tanh "))
    fail_msg("'%s': output '%s'", cmd, out);
}

/* A baseline from a correct kernel; the broken one regresses against it. */
static void test_baseline(void **state)
{
  (void)state;
  static char out[65536];
  char cmd[512];
  const char *b = "build/selftest/tanh.baseline.json", *n = "build/selftest/tanh.new.json";
  snprintf(cmd, sizeof cmd,
           "build/actcheck check --kernel %s:good_tanh --fn tanh --quick --json %s 2>&1", lib(), b);
  assert_int_equal(run(cmd, out, sizeof out), 0);
  snprintf(cmd, sizeof cmd,
           "build/actcheck check --kernel %s:good_tanh --fn tanh --quick --baseline %s 2>&1",
           lib(), b);
  assert_int_equal(run(cmd, out, sizeof out), 0);
  assert_true(suite_is(out, "baseline", "PASS"));
  snprintf(cmd, sizeof cmd,
           "build/actcheck check --kernel %s:bad_tanh_negzero --fn tanh --quick --json %s "
           "--baseline %s 2>&1", lib(), n, b);
  assert_int_equal(run(cmd, out, sizeof out), 1);
  assert_true(suite_is(out, "baseline", "FAIL"));
  /* a baseline for another function, and a corrupt one: exit 2 */
  snprintf(cmd, sizeof cmd,
           "build/actcheck check --kernel %s:good_relu --fn relu --quick --baseline %s 2>&1",
           lib(), b);
  assert_int_equal(run(cmd, out, sizeof out), 2);
  FILE *f = fopen(in_build("build/selftest/corrupt.json"), "w");
  fputs("{\"actcheck\": 1, \"fn\": ", f);
  fclose(f);
  snprintf(cmd, sizeof cmd,
           "build/actcheck check --kernel %s:good_tanh --fn tanh --quick "
           "--baseline build/selftest/corrupt.json 2>&1", lib());
  assert_int_equal(run(cmd, out, sizeof out), 2);
  /* a deliberate update adopts the new result */
  snprintf(cmd, sizeof cmd, "build/actcheck baseline update --json %s --baseline %s 2>&1", n, b);
  assert_int_equal(run(cmd, out, sizeof out), 0);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_usage_errors),
    cmocka_unit_test(test_broken_and_twins),
    cmocka_unit_test(test_baseline),
    cmocka_unit_test(test_accuracy_many_impls),
  };
  return cmocka_run_group_tests_name("check command", tests, NULL, NULL);
}
