/* xnnpack.c: XNNPACK's elementwise operators (Debian's libxnnpack, the
 * 2022-02 snapshot, C API) as forward kernels of our ABI.  XNNPACK is an
 * inference library: it has no backward operators, so there are no backward
 * rows.  What it returns is passed through untouched.
 *
 * Operators: clamp (relu as [0, +inf], relu6 as [0, 6], hardtanh as
 * [min_val, max_val]), leaky_relu, prelu, elu, sigmoid, hardswish, and
 * softmax (row-wise).  This snapshot has no tanh, gelu or swish operator.
 *
 * One operator per (kind, parameters) for the elementwise ones (created with
 * one channel, so a call of n floats is a batch of n: XNNPACK runs it as one
 * contiguous vector), per (alpha, n) for prelu (n channels, n copies of the
 * slope: a batch of rows of one channel would run its 2-D kernel one float
 * per row) and per row length for softmax; kept in a small per-thread cache
 * (LRU, CACHE entries).  xnn_setup_* binds the arrays; it is skipped when the
 * arrays and the count are those of the previous call, so a repeated call
 * costs one xnn_run_operator.  n = 0 does nothing.  Failures are printed once
 * on stderr and give NaN outputs (never silently wrong numbers); so does a
 * NaN parameter.
 *
 * Threads: no thread pool (NULL), so each call runs on the calling thread,
 * single-threaded like every kernel in the registry.
 *
 * Subnormals: XNNPACK runs its operators with denormals disabled
 * (pthreadpool's PTHREADPOOL_FLAG_DISABLE_DENORMALS: FTZ and DAZ for the
 * call, MXCSR restored after), so subnormal inputs count as 0 and subnormal
 * results come out 0: the rows are flagged FLUSHES.
 *
 * ISA: XNNPACK picks its micro-kernels from cpuinfo (AVX-512F where there is
 * one, else AVX2, FMA3, AVX or SSE); there is no switch to limit it. */
#if defined(__x86_64__)
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <xnnpack.h>

#include "actcheck.h"

enum { CACHE = 8 };

typedef enum { K_CLAMP, K_LEAKY, K_PRELU, K_ELU, K_SIGMOID, K_HARDSWISH, K_SOFTMAX } kind;

typedef struct {
  kind k;
  float a, b;
  size_t n;         /* channels: prelu's n, softmax's row length, else 1 */
  uint64_t used;    /* 0: empty */
  xnn_operator_t op;
  const float *x;   /* what the last setup bound */
  float *y;
  size_t batch;
} entry;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static enum xnn_status init_status;
static __thread entry cache[CACHE];
static __thread uint64_t tick;

static void init(void) { init_status = xnn_initialize(NULL); }

