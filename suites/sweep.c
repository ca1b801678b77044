/* sweep.c: exhaustive binary32 sweeps in blocks, on all cores, with
 * checkpoints, shards and exact merges.  The file format is in sweep.h. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <omp.h>

#include "fast.h"
#include "sweep.h"

#define NBLOCKS_MAX (1u << 24) /* the done bitmap stays <= 2 MB */

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void set_err(char *err, size_t len, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if (err && len)
    vsnprintf(err, len, fmt, ap);
  va_end(ap);
}

/* ---- the exact sum of round(err * 2^32) -------------------------------- */

static void sum_add_at(act_sweep_sum *s, int i, uint64_t v)
{
  for (; v && i < 6; i++) {
    uint64_t old = s->w[i];
    s->w[i] += v;
    v = s->w[i] < old;
  }
}

static void sum_add_u128(act_sweep_sum *s, unsigned __int128 v)
{
  sum_add_at(s, 0, (uint64_t)v);
  sum_add_at(s, 1, (uint64_t)(v >> 64));
}

/* v: an integer-valued double >= 2^53 (so v = M 2^sh exactly, sh >= 0). */
static void sum_add_big(act_sweep_sum *s, double v)
{
  int e;
  double m = frexp(v, &e);
  uint64_t M = (uint64_t)ldexp(m, 53);
  int sh = e - 53, limb = sh / 64, off = sh % 64;
  sum_add_at(s, limb, M << off);
  if (off)
    sum_add_at(s, limb + 1, M >> (64 - off));
}

static void sum_merge(act_sweep_sum *d, const act_sweep_sum *s)
{
  unsigned carry = 0;
  for (int i = 0; i < 6; i++) {
    unsigned __int128 t = (unsigned __int128)d->w[i] + s->w[i] + carry;
    d->w[i] = (uint64_t)t;
    carry = (unsigned)(t >> 64);
  }
}

static long double sum_value(const act_sweep_sum *s)
{
  long double v = 0;
  for (int i = 5; i >= 0; i--)
    v = v * 0x1p64L + (long double)s->w[i];
  return v;
}

/* ---- statistics ---------------------------------------------------------- */

void act_sweep_stats_init(act_sweep_stats *s) { memset(s, 0, sizeof *s); }

/* ceil(log2 u) + 1 for u in (1, 2^30], from u's exponent and significand bits */
static inline int hist_bucket(double u)
{
  uint64_t b;
  memcpy(&b, &u, 8);
  int e = (int)(b >> 52) - 1023; /* u = 1.m 2^e */
  int k = e + ((b & 0xfffffffffffffu) != 0) + 1; /* for u in (1, 2^30] */
  k = u > 0x1p30 ? ACT_SWEEP_NHIST - 1 : k;
  k = u <= 1 ? 1 : k;
  return u <= 0.5 ? 0 : k;
}

static void add_fail(act_sweep_stats *s, uint32_t x, uint32_t y, act_cmp_kind kind, double ref)
{
  /* Inputs come in ascending order within a block: keep the first ones. */
  if (s->nfail < ACT_SWEEP_KEEP) {
    s->fail[s->nfail].x = x, s->fail[s->nfail].y = y;
    s->fail[s->nfail].kind = kind, s->fail[s->nfail].ref = ref;
    s->nfail++;
  }
}

/* Running sums of a stretch of inputs in one binade, kept in registers
 * rather than in the statistics (whose counters, incremented in memory
 * input after input, would chain every input to the last): flushed into
 * them by flush().  sum52 holds the terms round(u 2^32) below 2^52 (at most
 * 1024 of them between flushes: no overflow). */
typedef struct {
  uint64_t sum52, n_cr, n_h1, n_ulp, n_fb;
  double bmax;             /* max error in the binade */
  unsigned __int128 small; /* the terms in [2^52, 2^63), over the block */
} run_sums;

static void flush(act_sweep_stats *s, run_sums *t, unsigned bi)
{
  s->binade_n[bi] += t->n_ulp;
  if (t->bmax > s->binade_max[bi])
    s->binade_max[bi] = t->bmax;
  s->n_cr += t->n_cr;
  s->hist[0] += t->n_cr;
  s->hist[1] += t->n_h1;
  s->n_fallback += t->n_fb;
  t->small += t->sum52;
  t->sum52 = t->n_cr = t->n_h1 = t->n_ulp = t->n_fb = 0;
  t->bmax = 0;
}

static inline void add_u(act_sweep_stats *s, run_sums *t, uint32_t xb, uint32_t yb, double u,
                         double ref)
{
  t->n_ulp++;
  int h = hist_bucket(u);
  t->n_cr += h == 0;
  t->n_h1 += h == 1;
  if (h > 1)
    s->hist[h]++;
  t->bmax = u > t->bmax ? u : t->bmax;
  if (!s->have_worst || u > s->max_ulp) {
    s->have_worst = 1;
    s->max_ulp = u, s->worst_x = xb, s->worst_y = yb, s->worst_ref = ref;
  }
  double v = u * 0x1p32;
  if (v < 0x1p52) /* round to an integer: rint() in round-to-nearest, without libm */
    t->sum52 += (uint64_t)((v + 0x1p52) - 0x1p52);
  else if (v < 0x1p63)
    t->small += (uint64_t)v; /* already an integer */
  else
    sum_add_big(&s->sum, v);
}

/* One input's answer r against the kernel's output y (the input in the
 * binade of the stretch). */
static inline void stat_one(act_sweep_stats *s, run_sums *t, uint32_t xb, float y,
                            act_fast_ref *r)
{
  t->n_fb += (uint64_t)(r->fell_back != 0);
  double u;
  act_cmp_kind kind = act_fast_compare_inline(y, r, &u);
  if (isnan(r->value)) /* one NaN per sign, so that files round-trip exactly */
    r->value = signbit(r->value) ? -(double)NAN : (double)NAN;
  if (kind != ACT_CMP_ULP) {
    s->n_special[kind]++;
    add_fail(s, xb, act_bits_of_f32(y), kind, r->value);
    return;
  }
  if (!(u <= DBL_MAX)) /* NaN or inf: cannot happen for finite t, but be total */
    u = DBL_MAX;
  add_u(s, t, xb, act_bits_of_f32(y), u, r->value);
}

/* A stretch (in one binade) whose answers follow one rule: an output equal
 * to the rule's value has the same error u0 everywhere (0 when the value is
 * the exact one); the others go through stat_one. */
