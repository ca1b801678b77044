/* profiles.h: framework conventions as tables.
 *
 * Where mathematics leaves a choice (a derivative at a kink, NaN through a
 * backward pass, the sign of a zero, a parameter's default) users follow a
 * framework.  One row per case and profile, each citing its source (numbers
 * refer to suites/profiles-research.md).  Where a framework deviates from
 * mathematics at a limit (PyTorch's gelu(-inf) = NaN), the row records the
 * deviation as tolerated: the special-values suite accepts it under that
 * profile and the report says so. */
#ifndef ACT_PROFILES_H
#define ACT_PROFILES_H

#include "act.h"

typedef enum { PROF_PYTORCH, PROF_TENSORFLOW, PROF_JAX, PROF_ONNX, PROF_COUNT } act_profile;

extern const char *const act_profile_names[PROF_COUNT];
int act_profile_parse(const char *s, act_profile *p); /* 0 on success */

/* What the kernel must return (backward kernels: with dy = 1). */
typedef enum {
  CONV_LEFT,      /* the left branch's limit: f'(x-), from MPFR */
  CONV_RIGHT,     /* the right branch's limit: f'(x+), from MPFR */
  CONV_SUM,       /* f'(x-) + f'(x+) (TensorFlow's max/min tie gradients) */
  CONV_VALUE,     /* an exact value, `value` (NaN: a NaN; 0 with `sign`) */
  CONV_PARAM,     /* the activation's parameter number `value` (leaky_relu's alpha) */
  CONV_X_PARAM,   /* x times parameter number `value`, IEEE (leaky_relu(-0) = alpha (-0)
                     where the branch is x > 0 ? x : alpha x: +0 for alpha < 0) */
  CONV_REFERENCE, /* whatever the correctly rounded reference gives */
} act_conv_rule;

typedef struct {
  const char *fn;
  int deriv;
  double x;
  act_profile profile;
  act_conv_rule rule;
  double value;
  int sign;           /* for a zero result: 1 the sign is part of the convention */
  int tolerated;      /* a deviation from mathematics the profile accepts */
  int nan_ok;         /* a NaN is accepted too (the framework's scalar and
                         vector paths disagree, or NaN in gives NaN out) */
  const char *what;   /* the case, for reports */
  const char *source; /* where the row comes from */
  int x_param;        /* 1-based: x is that parameter (hardtanh's min_val, max_val; x holds
                         its default), 0: x itself */
} act_convention;

extern const act_convention act_conventions[];
extern const unsigned act_convention_count;

/* Default parameters of an activation under a profile (NULL if the profile
 * has no such activation); fills p[0..nparams). */
int act_profile_params(act_profile prof, const act_def *a, double *p);

/* Expected binary32 result of convention row c under params p (dy = 1).
 * (a NaN is also accepted when c->nan_ok). */
double act_convention_expect(const act_convention *c, const double *p);
/* The row's input for parameters p (x, or the parameter it names) */
double act_convention_x(const act_convention *c, const double *p);

/* A kernel's output y matches row c (bitwise for the sign of zero when the
 * row says so, any NaN for NaN). */
int act_convention_match(const act_convention *c, const double *p, double y);

#endif
