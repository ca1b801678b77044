/* test_sweep.c: the sweep engine on small ranges.  One run on one thread is
 * the yardstick; two threads, four shards merged (in any order, through
 * files), and a run interrupted mid-block then resumed from its checkpoint
 * must all give it back in every field.  Result files that are damaged,
 * truncated, of another sweep or overlapping are refused.  Kernels broken
 * on purpose (relu(NaN) = 0, errors of exactly 1 and 2 ulp, a 2^277-ulp
 * output) are caught at the right inputs, with exact statistics. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fast.h"
#include "sweep.h"

static char dir[] = "/tmp/actcheck-test-sweep-XXXXXX";

static char *path(const char *name)
{
  static char buf[4][256];
  static int i;
  i = (i + 1) % 4;
  snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
  return buf[i];
}

/* ---- kernels broken on purpose ------------------------------------------ */

/* relu as max(x, 0) written the SIMD way: NaN > 0 is false, so NaN -> 0. */
static void relu_nan0(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (size_t i = 0; i < n; i++)
    y[i] = x[i] > 0 ? x[i] : 0.0f;
}

/* Exact relu, except: two inputs 2 ulp off (equal errors: the lower must be
 * reported), one 1 ulp off, and one tiny subnormal sent to FLT_MAX. */
#define TIE_LO 0x3f800100u
#define TIE_HI 0x3f800f00u
#define ONE_ULP 0x3f800080u
#define HUGE_AT 0x00000005u
static void relu_ulps(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (size_t i = 0; i < n; i++) {
    uint32_t b = act_bits_of_f32(x[i]);
    y[i] = x[i] > 0 || isnan(x[i]) ? x[i] : 0.0f;
    if (b == TIE_LO || b == TIE_HI)
      y[i] = act_f32_of_bits(b + 2);
    if (b == ONE_ULP)
      y[i] = act_f32_of_bits(b + 1);
    if (b == HUGE_AT)
      y[i] = 0x1.fffffep+127f;
  }
}

/* tanh rounded from double (within 0.5 + 2^-29 ulp), 2 ulp off at one input. */
#define TANH_BAD 0x3f800123u
static void tanh_off2(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (size_t i = 0; i < n; i++) {
    y[i] = (float)tanh((double)x[i]);
    if (act_bits_of_f32(x[i]) == TANH_BAD)
      y[i] = act_f32_of_bits(act_bits_of_f32(y[i]) + 2);
  }
}

/* tanh that raises "Ctrl-C" on its 5th block. */
static volatile sig_atomic_t fake_sigint;
static int calls;
static void tanh_interrupting(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  if (__atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED) == 5)
    fake_sigint = 1;
  for (size_t i = 0; i < n; i++)
    y[i] = tanhf(x[i]);
}

static const act_kernel k_relu_nan0 = {"test-relu-nan0", "relu", ACT_FWD, ACT_ISA_SCALAR,
                                       ACT_SHAPE_f32_fwd_p, 0.5, "pytorch", 0,
                                       (void (*)(void))relu_nan0};
static const act_kernel k_relu_ulps = {"test-relu-ulps", "relu", ACT_FWD, ACT_ISA_SCALAR,
                                       ACT_SHAPE_f32_fwd_p, 0.5, "pytorch", 0,
                                       (void (*)(void))relu_ulps};
static const act_kernel k_tanh_off2 = {"test-tanh-off2", "tanh", ACT_FWD, ACT_ISA_SCALAR,
                                       ACT_SHAPE_f32_fwd_p, 0.5, "pytorch", 0,
                                       (void (*)(void))tanh_off2};
static const act_kernel k_tanh_int = {"f32-tanh-scalar-tanh", "tanh", ACT_FWD, ACT_ISA_SCALAR,
                                      ACT_SHAPE_f32_fwd_p, 2.6, "pytorch", 0,
                                      (void (*)(void))tanh_interrupting};

/* ---- helpers ------------------------------------------------------------- */

static void sweep(act_sweep *w, const act_kernel *k, uint32_t lo, uint32_t hi, unsigned sk,
                  unsigned sn, int threads, uint64_t max_blocks, const char *out)
{
  char err[256] = "";
  if (act_sweep_init(w, k, lo, hi, 0, sk, sn, err, sizeof err))
    fail_msg("init: %s", err);
  act_sweep_opts o = {.threads = threads, .max_blocks = max_blocks, .out = out};
  int rc = act_sweep_run(w, k, &o, err, sizeof err);
  if (rc < 0)
    fail_msg("run: %s", err);
  assert_int_equal(rc, max_blocks ? 1 : 0);
}

