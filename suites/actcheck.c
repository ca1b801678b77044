/* actcheck: the command line.
 *
 *   actcheck list
 *   actcheck ref FN [--deriv] [--dy V] [--format f32|f64|f16|bf16]
 *                [--round rn|rz|ru|rd] [--param NAME=V] [--exact] X...
 *   actcheck accuracy [--impl NAME]... [--format f32|f64|f16|bf16] [--per-binade K]
 *                     [--dense N]
 *   actcheck sweep --fn FN [--deriv] --impl NAME [--range LO:HI] [--shard K/N]
 *                  [--threads T] [--out FILE] [--block N] [--checkpoint SECONDS]
 *   actcheck merge FILE... [--out FILE]
 *
 * Usage errors print one line on stderr and exit 2.  sweep and merge exit 0
 * when the kernel kept its promise with no special-value failure, 1
 * otherwise, 2 on usage errors and unreadable or mismatched result files,
 * 3 (merge) when the files do not cover the whole range, 77 (sweep) when
 * this machine cannot run the kernel's ISA, 130/143 when interrupted by
 * SIGINT/SIGTERM (after writing the checkpoint). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "formats.h"
#include "measure.h"
#include "sweep.h"

static const char *prog = "actcheck";

static void usage_error(const char *fmt, const char *arg)
{
  fprintf(stderr, "%s: ", prog);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  exit(2);
}

/* Like usage_error, with any arguments: one line on stderr, exit status. */
static void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void die(int status, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "%s: ", prog);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(status);
}

static const act_def *find_fn(const char *name)
{
  const act_def *a = act_find(name);
  if (!a)
    usage_error("unknown activation '%s' (see 'actcheck list')", name);
  return a;
}

/* A number in C99 hex-float or decimal, or inf/nan. */
static double parse_number(const char *s)
{
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end != '\0')
    usage_error("not a number: '%s'", s);
  return v;
}

/* Parameters: --param alpha=0.2, by the row's parameter names. */
static void parse_param(const act_def *a, double *p, const char *spec)
{
  const char *eq = strchr(spec, '=');
  if (!eq)
    usage_error("--param wants NAME=VALUE, got '%s'", spec);
  for (int i = 0; i < a->nparams; i++)
    if (strlen(a->param_names[i]) == (size_t)(eq - spec) &&
        strncmp(a->param_names[i], spec, (size_t)(eq - spec)) == 0) {
      p[i] = parse_number(eq + 1);
      return;
    }
  usage_error("no such parameter: '%s'", spec);
}

static void print_value(double v, act_format f)
{
  if (f == FMT_F16 || f == FMT_BF16)
    printf("%a (0x%04x)", v, act_to_bits16(v, f));
  else
    printf("%a", v);
}

static int cmd_list(void)
{
  for (unsigned i = 0; i < act_def_count; i++) {
    const act_def *a = &act_defs[i];
    printf("%-17s", a->name);
    for (int j = 0; j < a->nparams; j++)
      printf("%s%s=%g", j ? ", " : "", a->param_names[j], a->param_defaults[j]);
    printf("%s%s\n", a->nparams ? "  " : "", a->row_fwd ? "(row-wise)" : "");
    printf("    f  = %s\n    f' = %s\n", a->formula, a->dformula);
    if (a->target)
      printf("    approximates %s\n", a->target);
    if (a->note)
      printf("    %s\n", a->note);
  }
  return 0;
}

