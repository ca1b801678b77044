/* reference.c: correctly rounded values by Ziv's strategy on rigorous
 * enclosures.
 *
 * At working precision w a formula yields an interval [lo, hi] that provably
 * holds the exact value v.  If both ends round to the same number of the
 * target format (in the requested mode) then so does v, and the enclosure is
 * narrow enough to give v's ULP error to better than 2^-20 ulp; otherwise w
 * doubles.  A strict end (lo < v) is nudged inward by far less than the gap
 * between lo and any rounding boundary (boundaries have at most p+1 <= 54
 * bits, lo has w >= 64), so an end that sits exactly on a boundary still
 * rounds the way v does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "act.h"

#define PREC_START 64
#define PREC_MAX (1 << 18)

void act_mpfr_setup(void)
{
  static _Thread_local int done;
  if (!done) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    done = 1;
  }
}

void act_ref_init(act_ref *r)
{
  mpfr_init2(r->exact, 192);
  r->value = 0;
  r->flags = 0;
  r->prec = 0;
  r->exact_bits = 0;
  r->binade_open = 0;
}

void act_ref_clear(act_ref *r) { mpfr_clear(r->exact); }

/* The end of an interval moved inward past nothing but itself. */
static double round_end(const mpfr_t e, int strict, int up, act_format f, act_round rnd)
{
  if (!strict || mpfr_inf_p(e))
    return act_round_to(e, f, rnd);
  mpfr_t t;
  mpfr_init2(t, mpfr_get_prec(e) + 16);
  if (mpfr_zero_p(e))
    mpfr_set_si_2exp(t, up ? 1 : -1, -4000, MPFR_RNDN);
  else {
    mpfr_set_si_2exp(t, up ? 1 : -1, mpfr_get_exp(e) - (long)mpfr_get_prec(e) - 8, MPFR_RNDN);
    mpfr_add(t, t, e, MPFR_RNDN); /* exact */
  }
  double v = act_round_to(t, f, rnd);
  mpfr_clear(t);
  return v;
}

static int same(double a, double b)
{
  return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b));
}

#define STRADDLE_MAX 512

/* The binade exponent of x (nonzero) in a format: at least its emin. */
static long ieee_exp_clamped(const mpfr_t x, long emin)
{
  long e = (long)mpfr_get_exp(x) - 1;
  return e > emin ? e : emin;
}

/* Decide the rounding of v in [r.lo, r.hi]; 1 when decided. */
static int decide(const ival *r, act_format f, act_round rnd, act_ref *out)
{
  if (mpfr_nan_p(r->lo) || mpfr_nan_p(r->hi)) {
    out->value = NAN;
    mpfr_set_nan(out->exact);
    return 1;
  }
  double a = round_end(r->lo, r->slo, 1, f, rnd);
  double b = round_end(r->hi, r->shi, 0, f, rnd);
  if (a == 0 && b == 0 && mpfr_zero_p(r->lo) && mpfr_zero_p(r->hi) && !r->slo && !r->shi)
    a = b = signbit(a) == signbit(b) ? a : 0.0; /* exact zero: RNDD made x - x = -0 */
  if (!same(a, b))
    return 0;
  mpfr_prec_t w = mpfr_get_prec(r->lo);
  mpfr_set_prec(out->exact, w + 2);
  out->flags = 0;
  if (iv_is_point(r)) {
    mpfr_set(out->exact, r->lo, MPFR_RNDN);
    if (!isinf(a) || mpfr_inf_p(r->lo)) {
      double back = a;
      if (mpfr_cmp_d(r->lo, back) == 0 && !isinf(back))
        out->flags |= ACT_REF_EXACT;
    }
  } else if (mpfr_inf_p(r->lo) || mpfr_inf_p(r->hi)) {
    /* an enclosure reaching infinity decided only an overflow */
    mpfr_set_d(out->exact, a, MPFR_RNDN);
  } else {
    /* Narrow enough for ULP errors to 2^-20 ulp?  Compare the width with
     * the target format's ulp at lo. */
    const act_format_info *F = &act_formats[f];
    mpfr_t d;
    mpfr_init2(d, 64);
    mpfr_sub(d, r->hi, r->lo, MPFR_RNDU);
    long e = mpfr_zero_p(r->lo) ? F->emin : (long)mpfr_get_exp(r->lo) - 1;
    long e2 = mpfr_zero_p(r->hi) ? F->emin : (long)mpfr_get_exp(r->hi) - 1;
    if (e2 < e)
      e = e2;
    long q = (e > F->emin ? e : F->emin) - F->prec + 1;
    int narrow = mpfr_zero_p(d) || (long)mpfr_get_exp(d) <= q - 20;
    if (narrow && out->exact_bits > 0 && !mpfr_zero_p(d)) {
      long top = e + 1; /* |v| >= 2^e for the end nearer 0 */
      narrow = !mpfr_zero_p(r->lo) && !mpfr_zero_p(r->hi) &&
               mpfr_sgn(r->lo) == mpfr_sgn(r->hi) &&
               (long)mpfr_get_exp(d) <= top - out->exact_bits;
    }
    mpfr_clear(d);
    if (!narrow)
      return 0;
    /* The ULP of the exact value depends on its binade: an enclosure across
     * a power of two (sigmoid'(2^-149) = 1/4 - 2^-302) is narrowed until it
     * is on one side, up to STRADDLE_MAX bits; beyond (tanh(100) = 1 -
     * 2^-288.5...: values within 2^-500 of a power of two), the midpoint's
     * side is taken and binade_open says so. */
    out->binade_open = 0;
    if (!mpfr_zero_p(r->lo) && !mpfr_zero_p(r->hi) && mpfr_sgn(r->lo) == mpfr_sgn(r->hi) &&
        ieee_exp_clamped(r->lo, F->emin) != ieee_exp_clamped(r->hi, F->emin)) {
      if (w < STRADDLE_MAX)
        return 0;
      out->binade_open = 1;
    }
    mpfr_add(out->exact, r->lo, r->hi, MPFR_RNDN);
    mpfr_div_2ui(out->exact, out->exact, 1, MPFR_RNDN);
  }
  out->value = a;
  return 1;
}