static int failed(enum xnn_status s, const char *what)
{
  static int said;
  if (s == xnn_status_success)
    return 0;
  if (!__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
    fprintf(stderr, "xnnpack adapter: %s failed (xnn status %d); results are NaN\n", what,
            (int)s);
  return 1;
}

static enum xnn_status create(kind k, float a, float b, size_t n, xnn_operator_t *op)
{
  switch (k) {
  case K_CLAMP: return xnn_create_clamp_nc_f32(1, 1, 1, a, b, 0, op);
  case K_LEAKY: return xnn_create_leaky_relu_nc_f32(1, 1, 1, a, 0, op);
  case K_ELU: return xnn_create_elu_nc_f32(1, 1, 1, a, 0, op);
  case K_SIGMOID: return xnn_create_sigmoid_nc_f32(1, 1, 1, 0, op);
  case K_HARDSWISH: return xnn_create_hardswish_nc_f32(1, 1, 1, 0, op);
  case K_SOFTMAX: return xnn_create_softmax_nc_f32(n, n, n, 0, op);
  case K_PRELU: {
    float *s = malloc(n * sizeof *s); /* the slopes are packed at creation */
    if (!s)
      return xnn_status_out_of_memory;
    for (size_t i = 0; i < n; i++)
      s[i] = a;
    enum xnn_status r = xnn_create_prelu_nc_f32(n, n, n, s, 0, op);
    free(s);
    return r;
  }
  }
  return xnn_status_invalid_parameter;
}

static enum xnn_status setup(const entry *e, size_t batch, const float *x, float *y)
{
  switch (e->k) {
  case K_CLAMP: return xnn_setup_clamp_nc_f32(e->op, batch, x, y, NULL);
  case K_LEAKY: return xnn_setup_leaky_relu_nc_f32(e->op, batch, x, y, NULL);
  case K_ELU: return xnn_setup_elu_nc_f32(e->op, batch, x, y, NULL);
  case K_SIGMOID: return xnn_setup_sigmoid_nc_f32(e->op, batch, x, y, NULL);
  case K_HARDSWISH: return xnn_setup_hardswish_nc_f32(e->op, batch, x, y, NULL);
  case K_SOFTMAX: return xnn_setup_softmax_nc_f32(e->op, batch, x, y, NULL);
  case K_PRELU: return xnn_setup_prelu_nc_f32(e->op, batch, x, y, NULL);
  }
  return xnn_status_invalid_parameter;
}

/* The operator for (k, a, b, n): from the cache, else created (replacing
 * the least recently used entry).  NULL on failure. */
static entry *get(kind k, float a, float b, size_t n)
{
  entry *e = &cache[0];
  for (int i = 0; i < CACHE; i++) {
    entry *c = &cache[i];
    if (c->used && c->k == k && c->a == a && c->b == b && c->n == n) {
      c->used = ++tick;
      return c;
    }
    if (c->used < e->used)
      e = c;
  }
  if (e->op)
    xnn_delete_operator(e->op);
  *e = (entry){0};
  pthread_once(&init_once, init);
  if (failed(init_status, "xnn_initialize") ||
      failed(create(k, a, b, n, &e->op), "xnn_create (operator)")) {
    e->op = NULL;
    return NULL;
  }
  e->k = k, e->a = a, e->b = b, e->n = n;
  e->used = ++tick;
  return e;
}

/* y = op(x) over batch rows of cols floats (elementwise: cols = 1; the
 * operator is made for cols channels) */
static void run(kind k, float a, float b, size_t batch, size_t cols, const float *x, float *y)
{
  if (batch == 0 || cols == 0)
    return;
  entry *e = isnan(a) || isnan(b) ? NULL : get(k, a, b, cols);
  int bad = !e;
  if (!bad && (e->x != x || e->y != y || e->batch != batch)) {
    e->x = NULL; /* unbound until setup succeeds */
    bad = failed(setup(e, batch, x, y), "xnn_setup (operator)");
    if (!bad)
      e->x = x, e->y = y, e->batch = batch;
  }
  bad = bad || failed(xnn_run_operator(e->op, NULL), "xnn_run_operator");
  if (bad)
    for (size_t i = 0; i < batch * cols; i++)
      y[i] = NAN;
}

/* The kernels: F(symbol, kind, a, b); p is the params array (the
 * activation's order, `actcheck list`). */
#define P(i) (p ? p[i] : NAN)
#define F(sym, K, A, B)                                                     \
  act_f32_fwd_p sym;                                                        \
  void sym(size_t n, const float *x, float *y, const float *p)              \
  {                                                                         \
    (void)p;                                                                \
    run(K, A, B, n, 1, x, y);                                               \
  }

F(f32_relu_peer_xnnpack_clamp, K_CLAMP, 0.0f, INFINITY)
F(f32_relu6_peer_xnnpack_clamp, K_CLAMP, 0.0f, 6.0f)
F(f32_hardtanh_peer_xnnpack_clamp, K_CLAMP, P(0), P(1))   /* min_val, max_val */
F(f32_leaky_relu_peer_xnnpack_leaky_relu, K_LEAKY, P(0), 0)
F(f32_elu_peer_xnnpack_elu, K_ELU, P(0), 0)
F(f32_sigmoid_peer_xnnpack_sigmoid, K_SIGMOID, 0, 0)
F(f32_hardswish_peer_xnnpack_hardswish, K_HARDSWISH, 0, 0)

/* prelu: one row of n channels, each with the slope alpha */
act_f32_fwd_p f32_prelu_peer_xnnpack_prelu;
void f32_prelu_peer_xnnpack_prelu(size_t n, const float *x, float *y, const float *p)
{
  run(K_PRELU, P(0), 0, 1, n, x, y);
}

act_f32_row_fwd f32_softmax_peer_xnnpack_softmax;
void f32_softmax_peer_xnnpack_softmax(size_t rows, size_t cols, const float *x, float *y)
{
  run(K_SOFTMAX, 0, 0, rows, cols, x, y);
}

#endif
