/* registry_fmt.h: one row per kernel of another format (binary64, binary16,
 * bfloat16), parallel to registry.h; rows live in impls/formats.def.
 * Shapes are those of impls/actcheck.h: act_f64_* over double, act_f16_*
 * over uint16_t bit patterns (binary16 and bfloat16 alike), with or without
 * the trailing params array (double for binary64, float for 16-bit). */
#ifndef ACT_KERNEL_REGISTRY_FMT_H
#define ACT_KERNEL_REGISTRY_FMT_H

#include "registry.h"

typedef enum { ACT_KFMT_F64, ACT_KFMT_F16, ACT_KFMT_BF16 } act_kfmt;

typedef struct {
  const char *name;    /* f16-sigmoid-avx2-f16c-rr2-p7-div: type, op, ISA, algorithm */
  act_kfmt fmt;
  const char *fn;      /* registry activation row: "sigmoid" */
  act_dir dir;
  act_isa isa;         /* AVX2 rows of binary16 also need F16C */
  int with_params;     /* takes the trailing params array */
  double max_ulp;      /* promised max ULP error in its format, measured */
  const char *profile; /* convention profile it claims: "pytorch" */
  unsigned flags;      /* ACT_K_* */
  void (*ptr)(void);   /* the kernel; cast through fmt, dir and with_params */
} act_kernel_fmt;

extern const act_kernel_fmt act_kernels_fmt[];
extern const unsigned act_kernel_fmt_count;

const act_kernel_fmt *act_kernel_fmt_find(const char *name);
/* "f64", "f16", "bf16": the names act_format_parse reads. */
const char *act_kfmt_name(act_kfmt f);
/* Nonzero when this machine can run the kernel (AVX2 + FMA, and F16C for
 * binary16 AVX2 kernels). */
int act_kernel_fmt_available(const act_kernel_fmt *k);

#endif
