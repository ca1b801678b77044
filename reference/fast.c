/* fast.c: the certified fast reference for binary32, round to nearest.
 *
 * Each row evaluates f(x) or f'(x) in double with a running error bound
 * (eb: value v, absolute bound e on |exact - v|), or returns an exact value
 * (piecewise-linear rows), or a short proven answer (tails, tiny x).  The
 * float rounding is accepted only when both ends of the enclosure round to
 * the same binary32 number with the same sign (decide()); otherwise, and for
 * +-inf inputs, unusual parameters or a non-default floating-point
 * environment, act_reference() decides.  suites/selftest/test_fast.c checks
 * every claim below against pure MPFR.
 *
 * Error model (u = 2^-53, every operation rounds to nearest):
 *   a + b, a - b   e = ea + eb + u|v|                  (rounding <= u|v|, exact if subnormal)
 *   a * b          e = |a|eb + |b|ea + ea eb + u|v| + 2^-1074   (last term: underflow)
 *   a / b          e = (|v| eb + ea)/(|b| - eb) + u|v| + 2^-1074
 *   libm f(a)      e = K_f (2^-52 |v| + 2^-1074) + max|f'| over [a - ea, a + ea] * ea
 *   constants      RN of the exact constant: relative error <= u (checked
 *                  with MPFR: all listed below are within 2^-53.1 relative).
 * K_f is glibc's maximal known error for the double function on x86_64, in
 * ulps (sysdeps/x86_64/fpu/libm-test-ulps, round to nearest: exp 1, expm1 1,
 * log1p 1, erf 1, erfc 5, tanh 2), times LIBM_SAFETY = 8.  An ulp of v is at most
 * 2^-52 |v| (plus 2^-1074 in the subnormal range).  The bound computed so is
 * then multiplied by FINAL_SAFETY = 4 (this also covers the rounding of the
 * bound's own arithmetic) and 2^-1060 is added for gradual underflow.
 *
 * The `exact` field is the double value: within 2^-40 of it relative
 * (2^-16 ulp of a binary32 result), or within 2^-200 absolute (2^-51 ulp of
 * the smallest binary32 subnormal: deep underflow, where relative accuracy
 * means nothing for ULP errors).  Otherwise MPFR decides. */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fast.h"
#include "roots.h"

/* Two_sum and the bounds below need binary64 arithmetic without excess
 * precision (SSE2, not x87): elsewhere every input goes to MPFR. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define FAST_OK 1
#else
#define FAST_OK 0
#endif

/* The row formulas are inlined into the block loops (act_fast_ref_block_f32). */
#define INLINE inline __attribute__((always_inline))

/* ---- error-bounded double arithmetic ----------------------------------- */

#define U 0x1p-53        /* unit roundoff of binary64 */
#define ULP 0x1p-52      /* an ulp of v is <= 2^-52 |v| for normal v */
#define TINY 0x1p-1074   /* absolute error of one rounding in the subnormal range */

#define LIBM_SAFETY 8
#define K_EXP (LIBM_SAFETY * 1)   /* glibc exp:   1 ulp (libm-test-ulps, x86_64) */
#define K_EXPM1 (LIBM_SAFETY * 1) /* glibc expm1: 1 ulp */
#define K_LOG1P (LIBM_SAFETY * 1) /* glibc log1p: 1 ulp */
#define K_ERFC (LIBM_SAFETY * 5)  /* glibc erfc:  5 ulp */
#define K_ERF (LIBM_SAFETY * 1)   /* glibc erf:   1 ulp */
#define K_TANH (LIBM_SAFETY * 2)  /* glibc tanh:  2 ulp */
#define FINAL_SAFETY 4
#define FLOOR 0x1p-1060

/* Decimal and irrational constants, RN to double (relative error < 2^-53.1,
 * computed with MPFR at 400 bits). */
#define INV_SQRT2 0x1.6a09e667f3bcdp-1     /* 1/sqrt(2) */
#define INV_SQRT_2PI 0x1.9884533d43651p-2  /* 1/sqrt(2 pi) */
#define TWO_SQRT_2_PI 0x1.9884533d43651p+0 /* 2 sqrt(2/pi) */
#define SQRT_2_PI 0x1.9884533d43651p-1     /* sqrt(2/pi) */
#define LN2 0x1.62e42fefa39efp-1           /* log 2 */
#define C06 0x1.3333333333333p-1           /* 0.6 */
#define C064 0x1.47ae147ae147bp-1          /* 0.64 */
#define C032 0x1.47ae147ae147bp-2          /* 0.32 */
#define GT_K 0x1.6e4e26d4801f7p-5          /* 0.044715 (gelu_tanh) */
#define GT_3K 0x1.12ba9d1f60179p-3         /* 3 * 0.044715 = 0.134145 */
#define GS_K 0x1.b3b645a1cac08p+0          /* 1.702 (gelu_sigmoid) */
#define GS_LO 0x1.89374bc6a7efap-55        /* RN(1.702 - GS_K): |1.702 - GS_K - GS_LO| < 2^-109 */
#define SELU_S 0x1.0cfabd6a91132p+0        /* SELU scale 1.0507009873554804934193349852946 */
#define SELU_AS 0x1.c212cc640f031p+0       /* SELU alpha * scale (exact decimals multiplied) */

typedef struct {
  double v, e;
} eb;

static inline eb ex(double v) { return (eb){v, 0}; }
static inline eb cst(double v) { return (eb){v, U * fabs(v)}; }
static inline eb add(eb a, eb b)
{
  double v = a.v + b.v;
  return (eb){v, a.e + b.e + U * fabs(v)};
}
static inline eb mul(eb a, eb b)
{
  double v = a.v * b.v;
  return (eb){v, fabs(a.v) * b.e + fabs(b.v) * a.e + a.e * b.e + U * fabs(v) + TINY};
}
/* |a/b - av/bv| <= (|av/bv| eb + ea)/(|bv| - eb) */
static inline eb dvd(eb a, eb b)
{
  double v = a.v / b.v, d = fabs(b.v) - b.e;
  if (!(d > 0))
    return (eb){v, INFINITY};
  return (eb){v, (fabs(v) * b.e + a.e) / d + U * fabs(v) + TINY};
}
static inline double libm_err(int k, double v) { return k * (ULP * fabs(v) + TINY); }

/* exp: |exp'| = exp <= exp(av + ae) <= (v + err) e^(2^-20) <= 1.001 (v + err)
 * when ae <= 2^-20.  When av + ae < -746 every point of the argument interval
 * maps below 2^-1076, and so does v: the difference is below 2^-1074. */
static inline eb eexp(eb a)
{
  double v = exp(a.v), e = libm_err(K_EXP, v);
  if (a.e <= 0x1p-20)
    return (eb){v, e + 1.001 * (v + e) * a.e};
  if (a.v + a.e < -746)
    return (eb){v, e + TINY};
  return (eb){v, INFINITY};
}
/* expm1 on arguments with av + ae <= 0: |expm1'| = e^s <= 1. */
static inline eb eexpm1_neg(eb a)
{
  double v = expm1(a.v);
  return (eb){v, libm_err(K_EXPM1, v) + a.e};
}
/* log1p on arguments in [0, 1] (minus a tiny error): |log1p'| = 1/(1+s) <= 1.001. */
static inline eb elog1p_pos(eb a)
{
  double v = log1p(a.v);
  return (eb){v, libm_err(K_LOG1P, v) + 1.001 * a.e};
}
/* erfc: |erfc'(s)| = (2/sqrt pi) e^(-s^2) <= 1.1284 everywhere; for s >= 1,
 * by Abramowitz & Stegun 7.1.13, (2/sqrt pi) e^(-s^2) < erfc(s) (s + sqrt(s^2 + 2))
 * <= erfc(s) (2s + 1.5), and over [t - ae, t + ae] (t ae <= 2^-12) the
 * maximum at t - ae exceeds the value at t by a factor e^(2 t ae) < 1.001.
 * For t - ae > 27: erfc <= erfc(27) = 2^-1057.3 on the whole interval. */
static inline eb eerfc(eb a)
{
  double t = a.v, v = erfc(t), e = libm_err(K_ERFC, v);
  if (t < 1)
    return (eb){v, e + 1.1284 * a.e};
  if (t - a.e > 27)
    return (eb){v, e + 0x1p-1057};
  if (t * a.e > 0x1p-12)
    return (eb){v, INFINITY};
  return (eb){v, e + 1.01 * (v + e) * (2 * t + 1.5) * a.e};
}

/* 2 Phi(x) = erfc(-x/sqrt2) = 1 + erf(x/sqrt2).  The erf form for
 * |x/sqrt2| < 0.84375 (glibc's own switch point) has 8 rather than 40 ulps
 * to carry near gelu's root; |erf'| <= 2/sqrt(pi) < 1.1284. */
static inline eb two_phi(double x)
{
  eb t = mul(ex(x), cst(INV_SQRT2));
  if (fabs(t.v) < 0.84375) {
    double v = erf(t.v);
    return add(ex(1), (eb){v, libm_err(K_ERF, v) + 1.1284 * t.e});
  }
  return eerfc((eb){-t.v, t.e});
}

/* sigma(y) and sigma(-y) = 1 - sigma(y) without cancellation: with
 * E = exp(-|y|) in (0, 1], sigma(|y|) = 1/(1 + E), sigma(-|y|) = E/(1 + E).
 * The argument error y.e is carried by exp (the formula is smooth in y of
 * either sign, so it holds when the true y has the other sign). */
static inline void sigpair(eb y, eb *s, eb *c)
{
  eb E = eexp((eb){-fabs(y.v), y.e});
  eb D = add(ex(1), E);
  eb big = dvd(ex(1), D), small = dvd(E, D);
  if (y.v >= 0)
    *s = big, *c = small;
  else
    *s = small, *c = big;
}

/* s + t = a + b exactly (Knuth), no overflow */
static inline void two_sum(double a, double b, double *s, double *t)
{
  double x = a + b, bb = x - a;
  *s = x;
  *t = (a - (x - bb)) + (b - bb);
}

/* a + b rounded to odd in binary64: rounding that to binary32 (24 <= 53 - 2
 * bits) equals the direct round-to-nearest of a + b (Boldo & Melquiond,
 * "When double rounding is odd", 2005).  Below 2^-1022 every value rounds to
 * a binary32 +-0 and rounding to odd keeps the sign. */
static inline double ro_sum(double a, double b)
{
  double s, t;
  two_sum(a, b, &s, &t);
  if (t != 0) {
    uint64_t w;
    memcpy(&w, &s, 8);
    if (!(w & 1)) {
      if (s == 0)
        return copysign(0x1p-1074, t);
      w += (s > 0) == (t > 0) ? 1 : (uint64_t)-1; /* one ulp toward t */
      memcpy(&s, &w, 8);
    }
  }
  return s;
}

/* The binary32 rounding of d, as a double.  The empty asm keeps the float
 * in memory: GCC 12.2 at -O2 was seen to compile a pair of (double)(float)
 * round trips, SLP-vectorised, into plain copies (wrong code), which here
 * would silently skip a rounding. */
static inline double f32r(double d)
{
  float f = (float)d;
  __asm__("" : "+m"(f));
  return f;
}
static inline int same_d(double a, double b) { return a == b && signbit(a) == signbit(b); }

/* ---- the same arithmetic on four lanes ------------------------------------
 *
 * Where the machine has AVX2, every row below with a `gen4` evaluates its
 * general region four inputs at a time, with the same error model as the
 * scalar helpers above, and with glibc's libmvec (_ZGVdN4v_exp and so on)
 * in place of the scalar libm calls.  glibc's libm-test-ulps lists 1 ulp for
 * each of exp, expm1, log1p, erf, erfc and tanh (*_vlen4_avx2), but
 * test_fast measures Debian 12's libmvec (glibc 2.36) against MPFR at up to
 * 3.04 ulps (exp, at 10^6 inputs) from the exact value: K_V charges 4 ulps to each
 * (erfc: the scalar 5) times LIBM_SAFETY, and test_fast fails should a
 * libmvec exceed what is charged.  One process uses one of the two evaluations for every
 * input (vec_mode, fixed at start-up; ACTCHECK_FAST_SCALAR=1 forces the
 * scalar one), so one-by-one, block and run answers stay bit for bit equal.
 * No FMA is enabled: no contraction changes a rounding the bounds count.
 * Lanes follow the scalar code's branches by blending both sides. */
typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4l __attribute__((vector_size(32)));
typedef struct {
  v4d v, e;
} veb;

#if FAST_OK && defined(__x86_64__)
#include "libmvec.h"
#define HAVE_VEC 1
#define VT __attribute__((target("avx2")))
#define VLIBM(f) \
  static inline __attribute__((always_inline)) VT v4d v##f(v4d a) { return (v4d)_ZGVdN4v_##f((__m256d)a); }
#else
#define HAVE_VEC 0
#define VT
#define VLIBM(f)                                                       \
  static inline __attribute__((always_inline)) v4d v##f(v4d a)         \
  {                                                                    \
    return (v4d){f(a[0]), f(a[1]), f(a[2]), f(a[3])};                  \
  }
#endif
VLIBM(exp) VLIBM(expm1) VLIBM(log1p) VLIBM(erf) VLIBM(erfc) VLIBM(tanh)
#undef VLIBM

#define VINLINE static inline __attribute__((always_inline)) VT
#define K_V (LIBM_SAFETY * 4) /* libmvec exp, expm1, log1p, erf, tanh: measured <= 3.04 ulps */

static int vec_mode; /* 1: general regions through the gen4 functions */
/* The root expansions (roots.c, 6 ms of MPFR the first time): set by
 * lookup_slow, which every thread passes before it calls a row. */
static _Thread_local const act_root *rt;
__attribute__((constructor)) static void vec_mode_init(void)
{
#if HAVE_VEC
  const char *s = getenv("ACTCHECK_FAST_SCALAR");
  vec_mode = __builtin_cpu_supports("avx2") && !(s && *s && strcmp(s, "0") != 0);
#endif
}

VINLINE v4d vb(double c) { return (v4d){c, c, c, c}; }
VINLINE v4d vabs(v4d a) { return (v4d)((v4l)a & INT64_MAX); }
/* m ? a : b, lane by lane (m from a vector comparison: all ones or zero) */
VINLINE v4d vsel(v4l m, v4d a, v4d b) { return (v4d)(((v4l)a & m) | ((v4l)b & ~m)); }
#if HAVE_VEC /* one movemask (the sign bits: all of a mask lane) */
VINLINE int vany(v4l m) { return _mm256_movemask_pd((__m256d)m) != 0; }
VINLINE int vall(v4l m) { return _mm256_movemask_pd((__m256d)m) == 15; }
#else
VINLINE int vany(v4l m) { return (m[0] | m[1] | m[2] | m[3]) != 0; }
VINLINE int vall(v4l m) { return (m[0] & m[1] & m[2] & m[3]) != 0; }
#endif
VINLINE veb vex(v4d v) { return (veb){v, vb(0)}; }
VINLINE veb vcst(double c) { return (veb){vb(c), vb(U * fabs(c))}; }
VINLINE veb vadd(veb a, veb b)
{
  v4d v = a.v + b.v;
  return (veb){v, a.e + b.e + U * vabs(v)};
}
VINLINE veb vmul(veb a, veb b)
{
  v4d v = a.v * b.v;
  return (veb){v, vabs(a.v) * b.e + vabs(b.v) * a.e + a.e * b.e + U * vabs(v) + TINY};
}
VINLINE veb vdvd(veb a, veb b)
{
  v4d v = a.v / b.v, d = vabs(b.v) - b.e;
  v4d e = (vabs(v) * b.e + a.e) / d + U * vabs(v) + TINY;
  return (veb){v, vsel(d > 0, e, vb(INFINITY))};
}
VINLINE v4d vlibm_err(int k, v4d v) { return k * (ULP * vabs(v) + TINY); }
/* as eexp */
VINLINE veb veexp(veb a)
{
  v4d v = vexp(a.v), e = vlibm_err(K_V, v);
  v4d r = vsel(a.v + a.e < -746, e + TINY, vb(INFINITY));
  return (veb){v, vsel(a.e <= 0x1p-20, e + 1.001 * (v + e) * a.e, r)};
}
/* as eexpm1_neg, elog1p_pos */
VINLINE veb veexpm1_neg(veb a)
{
  v4d v = vexpm1(a.v);
  return (veb){v, vlibm_err(K_V, v) + a.e};
}
VINLINE veb velog1p_pos(veb a)
{
  v4d v = vlog1p(a.v);
  return (veb){v, vlibm_err(K_V, v) + 1.001 * a.e};
}
/* as eerfc (its proof) */
VINLINE veb veerfc(veb a)
{
  v4d t = a.v, v = verfc(t), e = vlibm_err(K_ERFC, v);
  v4d big = vsel(t * a.e > 0x1p-12, vb(INFINITY), e + 1.01 * (v + e) * (2 * t + 1.5) * a.e);
  big = vsel(t - a.e > 27, e + 0x1p-1057, big);
  return (veb){v, vsel(t < 1, e + 1.1284 * a.e, big)};
}
/* as two_phi: erf where |x/sqrt2| < 0.84375, else erfc (each only when a
 * lane needs it) */