static int cmd_ref(int argc, char **argv)
{
  static const struct option opts[] = {
    {"deriv", no_argument, 0, 'd'},     {"format", required_argument, 0, 'f'},
    {"round", required_argument, 0, 'r'}, {"param", required_argument, 0, 'p'},
    {"dy", required_argument, 0, 'y'},  {"exact", no_argument, 0, 'e'},
    {0, 0, 0, 0},
  };
  if (argc < 2 || argv[1][0] == '-')
    usage_error("%s", "usage: actcheck ref FN [--deriv] [--format f32|f64|f16|bf16] "
                      "[--round rn|rz|ru|rd] [--param NAME=V] [--dy V] [--exact] X...");
  const act_def *a = find_fn(argv[1]);
  if (a->row_fwd)
    usage_error("'%s' is row-wise: give the row as X... with --row", a->name);
  int deriv = 0, exact = 0, have_dy = 0;
  double dy = 1, p[ACT_MAX_PARAMS];
  memcpy(p, a->param_defaults, sizeof p);
  act_format f = FMT_F32;
  act_round r = RND_N;
  const char *pspec[ACT_MAX_PARAMS * 2];
  int np = 0;
  double xs[argc];
  const char *xarg[argc];
  int nx = 0;
  /* Options and inputs may mix; an input may start with '-' (-0x1p-3). */
  for (int i = 2; i < argc; i++) {
    const char *s = argv[i];
    if (strncmp(s, "--", 2) != 0) {
      xarg[nx++] = s;
      continue;
    }
    const char *name = s + 2, *val = NULL, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const struct option *o = NULL;
    for (const struct option *q = opts; q->name; q++)
      if (strlen(q->name) == len && strncmp(q->name, name, len) == 0)
        o = q;
    if (!o)
      usage_error("ref: unknown option '%s'", s);
    if (o->has_arg) {
      val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
      if (!val)
        usage_error("ref: option '%s' needs a value", s);
    }
    switch (o->val) {
    case 'd': deriv = 1; break;
    case 'e': exact = 1; break;
    case 'f':
      if (act_format_parse(val, &f))
        usage_error("unknown format '%s' (f32, f64, f16, bf16)", val);
      break;
    case 'r':
      if (act_round_parse(val, &r))
        usage_error("unknown rounding '%s' (rn, rz, ru, rd)", val);
      break;
    case 'p':
      if (np == ACT_MAX_PARAMS * 2)
        usage_error("%s", "too many --param");
      pspec[np++] = val;
      break;
    case 'y': dy = parse_number(val), have_dy = 1; break;
    }
  }
  if (nx == 0)
    usage_error("%s", "ref: no input X given");
  for (int i = 0; i < np; i++)
    parse_param(a, p, pspec[i]);
  /* A parameter is what a kernel of this format would be given. */
  for (int i = 0; i < a->nparams; i++)
    p[i] = act_round_d(p[i], f, RND_N);
  if (have_dy && !deriv)
    usage_error("%s", "--dy needs --deriv");
  if (have_dy)
    dy = act_round_d(dy, f, RND_N);
  for (int i = 0; i < nx; i++) {
    double x = parse_number(xarg[i]);
    xs[i] = act_round_d(x, f, RND_N);
    if (!(x == xs[i] || (isnan(x) && isnan(xs[i]))))
      fprintf(stderr, "%s: note: %s is not a %s number; using %a\n", prog, xarg[i],
              act_formats[f].name, xs[i]);
  }
  act_ref ref;
  act_ref_init(&ref);
  ref.exact_bits = exact ? 110 : 0;
  for (int i = 0; i < nx; i++) {
    act_reference(a, deriv, xs[i], p, have_dy ? &dy : NULL, f, r, &ref);
    print_value(ref.value, f);
    if (exact) {
      mpfr_printf("  exact %.30Ra", ref.exact);
      if (ref.flags & ACT_REF_EXACT) printf(" (exact)");
      if (ref.flags & ACT_REF_KINK) printf(" (kink: PyTorch's convention)");
      if (ref.flags & ACT_REF_ZERO_FREE) printf(" (sign of zero: a convention)");
    }
    putchar('\n');
  }
  act_ref_clear(&ref);
  return 0;
}

/* Kernels of other formats (impls/formats.def): all 65,536 inputs of a
 * 16-bit format, the binary64 sample (formats.h), under the profile each
 * claims.  Returns nonzero when a special-value failure was seen. */
static int accuracy_formats(const char *const *only, int nonly, int fmt)
{
  int bad = 0, header = 0;
  for (unsigned i = 0; i < act_kernel_fmt_count; i++) {
    const act_kernel_fmt *r = &act_kernels_fmt[i];
    act_fmt_kernel k;
    act_format f = FMT_F32;
    act_format_parse(act_kfmt_name(r->fmt), &f);
    int want = !nonly && (fmt < 0 || (int)f == fmt);
    for (int j = 0; j < nonly; j++)
      want |= strcmp(only[j], r->name) == 0;
    if (!want)
      continue;
    if (!header++)
      printf("\n%-44s %12s %10s %8s %8s  %s\n", "kernel (16-bit: all inputs; f64: sampled)",
             "max ulp", "mean ulp", "CR %", "special", "worst input (reproduce)");
    if (!act_kernel_fmt_available(r)) {
      printf("%-44s SKIPPED: this machine lacks %s%s\n", r->name, act_isa_name(r->isa),
             r->fmt == ACT_KFMT_F16 && r->isa == ACT_ISA_AVX2 ? "+f16c" : "");
      continue;
    }
    if (act_fmt_kernel_of_row(r, &k))
      die(2, "kernel %s: unknown activation %s", r->name, r->fn);
    act_profile prof = PROF_PYTORCH;
    act_profile_parse(r->profile, &prof);
    double p[ACT_MAX_PARAMS], *xs;
    act_fmt_params(&k, prof, p);
    size_t n = act_fmt_inputs(&k, &xs);
    act_stats s;
    act_fmt_measure(&k, xs, n, p, &s);
    free(xs);
    printf("%-44s %12.9f %10.3f %8.3f %8llu  actcheck ref %s%s --format %s %a  -> kernel %a\n",
           r->name, s.max_ulp, s.sum_ulp / (double)(s.n - s.n_special ? s.n - s.n_special : 1),
           100.0 * (double)s.n_cr / (double)s.n, (unsigned long long)s.n_special, r->fn,
           k.deriv ? " --deriv" : "", act_formats[f].name, s.worst_x, s.worst_y);
    for (int j = 0; j < s.nkeep; j++)
      printf("    special: x = %a: kernel %a, reference %a: %s\n", s.special[j].x,
             s.special[j].y, s.special[j].ref, act_cmp_name(s.special[j].kind));
    bad |= s.n_special != 0;
  }
  return bad;
}

