/* remote.c: the host side of remote NEON calls (remote.h, proto.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fenv.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define MXCSR_FZ 0x8040u /* FTZ (bit 15) and DAZ (bit 6) */
#endif

#include "proto.h"
#include "remote.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
  pid_t owner; /* the process the runner below belongs to */
  pid_t pid;
  int fd;
} R = {0, 0, -1};
static int avail = -1;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* A child forked while another thread held the lock gets a fresh one; its
 * runner is its own (ensure() sees the new pid). */
static void atfork_child(void)
{
  pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
  lock = fresh;
}
static void atfork_init(void) { pthread_atfork(NULL, NULL, atfork_child); }
static char why[8600];
static char runner_path[4096], qemu_path[4096];

/* ---- finding things --------------------------------------------------------- */

static int is_exec(const char *p)
{
  struct stat st;
  return p && *p && stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

static int find_runner(void)
{
  const char *e = getenv("ACTCHECK_NEON_RUNNER");
  if (e) {
    snprintf(runner_path, sizeof runner_path, "%s", e);
    if (is_exec(runner_path))
      return 1;
    snprintf(why, sizeof why, "ACTCHECK_NEON_RUNNER=%s is not an executable file", e);
    return 0;
  }
  e = getenv("ACTCHECK_BUILD");
  if (e && *e) {
    snprintf(runner_path, sizeof runner_path, "%s/neon/act-neon-runner", e);
    if (is_exec(runner_path))
      return 1;
  }
#ifdef ACT_NEON_RUNNER_PATH
  snprintf(runner_path, sizeof runner_path, "%s", ACT_NEON_RUNNER_PATH);
  if (is_exec(runner_path))
    return 1;
#endif
  char exe[4000];
  ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (l > 0) {
    exe[l] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      static const char *const rel[] = {"/neon/act-neon-runner", "/../neon/act-neon-runner"};
      for (int i = 0; i < 2; i++) {
        snprintf(runner_path, sizeof runner_path, "%s%s", exe, rel[i]);
        if (is_exec(runner_path))
          return 1;
      }
    }
  }
  snprintf(why, sizeof why, "the AArch64 runner neon/act-neon-runner is not built (needs "
                            "aarch64-linux-gnu-gcc: apt-get install gcc-aarch64-linux-gnu; make)");
  return 0;
}

static int on_path(const char *name, char *out, size_t len)
{
  if (strchr(name, '/')) {
    snprintf(out, len, "%s", name);
    return is_exec(out);
  }
  const char *path = getenv("PATH");
  if (!path)
    path = "/usr/local/bin:/usr/bin:/bin";
  while (*path) {
    const char *c = strchr(path, ':');
    size_t n = c ? (size_t)(c - path) : strlen(path);
    snprintf(out, len, "%.*s/%s", (int)n, n ? path : ".", name);
    if (is_exec(out))
      return 1;
    path += n + (c != NULL);
  }
  return 0;
}

static int find_qemu(void)
{
#if defined(__aarch64__)
  qemu_path[0] = 0; /* the runner runs natively */
  return 1;
#else
  const char *e = getenv("ACTCHECK_QEMU");
  if (e) {
    if (*e && on_path(e, qemu_path, sizeof qemu_path))
      return 1;
    snprintf(why, sizeof why, "ACTCHECK_QEMU=%s is not an executable", e);
    return 0;
  }
  if (on_path("qemu-aarch64", qemu_path, sizeof qemu_path) ||
      on_path("qemu-aarch64-static", qemu_path, sizeof qemu_path))
    return 1;
  snprintf(why, sizeof why, "qemu-aarch64 not found (apt-get install qemu-user)");
  return 0;
#endif
#if defined(__aarch64__)
  (void)on_path;
#endif
}

/* ---- talking --------------------------------------------------------------------- */

static int send_full(const void *buf, size_t len)
{
  const char *p = buf;
  while (len) {
    ssize_t w = send(R.fd, p, len, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w, len -= (size_t)w;
  }
  return 0;
}

/* iov[0..n) in one message where the socket takes it */
static int sendv_full(struct iovec *iov, int n)
{
  while (n > 0) {
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)n};
    ssize_t w = sendmsg(R.fd, &m, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    while (n > 0 && (size_t)w >= iov->iov_len)
      w -= (ssize_t)iov->iov_len, iov++, n--;
    if (n > 0) {
      iov->iov_base = (char *)iov->iov_base + w;
      iov->iov_len -= (size_t)w;
    }
  }
  return 0;
}

static int recv_full(void *buf, size_t len)
{
  char *p = buf;
  while (len) {
    ssize_t r = recv(R.fd, p, len, 0);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    p += r, len -= (size_t)r;
  }
  return 0;
}

