/* remote.h: NEON kernels called from a host that is not AArch64, through
 * the AArch64 runner (runner.c) under qemu-aarch64 (remote.c).
 *
 * The registry's NEON rows get a trampoline each on such hosts (kernels.c:
 * ACT_NEON_TRAMPOLINE), so every caller, through act_call_f32 or through the
 * row's pointer, runs the real kernel on the AArch64 side: each process
 * (the suites fork a child per check) starts its own runner on first use and
 * talks to it over a socket, one call at a time.  What the kernel does is
 * mirrored back: y, inputs it changed, floats it wrote around its buffers,
 * FPCR's rounding mode and FZ (from fegetround() and MXCSR FTZ/DAZ) and the
 * exception flags it raised.  A fault on the AArch64 side (the runner fences
 * every buffer with PROT_NONE pages at the host's own page offsets) is
 * replayed on the host at the same place in the host's buffer, so the
 * process dies of SIGSEGV at "read x[17]" as a native overrun would (when
 * that host page cannot be made to fault, by the same signal raised).
 *
 * Where things are: the runner is $ACTCHECK_NEON_RUNNER, else
 * $ACTCHECK_BUILD/neon/act-neon-runner, else the build folder remote.o was
 * compiled for, else neon/act-neon-runner beside or above the executable;
 * qemu is $ACTCHECK_QEMU, else qemu-aarch64 or qemu-aarch64-static on PATH
 * (an empty ACTCHECK_NEON_RUNNER or ACTCHECK_QEMU disables remote NEON).  On
 * AArch64 the runner runs directly. */
#ifndef ACT_NEON_REMOTE_H
#define ACT_NEON_REMOTE_H

#include "registry.h"

/* 1 when the runner was found, started and answered with the same NEON rows
 * as this build (cached per process).  Otherwise 0, and act_neon_remote_why()
 * says why (also printed once on stderr). */
int act_neon_remote_available(void);
const char *act_neon_remote_why(void);

/* Call the runner's kernel `name` (a registered NEON row or a deliberately
 * broken one of impls/neon/broken.def) of that shape; elementwise: rows = n,
 * cols = 1.  Dies (SIGABRT, with a line on stderr) if the runner cannot be
 * used; see above for faults. */
void act_neon_remote_call(const char *name, act_shape shape, size_t rows, size_t cols,
                          const float *x, const float *dy, float *y, const float *params);

/* count separate calls with n = 1 (an elementwise kernel), in one round
 * trip: call j gets x = xs[j] (and dy = dys[j]) in buffers placed as at[0]
 * (x), at[1] (dy, backward kernels), at[2] (y), three separate host buffers
 * of one float each, as each of the count calls would use them (their page
 * offsets are mirrored; a fault in call j is replayed there, after
 * hook(j, ctx)), and ys[j] gets its y.  Afterwards at[] hold what the last
 * call left in them.  The same as count calls of act_neon_remote_call on
 * at[] (the suites use it for a kernel's n = 1 results). */
void act_neon_remote_each(const char *name, act_shape shape, size_t count, float *const at[3],
                          const float *xs, const float *dys, float *ys, const float *params,
                          void (*hook)(size_t j, void *ctx), void *ctx);

/* Defines static void sym##_remote(...) of that shape, calling `name`. */
#define ACT_NEON_TRAMPOLINE(shape, sym, name) ACT_NEON_TRAMPOLINE_##shape(sym, name)
#define ACT_NEON_TRAMPOLINE_f32_fwd_p(sym, name)                                            \
  static void sym##_remote(size_t n, const float *x, float *y, const float *p)             \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_fwd_p, n, 1, x, NULL, y, p);                  \
  }
#define ACT_NEON_TRAMPOLINE_f32_bwd_p(sym, name)                                            \
  static void sym##_remote(size_t n, const float *x, const float *dy, float *dx,           \
                           const float *p)                                                 \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_bwd_p, n, 1, x, dy, dx, p);                   \
  }
#define ACT_NEON_TRAMPOLINE_f32_fwd(sym, name)                                              \
  static void sym##_remote(size_t n, const float *x, float *y)                             \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_fwd, n, 1, x, NULL, y, NULL);                 \
  }
#define ACT_NEON_TRAMPOLINE_f32_bwd(sym, name)                                              \
  static void sym##_remote(size_t n, const float *x, const float *dy, float *dx)           \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_bwd, n, 1, x, dy, dx, NULL);                  \
  }
#define ACT_NEON_TRAMPOLINE_f32_row_fwd(sym, name)                                          \
  static void sym##_remote(size_t rows, size_t cols, const float *x, float *y)             \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_row_fwd, rows, cols, x, NULL, y, NULL);       \
  }
#define ACT_NEON_TRAMPOLINE_f32_row_bwd(sym, name)                                          \
  static void sym##_remote(size_t rows, size_t cols, const float *x, const float *dy,      \
                           float *dx)                                                      \
  {                                                                                        \
    act_neon_remote_call(name, ACT_SHAPE_f32_row_bwd, rows, cols, x, dy, dx, NULL);        \
  }

#endif