static int cmd_accuracy(int argc, char **argv)
{
  static const struct option opts[] = {
    {"impl", required_argument, 0, 'i'}, {"per-binade", required_argument, 0, 'k'},
    {"dense", required_argument, 0, 'n'}, {"format", required_argument, 0, 'f'},
    {0, 0, 0, 0},
  };
  const char **only = calloc((size_t)argc + 1, sizeof *only); /* every --impl given */
  int nonly = 0, c, fmt = -1; /* -1: every format */
  if (!only)
    die(1, "out of memory");
  unsigned per = 8, dense = 2000;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'i':
      if (!act_kernel_find(optarg) && !act_kernel_fmt_find(optarg))
        usage_error("unknown kernel '%s'", optarg);
      only[nonly++] = optarg;
      break;
    case 'f': {
      act_format f;
      if (act_format_parse(optarg, &f))
        usage_error("unknown format '%s' (f32, f64, f16, bf16)", optarg);
      fmt = (int)f;
      break;
    }
    case 'k': per = (unsigned)parse_number(optarg); break;
    case 'n': dense = (unsigned)parse_number(optarg); break;
    default: exit(2);
    }
  }
  if (optind < argc)
    usage_error("accuracy: unexpected argument '%s'", argv[optind]);
  int bad = 0, f32_rows = !nonly && (fmt < 0 || fmt == FMT_F32);
  for (int j = 0; j < nonly && !f32_rows; j++)
    f32_rows = act_kernel_find(only[j]) != NULL;
  if (f32_rows)
    printf("%-36s %10s %10s %8s %8s  %s\n", "kernel", "max ulp", "mean ulp", "CR %",
           "special", "worst input (reproduce)");
  for (unsigned i = 0; i < act_kernel_count && f32_rows; i++) {
    const act_kernel *k = &act_kernels[i];
    int want = !nonly;
    for (int j = 0; j < nonly; j++)
      want |= strcmp(only[j], k->name) == 0;
    if (!want)
      continue;
    if (!act_isa_available(k->isa)) {
      printf("%-36s SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
      continue;
    }
    const act_def *a = find_fn(k->fn);
    act_stats s;
    act_stats_init(&s);
    if (a->row_fwd) {
      act_measure_rows_f32(k, a, 400, 1, &s);
    } else {
      float *xs;
      size_t n = act_sample_f32(a, per, dense, 1, &xs);
      act_measure_f32(k, a, NULL, xs, n, &s);
      free(xs);
    }
    printf("%-36s %10.3f %10.3f %8.3f %8llu  ", k->name, s.max_ulp,
           s.sum_ulp / (double)(s.n - s.n_special), 100.0 * (double)s.n_cr / (double)s.n,
           (unsigned long long)s.n_special);
    if (a->row_fwd)
      printf("row element %a", s.worst_x);
    else
      act_print_repro(k, s.worst_x);
    printf("  -> kernel %a\n", s.worst_y);
    for (int j = 0; j < s.nkeep; j++)
      printf("    special: x = %a: kernel %a, reference %a: %s\n", s.special[j].x,
             s.special[j].y, s.special[j].ref, act_cmp_name(s.special[j].kind));
    bad |= s.n_special != 0;
  }
  if (fmt != FMT_F32)
    bad |= accuracy_formats(only, nonly, fmt);
  free(only);
  return bad;
}

/* ---- sweep and merge ------------------------------------------------------ */

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
  stop_signal = sig;
  signal(sig, SIG_DFL); /* a second one ends the process at once */
}