static void stat_uniform(act_sweep_stats *s, run_sums *t, uint32_t first, size_t m,
                         const float *y, const act_fast_uniform *un)
{
  int scaled = un->kind == ACT_FAST_SCALED;
  float c = (float)un->value; /* the constant, or the scale (1 or 1/2: exact) */
  uint32_t cb = act_bits_of_f32(c);
  act_fast_ref r0 = {.value = un->value, .exact = un->exact, .flags = un->flags,
                     .side = un->side};
  double u0 = 0;
  if (!scaled && act_fast_compare_inline(c, &r0, &u0) != ACT_CMP_ULP)
    u0 = -1; /* cannot happen (the value is a number), but then one by one */
  double v0 = u0 * 0x1p32;
  if (!(v0 < 0x1p52))
    u0 = -1; /* huge: one by one */
  uint64_t r32 = u0 >= 0 ? (uint64_t)((v0 + 0x1p52) - 0x1p52) : 0;
  /* The usual case: every output is the value: all at once. */
  size_t same = 0;
  if (u0 >= 0) {
    if (scaled)
      for (size_t j = 0; j < m; j++)
        same += act_bits_of_f32(y[j]) == act_bits_of_f32(c * act_f32_of_bits(first + (uint32_t)j));
    else
      for (size_t j = 0; j < m; j++)
        same += act_bits_of_f32(y[j]) == cb;
  }
  if (same == m) {
    float w = scaled ? c * act_f32_of_bits(first) : c;
    add_u(s, t, first, act_bits_of_f32(w), u0, scaled ? (double)w : un->value); /* the first */
    int h = hist_bucket(u0);
    uint64_t k = m - 1;
    t->n_ulp += k;
    t->n_cr += h == 0 ? k : 0;
    t->n_h1 += h == 1 ? k : 0;
    if (h > 1)
      s->hist[h] += k;
    t->sum52 += r32 * k; /* k < 1024, r32 < 2^52 */
    return;
  }
  for (size_t j = 0; j < m; j++) {
    uint32_t xb = first + (uint32_t)j;
    act_fast_ref r = r0;
    if (scaled)
      r.value = r.exact = (double)(c * act_f32_of_bits(xb));
    stat_one(s, t, xb, y[j], &r);
  }
}

/* The usual chunk, all at once: every answer and output a finite number
 * (no NaN, infinity or signed-zero question), no side to mind, and every
 * error at most 1 ulp.  Then the errors are act_fast_compare_inline's,
 * computed without branches, and their statistics are sums, a maximum and
 * its first input (as stat_one's strict comparison keeps the lowest).
 * Returns 0, having changed nothing, for any other chunk. */
/* A chunk's statistics into s and t: errors u[0..m) (max umax, its first
 * input the worst when above s's), h0 of them correctly rounded, h1 in
 * (0.5, 1], nfb fallbacks, sum of round(u 2^32) (m <= 1024 terms below
 * 2^33). */
static void chunk_sums(act_sweep_stats *s, run_sums *t, uint32_t first, size_t m, const float *y,
                       const act_fast_ref *ref, const double *u, double umax, uint64_t h0,
                       uint64_t h1, uint64_t nfb, uint64_t sum)
{
  if (!s->have_worst || umax > s->max_ulp) {
    size_t j = 0;
    while (u[j] != umax)
      j++;
    s->have_worst = 1;
    s->max_ulp = umax, s->worst_x = first + (uint32_t)j, s->worst_y = act_bits_of_f32(y[j]);
    s->worst_ref = ref[j].value;
  }
  t->n_fb += nfb;
  t->n_ulp += m;
  t->n_cr += h0;
  t->n_h1 += h1;
  t->bmax = umax > t->bmax ? umax : t->bmax;
  t->sum52 += sum;
}

static int stat_chunk1(act_sweep_stats *s, run_sums *t, uint32_t first, size_t m, const float *y,
                       const act_fast_ref *ref)
{
  enum { CHUNK = 1024 };
  double u[CHUNK];
  int bad = 0;
  uint64_t nfb = 0;
  for (size_t j = 0; j < m; j++) {
    double v = ref[j].value, e = ref[j].exact, yj = y[j];
    bad |= !(fabs(v) <= DBL_MAX) | !(fabs(yj) <= DBL_MAX) | (ref[j].side != 0) | (v == 0);
    nfb += ref[j].fell_back != 0;
    u[j] = fabs(yj - e) * act_fast_inv_ulp(e);
  }
  if (bad)
    return 0;
  uint64_t h0 = 0, h1 = 0, big = 0, sum = 0;
  double umax = 0;
  for (size_t j = 0; j < m; j++) {
    double uj = u[j];
    h0 += uj <= 0.5;
    h1 += (uj > 0.5) & (uj <= 1);
    big += !(uj <= 1);
    umax = uj > umax ? uj : umax;
    sum += (uint64_t)((uj * 0x1p32 + 0x1p52) - 0x1p52); /* rint, u <= 1 */
  }
  if (big)
    return 0;
  chunk_sums(s, t, first, m, y, ref, u, umax, h0, h1, nfb, sum);
  return 1;
}

#if defined(__x86_64__)
#include <immintrin.h>
/* stat_chunk1 on four inputs at a time (m a multiple of 4), with the same
 * results: the same operations on each input; the error sum is kept in
 * doubles (each term an integer below 2^33, a lane's sum of 256 of them
 * below 2^41: exact), the counts as 64-bit lanes.  AVX2 without FMA, so
 * nothing is contracted.  Four act_fast_ref (32 bytes each: value, exact,
 * flags and fell_back, side and padding) are transposed into four vectors. */
__attribute__((target("avx2"))) static int stat_chunk4(act_sweep_stats *s, run_sums *t,
                                                       uint32_t first, size_t m, const float *y,
                                                       const act_fast_ref *ref)
{
  enum { CHUNK = 1024 };
  double u[CHUNK];
  const __m256d absm = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
  const __m256d dmax = _mm256_set1_pd(DBL_MAX), zero = _mm256_setzero_pd();
  const __m256i low32 = _mm256_set1_epi64x(0xffffffff), minf = _mm256_set1_epi64x(1023 - 126);
  __m256d bad = zero, umax = zero, sum = zero;
  __m256i nfb = _mm256_setzero_si256(), h0 = nfb, h1 = nfb, big = nfb;
  for (size_t j = 0; j < m; j += 4) {
    const double *r = (const double *)(const void *)(ref + j);
    __m256d r0 = _mm256_loadu_pd(r), r1 = _mm256_loadu_pd(r + 4);
    __m256d r2 = _mm256_loadu_pd(r + 8), r3 = _mm256_loadu_pd(r + 12);
    __m256d l01 = _mm256_unpacklo_pd(r0, r1), l23 = _mm256_unpacklo_pd(r2, r3);
    __m256d h01 = _mm256_unpackhi_pd(r0, r1), h23 = _mm256_unpackhi_pd(r2, r3);
    __m256d v = _mm256_permute2f128_pd(l01, l23, 0x20), fl = _mm256_permute2f128_pd(l01, l23, 0x31);
    __m256d e = _mm256_permute2f128_pd(h01, h23, 0x20), sd = _mm256_permute2f128_pd(h01, h23, 0x31);
    __m256d yj = _mm256_cvtps_pd(_mm_loadu_ps(y + j));
    __m256i side = _mm256_and_si256(_mm256_castpd_si256(sd), low32);
    bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(v, absm), dmax, _CMP_NLE_UQ));
    bad = _mm256_or_pd(bad, _mm256_cmp_pd(_mm256_and_pd(yj, absm), dmax, _CMP_NLE_UQ));
    bad = _mm256_or_pd(bad, _mm256_cmp_pd(v, zero, _CMP_EQ_OQ));
    bad = _mm256_or_pd(bad, _mm256_castsi256_pd(_mm256_xor_si256(
                                _mm256_cmpeq_epi64(side, _mm256_setzero_si256()), _mm256_set1_epi64x(-1))));
    __m256i fb = _mm256_srli_epi64(_mm256_castpd_si256(fl), 32);
    nfb = _mm256_sub_epi64(nfb, _mm256_xor_si256(_mm256_cmpeq_epi64(fb, _mm256_setzero_si256()),
                                                 _mm256_set1_epi64x(-1)));
    /* act_fast_inv_ulp: 2^-(max(E, -126) - 23), exponent field 2069 - max(field, 897) */
    __m256i fe = _mm256_srli_epi64(_mm256_slli_epi64(_mm256_castpd_si256(e), 1), 53);
    fe = _mm256_blendv_epi8(fe, minf, _mm256_cmpgt_epi64(minf, fe));
    __m256d inv = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_sub_epi64(_mm256_set1_epi64x(2069), fe), 52));
    __m256d uj = _mm256_mul_pd(_mm256_and_pd(_mm256_sub_pd(yj, e), absm), inv);
    _mm256_storeu_pd(u + j, uj);
    __m256d le1 = _mm256_cmp_pd(uj, _mm256_set1_pd(1), _CMP_LE_OQ);
    __m256d le5 = _mm256_cmp_pd(uj, _mm256_set1_pd(0.5), _CMP_LE_OQ);
    h0 = _mm256_sub_epi64(h0, _mm256_castpd_si256(le5));
    h1 = _mm256_sub_epi64(h1, _mm256_castpd_si256(_mm256_andnot_pd(le5, le1)));
    big = _mm256_sub_epi64(big, _mm256_castpd_si256(_mm256_xor_pd(le1, _mm256_castsi256_pd(_mm256_set1_epi64x(-1)))));
    umax = _mm256_max_pd(uj, umax); /* uj > umax ? uj : umax */
    __m256d k = _mm256_sub_pd(_mm256_add_pd(_mm256_mul_pd(uj, _mm256_set1_pd(0x1p32)),
                                            _mm256_set1_pd(0x1p52)), _mm256_set1_pd(0x1p52));
    sum = _mm256_add_pd(sum, k);
  }
  if (_mm256_movemask_pd(bad))
    return 0;
  uint64_t c[4], n0 = 0, n1 = 0, nb = 0, nf = 0;
  _mm256_storeu_si256((__m256i *)c, big);
  nb = c[0] + c[1] + c[2] + c[3];
  if (nb)
    return 0;
  _mm256_storeu_si256((__m256i *)c, h0);
  n0 = c[0] + c[1] + c[2] + c[3];
  _mm256_storeu_si256((__m256i *)c, h1);
  n1 = c[0] + c[1] + c[2] + c[3];
  _mm256_storeu_si256((__m256i *)c, nfb);
  nf = c[0] + c[1] + c[2] + c[3];
  double w[4], mx;
  _mm256_storeu_pd(w, umax);
  mx = w[0];
  for (int i = 1; i < 4; i++)
    mx = w[i] > mx ? w[i] : mx;
  _mm256_storeu_pd(w, sum);
  uint64_t total = (uint64_t)w[0] + (uint64_t)w[1] + (uint64_t)w[2] + (uint64_t)w[3];
  chunk_sums(s, t, first, m, y, ref, u, mx, n0, n1, nf, total);
  return 1;
}
#endif

