/* bfloat16 gelu_tanh and its derivative, binary32 inside: each input widened
 * exactly (f16-convert.h), f32-gelu_tanh-scalar-exp-div and
 * f32-gelu_tanh-bwd-scalar-exp-div (libm float functions) run on the block,
 * each result rounded once to bfloat16, to nearest even. */
#include "f16-convert.h"

SCALAR16_KERNELS(bf16, bf16_gelu_tanh_scalar_f32_exp_div, bf16_gelu_tanh_bwd_scalar_f32_exp_div,
                 f32_gelu_tanh_scalar_exp_div, f32_gelu_tanh_bwd_scalar_exp_div)