/* The file text with the informational fields (elapsed, shard) levelled. */
static char *canon(const act_sweep *w)
{
  act_sweep c = *w;
  c.elapsed = 0;
  c.shard_k = c.shard_n = 1;
  return act_sweep_format(&c);
}

static void assert_same_result(const act_sweep *a, const act_sweep *b, const char *what)
{
  char err[256];
  if (act_sweep_same(a, b, 0, err, sizeof err))
    fail_msg("%s: %s", what, err);
  if (!act_sweep_stats_equal(&a->s, &b->s)) {
    char *ta = canon(a), *tb = canon(b);
    fail_msg("%s: statistics differ\n--- one\n%s--- other\n%s", what, ta, tb);
  }
  assert_int_equal(act_sweep_count_done(a), act_sweep_count_done(b));
  char *ta = canon(a), *tb = canon(b);
  if (strcmp(ta, tb) != 0)
    fail_msg("%s: result files differ\n--- one\n%s--- other\n%s", what, ta, tb);
  free(ta);
  free(tb);
}

static void roundtrip(const act_sweep *w, const char *name, act_sweep *back)
{
  char err[256];
  if (act_sweep_write(w, path(name), err, sizeof err))
    fail_msg("%s", err);
  if (act_sweep_read(back, path(name), err, sizeof err))
    fail_msg("%s", err);
}

/* ---- threads, shards, resume --------------------------------------------- */

typedef struct {
  const char *kernel;
  uint32_t lo, hi;
} range_case;

static const range_case cases[] = {
  {"f32-tanh-scalar-tanh", 0x3f7ff000, 0x3f800fff},           /* 8192 around 1.0 */
  {"f32-tanh-scalar-tanh", 0x007ff800, 0x008007ff},           /* subnormal | normal */
  {"f32-relu-scalar-select", 0x3f780000, 0x3f87ffff},         /* 2^20 around 1.0 */
  {"f32-relu-scalar-select", 0x7f7ff000, 0x7f80ffff},         /* max finite, inf, NaNs */
  {"f32-sigmoid-bwd-scalar-exp-div", 0xc0fff800, 0xc10007ff}, /* around -8 */
  {"f32-sigmoid-bwd-scalar-exp-div", 0x80000000, 0x80000fff}, /* -0, -subnormals */
};

static void test_threads_shards_resume(void **state)
{
  (void)state;
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    const act_kernel *k = act_kernel_find(cases[c].kernel);
    assert_non_null(k);
    uint32_t lo = cases[c].lo, hi = cases[c].hi;
    printf("  %-32s 0x%08x..0x%08x\n", k->name, lo, hi);
    act_sweep one, two;
    sweep(&one, k, lo, hi, 1, 1, 1, 0, NULL);
    assert_int_equal(one.s.n, (uint64_t)hi - lo + 1);
    assert_true(act_sweep_complete(&one));
    sweep(&two, k, lo, hi, 1, 1, 2, 0, NULL);
    assert_same_result(&one, &two, "1 vs 2 threads");

    /* Four shards, through files, merged in a scrambled order. */
    act_sweep sh[4], back[4];
    for (unsigned i = 0; i < 4; i++) {
      sweep(&sh[i], k, lo, hi, i + 1, 4, 2, 0, NULL);
      assert_true(act_sweep_complete(&sh[i]));
      char name[32];
      snprintf(name, sizeof name, "shard%u", i + 1);
      roundtrip(&sh[i], name, &back[i]);
      assert_same_result(&sh[i], &back[i], "file round trip");
    }
    char err[256];
    static const int order[] = {2, 0, 3, 1};
    act_sweep *m = &back[order[0]];
    m->shard_k = m->shard_n = 1;
    assert_false(act_sweep_complete(m));
    for (int i = 1; i < 4; i++)
      if (act_sweep_merge(m, &back[order[i]], err, sizeof err))
        fail_msg("merge: %s", err);
    assert_true(act_sweep_complete(m));
    assert_same_result(&one, m, "4 shards merged vs single run");

    /* Interrupted after a third of the blocks (checkpoint written), resumed. */
    act_sweep part, resumed;
    sweep(&part, k, lo, hi, 1, 1, 2, one.nblocks / 3, path("ckpt"));
    if (act_sweep_read(&resumed, path("ckpt"), err, sizeof err))
      fail_msg("%s", err);
    assert_false(act_sweep_complete(&resumed));
    assert_int_equal(act_sweep_count_done(&resumed), one.nblocks / 3);
    assert_same_result(&part, &resumed, "checkpoint");
    act_sweep_opts o = {.threads = 2, .out = path("ckpt")};
    assert_int_equal(act_sweep_run(&resumed, k, &o, err, sizeof err), 0);
    assert_same_result(&one, &resumed, "resumed vs single run");

    act_sweep_free(&one), act_sweep_free(&two), act_sweep_free(&part);
    act_sweep_free(&resumed);
    for (int i = 0; i < 4; i++)
      act_sweep_free(&sh[i]), act_sweep_free(&back[i]);
  }
}

