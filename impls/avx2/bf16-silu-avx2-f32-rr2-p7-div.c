/* bfloat16 silu and its derivative, binary32 inside: 8 inputs at a time
 * widened by a shift (exact), 8 results rounded to nearest even by integer
 * adds (f16-convert-avx2.h); f32-silu-avx2-rr2-p7-div and
 * f32-silu-bwd-avx2-rr2-p7-div compute in between, on blocks of 64. */
#include "f16-convert-avx2.h"

AVX2_16_KERNELS(bf16, bf16_silu_avx2_f32_rr2_p7_div, bf16_silu_bwd_avx2_f32_rr2_p7_div,
                f32_silu_avx2_rr2_p7_div, f32_silu_bwd_avx2_rr2_p7_div)