VINLINE veb vtwo_phi(v4d x)
{
  veb t = vmul(vex(x), vcst(INV_SQRT2)), r = {vb(0), vb(0)}, c = r;
  v4l m = vabs(t.v) < 0.84375;
  if (vany(m)) {
    v4d v = verf(t.v);
    r = vadd(vex(vb(1)), (veb){v, vlibm_err(K_V, v) + 1.1284 * t.e});
  }
  if (!vall(m))
    c = veerfc((veb){-t.v, t.e});
  return (veb){vsel(m, r.v, c.v), vsel(m, r.e, c.e)};
}
/* as sigpair */
VINLINE void vsigpair(veb y, veb *s, veb *c)
{
  veb E = veexp((veb){-vabs(y.v), y.e});
  veb D = vadd(vex(vb(1)), E);
  veb big = vdvd(vex(vb(1)), D), small = vdvd(E, D);
  v4l pos = y.v >= 0;
  *s = (veb){vsel(pos, big.v, small.v), vsel(pos, big.e, small.e)};
  *c = (veb){vsel(pos, small.v, big.v), vsel(pos, small.e, big.e)};
}
/* sigma(y) alone: the numerator chosen lane by lane (1 or E), one
 * division instead of two; each lane computes what vsigpair's s does */
VINLINE veb vsig1(veb y)
{
  veb E = veexp((veb){-vabs(y.v), y.e});
  veb D = vadd(vex(vb(1)), E);
  v4l pos = y.v >= 0;
  return vdvd((veb){vsel(pos, vb(1), E.v), vsel(pos, vb(0), E.e)}, D);
}
VINLINE eb lane(veb g, int i) { return (eb){g.v[i], g.e[i]}; }

/* ---- one row's answer ---------------------------------------------------- */

enum { R_MPFR = 0, R_DD, R_POINT, R_GEN, R_DONE }; /* R_DONE: answered already (blk4) */

typedef struct {
  double hi, lo, e; /* R_DD: |exact - (hi + lo)| <= e; R_POINT: exact = hi */
  int sgn;          /* R_DD: sign of the exact value when known (a theorem), else 0 */
  int chk6;         /* R_DD from div6: EXACT iff 6 f = s6 + t6 for the decided f */
  double s6, t6;
  int tag;          /* nonzero: the call site (line) of a tagged answer, below */
  int side;         /* R_DD: sign of |exact| - |hi| when known (a theorem), else 0 */
  double cap, flo;  /* R_DD: |exact| < cap, |exact| > flo when nonzero (theorems) */
} fres;

typedef int rowfn(double x, const double *p, fres *r);

/* Tagged answers: point(), near(), constant() and tiny() record their call
 * site (its line).  The value v given to a tagged site is an affine function
 * of x, the same for every input that reaches the site (x, x/2, a constant),
 * possibly chosen among such by comparisons of x, or of an increasing
 * function of x, with constants; its bound depends on v alone (near) or not
 * at all (constant, tiny).  Then the inputs of one sign that reach a site
 * form an interval, and two of them fix the affine function: if both ends of
 * a run of inputs reach the same site and their answers are equal, or are x
 * (or x/2) at both, so is every answer between.  act_fast_ref_bits_f32
 * answers whole runs so; test_fast checks it against one-by-one answers. */
static inline int point_(fres *r, double v, int tag)
{
  r->hi = v;
  r->tag = tag;
  return R_POINT;
}
#define point(r, v) point_((r), (v), __LINE__)
static inline int dd(fres *r, double hi, double lo, double e, int sgn)
{
  r->hi = hi, r->lo = lo, r->e = e, r->sgn = sgn;
  return R_DD;
}
static inline int val(fres *r, eb v, int sgn) { return dd(r, v.v, 0, v.e, sgn); }
static inline int sgn_of(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }

/* Tails: the exact value is within 2^-64 |v| of v (a float), or below
 * 2^-1010 in magnitude with a known sign; each use states its proof. */
enum { DOWN = -1, UP = 1 }; /* |exact| below or above |v| */
/* Bounds on |exact| for the binade of the answer (see decide): a cap
 * below which, or a floor above which, the exact value is known to lie. */
static inline int capped(fres *r, int st, double cap)
{
  r->cap = fabs(cap);
  return st;
}
static inline int floored(fres *r, int st, double flo)
{
  r->flo = fabs(flo);
  return st;
}

static inline int near_(fres *r, double v, int side, int tag)
{
  r->tag = tag, r->side = side;
  if (side < 0) r->cap = fabs(v);
  if (side > 0) r->flo = fabs(v);
  return dd(r, v, 0, 0x1p-64 * fabs(v), sgn_of(v));
}
/* A constant answer: the exact value within e of v, both independent of x
 * (v a double constant such as RN(log 2), not necessarily a float). */
static inline int const_(fres *r, double v, double e, int tag)
{
  r->tag = tag, r->side = 0;
  return dd(r, v, 0, e, sgn_of(v));
}
#define constant(r, v, e) const_((r), (v), (e), __LINE__)
static inline int tiny_(fres *r, int sgn, int tag)
{
  r->tag = tag;
  return dd(r, 0, 0, 0x1p-1010, sgn);
}
#define near(r, v, side) near_((r), (v), (side), __LINE__)
/* Close to a float: the exact value within 2^-43 |v| of the float v, so
 * that v is its rounding (float neighbours are 2^-24 |v| away or more) and
 * v serves as the exact value (fast.h promises 2^-40: ULP errors move by
 * at most 2^-19 ulp).  Used where a tiny input's answer is its first term. */
static inline int close_(fres *r, double v, int side, int tag)
{
  r->tag = tag, r->side = side;
  if (side < 0) r->cap = fabs(v);
  if (side > 0) r->flo = fabs(v);
  return dd(r, v, 0, 0x1p-43 * fabs(v), sgn_of(v));
}
#define close(r, v, side) close_((r), (v), (side), __LINE__)
#define tiny(r, sgn) tiny_((r), (sgn), __LINE__)

/* f(x) = x/2 + c x^2 + rem for |x| <= 2^-24 (and |k x| <= 2^-24), where
 * |rem| <= |c x^2| 2^-48 (each use proves it) and f(x) - x/2 has the sign of
 * c: hi = x/2 is exact (a float or, for subnormal x, a binary32 midpoint);
 * lo = c x^2 carries the direction, with x^2 exact and 2 roundings. */
static inline int tiny_half_(fres *r, double x, double c, int tag)
{
  /* |c x| <= 2^-66: |f - x/2| <= (1 + 2^-48) |c| x^2 < 2^-64 |x/2|, and x/2
   * is a float for |x| >= 2^-125 */
  if (fabs(x) >= 0x1p-125 && fabs(c * x) <= 0x1p-66)
    return near_(r, 0.5 * x, x > 0 ? UP : DOWN, tag); /* f - x/2 > 0 */
  if (fabs(x) >= 0x1p-125 && fabs(c * x) <= 0x1p-45) /* 2^-44 (1 + 2^-48) |x/2| */
    return close_(r, 0.5 * x, x > 0 ? UP : DOWN, tag);
  double lo = c * (x * x);
  return dd(r, 0.5 * x, lo, 0x1p-40 * fabs(lo), sgn_of(x));
}

/* f(x) = h + c x + rem for tiny x, |rem| <= k |x|^3 (each use proves it):
 * lo = c x with one rounding and the constant's. */
#define tiny_half(r, x, c) tiny_half_((r), (x), (c), __LINE__)
static inline int lin_tiny_(fres *r, double h, double c, double x, double k, int sgn, int tag)
{
  /* |c x| + k |x|^3 <= 2^-65 |h| (h a float): within 2^-64 |h| of h */
  if (fabs(c * x) <= 0x1p-66 * fabs(h) && k * fabs(x * x * x) <= 0x1p-66 * fabs(h))
    return near_(r, h, (c * x > 0) == (h > 0) ? UP : DOWN, tag);
  if (fabs(c * x) <= 0x1p-45 * fabs(h) && k * fabs(x * x * x) <= 0x1p-45 * fabs(h))
    return close_(r, h, (c * x > 0) == (h > 0) ? UP : DOWN, tag); /* within 2^-44 |h| */
  double lo = c * x;
  return dd(r, h, lo, 2 * U * fabs(lo) + k * fabs(x * x * x) + TINY, sgn);
}
#define lin_tiny(r, h, c, x, k, sgn) lin_tiny_((r), (h), (c), (x), (k), (sgn), __LINE__)

/* (s + t)/6 for an exact normalised double-double s + t (s = 0: an exact
 * zero, as hardswish'(-1.5); else |s| >= 2^-900).
 * MPFR's enclosure of such a quotient is a point exactly when it is
 * representable at the working precision, and a float quotient has <= 24 bits
 * while its numerator (6 f) has <= 26: EXACT iff the value is a float.
 * q = RN(s/6); 6q = 4q + 2q exactly as p + pe; s - p is exact (Sterbenz),
 * and s - 6q is representable (remainder of a rounded division), so rem is
 * exact; lo = (rem + t)/6 with 2 roundings. */
static inline int div6(fres *r, double s, double t, int sgn)
{
  if (s == 0)
    return point(r, 0);
  double q = s / 6, p, pe;
  two_sum(4 * q, 2 * q, &p, &pe);
  double rem = (s - p) - pe, lo = (rem + t) / 6;
  r->chk6 = 1, r->s6 = s, r->t6 = t;
  return dd(r, q, lo, 2 * U * fabs(lo) + TINY, sgn);
}
static inline int is_6f(double f, double s, double t)
{
  double p, pe;
  two_sum(4 * f, 2 * f, &p, &pe);
  return p == s && pe == t;
}

/* ---- piecewise-linear rows (exact) --------------------------------------- */

static INLINE int relu_f(double x, const double *p, fres *r) { (void)p; return point(r, x > 0 ? x : 0); }
static INLINE int relu_d(double x, const double *p, fres *r) { (void)p; return point(r, x > 0); }

/* x alpha: two 24-bit significands, >= 2^-298: exact in double */
static INLINE int leaky_f(double x, const double *p, fres *r) { return point(r, x > 0 ? x : x * p[0]); }
static INLINE int leaky_d(double x, const double *p, fres *r) { return point(r, x > 0 ? 1 : p[0]); }

static INLINE int relu6_f(double x, const double *p, fres *r)
{
  (void)p;
  return point(r, x <= 0 ? 0 : x >= 6 ? 6 : x);
}
static INLINE int relu6_d(double x, const double *p, fres *r) { (void)p; return point(r, x > 0 && x < 6); }
static INLINE int hardtanh_f(double x, const double *p, fres *r)
{
  return point(r, x <= p[0] ? p[0] : x >= p[1] ? p[1] : x);
}
static INLINE int hardtanh_d(double x, const double *p, fres *r) { return point(r, x > p[0] && x < p[1]); }

/* (x + 3)/6: x + 3 exactly as s + t */
static INLINE int hardsigmoid_f(double x, const double *p, fres *r)
{
  (void)p;
  if (x <= -3) return point(r, 0);
  if (x >= 3) return point(r, 1);
  /* 1/2 + x/6 exactly (never a float there: |x/6| < 2^-25) */
  if (x == 0) return point(r, 0.5);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, 1.0 / 6, x, 0, 1);
  double s, t;
  two_sum(x, 3, &s, &t);
  return div6(r, s, t, 1);
}
/* 1/6: MPFR's enclosure is not a point: no EXACT */
static INLINE int hardsigmoid_d(double x, const double *p, fres *r)
{
  (void)p;
  if (x > -3 && x < 3) return constant(r, 1.0 / 6, U / 6); /* tagged: runs answered at once */
  return point(r, 0);
}
/* x (x + 3)/6 = (x^2 + 3x)/6: x^2 (48 bits) and 3x (26 bits) exact */
static INLINE int hardswish_f(double x, const double *p, fres *r)
{
  (void)p;
  if (x <= -3) return point(r, 0);
  if (x >= 3) return point(r, x);
  if (x == 0) return point(r, 0);
  /* x/2 + x^2/6 exactly (never a float there: x^2/6 is below x/2's ulp) */
  if (fabs(x) <= 0x1p-24) return tiny_half(r, x, 1.0 / 6);
  double s, t;
  two_sum(x * x, 3 * x, &s, &t);
  return div6(r, s, t, sgn_of(x));
}
/* (2x + 3)/6 */
static INLINE int hardswish_d(double x, const double *p, fres *r)
{
  (void)p;
  if (x <= -3) return point(r, 0);
  if (x >= 3) return point(r, 1);
  /* 1/2 + x/3 exactly (never a float there: |x/3| < 2^-25) */
  if (x == 0) return point(r, 0.5);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, 1.0 / 3, x, 0, 1);
  double s, t;
  two_sum(2 * x, 3, &s, &t);
  return div6(r, s, t, 0);
}

/* ONNX: lin = alpha x + beta = s + t exactly (alpha x exact, 48 bits).  MPFR
 * decides at 64 bits: clamp to 0 iff RNDD(lin) <= 0 iff lin <= 0; clamp to 1
 * iff RNDU_64(lin) >= 1 iff lin > 1 - 2^-64 (s > 1, or s = 1 and t > -2^-64;
 * s < 1 gives lin <= 1 - 2^-54).  To stay clear of that quirk, lin in
 * (1 - 2^-60, 1) goes to MPFR.  Inside, the enclosure is a point iff lin has
 * <= 64 bits; EXACT iff lin is a float (then it has 24). */
static INLINE int onnx_lin(double x, const double *p, double *s, double *t)
{
  two_sum(p[0] * x, p[1], s, t);
  if (*s < 0 || (*s == 0 && *t <= 0)) return 0;
  if (*s > 1 || (*s == 1 && *t > -0x1p-64)) return 2;
  if (*s >= 1 - 0x1p-60) return -1;
  return 1;
}
static INLINE int hsig_onnx_f(double x, const double *p, fres *r)
{
  /* 0 < beta < 1 and 0 < |alpha x| <= 2^-66 beta: within 2^-66 beta of the
   * float beta (2^-45: close), unclamped, on the side of alpha x */
  double ax = p[0] * x;
  if (p[1] > 0 && p[1] < 1 && ax != 0 && fabs(ax) <= 0x1p-66 * p[1])
    return near(r, p[1], ax > 0 ? UP : DOWN);
  if (p[1] > 0 && p[1] < 1 && ax != 0 && fabs(ax) <= 0x1p-45 * p[1])
    return close(r, p[1], ax > 0 ? UP : DOWN);
  double s, t;
  switch (onnx_lin(x, p, &s, &t)) {
  case 0: return point(r, 0);
  case 2: return point(r, 1);
  case 1:
    if (t == 0) return point(r, s); /* exact double: point (53 <= 64 bits) */
    return dd(r, s, t, 0, 1);
  }
  return R_MPFR;
}
static INLINE int hsig_onnx_d(double x, const double *p, fres *r)
{
  double s, t;
  int c = onnx_lin(x, p, &s, &t);
  if (c < 0) return R_MPFR;
  return point(r, c == 1 ? p[0] : 0);
}