/* A stop signal in the middle of a block: finished blocks are kept, the
 * partial ones are not, and resuming gives the single run. */
static void test_signal_resume(void **state)
{
  (void)state;
  uint32_t lo = 0x3e800000, hi = 0x3e801fff;
  act_sweep one, w, back;
  char err[256];
  /* The yardstick, with the same kernel (no stop flag given). */
  sweep(&one, &k_tanh_int, lo, hi, 1, 1, 1, 0, NULL);
  calls = 0, fake_sigint = 0;
  if (act_sweep_init(&w, &k_tanh_int, lo, hi, 0, 1, 1, err, sizeof err))
    fail_msg("%s", err);
  act_sweep_opts o = {.threads = 2, .out = path("sig"), .stop = &fake_sigint};
  assert_int_equal(act_sweep_run(&w, &k_tanh_int, &o, err, sizeof err), 1);
  uint64_t done = act_sweep_count_done(&w);
  printf("  stopped after %llu of %llu blocks\n", (unsigned long long)done,
         (unsigned long long)w.nblocks);
  assert_true(done >= 3 && done < w.nblocks);
  if (act_sweep_read(&back, path("sig"), err, sizeof err))
    fail_msg("%s", err);
  assert_same_result(&w, &back, "checkpoint at the signal");
  fake_sigint = 0;
  assert_int_equal(act_sweep_run(&back, &k_tanh_int, &o, err, sizeof err), 0);
  assert_same_result(&one, &back, "resumed after a signal");
  act_sweep_free(&one), act_sweep_free(&w), act_sweep_free(&back);
}

/* ---- files that must be refused ------------------------------------------ */

static char *slurp(const char *p)
{
  FILE *f = fopen(p, "rb");
  assert_non_null(f);
  static char buf[1 << 20];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  return strdup(buf);
}

static void spit(const char *p, const char *text, size_t n)
{
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  fwrite(text, 1, n, f);
  fclose(f);
}

static uint64_t fnv1a(const char *p, size_t n)
{
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
  return h;
}

/* Replace `from` by `to` in text and fix the checksum, so that only the
 * consistency checks can catch it. */
static void forge(const char *text, const char *from, const char *to, const char *p)
{
  const char *at = strstr(text, from);
  assert_non_null(at);
  char *t = malloc(strlen(text) + strlen(to) + 64);
  size_t k = (size_t)(at - text);
  memcpy(t, text, k);
  strcpy(t + k, to);
  strcat(t, at + strlen(from));
  char *end = strstr(t, "\nend ") + 1;
  sprintf(end, "end %016llx\n", (unsigned long long)fnv1a(t, (size_t)(end - t)));
  spit(p, t, strlen(t));
  free(t);
}

static void expect_refused(const char *p, const char *why)
{
  act_sweep w;
  char err[256] = "";
  if (act_sweep_read(&w, p, err, sizeof err) == 0)
    fail_msg("accepted a file that is %s", why);
  assert_non_null(strstr(err, p));
  assert_null(strchr(err, '\n'));
  printf("  %-28s -> %s\n", why, err);
}

