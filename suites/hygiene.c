/* hygiene.c: the memory and ISA hygiene suite (hygiene.h).
 *
 * Every group of checks runs in a child (isolate.h).  A kernel's results are
 * compared with its own, bitwise (NaN as NaN): the n = 1 result of each
 * input ("alone"), computed afresh in each child, is what every longer,
 * shifted, unaligned or aliased call must reproduce. */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define HAVE_MXCSR 1
#define MXCSR_DAZ 0x0040u /* bit 6: denormal inputs are zero */
#define MXCSR_FTZ 0x8000u /* bit 15: flush tiny results to zero */
#define MXCSR_CTRL 0xffc0u /* control bits (the low six are sticky flags) */
#endif

#include "hygiene.h"
#include "neon/remote.h"

#define SUITE "hygiene"
#define CANARY_X 0x7fa5a5a5u  /* signalling-NaN patterns no kernel computes */
#define CANARY_DY 0x7fa6a6a6u
#define CANARY_Y 0x7fb7b7b7u
#define FILL_Y 0x7f8badadu    /* outputs before the call: "not written" */
#define SLACK 32              /* floats of canary on each side of a buffer */
#define NPOOL 4096
#define NORD 256

static const size_t large_n[] = {1000, 4099, 65537};

typedef struct {
  const act_kernel *k;
  float p[ACT_MAX_PARAMS];
  int row, bwd;
  unsigned flags;
  float *pool, *dpool; /* inputs (special values scattered) and gradients */
  float *ord;          /* ordinary inputs: finite, normal, in the interesting domain */
  float *alone;        /* elementwise: the n = 1 result of pool[j], dpool[j] (child) */
  const char *yname;   /* "y" or "dx" */
} hyg;

typedef struct {
  size_t rows, cols; /* elementwise: rows = n, cols = 1 */
} shape;

/* ---- small helpers -------------------------------------------------------- */

static int same(float a, float b)
{
  return (isnan(a) && isnan(b)) || act_bits_of_f32(a) == act_bits_of_f32(b);
}

/* Room for n floats (at least one). */
__attribute__((noinline)) static float *fbuf(size_t n)
{
  if (n > ((size_t)1 << 40))
    abort();
  return malloc((n + 1) * sizeof(float));
}

static void call(const hyg *h, size_t rows, size_t cols, const float *x, const float *dy,
                 float *y)
{
  if (h->row)
    act_call_row_f32(h->k, rows, cols, x, dy, y);
  else
    act_call_f32(h->k, rows * cols, x, dy, y, h->p);
}

static const char *shape_str(const hyg *h, shape s, char *b, size_t len)
{
  if (h->row)
    snprintf(b, len, "rows = %zu, cols = %zu", s.rows, s.cols);
  else
    snprintf(b, len, "n = %zu", s.rows);
  return b;
}

static size_t shift_of(shape s) { return (s.rows * 131 + s.cols * 17) % NPOOL; }

static void fill(const hyg *h, float *x, float *dy, size_t count, size_t s)
{
  for (size_t i = 0; i < count; i++) {
    if (x)
      x[i] = h->pool[(s + i) % NPOOL];
    if (dy)
      dy[i] = h->dpool[(s + i) % NPOOL];
  }
}

/* Element i of a call of shape s, for a report: "y[35]" or "y[2][5]"... */
static const char *out_str(const hyg *h, shape s, size_t i, char *b, size_t len)
{
  if (h->row)
    snprintf(b, len, "%s[%zu][%zu]", h->yname, i / s.cols, i % s.cols);
  else
    snprintf(b, len, "%s[%zu]", h->yname, i);
  return b;
}

/* ...and its inputs: "x = 0x1p+0, dy = -0x1.8p-1". */
static const char *in_str(const hyg *h, size_t i, const float *x, const float *dy, char *b,
                          size_t len)
{
  if (h->bwd)
    snprintf(b, len, "x = %a, dy = %a", x[i], dy[i]);
  else
    snprintf(b, len, "x = %a", x[i]);
  return b;
}

/* ---- buffers with canaries around them ------------------------------------ */

typedef struct {
  float *mem, *buf;
  size_t n, off;
  uint32_t canary;
} sbuf;

static void sbuf_new(sbuf *b, size_t n, size_t off, uint32_t canary)
{
  size_t tot = n + 2 * SLACK + off + 16;
  b->mem = aligned_alloc(64, (tot * sizeof(float) + 63) / 64 * 64);
  b->buf = b->mem + SLACK + off + (16 - SLACK % 16) % 16; /* 64-byte aligned + off */
  b->n = n, b->off = off, b->canary = canary;
  float c = act_f32_of_bits(canary);
  for (size_t i = 0; i < tot; i++)
    b->mem[i] = c;
}

static void sbuf_free(sbuf *b) { free(b->mem); }

/* Index (relative to buf) of the first float around the buffer that changed,
 * or 0 with *ok = 1. */
static ptrdiff_t sbuf_check(const sbuf *b, int *ok)
{
  *ok = 1;
  for (ptrdiff_t i = -SLACK; i < 0; i++)
    if (act_bits_of_f32(b->buf[i]) != b->canary)
      return *ok = 0, i;
  for (size_t i = b->n; i < b->n + SLACK; i++)
    if (act_bits_of_f32(b->buf[i]) != b->canary)
      return *ok = 0, (ptrdiff_t)i;
  return 0;
}