/* A 32-bit pattern: 0x3f800000 (hexadecimal with 0x, else decimal). */
static uint32_t parse_pattern(const char *s, const char *what)
{
  char *end;
  errno = 0;
  int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  unsigned long long v = strtoull(s, &end, hex ? 16 : 10);
  if (end == s || *end || errno || v > 0xffffffffu || *s == '-' || *s == '+')
    usage_error("%s wants 32-bit patterns such as 0x3f800000:0x3fffffff", what);
  return (uint32_t)v;
}

static unsigned parse_count(const char *s, const char *what)
{
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (end == s || *end || errno || v == 0 || v > 1u << 30 || *s == '-')
    usage_error(what, s);
  return (unsigned)v;
}

/* 0 ok, 1 failures found, 3 incomplete (merge only). */
static int sweep_status(const act_sweep *w, const act_kernel *k, int incomplete_status)
{
  if (act_sweep_n_special(&w->s) || (k && w->s.max_ulp > k->max_ulp))
    return 1;
  return act_sweep_complete(w) ? 0 : incomplete_status;
}

static int cmd_sweep(int argc, char **argv)
{
  static const struct option opts[] = {
    {"fn", required_argument, 0, 'f'},      {"deriv", no_argument, 0, 'd'},
    {"impl", required_argument, 0, 'i'},    {"range", required_argument, 0, 'r'},
    {"shard", required_argument, 0, 's'},   {"threads", required_argument, 0, 't'},
    {"out", required_argument, 0, 'o'},     {"block", required_argument, 0, 'b'},
    {"checkpoint", required_argument, 0, 'c'}, {0, 0, 0, 0},
  };
  const char *fn = NULL, *impl = NULL, *out = NULL;
  int deriv = 0, c;
  uint32_t lo = 0, hi = 0xffffffffu, block = 0;
  unsigned sk = 1, sn = 1, threads = 0;
  double ck = 0;
  argv[0] = (char *)"actcheck sweep"; /* for getopt's messages */
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'f': fn = optarg; break;
    case 'd': deriv = 1; break;
    case 'i': impl = optarg; break;
    case 'o': out = optarg; break;
    case 'r': {
      char *colon = strchr(optarg, ':');
      if (!colon)
        usage_error("--range wants LO:HI as 32-bit patterns, e.g. 0x3f800000:0x3fffffff, "
                    "got '%s'", optarg);
      *colon = 0;
      lo = parse_pattern(optarg, "--range");
      hi = parse_pattern(colon + 1, "--range");
      if (lo > hi)
        usage_error("%s", "--range LO:HI wants LO <= HI (as unsigned bit patterns)");
      break;
    }
    case 's':
      if (sscanf(optarg, "%u/%u", &sk, &sn) != 2 || sk < 1 || sk > sn ||
          strspn(optarg, "0123456789/") != strlen(optarg))
        usage_error("--shard wants K/N with 1 <= K <= N, got '%s'", optarg);
      break;
    case 't': threads = parse_count(optarg, "--threads wants a count >= 1, got '%s'"); break;
    case 'b': block = parse_count(optarg, "--block wants a count of inputs, got '%s'"); break;
    case 'c':
      ck = parse_number(optarg);
      if (!(ck > 0))
        usage_error("--checkpoint wants seconds > 0, got '%s'", optarg);
      break;
    default: exit(2);
    }
  }
  if (optind < argc)
    usage_error("sweep: unexpected argument '%s'", argv[optind]);
  if (!fn || !impl)
    usage_error("%s", "usage: actcheck sweep --fn FN [--deriv] --impl NAME [--range LO:HI] "
                      "[--shard K/N] [--threads T] [--out FILE]");
  const act_def *a = find_fn(fn);
  const act_kernel *k = act_kernel_find(impl);
  if (!k)
    usage_error("unknown kernel '%s' (see impls/kernels.def)", impl);
  if (strcmp(k->fn, a->name) != 0)
    die(2, "kernel %s computes %s, not %s", k->name, k->fn, a->name);
  if (act_kernel_is_row(k))
    die(2, "kernel %s is row-wise: sweep takes elementwise binary32 kernels", k->name);
  if ((k->dir == ACT_BWD) != deriv)
    die(2, "kernel %s is a %s kernel: %s", k->name, k->dir == ACT_BWD ? "backward" : "forward",
        k->dir == ACT_BWD ? "add --deriv" : "drop --deriv");
  if (!act_isa_available(k->isa)) {
    printf("SKIPPED: %s needs %s, which this machine lacks (exit status 77)\n", k->name,
           act_isa_name(k->isa));
    fprintf(stderr, "%s: SKIPPED: %s needs %s, which this machine lacks\n", prog, k->name,
            act_isa_name(k->isa));
    return 77;
  }
  char err[512];
  act_sweep w;
  if (act_sweep_init(&w, k, lo, hi, block, sk, sn, err, sizeof err))
    die(2, "%s", err);
  if (out && access(out, F_OK) == 0) {
    act_sweep old;
    if (act_sweep_read(&old, out, err, sizeof err))
      die(2, "%s (not resuming: remove it or choose another --out)", err);
    if (act_sweep_same(&w, &old, 1, err, sizeof err))
      die(2, "%s holds another sweep: %s (remove it or choose another --out)", out, err);
    act_sweep_free(&w);
    w = old;
    uint64_t b0, b1;
    act_sweep_shard_blocks(&w, &b0, &b1);
    fprintf(stderr, "%s: resuming %s: %llu of %llu blocks done\n", prog, out,
            (unsigned long long)act_sweep_count_done(&w), (unsigned long long)(b1 - b0));
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  act_sweep_opts o = {
    .threads = (int)threads, .out = out, .checkpoint_s = ck, .stop = &stop_signal,
    .progress = isatty(STDERR_FILENO) ? stderr : NULL,
  };
  int rc = act_sweep_run(&w, k, &o, err, sizeof err);
  if (rc < 0)
    die(2, "%s", err);
  act_sweep_summary(stdout, &w, k);
  fflush(stdout);
  int status = sweep_status(&w, k, 0);
  if (stop_signal) {
    if (out)
      fprintf(stderr, "%s: interrupted: %s holds %llu finished blocks; the same command "
              "resumes\n", prog, out, (unsigned long long)act_sweep_count_done(&w));
    else
      fprintf(stderr, "%s: interrupted (no --out: nothing kept)\n", prog);
    status = 128 + stop_signal;
  }
  act_sweep_free(&w);
  return status;
}

