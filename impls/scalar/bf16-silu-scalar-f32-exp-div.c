/* bfloat16 silu and its derivative, binary32 inside: each input widened
 * exactly (f16-convert.h), f32-silu-scalar-exp-div and
 * f32-silu-bwd-scalar-exp-div (libm float functions) run on the block, each
 * result rounded once to bfloat16, to nearest even. */
#include "f16-convert.h"

SCALAR16_KERNELS(bf16, bf16_silu_scalar_f32_exp_div, bf16_silu_bwd_scalar_f32_exp_div,
                 f32_silu_scalar_exp_div, f32_silu_bwd_scalar_exp_div)