static int stat_chunk(act_sweep_stats *s, run_sums *t, uint32_t first, size_t m, const float *y,
                      const act_fast_ref *ref)
{
#if defined(__x86_64__)
  static int avx2 = -1;
  if (avx2 < 0)
    avx2 = __builtin_cpu_supports("avx2");
  if (avx2 && m % 4 == 0)
    return stat_chunk4(s, t, first, m, y, ref);
#endif
  return stat_chunk1(s, t, first, m, y, ref);
}

/* One block; returns 0 when stopped before the end (s is then partial).
 * Inputs go in chunks of at most 1024 within one binade, the kernel called
 * on each chunk (its data stays in the first-level cache). */
static int sweep_block(const act_kernel *k, const act_def *a, const float *params,
                       uint32_t first, uint32_t last, float *x, float *y, float *dy,
                       act_sweep_stats *s, volatile sig_atomic_t *stop)
{
  act_sweep_stats_init(s);
  size_t n = (size_t)(last - first) + 1;
  double pd[ACT_MAX_PARAMS];
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    pd[i] = params[i];
  int deriv = k->dir == ACT_BWD;
  run_sums t = {0};
  enum { CHUNK = 1024 };
  act_fast_ref ref[CHUNK];
  for (size_t c = 0; c < n;) {
    if (stop && *stop)
      return 0;
    uint32_t f = first + (uint32_t)c;
    size_t m = n - c < CHUNK ? n - c : CHUNK;
    size_t to_edge = ((size_t)(f >> 23) + 1) * (1u << 23) - f; /* patterns left in f's binade */
    if (m > to_edge)
      m = to_edge;
    for (size_t j = 0; j < m; j++)
      x[j] = act_f32_of_bits(f + (uint32_t)j), dy[j] = 1.0f;
    act_call_f32(k, m, x, dy, y, params);
    act_fast_uniform un; /* the inputs are the patterns themselves, as given */
    if (act_fast_ref_bits_f32(a, deriv, f, m, pd, ref, &un) != ACT_FAST_MIXED)
      stat_uniform(s, &t, f, m, y, &un);
    else if (!stat_chunk(s, &t, f, m, y, ref))
      for (size_t j = 0; j < m; j++)
        stat_one(s, &t, f + (uint32_t)j, y[j], &ref[j]);
    flush(s, &t, f >> 23);
    c += m;
  }
  s->n = n;
  sum_add_u128(&s->sum, t.small);
  return 1;
}

void act_sweep_block(const act_kernel *k, const act_def *a, const float *params,
                     uint32_t first, uint32_t last, float *xbuf, float *ybuf, float *dybuf,
                     act_sweep_stats *s)
{
  sweep_block(k, a, params, first, last, xbuf, ybuf, dybuf, s, NULL);
}

void act_sweep_stats_merge(act_sweep_stats *d, const act_sweep_stats *s)
{
  d->n += s->n;
  d->n_cr += s->n_cr;
  d->n_fallback += s->n_fallback;
  for (int i = 0; i < ACT_SWEEP_NKIND; i++)
    d->n_special[i] += s->n_special[i];
  if (s->have_worst &&
      (!d->have_worst || s->max_ulp > d->max_ulp ||
       (s->max_ulp == d->max_ulp && s->worst_x < d->worst_x))) {
    d->have_worst = 1;
    d->max_ulp = s->max_ulp, d->worst_x = s->worst_x, d->worst_y = s->worst_y;
    d->worst_ref = s->worst_ref;
  }
  sum_merge(&d->sum, &s->sum);
  for (int i = 0; i < ACT_SWEEP_NHIST; i++)
    d->hist[i] += s->hist[i];
  for (int i = 0; i < ACT_SWEEP_NBINADE; i++) {
    d->binade_n[i] += s->binade_n[i];
    if (s->binade_max[i] > d->binade_max[i])
      d->binade_max[i] = s->binade_max[i];
  }
  /* The lowest ACT_SWEEP_KEEP of both ascending lists. */
  int i = 0, j = 0, n = 0;
  __typeof__(d->fail) m;
  while (n < ACT_SWEEP_KEEP && (i < d->nfail || j < s->nfail)) {
    if (j >= s->nfail || (i < d->nfail && d->fail[i].x < s->fail[j].x))
      m[n++] = d->fail[i++];
    else
      m[n++] = s->fail[j++];
  }
  memcpy(d->fail, m, sizeof m);
  d->nfail = n;
}

