/* libmvec.h: the glibc libmvec functions the fast reference uses (x86-64,
 * AVX2 variants: four binary64 lanes, name mangling of the x86-64 vector
 * ABI).  Declared here because <math.h> declares them only under
 * -ffast-math. */
#ifndef ACT_LIBMVEC_H
#define ACT_LIBMVEC_H
#if defined(__x86_64__)
#include <immintrin.h>

__m256d _ZGVdN4v_exp(__m256d);
__m256d _ZGVdN4v_expm1(__m256d);
__m256d _ZGVdN4v_log1p(__m256d);
__m256d _ZGVdN4v_erf(__m256d);
__m256d _ZGVdN4v_erfc(__m256d);
__m256d _ZGVdN4v_tanh(__m256d);

#endif
#endif