/* ---- derivatives at their roots -------------------------------------------
 *
 * f'(X0 + t) for |t| <= w by the Taylor series of roots.c, t = d + s with
 * d = (argument - x0h) exact (Sterbenz: the argument is within a factor 2
 * of x0h) and s the small rest (-x0l, and gelu_sigmoid's low parts), so
 * |t - (d + s)| <= et.  Horner's scheme (four chains in t^4) in the
 * error-bounded arithmetic (each c_k charged its rounding, u |c_k|), to the
 * lowest degree n whose remainder bound rem_n = M q^(n+1)/(1 - q), q =
 * |t|/rho, is below goal = 2^-60 |c_1 t| (or ROOT_N), goal charged (rem_n
 * past ROOT_N), plus 2^-200 for the series' own MPFR arithmetic.  The
 * relative error is then that of t and the coefficients, not the general
 * formula's absolute error divided by a value going to 0. */
/* The degree is found from thresholds: rem_n <= goal iff q^n/(1 - q) <=
 * K = 2^-60 |c_1| rho / M, increasing in q, so iff q <= qn[n], the root of
 * q^n/(1 - q) = K by bisection (once per thread, for its root table),
 * lowered by 2^-20.  Then goal, which bounds rem, is added; past ROOT_N,
 * rem itself.  Consecutive inputs keep their degree: the search starts at
 * the last one. */
static _Thread_local double qn[ROOT_COUNT][ROOT_N + 1];
static _Thread_local const act_root *qn_of; /* the root table qn was made for */
static _Thread_local int last_n[ROOT_COUNT];
static void make_qn(void)
{
  for (int i = 0; i < ROOT_COUNT; i++) {
    const act_root *R = &rt[i];
    double K = R->ok ? 0x1p-60 * fabs(R->c[1]) * R->rho / R->M : 0;
    qn[i][0] = 0; /* 1/(1 - q) <= K: q = 0 only (t = 0, goal = rem = 0) */
    for (int n = 1; n <= ROOT_N; n++) {
      double lo = 0, hi = 1;
      for (int it = 0; it < 80; it++) {
        double m = (lo + hi) / 2;
        if (n * log(m) - log1p(-m) <= log(K)) lo = m; else hi = m;
      }
      qn[i][n] = K > 0 ? lo * (1 - 0x1p-20) : 0;
    }
  }
  qn_of = rt;
}
static __attribute__((noinline)) int root_val(fres *r, const act_root *R, double d, double s,
                                              double et)
{
  double t = d + s, q = fabs(t) / R->rho, add_e = 0x1p-60 * fabs(R->c[1] * t);
  int i = (int)(R - rt), n = last_n[i];
  const double *th = qn[i];
  while (n > 0 && q <= th[n - 1])
    n--;
  while (n < ROOT_N && !(q <= th[n]))
    n++;
  last_n[i] = n;
  if (!(q <= th[n])) { /* n = ROOT_N: the remainder itself */
    add_e = R->M * q / (1 - q);
    for (int k = 0; k < n; k++)
      add_e *= q;
  }
  /* four Horner chains in t^4 (k = j mod 4), independent: a quarter of
   * one chain's latency */
  eb T = {t, et + U * fabs(t)}, T2 = mul(T, T), T4 = mul(T2, T2), S[4];
  for (int j = 0; j < 4; j++) {
    int k = j > n ? -1 : n - (n - j) % 4; /* the highest k <= n, k = j mod 4 */
    S[j] = k < 0 ? ex(0) : cst(R->c[k]);
    for (k -= 4; k >= 0; k -= 4)
      S[j] = add(cst(R->c[k]), mul(T4, S[j]));
  }
  eb P = add(add(S[0], mul(T, S[1])), mul(T2, add(S[2], mul(T, S[3]))));
  P.e += add_e + 0x1p-200;
  return val(r, P, 0);
}
/* The root's window for an exact argument y (x, or beta x) */
#define ROOT(r, i, y)                                                                        \
  do {                                                                                       \
    const act_root *R_ = &rt[i];                                                             \
    if (R_->ok && fabs((y) - R_->x0h) <= R_->w)                                              \
      return root_val((r), R_, (y) - R_->x0h, -R_->x0l, 0);                                  \
  } while (0)

/* ---- rows in three parts ------------------------------------------------
 *
 * A row F with a vector form is written as F_pre (special inputs: tails,
 * tiny x, zero; R_GEN for the general region), F_gen (the general region's
 * formula, scalar) with F_gen4 (the same on four lanes, above), and F_post
 * (the value's sign, caps and floors).  VROW(F) makes F itself (pre, then
 * gen or gen4 by vec_mode, then post: every one-by-one and tagged call) and
 * F_blk4, the block loop that sends the general inputs through F_gen4 four
 * at a time. */
#define STORE(b, i, status, r)                                                               \
  do {                                                                                       \
    (b).st[i] = (int8_t)(status);                                                            \
    (b).hi[i] = (r).hi, (b).lo[i] = (r).lo, (b).e[i] = (r).e, (b).sgn[i] = (int8_t)(r).sgn;  \
    (b).chk6[i] = (int8_t)(r).chk6, (b).s6[i] = (r).s6, (b).t6[i] = (r).t6;                  \
    (b).side[i] = (int8_t)(r).side, (b).cap[i] = (r).cap, (b).flo[i] = (r).flo;              \
  } while (0)
enum { NB = 256 };
typedef struct {
  double hi[NB], lo[NB], e[NB], s6[NB], t6[NB];
  double cap[NB], flo[NB];
  int8_t st[NB], sgn[NB], chk6[NB], side[NB];
} batch;
static void finish_batch(const act_def *a, int deriv, const float *x, size_t n,
                         const double *p, batch *b, act_fast_ref *out);
static INLINE void finish(const act_def *a, int deriv, double x, const double *p, int st,
                          const fres *r, act_fast_ref *out);
#if HAVE_VEC
VINLINE __m256d ro_sum4(__m256d a, __m256d b)
{
  __m256d x = _mm256_add_pd(a, b), bb = _mm256_sub_pd(x, a);
  __m256d t = _mm256_add_pd(_mm256_sub_pd(a, _mm256_sub_pd(x, bb)), _mm256_sub_pd(b, bb));
  __m256i w = _mm256_castpd_si256(x), wt = _mm256_castpd_si256(t);
  __m256i one = _mm256_set1_epi64x(1), zero = _mm256_setzero_si256();
  __m256i inexact = _mm256_castpd_si256(_mm256_cmp_pd(t, _mm256_setzero_pd(), _CMP_NEQ_UQ));
  __m256i even = _mm256_cmpeq_epi64(_mm256_and_si256(w, one), zero);
  __m256i fix = _mm256_and_si256(inexact, even);
  /* one ulp toward t: +1 on the bits when x and t have the same sign, else -1 */
  __m256i same = _mm256_cmpgt_epi64(zero, _mm256_xor_si256(w, wt)); /* sign bits differ: < 0 */
  same = _mm256_xor_si256(same, _mm256_set1_epi64x(-1));
  __m256i step = _mm256_or_si256(_mm256_and_si256(same, one), _mm256_andnot_si256(same, _mm256_set1_epi64x(-1)));
  __m256i moved = _mm256_add_epi64(w, step);
  /* x = 0: the smallest subnormal with t's sign */
  __m256i xzero = _mm256_castpd_si256(_mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_EQ_OQ));
  __m256i tiny = _mm256_or_si256(_mm256_set1_epi64x(1),
                                 _mm256_and_si256(wt, _mm256_set1_epi64x(INT64_MIN)));
  moved = _mm256_blendv_epi8(moved, tiny, xzero);
  return _mm256_castsi256_pd(_mm256_blendv_epi8(w, moved, fix));
}
/* decide() for four enclosures at once (hi + lo, bound e, known sign sg),
 * the same operations in the same order; the movemask of the lanes where
 * decide() would decide, their floats in *f and exact values in *v. */
VINLINE int decide4x(__m256d hi, __m256d lo, __m256d e, __m256i sg, __m256d *f, __m256d *v)
{
  const __m256d zero = _mm256_setzero_pd(), nzero = _mm256_set1_pd(-0.0);
  const __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
  __m256d E = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(FINAL_SAFETY), e), _mm256_set1_pd(FLOOR));
  __m256d good = _mm256_cmp_pd(E, _mm256_set1_pd(INFINITY), _CMP_LT_OQ);
  E = _mm256_add_pd(_mm256_mul_pd(E, _mm256_set1_pd(1 + 0x1p-50)),
                    _mm256_mul_pd(_mm256_set1_pd(0x1p-52), _mm256_and_pd(lo, absmask)));
  __m256d A = ro_sum4(hi, _mm256_sub_pd(lo, E)), B = ro_sum4(hi, _mm256_add_pd(lo, E));
  __m256d pos = _mm256_castsi256_pd(_mm256_cmpgt_epi64(sg, _mm256_setzero_si256()));
  __m256d neg = _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_setzero_si256(), sg));
  /* a known sign clamps the ends to +-0 */
  __m256d m1 = _mm256_andnot_pd(_mm256_cmp_pd(A, zero, _CMP_GT_OQ), pos);
  good = _mm256_andnot_pd(_mm256_andnot_pd(_mm256_cmp_pd(B, zero, _CMP_GT_OQ), m1), good);
  A = _mm256_blendv_pd(A, zero, m1);
  __m256d m2 = _mm256_andnot_pd(_mm256_cmp_pd(B, zero, _CMP_LT_OQ), neg);
  good = _mm256_andnot_pd(_mm256_andnot_pd(_mm256_cmp_pd(A, zero, _CMP_LT_OQ), m2), good);
  B = _mm256_blendv_pd(B, nzero, m2);
  __m128 fa = _mm256_cvtpd_ps(A), fb = _mm256_cvtpd_ps(B);
  __m128i same = _mm_and_si128(_mm_castps_si128(_mm_cmp_ps(fa, fb, _CMP_EQ_OQ)),
                               _mm_cmpeq_epi32(_mm_castps_si128(fa), _mm_castps_si128(fb)));
  good = _mm256_and_pd(good, _mm256_castsi256_pd(_mm256_cvtepi32_epi64(same)));
  __m256d V = ro_sum4(hi, lo);
  __m256d tight = _mm256_or_pd(
    _mm256_cmp_pd(E, _mm256_mul_pd(_mm256_set1_pd(0x1p-40), _mm256_and_pd(V, absmask)), _CMP_LE_OQ),
    _mm256_cmp_pd(E, _mm256_set1_pd(0x1p-200), _CMP_LE_OQ));
  good = _mm256_and_pd(good, tight);
  /* both ends in one binary32 binade (bin32), else decide() says */
  const __m256i lowest = _mm256_set1_epi64x(1023 - 126);
  __m256i ea = _mm256_srli_epi64(_mm256_slli_epi64(_mm256_castpd_si256(A), 1), 53);
  __m256i eb = _mm256_srli_epi64(_mm256_slli_epi64(_mm256_castpd_si256(B), 1), 53);
  ea = _mm256_blendv_epi8(ea, lowest, _mm256_cmpgt_epi64(lowest, ea));
  eb = _mm256_blendv_epi8(eb, lowest, _mm256_cmpgt_epi64(lowest, eb));
  good = _mm256_and_pd(good, _mm256_castsi256_pd(_mm256_cmpeq_epi64(ea, eb)));
  *f = _mm256_cvtps_pd(fa);
  *v = V;
  return _mm256_movemask_pd(good);
}
/* General-region lanes (lo = 0, no known sign, cap or floor): the movemask
 * of the lanes for which decide() decides, with their floats in *f, found
 * without decide()'s two rounded-to-odd ends.  With fd = RN32(hi) not a
 * power of two (nor 0 or inf: those have no significand bits either) and h
 * half its gap (2^(e-24) in binade 2^e, 2^-150 below 2^-126), hi - fd is
 * exact (Sterbenz) and RN(|hi - fd| + E) < h (h a power of two: RN
 * monotone) gives |hi - fd| + E < h exactly: every z within E of hi is
 * strictly inside fd's rounding interval, which lies in fd's binade.  So
 * decide()'s ends a = RO(hi - E), b = RO(hi + E), strictly inside too (the
 * interval's ends are even doubles, round to odd never lands on them), round
 * to fd (RN32 o RO64 = RN32) in one binade; E is decide()'s inflated bound,
 * its tightness test is decide()'s with V = RO(hi + 0) = hi.  A lane refused
 * here (fd a power of two, or an end outside) goes through the row's post
 * and decide() itself. */
/* Half the gap of a binary32 value, from its exponent field ex as a double:
 * 2^(e-24) in binade 2^e, 2^-150 below 2^-126 */
VINLINE v4d half_gap4(v4l ex)
{
  v4l low = ex < 1023 - 126, hex = (low & (1023 - 150)) | (~low & (ex - 24));
  return (v4d)(hex << 52);
}
VINLINE int decide_gen4(v4d hi, v4d e, v4d *f)
{
  v4d E = (FINAL_SAFETY * e + FLOOR) * (1 + 0x1p-50); /* decide()'s E, lo = 0 */
  v4d fd = (v4d)_mm256_cvtps_pd(_mm256_cvtpd_ps((__m256d)hi));
  v4l bits = (v4l)fd, ex = bits >> 52 & 0x7ff;
  v4d h = half_gap4(ex);
  v4l ok = (vabs(hi - fd) + E < h) & ((bits & 0xfffffffffffffLL) != 0) &
           ((E <= 0x1p-40 * vabs(hi)) | (E <= 0x1p-200));
  *f = fd;
  return _mm256_movemask_pd((__m256d)ok);
}
/* Four answers {value f, exact v, flags fl, 0, 0} (act_fast_ref is 32
 * bytes: one store each, flags and fell_back as one 64-bit word); the batch
 * entries are marked answered (and zeroed: decide_batch may read them). */
VINLINE void store_ans4(act_fast_ref *o, batch *b, size_t i, v4d fv, v4d gv, v4l fl)
{
  _Static_assert(sizeof(act_fast_ref) == 32 && offsetof(act_fast_ref, exact) == 8 &&
                 offsetof(act_fast_ref, flags) == 16 && offsetof(act_fast_ref, fell_back) == 20,
                 "act_fast_ref's layout");
  __m256d F = (__m256d)fv, V = (__m256d)gv, L = (__m256d)fl, Z = _mm256_setzero_pd();
  __m256d a = _mm256_unpacklo_pd(F, V), c = _mm256_unpackhi_pd(F, V); /* f0 v0 f2 v2, f1 v1 f3 v3 */
  __m256d la = _mm256_unpacklo_pd(L, Z), lc = _mm256_unpackhi_pd(L, Z);
  _mm256_storeu_pd((double *)(void *)(o + 0), _mm256_permute2f128_pd(a, la, 0x20));
  _mm256_storeu_pd((double *)(void *)(o + 1), _mm256_permute2f128_pd(c, lc, 0x20));
  _mm256_storeu_pd((double *)(void *)(o + 2), _mm256_permute2f128_pd(a, la, 0x31));
  _mm256_storeu_pd((double *)(void *)(o + 3), _mm256_permute2f128_pd(c, lc, 0x31));
  int32_t done = R_DONE * 0x01010101;
  memcpy(b->st + i, &done, 4);
  memset(b->sgn + i, 0, 4);
  _mm256_storeu_pd(b->hi + i, Z), _mm256_storeu_pd(b->lo + i, Z), _mm256_storeu_pd(b->e + i, Z);
}
/* One batch entry answered already: marked, and zeroed as store_ans4 does */
VINLINE void done1(batch *b, size_t j)
{
  b->st[j] = R_DONE, b->sgn[j] = 0;
  b->hi[j] = b->lo[j] = b->e[j] = 0;
}
VINLINE void store_gen4(act_fast_ref *o, batch *b, size_t i, v4d fv, v4d gv)
{
  store_ans4(o, b, i, fv, gv, (v4l)vb(0));
}
/* decide_gen4 for an enclosure hi + lo +- e from pre (no 6f check, side,
 * cap or floor; a known sign only clamps ends that reach 0, and these never
 * do): V = RO(hi + lo) is decide()'s exact value and fd = RN32(V) =
 * RN32(hi + lo).  With fd/2 <= |hi| <= 2 fd (same sign), hi - fd is exact
 * and z = s ((hi - fd) + lo), s the sign of fd, is hi + lo - fd toward
 * larger magnitudes within 2^-53 |z|.  decide()'s ends are hi + RN(lo -+ E),
 * each within E + 2^-53 (|lo| + E) of hi + lo, so within M = E (1 + 2^-50) +
 * 2^-50 |lo| + 2^-52 |z| of fd + s z.  Accepted when both lie strictly
 * inside fd's rounding interval and one binade: |z| + M < h, or, for fd a
 * power of two above 2^-126 (the gap below is half: h/2, and the binade
 * changes at fd), 0 < z - M, z + M < h, or -h/2 < z - M, z + M < 0 (each
 * comparison of a rounded sum with 0 or a power of two exact in sign or
 * monotone). */
