/* cmd_check.c: `actcheck check`, every suite on one kernel, a verdict CI
 * can use.
 *
 *   actcheck check (--kernel LIB.so:SYMBOL | --impl NAME) --fn FN [--deriv]
 *                  [--format f32|f64|f16|bf16] [--profile pytorch|tensorflow|jax|onnx]
 *                  [--max-ulp U] [--param NAME=V]... [--no-params | --params]
 *                  [--exhaustive | --quick] [--needs-rn] [--flushes]
 *                  [--timeout S] [--json FILE] [--baseline FILE]
 *
 * With --impl, the kernel is looked up in both registries (impls/kernels.def,
 * impls/formats.def): its row gives the activation, direction and format,
 * so --fn, --deriv and --format may be left out; given, they must agree.
 *
 * Each suite runs in a child process (isolate.h): a kernel that crashes or
 * hangs is reported by name and the run goes on with the other suites;
 * results measured before the crash are kept.  Exit status: 0 every check
 * passed, 1 some check failed, 2 usage, loading or baseline errors, 77 the
 * kernel's ISA is missing on this machine (SKIPPED, not passed). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd.h"
#include "formats.h"
#include "hygiene.h"
#include "isolate.h"
#include "loader.h"
#include "report.h"
#include "sweep.h"

typedef struct {
  const act_kernel *k;
  act_fmt_kernel fk;       /* binary64 and 16-bit kernels */
  double pd[ACT_MAX_PARAMS];
  act_profile prof;
  float p[ACT_MAX_PARAMS];
  double max_ulp;
  int exhaustive, quick;
  act_stats *acc;          /* shared with the children */
  unsigned *profiles;      /* shared: [0] satisfied, [1] applicable */
} check_ctx;

static void child_accuracy(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  if (!c->exhaustive) {
    act_iso_step(sh, "accuracy on sampled inputs");
    act_suite_accuracy(c->k, c->p, c->max_ulp, c->quick ? 2 : 8, c->quick ? 5000 : 200000,
                       &sh->rs, c->acc);
    return;
  }
  act_iso_step(sh, "accuracy over all 2^32 inputs");
  act_sweep w;
  char err[256];
  if (act_sweep_init(&w, c->k, 0, 0xffffffffu, 0, 1, 1, err, sizeof err)) {
    act_results_add(&sh->rs, "accuracy", CHK_FAIL, "exhaustive sweep", "%s", err);
    return;
  }
  memcpy(w.params, c->p, sizeof w.params);
  act_sweep_opts o = {.progress = isatty(2) ? stderr : NULL};
  if (act_sweep_run(&w, c->k, &o, err, sizeof err) < 0) {
    act_results_add(&sh->rs, "accuracy", CHK_FAIL, "exhaustive sweep", "%s", err);
    act_sweep_free(&w);
    return;
  }
  const act_sweep_stats *s = &w.s;
  act_stats *a = c->acc;
  uint64_t nsp = act_sweep_n_special(s);
  a->n = s->n, a->n_cr = s->n_cr, a->n_special = nsp, a->max_ulp = s->max_ulp;
  a->sum_ulp = act_sweep_mean(s) * (double)(s->n - nsp);
  float wx, wy;
  memcpy(&wx, &s->worst_x, 4), memcpy(&wy, &s->worst_y, 4);
  a->worst_x = wx, a->worst_y = wy, a->worst_ref = s->worst_ref;
  int fail = s->max_ulp > c->max_ulp;
  act_results_add(&sh->rs, "accuracy", fail ? CHK_FAIL : CHK_PASS, "max ulp",
                  "%.3f ulp %s %g at x = %a: kernel %a, reference %a (all 2^32 inputs, "
                  "mean %.3f, %.2f%% correctly rounded, %llu special-value failures)",
                  s->max_ulp, fail ? ">" : "<=", c->max_ulp, (double)wx, (double)wy,
                  s->worst_ref, act_sweep_mean(s), 100.0 * (double)s->n_cr / (double)s->n,
                  (unsigned long long)nsp);
  for (int i = 0; i < s->nfail; i++) {
    float x, y;
    memcpy(&x, &s->fail[i].x, 4), memcpy(&y, &s->fail[i].y, 4);
    act_results_add(&sh->rs, "accuracy", CHK_FAIL, act_cmp_name(s->fail[i].kind),
                    "x = %a (0x%08x): kernel %a, reference %a", (double)x, s->fail[i].x,
                    (double)y, s->fail[i].ref);
  }
  act_sweep_free(&w);
}

