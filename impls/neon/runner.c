/* runner.c: the AArch64 side of remote NEON calls (proto.h).  A
 * freestanding static program (no libc: raw system calls), so it needs no
 * AArch64 C library and proves the kernels call no libm.  remote.c starts it
 * under qemu-aarch64 (or directly on AArch64) with a socket on fds 0 and 1.
 *
 * Per call: each buffer is placed at the host's address modulo the page, in
 * pages fenced by PROT_NONE pages on both sides, the rest of those pages
 * filled with canaries; in place calls share one buffer; FPCR's rounding
 * mode and FZ are set as the host asked and FPSR's flags cleared.  After
 * the call, y goes back, with the inputs when they changed, the canaries
 * that changed, and FPCR and FPSR.  A fault (an overrun into a guard page,
 * an illegal instruction) is reported by the signal handler, naming the
 * buffer and the byte offset and whether it was a read or a write, and the
 * runner exits. */
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "registry.h"
#include "proto.h"

/* ---- the kernels: the registered rows, then the deliberately broken ones --- */

#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) act_##shape sym;
#include "neon.def"
#include "broken.def"
#undef KERNEL

typedef struct {
  const char *name;
  act_shape shape;
  void (*ptr)(void);
} rkernel;

static const rkernel table[] = {
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) \
  {name, ACT_SHAPE_##shape, (void (*)(void))sym},
#include "neon.def"
#undef KERNEL
};
static const rkernel broken[] = {
#define KERNEL(name, fn, dir, isa, shape, ulp, prof, flags, sym) \
  {name, ACT_SHAPE_##shape, (void (*)(void))sym},
#include "broken.def"
#undef KERNEL
};
#define NTABLE (sizeof table / sizeof table[0])
#define NBROKEN (sizeof broken / sizeof broken[0])

/* ---- system calls ------------------------------------------------------------ */

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
  register long x8 __asm__("x8") = nr;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc 0"
                   : "+r"(x0)
                   : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                   : "memory");
  return x0;
}
#define SYS_read 63
#define SYS_write 64
#define SYS_writev 66
#define SYS_exit_group 94
#define SYS_sigaltstack 132
#define SYS_rt_sigaction 134
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_mprotect 226

#define PROT_NONE 0
#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22

