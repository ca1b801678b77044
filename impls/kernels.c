/* kernels.c: the kernel table, expanded from kernels.def. */
#include <math.h>
#include <string.h>

#include "registry.h"
#include "neon/remote.h"

#define NEEDS_RN ACT_K_NEEDS_RN
#define FLUSHES ACT_K_FLUSHES
#define PEER ACT_K_PEER

/* A row's symbol is declared (KDECL_isa) and taken (KPTR_isa) by its ISA:
 * NEON rows on a host that is not AArch64 get a trampoline to the AArch64
 * runner instead (neon/remote.h), so the x86 build links and still runs
 * them, under qemu-aarch64. */
#define KDECL(shape, sym, name) act_##shape sym;
#define KDECL_SCALAR KDECL
#define KDECL_AVX2 KDECL
#define KDECL_AVX512 KDECL
#define KPTR(sym) sym
#define KPTR_SCALAR KPTR
#define KPTR_AVX2 KPTR
#define KPTR_AVX512 KPTR
#if defined(__aarch64__)
#define KDECL_NEON KDECL
#define KPTR_NEON KPTR
#else
#define KDECL_NEON ACT_NEON_TRAMPOLINE
#define KPTR_NEON(sym) sym##_remote
#endif

#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) KDECL_##isa(shape, sym, name)
#include "kernels.def"
#undef KERNEL

const act_kernel act_kernels[] = {
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym)                              \
  {name, fn, ACT_##dir, ACT_ISA_##isa, ACT_SHAPE_##shape, ulp, prof, flags,                  \
   (void (*)(void))KPTR_##isa(sym)},
#include "kernels.def"
#undef KERNEL
};
const unsigned act_kernel_count = sizeof act_kernels / sizeof act_kernels[0];

const act_kernel *act_kernel_find(const char *name)
{
  for (unsigned i = 0; i < act_kernel_count; i++)
    if (strcmp(act_kernels[i].name, name) == 0)
      return &act_kernels[i];
  return NULL;
}

const char *act_isa_name(act_isa isa)
{
  static const char *const names[] = {"scalar", "avx2", "avx512", "neon"};
  return names[isa];
}

int act_isa_available(act_isa isa)
{
  switch (isa) {
  case ACT_ISA_SCALAR:
    return 1;
#if defined(__x86_64__) || defined(__i386__)
  case ACT_ISA_AVX2:
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  case ACT_ISA_AVX512:
    return __builtin_cpu_supports("avx512f");
#endif
  case ACT_ISA_NEON:
#if defined(__aarch64__)
    return 1;
#else
    return act_neon_remote_available(); /* the runner under qemu-aarch64 */
#endif
  default:
    return 0;
  }
}

void act_call_f32(const act_kernel *k, size_t n, const float *x, const float *dy, float *y,
                  const float *params)
{
  switch (k->shape) {
  case ACT_SHAPE_f32_fwd_p: ((act_f32_fwd_p *)k->ptr)(n, x, y, params); break;
  case ACT_SHAPE_f32_bwd_p: ((act_f32_bwd_p *)k->ptr)(n, x, dy, y, params); break;
  case ACT_SHAPE_f32_fwd: ((act_f32_fwd *)k->ptr)(n, x, y); break;
  case ACT_SHAPE_f32_bwd: ((act_f32_bwd *)k->ptr)(n, x, dy, y); break;
  default: break;
  }
}

void act_call_row_f32(const act_kernel *k, size_t rows, size_t cols, const float *x,
                      const float *dy, float *y)
{
  if (k->shape == ACT_SHAPE_f32_row_fwd)
    ((act_f32_row_fwd *)k->ptr)(rows, cols, x, y);
  else if (k->shape == ACT_SHAPE_f32_row_bwd)
    ((act_f32_row_bwd *)k->ptr)(rows, cols, x, dy, y);
}

int act_kernel_remote(const act_kernel *k)
{
#if defined(__aarch64__)
  (void)k;
  return 0;
#else
  return k->isa == ACT_ISA_NEON;
#endif
}

int act_kernel_is_row(const act_kernel *k)
{
  return k->shape == ACT_SHAPE_f32_row_fwd || k->shape == ACT_SHAPE_f32_row_bwd;
}