static void test_bad_files(void **state)
{
  (void)state;
  const act_kernel *k = act_kernel_find("f32-relu-scalar-select");
  act_sweep a, b, c, r;
  char err[256];
  sweep(&a, k, 0x3f800000, 0x3f80ffff, 1, 2, 2, 0, NULL);
  sweep(&b, k, 0x3f800000, 0x3f80ffff, 2, 2, 2, 0, NULL);
  assert_int_equal(act_sweep_write(&a, path("a"), err, sizeof err), 0);
  char *text = slurp(path("a"));
  size_t n = strlen(text);

  spit(path("trunc"), text, n / 2);
  expect_refused(path("trunc"), "truncated");
  spit(path("empty"), "", 0);
  expect_refused(path("empty"), "empty");
  spit(path("garbage"), "hello\n", 6);
  expect_refused(path("garbage"), "not a result");
  char *flip = strdup(text);
  flip[n / 2] ^= 1;
  spit(path("flip"), flip, n);
  expect_refused(path("flip"), "a flipped bit");
  free(flip);
  forge(text, "actcheck-sweep 1", "actcheck-sweep 9", path("ver"));
  expect_refused(path("ver"), "of another version");
  forge(text, "\nn 32768\n", "\nn 32767\n", path("n"));
  expect_refused(path("n"), "short of inputs");
  forge(text, "\nhist 1 0\n", "\nhist 1 1\n", path("hist"));
  expect_refused(path("hist"), "with a bad histogram");
  forge(text, "done 0-127", "done 0-128", path("shard"));
  expect_refused(path("shard"), "done outside its shard");
  forge(text, "fn relu", "fn nosuchfn", path("fn"));
  expect_refused(path("fn"), "of an unknown function");
  forge(text, "\nhist 3 0\n", "\n", path("missing"));
  expect_refused(path("missing"), "missing a line");

  /* A good file reads back; merging refuses other sweeps and overlaps. */
  if (act_sweep_read(&r, path("a"), err, sizeof err))
    fail_msg("%s", err);
  assert_int_not_equal(act_sweep_merge(&r, &a, err, sizeof err), 0);
  printf("  %-28s -> %s\n", "overlapping shards", err);
  sweep(&c, act_kernel_find("f32-relu6-scalar-clamp"), 0x3f800000, 0x3f80ffff, 2, 2, 1, 0,
        NULL);
  assert_int_not_equal(act_sweep_merge(&r, &c, err, sizeof err), 0);
  printf("  %-28s -> %s\n", "another kernel", err);
  act_sweep_free(&c);
  sweep(&c, k, 0x3f800000, 0x3f81ffff, 2, 2, 1, 0, NULL);
  assert_int_not_equal(act_sweep_merge(&r, &c, err, sizeof err), 0);
  printf("  %-28s -> %s\n", "another range", err);
  /* Resuming checks the shard too. */
  assert_int_not_equal(act_sweep_same(&r, &b, 1, err, sizeof err), 0);
  assert_int_equal(act_sweep_merge(&r, &b, err, sizeof err), 0);
  assert_true(act_sweep_complete(&r));
  free(text);
  act_sweep_free(&a), act_sweep_free(&b), act_sweep_free(&c), act_sweep_free(&r);
}

/* ---- broken kernels are caught ------------------------------------------- */

/* Infinities of the right sign are no failure, of either sign: a float
 * and a double -inf have sign bits in different places (signbit's nonzero
 * values differ), which once made every -inf a "wrong sign of infinity". */
static void test_infinities(void **state)
{
  (void)state;
  act_sweep w;
  sweep(&w, act_kernel_find("f32-logsigmoid-scalar-log1p"), 0xff7fff00, 0xff800000, 1, 1, 1, 0,
        NULL); /* up to -inf: logsigmoid(-inf) = -inf */
  assert_int_equal(act_sweep_n_special(&w.s), 0);
  act_sweep_free(&w);
  sweep(&w, act_kernel_find("f32-softplus-scalar-log1p"), 0x7f7fff00, 0x7f800000, 1, 1, 1, 0,
        NULL); /* up to +inf */
  assert_int_equal(act_sweep_n_special(&w.s), 0);
  act_sweep_free(&w);
  act_fast_ref r = {.value = -INFINITY, .exact = -INFINITY};
  double u;
  assert_int_equal(act_fast_compare(-INFINITY, &r, &u), ACT_CMP_ULP);
  assert_int_equal(act_fast_compare(INFINITY, &r, &u), ACT_CMP_INF_SIGN);
}