/* ---- results -------------------------------------------------------------- */

typedef struct {
  const char *check;
  size_t nfail;
  size_t idx;  /* of its FAIL line in sh->rs */
  int added;   /* a line was added */
} tally;

static void fail(act_iso_shared *sh, tally *t, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
static void fail(act_iso_shared *sh, tally *t, const char *fmt, ...)
{
  if (t->nfail++ == 0) {
    char d[sizeof sh->rs.r[0].detail];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d, sizeof d, fmt, ap);
    va_end(ap);
    t->idx = sh->rs.n;
    t->added = 1;
    act_results_add(&sh->rs, SUITE, CHK_FAIL, t->check, "%s", d);
  }
}

static void finish(act_iso_shared *sh, tally *t, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));
static void finish(act_iso_shared *sh, tally *t, const char *fmt, ...)
{
  if (t->nfail > 1) {
    char *d = sh->rs.r[t->idx].detail;
    size_t l = strlen(d);
    snprintf(d + l, sizeof sh->rs.r[0].detail - l, " (%zu failing cases)", t->nfail);
  }
  if (t->added)
    return;
  char d[sizeof sh->rs.r[0].detail];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d, sizeof d, fmt, ap);
  va_end(ap);
  act_results_add(&sh->rs, SUITE, CHK_PASS, t->check, "%s", d);
  t->added = 1;
}

/* Buffers around a call of shape s: canaries checked, inputs unchanged. */
static void check_around(act_iso_shared *sh, tally *t, const hyg *h, shape s, const char *what,
                         const sbuf *X, const sbuf *DY, const sbuf *Y, const float *x0,
                         const float *dy0)
{
  char sd[64];
  const sbuf *B[3] = {X, DY, Y};
  const char *names[3] = {"x", "dy", h->yname};
  for (int j = 0; j < 3; j++) {
    int ok;
    if (!B[j])
      continue;
    ptrdiff_t i = sbuf_check(B[j], &ok);
    if (!ok)
      fail(sh, t, "%s%s: wrote %s[%td] outside the buffer (now %a)", shape_str(h, s, sd, sizeof sd),
           what, names[j], i, B[j]->buf[i]);
  }
  size_t count = s.rows * s.cols;
  for (size_t i = 0; x0 && i < count; i++)
    if (act_bits_of_f32(X->buf[i]) != act_bits_of_f32(x0[i])) {
      fail(sh, t, "%s%s: changed its input x[%zu] from %a to %a", shape_str(h, s, sd, sizeof sd),
           what, i, x0[i], X->buf[i]);
      break;
    }
  for (size_t i = 0; dy0 && i < count; i++)
    if (act_bits_of_f32(DY->buf[i]) != act_bits_of_f32(dy0[i])) {
      fail(sh, t, "%s%s: changed its input dy[%zu] from %a to %a",
           shape_str(h, s, sd, sizeof sd), what, i, dy0[i], DY->buf[i]);
      break;
    }
}

/* ---- expected values: each unit alone ------------------------------------- */

typedef struct {
  act_iso_shared *sh;
  const hyg *h;
} alone_ctx;

/* A remote kernel faulted in call j of a batch: name the input. */
static void alone_fault(size_t j, void *arg)
{
  alone_ctx *c = arg;
  if (j < NPOOL)
    act_iso_step(c->sh, "n = 1, x = %a (0x%08x)%s", c->h->pool[j],
                 act_bits_of_f32(c->h->pool[j]), c->h->bwd ? ", dy = 1" : "");
}

static void compute_alone(act_iso_shared *sh, hyg *h)
{
  if (h->row)
    return;
  h->alone = malloc(NPOOL * sizeof *h->alone);
  sbuf X, DY, Y;
  sbuf_new(&X, 1, 0, CANARY_X), sbuf_new(&DY, 1, 0, CANARY_DY), sbuf_new(&Y, 1, 0, CANARY_Y);
  if (act_kernel_remote(h->k)) {
    /* a kernel in the AArch64 runner: the same NPOOL calls with n = 1 on
     * these buffers, made there in one round trip (impls/neon/remote.h) */
    alone_ctx c = {sh, h};
    float *at[3] = {X.buf, DY.buf, Y.buf};
    act_iso_step(sh, "n = 1, each of %d pool inputs in turn (in the AArch64 runner)", NPOOL);
    act_neon_remote_each(h->k->name, h->k->shape, NPOOL, at, h->pool, h->dpool, h->alone, h->p,
                         alone_fault, &c);
    sbuf_free(&X), sbuf_free(&DY), sbuf_free(&Y);
    return;
  }
  for (size_t j = 0; j < NPOOL; j++) {
    X.buf[0] = h->pool[j], DY.buf[0] = h->dpool[j];
    act_iso_step(sh, "n = 1, x = %a (0x%08x)%s", X.buf[0], act_bits_of_f32(X.buf[0]),
                 h->bwd ? ", dy = 1" : "");
    call(h, 1, 1, X.buf, DY.buf, Y.buf);
    h->alone[j] = Y.buf[0];
  }
  sbuf_free(&X), sbuf_free(&DY), sbuf_free(&Y);
}