VINLINE int decide_lo4(v4d hi, v4d lo, v4d e, v4d *f, v4d *v)
{
  v4d E = (FINAL_SAFETY * e + FLOOR) * (1 + 0x1p-50) + 0x1p-52 * vabs(lo); /* decide()'s */
  v4d V = (v4d)ro_sum4((__m256d)hi, (__m256d)lo);
  v4d fd = (v4d)_mm256_cvtps_pd(_mm256_cvtpd_ps((__m256d)V));
  v4l bits = (v4l)fd, ex = bits >> 52 & 0x7ff;
  v4d h = half_gap4(ex);
  v4d z = (hi - fd) + lo;
  z = vsel(fd < 0, -z, z);
  v4d M = E * (1 + 0x1p-50) + 0x1p-50 * vabs(lo) + 0x1p-52 * vabs(z);
  v4l pow2 = (bits & 0xfffffffffffffLL) == 0, lowp = ex <= 1023 - 126;
  v4l in = vabs(z) + M < h;
  v4l up = (z - M > 0) & (z + M < h), down = (z - M > -0.5 * h) & (z + M < 0);
  v4l ok = ((~pow2 & in) | (pow2 & lowp & in) | (pow2 & ~lowp & (up | down))) & (fd != 0) &
           (vabs(fd) <= FLT_MAX) & ((E <= 0x1p-40 * vabs(V)) | (E <= 0x1p-200)) & (hi * fd > 0) &
           (vabs(hi) <= 2 * vabs(fd)) & (vabs(fd) <= 2 * vabs(hi));
  *f = fd, *v = V;
  return _mm256_movemask_pd((__m256d)ok);
}
/* The lanes of x at one of the row's nk kinks (nk = 0: none) */
VINLINE unsigned at_kinks(const act_def *a, int nk, v4d x)
{
  v4l m = (v4l)vb(0);
  for (int k = 0; k < nk; k++)
    m |= x == a->kinks[k];
  return (unsigned)_mm256_movemask_pd((__m256d)m);
}
/* Those enclosures in the batch (groups of four where pre gave each), decided
 * after the batch's loop (long after their stores: a vector load just after
 * four lane stores waits for them), with the answer finish_batch would give
 * ({f, V}, no flags but div6's EXACT: x finite, not at a kink); and groups of four points,
 * as finish() answers them but for a zero (its sign rules). */
VINLINE void decide_plain(const act_def *a, int nk, const float *x, batch *b, size_t m,
                          act_fast_ref *o)
{
  for (size_t i = 0; i + 4 <= m; i += 4) {
    int32_t st4, z4[3];
    memcpy(&st4, b->st + i, 4);
    if (st4 == R_POINT * 0x01010101) { /* finish()'s points, but for zeros */
      v4d hi = (v4d)_mm256_loadu_pd(b->hi + i);
      v4d fd = (v4d)_mm256_cvtps_pd(_mm256_cvtpd_ps((__m256d)hi));
      v4l ex = (fd == hi) & (vabs(fd) <= FLT_MAX);
      unsigned ok = (unsigned)_mm256_movemask_pd((__m256d)(fd != 0));
      if (nk)
        ok &= ~at_kinks(a, nk, (v4d)_mm256_cvtps_pd(_mm_loadu_ps(x + i)));
      if (ok == 15) {
        store_ans4(o + i, b, i, fd, hi, ex & ACT_REF_EXACT);
        continue;
      }
      for (int l = 0; l < 4; l++)
        if (ok >> l & 1) {
          o[i + l] = (act_fast_ref){.value = fd[l], .exact = hi[l], .flags = ex[l] ? ACT_REF_EXACT : 0};
          done1(b, i + l);
        }
      continue;
    }
    memcpy(&z4[0], b->chk6 + i, 4), memcpy(&z4[1], b->side + i, 4);
    if (st4 != R_DD * 0x01010101 || z4[1] || (z4[0] && z4[0] != 0x01010101))
      continue;
    v4d cap = (v4d)_mm256_loadu_pd(b->cap + i), flo = (v4d)_mm256_loadu_pd(b->flo + i);
    if (vany((cap != 0) | (flo != 0)))
      continue;
    v4d fv, vv;
    unsigned ok = (unsigned)decide_lo4((v4d)_mm256_loadu_pd(b->hi + i), (v4d)_mm256_loadu_pd(b->lo + i),
                                       (v4d)_mm256_loadu_pd(b->e + i), &fv, &vv);
    if (nk)
      ok &= ~at_kinks(a, nk, (v4d)_mm256_cvtps_pd(_mm_loadu_ps(x + i)));
    unsigned ex6 = 0;
    if (z4[0]) { /* div6's quotients: EXACT iff 6 f = s6 + t6 (is_6f) */
      v4d f4 = 4 * fv, f2 = 2 * fv, p6 = f4 + f2, bb = p6 - f4;
      v4d pe = (f4 - (p6 - bb)) + (f2 - bb);
      ex6 = (unsigned)_mm256_movemask_pd((__m256d)((p6 == (v4d)_mm256_loadu_pd(b->s6 + i)) &
                                                     (pe == (v4d)_mm256_loadu_pd(b->t6 + i))));
    }
    if (ok == 15 && !ex6) {
      store_gen4(o + i, b, i, fv, vv);
      continue;
    }
    for (int l = 0; l < 4; l++)
      if (ok >> l & 1) {
        o[i + l] = (act_fast_ref){.value = fv[l], .exact = vv[l], .flags = ex6 >> l & 1 ? ACT_REF_EXACT : 0};
        done1(b, i + l);
      }
  }
}
/* pre for four lanes at once, where a row has one for the commonest of its
 * special regions: nonzero when all four answers (the same as pre's, lane
 * by lane) are stored into the batch, whose vector pass decides them, or
 * decided at once into o (o[0..3], the batch entries marked answered, as
 * store_ans4 does). */
VINLINE int no_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)x, (void)p, (void)b, (void)i, (void)o;
  return 0;
}
/* Four answers of one status st into the batch: hi, e, sign sg, all else 0 */
VINLINE void store4(batch *b, size_t i, int st, v4d hi, v4d e, int sg)
{
  __m256d Z = _mm256_setzero_pd();
  int32_t st4 = st * 0x01010101, sg4 = (sg & 0xff) * 0x01010101, z = 0;
  memcpy(b->st + i, &st4, 4), memcpy(b->sgn + i, &sg4, 4);
  memcpy(b->chk6 + i, &z, 4), memcpy(b->side + i, &z, 4);
  _mm256_storeu_pd(b->hi + i, (__m256d)hi), _mm256_storeu_pd(b->e + i, (__m256d)e);
  _mm256_storeu_pd(b->lo + i, Z), _mm256_storeu_pd(b->cap + i, Z), _mm256_storeu_pd(b->flo + i, Z);
  _mm256_storeu_pd(b->s6 + i, Z), _mm256_storeu_pd(b->t6 + i, Z);
}
#define VROW_BLK4(f) VROW_BLK4P(f, no_pre4)
#define VROW_BLK4P(f, pre4)                                                                   \
  VT static void f##_blk4(const act_def *a, int deriv, const float *x, size_t n,              \
                          const double *p, act_fast_ref *out, int allgen)                     \
  {                                                                                           \
    int nk = deriv ? a->nkinks : 0; /* derivatives at a kink get ACT_REF_KINK: not here */    \
    batch b;                                                                                  \
    for (size_t c = 0; c < n; c += NB) {                                                      \
      size_t m = n - c < NB ? n - c : NB;                                                     \
      for (size_t i = 0; i < m; i += 4) {                                                     \
        size_t w = m - i < 4 ? m - i : 4;                                                     \
        unsigned gen = allgen ? (1u << w) - 1 : 0;                                            \
        v4d xv, fv;                                                                           \
        if (!allgen && w == 4 &&                                                              \
            pre4((v4d)_mm256_cvtps_pd(_mm_loadu_ps(x + c + i)), p, &b, i, out + c + i))       \
          continue; /* four answers of pre stored at once */                                  \
        for (size_t l = 0; l < w && !allgen; l++) {                                           \
          double xi = x[c + i + l];                                                           \
          fres r = {0};                                                                       \
          int st = isfinite(xi) ? f##_pre(xi, p, &r) : R_MPFR;                                \
          if (st == R_GEN)                                                                    \
            gen |= 1u << l;                                                                   \
          else                                                                                \
            STORE(b, i + l, st, r);                                                           \
        }                                                                                     \
        if (!gen)                                                                             \
          continue;                                                                           \
        if (gen == 15) {                                                                      \
          xv = (v4d)_mm256_cvtps_pd(_mm_loadu_ps(x + c + i));                                 \
        } else {                                                                              \
          double g0 = x[c + i + __builtin_ctz(gen)]; /* other lanes: a general input, unused */ \
          xv = vb(g0);                                                                        \
          for (int l = 0; l < (int)w; l++)                                                    \
            xv[l] = gen >> l & 1 ? (double)x[c + i + l] : g0;                                 \
        }                                                                                     \
        veb g = f##_gen4(xv, p);                                                              \
        unsigned ok = (unsigned)decide_gen4(g.v, g.e, &fv) & gen & ~at_kinks(a, nk, xv);      \
        if (ok == 15) {                                                                       \
          store_gen4(out + c + i, &b, i, fv, g.v);                                            \
          continue;                                                                           \
        }                                                                                     \
        for (int l = 0; l < (int)w; l++) {                                                    \
          if (!(gen >> l & 1))                                                                \
            continue;                                                                         \
          if (ok >> l & 1) {                                                                  \
            out[c + i + l] = (act_fast_ref){.value = fv[l], .exact = g.v[l]};                 \
            done1(&b, i + l);                                                                 \
            continue;                                                                         \
          }                                                                                   \
          fres r = {0};                                                                       \
          int st = f##_post(xv[l], p, lane(g, l), &r);                                        \
          STORE(b, i + l, st, r);                                                             \
        }                                                                                     \
      }                                                                                       \
      if (!allgen)                                                                            \
        decide_plain(a, nk, x + c, &b, m, out + c);                                           \
      finish_batch(a, deriv, x + c, m, p, &b, out + c);                                       \
    }                                                                                         \
  }
#else
#define VROW_BLK4(f)
#define VROW_BLK4P(f, pre4)
#endif
#define VROW(f) VROWP(f, no_pre4)
#define VROWP(f, pre4)                                                                        \
  VT static __attribute__((noinline)) eb f##_gen1(double x, const double *p)                  \
  {                                                                                           \
    return lane(f##_gen4(vb(x), p), 0);                                                       \
  }                                                                                           \
  static INLINE int f(double x, const double *p, fres *r)                                     \
  {                                                                                           \
    int st = f##_pre(x, p, r);                                                                \
    if (st != R_GEN)                                                                          \
      return st;                                                                              \
    return f##_post(x, p, vec_mode ? f##_gen1(x, p) : f##_gen(x, p), r);                      \
  }                                                                                           \
  VROW_BLK4P(f, pre4)

/* ---- exponential family ---------------------------------------------------- */

/* elu: alpha expm1(x); x <= -50: alpha e^x <= |alpha| 2^-72, so the value is
 * -alpha (1 - d), d < 2^-72: near(-alpha).  |x| <= 2^-30: alpha x (exact, 48
 * bits: a binary32 midpoint for alpha = 1.5, say) + alpha x^2/2 + rem,
 * |rem| <= |alpha x^3|/5, the x^2 term carrying the direction. */
static INLINE int elu_f_pre(double x, const double *p, fres *r)
{
  double a = p[0];
  if (a == 0) return R_MPFR;
  if (x > 0) return point(r, x);
  if (x == 0) return point(r, 0);
  if (x <= -50) return near(r, -a, DOWN);
  if (a == 1 && x >= -0x1p-66) return near(r, x, DOWN); /* |expm1 x - x| <= 0.51 x^2 < 2^-64 |x| */
  if (a == 1 && x >= -0x1p-45) return close(r, x, DOWN); /* 0.51 x^2 < 2^-44 |x| */
  if (x >= -0x1p-30) {
    double lo = 0.5 * a * (x * x);
    return dd(r, a * x, lo, 2 * U * fabs(lo) + 0.2 * fabs(a * x * x * x) + TINY, -sgn_of(a));
  }
  return R_GEN;
}
static INLINE eb elu_f_gen(double x, const double *p) { return mul(ex(p[0]), eexpm1_neg(ex(x))); }
VINLINE veb elu_f_gen4(v4d x, const double *p) { return vmul(vex(vb(p[0])), veexpm1_neg(vex(x))); }
static INLINE int elu_f_post(double x, const double *p, eb v, fres *r)
{
  (void)x;
  return capped(r, val(r, v, -sgn_of(p[0])), p[0]); /* |a expm1 x| < |a| */
}
VROW(elu_f)
/* alpha e^x; x <= -850: |alpha| e^x <= 2^128 2^-1226.  |x| <= 2^-30: alpha +
 * alpha x (exact) + rem, |rem| <= 0.51 |alpha| x^2. */
static INLINE int elu_d_pre(double x, const double *p, fres *r)
{
  double a = p[0];
  if (a == 0) return R_MPFR;
  if (x > 0) return point(r, 1);
  if (x == 0) return point(r, a);
  if (x <= -850) return tiny(r, sgn_of(a));
  if (x >= -0x1p-67) return near(r, a, DOWN); /* |a e^x - a| <= 1.01 |a x| < 2^-66 |a| */
  if (x >= -0x1p-45) return close(r, a, DOWN); /* < 2^-44 |a| */
  if (x >= -0x1p-30) return dd(r, a, a * x, 0.51 * fabs(a) * (x * x) + TINY, sgn_of(a));
  return R_GEN;
}
static INLINE eb elu_d_gen(double x, const double *p) { return mul(ex(p[0]), eexp(ex(x))); }
VINLINE veb elu_d_gen4(v4d x, const double *p) { return vmul(vex(vb(p[0])), veexp(vex(x))); }
static INLINE int elu_d_post(double x, const double *p, eb v, fres *r)
{
  (void)x;
  return val(r, v, sgn_of(p[0]));
}
VROW(elu_d)
/* selu: scale x for x > 0 (the product's rounding and SELU_S's counted by
 * mul and cst); alpha scale expm1(x) below.  x <= -50: alpha scale e^x <=
 * 1.76 2^-72 < 2^-71, and |SELU_AS - alpha scale| <= U SELU_AS: the
 * constant -SELU_AS within U SELU_AS + 2^-70.  Both signs are general
 * inputs of the vector formula (a run of positive inputs goes four at a
 * time through one product each); the sign of x picks the side. */
static INLINE int selu_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0);
  if (x <= -50) return constant(r, -SELU_AS, U * SELU_AS + 0x1p-70);
  return R_GEN;
}
static INLINE eb selu_f_gen(double x, const double *p)
{
  (void)p;
  return x > 0 ? mul(cst(SELU_S), ex(x)) : mul(cst(SELU_AS), eexpm1_neg(ex(x)));
}
VINLINE veb selu_f_gen4(v4d x, const double *p)
{
  (void)p;
  v4l pos = x > 0;
  if (vall(pos))
    return vmul(vcst(SELU_S), vex(x));
  veb n = vmul(vcst(SELU_AS), veexpm1_neg(vex(vsel(pos, vb(-1), x)))); /* x <= 0 lanes */
  if (!vany(pos))
    return n;
  veb q = vmul(vcst(SELU_S), vex(x));
  return (veb){vsel(pos, q.v, n.v), vsel(pos, q.e, n.e)};
}
static INLINE int selu_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  return val(r, v, x > 0 ? 1 : -1);
}
VROW(selu_f)
static INLINE int selu_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x > 0) return constant(r, SELU_S, U * SELU_S);
  if (x <= -850) return tiny(r, 1);
  /* |SELU_AS e^x - SELU_AS| <= 1.77 * 1.01 |x| < 2^-69 */
  if (x >= -0x1p-70) return constant(r, SELU_AS, U * SELU_AS + 0x1p-69);
  if (x >= -0x1p-46) return constant(r, SELU_AS, U * SELU_AS + 0x1p-45); /* as above */
  return R_GEN;
}
static INLINE eb selu_d_gen(double x, const double *p)
{
  (void)p;
  return mul(cst(SELU_AS), eexp(ex(x)));
}
VINLINE veb selu_d_gen4(v4d x, const double *p)
{
  (void)p;
  return vmul(vcst(SELU_AS), veexp(vex(x)));
}
static INLINE int selu_d_post(double x, const double *p, eb v, fres *r)
{
  (void)x, (void)p;
  return val(r, v, 1);
}
VROW(selu_d)
/* celu: alpha expm1(x/alpha), alpha > 0 (else MPFR); t = x/alpha < 0 with
 * error u|t| < |t|, so the argument interval stays <= 0.  pre's tests of t
 * are of an increasing function of x (alpha > 0), as general() asks. */
