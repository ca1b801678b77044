/* onednn.c: oneDNN's eltwise primitive (libdnnl 2.6, C API) as kernels of
 * our ABI, forward and backward (the "from src" formulas of oneDNN's eltwise
 * guide).  Whatever oneDNN returns is passed through untouched: its
 * accuracy and conventions are what the suites measure.
 *
 * One primitive per (algorithm, alpha, beta, n, direction), created on first
 * use and kept in a small per-thread cache (LRU, CACHE entries), with memory
 * objects made once and pointed at the caller's arrays on every call
 * (dnnl_memory_set_data_handle), so a repeated call costs one execute.
 * n = 0 does nothing.  Failures of the library are printed once on stderr
 * and give NaN outputs (never silently wrong numbers); so does a NaN alpha,
 * the adapters' way of refusing a parameter oneDNN cannot take.
 *
 * Threads: oneDNN here runs on GNU OpenMP.  Every call runs with the calling
 * thread's OpenMP thread count set to 1 (and restored after), so oneDNN never
 * starts an OpenMP team: the kernel is single-threaded like every other kernel
 * in the registry (a fair per-core comparison), and it works in a child forked
 * after an earlier call (libgomp's pool does not survive fork; there is none).
 *
 * ISA: oneDNN picks its own code path (dnnl_get_effective_cpu_isa; the
 * environment variable DNNL_MAX_CPU_ISA limits it, process-wide, before the
 * first primitive).  bench_kernels prints the path in use. */
#if defined(__x86_64__)
#include <math.h>
#include <omp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <oneapi/dnnl/dnnl.h>

#include "actcheck.h"
#include "peers.h"

enum { CACHE = 8 };

typedef struct {
  dnnl_alg_kind_t alg;
  float alpha, beta;
  size_t n;
  int bwd;
  uint64_t used; /* 0: empty */
  dnnl_primitive_t prim;
  dnnl_memory_t m[3]; /* fwd: src, dst; bwd: src, diff_dst, diff_src */
} entry;

static dnnl_engine_t engine;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;
static dnnl_status_t engine_status;
static __thread dnnl_stream_t stream;
static __thread entry cache[CACHE];
static __thread uint64_t tick;

static void make_engine(void) { engine_status = dnnl_engine_create(&engine, dnnl_cpu, 0); }

static int failed(dnnl_status_t s, const char *what)
{
  static int said;
  if (s == dnnl_success)
    return 0;
  if (!__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
    fprintf(stderr, "onednn adapter: %s failed (dnnl status %d); results are NaN\n", what, (int)s);
  return 1;
}

static void drop(entry *e)
{
  for (int i = 0; i < 3; i++)
    if (e->m[i])
      dnnl_memory_destroy(e->m[i]);
  if (e->prim)
    dnnl_primitive_destroy(e->prim);
  *e = (entry){0};
}

/* The primitive for this shape: from the cache, else created (replacing the
 * least recently used entry).  NULL on failure. */
static entry *get(dnnl_alg_kind_t alg, float alpha, float beta, size_t n, int bwd)
{
  entry *e = &cache[0];
  for (int i = 0; i < CACHE; i++) {
    entry *c = &cache[i];
    if (c->used && c->alg == alg && c->alpha == alpha && c->beta == beta && c->n == n &&
        c->bwd == bwd) {
      c->used = ++tick;
      return c;
    }
    if (c->used < e->used)
      e = c;
  }
  drop(e);
  pthread_once(&engine_once, make_engine);
  if (failed(engine_status, "dnnl_engine_create"))
    return NULL;
  if (!stream && failed(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags),
                        "dnnl_stream_create"))
    return NULL;
  dnnl_dims_t dims = {(dnnl_dim_t)n};
  dnnl_memory_desc_t md;
  dnnl_eltwise_desc_t fd, bd;
  dnnl_primitive_desc_t fpd = NULL, bpd = NULL;
  int bad = failed(dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a),
                   "dnnl_memory_desc_init_by_tag") ||
            failed(dnnl_eltwise_forward_desc_init(&fd, bwd ? dnnl_forward_training
                                                           : dnnl_forward_inference,
                                                  alg, &md, alpha, beta),
                   "dnnl_eltwise_forward_desc_init") ||
            failed(dnnl_primitive_desc_create(&fpd, &fd, NULL, engine, NULL),
                   "dnnl_primitive_desc_create (forward)");
  if (!bad && bwd)
    bad = failed(dnnl_eltwise_backward_desc_init(&bd, alg, &md, &md, alpha, beta),
                 "dnnl_eltwise_backward_desc_init") ||
          failed(dnnl_primitive_desc_create(&bpd, &bd, NULL, engine, fpd),
                 "dnnl_primitive_desc_create (backward)");
  if (!bad)
    bad = failed(dnnl_primitive_create(&e->prim, bwd ? bpd : fpd), "dnnl_primitive_create");
  for (int i = 0; i < 2 + bwd && !bad; i++)
    bad = failed(dnnl_memory_create(&e->m[i], &md, engine, DNNL_MEMORY_NONE),
                 "dnnl_memory_create");
  if (bpd)
    dnnl_primitive_desc_destroy(bpd);
  if (fpd)
    dnnl_primitive_desc_destroy(fpd);
  if (bad) {
    drop(e);
    return NULL;
  }
  e->alg = alg, e->alpha = alpha, e->beta = beta, e->n = n, e->bwd = bwd;
  e->used = ++tick;
  return e;
}