static int start(void)
{
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
    snprintf(why, sizeof why, "socketpair: %s", strerror(errno));
    return 0;
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(why, sizeof why, "fork: %s", strerror(errno));
    close(sv[0]), close(sv[1]);
    return 0;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* dies with the thread that started it */
    if (getppid() != parent)
      _exit(127);
    dup2(sv[1], 0), dup2(sv[1], 1);
    for (int s = 1; s < 32; s++)
      if (s != SIGKILL && s != SIGSTOP)
        signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (qemu_path[0])
      execl(qemu_path, qemu_path, runner_path, (char *)NULL);
    else
      execl(runner_path, runner_path, (char *)NULL);
    _exit(127);
  }
  close(sv[1]);
  R.fd = sv[0], R.pid = pid, R.owner = getpid();
  return 1;
}

static void stop(void)
{
  if (R.fd >= 0)
    close(R.fd);
  if (R.pid > 0 && R.owner == getpid())
    waitpid(R.pid, NULL, 0);
  R.fd = -1, R.pid = 0;
}

/* Say hello; the runner must have this build's NEON rows, in order. */
static int hello(void)
{
  np_req q;
  memset(&q, 0, sizeof q);
  q.magic = NP_MAGIC, q.op = NP_HELLO;
  np_rep r;
  if (send_full(&q, sizeof q) || recv_full(&r, sizeof r) || r.magic != NP_MAGIC) {
    snprintf(why, sizeof why, "%s%s%s did not answer", qemu_path, qemu_path[0] ? " " : "",
             runner_path);
    return 0;
  }
  uint64_t h = NP_FNV_INIT;
  uint32_t n = 0;
  for (unsigned i = 0; i < act_kernel_count; i++)
    if (act_kernels[i].isa == ACT_ISA_NEON)
      h = np_fnv(h, act_kernels[i].name), n++;
  if (r.version != NP_VERSION || r.nkernels != n || r.hash != h) {
    snprintf(why, sizeof why, "%s is out of date (protocol %u, %u NEON rows; this build: %u, "
             "%u): rebuild it (make)", runner_path, r.version, r.nkernels, NP_VERSION, n);
    return 0;
  }
  return 1;
}

/* The runner of this process, started if need be (lock held).  A child
 * forked from a process with a runner closes its copy of the socket. */
static int ensure(void)
{
  if (R.owner != getpid()) {
    if (R.fd >= 0)
      close(R.fd);
    R.fd = -1, R.pid = 0, R.owner = getpid();
  }
  if (R.fd >= 0)
    return 1;
  if (!start())
    return 0;
  if (!hello()) {
    stop();
    return 0;
  }
  return 1;
}

int act_neon_remote_available(void)
{
  pthread_once(&atfork_once, atfork_init);
  pthread_mutex_lock(&lock);
  if (avail < 0) {
    avail = find_runner() && find_qemu() && ensure();
    if (!avail)
      fprintf(stderr, "actcheck: NEON kernels SKIPPED (not run, not passed): %s\n", why);
  }
  int a = avail;
  pthread_mutex_unlock(&lock);
  return a;
}

const char *act_neon_remote_why(void) { return avail == 0 ? why : ""; }

__attribute__((noreturn, format(printf, 1, 2))) static void fatal(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "actcheck: NEON runner: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  abort();
}

/* ---- the floating-point environment --------------------------------------------- */

static uint32_t host_fpcr(void)
{
  int m = fegetround();
  uint32_t rm = m == FE_UPWARD ? 1 : m == FE_DOWNWARD ? 2 : m == FE_TOWARDZERO ? 3 : 0;
  uint32_t v = rm << NP_FPCR_RMODE_SHIFT;
#if defined(MXCSR_FZ)
  if (_mm_getcsr() & MXCSR_FZ)
    v |= NP_FPCR_FZ;
#elif defined(__aarch64__)
  uint64_t c;
  __asm__ volatile("mrs %0, fpcr" : "=r"(c));
  v |= (uint32_t)c & NP_FPCR_FZ;
#endif
  return v;
}