int act_sweep_stats_equal(const act_sweep_stats *a, const act_sweep_stats *b)
{
  if (a->n != b->n || a->n_cr != b->n_cr || a->n_fallback != b->n_fallback ||
      a->have_worst != b->have_worst || a->nfail != b->nfail ||
      memcmp(a->n_special, b->n_special, sizeof a->n_special) ||
      memcmp(&a->sum, &b->sum, sizeof a->sum) || memcmp(a->hist, b->hist, sizeof a->hist) ||
      memcmp(a->binade_n, b->binade_n, sizeof a->binade_n) ||
      memcmp(a->binade_max, b->binade_max, sizeof a->binade_max))
    return 0;
  if (a->have_worst &&
      (memcmp(&a->max_ulp, &b->max_ulp, sizeof(double)) || a->worst_x != b->worst_x ||
       a->worst_y != b->worst_y || memcmp(&a->worst_ref, &b->worst_ref, sizeof(double))))
    return 0;
  for (int i = 0; i < a->nfail; i++)
    if (a->fail[i].x != b->fail[i].x || a->fail[i].y != b->fail[i].y ||
        a->fail[i].kind != b->fail[i].kind ||
        memcmp(&a->fail[i].ref, &b->fail[i].ref, sizeof(double)))
      return 0;
  return 1;
}

uint64_t act_sweep_n_special(const act_sweep_stats *s)
{
  uint64_t t = 0;
  for (int i = 1; i < ACT_SWEEP_NKIND; i++)
    t += s->n_special[i];
  return t;
}

double act_sweep_mean(const act_sweep_stats *s)
{
  uint64_t m = s->n - act_sweep_n_special(s);
  return m ? (double)(sum_value(&s->sum) * 0x1p-32L / (long double)m) : 0;
}

/* ---- sweeps, blocks, shards ---------------------------------------------- */

uint32_t act_sweep_default_block(uint64_t count)
{
  uint32_t b = 256;
  while (b < ACT_SWEEP_BLOCK_MAX && (uint64_t)b * 2 * 256 <= count)
    b *= 2;
  return b;
}

static uint64_t nblocks_of(uint32_t lo, uint32_t hi, uint32_t block)
{
  return ((uint64_t)hi - lo + block) / block;
}

static int setup(act_sweep *w, const char *fn, int deriv, const char *impl, uint32_t lo,
                 uint32_t hi, uint32_t block, unsigned sk, unsigned sn, char *err,
                 size_t errlen)
{
  memset(w, 0, sizeof *w);
  if (strlen(fn) >= sizeof w->fn || strlen(impl) >= sizeof w->impl || !*impl)
    return set_err(err, errlen, "bad fn or impl name"), -1;
  strcpy(w->fn, fn);
  strcpy(w->impl, impl);
  w->deriv = deriv;
  if (lo > hi)
    return set_err(err, errlen, "range 0x%08x:0x%08x is empty (lo > hi)", lo, hi), -1;
  if (block == 0)
    block = act_sweep_default_block((uint64_t)hi - lo + 1);
  if (block > ACT_SWEEP_BLOCK_MAX)
    return set_err(err, errlen, "block %u is above %u", block, ACT_SWEEP_BLOCK_MAX), -1;
  w->lo = lo, w->hi = hi, w->block = block;
  w->nblocks = nblocks_of(lo, hi, block);
  if (w->nblocks > NBLOCKS_MAX)
    return set_err(err, errlen, "%llu blocks: more than %u (use a larger block)",
                   (unsigned long long)w->nblocks, NBLOCKS_MAX), -1;
  if (sn < 1 || sk < 1 || sk > sn)
    return set_err(err, errlen, "bad shard %u/%u (want 1 <= K <= N)", sk, sn), -1;
  w->shard_k = sk, w->shard_n = sn;
  w->done = calloc((size_t)(w->nblocks + 7) / 8, 1);
  if (!w->done)
    return set_err(err, errlen, "out of memory"), -1;
  act_sweep_stats_init(&w->s);
  return 0;
}

static int elementwise_f32(const act_kernel *k)
{
  return k->shape == ACT_SHAPE_f32_fwd_p || k->shape == ACT_SHAPE_f32_bwd_p ||
         k->shape == ACT_SHAPE_f32_fwd || k->shape == ACT_SHAPE_f32_bwd;
}

int act_sweep_init(act_sweep *w, const act_kernel *k, uint32_t lo, uint32_t hi,
                   uint32_t block, unsigned shard_k, unsigned shard_n, char *err,
                   size_t errlen)
{
  const act_def *a = act_find(k->fn);
  memset(w, 0, sizeof *w);
  if (!a)
    return set_err(err, errlen, "kernel %s: unknown activation '%s'", k->name, k->fn), -1;
  if (!elementwise_f32(k))
    return set_err(err, errlen, "kernel %s is not an elementwise binary32 kernel", k->name),
           -1;
  if (setup(w, k->fn, k->dir == ACT_BWD, k->name, lo, hi, block, shard_k, shard_n, err,
            errlen))
    return -1;
  w->nparams = a->nparams;
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    w->params[i] = (float)a->param_defaults[i];
  return 0;
}

void act_sweep_free(act_sweep *w)
{
  free(w->done);
  w->done = NULL;
}

void act_sweep_shard_blocks(const act_sweep *w, uint64_t *b0, uint64_t *b1)
{
  *b0 = w->nblocks * (w->shard_k - 1) / w->shard_n;
  *b1 = w->nblocks * w->shard_k / w->shard_n;
}

void act_sweep_block_range(const act_sweep *w, uint64_t b, uint32_t *first, uint32_t *last)
{
  uint64_t f = (uint64_t)w->lo + b * w->block, l = f + w->block - 1;
  *first = (uint32_t)f;
  *last = l > w->hi ? w->hi : (uint32_t)l;
}

int act_sweep_is_done(const act_sweep *w, uint64_t b)
{
  return w->done[b / 8] >> (b % 8) & 1;
}

static void mark_done(act_sweep *w, uint64_t b) { w->done[b / 8] |= (uint8_t)(1u << (b % 8)); }

uint64_t act_sweep_count_done(const act_sweep *w)
{
  uint64_t c = 0;
  for (uint64_t i = 0; i < (w->nblocks + 7) / 8; i++)
    c += (uint64_t)__builtin_popcount(w->done[i]);
  return c;
}

int act_sweep_complete(const act_sweep *w)
{
  uint64_t b0, b1;
  act_sweep_shard_blocks(w, &b0, &b1);
  for (uint64_t b = b0; b < b1; b++)
    if (!act_sweep_is_done(w, b))
      return 0;
  return 1;
}

static uint64_t inputs_of(const act_sweep *w, uint64_t b0, uint64_t b1)
{
  if (b0 >= b1)
    return 0;
  uint32_t f, l, f2, l2;
  act_sweep_block_range(w, b0, &f, &l);
  act_sweep_block_range(w, b1 - 1, &f2, &l2);
  return (uint64_t)l2 - f + 1;
}

static void fmt_duration(char *buf, size_t len, double s)
{
  if (!(s < 1e9))
    snprintf(buf, len, "?");
  else if (s < 60)
    snprintf(buf, len, "%.1f s", s);
  else if (s < 3600)
    snprintf(buf, len, "%dm%02ds", (int)s / 60, (int)s % 60);
  else
    snprintf(buf, len, "%dh%02dm", (int)(s / 3600), (int)s % 3600 / 60);
}