/* Runs eval at rising precision until every one of the n results is decided. */
typedef void evaluator(ival *r, size_t n, void *ctx);

static void ziv(evaluator *ev, void *ctx, size_t n, act_format fmt, act_round rnd,
                act_ref *out, const char *what)
{
  act_mpfr_setup();
  mpfr_prec_t w = fmt == FMT_F64 ? 2 * PREC_START : PREC_START;
  ival *r = malloc(n * sizeof *r);
  char *done = calloc(n, 1);
  size_t left = n;
  for (;; w *= 2) {
    if (w > PREC_MAX) {
      fprintf(stderr, "actcheck: reference for %s did not converge at %d bits\n", what,
              PREC_MAX);
      w = PREC_START;
      for (size_t i = 0; i < n; i++)
        iv_init(&r[i], w);
      ev(r, n, ctx);
      for (size_t i = 0; i < n; i++)
        if (!done[i])
          mpfr_fprintf(stderr, "  element %zu at %d bits: [%Ra%s, %Ra%s]\n", i, (int)w, r[i].lo,
                       r[i].slo ? " strict" : "", r[i].hi, r[i].shi ? " strict" : "");
      abort();
    }
    for (size_t i = 0; i < n; i++)
      iv_init(&r[i], w);
    ev(r, n, ctx);
    for (size_t i = 0; i < n; i++)
      if (!done[i] && decide(&r[i], fmt, rnd, &out[i])) {
        out[i].prec = (int)w;
        done[i] = 1, left--;
      }
    for (size_t i = 0; i < n; i++)
      iv_clear(&r[i]);
    if (left == 0)
      break;
  }
  free(r);
  free(done);
}

/* ---- elementwise ------------------------------------------------------- */

typedef struct {
  act_formula *f;
  mpfr_t x;      /* exact input; NaN-free */
  const double *p;
  const double *dy;
  double limit;  /* when f == NULL: the exact value (a limit at +-inf) */
} elem_ctx;

static void elem_eval(ival *r, size_t n, void *vctx)
{
  (void)n;
  elem_ctx *c = vctx;
  if (c->f)
    c->f(r, c->x, c->p);
  else
    iv_set_d(r, c->limit);
  if (c->dy) {
    ival d;
    iv_init(&d, mpfr_get_prec(r->lo));
    iv_set_d(&d, *c->dy);
    iv_mul(r, r, &d);
    iv_clear(&d);
  }
}

