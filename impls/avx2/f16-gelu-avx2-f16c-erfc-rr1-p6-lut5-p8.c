/* binary16 gelu and its derivative, binary32 inside: F16C widens 8 inputs at
 * a time (exact) and rounds 8 results to nearest even (f16-convert-avx2.h);
 * f32-gelu-avx2-erfc-rr1-p6-lut5-p8 and
 * f32-gelu-bwd-avx2-erfc-rr1-p6-lut5-p8 compute in between, on blocks of 64. */
#include "f16-convert-avx2.h"

AVX2_16_KERNELS(f16, f16_gelu_avx2_f16c_erfc_rr1_p6_lut5_p8, f16_gelu_bwd_avx2_f16c_erfc_rr1_p6_lut5_p8,
                f32_gelu_avx2_erfc_rr1_p6_lut5_p8, f32_gelu_bwd_avx2_erfc_rr1_p6_lut5_p8)
