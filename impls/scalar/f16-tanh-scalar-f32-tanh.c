/* binary16 tanh and its derivative, binary32 inside: each input widened
 * exactly (f16-convert.h), f32-tanh-scalar-tanh and f32-tanh-bwd-scalar-cosh
 * (libm float functions) run on the block, each result rounded once to
 * binary16, to nearest even. */
#include "f16-convert.h"

SCALAR16_KERNELS(f16, f16_tanh_scalar_f32_tanh, f16_tanh_bwd_scalar_f32_cosh,
                 f32_tanh_scalar_tanh, f32_tanh_bwd_scalar_cosh)