static INLINE int celu_f_pre(double x, const double *p, fres *r)
{
  double a = p[0];
  if (!(a > 0)) return R_MPFR;
  if (x > 0) return point(r, x);
  if (x == 0) return point(r, 0);
  eb t = dvd(ex(x), ex(a));
  if (t.v <= -50) return near(r, -a, DOWN); /* as elu: alpha e^t <= alpha 2^-72 */
  if (a == 1 && x >= -0x1p-66) return near(r, x, DOWN); /* as elu */
  if (a == 1 && x >= -0x1p-45) return close(r, x, DOWN);
  return R_GEN;
}
static INLINE eb celu_f_gen(double x, const double *p)
{
  return mul(ex(p[0]), eexpm1_neg(dvd(ex(x), ex(p[0]))));
}
VINLINE veb celu_f_gen4(v4d x, const double *p)
{
  return vmul(vex(vb(p[0])), veexpm1_neg(vdvd(vex(x), vex(vb(p[0])))));
}
static INLINE int celu_f_post(double x, const double *p, eb v, fres *r)
{
  (void)x;
  return capped(r, val(r, v, -1), p[0]);
}
VROW(celu_f)
static INLINE int celu_d_pre(double x, const double *p, fres *r)
{
  double a = p[0];
  if (!(a > 0)) return R_MPFR;
  if (x > 0) return point(r, 1);
  if (x == 0) return point(r, 1);
  eb t = dvd(ex(x), ex(a));
  if (t.v <= -851) return tiny(r, 1); /* e^t <= 2^-1226 */
  if (t.v >= -0x1p-67) return near(r, 1, DOWN); /* |e^t - 1| <= 1.01 |t| (1 + u) < 2^-66 */
  if (t.v >= -0x1p-45) return close(r, 1, DOWN); /* < 2^-44 */
  return R_GEN;
}
static INLINE eb celu_d_gen(double x, const double *p) { return eexp(dvd(ex(x), ex(p[0]))); }
VINLINE veb celu_d_gen4(v4d x, const double *p) { return veexp(vdvd(vex(x), vex(vb(p[0])))); }
static INLINE int celu_d_post(double x, const double *p, eb v, fres *r)
{
  (void)x, (void)p;
  return val(r, v, 1);
}
VROW(celu_d)

/* ---- gelu ------------------------------------------------------------------ */

/* gelu = x erfc(-x/sqrt2)/2.
 * x >= 10: 1 - Phi(x) <= phi(10)/10 < 2^-76: near(x).  x <= -40: |gelu| <=
 * phi(40) < 2^-1155: -0.  |x| <= 2^-24: gelu = x/2 + x^2/sqrt(2 pi) + rem,
 * rem = x (Phi(x) - 1/2 - x phi(0)), |rem| <= phi(0) x^4/6 <= |c x^2| 2^-50,
 * and gelu(x) - x/2 = x (Phi(x) - 1/2) > 0. */
static INLINE int gelu_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0);
  if (x >= 10) return near(r, x, DOWN);
  if (x <= -40) return tiny(r, -1);
  if (fabs(x) <= 0x1p-24) return tiny_half(r, x, INV_SQRT_2PI);
  return R_GEN;
}
static INLINE eb gelu_f_gen(double x, const double *p)
{
  (void)p;
  eb v = mul(ex(x), two_phi(x));
  return (eb){0.5 * v.v, 0.5 * v.e + TINY};
}
VINLINE veb gelu_f_gen4(v4d x, const double *p)
{
  (void)p;
  veb v = vmul(vex(x), vtwo_phi(x));
  return (veb){0.5 * v.v, 0.5 * v.e + TINY};
}
static INLINE int gelu_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  return capped(r, val(r, v, sgn_of(x)), x); /* |x Phi(x)| < |x| */
}
VROW(gelu_f)
/* gelu' = Phi + x phi, phi = e^(-x^2/2)/sqrt(2 pi) (x^2/2 exact).
 * Sign: > 0 for x >= 0, < 0 for x <= -2 (formulas.c).  x >= 10: 0 < gelu' - 1
 * <= x phi(x) < 2^-70: near(1).  x <= -40: |gelu'| <= |x| phi(x) < 2^-1149.
 * |x| <= 2^-30: gelu' = 1/2 + sqrt(2/pi) x - (2/3) phi(0) x^3 + O(x^5). */
static INLINE int gelu_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0.5);
  if (x >= 10) return near(r, 1, UP);
  if (x <= -40) return tiny(r, -1);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, SQRT_2_PI, x, 0.3, 1);
  ROOT(r, ROOT_GELU, x);
  return R_GEN;
}
static INLINE eb gelu_d_gen(double x, const double *p)
{
  (void)p;
  eb P = two_phi(x);
  eb Phi = {0.5 * P.v, 0.5 * P.e + TINY};
  eb ph = mul(eexp(ex(-0.5 * (x * x))), cst(INV_SQRT_2PI));
  return add(Phi, mul(ex(x), ph));
}
VINLINE veb gelu_d_gen4(v4d x, const double *p)
{
  (void)p;
  veb P = vtwo_phi(x);
  veb Phi = {0.5 * P.v, 0.5 * P.e + TINY};
  veb ph = vmul(veexp(vex(-0.5 * (x * x))), vcst(INV_SQRT_2PI));
  return vadd(Phi, vmul(vex(x), ph));
}
static INLINE int gelu_d_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  int st = val(r, v, x > 0 ? 1 : x <= -2 ? -1 : 0);
  /* x > 1: gelu' - 1 = x phi - (1 - Phi) > phi (x - 1/x) > 0 (Mills ratio) */
  return x > 1 ? floored(r, st, 1) : st;
}
VROW(gelu_d)

/* gelu_tanh = x sigma(y), y = 2u = 2 sqrt(2/pi) x (1 + 0.044715 x^2).
 * x >= 10: y >= 87, sigma(-y) < 2^-125: near(x).  x <= -25: |y| >= 1155,
 * |f| <= |x| e^y < 2^-1600.  |x| <= 2^-24: f = x/2 + x^2/sqrt(2 pi) + rem with
 * |rem| <= 0.11 x^4 <= |c x^2| 2^-49; f - x/2 = x (sigma(y) - 1/2) > 0. */
static INLINE eb gt_y(double x)
{
  eb q = add(ex(1), mul(cst(GT_K), ex(x * x)));
  return mul(mul(cst(TWO_SQRT_2_PI), ex(x)), q);
}
VINLINE veb vgt_y(v4d x)
{
  veb q = vadd(vex(vb(1)), vmul(vcst(GT_K), vex(x * x)));
  return vmul(vmul(vcst(TWO_SQRT_2_PI), vex(x)), q);
}
static INLINE int gelu_tanh_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0);
  if (x >= 10) return near(r, x, DOWN);
  if (x <= -25) return tiny(r, -1);
  if (fabs(x) <= 0x1p-24) return tiny_half(r, x, INV_SQRT_2PI);
  return R_GEN;
}
static INLINE eb gelu_tanh_f_gen(double x, const double *p)
{
  (void)p;
  eb s, c;
  sigpair(gt_y(x), &s, &c);
  return mul(ex(x), s);
}
VINLINE veb gelu_tanh_f_gen4(v4d x, const double *p)
{
  (void)p;
  return vmul(vex(x), vsig1(vgt_y(x)));
}
static INLINE int gelu_tanh_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  return capped(r, val(r, v, sgn_of(x)), x); /* sigma < 1 */
}
VROW(gelu_tanh_f)
/* f' = s + 2 x u' s (1 - s), 2 x u' = 2 sqrt(2/pi) x (1 + 3 * 0.044715 x^2).
 * x >= 10: 0 < f' - 1 < 2 x u' e^-y < 2^-117 (decreasing in x): near(1).
 * x <= -25: |f'| <= e^y (1 + |2 x u'|) < 2^-1600.  Sign as gelu'.
 * |x| <= 2^-30: f' = 1/2 + sqrt(2/pi) x + rem, |rem| <= 0.5 |x|^3 (the x^4
 * coefficient of f is below 0.11). */
static INLINE int gelu_tanh_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0.5);
  if (x >= 10) return near(r, 1, UP);
  if (x <= -25) return tiny(r, -1);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, SQRT_2_PI, x, 0.5, 1);
  ROOT(r, ROOT_GELU_TANH, x);
  return R_GEN;
}
static INLINE eb gelu_tanh_d_gen(double x, const double *p)
{
  (void)p;
  eb s, c;
  sigpair(gt_y(x), &s, &c);
  eb du = mul(mul(cst(TWO_SQRT_2_PI), ex(x)), add(ex(1), mul(cst(GT_3K), ex(x * x))));
  return add(s, mul(mul(du, s), c));
}
VINLINE veb gelu_tanh_d_gen4(v4d x, const double *p)
{
  (void)p;
  veb s, c;
  vsigpair(vgt_y(x), &s, &c);
  veb du = vmul(vmul(vcst(TWO_SQRT_2_PI), vex(x)), vadd(vex(vb(1)), vmul(vcst(GT_3K), vex(x * x))));
  return vadd(s, vmul(vmul(du, s), c));
}
static INLINE int gelu_tanh_d_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  int st = val(r, v, x > 0 ? 1 : x <= -2 ? -1 : 0);
  /* x >= 1: f' - 1 = (1 - s)(2 x u' s - 1), 2 x u' >= 1.8, s >= 0.85 */
  return x >= 1 ? floored(r, st, 1) : st;
}
VROW(gelu_tanh_d)

/* ---- x sigma(k x): silu (k = 1), swish (k = beta > 0), gelu_sigmoid (1.702) */

/* y = k x: exact for silu and swish (24 + 24 bits), one constant and one
 * rounding for gelu_sigmoid.
 * y >= 50: x sigma(y) = x (1 - sigma(-y)), sigma(-y) < e^-50 < 2^-72: near(x).
 * y <= -801 (-800 for the exact value): |x sigma(y)| <= |x| e^y <= 2^128 2^-1154.
 * |x|, |y| <= 2^-24: x sigma(y) = x/2 + k x^2/4 + rem, |rem| <= |x| |y|^3/48
 * <= |k x^2/4| 2^-49; x sigma(y) - x/2 has the sign of k > 0. */
static INLINE int xsig_f_pre(double x, eb y, double k, fres *r)
{
  if (x == 0) return point(r, 0);
  if (y.v >= 50) return near(r, x, DOWN);
  if (y.v <= -801) return tiny(r, -1);
  if (fabs(x) <= 0x1p-24 && fabs(y.v) <= 0x1p-24) return tiny_half(r, x, 0.25 * k);
  return R_GEN;
}
static INLINE eb xsig_f_gen(double x, eb y)
{
  eb s, c;
  sigpair(y, &s, &c);
  return mul(ex(x), s);
}
VINLINE veb xsig_f_gen4(v4d x, veb y) { return vmul(vex(x), vsig1(y)); }
static INLINE int xsig_f_post(double x, eb v, fres *r)
{
  return capped(r, val(r, v, sgn_of(x)), x); /* sigma < 1 */
}
/* f' = s + y s (1 - s).  y >= 50: 0 < f' - 1 < y e^-y < 2^-66: near(1).
 * y <= -801: |f'| <= e^y (1 + |y|) < 2^-1144.  Sign: > 0 for y >= 0, < 0 for
 * y <= -2 (formulas.c).  |y| <= 2^-30: f' = 1/2 + y/2 - y^3/12 + O(y^5). */
static INLINE int xsig_d_pre(double x, eb y, int gs, fres *r)
{
  if (x == 0) return point(r, 0.5);
  if (y.v >= 50) return near(r, 1, UP);
  if (y.v <= -801) return tiny(r, -1);
  if (fabs(y.v) <= 0x1p-30) {
    /* |f' - 1/2| <= |y|/2 + |y|^3/12, the sign of y; with gelu_sigmoid's
     * inexact y, |y| <= |y.v| + y.e: lin_tiny's near and close cases, kept
     * tagged */
    double ay = fabs(y.v) + y.e;
    if (ay <= 0x1p-66) return near(r, 0.5, y.v > 0 ? UP : DOWN);
    if (ay <= 0x1p-45) return close(r, 0.5, y.v > 0 ? UP : DOWN);
    lin_tiny(r, 0.5, 0.5, y.v, 0.1, 1);
    r->e += 0.5 * y.e;
    if (y.e != 0)
      r->tag = 0; /* the bound is no longer near()'s */
    return R_DD;
  }
  if (!gs) {
    ROOT(r, ROOT_XSIG, y.v); /* y = x or beta x: exact */
  } else if (rt[ROOT_XSIG].ok && fabs(y.v - rt[ROOT_XSIG].x0h) <= rt[ROOT_XSIG].w) {
    /* 1.702 x = yh + yl + x GS_LO + x (1.702 - GS_K - GS_LO): yh = RN(GS_K x),
     * yl = GS_K x - yh exactly (fma); the rest is below 2^-100 */
    const act_root *R = &rt[ROOT_XSIG];
    double yh = GS_K * x, yl = fma(GS_K, x, -yh);
    return root_val(r, R, yh - R->x0h, (yl + x * GS_LO) - R->x0l, 0x1p-100);
  }
  return R_GEN;
}
static INLINE eb xsig_d_gen(eb y)
{
  eb s, c;
  sigpair(y, &s, &c);
  return add(s, mul(mul(y, s), c));
}
VINLINE veb xsig_d_gen4(veb y)
{
  veb s, c;
  vsigpair(y, &s, &c);
  return vadd(s, vmul(vmul(y, s), c));
}
static INLINE int xsig_d_post(double y, eb v, fres *r)
{
  int st = val(r, v, y > 0 ? 1 : y <= -2 ? -1 : 0);
  /* y >= 2: f' - 1 = (1 - s)(y s - 1), y s >= 1.76 */
  return y >= 2 ? floored(r, st, 1) : st;
}
/* The three rows: Y(x) the argument as eb, Y4 on four lanes, K the slope,
 * OK the parameter check (else MPFR), GS for gelu_sigmoid's inexact y. */