static void child_specials(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  act_iso_step(sh, "special values");
  act_suite_specials(c->k, c->prof, c->p, c->max_ulp, &sh->rs);
}

static void child_conventions(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  act_iso_step(sh, "conventions");
  act_suite_conventions(c->k, c->prof, c->p, &sh->rs);
  act_iso_step(sh, "profiles satisfied");
  c->profiles[0] = act_profiles_satisfied(c->k, NULL, &c->profiles[1]);
}

static void child_format_accuracy(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  act_iso_step(sh, "accuracy in %s", act_formats[c->fk.fmt].name);
  act_suite_format_accuracy(&c->fk, c->pd, c->max_ulp, &sh->rs, c->acc);
}

static void child_format_conventions(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  act_iso_step(sh, "conventions in %s", act_formats[c->fk.fmt].name);
  act_suite_format_conventions(&c->fk, c->prof, c->pd, &sh->rs);
  act_iso_step(sh, "profiles satisfied in %s", act_formats[c->fk.fmt].name);
  c->profiles[0] = act_fmt_profiles_satisfied(&c->fk, &c->profiles[1]);
}

static void child_properties(act_iso_shared *sh, void *arg)
{
  check_ctx *c = arg;
  act_iso_step(sh, "properties");
  act_suite_properties(c->k, c->p, c->max_ulp, &sh->rs);
}

/* One suite in a child; a crash or hang becomes a FAIL of that suite. */
static void isolated(const char *suite, act_iso_fn *fn, check_ctx *c, double timeout,
                     act_iso_shared *sh, act_results *rs)
{
  act_iso_outcome o;
  act_isolate(fn, c, sh, timeout, &o);
  char step[sizeof sh->step];
  snprintf(step, sizeof step, "%s", sh->step);
  act_iso_shared_take(sh, rs);
  if (o.status != ACT_ISO_COMPLETED)
    act_results_add(rs, suite, CHK_FAIL, "isolation", "%s: %s while running %s", c->k->name,
                    o.what, step);
}

static void usage(const char *msg, const char *arg)
{
  fprintf(stderr, "actcheck: ");
  fprintf(stderr, msg, arg);
  fputc('\n', stderr);
  exit(2);
}

static void print_summary(const act_results *rs, const act_kernel *k, int deriv)
{
  static const char *const suites[] = {"accuracy", "specials", "conventions", "properties",
                                       "hygiene", "isolation", "baseline"};
  for (size_t s = 0; s < sizeof suites / sizeof suites[0]; s++) {
    size_t nf = act_results_count(rs, suites[s], CHK_FAIL),
           np = act_results_count(rs, suites[s], CHK_PASS),
           nt = act_results_count(rs, suites[s], CHK_TOLERATED),
           nk = act_results_count(rs, suites[s], CHK_SKIP);
    if (!nf && !np && !nt && !nk)
      continue;
    printf("%-12s %s  %zu passed", suites[s], nf ? "FAIL" : np || nt ? "PASS" : "SKIP", np);
    if (nt) printf(", %zu tolerated", nt);
    if (nf) printf(", %zu failed", nf);
    if (nk) printf(", %zu skipped", nk);
    printf("\n");
    for (size_t i = 0; i < rs->n; i++) {
      const act_check_result *r = &rs->r[i];
      if (strcmp(r->suite, suites[s]))
        continue;
      if (r->status == CHK_FAIL || r->status == CHK_TOLERATED || r->status == CHK_INFO ||
          (r->status == CHK_PASS && !strcmp(suites[s], "accuracy")))
        printf("  %-9s %s: %s\n", act_check_status_name(r->status), r->check, r->detail);
    }
  }
  (void)k, (void)deriv;
}

