/* act.h: the activation registry and the correctly rounded MPFR reference.
 *
 * One row per activation (reference/activations.c): its name, its
 * parameters and their defaults (PyTorch's), its forward and derivative as
 * interval formulas (reference/formulas.c), its limits at +-inf, its
 * interesting domain and its own special inputs, and, for approximations,
 * the target function it approximates.  Everything else reads these rows. */
#ifndef ACT_H
#define ACT_H

#include <math.h>
#include <mpfr.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ival.h"

/* ---- number formats ---------------------------------------------------- */

/* A binary32 number and its bit pattern. */
static inline float act_f32_of_bits(uint32_t b)
{
  float f;
  memcpy(&f, &b, 4);
  return f;
}
static inline uint32_t act_bits_of_f32(float f)
{
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}

typedef enum { FMT_F32, FMT_F64, FMT_F16, FMT_BF16, FMT_COUNT } act_format;
typedef enum { RND_N, RND_Z, RND_U, RND_D } act_round;

typedef struct {
  const char *name; /* "f32" */
  int prec;         /* significand bits, implicit bit included */
  int emin, emax;   /* 2^emin is the smallest normal, 2^emax*(2-2^(1-prec)) the largest */
  int bits;         /* storage width */
} act_format_info;

extern const act_format_info act_formats[FMT_COUNT];
int act_format_parse(const char *s, act_format *f); /* 0 on success */
int act_round_parse(const char *s, act_round *r);
mpfr_rnd_t act_round_mpfr(act_round r);

/* Round x (any precision, any exponent) to the format, as IEEE 754 says:
 * subnormals with reduced precision, overflow to +-inf or to +-max finite
 * as the mode dictates, underflow to +-0 with x's sign.  The result is
 * exactly representable as a double. */
double act_round_to(const mpfr_t x, act_format f, act_round r);
/* Round a double to the format (for kernels' outputs and parameters). */
double act_round_d(double x, act_format f, act_round r);
/* Bit patterns of 16-bit formats <-> double (exact). */
unsigned act_to_bits16(double x, act_format f);
double act_from_bits16(unsigned bits, act_format f);

/* ULP error as DESIGN.md defines it: |y - t| / ulp(t), with
 * ulp(t) = 2^(max(e, emin) - p + 1), 2^e <= |t| < 2^(e+1). */
double act_ulp_error(double y, const mpfr_t t, act_format f);

/* ---- the registry ------------------------------------------------------ */

#define ACT_MAX_PARAMS 3

typedef struct act_def act_def;
/* Interval formula: r encloses f(x) (or f'(x)); x is exact and finite; p are
 * the parameters as exact doubles.  r carries the working precision. */
typedef void act_formula(ival *r, const mpfr_t x, const double *p);
/* Row formula: r[i] encloses element i of the row function of x[0..n). */
typedef void act_row_formula(ival *r, const mpfr_t *x, size_t n);
typedef void act_row_bwd_formula(ival *r, const mpfr_t *x, const mpfr_t *dy, size_t n);

struct act_def {
  const char *name;
  const char *formula;    /* human formula of the forward */
  const char *dformula;   /* and of the derivative */
  int nparams;
  const char *param_names[ACT_MAX_PARAMS];
  double param_defaults[ACT_MAX_PARAMS];
  act_formula *fwd, *der;
  /* Limits at +inf and -inf of f and f' (signed zeros matter). */
  double fwd_pinf, fwd_ninf, der_pinf, der_ninf;
  /* Where the limits depend on the parameters (softplus with beta < 0 falls
   * to -inf at -inf): the signed limit of f (deriv 0) or f' at +inf (pos 1)
   * or -inf, NAN to evaluate the formula there; replaces the four above. */
  double (*limit)(int deriv, int pos, const double *p);
  /* f(+-0) is +-0, but where parameter zero_param - 1 (1-based; 0: none)
   * is negative the sign is free (ACT_REF_ZERO_FREE), left to the
   * profiles: it is the slope at 0 (leaky_relu, prelu, elu: alpha), and
   * x > 0 ? x : alpha x gives alpha (+-0), where(x >= 0, x, alpha x) +-0. */
  int zero_param;
  /* Derivative kinks: x values where f' is a convention, with PyTorch's value
   * (the reference returns it there); zero-terminated by count. */
  int nkinks;
  double kinks[4];
  double dom_lo, dom_hi;  /* interesting domain for plots and samples */
  int nspecial;
  double special[8];      /* the activation's own thresholds */
  const char *target;     /* for approximations: the function approximated */
  const char *note;
  /* Row-wise activations (softmax): */
  act_row_formula *row_fwd;
  act_row_bwd_formula *row_bwd;
};

/* f(+-0) of a (zero_param) is a zero of free sign for parameters p */
static inline int act_zero_sign_free(const act_def *a, const double *p)
{
  return a->zero_param && signbit(p[a->zero_param - 1]);
}

extern const act_def act_defs[];
extern const unsigned act_def_count;
const act_def *act_find(const char *name);

/* ---- the reference ----------------------------------------------------- */

/* Flags of a reference result. */
enum {
  ACT_REF_EXACT = 1,     /* the exact value is representable: no rounding */
  ACT_REF_KINK = 2,      /* a derivative at a kink: a convention (PyTorch's) */
  ACT_REF_ZERO_FREE = 4, /* an exact zero whose sign is a convention */
};

typedef struct {
  double value;        /* correctly rounded, exactly representable as double */
  mpfr_t exact;        /* the exact value (midpoint of a tiny enclosure), 192+ bits */
  int flags;
  int prec;            /* working precision the Ziv loop ended at */
  int exact_bits;      /* in: narrow `exact` to this many bits, relative (0: to
                          2^-20 ulp of the format, enough for ULP errors) */
  int binade_open;     /* out: the enclosure still spanned a power of two at
                          512 bits (the exact value is within 2^-500 of it):
                          `exact` may be on the wrong side, its ULP twice off */
} act_ref;

void act_ref_init(act_ref *r);
void act_ref_clear(act_ref *r);

/* The correctly rounded value of f(x) (deriv = 0) or f'(x) (deriv = 1) in
 * format fmt with rounding rnd.  params may be NULL for the defaults; a
 * parameter is used exactly as given (pass the kernel's binary32 value).
 * dy != NULL asks for the backward product dy*f'(x) instead. */
void act_reference(const act_def *a, int deriv, double x, const double *params,
                   const double *dy, act_format fmt, act_round rnd, act_ref *out);

/* Row functions: out[i] for every element of the row. */
void act_reference_row(const act_def *a, int deriv, const double *x, const double *dy,
                       size_t n, act_format fmt, act_round rnd, act_ref *out);

/* Comparing a kernel's output with the reference. */
typedef enum {
  ACT_CMP_ULP = 0,     /* a number where a number is expected: see ulp */
  ACT_CMP_NAN,         /* NaN where a number is expected */
  ACT_CMP_NOT_NAN,     /* a number where NaN is expected */
  ACT_CMP_INF,         /* an infinity where a finite number is expected */
  ACT_CMP_FINITE,      /* a finite number where an infinity is expected (or overflow) */
  ACT_CMP_INF_SIGN,    /* the wrong infinity */
  ACT_CMP_ZERO_SIGN,   /* a zero of the wrong sign */
} act_cmp_kind;

const char *act_cmp_name(act_cmp_kind k);
act_cmp_kind act_compare(double y, const act_ref *ref, act_format f, double *ulp);

/* Initialise MPFR's exponent range; called by act_reference itself. */
void act_mpfr_setup(void);

#endif