#define XSIG_ROWS(F, Y, Y4, K, OK, GS)                                                           \
  static INLINE int F##_f_pre(double x, const double *p, fres *r)                            \
  {                                                                                          \
    (void)p;                                                                                 \
    if (!(OK)) return R_MPFR;                                                                \
    return xsig_f_pre(x, Y, K, r);                                                           \
  }                                                                                          \
  static INLINE eb F##_f_gen(double x, const double *p) { (void)p; return xsig_f_gen(x, Y); } \
  VINLINE veb F##_f_gen4(v4d x, const double *p) { (void)p; return xsig_f_gen4(x, Y4); }      \
  static INLINE int F##_f_post(double x, const double *p, eb v, fres *r)                     \
  {                                                                                          \
    (void)p;                                                                                 \
    return xsig_f_post(x, v, r);                                                             \
  }                                                                                          \
  VROW(F##_f)                                                                                \
  static INLINE int F##_d_pre(double x, const double *p, fres *r)                            \
  {                                                                                          \
    (void)p;                                                                                 \
    if (!(OK)) return R_MPFR;                                                                \
    return xsig_d_pre(x, Y, GS, r);                                                          \
  }                                                                                          \
  static INLINE eb F##_d_gen(double x, const double *p) { (void)p; return xsig_d_gen(Y); }    \
  VINLINE veb F##_d_gen4(v4d x, const double *p) { (void)p; return xsig_d_gen4(Y4); }         \
  static INLINE int F##_d_post(double x, const double *p, eb v, fres *r)                     \
  {                                                                                          \
    (void)p;                                                                                 \
    return xsig_d_post((Y).v, v, r);                                                         \
  }                                                                                          \
  VROW(F##_d)
XSIG_ROWS(silu, ex(x), vex(x), 1, 1, 0)
XSIG_ROWS(swish, ex(p[0] * x), vex(p[0] * x), p[0], p[0] > 0, 0)
XSIG_ROWS(gsig, mul(cst(GS_K), ex(x)), vmul(vcst(GS_K), vex(x)), GS_K, 1, 1)
#undef XSIG_ROWS

/* ---- sigmoid, tanh ----------------------------------------------------- */

/* x >= 50: 1 - sigma(x) < e^-50 < 2^-72: near(1).  x <= -800: sigma(x) < e^x < 2^-1154.
 * |x| <= 2^-30: sigma(x) = 1/2 + x/4 - x^3/48 + O(x^5). */
static INLINE int sigmoid_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0.5);
  if (x >= 50) return near(r, 1, DOWN);
  if (x <= -800) return tiny(r, 1);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, 0.25, x, 0.03, 1);
  return R_GEN;
}
static INLINE eb sigmoid_f_gen(double x, const double *p)
{
  (void)p;
  eb s, c;
  sigpair(ex(x), &s, &c);
  return s;
}
VINLINE veb sigmoid_f_gen4(v4d x, const double *p)
{
  (void)p;
  return vsig1(vex(x));
}
static INLINE int sigmoid_f_post(double x, const double *p, eb v, fres *r)
{
  (void)x, (void)p;
  return capped(r, val(r, v, 1), 1);
}
VROW(sigmoid_f)
/* sigma(x) sigma(-x) <= e^-|x|; tiny x: 1/4 - x^2/16 + ..., below 1/4 */
static INLINE int sigmoid_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0.25);
  if (fabs(x) >= 800) return tiny(r, 1);
  if (fabs(x) <= 0x1p-33) return near(r, 0.25, DOWN); /* |sigma' - 1/4| <= x^2/16 <= 2^-70 */
  if (fabs(x) <= 0x1p-21) return close(r, 0.25, DOWN); /* <= 2^-46 */
  return R_GEN;
}
static INLINE eb sigmoid_d_gen(double x, const double *p)
{
  (void)p;
  eb s, c;
  sigpair(ex(x), &s, &c);
  return mul(s, c);
}
VINLINE veb sigmoid_d_gen4(v4d x, const double *p)
{
  (void)p;
  veb s, c;
  vsigpair(vex(x), &s, &c);
  return vmul(s, c);
}
static INLINE int sigmoid_d_post(double x, const double *p, eb v, fres *r)
{
  (void)x, (void)p;
  return capped(r, val(r, v, 1), 0.25); /* 1/(2 + e^x + e^-x) < 1/4 for x != 0 */
}
VROW(sigmoid_d)
/* |x| >= 50: 1 - |tanh x| < 2 e^-100: near(+-1).  Tiny x: x - x^3/3 + ...,
 * below |x| in magnitude. */
static INLINE int tanh_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0);
  if (fabs(x) >= 50) return near(r, copysign(1, x), DOWN);
  if (fabs(x) <= 0x1p-32) return near(r, x, DOWN); /* |tanh x - x| <= |x|^3/3 < 2^-65 |x| */
  if (fabs(x) <= 0x1p-21) return close(r, x, DOWN); /* < 2^-43.5 |x| */
  return R_GEN;
}
static INLINE eb tanh_f_gen(double x, const double *p)
{
  (void)p;
  double v = tanh(x);
  return (eb){v, libm_err(K_TANH, v)};
}
VINLINE veb tanh_f_gen4(v4d x, const double *p)
{
  (void)p;
  v4d v = vtanh(x);
  return (veb){v, vlibm_err(K_V, v)};
}
static INLINE int tanh_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  return capped(r, val(r, v, sgn_of(x)), 1);
}
VROW(tanh_f)
/* sech^2 x = 4E/(1 + E)^2, E = e^(-2|x|) (2|x| exact); |x| >= 400: < 4 e^-800 */
static INLINE int tanh_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 1);
  if (fabs(x) >= 400) return tiny(r, 1);
  if (fabs(x) <= 0x1p-33) return near(r, 1, DOWN); /* |sech^2 x - 1| <= x^2 <= 2^-66 */
  if (fabs(x) <= 0x1p-22) return close(r, 1, DOWN); /* <= 2^-44 */
  return R_GEN;
}
static INLINE eb tanh_d_gen(double x, const double *p)
{
  (void)p;
  eb E = eexp(ex(-2 * fabs(x)));
  eb D = add(ex(1), E);
  return dvd(mul(ex(4), E), mul(D, D));
}
VINLINE veb tanh_d_gen4(v4d x, const double *p)
{
  (void)p;
  veb E = veexp(vex(-2 * vabs(x)));
  veb D = vadd(vex(vb(1)), E);
  return vdvd(vmul(vex(vb(4)), E), vmul(D, D));
}
static INLINE int tanh_d_post(double x, const double *p, eb v, fres *r)
{
  (void)x, (void)p;
  return capped(r, val(r, v, 1), 1); /* sech^2 x < 1 for x != 0 */
}
VROW(tanh_d)

/* ---- softplus, logsigmoid -------------------------------------------------- */

/* softplus(y) = max(y, 0) + log1p(e^-|y|): a sum of nonnegative terms.
 * |y| <= 2^-30: log 2 + y/2 + y^2/8 - y^4/192 + ...: the y^2 term goes to the
 * error bound. */
static INLINE eb splus(double y)
{
  if (fabs(y) <= 0x1p-30) {
    eb v = add(cst(LN2), ex(0.5 * y));
    v.e += 0.13 * (y * y);
    return v;
  }
  eb L = elog1p_pos(eexp(ex(-fabs(y))));
  return y > 0 ? add(ex(y), L) : L;
}
VINLINE veb vsplus(v4d y)
{
  veb t = vadd(vcst(LN2), vex(0.5 * y));
  t.e += 0.13 * (y * y);
  veb L = velog1p_pos(veexp(vex(-vabs(y)))), R = vadd(vex(y), L);
  v4l pos = y > 0, small = vabs(y) <= 0x1p-30;
  veb g = {vsel(pos, R.v, L.v), vsel(pos, R.e, L.e)};
  return (veb){vsel(small, t.v, g.v), vsel(small, t.e, g.e)};
}
/* log1p(e^(beta x))/beta, beta > 0, y = beta x exact (48 bits).
 * y >= 50: f = x + log1p(e^-y)/beta, 0 < f - x < e^-y/beta = |x| e^-y/y < 2^-77 |x|: near(x).
 * y <= -850: f < e^y/beta <= 2^-1226 2^149.
 * PyTorch's form (softplus_torch): x when beta x > threshold (beta x exact,
 * compared exactly). */
static INLINE int softplus_f_pre(double x, const double *p, fres *r)
{
  double b = p[0], y = b * x;
  if (!(b > 0)) return R_MPFR;
  if (y >= 50) return near(r, x, UP);
  if (y <= -850) return tiny(r, 1);
  /* |softplus(y) - log 2| <= |y|/2 + y^2/8 < 2^-70, and RN(log 2)'s error */
  if (b == 1 && fabs(y) <= 0x1p-70) return constant(r, LN2, U * LN2 + 0x1p-70);
  if (b == 1 && fabs(y) <= 0x1p-46) return constant(r, LN2, U * LN2 + 0x1p-46); /* as above */
  return R_GEN;
}
static INLINE int softplus_torch_f_pre(double x, const double *p, fres *r)
{
  if (p[0] > 0 && p[0] * x > p[1]) return point(r, x);
  return softplus_f_pre(x, p, r);
}
static INLINE eb softplus_f_gen(double x, const double *p) { return dvd(splus(p[0] * x), ex(p[0])); }
VINLINE veb softplus_f_gen4(v4d x, const double *p) { return vdvd(vsplus(p[0] * x), vex(vb(p[0]))); }
static INLINE int softplus_f_post(double x, const double *p, eb v, fres *r)
{
  int st = val(r, v, 1);
  return p[0] * x > 0 ? floored(r, st, x) : st; /* softplus(y)/b > y/b = x */
}
#define softplus_torch_f_gen softplus_f_gen
#define softplus_torch_f_gen4 softplus_f_gen4
#define softplus_torch_f_post softplus_f_post
VROW(softplus_f)
VROW(softplus_torch_f)
static INLINE int softplus_d_pre(double x, const double *p, fres *r)
{
  double y = p[0] * x;
  if (!(p[0] > 0)) return R_MPFR;
  if (y == 0) return point(r, 0.5);
  if (y >= 50) return near(r, 1, DOWN);
  if (y <= -850) return tiny(r, 1);
  if (fabs(y) <= 0x1p-30) return lin_tiny(r, 0.5, 0.25, y, 0.03, 1); /* as sigmoid */
  return R_GEN;
}
static INLINE int softplus_torch_d_pre(double x, const double *p, fres *r)
{
  if (p[0] > 0 && p[0] * x > p[1]) return point(r, 1);
  return softplus_d_pre(x, p, r);
}
static INLINE eb softplus_d_gen(double x, const double *p) { return sigmoid_f_gen(p[0] * x, p); }
VINLINE veb softplus_d_gen4(v4d x, const double *p) { return sigmoid_f_gen4(p[0] * x, p); }
static INLINE int softplus_d_post(double x, const double *p, eb v, fres *r)
{
  return sigmoid_f_post(x, p, v, r);
}
#define softplus_torch_d_gen softplus_d_gen
#define softplus_torch_d_gen4 softplus_d_gen4
#define softplus_torch_d_post softplus_d_post
VROW(softplus_d)
VROW(softplus_torch_d)
/* -softplus(-x).  x <= -50: x - log1p(e^x), 0 < log1p(e^x) < e^-50 < 2^-72 |x|: near(x).
 * x >= 850: |f| < e^-x. */
static INLINE int logsigmoid_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x <= -50) return near(r, x, UP);
  if (x >= 850) return tiny(r, -1);
  if (fabs(x) <= 0x1p-70) return constant(r, -LN2, U * LN2 + 0x1p-70); /* as softplus */
  if (fabs(x) <= 0x1p-46) return constant(r, -LN2, U * LN2 + 0x1p-46);
  return R_GEN;
}
static INLINE eb logsigmoid_f_gen(double x, const double *p)
{
  (void)p;
  eb v = splus(-x);
  return (eb){-v.v, v.e};
}
VINLINE veb logsigmoid_f_gen4(v4d x, const double *p)
{
  (void)p;
  veb v = vsplus(-x);
  return (veb){-v.v, v.e};
}
static INLINE int logsigmoid_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  int st = val(r, v, -1);
  return x < 0 ? floored(r, st, x) : st; /* |x - log1p(e^x)| > |x| */
}
VROW(logsigmoid_f)
/* sigma(-x) */
static INLINE int logsigmoid_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0.5);
  if (x <= -50) return near(r, 1, DOWN);
  if (x >= 850) return tiny(r, 1);
  if (fabs(x) <= 0x1p-30) return lin_tiny(r, 0.5, -0.25, x, 0.03, 1); /* as sigmoid */
  return R_GEN;
}
static INLINE eb logsigmoid_d_gen(double x, const double *p) { return sigmoid_f_gen(-x, p); }
VINLINE veb logsigmoid_d_gen4(v4d x, const double *p) { return sigmoid_f_gen4(-x, p); }
static INLINE int logsigmoid_d_post(double x, const double *p, eb v, fres *r)
{
  return sigmoid_f_post(x, p, v, r);
}
VROW(logsigmoid_d)

/* ---- mish ---------------------------------------------------------------- */

/* tanh(softplus(x)) = ((1+E)^2 - 1)/((1+E)^2 + 1) with E = e^x, all terms
 * positive: x < 0: T = E(E + 2)/(E(E + 2) + 2);  x >= 0, E' = e^-x:
 * T = (1 + 2E')/(1 + 2E' + 2E'^2).  x sigma(x) sech^2(softplus x) is
 * G = 4 x E (1 + E)/d^2 (x < 0, d = E^2 + 2E + 2) and 4 x E'^2 (1 + E')/d^2
 * (x >= 0, d = 1 + 2E' + 2E'^2).
 * x >= 50: 1 - T < 2 e^-100, 0 <= G < 4 x e^-2x: near(x), near(1).
 * x <= -800: |x T| <= |x| e^x, |T + G| <= e^x (1 + 4|x|): below 2^-1140.
 * |x| <= 2^-30: with T(0) = 3/5, T'(0) = sech^2(log 2)/2 = 0.32, T''(0) = -0.032,
 * mish = 0.6 x + 0.32 x^2 - 0.016 x^3 + O(x^4), mish' = 0.6 + 0.64 x - 0.048 x^2
 * + O(x^3): the next terms are bounded by 0.05 |x|^3 and 0.1 x^2.
 * Sign of mish': > 0 for x >= 0, < 0 for x <= -2 (formulas.c). */
static INLINE void mish_parts(double x, eb *T, eb *G)
{
  eb E = eexp(ex(-fabs(x)));
  eb E2 = mul(E, E), n, d, g;
  if (x >= 0) {
    n = add(ex(1), mul(ex(2), E));
    d = add(n, mul(ex(2), E2));
    g = mul(E2, add(ex(1), E));
  } else {
    n = mul(E, add(E, ex(2)));
    d = add(n, ex(2));
    g = mul(E, add(ex(1), E));
  }
  *T = dvd(n, d);
  if (G)
    *G = dvd(mul(ex(4 * x), g), mul(d, d));
}
VINLINE veb vpick(v4l m, veb a, veb b) { return (veb){vsel(m, a.v, b.v), vsel(m, a.e, b.e)}; }
VINLINE void vmish_parts(v4d x, veb *T, veb *G)
{
  veb E = veexp(vex(-vabs(x))), one = vex(vb(1)), two = vex(vb(2));
  veb E2 = vmul(E, E);
  veb np = vadd(one, vmul(two, E)), nn = vmul(E, vadd(E, two));
  veb dp = vadd(np, vmul(two, E2)), dn = vadd(nn, two);
  veb gp = vmul(E2, vadd(one, E)), gn = vmul(E, vadd(one, E));
  v4l pos = x >= 0;
  veb n = vpick(pos, np, nn), d = vpick(pos, dp, dn), g = vpick(pos, gp, gn);
  *T = vdvd(n, d);
  if (G)
    *G = vdvd(vmul(vex(4 * x), g), vmul(d, d));
}
static INLINE int mish_f_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x == 0) return point(r, 0);
  if (x >= 50) return near(r, x, DOWN);
  if (x <= -800) return tiny(r, -1);
  if (fabs(x) <= 0x1p-30) {
    eb v = add(mul(cst(C06), ex(x)), mul(cst(C032), ex(x * x)));
    return dd(r, v.v, 0, v.e + 0.05 * fabs(x * x * x), sgn_of(x));
  }
  return R_GEN;
}
static INLINE eb mish_f_gen(double x, const double *p)
{
  (void)p;
  eb T;
  mish_parts(x, &T, NULL);
  return mul(ex(x), T);
}
VINLINE veb mish_f_gen4(v4d x, const double *p)
{
  (void)p;
  veb T;
  vmish_parts(x, &T, NULL);
  return vmul(vex(x), T);
}
static INLINE int mish_f_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  return capped(r, val(r, v, sgn_of(x)), x); /* 0 < T < 1 */
}
#if HAVE_VEC
/* pre's tiny region (0 < |x| <= 2^-30), four lanes of one sign at once
 * (nearly 200 binades of a sweep): the same operations; decided here when
 * decide_gen4 takes all four (lo = 0, no cap or floor; the sign it ignores
 * only matters for enclosures reaching 0), else into the batch. */
