/* binary16 gelu and its derivative, binary32 inside: each input widened
 * exactly (f16-convert.h), f32-gelu-scalar-erfc and f32-gelu-bwd-scalar-erfc
 * (libm float functions) run on the block, each result rounded once to
 * binary16, to nearest even. */
#include "f16-convert.h"

SCALAR16_KERNELS(f16, f16_gelu_scalar_f32_erfc, f16_gelu_bwd_scalar_f32_erfc,
                 f32_gelu_scalar_erfc, f32_gelu_bwd_scalar_erfc)