/* e[0..rows*cols): what each unit of shape s with content at shift sft gives alone. */
static void expect(const hyg *h, shape s, size_t sft, float *e)
{
  size_t count = s.rows * s.cols;
  if (!h->row) {
    for (size_t i = 0; i < count; i++)
      e[i] = h->alone[(sft + i) % NPOOL];
    return;
  }
  sbuf X, DY, Y;
  sbuf_new(&X, s.cols, 0, CANARY_X), sbuf_new(&DY, s.cols, 0, CANARY_DY);
  sbuf_new(&Y, s.cols, 0, CANARY_Y);
  for (size_t r = 0; r < s.rows; r++) {
    fill(h, X.buf, DY.buf, s.cols, sft + r * s.cols);
    call(h, 1, s.cols, X.buf, DY.buf, Y.buf);
    memcpy(e + r * s.cols, Y.buf, s.cols * sizeof *e);
  }
  sbuf_free(&X), sbuf_free(&DY), sbuf_free(&Y);
}

/* Shapes of "lengths" and "guard pages". */
static size_t length_shapes(const hyg *h, shape *S)
{
  size_t n = 0;
  int large = !(h->flags & ACT_HYG_QUICK);
  if (!h->row) {
    for (size_t i = 0; i <= 64; i++)
      S[n++] = (shape){i, 1};
    for (unsigned i = 0; large && i < 3; i++)
      S[n++] = (shape){large_n[i], 1};
  } else {
    S[n++] = (shape){0, 5};
    for (size_t c = 0; c <= 64; c++)
      for (size_t r = 1; r <= 3; r++)
        S[n++] = (shape){r, c};
    for (unsigned i = 0; large && i < 3; i++)
      S[n++] = (shape){1, large_n[i]}, S[n++] = (shape){2, large_n[i]};
  }
  return n;
}

static const char *lengths_str(const hyg *h)
{
  if (h->row)
    return h->flags & ACT_HYG_QUICK ? "rows 0..3 x cols 0..64"
                                    : "rows 0..3 x cols 0..64, cols 1000, 4099, 65537";
  return h->flags & ACT_HYG_QUICK ? "n = 0..64" : "n = 0..64, 1000, 4099, 65537";
}

/* Compare a call's output with the units alone (`ref` names them). */
static void compare_out(act_iso_shared *sh, tally *t, tally *unwritten, const hyg *h, shape s,
                        const char *what, const char *ref, const float *x, const float *dy,
                        const float *y, const float *e)
{
  size_t count = s.rows * s.cols;
  char sd[64], od[48], id[96];
  for (size_t i = 0; i < count; i++) {
    if (same(y[i], e[i]))
      continue;
    shape_str(h, s, sd, sizeof sd);
    out_str(h, s, i, od, sizeof od);
    in_str(h, i, x, dy, id, sizeof id);
    if (unwritten && act_bits_of_f32(y[i]) == FILL_Y)
      fail(sh, unwritten, "%s: %s not written (%s)", sd, od, id);
    else
      fail(sh, t, "%s%s: %s = %a for %s, but %s gives %a", sd, what, od, y[i], id, ref, e[i]);
    return; /* one case per call */
  }
}

/* ---- lengths and tail ------------------------------------------------------ */

static void child_lengths(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  compute_alone(sh, h);
  tally tl = {"lengths", 0, 0, 0}, tt = {"tail", 0, 0, 0};
  shape S[256];
  size_t ns = length_shapes(h, S), outs = 0;
  char sd[64];
  for (size_t j = 0; j < ns; j++) {
    shape s = S[j];
    size_t count = s.rows * s.cols, sft = shift_of(s);
    if (count > ((size_t)1 << 20)) /* (never: tells the compiler memcpy sizes are sane) */
      abort();
    sbuf X, DY, Y;
    sbuf_new(&X, count, 0, CANARY_X), sbuf_new(&DY, count, 0, CANARY_DY);
    sbuf_new(&Y, count, 0, CANARY_Y);
    float *x0 = fbuf(count), *dy0 = fbuf(count),
          *e = fbuf(count);
    fill(h, X.buf, DY.buf, count, sft);
    memcpy(x0, X.buf, count * sizeof *x0);
    memcpy(dy0, DY.buf, count * sizeof *dy0);
    for (size_t i = 0; i < count; i++)
      Y.buf[i] = act_f32_of_bits(FILL_Y);
    act_iso_step(sh, "%s, x, dy, y apart (lengths)", shape_str(h, s, sd, sizeof sd));
    expect(h, s, sft, e);
    call(h, s.rows, s.cols, X.buf, DY.buf, Y.buf);
    check_around(sh, &tl, h, s, "", &X, h->bwd ? &DY : NULL, &Y, x0, h->bwd ? dy0 : NULL);
    compare_out(sh, &tt, &tl, h, s, "", h->row ? "the row alone" : "n = 1", X.buf, DY.buf, Y.buf, e);
    outs += count;
    sbuf_free(&X), sbuf_free(&DY), sbuf_free(&Y);
    free(x0), free(dy0), free(e);
  }
  finish(sh, &tl, "%s: every output written, inputs and neighbours untouched", lengths_str(h));
  finish(sh, &tt, "%zu outputs of %s bitwise equal to %s", outs, lengths_str(h),
         h->row ? "each row alone" : "the n = 1 result");
}

/* ---- unaligned -------------------------------------------------------------- */

