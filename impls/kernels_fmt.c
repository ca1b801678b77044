/* kernels_fmt.c: the table of binary64, binary16 and bfloat16 kernels,
 * expanded from formats.def. */
#include <string.h>

#include "registry_fmt.h"

#define NEEDS_RN ACT_K_NEEDS_RN
#define FLUSHES ACT_K_FLUSHES

/* the kernel's type from its format, direction and params column */
#define T_f64 f64
#define T_f16 f16
#define T_bf16 f16 /* same bit-pattern shapes */
#define D_FWD fwd
#define D_BWD bwd
#define P_P _p
#define P_NOP
#define DECL_(t, d, p, sym) act_##t##_##d##p sym;
#define DECL(t, d, p, sym) DECL_(t, d, p, sym)

#define FKERNEL(name, fmt, fn, dir, isa, params, ulp, prof, flags, sym) \
  DECL(T_##fmt, D_##dir, P_##params, sym)
#include "formats.def"
#undef FKERNEL

#define K_f64 ACT_KFMT_F64
#define K_f16 ACT_KFMT_F16
#define K_bf16 ACT_KFMT_BF16
#define W_P 1
#define W_NOP 0

const act_kernel_fmt act_kernels_fmt[] = {
#define FKERNEL(name, fmt, fn, dir, isa, params, ulp, prof, flags, sym)                  \
  {name, K_##fmt, fn, ACT_##dir, ACT_ISA_##isa, W_##params, ulp, prof, flags,              \
   (void (*)(void))sym},
#include "formats.def"
#undef FKERNEL
};
const unsigned act_kernel_fmt_count = sizeof act_kernels_fmt / sizeof act_kernels_fmt[0];

const act_kernel_fmt *act_kernel_fmt_find(const char *name)
{
  for (unsigned i = 0; i < act_kernel_fmt_count; i++)
    if (strcmp(act_kernels_fmt[i].name, name) == 0)
      return &act_kernels_fmt[i];
  return NULL;
}

const char *act_kfmt_name(act_kfmt f)
{
  static const char *const names[] = {"f64", "f16", "bf16"};
  return names[f];
}

int act_kernel_fmt_available(const act_kernel_fmt *k)
{
  if (!act_isa_available(k->isa))
    return 0;
#if defined(__x86_64__) || defined(__i386__)
  if (k->isa == ACT_ISA_AVX2 && k->fmt == ACT_KFMT_F16)
    return __builtin_cpu_supports("f16c");
#endif
  return 1;
}
