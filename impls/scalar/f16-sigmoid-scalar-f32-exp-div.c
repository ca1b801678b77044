/* binary16 sigmoid and its derivative, binary32 inside: each input widened
 * exactly (f16-convert.h), f32-sigmoid-scalar-exp-div and
 * f32-sigmoid-bwd-scalar-exp-div (libm float functions) run on the block,
 * each result rounded once to binary16, to nearest even. */
#include "f16-convert.h"

SCALAR16_KERNELS(f16, f16_sigmoid_scalar_f32_exp_div, f16_sigmoid_bwd_scalar_f32_exp_div,
                 f32_sigmoid_scalar_exp_div, f32_sigmoid_bwd_scalar_exp_div)
