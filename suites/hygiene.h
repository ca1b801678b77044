/* hygiene.h: the memory and ISA hygiene suite.
 *
 * On an elementwise binary32 kernel (n elements) or a row kernel (rows x
 * cols), each group of checks runs in its own child process (isolate.h), so a
 * crash or a hang is reported against the check that met it and the other
 * checks still run.  Expected values are the kernel's own: a result must be
 * bitwise the same whatever the length, position, alignment, aliasing or
 * floating-point environment (NaN compared as NaN); no MPFR is needed.
 * Each check adds one result in suite "hygiene" (a failure names the first
 * case: n, offsets, the input in %a, got and expected, and how many differ):
 *
 *   "lengths"        n = 0..64, 1000, 4099, 65537 (rows: cols 0..64 and large,
 *                    rows 0..3): every output written, the inputs and the
 *                    floats around each buffer untouched
 *   "tail"           y[i] for x at index i of arrays of every length equals
 *                    the n = 1 result (rows: each row equals the row alone)
 *   "unaligned"      x, dy, y at 0..7 floats past 64-byte alignment
 *   "in place (y == x)", backward: "in place (dx == x)", "in place (dx == dy)"
 *   "guard pages"    each buffer ends at a page boundary followed by a
 *                    PROT_NONE page, then starts right after one: a fault is
 *                    "overrun past n = 17: read x[17]" / "underrun ..."
 *   "canaries"       patterns before each buffer unchanged by the call
 *   "rounding modes" results unchanged under FE_TOWARDZERO, FE_UPWARD,
 *                    FE_DOWNWARD (INFO when the kernel declares it needs
 *                    round-to-nearest); the kernel must leave the mode as found
 *   "FTZ/DAZ"        (x86-64: MXCSR bits 15 and 6; a kernel in the AArch64
 *                    runner gets them as FPCR.FZ) normal inputs with normal
 *                    results unchanged; flushed subnormals are INFO (PASS when
 *                    the kernel declares it flushes); SKIP elsewhere
 *   "fp exceptions"  flags raised on ordinary inputs, one input at a time: INFO
 * A remote kernel (NEON under qemu-aarch64, impls/neon/remote.h) runs every
 * check for real on the AArch64 side: its buffers are fenced there at the
 * host's page offsets, the rounding mode and FTZ/DAZ reach it as FPCR RMode
 * and FZ (the details say so), and its n = 1 results come in one round trip.
 */
#ifndef ACT_HYGIENE_H
#define ACT_HYGIENE_H

#include "conformance.h"
#include "isolate.h"

/* What a kernel declares about itself. */
enum {
  ACT_HYG_NEEDS_RN = 1, /* needs round-to-nearest: mode dependence is INFO, not FAIL */
  ACT_HYG_FLUSHES = 2,  /* flushes subnormals itself: flushing under FTZ/DAZ is expected */
  ACT_HYG_QUICK = 4,    /* leave out the large lengths (1000, 4099, 65537) */
};

typedef struct {
  unsigned flags;  /* ACT_HYG_* */
  double timeout;  /* seconds per group of checks (each in a child); <= 0: 10 */
} act_hygiene_opts;

/* Run every hygiene check on kernel k with parameters p (NULL: the
 * activation's defaults); o may be NULL.  Kernels for an ISA this machine
 * lacks get SKIP lines. */
void act_suite_hygiene(const act_kernel *k, const float *p, const act_hygiene_opts *o,
                       act_results *rs);

#endif