int act_sweep_run(act_sweep *w, const act_kernel *k, const act_sweep_opts *o, char *err,
                  size_t errlen)
{
  const act_def *a = act_find(w->fn);
  if (!a || strcmp(k->name, w->impl) != 0 || (k->dir == ACT_BWD) != w->deriv)
    return set_err(err, errlen, "kernel %s does not match the sweep", k->name), -1;
  uint64_t b0, b1;
  act_sweep_shard_blocks(w, &b0, &b1);
  /* A snapshot of what was done before: the workers read it, the critical
   * section writes w->done. */
  size_t nbytes = (size_t)(w->nblocks + 7) / 8;
  uint8_t *was_done = malloc(nbytes ? nbytes : 1);
  memcpy(was_done, w->done, nbytes);
  uint64_t total = inputs_of(w, b0, b1), done_in = 0, this_run = 0;
  for (uint64_t b = b0; b < b1; b++)
    if (act_sweep_is_done(w, b))
      done_in += inputs_of(w, b, b + 1);
  double every_s = o->checkpoint_s > 0 ? o->checkpoint_s : 5;
  uint64_t every_b = o->checkpoint_blocks ? o->checkpoint_blocks : 4096;
  double t0 = now(), last_ck = t0, last_pr = t0, elapsed0 = w->elapsed;
  uint64_t since_ck = 0, started = 0;
  int halt = 0, failed = 0, printed = 0;
  int nt = o->threads > 0 ? o->threads : omp_get_max_threads();

#pragma omp parallel num_threads(nt)
  {
    float *x = malloc(w->block * sizeof *x), *y = malloc(w->block * sizeof *y);
    float *dy = malloc(w->block * sizeof *dy);
    act_sweep_stats *bs = malloc(sizeof *bs);
#pragma omp for schedule(dynamic, 1)
    for (uint64_t b = b0; b < b1; b++) {
      if (was_done[b / 8] >> (b % 8) & 1)
        continue;
      if (__atomic_load_n(&halt, __ATOMIC_RELAXED) || (o->stop && *o->stop))
        continue;
      if (o->max_blocks && __atomic_fetch_add(&started, 1, __ATOMIC_RELAXED) >= o->max_blocks)
        continue;
      uint32_t first, last;
      act_sweep_block_range(w, b, &first, &last);
      if (!sweep_block(k, a, w->params, first, last, x, y, dy, bs, o->stop))
        continue; /* stopped mid-block: the block is not done */
#pragma omp critical(act_sweep)
      {
        act_sweep_stats_merge(&w->s, bs);
        mark_done(w, b);
        since_ck++;
        done_in += bs->n, this_run += bs->n;
        double t = now();
        if (o->out && !failed && (since_ck >= every_b || t - last_ck >= every_s)) {
          w->elapsed = elapsed0 + (t - t0);
          if (act_sweep_write(w, o->out, err, errlen)) {
            failed = 1;
            __atomic_store_n(&halt, 1, __ATOMIC_RELAXED);
          }
          since_ck = 0, last_ck = t;
        }
        if (o->progress && t - last_pr >= 0.5) {
          double rate = (double)this_run / (t - t0);
          char left[32];
          fmt_duration(left, sizeof left, (double)(total - done_in) / rate);
          int m = fprintf(o->progress, "\rsweep %s: %5.1f%%  %.3g inputs/s  %s left   ",
                          w->impl, 100.0 * (double)done_in / (double)(total ? total : 1),
                          rate, left);
          fflush(o->progress);
          last_pr = t;
          if (m > printed)
            printed = m;
        }
      }
    }
    free(x), free(y), free(dy), free(bs);
  }
  free(was_done);
  if (printed) {
    fprintf(o->progress, "\r%*s\r", printed, "");
    fflush(o->progress);
  }
  w->elapsed = elapsed0 + (now() - t0);
  if (failed)
    return -1;
  if (o->out && act_sweep_write(w, o->out, err, errlen))
    return -1;
  return act_sweep_complete(w) ? 0 : 1;
}

/* ---- identity and merging ------------------------------------------------ */

int act_sweep_same(const act_sweep *a, const act_sweep *b, int shard, char *err,
                   size_t errlen)
{
  if (strcmp(a->fn, b->fn))
    return set_err(err, errlen, "different activations (%s, %s)", a->fn, b->fn), -1;
  if (a->deriv != b->deriv)
    return set_err(err, errlen, "one is forward, the other backward"), -1;
  if (strcmp(a->impl, b->impl))
    return set_err(err, errlen, "different kernels (%s, %s)", a->impl, b->impl), -1;
  if (a->nparams != b->nparams || memcmp(a->params, b->params, sizeof(float) * a->nparams))
    return set_err(err, errlen, "different parameters"), -1;
  if (a->lo != b->lo || a->hi != b->hi)
    return set_err(err, errlen, "different ranges (0x%08x:0x%08x, 0x%08x:0x%08x)", a->lo,
                   a->hi, b->lo, b->hi), -1;
  if (a->block != b->block)
    return set_err(err, errlen, "different block sizes (%u, %u)", a->block, b->block), -1;
  if (shard && (a->shard_k != b->shard_k || a->shard_n != b->shard_n))
    return set_err(err, errlen, "different shards (%u/%u, %u/%u)", a->shard_k, a->shard_n,
                   b->shard_k, b->shard_n), -1;
  return 0;
}

int act_sweep_merge(act_sweep *into, const act_sweep *from, char *err, size_t errlen)
{
  if (act_sweep_same(into, from, 0, err, errlen))
    return -1;
  for (uint64_t b = 0; b < into->nblocks; b++)
    if (act_sweep_is_done(into, b) && act_sweep_is_done(from, b))
      return set_err(err, errlen, "both hold block %llu (overlapping shards)",
                     (unsigned long long)b), -1;
  for (uint64_t i = 0; i < (into->nblocks + 7) / 8; i++)
    into->done[i] |= from->done[i];
  act_sweep_stats_merge(&into->s, &from->s);
  into->elapsed += from->elapsed;
  into->shard_k = into->shard_n = 1;
  return 0;
}

/* ---- the result file ----------------------------------------------------- */

static const char *const kind_tokens[ACT_SWEEP_NKIND] = {
  "ulp", "nan", "not_nan", "inf", "finite", "inf_sign", "zero_sign",
};

const char *act_sweep_kind_token(act_cmp_kind k)
{
  return (unsigned)k < ACT_SWEEP_NKIND ? kind_tokens[k] : "?";
}

typedef struct { char *p; size_t n, cap; } sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int m = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
    va_end(ap);
    if (b->p && b->n + (size_t)m < b->cap) {
      b->n += (size_t)m;
      return;
    }
    b->cap = (b->cap + (size_t)m + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
}

static uint64_t fnv1a(const char *p, size_t n)
{
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
  return h;
}