__attribute__((noreturn)) static void die(int code)
{
  for (;;)
    sys6(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

static void *map(size_t bytes)
{
  long p = sys6(SYS_mmap, 0, (long)bytes, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
  if (p < 0 && p > -4096)
    die(120);
  return (void *)p;
}

static void unmap(void *p, size_t bytes) { sys6(SYS_munmap, (long)p, (long)bytes, 0, 0, 0, 0); }

void *memcpy(void *d, const void *s, size_t n);

/* Input is read in large pieces (a request and its data usually come in
 * one), then copied out. */
static char rbuf[1 << 16];
static size_t rpos, rlen;

/* 1 on success, 0 at end of input; dies on errors */
static int read_full(void *buf, size_t len)
{
  char *p = buf;
  size_t want = len;
  while (len) {
    if (rpos < rlen) {
      size_t k = rlen - rpos < len ? rlen - rpos : len;
      memcpy(p, rbuf + rpos, k);
      rpos += k, p += k, len -= k;
      continue;
    }
    long r = len >= sizeof rbuf ? sys6(SYS_read, 0, (long)p, (long)len, 0, 0, 0)
                                : sys6(SYS_read, 0, (long)rbuf, sizeof rbuf, 0, 0, 0);
    if (r == -4) /* EINTR */
      continue;
    if (r == 0 && len == want)
      return 0;
    if (r <= 0)
      die(121);
    if (len >= sizeof rbuf)
      p += r, len -= (size_t)r;
    else
      rpos = 0, rlen = (size_t)r;
  }
  return 1;
}

static void write_full(const void *buf, size_t len)
{
  const char *p = buf;
  while (len) {
    long r = sys6(SYS_write, 1, (long)p, (long)len, 0, 0, 0);
    if (r == -4)
      continue;
    if (r <= 0)
      die(122);
    p += r, len -= (size_t)r;
  }
}

struct iovec_ {
  const void *base;
  size_t len;
};

/* iov[0..n) in as few writes as the socket takes */
static void writev_full(struct iovec_ *iov, int n)
{
  while (n > 0) {
    long r = sys6(SYS_writev, 1, (long)iov, n, 0, 0, 0);
    if (r == -4)
      continue;
    if (r <= 0)
      die(122);
    while (n > 0 && (size_t)r >= iov->len)
      r -= (long)iov->len, iov++, n--;
    if (n > 0) {
      iov->base = (const char *)iov->base + r;
      iov->len -= (size_t)r;
    }
  }
}

/* GCC may call these for struct copies even when freestanding. */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memcpy(void *d, const void *s, size_t n)
{
  char *a = d;
  const char *b = s;
  while (n--)
    *a++ = *b++;
  return d;
}
void *memmove(void *d, const void *s, size_t n)
{
  char *a = d;
  const char *b = s;
  if (a < b)
    while (n--)
      *a++ = *b++;
  else
    while (n--)
      a[n] = b[n];
  return d;
}
void *memset(void *d, int c, size_t n)
{
  char *a = d;
  while (n--)
    *a++ = (char)c;
  return d;
}

static int streq(const char *a, const char *b)
{
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* ---- FPCR and FPSR ------------------------------------------------------------- */

static inline uint64_t get_fpcr(void)
{
  uint64_t v;
  __asm__ volatile("mrs %0, fpcr" : "=r"(v));
  return v;
}
static inline void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static inline uint64_t get_fpsr(void)
{
  uint64_t v;
  __asm__ volatile("mrs %0, fpsr" : "=r"(v));
  return v;
}
static inline void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }

/* ---- fenced windows --------------------------------------------------------------- */

static const uint32_t canary[3] = {0x7fa5a5a5u, 0x7fa6a6a6u, 0x7fb7b7b7u};

typedef struct {
  char *map;     /* [PROT_NONE page][pages][PROT_NONE page] */
  size_t pages;
  uint32_t *buf; /* the buffer, at the host's page offset */
  size_t n;
} window;

static window win[3];

/* Between calls every float of a window but its last buffer is a canary
 * (scan() puts back the ones a kernel changed), so placing a buffer only
 * refills where the last one was. */
static uint32_t *win_place(window *w, uint32_t off, size_t n, uint32_t c)
{
  size_t pages = (off + 4 * n + NP_PAGE - 1) / NP_PAGE;
  if (!pages)
    pages = 1;
  if (w->pages != pages) {
    if (w->map)
      unmap(w->map, (w->pages + 2) * NP_PAGE);
    w->map = map((pages + 2) * NP_PAGE);
    sys6(SYS_mprotect, (long)w->map, NP_PAGE, PROT_NONE, 0, 0, 0);
    sys6(SYS_mprotect, (long)(w->map + (pages + 1) * NP_PAGE), NP_PAGE, PROT_NONE, 0, 0, 0);
    w->pages = pages;
    w->buf = (uint32_t *)(w->map + NP_PAGE);
    w->n = pages * (NP_PAGE / 4);
  }
  for (size_t i = 0; i < w->n; i++)
    w->buf[i] = c;
  w->buf = (uint32_t *)(w->map + NP_PAGE + off);
  w->n = n;
  return w->buf;
}

/* staging copies of the inputs, to see whether the kernel changed them */
static uint32_t *stage[2];
static size_t stage_cap[2];

static uint32_t *stage_get(int i, size_t n)
{
  if (n > stage_cap[i]) {
    if (stage[i])
      unmap(stage[i], stage_cap[i] * 4);
    stage_cap[i] = (n + 4095) & ~(size_t)4095;
    stage[i] = map(stage_cap[i] * 4);
  }
  return stage[i];
}

/* ---- faults ---------------------------------------------------------------------- */

/* The call in progress, for the handler: which window each slot uses. */
static volatile int cur_active;
static window *cur_slot[3];
static volatile uint64_t cur_index; /* NP_EACH: the call in progress */

struct ksigaction {
  void (*handler)(int, void *, void *);
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
};
#define SA_SIGINFO 4ul
#define SA_ONSTACK 0x08000000ul

/* ucontext (arm64): the sigcontext starts at byte 176: fault_address,
 * x0..x30, sp, pc, pstate, then records (magic, size) in __reserved. */
#define UC_PC 440
#define UC_RESERVED 464
#define ESR_MAGIC 0x45535201u

static int fault_is_write(const unsigned char *uc)
{
  /* ESR record: a data abort's WnR bit */
  const unsigned char *r = uc + UC_RESERVED, *end = r + 4096;
  while (r + 8 <= end) {
    uint32_t magic = *(const uint32_t *)r, size = *(const uint32_t *)(r + 4);
    if (!magic || size < 8)
      break;
    if (magic == ESR_MAGIC) {
      uint64_t esr = *(const uint64_t *)(r + 8);
      if ((esr >> 26) == 0x24 || (esr >> 26) == 0x25)
        return (esr >> 6) & 1;
      break;
    }
    r += size;
  }
  /* else the instruction: loads and stores have bit 27 set and bit 25
   * clear, and their L bit (22) is 1 for loads */
  uint32_t insn = **(const uint32_t *const *)(uc + UC_PC);
  if ((insn & 0x0a000000u) == 0x08000000u)
    return !((insn >> 22) & 1);
  return -1;
}

static void on_fault(int sig, void *si, void *uc)
{
  np_rep r;
  memset(&r, 0, sizeof r);
  r.magic = NP_MAGIC, r.status = NP_FAULT, r.sig = sig, r.fslot = -1, r.fwrite = -1;
  r.index = cur_index;
  if (sig == 11 || sig == 7) { /* SIGSEGV, SIGBUS: si_addr at byte 16 */
    uintptr_t a = *(const uintptr_t *)((const char *)si + 16);
    r.faddr = a;
    r.fwrite = fault_is_write(uc);
    uint64_t best = (uint64_t)1 << 62;
    for (int s = 0; cur_active && s < 3; s++) {
      window *w = cur_slot[s];
      if (!w)
        continue;
      uintptr_t lo = (uintptr_t)w->map, hi = lo + (w->pages + 2) * NP_PAGE;
      if (a < lo || a >= hi)
        continue;
      uintptr_t b0 = (uintptr_t)w->buf, b1 = b0 + 4 * w->n;
      uint64_t d = a < b0 ? b0 - a : a >= b1 ? a - b1 : 0;
      if (d < best)
        best = d, r.fslot = s, r.foff = (int64_t)(a - b0);
    }
  }
  write_full(&r, sizeof r);
  die(128 + sig);
}

static void install_handlers(void)
{
  static char altstack[1 << 16] __attribute__((aligned(16)));
  struct {
    void *sp;
    int flags;
    size_t size;
  } ss = {altstack, 0, sizeof altstack};
  sys6(SYS_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
  struct ksigaction sa = {on_fault, SA_SIGINFO | SA_ONSTACK, 0, 0};
  static const int sigs[] = {4 /* SIGILL */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    sys6(SYS_rt_sigaction, sigs[i], (long)&sa, 0, 8, 0, 0);
}

/* ---- calls ----------------------------------------------------------------------- */

static const rkernel *lookup(const char *name)
{
  for (size_t i = 0; i < NTABLE; i++)
    if (streq(table[i].name, name))
      return &table[i];
  for (size_t i = 0; i < NBROKEN; i++)
    if (streq(broken[i].name, name))
      return &broken[i];
  return NULL;
}

static void reply_status(uint32_t st)
{
  np_rep r;
  memset(&r, 0, sizeof r);
  r.magic = NP_MAGIC, r.status = st;
  write_full(&r, sizeof r);
}

static void hello(void)
{
  np_rep r;
  memset(&r, 0, sizeof r);
  r.magic = NP_MAGIC, r.status = NP_OK, r.version = NP_VERSION, r.nkernels = NTABLE;
  r.hash = NP_FNV_INIT;
  for (size_t i = 0; i < NTABLE; i++)
    r.hash = np_fnv(r.hash, table[i].name);
  write_full(&r, sizeof r);
}

static np_write writes[NP_MAXWRITES];

/* 1 if p[0..n) holds anything but c (four at a time) */
static int dirty(const uint32_t *p, const uint32_t *e, uint32_t c)
{
  const uint32x4_t vc = vdupq_n_u32(c);
  uint32x4_t acc = vdupq_n_u32(0);
  for (; p + 4 <= e; p += 4)
    acc = vorrq_u32(acc, veorq_u32(vld1q_u32(p), vc));
  uint32_t d = vmaxvq_u32(acc);
  for (; p < e; p++)
    d |= *p ^ c;
  return d != 0;
}

/* Canaries of w that changed, as writes of slot s (and put back). */
static void scan(const window *w, int s, uint32_t c, np_rep *r)
{
  uint32_t *lo = (uint32_t *)(w->map + NP_PAGE);
  uint32_t *hi = (uint32_t *)(w->map + (w->pages + 1) * NP_PAGE);
  uint32_t *part[2][2] = {{lo, w->buf}, {w->buf + w->n, hi}};
  for (int j = 0; j < 2; j++) {
    if (!dirty(part[j][0], part[j][1], c))
      continue;
    for (uint32_t *p = part[j][0]; p < part[j][1]; p++) {
      if (*p == c)
        continue;
      if (r->nwrites < NP_MAXWRITES)
        writes[r->nwrites++] = (np_write){s, *p, p - w->buf};
      r->nwrites_total++;
      *p = c;
    }
  }
}

static void invoke(const rkernel *k, size_t rows, size_t cols, const float *x, const float *dy,
                   float *y, const float *p)
{
  size_t n = rows * cols;
  switch (k->shape) {
  case ACT_SHAPE_f32_fwd_p: ((act_f32_fwd_p *)k->ptr)(n, x, y, p); break;
  case ACT_SHAPE_f32_bwd_p: ((act_f32_bwd_p *)k->ptr)(n, x, dy, y, p); break;
  case ACT_SHAPE_f32_fwd: ((act_f32_fwd *)k->ptr)(n, x, y); break;
  case ACT_SHAPE_f32_bwd: ((act_f32_bwd *)k->ptr)(n, x, dy, y); break;
  case ACT_SHAPE_f32_row_fwd: ((act_f32_row_fwd *)k->ptr)(rows, cols, x, y); break;
  case ACT_SHAPE_f32_row_bwd: ((act_f32_row_bwd *)k->ptr)(rows, cols, x, dy, y); break;
  }
}

static uint64_t fpcr_for(const np_req *q, uint64_t fpcr0)
{
  const uint64_t m = 3u << NP_FPCR_RMODE_SHIFT | NP_FPCR_FZ;
  return (fpcr0 & ~m) | (q->fpcr & m);
}

static void call(const np_req *q)
{
  const rkernel *k = lookup(q->name);
  size_t count = (size_t)(q->rows * q->cols);
  if (!k) {
    reply_status(NP_UNKNOWN);
    return;
  }
  if ((q->off[0] | q->off[1] | q->off[2]) & 3 || q->off[0] >= NP_PAGE || q->off[1] >= NP_PAGE ||
      q->off[2] >= NP_PAGE) {
    reply_status(NP_BAD);
    return;
  }
  unsigned f = q->flags;
  int has_dy = f & NF_DY;
  /* slot -> window: x is window 0; dy 1 unless it is x; y 2 unless aliased */
  window *slot[3] = {0, 0, 0};
  uint32_t *px = 0, *pdy = 0, *py = 0;
  if (!(f & NF_NULL_X)) {
    px = win_place(&win[0], q->off[0], count, canary[0]);
    slot[0] = &win[0];
  }
  if (has_dy && !(f & NF_NULL_DY)) {
    if (f & NF_DY_IS_X) {
      pdy = px, slot[1] = slot[0];
    } else {
      pdy = win_place(&win[1], q->off[1], count, canary[1]);
      slot[1] = &win[1];
    }
  }
  if (!(f & NF_NULL_Y)) {
    if (f & NF_Y_IS_X) {
      py = px, slot[2] = slot[0];
    } else if (f & NF_Y_IS_DY) {
      py = pdy, slot[2] = slot[1];
    } else {
      py = win_place(&win[2], q->off[2], count, canary[2]);
      slot[2] = &win[2];
    }
  }
  uint32_t *sx = 0, *sdy = 0;
  if (px) {
    sx = stage_get(0, count);
    if (!read_full(sx, count * 4) && count)
      die(123);
    memcpy(px, sx, count * 4);
  }
  if (pdy && !(f & NF_DY_IS_X)) {
    sdy = stage_get(1, count);
    if (!read_full(sdy, count * 4) && count)
      die(123);
    memcpy(pdy, sdy, count * 4);
  }
  if (py && py != px && py != pdy && !read_full(py, count * 4) && count)
    die(123);
  const float *p = f & NF_NULL_P ? 0 : q->params;
  const float *x = (const float *)px, *dy = (const float *)pdy;
  float *y = (float *)py;

  cur_slot[0] = slot[0], cur_slot[1] = slot[1], cur_slot[2] = slot[2];
  cur_active = 1;
  uint64_t fpcr0 = get_fpcr();
  set_fpcr(fpcr_for(q, fpcr0));
  set_fpsr(0);
  invoke(k, (size_t)q->rows, (size_t)q->cols, x, dy, y, p);
  uint64_t fpsr = get_fpsr(), fpcr1 = get_fpcr();
  set_fpcr(fpcr0);
  cur_active = 0;

  np_rep r;
  memset(&r, 0, sizeof r);
  r.magic = NP_MAGIC, r.status = NP_OK;
  r.fpcr = (uint32_t)fpcr1, r.fpsr = (uint32_t)fpsr;
  for (int s = 0; s < 3; s++) {
    int dup = 0;
    for (int t = 0; t < s; t++)
      dup |= slot[t] == slot[s];
    if (slot[s] && !dup)
      scan(slot[s], s, canary[s], &r);
  }
  if (px && py != px) {
    for (size_t i = 0; i < count; i++)
      if (px[i] != sx[i]) {
        r.changed |= 1;
        break;
      }
  }
  if (sdy && py != pdy) {
    for (size_t i = 0; i < count; i++)
      if (pdy[i] != sdy[i]) {
        r.changed |= 2;
        break;
      }
  }
  struct iovec_ iov[5] = {{&r, sizeof r}};
  int ni = 1;
  if (py)
    iov[ni++] = (struct iovec_){py, count * 4};
  if (r.changed & 1)
    iov[ni++] = (struct iovec_){px, count * 4};
  if (r.changed & 2)
    iov[ni++] = (struct iovec_){pdy, count * 4};
  if (r.nwrites)
    iov[ni++] = (struct iovec_){writes, r.nwrites * sizeof *writes};
  writev_full(iov, ni);
}

/* NP_EACH: rows calls with n = 1, one placement. */
static void call_each(const np_req *q)
{
  const rkernel *k = lookup(q->name);
  size_t count = (size_t)q->rows;
  unsigned f = q->flags;
  int has_dy = f & NF_DY;
  if (!k) {
    reply_status(NP_UNKNOWN);
    return;
  }
  if (q->cols != 1 || f & (NF_Y_IS_X | NF_Y_IS_DY | NF_DY_IS_X | NF_NULL_X | NF_NULL_Y) ||
      (has_dy && f & NF_NULL_DY) || k->shape == ACT_SHAPE_f32_row_fwd ||
      k->shape == ACT_SHAPE_f32_row_bwd || (q->off[0] | q->off[1] | q->off[2]) & 3 ||
      q->off[0] >= NP_PAGE || q->off[1] >= NP_PAGE || q->off[2] >= NP_PAGE) {
    reply_status(NP_BAD);
    return;
  }
  window *slot[3] = {&win[0], has_dy ? &win[1] : 0, &win[2]};
  uint32_t *px = win_place(&win[0], q->off[0], 1, canary[0]);
  uint32_t *pdy = has_dy ? win_place(&win[1], q->off[1], 1, canary[1]) : 0;
  uint32_t *py = win_place(&win[2], q->off[2], 1, canary[2]);
  uint32_t *sx = stage_get(0, count), *sdy = has_dy ? stage_get(1, count) : 0;
  if ((!read_full(sx, count * 4) && count) || (sdy && !read_full(sdy, count * 4) && count) ||
      !read_full(py, 4))
    die(123);
  const float *p = f & NF_NULL_P ? 0 : q->params;
  cur_slot[0] = slot[0], cur_slot[1] = slot[1], cur_slot[2] = slot[2];
  static np_write kept[NP_MAXWRITES];
  uint32_t nkept = 0, total = 0;
  uint64_t fpcr0 = get_fpcr();
  set_fpcr(fpcr_for(q, fpcr0));
  set_fpsr(0);
  for (size_t j = 0; j < count; j++) {
    px[0] = sx[j];
    if (pdy)
      pdy[0] = sdy[j];
    cur_index = j;
    cur_active = 1;
    invoke(k, 1, 1, (const float *)px, (const float *)pdy, (float *)py, p);
    cur_active = 0;
    sx[j] = py[0]; /* the results go where the inputs were */
    np_rep t;
    memset(&t, 0, sizeof t);
    for (int s = 0; s < 3; s++)
      if (slot[s])
        scan(slot[s], s, canary[s], &t);
    total += t.nwrites_total;
    for (uint32_t i = 0; i < t.nwrites; i++) { /* the last write of a place wins */
      uint32_t m = 0;
      while (m < nkept && (kept[m].slot != writes[i].slot || kept[m].index != writes[i].index))
        m++;
      if (m < NP_MAXWRITES) {
        kept[m] = writes[i];
        nkept += m == nkept;
      }
    }
  }
  np_rep r;
  memset(&r, 0, sizeof r);
  r.magic = NP_MAGIC, r.status = NP_OK;
  r.fpsr = (uint32_t)get_fpsr(), r.fpcr = (uint32_t)get_fpcr();
  set_fpcr(fpcr0);
  r.nwrites = nkept, r.nwrites_total = total;
  struct iovec_ iov[5] = {{&r, sizeof r}, {sx, count * 4}, {px, 4}};
  int ni = 3;
  if (pdy)
    iov[ni++] = (struct iovec_){pdy, 4};
  if (nkept)
    iov[ni++] = (struct iovec_){kept, nkept * sizeof *kept};
  writev_full(iov, ni);
}

__attribute__((noreturn, used)) void runner_main(void)
{
  install_handlers();
  np_req q;
  while (read_full(&q, sizeof q)) {
    if (q.magic != NP_MAGIC) {
      reply_status(NP_BAD);
      die(124);
    }
    q.name[sizeof q.name - 1] = 0;
    if (q.op == NP_HELLO)
      hello();
    else if (q.op == NP_CALL)
      call(&q);
    else if (q.op == NP_EACH)
      call_each(&q);
    else
      reply_status(NP_BAD);
  }
  die(0);
}

/* The entry point: a zeroed frame pointer, 16-byte aligned stack, then C. */
__asm__(".text\n"
        ".global _start\n"
        ".type _start, %function\n"
        "_start:\n"
        "  mov x29, #0\n"
        "  mov x30, #0\n"
        "  mov x0, sp\n"
        "  and x0, x0, #-16\n"
        "  mov sp, x0\n"
        "  bl runner_main\n");