/* The kernel's changes to the environment, mirrored on the host. */
static void host_apply(uint32_t before, uint32_t after, uint32_t fpsr)
{
  uint32_t rmask = 3u << NP_FPCR_RMODE_SHIFT;
  if ((before ^ after) & rmask) {
    static const int modes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    fesetround(modes[(after & rmask) >> NP_FPCR_RMODE_SHIFT]);
  }
  if ((before ^ after) & NP_FPCR_FZ) {
#if defined(MXCSR_FZ)
    unsigned c = _mm_getcsr();
    _mm_setcsr(after & NP_FPCR_FZ ? c | MXCSR_FZ : c & ~MXCSR_FZ);
#elif defined(__aarch64__)
    uint64_t c;
    __asm__ volatile("mrs %0, fpcr" : "=r"(c));
    c = (c & ~(uint64_t)NP_FPCR_FZ) | (after & NP_FPCR_FZ);
    __asm__ volatile("msr fpcr, %0" : : "r"(c));
#endif
  }
  int ex = (fpsr & NP_FPSR_IOC ? FE_INVALID : 0) | (fpsr & NP_FPSR_DZC ? FE_DIVBYZERO : 0) |
           (fpsr & NP_FPSR_OFC ? FE_OVERFLOW : 0) | (fpsr & NP_FPSR_UFC ? FE_UNDERFLOW : 0) |
           (fpsr & NP_FPSR_IXC ? FE_INEXACT : 0);
  if (ex)
    feraiseexcept(ex);
}

/* ---- faults ------------------------------------------------------------------------ */

/* The runner faulted at byte foff of the buffer in slot fslot: make the
 * same access fault here (the host page made PROT_NONE), so the process dies
 * as a native overrun into a guard page would; else raise the signal. */
static void (*fault_hook)(size_t, void *);
static void *fault_ctx;

__attribute__((noreturn)) static void replay(const np_rep *r, const void *const ptr[3])
{
  if (fault_hook)
    fault_hook((size_t)r->index, fault_ctx);
  int sig = r->sig > 0 && r->sig < 32 ? r->sig : SIGSEGV;
  if (getenv("ACTCHECK_NEON_DEBUG"))
    fprintf(stderr, "actcheck: NEON runner: signal %d, %s at slot %d offset %lld (runner "
            "address %#llx)\n", sig, r->fwrite == 1 ? "write" : r->fwrite == 0 ? "read" : "access",
            r->fslot, (long long)r->foff, (unsigned long long)r->faddr);
  stop();
  if ((sig == SIGSEGV || sig == SIGBUS) && r->fslot >= 0 && r->fslot < 3 && ptr[r->fslot]) {
    volatile unsigned char *a = (volatile unsigned char *)ptr[r->fslot] + r->foff;
    long pg = sysconf(_SC_PAGESIZE);
    uintptr_t base = (uintptr_t)a & ~(uintptr_t)(pg > 0 ? pg - 1 : 4095);
    mprotect((void *)base, pg > 0 ? (size_t)pg : 4096, PROT_NONE);
    if (r->fwrite == 1)
      __atomic_fetch_or((unsigned char *)a, 0, __ATOMIC_SEQ_CST); /* a write access */
    else
      (void)*a;
  }
  signal(sig, SIG_DFL);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  raise(sig);
  abort();
}

/* ---- calls ------------------------------------------------------------------------- */

static int is_bwd(act_shape shape)
{
  return shape == ACT_SHAPE_f32_bwd_p || shape == ACT_SHAPE_f32_bwd ||
         shape == ACT_SHAPE_f32_row_bwd;
}

/* Lock, the runner of this process, a request for name (lock held after). */
static void begin(np_req *q, const char *name, uint32_t op, act_shape shape, size_t rows,
                  size_t cols, const float *params)
{
  pthread_once(&atfork_once, atfork_init);
  pthread_mutex_lock(&lock);
  if (avail < 0) {
    avail = find_runner() && find_qemu();
    if (!avail)
      fatal("%s", why);
  }
  if (!avail || !ensure())
    fatal("cannot start %s%s%s: %s", qemu_path, qemu_path[0] ? " " : "", runner_path, why);
  if (strlen(name) >= sizeof q->name)
    fatal("kernel name too long: %s", name);
  memset(q, 0, sizeof *q);
  q->magic = NP_MAGIC, q->op = op, q->shape = shape, q->rows = rows, q->cols = cols;
  strcpy(q->name, name);
  if (params) /* the registry's kernels get ACT_MAX_PARAMS parameters */
    memcpy(q->params, params, sizeof q->params);
  else
    q->flags |= NF_NULL_P;
  q->fpcr = host_fpcr();
}

/* The reply header; dies the way the runner did if it faulted. */
static void reply(np_rep *r, const char *name, const void *const ptr[3])
{
  if (recv_full(r, sizeof *r) || r->magic != NP_MAGIC) {
    int st = 0;
    pid_t pid = R.pid;
    stop();
    if (pid > 0 && waitpid(pid, &st, WNOHANG) == pid && WIFSIGNALED(st))
      fatal("died of signal %d during %s", WTERMSIG(st), name);
    fatal("died or stopped answering during %s", name);
  }
  if (r->status == NP_FAULT)
    replay(r, ptr);
  if (r->status == NP_UNKNOWN)
    fatal("it has no kernel %s (rebuild it: make)", name);
  if (r->status != NP_OK)
    fatal("it refused the call of %s (pointers not 4-byte aligned?)", name);
}

