/* formats.h: checking kernels of binary64, binary16 and bfloat16 (ABI in
 * impls/actcheck.h): accuracy and special values against the MPFR reference
 * in that format, over all 65,536 inputs of a 16-bit format and over every
 * binade's edges, random significands, specials and the interesting domain
 * for binary64; conventions under a profile with the results rounded to the
 * format.  Memory hygiene and properties are binary32 suites. */
#ifndef ACT_FORMATS_H
#define ACT_FORMATS_H

#include "conformance.h"
#include "registry_fmt.h"

typedef struct {
  void (*ptr)(void);   /* the kernel (dlsym) */
  const act_def *a;
  int deriv;           /* backward kernel, called with dy = 1 */
  int with_params;     /* takes the trailing params array */
  act_format fmt;      /* FMT_F64, FMT_F16 or FMT_BF16 */
} act_fmt_kernel;

/* Run the kernel on n inputs (exact doubles in the format), outputs as doubles. */
void act_fmt_call(const act_fmt_kernel *k, const double *x, double *y, size_t n,
                  const double *p);
void act_suite_format_accuracy(const act_fmt_kernel *k, const double *p, double max_ulp,
                               act_results *rs, act_stats *st);
/* A registered kernel (impls/formats.def) as the suites take it; nonzero
 * when its activation is unknown. */
int act_fmt_kernel_of_row(const act_kernel_fmt *r, act_fmt_kernel *k);
/* The parameters a kernel of k's format is given under profile prof: the
 * profile's defaults (binary32 values), as doubles. */
void act_fmt_params(const act_fmt_kernel *k, act_profile prof, double *p);
/* The inputs the accuracy suite measures k on: all 65,536 patterns of a
 * 16-bit format, or the binary64 sample.  Returns the count (malloc'd *x). */
size_t act_fmt_inputs(const act_fmt_kernel *k, double **x);
/* Accuracy of k on x[0..n) against the reference in its format; of nk
 * kernels of the same function, direction and format at once (one
 * reference per input), into s[0..nk). */
void act_fmt_measure(const act_fmt_kernel *k, const double *x, size_t n, const double *p,
                     act_stats *s);
void act_fmt_measure_many(const act_fmt_kernel *const *ks, size_t nk, const double *x,
                          size_t n, const double *p, act_stats *s);
/* The accuracy and specials results of stats s against the promise. */
void act_fmt_accuracy_results(const act_fmt_kernel *k, const act_stats *s, double max_ulp,
                              act_results *rs);
void act_suite_format_conventions(const act_fmt_kernel *k, act_profile prof, const double *p,
                                  act_results *rs);
/* Which profiles k satisfies (bit i: profile i), each with its own parameter
 * defaults; *applicable gets the profiles with rows for it. */
unsigned act_fmt_profiles_satisfied(const act_fmt_kernel *k, unsigned *applicable);

#endif
