/* gelu-tables.h: tables the AVX2 GELU kernels share with their scalar twins,
 * which build them once, at first use (pthread_once), and own their
 * description: impls/scalar/f32-gelu_tanh-scalar-f16-lut64k.c and
 * impls/scalar/f32-gelu-scalar-erf-lut513-p2.c. */
#ifndef ACT_GELU_TABLES_H
#define ACT_GELU_TABLES_H

#include <stdint.h>

/* 65,537 binary16 values of gelu_tanh(h), indexed by the bits of h; the last
 * entry is padding (the AVX2 kernel read entries in 32-bit gathers once) */
const uint16_t *act_gelu_tanh_f16_table(void);
/* 2 x 513 floats: erf(i/128) at [2i], 2/sqrt(pi) exp(-(i/128)^2) at [2i + 1] */
const float *act_gelu_erf_lut513(void);

#endif