/* The writes around the buffers, done around the host's. */
static void writes_around(const np_rep *r, const char *name, const void *const ptr[3])
{
  for (uint32_t i = 0; i < r->nwrites; i++) {
    np_write w;
    if (recv_full(&w, sizeof w))
      fatal("lost during %s", name);
    if (w.slot >= 0 && w.slot < 3 && ptr[w.slot])
      memcpy((char *)ptr[w.slot] + w.index * 4, &w.bits, 4);
  }
}

void act_neon_remote_call(const char *name, act_shape shape, size_t rows, size_t cols,
                          const float *x, const float *dy, float *y, const float *params)
{
  np_req q;
  begin(&q, name, NP_CALL, shape, rows, cols, params);
  int bwd = is_bwd(shape);
  if (!bwd)
    dy = NULL;
  const void *ptr[3] = {x, dy, y};
  q.flags |= (bwd ? NF_DY : 0) | (!x ? NF_NULL_X : 0) | (bwd && !dy ? NF_NULL_DY : 0) |
             (!y ? NF_NULL_Y : 0);
  if (y && (const void *)y == (const void *)x)
    q.flags |= NF_Y_IS_X;
  else if (y && dy && (const void *)y == (const void *)dy)
    q.flags |= NF_Y_IS_DY;
  if (dy && dy == x)
    q.flags |= NF_DY_IS_X;
  for (int i = 0; i < 3; i++)
    q.off[i] = ptr[i] ? (uint32_t)((uintptr_t)ptr[i] & (NP_PAGE - 1)) : 0;
  uint32_t fpcr = q.fpcr;
  size_t count = rows * cols, bytes = count * sizeof(float);
  struct iovec iov[4] = {{&q, sizeof q}};
  int ni = 1;
  if (x)
    iov[ni++] = (struct iovec){(void *)x, bytes};
  if (dy && !(q.flags & NF_DY_IS_X))
    iov[ni++] = (struct iovec){(void *)dy, bytes};
  if (y && !(q.flags & (NF_Y_IS_X | NF_Y_IS_DY)))
    iov[ni++] = (struct iovec){y, bytes};
  sendv_full(iov, ni); /* a runner gone shows in the reply */
  np_rep r;
  reply(&r, name, ptr);
  if ((y && recv_full(y, bytes)) || (r.changed & 1 && recv_full((void *)x, bytes)) ||
      (r.changed & 2 && recv_full((void *)dy, bytes)))
    fatal("lost during %s", name);
  writes_around(&r, name, ptr);
  pthread_mutex_unlock(&lock);
  host_apply(fpcr, r.fpcr, r.fpsr);
}

void act_neon_remote_each(const char *name, act_shape shape, size_t count, float *const at[3],
                          const float *xs, const float *dys, float *ys, const float *params,
                          void (*hook)(size_t j, void *ctx), void *ctx)
{
  int bwd = is_bwd(shape);
  if (shape == ACT_SHAPE_f32_row_fwd || shape == ACT_SHAPE_f32_row_bwd)
    fatal("%s: calls one at a time are for elementwise kernels", name);
  np_req q;
  begin(&q, name, NP_EACH, shape, count, 1, params);
  const void *ptr[3] = {at[0], bwd ? at[1] : NULL, at[2]};
  if (!at[0] || !at[2] || (bwd && !at[1]) || at[0] == at[2] || (bwd && (at[1] == at[0] ||
      at[1] == at[2])))
    fatal("%s: one-at-a-time calls want three separate buffers", name);
  q.flags |= bwd ? NF_DY : 0;
  for (int i = 0; i < 3; i++)
    q.off[i] = ptr[i] ? (uint32_t)((uintptr_t)ptr[i] & (NP_PAGE - 1)) : 0;
  uint32_t fpcr = q.fpcr;
  size_t bytes = count * sizeof(float);
  struct iovec iov[4] = {{&q, sizeof q}, {(void *)xs, bytes}};
  int ni = 2;
  if (bwd)
    iov[ni++] = (struct iovec){(void *)dys, bytes};
  iov[ni++] = (struct iovec){at[2], sizeof(float)};
  sendv_full(iov, ni);
  np_rep r;
  fault_hook = hook, fault_ctx = ctx;
  reply(&r, name, ptr);
  fault_hook = NULL;
  if (recv_full(ys, bytes) || recv_full(at[0], sizeof(float)) ||
      (bwd && recv_full(at[1], sizeof(float))))
    fatal("lost during %s", name);
  if (count)
    memcpy(at[2], &ys[count - 1], sizeof(float));
  writes_around(&r, name, ptr);
  pthread_mutex_unlock(&lock);
  host_apply(fpcr, r.fpcr, r.fpsr);
}