static void child_unaligned(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  compute_alone(sh, h);
  tally t = {"unaligned", 0, 0, 0};
  static const size_t el[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                              31, 32, 33, 63, 64, 65, 1000};
  static const size_t rc[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 33, 64};
  size_t ns = h->row ? sizeof rc / sizeof rc[0] : sizeof el / sizeof el[0];
  char sd[64], what[96];
  for (size_t j = 0; j < ns; j++) {
    shape s = h->row ? (shape){2, rc[j]} : (shape){el[j], 1};
    size_t count = s.rows * s.cols, sft = shift_of(s);
    float *e = fbuf(count), *x0 = fbuf(count),
          *dy0 = fbuf(count);
    expect(h, s, sft, e);
    fill(h, x0, dy0, count, sft);
    for (size_t ox = 0; ox < 8; ox++)
      for (size_t oy = 0; oy < 8; oy++) {
        size_t od = (ox + 3 * oy) % 8;
        sbuf X, DY, Y;
        sbuf_new(&X, count, ox, CANARY_X), sbuf_new(&DY, count, od, CANARY_DY);
        sbuf_new(&Y, count, oy, CANARY_Y);
        memcpy(X.buf, x0, count * sizeof *x0);
        memcpy(DY.buf, dy0, count * sizeof *dy0);
        if (h->bwd)
          snprintf(what, sizeof what, ", x +%zu, dy +%zu, %s +%zu floats from 64-byte alignment",
                   ox, od, h->yname, oy);
        else
          snprintf(what, sizeof what, ", x +%zu, y +%zu floats from 64-byte alignment", ox, oy);
        act_iso_step(sh, "%s%s (unaligned)", shape_str(h, s, sd, sizeof sd), what);
        call(h, s.rows, s.cols, X.buf, DY.buf, Y.buf);
        check_around(sh, &t, h, s, what, &X, h->bwd ? &DY : NULL, &Y, x0, h->bwd ? dy0 : NULL);
        compare_out(sh, &t, NULL, h, s, what, h->row ? "aligned, the row alone" : "aligned, n = 1", X.buf, DY.buf, Y.buf, e);
        sbuf_free(&X), sbuf_free(&DY), sbuf_free(&Y);
      }
    free(e), free(x0), free(dy0);
  }
  finish(sh, &t, "%s, every pair of offsets 0..7 floats from 64-byte alignment: bitwise "
                 "equal to aligned results", h->row ? "rows = 2, cols 1..9, 17, 33, 64"
                                                    : "n = 1..17, 31..33, 63..65, 1000");
}

/* ---- in place ---------------------------------------------------------------- */

static void child_inplace(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  compute_alone(sh, h);
  tally tx = {h->bwd ? "in place (dx == x)" : "in place (y == x)", 0, 0, 0};
  tally td = {"in place (dx == dy)", 0, 0, 0};
  shape S[256];
  size_t ns = length_shapes(h, S);
  char sd[64];
  for (int v = 0; v < 1 + h->bwd; v++) {
    tally *t = v ? &td : &tx;
    const char *what = v ? ", dx == dy" : h->bwd ? ", dx == x" : ", y == x";
    for (size_t j = 0; j < ns; j++) {
      shape s = S[j];
      size_t count = s.rows * s.cols, sft = shift_of(s);
      sbuf B, O; /* B: the aliased buffer; O: the other input */
      sbuf_new(&B, count, 0, CANARY_Y), sbuf_new(&O, count, 0, v ? CANARY_X : CANARY_DY);
      float *x0 = fbuf(count), *dy0 = fbuf(count),
            *e = fbuf(count);
      fill(h, x0, dy0, count, sft);
      expect(h, s, sft, e);
      memcpy(B.buf, v ? dy0 : x0, count * sizeof *x0);
      memcpy(O.buf, v ? x0 : dy0, count * sizeof *x0);
      act_iso_step(sh, "%s%s (in place)", shape_str(h, s, sd, sizeof sd), what);
      if (v)
        call(h, s.rows, s.cols, O.buf, B.buf, B.buf);
      else
        call(h, s.rows, s.cols, B.buf, O.buf, B.buf);
      int ok;
      ptrdiff_t i = sbuf_check(&B, &ok);
      if (!ok)
        fail(sh, t, "%s%s: wrote %s[%td] outside the buffer", shape_str(h, s, sd, sizeof sd),
             what, h->yname, i);
      compare_out(sh, t, NULL, h, s, what, "out of place", x0, dy0, B.buf, e);
      sbuf_free(&B), sbuf_free(&O);
      free(x0), free(dy0), free(e);
    }
    finish(sh, t, "%s: bitwise equal to out-of-place results", lengths_str(h));
  }
}

/* ---- guard pages and canaries -------------------------------------------------- */

enum { GUARD_AFTER = 1, GUARD_BEFORE = 2 };

typedef struct {
  char *map;
  size_t len;
  float *buf;
  size_t n;
  uint32_t canary;
} gbuf;

static size_t page_size(void)
{
  long p = sysconf(_SC_PAGESIZE);
  return p > 0 ? (size_t)p : 4096;
}