static void test_relu_nan(void **state)
{
  (void)state;
  /* Max finite, +inf, then 65535 NaNs; and the negative side. */
  act_sweep w, s[3], back;
  char err[256];
  sweep(&w, &k_relu_nan0, 0x7f7ff000, 0x7f80ffff, 1, 1, 2, 0, NULL);
  assert_int_equal(w.s.n_special[ACT_CMP_NOT_NAN], 0xffff);
  assert_int_equal(act_sweep_n_special(&w.s), 0xffff);
  assert_int_equal(w.s.nfail, ACT_SWEEP_KEEP);
  for (int i = 0; i < ACT_SWEEP_KEEP; i++) {
    assert_int_equal(w.s.fail[i].x, 0x7f800001u + (uint32_t)i);
    assert_int_equal(w.s.fail[i].y, 0);
    assert_int_equal(w.s.fail[i].kind, ACT_CMP_NOT_NAN);
    assert_true(isnan(w.s.fail[i].ref));
  }
  assert_true(w.s.have_worst && w.s.max_ulp == 0);
  /* The lowest failures survive sharding, merging and files. */
  for (unsigned i = 0; i < 3; i++) {
    sweep(&s[i], &k_relu_nan0, 0x7f7ff000, 0x7f80ffff, 3 - i, 3, 1, 0, NULL);
    if (i && act_sweep_merge(&s[0], &s[i], err, sizeof err))
      fail_msg("%s", err);
  }
  roundtrip(&s[0], "nan", &back);
  assert_same_result(&w, &back, "relu(NaN) shards");
  act_sweep_free(&w), act_sweep_free(&back);
  for (int i = 0; i < 3; i++)
    act_sweep_free(&s[i]);

  /* Negative NaNs: -0 and the negatives give +0 (fine), -NaN gives 0. */
  sweep(&w, &k_relu_nan0, 0xff800000, 0xff80ffff, 1, 1, 2, 0, NULL);
  assert_int_equal(w.s.n_special[ACT_CMP_NOT_NAN], 0xffff);
  assert_int_equal(w.s.fail[0].x, 0xff800001u);
  act_sweep_free(&w);
}

static void test_exact_errors(void **state)
{
  (void)state;
  act_sweep w, t, back;
  char err[256];
  sweep(&w, &k_relu_ulps, 0x3f800000, 0x3f800fff, 1, 1, 2, 0, NULL);
  /* Ties at exactly 2 ulp: the lower pattern, whatever the block order. */
  assert_true(w.s.max_ulp == 2.0);
  assert_int_equal(w.s.worst_x, TIE_LO);
  assert_int_equal(w.s.worst_y, TIE_LO + 2);
  assert_int_equal(w.s.hist[0], 4096 - 3);
  assert_int_equal(w.s.hist[1], 1);
  assert_int_equal(w.s.hist[2], 2);
  assert_int_equal(w.s.n_cr, 4096 - 3);
  assert_int_equal(w.s.sum.w[0], 5ull << 32);
  for (int i = 1; i < 6; i++)
    assert_int_equal(w.s.sum.w[i], 0);
  assert_true(fabs(act_sweep_mean(&w.s) - 5.0 / 4096) < 1e-15);
  assert_true(w.s.binade_max[0x07f] == 2.0 && w.s.binade_n[0x07f] == 4096);
  for (unsigned sn = 2; sn <= 5; sn++) {
    act_sweep m, s;
    sweep(&m, &k_relu_ulps, 0x3f800000, 0x3f800fff, sn, sn, 1, 0, NULL); /* last first */
    for (unsigned i = 1; i < sn; i++) {
      sweep(&s, &k_relu_ulps, 0x3f800000, 0x3f800fff, i, sn, 1, 0, NULL);
      if (act_sweep_merge(&m, &s, err, sizeof err))
        fail_msg("%s", err);
      act_sweep_free(&s);
    }
    assert_same_result(&w, &m, "ties across shards");
    act_sweep_free(&m);
  }
  act_sweep_free(&w);

  /* A 2^277-ulp error: the exact sum needs more than 128 bits. */
  sweep(&w, &k_relu_ulps, 0x00000000, 0x00000fff, 1, 1, 2, 0, NULL);
  assert_int_equal(w.s.worst_x, HUGE_AT);
  assert_true(w.s.max_ulp == 0x1.fffffep+23 * 0x1p+253);
  assert_int_equal(w.s.hist[ACT_SWEEP_NHIST - 1], 1);
  /* round(err 2^32) = (2^24 - 1) 2^285: limb 4, bit 29. */
  for (int i = 0; i < 6; i++)
    assert_int_equal(w.s.sum.w[i], i == 4 ? 0xffffffull << 29 : 0);
  roundtrip(&w, "huge", &back);
  assert_same_result(&w, &back, "huge error through a file");
  sweep(&t, &k_relu_ulps, 0x00000000, 0x00000fff, 1, 1, 1, 0, NULL);
  assert_same_result(&w, &t, "huge error, 1 thread");
  act_sweep_free(&w), act_sweep_free(&t), act_sweep_free(&back);
}