char *act_sweep_format(const act_sweep *w)
{
  sbuf b = {0};
  const act_sweep_stats *s = &w->s;
  sb_printf(&b, "actcheck-sweep %d\nfn %s\nderiv %d\nimpl %s\nparams", ACT_SWEEP_VERSION,
            w->fn, w->deriv, w->impl);
  for (int i = 0; i < w->nparams; i++)
    sb_printf(&b, " %a", (double)w->params[i]);
  sb_printf(&b, "\nrange 0x%08x 0x%08x\nblock %u\nblocks %llu\nshard %u %u\ndone", w->lo,
            w->hi, w->block, (unsigned long long)w->nblocks, w->shard_k, w->shard_n);
  int any = 0;
  for (uint64_t i = 0; i < w->nblocks;) {
    if (!act_sweep_is_done(w, i)) {
      i++;
      continue;
    }
    uint64_t j = i;
    while (j + 1 < w->nblocks && act_sweep_is_done(w, j + 1))
      j++;
    sb_printf(&b, any ? "," : " ");
    if (j == i)
      sb_printf(&b, "%llu", (unsigned long long)i);
    else
      sb_printf(&b, "%llu-%llu", (unsigned long long)i, (unsigned long long)j);
    any = 1, i = j + 1;
  }
  sb_printf(&b, "%s\nelapsed %a\n", any ? "" : " -", w->elapsed);
  sb_printf(&b, "n %llu\nn_cr %llu\nn_fallback %llu\nmax_ulp %a\n", (unsigned long long)s->n,
            (unsigned long long)s->n_cr, (unsigned long long)s->n_fallback, s->max_ulp);
  if (s->have_worst)
    sb_printf(&b, "worst 0x%08x 0x%08x %a\n", s->worst_x, s->worst_y, s->worst_ref);
  else
    sb_printf(&b, "worst -\n");
  sb_printf(&b, "sum_ulp 0x");
  int top = 5;
  while (top > 0 && !s->sum.w[top])
    top--;
  sb_printf(&b, "%llx", (unsigned long long)s->sum.w[top]);
  for (int i = top - 1; i >= 0; i--)
    sb_printf(&b, "%016llx", (unsigned long long)s->sum.w[i]);
  sb_printf(&b, "\n");
  for (int i = 0; i < ACT_SWEEP_NHIST; i++)
    sb_printf(&b, "hist %d %llu\n", i, (unsigned long long)s->hist[i]);
  for (int i = 0; i < ACT_SWEEP_NBINADE; i++)
    if (s->binade_n[i])
      sb_printf(&b, "binade 0x%03x %llu %a\n", i, (unsigned long long)s->binade_n[i],
                s->binade_max[i]);
  for (int i = 1; i < ACT_SWEEP_NKIND; i++)
    if (s->n_special[i])
      sb_printf(&b, "special %s %llu\n", kind_tokens[i], (unsigned long long)s->n_special[i]);
  for (int i = 0; i < s->nfail; i++)
    sb_printf(&b, "fail 0x%08x %s 0x%08x %a\n", s->fail[i].x, kind_tokens[s->fail[i].kind],
              s->fail[i].y, s->fail[i].ref);
  sb_printf(&b, "end %016llx\n", (unsigned long long)fnv1a(b.p, b.n));
  return b.p;
}

int act_sweep_write(const act_sweep *w, const char *path, char *err, size_t errlen)
{
  char *text = act_sweep_format(w);
  size_t len = strlen(text), plen = strlen(path);
  char *tmp = malloc(plen + 5);
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp", 5);
  FILE *f = fopen(tmp, "w");
  int ok = f && fwrite(text, 1, len, f) == len;
  ok = f && fflush(f) == 0 && ok;
  if (f)
    ok = fsync(fileno(f)) == 0 && ok, ok = fclose(f) == 0 && ok;
  int e = errno;
  if (ok && rename(tmp, path) != 0)
    ok = 0, e = errno;
  if (!ok) {
    set_err(err, errlen, "cannot write %s: %s", f ? path : tmp, strerror(e));
    remove(tmp);
  }
  free(tmp);
  free(text);
  return ok ? 0 : -1;
}

/* A strict line reader over the text. */
typedef struct {
  const char *p, *end;
  int line;
  char *err;
  size_t errlen;
  const char *path;
} reader;

static int bad(reader *r, const char *fmt, ...)
{
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  set_err(r->err, r->errlen, "%s: line %d: %s", r->path, r->line, msg);
  return -1;
}

/* The next line if it starts with "key " (or is "key"): *rest, *rlen get the
 * remainder.  Returns 1 found, 0 not this key (the line is not consumed). */
static int peek_key(reader *r, const char *key, const char **rest)
{
  size_t kl = strlen(key);
  const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
  if (!nl)
    return 0;
  if ((size_t)(nl - r->p) < kl || memcmp(r->p, key, kl) != 0 ||
      (r->p + kl != nl && r->p[kl] != ' '))
    return 0;
  *rest = r->p + kl + (r->p + kl != nl);
  return 1;
}

static int next_key(reader *r, const char *key, const char **rest)
{
  r->line++;
  if (r->p >= r->end)
    return bad(r, "unexpected end of file (want '%s')", key);
  if (!memchr(r->p, '\n', (size_t)(r->end - r->p)))
    return bad(r, "unterminated last line");
  if (!peek_key(r, key, rest))
    return bad(r, "want '%s'", key);
  r->p = memchr(r->p, '\n', (size_t)(r->end - r->p)) + 1;
  return 0;
}

/* Token parsers: advance *s past one token and its following space. */
static int tok_end(const char **s, const char *e)
{
  if (*e == ' ')
    e++;
  else if (*e != '\n')
    return -1;
  *s = e;
  return 0;
}

static int tok_u64(const char **s, uint64_t *v)
{
  char *e;
  if (!(**s >= '0' && **s <= '9'))
    return -1;
  errno = 0;
  unsigned long long x = strtoull(*s, &e, 0);
  if (errno)
    return -1;
  *v = x;
  return tok_end(s, e);
}

static int tok_u32(const char **s, uint32_t *v)
{
  uint64_t x;
  if (tok_u64(s, &x) || x > 0xffffffffu)
    return -1;
  *v = (uint32_t)x;
  return 0;
}

static int tok_double(const char **s, double *v)
{
  char *e;
  if (**s == '\n' || **s == ' ')
    return -1;
  *v = strtod(*s, &e);
  if (e == *s)
    return -1;
  return tok_end(s, e);
}

static int tok_word(const char **s, char *out, size_t len)
{
  size_t n = strcspn(*s, " \n");
  if (n == 0 || n >= len)
    return -1;
  memcpy(out, *s, n);
  out[n] = 0;
  return tok_end(s, *s + n);
}

static int line_over(const char *s) { return *s == '\n'; }

static int kind_of(const char *tok)
{
  for (int i = 1; i < ACT_SWEEP_NKIND; i++)
    if (strcmp(tok, kind_tokens[i]) == 0)
      return i;
  return -1;
}