void act_reference(const act_def *a, int deriv, double x, const double *params,
                   const double *dy, act_format fmt, act_round rnd, act_ref *out)
{
  act_mpfr_setup();
  double p[ACT_MAX_PARAMS];
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    p[i] = params && i < a->nparams ? params[i] : a->param_defaults[i];
  if (dy && !deriv)
    dy = NULL;
  if (isnan(x) || (dy && isnan(*dy)) || a->row_fwd) {
    out->value = NAN;
    mpfr_set_nan(out->exact);
    out->flags = 0;
    return;
  }
  if (dy && isinf(*dy)) { /* IEEE product with the derivative */
    act_reference(a, 1, x, p, NULL, FMT_F64, RND_N, out);
    double v = *dy * out->value;
    out->value = act_round_d(v, fmt, rnd);
    mpfr_set_d(out->exact, v, MPFR_RNDN);
    return;
  }
  elem_ctx c = {.f = deriv ? a->der : a->fwd, .p = p, .dy = dy};
  if (isinf(x)) {
    double lim = a->limit ? a->limit(deriv, x > 0, p)
                 : deriv     ? (x > 0 ? a->der_pinf : a->der_ninf)
                             : (x > 0 ? a->fwd_pinf : a->fwd_ninf);
    if (!isnan(lim))
      c.f = NULL, c.limit = lim; /* from the table: exact, signed */
  }
  mpfr_init2(c.x, 64);
  mpfr_set_d(c.x, x, MPFR_RNDN);
  char what[96];
  snprintf(what, sizeof what, "%s%s(%a)", a->name, deriv ? "'" : "", x);
  ziv(elem_eval, &c, 1, fmt, rnd, out, what);
  mpfr_clear(c.x);
  if (deriv)
    for (int i = 0; i < a->nkinks; i++)
      if (x == a->kinks[i])
        out->flags |= ACT_REF_KINK;
  /* An exact zero from a formula: f(+-0) = +-0 for functions through the
   * origin; elsewhere (flat regions, f'(kink) = 0, dy = 0) the sign of the
   * zero is a convention, left to the profiles. */
  if (out->value == 0 && (out->flags & ACT_REF_EXACT) && c.f) {
    if (!deriv && x == 0) {
      out->value = copysign(0.0, x);
      if (act_zero_sign_free(a, p))
        out->flags |= ACT_REF_ZERO_FREE; /* a negative slope: the frameworks differ */
      mpfr_set_d(out->exact, out->value, MPFR_RNDN);
    } else {
      out->value = 0.0;
      mpfr_set_zero(out->exact, 1);
      out->flags |= ACT_REF_ZERO_FREE;
    }
  }
}

/* ---- row-wise ---------------------------------------------------------- */

typedef struct {
  const act_def *a;
  int deriv;
  mpfr_t *x, *dy;
} row_ctx;

static void row_eval(ival *r, size_t n, void *vctx)
{
  row_ctx *c = vctx;
  if (c->deriv)
    c->a->row_bwd(r, c->x, c->dy, n);
  else
    c->a->row_fwd(r, c->x, n);
}

void act_reference_row(const act_def *a, int deriv, const double *x, const double *dy,
                       size_t n, act_format fmt, act_round rnd, act_ref *out)
{
  act_mpfr_setup();
  row_ctx c = {a, deriv && dy, malloc(n * sizeof(mpfr_t)), malloc(n * sizeof(mpfr_t))};
  for (size_t i = 0; i < n; i++) {
    mpfr_init2(c.x[i], 64);
    mpfr_set_d(c.x[i], x[i], MPFR_RNDN);
    mpfr_init2(c.dy[i], 64);
    mpfr_set_d(c.dy[i], c.deriv ? dy[i] : 0.0, MPFR_RNDN);
  }
  char what[64];
  snprintf(what, sizeof what, "%s%s(row of %zu)", a->name, deriv ? "'" : "", n);
  ziv(row_eval, &c, n, fmt, rnd, out, what);
  for (size_t i = 0; i < n; i++) {
    mpfr_clear(c.x[i]);
    mpfr_clear(c.dy[i]);
    if (out[i].value == 0 && (out[i].flags & ACT_REF_EXACT) && !mpfr_inf_p(out[i].exact)) {
      out[i].value = 0.0; /* exp(-inf) = +0; in dx = 0 * (...) the sign is arbitrary */
      mpfr_set_zero(out[i].exact, 1);
      if (deriv)
        out[i].flags |= ACT_REF_ZERO_FREE;
    }
  }
  free(c.x);
  free(c.dy);
}