static void test_tanh_off2(void **state)
{
  (void)state;
  act_sweep w;
  sweep(&w, &k_tanh_off2, 0x3f800000, 0x3f800fff, 1, 1, 2, 0, NULL);
  act_sweep_summary(stdout, &w, &k_tanh_off2);
  assert_int_equal(w.s.worst_x, TANH_BAD);
  assert_int_equal(w.s.worst_y, act_bits_of_f32((float)tanh((double)act_f32_of_bits(TANH_BAD))) + 2);
  assert_true(w.s.max_ulp > 1.5 && w.s.max_ulp <= 2.5);
  assert_int_equal(act_sweep_n_special(&w.s), 0);
  assert_int_equal(w.s.hist[0], 4095); /* the rest rounds correctly */
  act_sweep_free(&w);
}

/* The sweep's statistics against an independent count: every input of a few
 * stretches of patterns through the kernel and pure MPFR (act_reference,
 * act_compare), one by one.  The stretches sit where the fast reference
 * answers whole runs or nudges its exact value: binade starts of tiny
 * inputs (powers of two), saturation, the middle, subnormals.  The
 * histogram and the correctly rounded count must agree exactly (both
 * kernels of each pair are registered: one correctly rounded-ish, one
 * not), the max error to 2^-18 ulp. */
static void test_against_mpfr(void **state)
{
  (void)state;
  static const struct {
    const char *impl;
    uint32_t first;
  } cases[] = {
    {"f32-tanh-scalar-tanh", 0x31000000u},           /* 2^-29: close(x) runs */
    {"f32-tanh-scalar-tanh", 0xb5000000u},           /* -2^-21 */
    {"f32-tanh-scalar-tanh", 0x3e6ee000u},           /* its worst input, 0x3e6ee50c */
    {"f32-tanh-bwd-scalar-cosh", 0x2f800000u},       /* tanh'(2^-32): 1 from below */
    {"f32-sigmoid-bwd-scalar-exp-div", 0xb3000000u}, /* sigmoid'(-2^-25) */
    {"f32-sigmoid-scalar-exp-div", 0xb2800000u},     /* sigmoid(-2^-26): 1/2 from below */
    {"f32-gelu-scalar-erfc", 0x80000000u},           /* negative subnormals */
    {"f32-gelu-scalar-erfc", 0xa8000000u},           /* -2^-47: x/2 from below */
    {"f32-gelu-scalar-erfc", 0x41200000u},           /* 10: x from below */
    {"f32-gelu-bwd-scalar-erfc", 0xc0000000u},       /* -2: near the derivative's root */
    {"f32-elu-scalar-expm1", 0xa9000000u},           /* elu(-2^-45) */
    {"f32-softplus-scalar-log1p", 0xa4000000u},      /* log 2 */
    {"f32-silu-avx2-rr2-p7-div", 0x3f800000u},
  };
  enum { N = 2048 };
  static float x[N], y[N], dy[N];
  int bad = 0;
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    const act_kernel *k = act_kernel_find(cases[c].impl);
    assert_non_null(k);
    if (!act_isa_available(k->isa)) {
      printf("  %s SKIPPED: no %s here\n", k->name, act_isa_name(k->isa));
      continue;
    }
    const act_def *a = act_find(k->fn);
    int deriv = k->dir == ACT_BWD;
    float pf[ACT_MAX_PARAMS] = {0};
    double pd[ACT_MAX_PARAMS] = {0};
    for (int i = 0; i < a->nparams; i++)
      pf[i] = (float)a->param_defaults[i], pd[i] = pf[i];
    act_sweep_stats st;
    act_sweep_block(k, a, pf, cases[c].first, cases[c].first + N - 1, x, y, dy, &st);
    /* one by one */
    uint64_t hist[ACT_SWEEP_NHIST] = {0}, ncr = 0, nsp = 0;
    double umax = 0;
    act_ref m;
    act_ref_init(&m);
    for (uint32_t i = 0; i < N; i++) {
      uint32_t b = cases[c].first + i;
      float xi, yi, one = 1;
      memcpy(&xi, &b, 4);
      act_call_f32(k, 1, &xi, &one, &yi, pf);
      double d1 = 1, u;
      act_reference(a, deriv, xi, pd, deriv ? &d1 : NULL, FMT_F32, RND_N, &m);
      if (act_compare(yi, &m, FMT_F32, &u) != ACT_CMP_ULP) {
        nsp++;
        continue;
      }
      int h = u <= 0.5 ? 0 : u <= 1 ? 1 : u > 0x1p30 ? ACT_SWEEP_NHIST - 1 : (int)ceil(log2(u)) + 1;
      hist[h]++;
      ncr += u <= 0.5;
      umax = u > umax ? u : umax;
    }
    act_ref_clear(&m);
    int ok = st.n == N && st.n_cr == ncr && act_sweep_n_special(&st) == nsp &&
             memcmp(st.hist, hist, sizeof hist) == 0 && fabs(st.max_ulp - umax) <= 0x1p-18;
    printf("  %-34s 0x%08x+%d: max %.6f (MPFR %.6f), CR %llu (MPFR %llu): %s\n", k->name,
           cases[c].first, N, st.max_ulp, umax, (unsigned long long)st.n_cr,
           (unsigned long long)ncr, ok ? "agree" : "DISAGREE");
    if (!ok)
      for (int h = 0; h < ACT_SWEEP_NHIST; h++)
        if (st.hist[h] != hist[h])
          printf("    bucket %d: sweep %llu, MPFR %llu\n", h, (unsigned long long)st.hist[h],
                 (unsigned long long)hist[h]);
    bad += !ok;
  }
  assert_int_equal(bad, 0);
}