static int parse(act_sweep *w, reader *r)
{
  const char *s;
  uint64_t u, v;
  char word[128];
  memset(w, 0, sizeof *w);
  if ((size_t)(r->end - r->p) < 15 || memcmp(r->p, "actcheck-sweep ", 15) != 0)
    return set_err(r->err, r->errlen, "%s: not an actcheck sweep result", r->path), -1;
  /* The checksum first: the last line is "end HEX" over every byte before. */
  if (r->end[-1] != '\n')
    return set_err(r->err, r->errlen, "%s: truncated (no final newline)", r->path), -1;
  const char *last = r->end - 1;
  while (last > r->p && last[-1] != '\n')
    last--;
  uint64_t want;
  char *e;
  if (strncmp(last, "end ", 4) != 0 || (want = strtoull(last + 4, &e, 16), *e != '\n'))
    return set_err(r->err, r->errlen, "%s: truncated (no 'end' line)", r->path), -1;
  const char *body_end = last;
  if (fnv1a(r->p, (size_t)(body_end - r->p)) != want)
    return set_err(r->err, r->errlen, "%s: checksum mismatch: the file was altered or damaged",
                   r->path), -1;

  if (next_key(r, "actcheck-sweep", &s))
    return -1;
  if (tok_u64(&s, &u) || !line_over(s))
    return bad(r, "bad version");
  if (u != ACT_SWEEP_VERSION)
    return bad(r, "format version %llu, this actcheck reads %d", (unsigned long long)u,
               ACT_SWEEP_VERSION);
  char fn[32], impl[96];
  if (next_key(r, "fn", &s))
    return -1;
  if (tok_word(&s, fn, sizeof fn) || !line_over(s))
    return bad(r, "bad fn");
  const act_def *a = act_find(fn);
  if (!a)
    return bad(r, "unknown activation '%s'", fn);
  if (next_key(r, "deriv", &s))
    return -1;
  uint64_t deriv;
  if (tok_u64(&s, &deriv) || deriv > 1 || !line_over(s))
    return bad(r, "deriv must be 0 or 1");
  if (next_key(r, "impl", &s))
    return -1;
  if (tok_word(&s, impl, sizeof impl) || !line_over(s))
    return bad(r, "bad impl");
  if (next_key(r, "params", &s))
    return -1;
  float params[ACT_MAX_PARAMS];
  int np = 0;
  for (int i = 0; i < ACT_MAX_PARAMS; i++)
    params[i] = (float)a->param_defaults[i];
  while (!line_over(s)) {
    double d;
    if (np == a->nparams || tok_double(&s, &d) || (double)(float)d != d)
      return bad(r, "params: %s takes %d binary32 parameters", a->name, a->nparams);
    params[np++] = (float)d;
  }
  if (np != a->nparams)
    return bad(r, "params: %s takes %d parameters", a->name, a->nparams);
  uint32_t lo, hi, block;
  if (next_key(r, "range", &s))
    return -1;
  if (tok_u32(&s, &lo) || tok_u32(&s, &hi) || !line_over(s) || lo > hi)
    return bad(r, "bad range");
  if (next_key(r, "block", &s))
    return -1;
  if (tok_u32(&s, &block) || block == 0 || block > ACT_SWEEP_BLOCK_MAX || !line_over(s))
    return bad(r, "bad block size");
  if (next_key(r, "blocks", &s))
    return -1;
  if (tok_u64(&s, &u) || !line_over(s) || u != nblocks_of(lo, hi, block))
    return bad(r, "bad block count");
  if (next_key(r, "shard", &s))
    return -1;
  uint32_t sk, sn;
  if (tok_u32(&s, &sk) || tok_u32(&s, &sn) || !line_over(s) || sk < 1 || sk > sn)
    return bad(r, "bad shard");
  char why[160];
  if (setup(w, fn, (int)deriv, impl, lo, hi, block, sk, sn, why, sizeof why))
    return bad(r, "%s", why);
  w->nparams = a->nparams;
  memcpy(w->params, params, sizeof params);

  if (next_key(r, "done", &s))
    return -1;
  uint64_t b0, b1, next = 0, ninputs = 0;
  act_sweep_shard_blocks(w, &b0, &b1);
  if (s[0] == '-' && s[1] == '\n') {
    s++;
  } else {
    for (;;) {
      char *e2;
      if (!(*s >= '0' && *s <= '9'))
        return bad(r, "bad done list");
      u = v = strtoull(s, &e2, 10);
      s = e2;
      if (*s == '-') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
          return bad(r, "bad done list");
        v = strtoull(s, &e2, 10);
        s = e2;
      }
      if (u < next || v < u || v >= w->nblocks)
        return bad(r, "done list not ascending or out of range");
      if (u < b0 || v >= b1)
        return bad(r, "done blocks outside shard %u/%u", sk, sn);
      for (uint64_t b = u; b <= v; b++)
        mark_done(w, b);
      ninputs += inputs_of(w, u, v + 1);
      next = v + 2; /* ranges are maximal: the next starts after a gap */
      if (*s == ',') {
        s++;
        continue;
      }
      if (*s != '\n')
        return bad(r, "bad done list");
      break;
    }
  }
  act_sweep_stats *st = &w->s;
  if (next_key(r, "elapsed", &s))
    return -1;
  if (tok_double(&s, &w->elapsed) || !line_over(s) || !(w->elapsed >= 0))
    return bad(r, "bad elapsed");
  static const char *const counts[] = {"n", "n_cr", "n_fallback"};
  uint64_t *cv[] = {&st->n, &st->n_cr, &st->n_fallback};
  for (int i = 0; i < 3; i++) {
    if (next_key(r, counts[i], &s))
      return -1;
    if (tok_u64(&s, cv[i]) || !line_over(s))
      return bad(r, "bad %s", counts[i]);
  }
  if (st->n != ninputs)
    return bad(r, "n = %llu, but the done blocks hold %llu inputs", (unsigned long long)st->n,
               (unsigned long long)ninputs);
  if (st->n_fallback > st->n)
    return bad(r, "n_fallback > n");
  if (next_key(r, "max_ulp", &s))
    return -1;
  if (tok_double(&s, &st->max_ulp) || !line_over(s) || !(st->max_ulp >= 0))
    return bad(r, "bad max_ulp");
  if (next_key(r, "worst", &s))
    return -1;
  if (s[0] == '-' && s[1] == '\n') {
    if (st->max_ulp != 0)
      return bad(r, "max_ulp without a worst input");
  } else {
    if (tok_u32(&s, &st->worst_x) || tok_u32(&s, &st->worst_y) ||
        tok_double(&s, &st->worst_ref) || !line_over(s))
      return bad(r, "bad worst");
    st->have_worst = 1;
  }
  if (next_key(r, "sum_ulp", &s))
    return -1;
  {
    if (s[0] != '0' || s[1] != 'x')
      return bad(r, "bad sum_ulp");
    const char *h = s + 2, *he = h;
    while ((*he >= '0' && *he <= '9') || (*he >= 'a' && *he <= 'f'))
      he++;
    if (he == h || *he != '\n' || he - h > 96)
      return bad(r, "bad sum_ulp");
    for (int i = 0; i < he - h; i++) {
      char c = he[-1 - i];
      uint64_t d = (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
      st->sum.w[i / 16] |= d << (4 * (i % 16));
    }
  }
  uint64_t tot = 0;
  for (int i = 0; i < ACT_SWEEP_NHIST; i++) {
    if (next_key(r, "hist", &s))
      return -1;
    if (tok_u64(&s, &u) || u != (uint64_t)i || tok_u64(&s, &st->hist[i]) || !line_over(s))
      return bad(r, "want 'hist %d COUNT'", i);
    tot += st->hist[i];
  }
  if (st->hist[0] != st->n_cr)
    return bad(r, "hist 0 differs from n_cr");
  uint64_t nb = 0;
  int prev = -1;
  double bmax = 0;
  while (r->line++, peek_key(r, "binade", &s)) {
    uint32_t bi;
    double m;
    if (tok_u32(&s, &bi) || bi >= ACT_SWEEP_NBINADE || (int)bi <= prev ||
        tok_u64(&s, &u) || u == 0 || tok_double(&s, &m) || !(m >= 0) || !line_over(s))
      return bad(r, "bad binade line");
    st->binade_n[bi] = u, st->binade_max[bi] = m;
    nb += u, prev = (int)bi;
    if (m > bmax)
      bmax = m;
    r->p = strchr(r->p, '\n') + 1;
  }
  r->line--;
  if (nb != tot)
    return bad(r, "binade counts do not add up to the histogram");
  if (bmax != st->max_ulp || (tot > 0) != st->have_worst)
    return bad(r, "max_ulp is not the largest binade maximum");
  prev = 0;
  while (r->line++, peek_key(r, "special", &s)) {
    int kd;
    if (tok_word(&s, word, sizeof word) || (kd = kind_of(word)) <= prev ||
        tok_u64(&s, &u) || u == 0 || !line_over(s))
      return bad(r, "bad special line");
    st->n_special[kd] = u, prev = kd;
    r->p = strchr(r->p, '\n') + 1;
  }
  r->line--;
  uint64_t nsp = act_sweep_n_special(st);
  if (tot + nsp != st->n)
    return bad(r, "histogram and special-value failures do not add up to n");
  while (r->line++, peek_key(r, "fail", &s)) {
    uint32_t x, y;
    double ref;
    int kd;
    if (st->nfail == ACT_SWEEP_KEEP || tok_u32(&s, &x) || tok_word(&s, word, sizeof word) ||
        (kd = kind_of(word)) < 0 || tok_u32(&s, &y) || tok_double(&s, &ref) ||
        !line_over(s) || (st->nfail && x <= st->fail[st->nfail - 1].x))
      return bad(r, "bad fail line");
    add_fail(st, x, y, (act_cmp_kind)kd, ref);
    r->p = strchr(r->p, '\n') + 1;
  }
  r->line--;
  if ((uint64_t)st->nfail != (nsp < ACT_SWEEP_KEEP ? nsp : ACT_SWEEP_KEEP))
    return bad(r, "%d fail lines for %llu special-value failures", st->nfail,
               (unsigned long long)nsp);
  r->line++;
  if (r->p != body_end)
    return bad(r, "unexpected line");
  return 0;
}