void act_peer_onednn(int alg, float alpha, float beta, size_t n, const float *x,
                     const float *dy, float *y)
{
  if (n == 0)
    return;
  int bwd = dy != NULL, nt = omp_get_max_threads();
  if (nt != 1)
    omp_set_num_threads(1);
  entry *e = isnan(alpha) ? NULL : get((dnnl_alg_kind_t)alg, alpha, beta, n, bwd);
  int bad = !e;
  if (!bad) {
    void *h[3] = {(void *)x, bwd ? (void *)dy : y, y};
    static const int fwd_args[] = {DNNL_ARG_SRC, DNNL_ARG_DST};
    static const int bwd_args[] = {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC};
    dnnl_exec_arg_t args[3];
    for (int i = 0; i < 2 + bwd && !bad; i++) {
      args[i].arg = bwd ? bwd_args[i] : fwd_args[i], args[i].memory = e->m[i];
      bad = failed(dnnl_memory_set_data_handle(e->m[i], h[i]), "dnnl_memory_set_data_handle");
    }
    bad = bad || failed(dnnl_primitive_execute(e->prim, stream, 2 + bwd, args),
                        "dnnl_primitive_execute") ||
          failed(dnnl_stream_wait(stream), "dnnl_stream_wait");
  }
  if (nt != 1)
    omp_set_num_threads(nt);
  if (bad)
    for (size_t i = 0; i < n; i++)
      y[i] = NAN;
}

const char *act_peer_onednn_isa(void)
{
  switch (dnnl_get_effective_cpu_isa()) {
  case dnnl_cpu_isa_sse41: return "sse41";
  case dnnl_cpu_isa_avx: return "avx";
  case dnnl_cpu_isa_avx2: return "avx2";
  case dnnl_cpu_isa_avx512_core: return "avx512_core";
  case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
  case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
  default: return "other";
  }
}

/* The kernels: F(symbol, algorithm, alpha, beta); p is the params array
 * (the activation's order, `actcheck list`). */
#define P(i) (p ? p[i] : NAN)
#define F(sym, alg, A, B)                                                   \
  act_f32_fwd_p sym;                                                        \
  void sym(size_t n, const float *x, float *y, const float *p)              \
  {                                                                         \
    (void)p;                                                                \
    act_peer_onednn(dnnl_eltwise_##alg, A, B, n, x, NULL, y);               \
  }                                                                         \
  act_f32_bwd_p sym##_bwd;                                                  \
  void sym##_bwd(size_t n, const float *x, const float *dy, float *dx, const float *p) \
  {                                                                         \
    (void)p;                                                                \
    act_peer_onednn(dnnl_eltwise_##alg, A, B, n, x, dy, dx);                \
  }

F(f32_relu_peer_onednn_relu, relu, 0, 0)
F(f32_leaky_relu_peer_onednn_relu, relu, P(0), 0)          /* alpha: the negative slope */
F(f32_elu_peer_onednn_elu, elu, P(0), 0)
F(f32_tanh_peer_onednn_tanh, tanh, 0, 0)
F(f32_sigmoid_peer_onednn_logistic, logistic, 0, 0)
F(f32_softplus_peer_onednn_soft_relu, soft_relu, p && p[0] != 1 ? NAN : 0, 0) /* 2.6 has no
                                                   beta: beta != 1 is refused (NaN out) */
F(f32_gelu_tanh_peer_onednn_gelu_tanh, gelu_tanh, 0, 0)
F(f32_gelu_peer_onednn_gelu_erf, gelu_erf, 0, 0)
F(f32_silu_peer_onednn_swish, swish, 1, 0)                 /* x sigmoid(alpha x), alpha = 1 */
F(f32_swish_peer_onednn_swish, swish, P(0), 0)             /* alpha = beta */
F(f32_relu6_peer_onednn_clip_v2, clip_v2, 0, 6)            /* bwd: 0 at both edges */
F(f32_hardtanh_peer_onednn_clip_v2, clip_v2, P(0), P(1))
F(f32_logsigmoid_peer_onednn_logsigmoid, logsigmoid, 0, 0)
F(f32_mish_peer_onednn_mish, mish, 0, 0)
F(f32_hardswish_peer_onednn_hardswish, hardswish, 0, 0)

#endif