VINLINE int mish_f_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)p;
  v4d ax = vabs(x);
  int pos = vall(x > 0);
  if (!vall((ax <= 0x1p-30) & (ax > 0)) || !(pos || vall(x < 0)))
    return 0;
  veb v = vadd(vmul(vcst(C06), vex(x)), vmul(vcst(C032), vex(x * x)));
  v4d e = v.e + 0.05 * vabs(x * x * x), fv;
  if (decide_gen4(v.v, e, &fv) == 15)
    store_gen4(o, b, i, fv, v.v);
  else
    store4(b, i, R_DD, v.v, e, pos ? 1 : -1);
  return 1;
}
#endif
VROWP(mish_f, mish_f_pre4)
static INLINE int mish_d_pre(double x, const double *p, fres *r)
{
  (void)p;
  if (x >= 50) return near(r, 1, UP);
  if (x <= -800) return tiny(r, -1);
  /* |mish' - 0.6| <= 0.64 |x| + 0.1 x^2 < 2^-66, and RN(0.6)'s error */
  if (fabs(x) <= 0x1p-67) return constant(r, C06, U * C06 + 0x1p-66);
  if (fabs(x) <= 0x1p-46) return constant(r, C06, U * C06 + 0x1p-45); /* as above */
  if (fabs(x) <= 0x1p-30) {
    eb v = add(cst(C06), mul(cst(C064), ex(x)));
    return dd(r, v.v, 0, v.e + 0.1 * (x * x), 1);
  }
  ROOT(r, ROOT_MISH, x);
  return R_GEN;
}
static INLINE eb mish_d_gen(double x, const double *p)
{
  (void)p;
  eb T, G;
  mish_parts(x, &T, &G);
  return add(T, G);
}
VINLINE veb mish_d_gen4(v4d x, const double *p)
{
  (void)p;
  veb T, G;
  vmish_parts(x, &T, &G);
  return vadd(T, G);
}
static INLINE int mish_d_post(double x, const double *p, eb v, fres *r)
{
  (void)p;
  int st = val(r, v, x >= 0 ? 1 : x <= -2 ? -1 : 0);
  /* x >= 2: mish' - 1 = (2E'^2/d)(2x(1 + E')/d - 1) > 0 (d <= 1.31) */
  return x >= 2 ? floored(r, st, 1) : st;
}
VROW(mish_d)

/* ---- the table ----------------------------------------------------------- */

static INLINE void finish(const act_def *a, int deriv, double x, const double *p, int st,
                          const fres *r, act_fast_ref *out);

/* f over a block of inputs, with the row function inlined: the answer of
 * act_fast_ref_f32 for each, the checks that hold for the whole block (row,
 * parameters, floating-point environment) made once by the caller.  Inputs
 * go in batches: the row's formula for each (scalar: its branches follow
 * the block's region), then every enclosure decided at once (decide_batch,
 * AVX2 where the machine has it), then the rare points, ties and MPFR
 * fallbacks one by one (finish_batch). */
typedef void blockfn(const act_def *a, int deriv, const float *x, size_t n, const double *p,
                     act_fast_ref *out, int allgen);
#define BLOCK(f)                                                                             \
  static void f##_blk(const act_def *a, int deriv, const float *x, size_t n, const double *p, \
                      act_fast_ref *out, int allgen)                                         \
  {                                                                                          \
    (void)allgen;                                                                            \
    batch b;                                                                                 \
    for (size_t c = 0; c < n; c += NB) {                                                     \
      size_t m = n - c < NB ? n - c : NB;                                                    \
      for (size_t i = 0; i < m; i++) {                                                       \
        double xi = x[c + i];                                                                \
        fres r = {0};                                                                        \
        STORE(b, i, isfinite(xi) ? f(xi, p, &r) : R_MPFR, r);                                \
      }                                                                                      \
      finish_batch(a, deriv, x + c, m, p, &b, out + c);                                      \
    }                                                                                        \
  }
BLOCK(relu_f) BLOCK(relu_d) BLOCK(leaky_f) BLOCK(leaky_d) BLOCK(elu_f) BLOCK(elu_d)
BLOCK(selu_f) BLOCK(selu_d) BLOCK(celu_f) BLOCK(celu_d) BLOCK(gelu_f) BLOCK(gelu_d)
BLOCK(gelu_tanh_f) BLOCK(gelu_tanh_d) BLOCK(gsig_f) BLOCK(gsig_d) BLOCK(silu_f)
BLOCK(silu_d) BLOCK(swish_f) BLOCK(swish_d) BLOCK(sigmoid_f) BLOCK(sigmoid_d)
BLOCK(tanh_f) BLOCK(tanh_d) BLOCK(softplus_f) BLOCK(softplus_d) BLOCK(softplus_torch_f)
BLOCK(softplus_torch_d) BLOCK(mish_f) BLOCK(mish_d) BLOCK(hardswish_f) BLOCK(hardswish_d)
BLOCK(hardsigmoid_f) BLOCK(hardsigmoid_d) BLOCK(hsig_onnx_f) BLOCK(hsig_onnx_d)
BLOCK(relu6_f) BLOCK(relu6_d) BLOCK(hardtanh_f) BLOCK(hardtanh_d) BLOCK(logsigmoid_f)
BLOCK(logsigmoid_d)
#undef BLOCK

/* The rows without a vector formula, in vec_mode: their function as pre
 * (never R_GEN, so gen4 and post are never called), for blk4's vector
 * decisions of plain enclosures and points (decide_plain). */
#if HAVE_VEC
#define SROW(f) SROWP(f, no_pre4)
#define SROWP(f, pre4)                                                                   \
  static INLINE int f##_pre(double x, const double *p, fres *r) { return f(x, p, r); }   \
  VINLINE veb f##_gen4(v4d x, const double *p) { (void)p; return vex(x); }               \
  static INLINE int f##_post(double x, const double *p, eb v, fres *r)                   \
  {                                                                                      \
    (void)x, (void)p;                                                                    \
    return val(r, v, 0);                                                                 \
  }                                                                                      \
  VROW_BLK4P(f, pre4)
/* leaky_f, x < 0: point(x alpha) (exact: 24 + 24 bits) */
VINLINE int leaky_f_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)o;
  if (!vall((x < 0) & (x >= -DBL_MAX))) /* infinities: MPFR, as pre's callers do */
    return 0;
  store4(b, i, R_POINT, x * p[0], vb(0), 0);
  return 1;
}
/* div6(s, t, sg) on four lanes into the batch, the same operations (s != 0
 * in every lane) */
VINLINE void div6_4(batch *b, size_t i, v4d s, v4d t, int sg)
{
  v4d q = s / 6, q4 = 4 * q, q2 = 2 * q, pp = q4 + q2, bb = pp - q4;
  v4d pe = (q4 - (pp - bb)) + (q2 - bb); /* two_sum(4q, 2q) */
  v4d rem = (s - pp) - pe, lo = (rem + t) / 6;
  store4(b, i, R_DD, q, 2 * U * vabs(lo) + TINY, sg);
  int32_t one4 = 0x01010101;
  memcpy(b->chk6 + i, &one4, 4);
  _mm256_storeu_pd(b->lo + i, (__m256d)lo);
  _mm256_storeu_pd(b->s6 + i, (__m256d)s), _mm256_storeu_pd(b->t6 + i, (__m256d)t);
}
VINLINE void two_sum4(v4d a, v4d c, v4d *s, v4d *t)
{
  v4d x = a + c, bb = x - a;
  *s = x, *t = (a - (x - bb)) + (c - bb);
}
/* The quotients by 6 of hardswish, hardswish' and hardsigmoid (their
 * general region, -3 < x < 3 outside the tiny first-term region: four
 * lanes of one sign at a time, as the row functions compute them) */
VINLINE int hardswish_f_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)p, (void)o;
  v4d ax = vabs(x);
  int pos = vall(x > 0);
  if (!vall((ax < 3) & (ax > 0x1p-24)) || !(pos || vall(x < 0)))
    return 0;
  v4d s, t;
  two_sum4(x * x, 3 * x, &s, &t);
  div6_4(b, i, s, t, pos ? 1 : -1);
  return 1;
}
/* (k x + 3)/6 for 2^-30 < |x| < 3, k = 2 (hardswish') or 1 (hardsigmoid) */
VINLINE int lin6_pre4(v4d x, double k, batch *b, size_t i, int sg)
{
  v4d ax = vabs(x), s, t;
  if (!vall((ax < 3) & (ax > 0x1p-30)))
    return 0;
  two_sum4(k * x, vb(3), &s, &t);
  if (vany(s == 0)) /* hardswish'(-1.5): a point */
    return 0;
  div6_4(b, i, s, t, sg);
  return 1;
}
VINLINE int hardswish_d_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)p, (void)o;
  return lin6_pre4(x, 2, b, i, 0);
}
VINLINE int hardsigmoid_f_pre4(v4d x, const double *p, batch *b, size_t i, act_fast_ref *o)
{
  (void)p, (void)o;
  return lin6_pre4(x, 1, b, i, 1);
}
SROW(relu_f) SROW(relu_d) SROWP(leaky_f, leaky_f_pre4) SROW(leaky_d)
SROWP(hardswish_f, hardswish_f_pre4) SROWP(hardswish_d, hardswish_d_pre4)
SROWP(hardsigmoid_f, hardsigmoid_f_pre4) SROW(hardsigmoid_d) SROW(hsig_onnx_f) SROW(hsig_onnx_d) SROW(relu6_f) SROW(relu6_d)
SROW(hardtanh_f) SROW(hardtanh_d)
#undef SROW
#undef SROWP
#endif

static const struct {
  const char *name;
  rowfn *f, *d;
  blockfn *fb, *db;   /* scalar block loops */
  blockfn *fb4, *db4; /* vec_mode: general regions four at a time, vector decisions */
  rowfn *fpre, *dpre; /* rows with a vector formula: their special inputs (R_GEN: general) */
} rows[] = {
#if HAVE_VEC
#define ROW(name, f, d) {name, f, d, f##_blk, d##_blk, f##_blk4, d##_blk4, NULL, NULL},
#else
#define ROW(name, f, d) {name, f, d, f##_blk, d##_blk, NULL, NULL, NULL, NULL},
#endif
#if HAVE_VEC
#define ROWV(name, f, d) {name, f, d, f##_blk, d##_blk, f##_blk4, d##_blk4, f##_pre, d##_pre},
#else
#define ROWV(name, f, d) ROW(name, f, d)
#endif
  ROW("relu", relu_f, relu_d)
  ROW("leaky_relu", leaky_f, leaky_d)
  ROW("prelu", leaky_f, leaky_d)
  ROWV("elu", elu_f, elu_d)
  ROWV("selu", selu_f, selu_d)
  ROWV("celu", celu_f, celu_d)
  ROWV("gelu", gelu_f, gelu_d)
  ROWV("gelu_tanh", gelu_tanh_f, gelu_tanh_d)
  ROWV("gelu_sigmoid", gsig_f, gsig_d)
  ROWV("silu", silu_f, silu_d)
  ROWV("swish", swish_f, swish_d)
  ROWV("sigmoid", sigmoid_f, sigmoid_d)
  ROWV("tanh", tanh_f, tanh_d)
  ROWV("softplus", softplus_f, softplus_d)
  ROWV("softplus_torch", softplus_torch_f, softplus_torch_d)
  ROWV("mish", mish_f, mish_d)
  ROW("hardswish", hardswish_f, hardswish_d)
  ROW("hardsigmoid", hardsigmoid_f, hardsigmoid_d)
  ROW("hardsigmoid_onnx", hsig_onnx_f, hsig_onnx_d)
  ROW("relu6", relu6_f, relu6_d)
  ROW("hardtanh", hardtanh_f, hardtanh_d)
  ROWV("logsigmoid", logsigmoid_f, logsigmoid_d)
#undef ROW
#undef ROWV
};

/* The row's functions, by name, cached per thread for the last row asked. */
static _Thread_local const act_def *last;
static _Thread_local int last_i = -1;
static _Thread_local int wide_windows; /* every root window 2 w >= 2^-11 |x0| (general()) */
static rowfn *lookup_slow(const act_def *a, int deriv)
{
  rt = act_roots();
  if (qn_of != rt)
    make_qn();
  wide_windows = 1;
  for (int i = 0; i < ROOT_COUNT; i++)
    if (rt[i].ok && !(2 * rt[i].w >= 0x1p-11 * fabs(rt[i].x0h)))
      wide_windows = 0;
  last_i = -1;
  if (!a->row_fwd)
    for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++)
      if (strcmp(rows[i].name, a->name) == 0)
        last_i = (int)i;
  last = a;
  if (last_i < 0)
    return NULL;
  return deriv ? rows[last_i].d : rows[last_i].f;
}
static inline rowfn *lookup(const act_def *a, int deriv)
{
  if (!FAST_OK)
    return NULL;
  if (a != last)
    return lookup_slow(a, deriv);
  if (last_i < 0)
    return NULL;
  return deriv ? rows[last_i].d : rows[last_i].f;
}

int act_fast_has(const act_def *a, int deriv) { return lookup(a, deriv) != NULL; }

/* Round to nearest, no flush-to-zero or denormals-are-zero: what libm's
 * accuracy and the binary32 conversions below assume.  Tested by arithmetic
 * (cheaper than reading MXCSR): 1 +- 2^-60 rounds back to 1 only to nearest;
 * 2^-1074 * 2 is 0 under DAZ or FTZ. */
static inline int env_ok(void)
{
#if defined(__x86_64__) || (defined(__i386__) && defined(__SSE2_MATH__))
  double one = 1.0, sub = 0x1p-1074;
  __asm__("" : "+x"(one), "+x"(sub)); /* opaque to constant folding */
#else
  volatile double vone = 1.0, vsub = 0x1p-1074;
  double one = vone, sub = vsub;
#endif
  return (one + 0x1p-60 == one) & (one - 0x1p-60 == one) & (sub * 2 != 0);
}

/* Decide the binary32 rounding of an exact value in [hi + lo - e, hi + lo + e].
 * E inflates e by the final safety factor and the floor, and by 2^-52 |lo|
 * plus 2^-50 E for the roundings of lo -+ E; the ends are then rounded to odd
 * (exactly representable float boundaries cannot be crossed) and converted.
 * A known sign clamps the ends to +-0. */
/* The binary32 binade of a double (its exponent field, subnormals and zero
 * in the lowest normal binade): the ULP of a result depends on it. */
static inline int bin32(double d)
{
  uint64_t w;
  memcpy(&w, &d, 8);
  int e = (int)(w >> 52 & 0x7ff);
  return e < 1023 - 126 ? 1023 - 126 : e;
}

/* Both ends must also lie in one binary32 binade, or the exact value's
 * ULP (ulp(t), from t's binade) is not known: where they straddle a power
 * of two P = |hi|, a site that knows the side of |t| against |hi| settles
 * it, and the exact value is then given as P or as the double just below
 * P (2^-53 relative away: well within fast.h's 2^-40); else MPFR. */