int act_cmd_check(int argc, char **argv)
{
  static const struct option opts[] = {
    {"kernel", required_argument, 0, 'k'}, {"impl", required_argument, 0, 'i'},
    {"fn", required_argument, 0, 'f'},     {"deriv", no_argument, 0, 'd'},
    {"format", required_argument, 0, 'F'}, {"profile", required_argument, 0, 'P'},
    {"max-ulp", required_argument, 0, 'u'}, {"param", required_argument, 0, 'p'},
    {"no-params", no_argument, 0, 'n'},    {"params", no_argument, 0, 'N'},
    {"exhaustive", no_argument, 0, 'x'},   {"timeout", required_argument, 0, 't'},
    {"json", required_argument, 0, 'j'},   {"baseline", required_argument, 0, 'b'},
    {"quick", no_argument, 0, 'q'},        {"needs-rn", no_argument, 0, 'R'},
    {"flushes", no_argument, 0, 'Z'},      {0, 0, 0, 0},
  };
  const char *spec = NULL, *impl = NULL, *fn = NULL, *prof_s = NULL, *json = NULL,
             *baseline = NULL, *pspec[8];
  int deriv = 0, exhaustive = 0, quick = 0, with_params = -1, np = 0, c, fmt_given = 0;
  act_format fmt = FMT_F32;
  unsigned declared = 0;
  double max_ulp = NAN, timeout = 60;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'k': spec = optarg; break;
    case 'i': impl = optarg; break;
    case 'f': fn = optarg; break;
    case 'd': deriv = 1; break;
    case 'F':
      if (act_format_parse(optarg, &fmt))
        usage("check: unknown format '%s' (f32, f64, f16, bf16)", optarg);
      fmt_given = 1;
      break;
    case 'P': prof_s = optarg; break;
    case 'u': max_ulp = strtod(optarg, NULL); break;
    case 'p': if (np < 8) pspec[np++] = optarg; break;
    case 'n': with_params = 0; break;
    case 'N': with_params = 1; break;
    case 'x': exhaustive = 1; break;
    case 't': timeout = strtod(optarg, NULL); break;
    case 'j': json = optarg; break;
    case 'b': baseline = optarg; break;
    case 'q': quick = 1; break;
    case 'R': declared |= ACT_K_NEEDS_RN; break;
    case 'Z': declared |= ACT_K_FLUSHES; break;
    default: exit(2);
    }
  }
  if (optind < argc)
    usage("check: unexpected argument '%s'", argv[optind]);
  if (!spec == !impl)
    usage("%s", "check: give exactly one of --kernel LIB.so:SYMBOL and --impl NAME");
  if (!fn && !impl)
    usage("%s", "check: --fn FN is required");
  act_loaded lk = {0};
  const act_kernel *k = NULL;
  const act_kernel_fmt *fr = NULL; /* a row of formats.def */
  act_kernel frk;                  /* ... seen as a row of kernels.def for names and promises */
  char err[512];
  if (impl) {
    k = act_kernel_find(impl);
    if (!k && (fr = act_kernel_fmt_find(impl))) {
      act_format rf = FMT_F32;
      act_format_parse(act_kfmt_name(fr->fmt), &rf);
      if (fmt_given && fmt != rf) {
        snprintf(err, sizeof err, "check: kernel '%s' is a %s kernel, not %s", impl,
                 act_formats[rf].name, act_formats[fmt].name);
        usage("%s", err);
      }
      fmt = rf;
      frk = (act_kernel){.name = fr->name, .fn = fr->fn, .dir = fr->dir, .isa = fr->isa,
                         .max_ulp = fr->max_ulp, .profile = fr->profile, .flags = fr->flags,
                         .ptr = fr->ptr};
      k = &frk;
    }
    if (!k)
      usage("unknown kernel '%s' (see 'actcheck accuracy')", impl);
    if (!fr && fmt != FMT_F32) {
      snprintf(err, sizeof err, "check: kernel '%s' is a f32 kernel, not %s", impl,
               act_formats[fmt].name);
      usage("%s", err);
    }
    if (!fn)
      fn = k->fn, deriv = k->dir == ACT_BWD;
    if (strcmp(k->fn, fn) || (k->dir == ACT_BWD) != deriv)
      usage("kernel '%s' does not compute this function and direction", impl);
  }
  const act_def *a = act_find(fn);
  if (!a)
    usage("unknown activation '%s' (see 'actcheck list')", fn);
  if (!impl) {
    if (act_kernel_load(spec, fn, deriv ? ACT_BWD : ACT_FWD, with_params, &lk, err, sizeof err))
      usage("%s", err);
    k = &lk.k;
  }
  act_profile prof = PROF_PYTORCH;
  if (prof_s ? act_profile_parse(prof_s, &prof) : (k->profile && act_profile_parse(k->profile, &prof)))
    usage("unknown profile '%s' (pytorch, tensorflow, jax, onnx)", prof_s ? prof_s : k->profile);
  if (isnan(max_ulp))
    max_ulp = k->max_ulp;
  if (fr ? !act_kernel_fmt_available(fr) : !act_isa_available(k->isa)) {
    printf("%s: SKIPPED: this machine lacks %s%s (nothing was checked)\n", k->name,
           act_isa_name(k->isa), fr && fr->isa == ACT_ISA_AVX2 && fmt == FMT_F16 ? "+f16c" : "");
    return 77;
  }
  /* parameters: the profile's defaults, then --param */
  double pd[ACT_MAX_PARAMS];
  act_profile_params(prof, a, pd);
  for (int i = 0; i < np; i++) {
    const char *eq = strchr(pspec[i], '=');
    int j = 0;
    for (; eq && j < a->nparams; j++)
      if (strlen(a->param_names[j]) == (size_t)(eq - pspec[i]) &&
          !strncmp(a->param_names[j], pspec[i], (size_t)(eq - pspec[i])))
        break;
    if (!eq || j == a->nparams)
      usage("check: no such parameter: '%s'", pspec[i]);
    pd[j] = strtod(eq + 1, NULL);
  }
  if (exhaustive && quick)
    usage("%s", "check: --exhaustive and --quick exclude each other");
  check_ctx cx = {.k = k, .prof = prof, .max_ulp = max_ulp, .exhaustive = exhaustive,
                  .quick = quick};
  for (int i = 0; i < ACT_MAX_PARAMS; i++) /* what a kernel of the format is given */
    cx.p[i] = (float)pd[i], cx.pd[i] = fmt == FMT_F64 ? pd[i] : cx.p[i];
  cx.fk = (act_fmt_kernel){.ptr = k->ptr, .a = a, .deriv = deriv, .fmt = fmt,
                           .with_params = with_params == 1 || (with_params < 0 && a->nparams > 0)};
  if (fr) {
    if (with_params >= 0 && with_params != fr->with_params)
      usage("check: kernel '%s' is registered with the other params shape", impl);
    cx.fk.with_params = fr->with_params;
  }
  /* figures the children hand back */
  void *shm = mmap(NULL, sizeof(act_stats) + 2 * sizeof(unsigned), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  act_iso_shared *sh = act_iso_shared_new(512);
  if (shm == MAP_FAILED || !sh)
    usage("%s", "check: cannot map shared memory");
  cx.acc = shm;
  cx.profiles = (unsigned *)((act_stats *)shm + 1);
  act_stats_init(cx.acc);

  printf("actcheck check %s: %s%s in %s, profile %s, promise %g ulp%s\n", k->name, a->name,
         deriv ? "'" : "", act_formats[fmt].name, act_profile_names[prof], max_ulp,
         exhaustive ? ", exhaustive" : "");
  fflush(stdout);
  act_results rs = {0};
  int row = act_kernel_is_row(k);
  if (fmt != FMT_F32) {
    if (row)
      usage("check: row-wise %s kernels are binary32 only", a->name);
    isolated("accuracy", child_format_accuracy, &cx, timeout, sh, &rs);
    isolated("conventions", child_format_conventions, &cx, timeout, sh, &rs);
    act_results_add(&rs, "properties", CHK_SKIP, "binary32 only", "not run on %s kernels",
                    act_formats[fmt].name);
    act_results_add(&rs, "hygiene", CHK_SKIP, "binary32 only", "not run on %s kernels",
                    act_formats[fmt].name);
  } else {
    act_suite_isolation(k, cx.p, timeout < 10 ? timeout : 10, &rs);
    isolated("accuracy", child_accuracy, &cx, exhaustive ? 0 : timeout, sh, &rs);
    if (!row) {
      isolated("specials", child_specials, &cx, timeout, sh, &rs);
      isolated("conventions", child_conventions, &cx, timeout, sh, &rs);
    }
    isolated("properties", child_properties, &cx, timeout, sh, &rs);
    act_hygiene_opts ho = {.flags = (k->flags & (ACT_K_NEEDS_RN | ACT_K_FLUSHES)) | declared | (quick ? ACT_HYG_QUICK : 0),
                           .timeout = timeout};
    act_suite_hygiene(k, cx.p, &ho, &rs);
  }

  act_report rep = {.kernel = k->name, .fn = a->name, .format = act_formats[fmt].name,
                    .profile = act_profile_names[prof], .deriv = deriv,
                    .exhaustive = exhaustive || fmt == FMT_F16 || fmt == FMT_BF16, /* all inputs */
                    .promise = max_ulp, .acc = *cx.acc,
                    .have_acc = cx.acc->n > 0, .profiles_ok = cx.profiles[0],
                    .profiles_applicable = cx.profiles[1], .results = &rs};
  int rc = 0;
  if (baseline) {
    int reg = act_report_compare(&rep, baseline, &rs, err, sizeof err);
    if (reg < 0) {
      fprintf(stderr, "actcheck: %s\n", err);
      rc = 2;
    }
  }
  print_summary(&rs, k, deriv);
  printf("profiles     ");
  if (!cx.profiles[1])
    printf("(no framework fixes a convention for %s%s)", a->name, deriv ? "'" : "");
  for (int p = 0; p < PROF_COUNT; p++)
    if (cx.profiles[1] >> p & 1)
      printf("%s %s  ", act_profile_names[p], cx.profiles[0] >> p & 1 ? "yes" : "no");
  printf("\n");
  rep.verdict_fail = act_results_count(&rs, NULL, CHK_FAIL) > 0;
  printf("verdict      %s\n", rep.verdict_fail ? "FAIL" : "PASS");
  if (json && act_report_write(&rep, json, err, sizeof err)) {
    fprintf(stderr, "actcheck: %s\n", err);
    rc = 2;
  }
  act_results_free(&rs);
  act_iso_shared_free(sh);
  munmap(shm, sizeof(act_stats) + 2 * sizeof(unsigned));
  if (lk.handle)
    act_kernel_unload(&lk);
  return rc ? rc : rep.verdict_fail;
}

/* actcheck baseline update --json NEW --baseline FILE: adopt NEW as the
 * baseline, deliberately, after checking it is an actcheck result. */
int act_cmd_baseline(int argc, char **argv)
{
  if (argc != 6 || strcmp(argv[1], "update") || strcmp(argv[2], "--json") ||
      strcmp(argv[4], "--baseline"))
    usage("%s", "usage: actcheck baseline update --json NEW.json --baseline FILE.json");
  act_report probe = {.fn = "", .format = ""};
  act_results rs = {0};
  char err[512];
  /* a self-comparison validates the schema; a fn mismatch is expected here */
  if (act_report_compare(&probe, argv[3], &rs, err, sizeof err) < 0 &&
      !strstr(err, "is for"))
    usage("%s", err);
  act_results_free(&rs);
  FILE *in = fopen(argv[3], "rb"), *out = fopen(argv[5], "wb");
  if (!in || !out)
    usage("baseline: cannot copy to '%s'", argv[5]);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    fwrite(buf, 1, n, out);
  fclose(in);
  if (fclose(out))
    usage("baseline: cannot write '%s'", argv[5]);
  printf("baseline %s updated from %s\n", argv[5], argv[3]);
  return 0;
}
