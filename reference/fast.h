/* fast.h: the certified fast reference for binary32, round to nearest.
 *
 * f(x) (or f'(x)) is evaluated in double with a running error bound: every
 * libm call's documented error (glibc's measured maxima for x86_64, times a
 * safety factor) plus every rounding of the formula, propagated through the
 * formula's condition numbers.  The float rounding of the double result is
 * accepted only when the whole interval [v - e, v + e] rounds to the same
 * binary32 number (and the same sign of zero); otherwise the MPFR reference
 * (act_reference) decides.  Exactly representable and near-tie regions
 * (linear sides, saturation, underflow to +-0, gelu(x) -> x/2 on subnormal
 * inputs) have exact shortcuts so that the fallback stays rare. */
#ifndef ACT_FAST_H
#define ACT_FAST_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "act.h"

typedef struct {
  double value;   /* correctly rounded binary32 result (as a double), NaN, +-inf */
  double exact;   /* the exact value to >= 2^-40 relative (NaN or +-inf for specials) */
  int flags;      /* ACT_REF_* as in act.h */
  int fell_back;  /* 1 when MPFR decided */
  int side;       /* sign of (true exact value - exact) where `exact` is a float
                     standing for a value within 2^-43 of it (fast.c's near and
                     close answers), else 0: a kernel output a whole number of
                     ulps away is then on the right side of a histogram edge */
} act_fast_ref;

/* Correctly rounded binary32 f(x) or f'(x), round to nearest; params as
 * exact binary32 values (NULL: the row's defaults rounded to binary32).
 * Thread-safe. */
void act_fast_ref_f32(const act_def *a, int deriv, float x, const double *params,
                      act_fast_ref *out);

/* act_fast_ref_f32 for x[0..n), out[i] for x[i], bit for bit the same;
 * faster: the checks that hold for the whole block are made once and the
 * row's formula is inlined into the loop. */
void act_fast_ref_block_f32(const act_def *a, int deriv, const float *x, size_t n,
                            const double *params, act_fast_ref *out);

/* A run of inputs whose answers follow one rule (act_fast_ref_bits_f32). */
typedef enum {
  ACT_FAST_MIXED = 0, /* out[] holds each input's answer */
  ACT_FAST_CONST,     /* every input: `value`, `exact`, flags, no fallback */
  ACT_FAST_SCALED,    /* every input x: value = exact = `value` * x (value 1 or 1/2, exact) */
} act_fast_kind;
typedef struct {
  act_fast_kind kind;
  double value, exact; /* CONST: the answer; SCALED: the scale, twice */
  int flags, side;     /* as act_fast_ref's, the same for every input */
} act_fast_uniform;

/* act_fast_ref_f32 for the n consecutive bit patterns first, first + 1, ...
 * (n >= 1, no wrap past 0xffffffff).  Returns ACT_FAST_MIXED with out[i] the
 * answer for pattern first + i, or, when the whole run follows one rule that
 * its two ends prove (see fast.c, "tagged answers"), that rule in *un and
 * out[] untouched. */
int act_fast_ref_bits_f32(const act_def *a, int deriv, uint32_t first, size_t n,
                          const double *params, act_fast_ref *out, act_fast_uniform *un);

/* ULP error of y against exact (binary32), in double: same definition and
 * special-value rules as act_compare, for use in sweeps. */
act_cmp_kind act_fast_compare(float y, const act_fast_ref *r, double *ulp);
/* 1/ulp(t) for binary32, ulp(t) = 2^(max(e, -126) - 23) from t's binary64
 * exponent field (t a normal double: |t| < 2^-126 takes the floor); exact,
 * without branches. */
static inline double act_fast_inv_ulp(double t)
{
  uint64_t b;
  memcpy(&b, &t, 8);
  int64_t e = (int64_t)(b >> 52 & 0x7ff) - 1023;
  e = e < -126 ? -126 : e;
  uint64_t inv = (uint64_t)(1023 - (e - 23)) << 52; /* 2^-(e - 23) */
  double scale;
  memcpy(&scale, &inv, 8);
  return scale;
}
/* The same, for inlining into sweep loops. */
static inline act_cmp_kind act_fast_compare_inline(float y, const act_fast_ref *r, double *ulp)
{
  double v = r->value;
  *ulp = 0;
  if (isnan(v))
    return isnan(y) ? ACT_CMP_ULP : ACT_CMP_NOT_NAN;
  if (isnan(y))
    return ACT_CMP_NAN;
  if (isinf(v)) {
    if (!isinf(y))
      return ACT_CMP_FINITE;
    return !signbit(y) != !signbit(v) ? ACT_CMP_INF_SIGN : ACT_CMP_ULP; /* float, double: compare as 0/1 */
  }
  if (isinf(y))
    return ACT_CMP_INF;
  if (v == 0 && y == 0 && !signbit(v) != !signbit(y) && !(r->flags & ACT_REF_ZERO_FREE))
    return ACT_CMP_ZERO_SIGN;
  double t = r->exact;
  double u = fabs((double)y - t) * act_fast_inv_ulp(t);
  /* exact stands for a value a hair to one side: an error of exactly 2^j
   * ulps is a hair more when y is on the other side */
  if (r->side && u >= 1 && ((double)y > t ? r->side < 0 : r->side > 0)) {
    uint64_t w;
    memcpy(&w, &u, 8);
    if ((w & 0xfffffffffffffu) == 0) /* a power of two: a histogram edge */
      u = nextafter(u, INFINITY);
  }
  *ulp = u;
  return ACT_CMP_ULP;
}


/* Nonzero when row a, direction deriv has a fast path (else every input
 * goes to MPFR). */
int act_fast_has(const act_def *a, int deriv);

#endif