static INLINE int decide(const fres *r, double *f, double *v)
{
  double E = FINAL_SAFETY * r->e + FLOOR;
  if (!(E < INFINITY))
    return 0;
  E = E * (1 + 0x1p-50) + 0x1p-52 * fabs(r->lo);
  double a = ro_sum(r->hi, r->lo - E), b = ro_sum(r->hi, r->lo + E);
  if (r->sgn > 0 && !(a > 0)) {
    if (!(b > 0)) return 0;
    a = 0.0;
  }
  if (r->sgn < 0 && !(b < 0)) {
    if (!(a < 0)) return 0;
    b = -0.0;
  }
  double fa = f32r(a), fb = f32r(b);
  if (!same_d(fa, fb))
    return 0;
  *v = ro_sum(r->hi, r->lo); /* rounded to odd: never onto a power of two from below */
  if (!(E <= 0x1p-40 * fabs(*v) || E <= 0x1p-200))
    return 0;
  int ba = bin32(a), bb = bin32(b);
  if (ba != bb) { /* across P, the power of two of the larger end's binade */
    if (ba < bb - 1 || bb < ba - 1)
      return 0;
    uint64_t w = (uint64_t)(ba > bb ? ba : bb) << 52; /* P */
    double P;
    memcpy(&P, &w, 8);
    if (r->cap == P) { /* |exact| < P: at most the double below P */
      if (fabs(*v) >= P) {
        w--;
        memcpy(v, &w, 8);
        *v = copysign(*v, r->hi);
      }
    } else if (r->flo == P) { /* |exact| > P */
      if (fabs(*v) < P)
        *v = copysign(P, r->hi);
    } else {
      return 0;
    }
  }
  *f = fa;
  return 1;
}

/* A quotient (s + t)/6 that decide() left open may be a binary32 midpoint
 * m exactly (hardsigmoid, hardswish have many): then 6m = s + t, checked
 * exactly, and the conversion of m rounds the tie to even.  Anything else
 * goes to MPFR. */
static __attribute__((noinline)) int tie6(const fres *r, double *f, double *v)
{
  double w = r->hi + r->lo, d = 0x1p-48 * fabs(w);
  double a = f32r(w - d), b = f32r(w + d);
  if (a == b || (double)nextafterf((float)a, (float)b) != b) /* (float) exact here */
    return 0;
  double m = (a + b) / 2, p, pe;
  two_sum(4 * m, 2 * m, &p, &pe);
  if (p != r->s6 || pe != r->t6)
    return 0;
  *f = f32r(m), *v = m;
  return 1;
}

static __attribute__((noinline)) void from_mpfr(const act_def *a, int deriv, double x, const double *p,
                      act_fast_ref *out)
{
  act_ref r;
  act_ref_init(&r);
  act_reference(a, deriv, x, p, NULL, FMT_F32, RND_N, &r);
  out->value = r.value;
  out->exact = mpfr_get_d(r.exact, MPFR_RNDZ); /* toward 0: never into the next binade */
  out->flags = r.flags;
  out->fell_back = 1;
  act_ref_clear(&r);
}

/* The signed side of the true value against the decided exact value v:
 * known for a near or close answer given as hi itself (lo = 0, v = hi; the
 * side is one of magnitude), not for one moved off a power of two. */
static inline int side_of(const fres *r, double v)
{
  if (!r->side || r->lo != 0 || v != r->hi)
    return 0;
  return r->hi > 0 ? r->side : -r->side;
}

/* The answer for input x from the row function's status st and result r:
 * exact points, decided enclosures, or MPFR; NaN inputs give NaN. */
static INLINE void finish(const act_def *a, int deriv, double x, const double *p, int st,
                          const fres *r, act_fast_ref *out)
{
  out->flags = 0;
  out->fell_back = 0;
  out->side = 0;
  if (isnan(x) && !a->row_fwd) { /* act_reference: NaN, no flags */
    out->value = out->exact = NAN;
    return;
  }
  if (st == R_POINT) {
    /* MPFR's enclosure is the point hi: EXACT iff hi is a float; exact
     * zeros follow act_reference's rule (x's sign at x = +-0 forward, free
     * where the slope parameter is negative, else +0 with ACT_REF_ZERO_FREE). */
    double f = f32r(r->hi);
    int exact = f == r->hi && !isinf(f);
    out->value = f;
    out->exact = r->hi;
    if (exact) {
      out->flags = ACT_REF_EXACT;
      if (f == 0) {
        if (!deriv && x == 0) {
          out->value = out->exact = copysign(0.0, x);
          if (act_zero_sign_free(a, p))
            out->flags |= ACT_REF_ZERO_FREE; /* a negative slope at 0 */
        } else
          out->value = out->exact = 0.0, out->flags |= ACT_REF_ZERO_FREE;
      }
    }
  } else if (st == R_DD) {
    double f, v;
    if (!decide(r, &f, &v) && !(r->chk6 && tie6(r, &f, &v))) {
      from_mpfr(a, deriv, x, p, out);
      return;
    }
    out->value = f;
    out->exact = v;
    out->side = side_of(r, v);
    if (r->chk6 && is_6f(f, r->s6, r->t6))
      out->flags = ACT_REF_EXACT;
  } else {
    from_mpfr(a, deriv, x, p, out);
    return;
  }
  if (deriv)
    for (int i = 0; i < a->nkinks; i++)
      if (x == a->kinks[i])
        out->flags |= ACT_REF_KINK;
}

/* Parameters as act_reference reads them (binary32 defaults for NULL);
 * nonzero when the fast path may be used for them here. */
static int setup(const act_def *a, const double *params, double *p)
{
  int ok = env_ok();
  for (int i = 0; i < a->nparams; i++) { /* act_reference reads no more */
    p[i] = params ? params[i] : f32r(a->param_defaults[i]);
    ok = ok && isfinite(p[i]) && f32r(p[i]) == p[i]; /* binary32, as the header says */
  }
  return ok;
}

void act_fast_ref_f32(const act_def *a, int deriv, float xf, const double *params,
                      act_fast_ref *out)
{
  double x = xf, p[ACT_MAX_PARAMS];
  rowfn *fn = lookup(a, deriv);
  int ok = setup(a, params, p) && fn && isfinite(x);
  fres r = {0};
  finish(a, deriv, x, p, ok ? fn(x, p, &r) : R_MPFR, &r, out);
}

/* decide() for n enclosures at once, the same operations in the same order
 * on four lanes (AVX2 without FMA: no contraction can change a rounding);
 * ok[i] = 0 where decide() would return 0. */
#if FAST_OK && defined(__x86_64__)
#include <immintrin.h>
#define HAVE_AVX2_DECIDE 1
__attribute__((target("avx2"))) static void decide_batch_avx2(size_t n, const batch *b,
                                                              double *f, double *v,
                                                              int8_t *ok)
{
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    int32_t st4;
    memcpy(&st4, b->st + i, 4);
    if (st4 == R_DONE * 0x01010101) /* answered in blk4: nothing to decide */
      continue;
    __m128i s8 = _mm_cvtsi32_si128(*(const int32_t *)(const void *)(b->sgn + i));
    __m256d fv, vv;
    int mk = decide4x(_mm256_loadu_pd(b->hi + i), _mm256_loadu_pd(b->lo + i),
                      _mm256_loadu_pd(b->e + i), _mm256_cvtepi8_epi64(s8), &fv, &vv);
    _mm256_storeu_pd(f + i, fv);
    _mm256_storeu_pd(v + i, vv);
    for (int j = 0; j < 4; j++)
      ok[i + j] = (int8_t)(mk >> j & 1);
  }
  for (; i < n; i++) {
    fres r = {.hi = b->hi[i], .lo = b->lo[i], .e = b->e[i], .sgn = b->sgn[i],
              .side = b->side[i], .cap = b->cap[i], .flo = b->flo[i]};
    ok[i] = (int8_t)decide(&r, &f[i], &v[i]);
  }
}
#endif

static void decide_batch(size_t n, const batch *b, double *f, double *v, int8_t *ok)
{
#ifdef HAVE_AVX2_DECIDE
  static int avx2 = -1;
  if (avx2 < 0)
    avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    decide_batch_avx2(n, b, f, v, ok);
    return;
  }
#endif
  for (size_t i = 0; i < n; i++) {
    fres r = {.hi = b->hi[i], .lo = b->lo[i], .e = b->e[i], .sgn = b->sgn[i],
              .side = b->side[i], .cap = b->cap[i], .flo = b->flo[i]};
    ok[i] = (int8_t)decide(&r, &f[i], &v[i]);
  }
}

static void finish_batch(const act_def *a, int deriv, const float *x, size_t n,
                         const double *p, batch *b, act_fast_ref *out)
{
  double f[NB], v[NB];
  int8_t ok[NB];
  /* a batch that blk4 answered whole (a general run) is done: st read 8 at a time */
  size_t i0 = 0;
  for (uint64_t w; i0 + 8 <= n; i0 += 8)
    if (memcpy(&w, b->st + i0, 8), w != R_DONE * 0x0101010101010101ull)
      break;
  while (i0 < n && b->st[i0] == R_DONE)
    i0++;
  if (i0 == n)
    return;
  decide_batch(n, b, f, v, ok);
  for (size_t i = 0; i < n; i++) {
    int32_t st4;
    if (i % 4 == 0 && i + 4 <= n && (memcpy(&st4, b->st + i, 4), st4 == R_DONE * 0x01010101)) {
      i += 3; /* four answered in blk4 */
      continue;
    }
    int st = b->st[i];
    if (st == R_DONE)
      continue;
    if (st == R_DD && ok[i] && !isnan(x[i])) {
      out[i].value = f[i];
      out[i].exact = v[i];
      out[i].flags = b->chk6[i] && is_6f(f[i], b->s6[i], b->t6[i]) ? ACT_REF_EXACT : 0;
      out[i].fell_back = 0;
      out[i].side = 0;
      if (b->side[i]) {
        fres r = {.hi = b->hi[i], .lo = b->lo[i], .side = b->side[i], .cap = b->cap[i], .flo = b->flo[i]};
        out[i].side = side_of(&r, v[i]);
      }
      if (deriv)
        for (int k = 0; k < a->nkinks; k++)
          if (x[i] == a->kinks[k])
            out[i].flags |= ACT_REF_KINK;
      continue;
    }
    fres r = {.hi = b->hi[i], .lo = b->lo[i], .e = b->e[i], .sgn = b->sgn[i],
              .chk6 = b->chk6[i], .s6 = b->s6[i], .t6 = b->t6[i], .side = b->side[i], .cap = b->cap[i], .flo = b->flo[i]};
    finish(a, deriv, x[i], p, st, &r, &out[i]);
  }
}

void act_fast_ref_block_f32(const act_def *a, int deriv, const float *x, size_t n,
                            const double *params, act_fast_ref *out)
{
  double p[ACT_MAX_PARAMS];
  if (lookup(a, deriv) && setup(a, params, p)) {
    blockfn *fb = deriv ? rows[last_i].db : rows[last_i].fb;
    blockfn *fb4 = deriv ? rows[last_i].db4 : rows[last_i].fb4;
    (vec_mode && fb4 ? fb4 : fb)(a, deriv, x, n, p, out, 0);
    return;
  }
  for (size_t i = 0; i < n; i++)
    act_fast_ref_f32(a, deriv, x[i], params, &out[i]);
}

/* One input through the row function and finish(), with the tag of the
 * answer (0: untagged, or MPFR decided). */
static int one_tagged(const act_def *a, int deriv, rowfn *fn, double x, const double *p,
                      act_fast_ref *out)
{
  fres r = {0};
  int st = fn(x, p, &r);
  finish(a, deriv, x, p, st, &r, out);
  return st != R_MPFR && !out->fell_back ? r.tag : 0;
}

/* The whole run answered from its ends: both ends nonzero, finite and of one
 * sign (then no input between is 0, NaN or infinite and every comparison of
 * x with a constant goes the same way for all), no kink inside, and both
 * ends reached the same tagged site: then every input between reached it
 * too and, by the rule for tagged sites, got the same kind of answer. */
static int uniform(const act_def *a, int deriv, rowfn *fn, uint32_t first, size_t n,
                   const double *p, act_fast_uniform *un)
{
  float lo = act_f32_of_bits(first), hi = act_f32_of_bits(first + (uint32_t)(n - 1));
  if (n < 2 || !isfinite(lo) || !isfinite(hi) || lo == 0 || hi == 0 ||
      signbit(lo) != signbit(hi))
    return 0;
  double l = fmin(lo, hi), h = fmax(lo, hi);
  if (deriv)
    for (int i = 0; i < a->nkinks; i++)
      if (a->kinks[i] >= l && a->kinks[i] <= h)
        return 0;
  act_fast_ref rl, rh;
  int tl = one_tagged(a, deriv, fn, lo, p, &rl), th = one_tagged(a, deriv, fn, hi, p, &rh);
  if (!tl || tl != th || rl.flags != rh.flags || rl.side != rh.side)
    return 0;
  un->flags = rl.flags, un->side = rl.side;
  if (memcmp(&rl.value, &rh.value, sizeof(double)) == 0 &&
      memcmp(&rl.exact, &rh.exact, sizeof(double)) == 0) {
    un->kind = ACT_FAST_CONST;
    un->value = rl.value, un->exact = rl.exact;
    return 1;
  }
  for (int k = 0; k <= 1; k++) { /* x or x/2 */
    double s = k ? 0.5 : 1;
    if (rl.value == s * lo && rl.exact == rl.value && rh.value == s * hi && rh.exact == rh.value) {
      un->kind = ACT_FAST_SCALED;
      un->value = un->exact = s;
      return 1;
    }
  }
  return 0;
}

/* Every input of the run in its row's general region (pre returns R_GEN
 * for all), so that the four-lane loop need not ask pre lane by lane: the
 * run lies in one binade and is at most 1024 patterns long, both ends are
 * general, and the vector path is on.  For an input between them, pre
 * would take the same path: pre's tests are comparisons of x, or of an
 * increasing function of x (beta x, 1.702 x), with constants, true on a
 * half-line (within one sign: |x| <= c too), whose complement is an
 * interval, so false at both ends means false between; the only other test
 * is ROOT's window |y - x0| <= w, and no window fits between two general
 * inputs of a run: the run spans at most 1024 ulps (2^-13 |x|, or 2^-13
 * 2^-126 below 2^-126), a window 2 w >= 2^-11 |x0| (checked once, in
 * lookup_slow: the root series are at |x0| < 2, w = 1/4). */
static int general(int deriv, uint32_t first, size_t n, const double *p)
{
  rowfn *pre = deriv ? rows[last_i].dpre : rows[last_i].fpre;
  if (!vec_mode || !wide_windows || !pre || n < 2 || n > 1024 || first >> 23 != (first + (uint32_t)(n - 1)) >> 23)
    return 0;
  float lo = act_f32_of_bits(first), hi = act_f32_of_bits(first + (uint32_t)(n - 1));
  if (!isfinite(lo) || !isfinite(hi) || lo == 0 || hi == 0) /* one binade: one sign */
    return 0;
  fres r = {0};
  return pre(lo, p, &r) == R_GEN && pre(hi, p, &r) == R_GEN;
}

int act_fast_ref_bits_f32(const act_def *a, int deriv, uint32_t first, size_t n,
                          const double *params, act_fast_ref *out, act_fast_uniform *un)
{
  double p[ACT_MAX_PARAMS];
  rowfn *fn = lookup(a, deriv);
  un->kind = ACT_FAST_MIXED;
  if (fn && setup(a, params, p) && uniform(a, deriv, fn, first, n, p, un))
    return un->kind;
  float x[NB];
  int allgen = fn && setup(a, params, p) && general(deriv, first, n, p);
  for (size_t c = 0; c < n; c += NB) {
    size_t m = n - c < NB ? n - c : NB;
    for (size_t i = 0; i < m; i++)
      x[i] = act_f32_of_bits(first + (uint32_t)(c + i));
    if (allgen)
      (deriv ? rows[last_i].db4 : rows[last_i].fb4)(a, deriv, x, m, p, out + c, 1);
    else
      act_fast_ref_block_f32(a, deriv, x, m, params, out + c);
  }
  return ACT_FAST_MIXED;
}

act_cmp_kind act_fast_compare(float y, const act_fast_ref *r, double *ulp)
{
  return act_fast_compare_inline(y, r, ulp);
}
