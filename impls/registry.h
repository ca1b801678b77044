/* registry.h: one row per kernel, read by the suites, the command line,
 * the benchmarks and the reports.  Rows live in impls/kernels.def. */
#ifndef ACT_KERNEL_REGISTRY_H
#define ACT_KERNEL_REGISTRY_H

#include "actcheck.h"

typedef enum { ACT_FWD = 0, ACT_BWD = 1 } act_dir;

typedef enum {
  ACT_ISA_SCALAR,
  ACT_ISA_AVX2,   /* x86-64 AVX2 + FMA */
  ACT_ISA_AVX512, /* x86-64 AVX-512F */
  ACT_ISA_NEON,   /* AArch64 Advanced SIMD */
} act_isa;

/* Kernel shapes (see actcheck.h).  Registered elementwise kernels always take
 * the trailing params array (it may be ignored). */
typedef enum {
  ACT_SHAPE_f32_fwd_p,   /* act_f32_fwd_p */
  ACT_SHAPE_f32_bwd_p,   /* act_f32_bwd_p */
  ACT_SHAPE_f32_row_fwd, /* act_f32_row_fwd */
  ACT_SHAPE_f32_row_bwd, /* act_f32_row_bwd */
  ACT_SHAPE_f32_fwd,     /* act_f32_fwd: loaded kernels without params */
  ACT_SHAPE_f32_bwd,     /* act_f32_bwd */
} act_shape;

/* What a kernel declares about itself (same values as hygiene.h's ACT_HYG_*). */
enum {
  ACT_K_NEEDS_RN = 1, /* results meant for round-to-nearest only */
  ACT_K_FLUSHES = 2,  /* flushes subnormals itself */
  ACT_K_PEER = 8,     /* (not a hygiene flag: hygiene.h uses 1, 2, 4) an adapter to another library (impls/peers/): its
                         accuracy is measured and its promise is that
                         measurement; its conventions are reported as facts */
};

typedef struct {
  const char *name;    /* f32-gelu-scalar-erfc: type, op, ISA, algorithm */
  const char *fn;      /* registry activation row: "gelu" */
  act_dir dir;
  act_isa isa;
  act_shape shape;
  double max_ulp;      /* promised max ULP error, measured (0.5 = correctly rounded) */
  const char *profile; /* convention profile it claims: "pytorch" */
  unsigned flags;      /* ACT_K_* */
  void (*ptr)(void);   /* the kernel; cast through act_shape */
} act_kernel;

extern const act_kernel act_kernels[];
extern const unsigned act_kernel_count;

const act_kernel *act_kernel_find(const char *name);

/* Call an elementwise binary32 kernel whatever its shape: forward kernels
 * ignore dy; kernels without params ignore params. */
void act_call_f32(const act_kernel *k, size_t n, const float *x, const float *dy, float *y,
                  const float *params);
/* Call a row kernel (dy ignored by forward kernels). */
void act_call_row_f32(const act_kernel *k, size_t rows, size_t cols, const float *x,
                      const float *dy, float *y);
int act_kernel_is_row(const act_kernel *k);
/* Nonzero when k runs in another process (NEON kernels on a host that is not
 * AArch64: under qemu-aarch64, see impls/neon/remote.h).  Its results and
 * memory behaviour are the kernel's own; its speed is not. */
int act_kernel_remote(const act_kernel *k);
const char *act_isa_name(act_isa isa);
/* Nonzero when this machine can run kernels of that ISA. */
int act_isa_available(act_isa isa);

#endif