int act_sweep_parse(act_sweep *w, const char *text, char *err, size_t errlen)
{
  reader r = {text, text + strlen(text), 0, err, errlen, "(text)"};
  int rc = parse(w, &r);
  if (rc)
    act_sweep_free(w);
  return rc;
}

int act_sweep_read(act_sweep *w, const char *path, char *err, size_t errlen)
{
  memset(w, 0, sizeof *w);
  FILE *f = fopen(path, "rb");
  if (!f)
    return set_err(err, errlen, "%s: %s", path, strerror(errno)), -1;
  sbuf b = {0};
  char chunk[65536];
  size_t m;
  while ((m = fread(chunk, 1, sizeof chunk, f)) > 0) {
    sb_printf(&b, "%.*s", (int)m, chunk);
    if (memchr(chunk, 0, m)) {
      fclose(f);
      free(b.p);
      return set_err(err, errlen, "%s: not a sweep result (binary data)", path), -1;
    }
  }
  int rerr = ferror(f);
  fclose(f);
  if (rerr) {
    free(b.p);
    return set_err(err, errlen, "%s: read error", path), -1;
  }
  if (!b.p)
    return set_err(err, errlen, "%s: empty file, not a sweep result", path), -1;
  reader r = {b.p, b.p + b.n, 0, err, errlen, path};
  int rc = parse(w, &r);
  if (rc)
    act_sweep_free(w);
  free(b.p);
  return rc;
}

/* ---- the human summary --------------------------------------------------- */

static void print_ulp(FILE *f, double u)
{
  if (u < 1e6)
    fprintf(f, "%.3f", u);
  else
    fprintf(f, "%.4g", u);
}

static void print_repro(FILE *f, const act_sweep *w, uint32_t x)
{
  fprintf(f, "actcheck ref %s%s %a", w->fn, w->deriv ? " --deriv" : "",
          (double)act_f32_of_bits(x));
}

void act_sweep_summary(FILE *f, const act_sweep *w, const act_kernel *k)
{
  const act_sweep_stats *s = &w->s;
  uint64_t b0, b1, ndone = act_sweep_count_done(w);
  act_sweep_shard_blocks(w, &b0, &b1);
  fprintf(f, "sweep %s%s, kernel %s: patterns 0x%08x..0x%08x, shard %u/%u\n", w->fn,
          w->deriv ? " (backward, dy = 1)" : " (forward)", w->impl, w->lo, w->hi, w->shard_k,
          w->shard_n);
  if (act_sweep_complete(w))
    fprintf(f, "  inputs      %llu compared, all blocks done (%llu)\n", (unsigned long long)s->n,
            (unsigned long long)(b1 - b0));
  else
    fprintf(f, "  inputs      %llu compared: INCOMPLETE, %llu of %llu blocks done\n",
            (unsigned long long)s->n, (unsigned long long)ndone,
            (unsigned long long)(b1 - b0));
  uint64_t nsp = act_sweep_n_special(s), nulp = s->n - nsp;
  if (s->have_worst) {
    fprintf(f, "  max ulp     ");
    print_ulp(f, s->max_ulp);
    fprintf(f, " at x = %a (0x%08x): kernel %a, reference %a\n",
            (double)act_f32_of_bits(s->worst_x), s->worst_x, (double)act_f32_of_bits(s->worst_y),
            s->worst_ref);
    fprintf(f, "              reproduce: ");
    print_repro(f, w, s->worst_x);
    fprintf(f, "\n");
    if (k) {
      fprintf(f, "  promise     ");
      print_ulp(f, k->max_ulp);
      fprintf(f, " ulp (registry): %s\n", s->max_ulp <= k->max_ulp ? "kept" : "BROKEN");
    }
    fprintf(f, "  mean ulp    %.6f\n", act_sweep_mean(s));
  } else {
    fprintf(f, "  max ulp     - (no input compared)\n");
  }
  fprintf(f, "  correctly rounded  %.4f%% (%llu of %llu)\n",
          s->n ? 100.0 * (double)s->n_cr / (double)s->n : 0.0, (unsigned long long)s->n_cr,
          (unsigned long long)s->n);
  int top = 0;
  for (int i = 0; i < ACT_SWEEP_NHIST; i++)
    if (s->hist[i])
      top = i;
  if (nulp) {
    fprintf(f, "  histogram   (ulp error: inputs)\n");
    for (int i = 0; i <= top; i++) {
      char lab[32];
      if (i == 0)
        snprintf(lab, sizeof lab, "[0, 0.5]");
      else if (i == 1)
        snprintf(lab, sizeof lab, "(0.5, 1]");
      else if (i == ACT_SWEEP_NHIST - 1)
        snprintf(lab, sizeof lab, "> 2^30");
      else if (i <= 12)
        snprintf(lab, sizeof lab, "(%d, %d]", 1 << (i - 2), 1 << (i - 1));
      else
        snprintf(lab, sizeof lab, "(2^%d, 2^%d]", i - 2, i - 1);
      fprintf(f, "    %-16s %12llu  %8.4f%%\n", lab, (unsigned long long)s->hist[i],
              100.0 * (double)s->hist[i] / (double)nulp);
    }
  }
  if (!nsp) {
    fprintf(f, "  special-value failures: none\n");
  } else {
    fprintf(f, "  special-value failures: %llu FAILED\n", (unsigned long long)nsp);
    for (int i = 1; i < ACT_SWEEP_NKIND; i++)
      if (s->n_special[i])
        fprintf(f, "    %12llu  %s\n", (unsigned long long)s->n_special[i],
                act_cmp_name((act_cmp_kind)i));
    fprintf(f, "    lowest failing inputs:\n");
    for (int i = 0; i < s->nfail; i++) {
      fprintf(f, "    x = %a (0x%08x): kernel %a (0x%08x), reference %a: %s\n      ",
              (double)act_f32_of_bits(s->fail[i].x), s->fail[i].x, (double)act_f32_of_bits(s->fail[i].y),
              s->fail[i].y, s->fail[i].ref, act_cmp_name(s->fail[i].kind));
      print_repro(f, w, s->fail[i].x);
      fprintf(f, "\n");
    }
  }
  fprintf(f, "  fallbacks   %llu to MPFR (%.4f%%)\n", (unsigned long long)s->n_fallback,
          s->n ? 100.0 * (double)s->n_fallback / (double)s->n : 0.0);
  char el[32];
  fmt_duration(el, sizeof el, w->elapsed);
  fprintf(f, "  speed       %.3g inputs/s, elapsed %s\n",
          w->elapsed > 0 ? (double)s->n / w->elapsed : 0.0, el);
}