static int cmd_merge(int argc, char **argv)
{
  static const struct option opts[] = {{"out", required_argument, 0, 'o'}, {0, 0, 0, 0}};
  const char *out = NULL;
  int c;
  argv[0] = (char *)"actcheck merge";
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c != 'o')
      exit(2);
    out = optarg;
  }
  if (optind >= argc)
    usage_error("%s", "usage: actcheck merge FILE... [--out FILE]");
  char err[512];
  act_sweep w, t;
  if (act_sweep_read(&w, argv[optind], err, sizeof err))
    die(2, "%s", err);
  w.shard_k = w.shard_n = 1;
  for (int i = optind + 1; i < argc; i++) {
    if (act_sweep_read(&t, argv[i], err, sizeof err))
      die(2, "%s", err);
    if (act_sweep_merge(&w, &t, err, sizeof err))
      die(2, "cannot merge %s into %s: %s", argv[i], argv[optind], err);
    act_sweep_free(&t);
  }
  if (out && act_sweep_write(&w, out, err, sizeof err))
    die(2, "%s", err);
  const act_kernel *k = act_kernel_find(w.impl);
  act_sweep_summary(stdout, &w, k);
  int status = sweep_status(&w, k, 3);
  act_sweep_free(&w);
  return status;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr,
            "usage: %s list | ref FN [options] X... | accuracy [--impl NAME] |\n"
            "       sweep --fn FN [--deriv] --impl NAME [--range LO:HI] [--shard K/N]\n"
            "             [--threads T] [--out FILE] | merge FILE... [--out FILE] |\n"
            "       check (--kernel LIB.so:SYMBOL | --impl NAME) --fn FN [--deriv] [--profile P]\n"
            "             [--max-ulp U] [--exhaustive] [--json FILE] [--baseline FILE] |\n"
            "       baseline update --json NEW --baseline FILE\n",
            prog);
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "list") == 0)
    return cmd_list();
  if (strcmp(cmd, "ref") == 0)
    return cmd_ref(argc - 1, argv + 1);
  if (strcmp(cmd, "accuracy") == 0)
    return cmd_accuracy(argc - 1, argv + 1);
  if (strcmp(cmd, "sweep") == 0)
    return cmd_sweep(argc - 1, argv + 1);
  if (strcmp(cmd, "merge") == 0)
    return cmd_merge(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0)
    return act_cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "baseline") == 0)
    return act_cmd_baseline(argc - 1, argv + 1);
  usage_error("unknown command '%s' (list, ref, accuracy, sweep, merge, check, baseline)", cmd);
  return 2;
}
