/* proto.h: the pipe protocol between a host process and the AArch64 NEON
 * runner (runner.c, started under qemu-aarch64 by remote.c).  Both ends are
 * LP64 little-endian, so the structs travel as they are.
 *
 * Host -> runner: np_req, then x (count floats, unless NULL), dy (when
 * NF_DY, unless it is x or NULL), y's current contents (unless y is x or dy,
 * or NULL); count = rows * cols.
 * Runner -> host: np_rep; for NP_OK then y (count floats), x if
 * changed & 1, dy if changed & 2, then nwrites np_write records (floats the
 * kernel changed outside its buffers, in the rest of the pages they lie in).
 * NP_FAULT is sent by the runner's signal handler, which then exits.
 * NP_EACH (elementwise shapes, no aliasing): rows separate calls with n = 1
 * in the same placement; x holds the rows inputs, dy too, y one float (its
 * contents before the first call); the reply's y holds the rows results,
 * then the x and dy (one float each) as the last call left them, then the
 * writes around the buffers (the last of each place).
 *
 * The runner places each buffer at the host pointer's address modulo
 * NP_PAGE (so alignment and page boundaries are the host's), in pages fenced
 * by PROT_NONE pages on both sides; the rest of those pages holds canaries. */
#ifndef ACT_NEON_PROTO_H
#define ACT_NEON_PROTO_H

#include <stdint.h>

#define NP_MAGIC 0x4e544341u /* "ACTN" */
#define NP_VERSION 2
#define NP_PAGE 4096
#define NP_NPARAM 3          /* ACT_MAX_PARAMS */
#define NP_MAXWRITES 64      /* out-of-buffer writes reported per call */

enum { NP_HELLO = 1, NP_CALL = 2, NP_EACH = 3 };
enum { NP_OK = 0, NP_UNKNOWN = 1, NP_FAULT = 2, NP_BAD = 3 };

/* np_req.flags */
enum {
  NF_DY = 1,        /* a backward shape: dy is an argument */
  NF_Y_IS_X = 2,    /* y == x (in place) */
  NF_Y_IS_DY = 4,   /* y == dy */
  NF_DY_IS_X = 8,   /* dy == x */
  NF_NULL_X = 16,   /* the pointer is NULL: passed as NULL */
  NF_NULL_DY = 32,
  NF_NULL_Y = 64,
  NF_NULL_P = 128,  /* params NULL */
};

/* FPCR fields forwarded (AArch64: RMode 00 nearest, 01 up, 10 down, 11 toward zero) */
#define NP_FPCR_RMODE_SHIFT 22
#define NP_FPCR_FZ (1u << 24)
/* FPSR cumulative exception bits */
#define NP_FPSR_IOC 1u
#define NP_FPSR_DZC 2u
#define NP_FPSR_OFC 4u
#define NP_FPSR_UFC 8u
#define NP_FPSR_IXC 16u

typedef struct {
  uint32_t magic, op, shape, flags;
  uint64_t rows, cols;      /* elementwise: rows = n, cols = 1 */
  uint32_t off[3];          /* x, dy, y: address mod NP_PAGE */
  uint32_t fpcr;            /* RMode and FZ to call the kernel under */
  float params[NP_NPARAM];
  char name[100];
} np_req;

typedef struct {
  uint32_t magic, status;
  uint32_t fpcr, fpsr;      /* after the call: RMode, FZ; cumulative flags raised */
  uint32_t changed;         /* bit 0: x, bit 1: dy were changed (sent after y) */
  uint32_t nwrites;         /* np_write records following */
  uint32_t nwrites_total;   /* all the floats changed outside the buffers */
  int32_t sig;              /* NP_FAULT: the signal */
  int32_t fslot;            /* buffer nearest the address: 0 x, 1 dy, 2 y; -1 none */
  int32_t fwrite;           /* 1 a write, 0 a read, -1 unknown */
  int64_t foff;             /* the address minus that buffer's first element, bytes */
  uint64_t faddr;           /* the runner's address (for reports) */
  uint32_t version, nkernels; /* NP_HELLO: protocol version, registered rows */
  uint64_t hash;            /* NP_HELLO: FNV-1a of the registered names, each ending in 0 */
  uint64_t index;           /* NP_FAULT in NP_EACH: the call that faulted */
} np_rep;

typedef struct {
  int32_t slot;             /* 0 x, 1 dy, 2 y */
  uint32_t bits;            /* the float written */
  int64_t index;            /* in floats from the buffer's first element */
} np_write;

_Static_assert(sizeof(np_req) == 160, "np_req layout");
_Static_assert(sizeof(np_rep) == 80, "np_rep layout");
_Static_assert(sizeof(np_write) == 16, "np_write layout");

static inline uint64_t np_fnv(uint64_t h, const char *s)
{
  do
    h = (h ^ (unsigned char)*s) * 0x100000001b3u;
  while (*s++);
  return h;
}
#define NP_FNV_INIT 0xcbf29ce484222325u

#endif