static void test_blocks(void **state)
{
  (void)state;
  assert_int_equal(act_sweep_default_block(1ull << 32), 65536);
  assert_int_equal(act_sweep_default_block(1 << 20), 4096);
  assert_int_equal(act_sweep_default_block(1000), 256);
  /* Shards partition the blocks, for any N. */
  act_sweep w;
  char err[256];
  for (unsigned n = 1; n <= 7; n++) {
    uint64_t next = 0;
    for (unsigned k = 1; k <= n; k++) {
      assert_int_equal(act_sweep_init(&w, act_kernel_find("f32-relu-scalar-select"), 5,
                                      5 + 256 * 13 + 17, 256, k, n, err, sizeof err), 0);
      uint64_t b0, b1;
      act_sweep_shard_blocks(&w, &b0, &b1);
      assert_int_equal(b0, next);
      next = b1;
      assert_int_equal(w.nblocks, 14);
      act_sweep_free(&w);
    }
    assert_int_equal(next, 14);
  }
  /* The last block is short. */
  act_sweep_init(&w, act_kernel_find("f32-relu-scalar-select"), 5, 5 + 256 * 13 + 17, 256, 1,
                 1, err, sizeof err);
  uint32_t f, l;
  act_sweep_block_range(&w, 13, &f, &l);
  assert_int_equal(f, 5 + 256 * 13);
  assert_int_equal(l, 5 + 256 * 13 + 17);
  act_sweep_free(&w);
  /* Row kernels are not swept. */
  assert_int_not_equal(act_sweep_init(&w, act_kernel_find("f32-softmax-scalar-exp"), 0, 255,
                                      0, 1, 1, err, sizeof err), 0);
}

static int cleanup(void **state)
{
  (void)state;
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_blocks),
    cmocka_unit_test(test_against_mpfr),
    cmocka_unit_test(test_exact_errors),
    cmocka_unit_test(test_tanh_off2),
    cmocka_unit_test(test_relu_nan),
    cmocka_unit_test(test_infinities),
    cmocka_unit_test(test_bad_files),
    cmocka_unit_test(test_signal_resume),
    cmocka_unit_test(test_threads_shards_resume),
  };
  return cmocka_run_group_tests_name("sweep", tests, NULL, cleanup);
}