/* AFTER: [canaries][buf][PROT_NONE page]; BEFORE: [PROT_NONE][buf][canaries][PROT_NONE]. */
static int gbuf_new(gbuf *g, size_t n, int layout, uint32_t canary)
{
  size_t pg = page_size(), bytes = n * sizeof(float);
  size_t body = (bytes + (layout == GUARD_AFTER ? 256 : 0) + pg - 1) / pg * pg;
  if (!body)
    body = pg;
  g->len = body + pg * (layout == GUARD_AFTER ? 1 : 2);
  g->map = mmap(NULL, g->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (g->map == MAP_FAILED)
    return -1;
  g->n = n, g->canary = canary;
  char *lo = layout == GUARD_AFTER ? g->map : g->map + pg;
  float c = act_f32_of_bits(canary);
  for (float *f = (float *)lo; f < (float *)(lo + body); f++)
    *f = c;
  if (layout == GUARD_AFTER) {
    mprotect(g->map + body, pg, PROT_NONE);
    g->buf = (float *)(g->map + body - bytes);
  } else {
    mprotect(g->map, pg, PROT_NONE);
    mprotect(g->map + pg + body, pg, PROT_NONE);
    g->buf = (float *)(g->map + pg);
  }
  return 0;
}

static void gbuf_free(gbuf *g) { munmap(g->map, g->len); }

/* Index of the changed canary nearest the buffer (before it first), or 0 with *ok = 1. */
static ptrdiff_t gbuf_check(const gbuf *g, int layout, int *ok)
{
  size_t pg = page_size();
  float *lo = (float *)(layout == GUARD_AFTER ? g->map : g->map + pg);
  float *hi = (float *)(g->map + g->len - pg);
  *ok = 1;
  for (float *f = g->buf - 1; f >= lo; f--)
    if (act_bits_of_f32(*f) != g->canary)
      return *ok = 0, f - g->buf;
  for (float *f = g->buf + g->n; f < hi; f++)
    if (act_bits_of_f32(*f) != g->canary)
      return *ok = 0, f - g->buf;
  return 0;
}

static void child_guard(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  tally tg = {"guard pages", 0, 0, 0}, tc = {"canaries", 0, 0, 0};
  shape S[256];
  size_t ns = length_shapes(h, S);
  char sd[64];
  const char *names[3] = {"x", "dy", h->yname};
  const uint32_t canaries[3] = {CANARY_X, CANARY_DY, CANARY_Y};
  for (int layout = GUARD_AFTER; layout <= GUARD_BEFORE; layout++)
    for (size_t j = 0; j < ns; j++) {
      shape s = S[j];
      size_t count = s.rows * s.cols;
      gbuf g[3];
      int nb = 0;
      for (; nb < 3; nb++)
        if (gbuf_new(&g[nb], count, layout, canaries[nb]))
          break;
      if (nb < 3) {
        fail(sh, &tg, "%s: mmap failed", shape_str(h, s, sd, sizeof sd));
        while (nb--)
          gbuf_free(&g[nb]);
        continue;
      }
      fill(h, g[0].buf, g[1].buf, count, shift_of(s));
      float *x0 = fbuf(count), *dy0 = fbuf(count);
      memcpy(x0, g[0].buf, count * sizeof *x0);
      memcpy(dy0, g[1].buf, count * sizeof *dy0);
      sh->nregion = 3;
      for (int b = 0; b < 3; b++)
        sh->region[b] = (act_iso_region){names[b], (uintptr_t)g[b].buf, count};
      sh->tag[0] = layout, sh->tag[1] = (long)s.rows, sh->tag[2] = (long)s.cols;
      act_iso_step(sh, "%s, buffers %s", shape_str(h, s, sd, sizeof sd),
                   layout == GUARD_AFTER ? "ending at a page boundary before a PROT_NONE page"
                                         : "starting right after a PROT_NONE page");
      call(h, s.rows, s.cols, g[0].buf, g[1].buf, g[2].buf);
      sh->nregion = 0;
      for (int b = 0; b < 3; b++) {
        int ok;
        if (b == 1 && !h->bwd)
          continue;
        ptrdiff_t i = gbuf_check(&g[b], layout, &ok);
        if (!ok)
          fail(sh, i < 0 ? &tc : &tg, "%s: wrote %s %s[%td] (now %a)",
               shape_str(h, s, sd, sizeof sd), i < 0 ? "before" : "past the end,", names[b], i,
               g[b].buf[i]);
      }
      if (memcmp(x0, g[0].buf, count * sizeof *x0))
        fail(sh, &tc, "%s: changed its input x", shape_str(h, s, sd, sizeof sd));
      if (h->bwd && memcmp(dy0, g[1].buf, count * sizeof *dy0))
        fail(sh, &tc, "%s: changed its input dy", shape_str(h, s, sd, sizeof sd));
      free(x0), free(dy0);
      for (int b = 0; b < 3; b++)
        gbuf_free(&g[b]);
    }
  finish(sh, &tg, "%s with PROT_NONE pages right after and right before x%s and %s: no access "
                  "outside", lengths_str(h), h->bwd ? ", dy" : "", h->yname);
  finish(sh, &tc, "%s: the canaries before x%s and %s unchanged", lengths_str(h),
         h->bwd ? ", dy" : "", h->yname);
}

/* ---- the floating-point environment -------------------------------------------- */

/* The environment checks' inputs: the whole pool (rows: 64 rows of 16). */
static shape env_shape(const hyg *h) { return h->row ? (shape){64, 16} : (shape){NPOOL, 1}; }

static const char *mode_name(int m)
{
  switch (m) {
  case FE_TONEAREST: return "FE_TONEAREST";
  case FE_TOWARDZERO: return "FE_TOWARDZERO";
  case FE_UPWARD: return "FE_UPWARD";
  case FE_DOWNWARD: return "FE_DOWNWARD";
  default: return "an unknown mode";
  }
}

static void child_rounding(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  tally t = {"rounding modes", 0, 0, 0};
  static const int modes[3] = {FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
  shape s = env_shape(h);
  size_t count = s.rows * s.cols, diff[3] = {0, 0, 0}, total = 0;
  float *x = fbuf(count), *dy = fbuf(count),
        *y0 = fbuf(count), *y = fbuf(count);
  fill(h, x, dy, count, 0);
  char first[256] = "", sd[64], ed[96], od[48];
  fesetround(FE_TONEAREST);
  act_iso_step(sh, "%s under FE_TONEAREST (rounding modes)", shape_str(h, s, sd, sizeof sd));
  call(h, s.rows, s.cols, x, dy, y0);
  if (fegetround() != FE_TONEAREST)
    fail(sh, &t, "the kernel left the rounding mode at %s (called under FE_TONEAREST)",
         mode_name(fegetround()));
  fesetround(FE_TONEAREST);
  for (int m = 0; m < 3; m++) {
    act_iso_step(sh, "%s under %s (rounding modes)", shape_str(h, s, sd, sizeof sd),
                 mode_name(modes[m]));
    fesetround(modes[m]);
    call(h, s.rows, s.cols, x, dy, y);
    int after = fegetround();
    fesetround(FE_TONEAREST);
    if (after != modes[m])
      fail(sh, &t, "the kernel left the rounding mode at %s (called under %s)",
           mode_name(after), mode_name(modes[m]));
    for (size_t i = 0; i < count; i++)
      if (!same(y[i], y0[i])) {
        if (!total++) {
          out_str(h, s, i, od, sizeof od);
          snprintf(first, sizeof first, "%s: %s = %a for %s, FE_TONEAREST gives %a",
                   mode_name(modes[m]), od, y[i], in_str(h, i, x, dy, ed, sizeof ed), y0[i]);
        }
        diff[m]++;
      }
  }
  if (total) {
    char d[240];
    snprintf(d, sizeof d, "%s (of %zu: %zu, %zu, %zu differ under RZ, RU, RD)%s%s", first, count,
             diff[0], diff[1], diff[2],
             h->flags & ACT_HYG_NEEDS_RN ? "; declared: needs round-to-nearest" : "",
             act_kernel_remote(h->k) ? "; FPCR.RMode in the AArch64 runner" : "");
    if (h->flags & ACT_HYG_NEEDS_RN) {
      if (!t.added)
        act_results_add(&sh->rs, SUITE, CHK_INFO, t.check, "%s", d);
      t.added = 1;
    } else {
      fail(sh, &t, "%s", d);
    }
  }
  finish(sh, &t, "%zu results bitwise unchanged under FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD%s",
         count, act_kernel_remote(h->k) ? " (set as FPCR.RMode in the AArch64 runner)" : "");
  free(x), free(dy), free(y0), free(y);
}

#ifdef HAVE_MXCSR
static int tiny(float v) { return fabsf(v) <= FLT_MIN && v != 0; }

static void child_ftz(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  tally t = {"FTZ/DAZ", 0, 0, 0};
  shape s = env_shape(h);
  size_t count = s.rows * s.cols, ndiff = 0, nsub = 0, nsubdiff = 0;
  float *x = fbuf(count), *dy = fbuf(count),
        *y0 = fbuf(count), *y = fbuf(count);
  fill(h, x, dy, count, 0);
  char first[200] = "", firstsub[200] = "", sd[64], ed[96], od[48];
  unsigned base = _mm_getcsr() & ~(MXCSR_FTZ | MXCSR_DAZ);
  _mm_setcsr(base);
  act_iso_step(sh, "%s without FTZ/DAZ", shape_str(h, s, sd, sizeof sd));
  call(h, s.rows, s.cols, x, dy, y0);
  unsigned left = _mm_getcsr();
  if ((left & MXCSR_CTRL) != (base & MXCSR_CTRL)) /* e.g. FTZ/DAZ turned on and left on */
    fail(sh, &t, "the kernel changed MXCSR from %#x to %#x (called without FTZ/DAZ)%s",
         base & MXCSR_CTRL, left & MXCSR_CTRL,
         (left & ~base & (MXCSR_FTZ | MXCSR_DAZ)) ? ": it left FTZ/DAZ on for its caller" : "");
  act_iso_step(sh, "%s with FTZ and DAZ set (MXCSR bits 15 and 6)", shape_str(h, s, sd, sizeof sd));
  _mm_setcsr(base | MXCSR_FTZ | MXCSR_DAZ);
  call(h, s.rows, s.cols, x, dy, y);
  unsigned after = _mm_getcsr();
  _mm_setcsr(base);
  if ((after & MXCSR_CTRL) != ((base | MXCSR_FTZ | MXCSR_DAZ) & MXCSR_CTRL))
    fail(sh, &t, "the kernel changed MXCSR from %#x to %#x", (base | MXCSR_FTZ | MXCSR_DAZ) & MXCSR_CTRL,
         after & MXCSR_CTRL);
  for (size_t u = 0; u < s.rows; u++) {
    size_t lo = u * s.cols, hi = lo + s.cols;
    int sub = 0, d = 0;
    size_t fi = lo;
    for (size_t i = lo; i < hi; i++) {
      sub |= fpclassify(x[i]) == FP_SUBNORMAL || (h->bwd && fpclassify(dy[i]) == FP_SUBNORMAL) ||
             tiny(y0[i]);
      if (!d && !same(y[i], y0[i]))
        d = 1, fi = i;
    }
    nsub += sub;
    if (!d)
      continue;
    out_str(h, s, fi, od, sizeof od);
    in_str(h, fi, x, dy, ed, sizeof ed);
    if (sub) {
      if (!nsubdiff++)
        snprintf(firstsub, sizeof firstsub, "%s = %a for %s, without FTZ/DAZ %a", od, y[fi], ed,
                 y0[fi]);
    } else if (!ndiff++) {
      snprintf(first, sizeof first, "%s = %a for %s, without FTZ/DAZ %a", od, y[fi], ed, y0[fi]);
    }
  }
  const char *unit = h->row ? "rows" : "inputs";
  if (ndiff)
    fail(sh, &t, "FTZ/DAZ change a normal result: %s (%zu normal %s differ)", first, ndiff, unit);
  else if (nsubdiff && !(h->flags & ACT_HYG_FLUSHES)) {
    act_results_add(&sh->rs, SUITE, CHK_INFO, t.check,
                    "normal results unchanged; %zu of %zu %s with subnormal inputs or results "
                    "differ, e.g. %s%s", nsubdiff, nsub, unit, firstsub,
                    act_kernel_remote(h->k) ? " (FPCR.FZ in the AArch64 runner)" : "");
    t.added = 1;
  }
  finish(sh, &t, "%zu %s unchanged under FTZ/DAZ (%zu with subnormal inputs or results%s)%s",
         s.rows, unit, nsub, nsubdiff ? ", flushed as the kernel declares" : "",
         act_kernel_remote(h->k) ? " (set as FPCR.FZ in the AArch64 runner)" : "");
  free(x), free(dy), free(y0), free(y);
}
#endif

static void child_fpexc(act_iso_shared *sh, void *arg)
{
  hyg *h = arg;
  static const struct { int flag; const char *name; } F[] = {
    {FE_INVALID, "FE_INVALID"},     {FE_DIVBYZERO, "FE_DIVBYZERO"}, {FE_OVERFLOW, "FE_OVERFLOW"},
    {FE_UNDERFLOW, "FE_UNDERFLOW"}, {FE_INEXACT, "FE_INEXACT"},
  };
  size_t cols = h->row ? 8 : 1, units = NORD / cols, cnt[5] = {0};
  float firstx[5] = {0};
  float dy[8] = {1, 1, 1, 1, 1, 1, 1, 1}, y[8];
  for (size_t u = 0; u < units; u++) {
    const float *x = h->ord + u * cols;
    act_iso_step(sh, "x = %a, n = 1 (fp exceptions)", x[0]);
    feclearexcept(FE_ALL_EXCEPT);
    call(h, 1, cols, x, dy, y);
    int got = fetestexcept(FE_ALL_EXCEPT);
    for (int f = 0; f < 5; f++)
      if (got & F[f].flag && !cnt[f]++)
        firstx[f] = x[0];
  }
  feclearexcept(FE_ALL_EXCEPT);
  char d[240];
  int l = snprintf(d, sizeof d, "%zu ordinary %s, one per call:", units, h->row ? "rows" : "inputs");
  for (int f = 0; f < 5; f++) {
    if (f < 4 && cnt[f])
      l += snprintf(d + l, sizeof d - l, " %s %zu (x = %a)%s", F[f].name, cnt[f], firstx[f],
                    f < 4 ? "," : "");
    else
      l += snprintf(d + l, sizeof d - l, " %s %zu%s", F[f].name, cnt[f], f < 4 ? "," : "");
    if (l >= (int)sizeof d)
      break;
  }
  act_results_add(&sh->rs, SUITE, CHK_INFO, "fp exceptions", "%s", d);
}

/* ---- the suite ------------------------------------------------------------------ */

static void make_pools(hyg *h, const act_def *a)
{
  uint64_t seed = 0x6879670000000000u ^ (uint64_t)strlen(a->name) * 0x9e3779b9u;
  double lo = a->dom_lo, hi = a->dom_hi;
  if (!(hi > lo))
    lo = -10, hi = 10;
  h->pool = malloc(NPOOL * sizeof *h->pool);
  h->dpool = malloc(NPOOL * sizeof *h->dpool);
  h->ord = malloc(NORD * sizeof *h->ord);
  float sp[ACT_BASIC_SPECIALS];
  size_t nsp = act_basic_specials(a, sp), n = 0;
#define UNIFORM(lo, hi) ((float)((lo) + ((hi) - (lo)) * (double)(act_rand(&seed) >> 11) * 0x1p-53))
  if (!h->row) {
    /* every special value, random patterns of every binade, the domain densely */
    for (size_t i = 0; i < nsp; i++)
      h->pool[n++] = sp[i];
    while (n < NPOOL) {
      uint64_t r = act_rand(&seed);
      if (r & 3) {
        h->pool[n++] = UNIFORM(lo, hi);
      } else {
        uint32_t b = (uint32_t)(r >> 32);
        if ((b & 0x7f800000u) != 0x7f800000u)
          h->pool[n++] = act_f32_of_bits(b);
      }
    }
    for (size_t i = NPOOL - 1; i > 0; i--) { /* scatter the specials */
      size_t j = act_rand(&seed) % (i + 1);
      float t = h->pool[i];
      h->pool[i] = h->pool[j], h->pool[j] = t;
    }
  } else {
    /* rows: the domain, with a special value every 509 elements */
    for (size_t i = 0; i < NPOOL; i++)
      h->pool[i] = i % 509 == 508 ? sp[(i / 509) % nsp] : UNIFORM(lo, hi);
  }
  for (size_t i = 0; i < NPOOL; i++)
    h->dpool[i] = i % 4 == 0 ? 1.0f : UNIFORM(-2.0, 2.0);
  for (size_t i = 0; i < NORD; i++) {
    float v = UNIFORM(lo, hi);
    h->ord[i] = fabsf(v) < FLT_MIN ? 0.5f : v;
  }
#undef UNIFORM
}

typedef struct {
  act_iso_fn *fn;
  const char *checks[2];
} group;

void act_suite_hygiene(const act_kernel *k, const float *p, const act_hygiene_opts *o,
                       act_results *rs)
{
  static const act_hygiene_opts dflt = {0, 10};
  if (!o)
    o = &dflt;
  double timeout = o->timeout > 0 ? o->timeout : 10;
  const act_def *a = act_find(k->fn);
  hyg h = {.k = k, .row = act_kernel_is_row(k), .bwd = k->dir == ACT_BWD, .flags = o->flags};
  h.yname = h.bwd ? "dx" : "y";
  group G[] = {
    {child_lengths, {"lengths", "tail"}},
    {child_unaligned, {"unaligned", NULL}},
    {child_inplace, {h.bwd ? "in place (dx == x)" : "in place (y == x)",
                     h.bwd ? "in place (dx == dy)" : NULL}},
    {child_guard, {"guard pages", "canaries"}},
    {child_rounding, {"rounding modes", NULL}},
#ifdef HAVE_MXCSR
    {child_ftz, {"FTZ/DAZ", NULL}},
#else
    {NULL, {"FTZ/DAZ", NULL}},
#endif
    {child_fpexc, {"fp exceptions", NULL}},
  };
  const unsigned ng = sizeof G / sizeof G[0];
  if (!a || !act_isa_available(k->isa)) {
    for (unsigned g = 0; g < ng; g++)
      for (int c = 0; c < 2 && G[g].checks[c]; c++)
        act_results_add(rs, SUITE, a ? CHK_SKIP : CHK_FAIL, G[g].checks[c], "%s: %s", k->name,
                        a ? "this machine lacks the kernel's ISA" : "unknown activation");
    return;
  }
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    h.p[i] = p ? p[i] : (float)a->param_defaults[i];
  make_pools(&h, a);
  act_iso_shared *sh = act_iso_shared_new(64);
  for (unsigned g = 0; sh && g < ng; g++) {
    if (!G[g].fn) {
      act_results_add(rs, SUITE, CHK_SKIP, G[g].checks[0], "MXCSR (x86-64) only");
      continue;
    }
    act_iso_outcome out;
    act_isolate(G[g].fn, &h, sh, timeout, &out);
    char step[sizeof sh->step], where[96];
    snprintf(step, sizeof step, "%s", sh->step);
    int named = act_iso_fault_where(sh, &out, where, sizeof where);
    long tag[4];
    memcpy(tag, sh->tag, sizeof tag);
    act_results got = {0};
    act_iso_shared_take(sh, &got);
    if (out.status == ACT_ISO_TIMEOUT) {
      act_results_add(&got, SUITE, CHK_FAIL, G[g].checks[0], "hang: no return within %.1f s at %s",
                      timeout, step);
    } else if (out.status == ACT_ISO_CRASHED && G[g].fn == child_guard && named &&
               (tag[0] == GUARD_AFTER || tag[0] == GUARD_BEFORE)) {
      char sd[64];
      shape s = {(size_t)tag[1], (size_t)tag[2]};
      shape_str(&h, s, sd, sizeof sd);
      if (tag[0] == GUARD_AFTER)
        act_results_add(&got, SUITE, CHK_FAIL, "guard pages",
                        "overrun past %s: %s (%s); each buffer ends at a page boundary followed "
                        "by a PROT_NONE page", sd, where, act_signal_name(out.signal));
      else
        act_results_add(&got, SUITE, CHK_FAIL, "guard pages",
                        "underrun before [0], %s: %s (%s); each buffer starts right after a "
                        "PROT_NONE page", sd, where, act_signal_name(out.signal));
    } else if (out.status != ACT_ISO_COMPLETED) {
      act_results_add(&got, SUITE, CHK_FAIL, G[g].checks[0], "%s at %s%s%s", out.what, step,
                      out.have_fault ? ": " : "", out.have_fault ? where : "");
    }
    for (int c = 0; c < 2 && G[g].checks[c]; c++) {
      int have = 0;
      for (size_t i = 0; i < got.n; i++)
        have |= !strcmp(got.r[i].check, G[g].checks[c]);
      if (!have)
        act_results_add(&got, SUITE, CHK_SKIP, G[g].checks[c], "not finished: %s at %s",
                        out.what, step);
    }
    for (size_t i = 0; i < got.n; i++)
      act_results_add(rs, got.r[i].suite, got.r[i].status, got.r[i].check, "%s",
                      got.r[i].detail);
    act_results_free(&got);
  }
  if (!sh)
    act_results_add(rs, SUITE, CHK_FAIL, "lengths", "cannot map shared memory");
  act_iso_shared_free(sh);
  free(h.pool), free(h.dpool), free(h.ord);
}
