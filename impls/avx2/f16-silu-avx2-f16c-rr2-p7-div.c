/* binary16 silu and its derivative, binary32 inside: F16C widens 8 inputs at
 * a time (exact) and rounds 8 results to nearest even (f16-convert-avx2.h);
 * f32-silu-avx2-rr2-p7-div and f32-silu-bwd-avx2-rr2-p7-div compute in
 * between, on blocks of 64. */
#include "f16-convert-avx2.h"

AVX2_16_KERNELS(f16, f16_silu_avx2_f16c_rr2_p7_div, f16_silu_bwd_avx2_f16c_rr2_p7_div,
                f32_silu_avx2_rr2_p7_div, f32_silu_bwd_avx2_rr2_p7_div)
