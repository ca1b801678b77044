/* roots.c: Taylor expansions of f' = (x S(x))' = S + x S' at its root x0,
 * for the rows whose derivative vanishes inside [-2, -1/2]:
 *   gelu       S = Phi,                 S' = phi(x)
 *   xsig       S = sigma (in y = k x),  S' = S (1 - S)      (silu, swish, gelu_sigmoid)
 *   gelu_tanh  S = sigma(Y(x)), Y = 2 sqrt(2/pi) (x + 0.044715 x^3),  S' = Y' S (1 - S)
 *   mish       S = T = tanh(softplus x),                    T' = sigma(x) (1 - T^2)
 * The series of S at a centre c comes from these differential equations,
 * term by term, in MPFR at PREC bits (power-series arithmetic: every
 * coefficient to far better than 2^-250 relative, which fast.c allows for
 * as 2^-200 absolute); then f'(c + t) = sum_k (k + 1)(S_k + c S_{k+1}) t^k.
 * x0 comes from Newton's method on that series' first two terms, X0 is x0
 * as a pair of doubles, and the c_k are the series at X0, rounded.
 *
 * Remainder (Cauchy's estimate): f' is holomorphic on the disc |z - X0| <=
 * rho and bounded there by M, so |c_k| <= M/rho^k and for q = |t|/rho < 1
 * the terms past degree n add up to at most M q^(n+1)/(1 - q).  The bounds:
 *   gelu: |Im z| <= rho = 1.5 and |phi(a + ib)| = e^((b^2 - a^2)/2)/sqrt(2 pi)
 *     <= e^(rho^2/2)/sqrt(2 pi) < 1.229, so |Phi(z)| <= |Phi(a)| + rho 1.229
 *     < 2.85 (integrating phi from a to a + ib) and |z phi(z)| <=
 *     (0.752 + 1.5) 1.229 < 2.77: M = 6.
 *   xsig: |Im z| <= rho = 1.5 < pi/2 makes Re e^-z >= 0, so |1 + e^-z| >= 1
 *     and |sigma(z)|, |sigma(-z)| <= 1: |g(z)| <= 1 + |z| <= 1 + 1.279 + 1.5: M = 4.
 *   gelu_tanh: rho = 0.75: |Im Y(z)| <= 1.5958 (0.75 + 0.044715 |z|^3) <=
 *     1.5958 (0.75 + 0.044715 * 1.5025^3) < 1.44 < pi/2, so |S|, |1 - S| <= 1;
 *     |Y'(z)| <= 1.5958 (1 + 0.134145 * 1.5025^2) < 2.08 and |f'| <= 1 +
 *     1.5025 * 2.08 < 4.13: M = 4.5.
 *   mish: rho = 1: Re z <= -0.192, |e^z| <= 0.825, so w = 1 + e^z lies in
 *     the disc of centre 1, radius 0.825, at least sqrt2 - 0.825 > 0.589
 *     from +-i: |w^2 + 1| >= 0.347.  T = 1 - 2/(w^2 + 1): |T| <= 6.77;
 *     T' = 4 w e^z/(w^2 + 1)^2: |T'| <= 4 * 1.825 * 0.825/0.347^2 < 50.1;
 *     |mish'| = |T + z T'| <= 6.77 + 2.193 * 50.1 < 117: M = 120.
 * The windows |t| <= w = 1/4 keep q <= 1/3. */
#include <math.h>
#include <mpfr.h>
#include <pthread.h>

#include "roots.h"

#define PREC 320
#define NS (ROOT_N + 2) /* S_0 .. S_{N+1} */
#define RN MPFR_RNDN

static act_root roots[ROOT_COUNT] = {
  [ROOT_GELU] = {.name = "gelu", .rho = 1.5, .M = 6, .w = 0.25},
  [ROOT_XSIG] = {.name = "xsig", .rho = 1.5, .M = 4, .w = 0.25},
  [ROOT_GELU_TANH] = {.name = "gelu_tanh", .rho = 0.75, .M = 4.5, .w = 0.25},
  [ROOT_MISH] = {.name = "mish", .rho = 1, .M = 120, .w = 0.25},
};
static const double guess[ROOT_COUNT] = {-0.7518, -1.2785, -0.7525, -1.1924};

/* out = sum_{i <= k} a_i b_{k-i} */
static void conv(mpfr_t out, mpfr_t *a, mpfr_t *b, int k, mpfr_t tmp)
{
  mpfr_set_ui(out, 0, RN);
  for (int i = 0; i <= k; i++) {
    mpfr_mul(tmp, a[i], b[k - i], RN);
    mpfr_add(out, out, tmp, RN);
  }
}

/* s = the series of sigma at c, NS terms: sigma' = sigma - sigma^2 */
static void sigma_series(mpfr_t *s, const mpfr_t c, mpfr_t t1, mpfr_t t2)
{
  mpfr_neg(t1, c, RN);
  mpfr_exp(t1, t1, RN);
  mpfr_add_ui(t1, t1, 1, RN);
  mpfr_ui_div(s[0], 1, t1, RN);
  for (int k = 0; k + 1 < NS; k++) {
    conv(t1, s, s, k, t2);
    mpfr_sub(t1, s[k], t1, RN);
    mpfr_div_ui(s[k + 1], t1, (unsigned long)k + 1, RN);
  }
}

/* S's series at c (NS terms) for row kind, with scratch w[0..NS-1] */
static void s_series(int kind, mpfr_t *S, const mpfr_t c, mpfr_t *w, mpfr_t t1, mpfr_t t2,
                     mpfr_t t3)
{
  switch (kind) {
  case ROOT_GELU: { /* S_{k+1} = phi(c) E_k/(k + 1), E = exp(-c t - t^2/2): E' = (-c - t) E */
    mpfr_sqrt_ui(t1, 2, RN);
    mpfr_div(t1, c, t1, RN);
    mpfr_neg(t1, t1, RN);
    mpfr_erfc(t1, t1, RN);
    mpfr_div_2ui(S[0], t1, 1, RN);                 /* Phi(c) = erfc(-c/sqrt2)/2 */
    mpfr_sqr(t1, c, RN);
    mpfr_div_2ui(t1, t1, 1, RN);
    mpfr_neg(t1, t1, RN);
    mpfr_exp(t1, t1, RN);
    mpfr_const_pi(t2, RN);
    mpfr_mul_2ui(t2, t2, 1, RN);
    mpfr_sqrt(t2, t2, RN);
    mpfr_div(t3, t1, t2, RN);                      /* phi(c) */
    mpfr_set_ui(w[0], 1, RN);
    mpfr_neg(w[1], c, RN);
    for (int k = 1; k + 1 < NS; k++) {
      mpfr_mul(t1, c, w[k], RN);
      mpfr_add(t1, t1, w[k - 1], RN);
      mpfr_neg(t1, t1, RN);
      mpfr_div_ui(w[k + 1], t1, (unsigned long)k + 1, RN);
    }
    for (int k = 0; k + 1 < NS; k++) {
      mpfr_mul(t1, t3, w[k], RN);
      mpfr_div_ui(S[k + 1], t1, (unsigned long)k + 1, RN);
    }
    break;
  }
  case ROOT_XSIG:
    sigma_series(S, c, t1, t2);
    break;
  case ROOT_GELU_TANH: { /* (k + 1) S_{k+1} = sum_j D_j Q_{k-j}, Q = S - S^2, D = Y' */
    mpfr_t C, K, D[3];
    mpfr_inits2(PREC, C, K, D[0], D[1], D[2], (mpfr_ptr)0);
    mpfr_const_pi(t1, RN);
    mpfr_ui_div(t1, 2, t1, RN);
    mpfr_sqrt(t1, t1, RN);
    mpfr_mul_2ui(C, t1, 1, RN);                    /* 2 sqrt(2/pi) */
    mpfr_set_str(K, "0.044715", 10, RN);
    mpfr_sqr(t1, c, RN);
    mpfr_mul(t2, t1, K, RN);
    mpfr_mul(t2, t2, c, RN);
    mpfr_add(t2, t2, c, RN);
    mpfr_mul(t2, t2, C, RN);                       /* Y(c) */
    mpfr_neg(t2, t2, RN);
    mpfr_exp(t2, t2, RN);
    mpfr_add_ui(t2, t2, 1, RN);
    mpfr_ui_div(S[0], 1, t2, RN);                  /* sigma(Y(c)) */
    mpfr_mul(t2, t1, K, RN);
    mpfr_mul_ui(t2, t2, 3, RN);
    mpfr_add_ui(t2, t2, 1, RN);
    mpfr_mul(D[0], t2, C, RN);                     /* C (1 + 3K c^2) */
    mpfr_mul(D[1], C, K, RN);
    mpfr_mul(D[1], D[1], c, RN);
    mpfr_mul_ui(D[1], D[1], 6, RN);                /* 6 C K c */
    mpfr_mul(D[2], C, K, RN);
    mpfr_mul_ui(D[2], D[2], 3, RN);                /* 3 C K */
    for (int k = 0; k + 1 < NS; k++) {
      conv(t1, S, S, k, t2);
      mpfr_sub(w[k], S[k], t1, RN);                /* Q_k */
      mpfr_set_ui(t1, 0, RN);
      for (int j = 0; j <= 2 && j <= k; j++) {
        mpfr_mul(t2, D[j], w[k - j], RN);
        mpfr_add(t1, t1, t2, RN);
      }
      mpfr_div_ui(S[k + 1], t1, (unsigned long)k + 1, RN);
    }
    mpfr_clears(C, K, D[0], D[1], D[2], (mpfr_ptr)0);
    break;
  }
  case ROOT_MISH: { /* (k + 1) T_{k+1} = sum_j sigma_j R_{k-j}, R = 1 - T^2 */
    mpfr_t sg[NS];
    for (int k = 0; k < NS; k++)
      mpfr_init2(sg[k], PREC);
    sigma_series(sg, c, t1, t2);
    mpfr_exp(t1, c, RN);
    mpfr_log1p(t1, t1, RN);
    mpfr_tanh(S[0], t1, RN);                       /* tanh(softplus c) */
    for (int k = 0; k + 1 < NS; k++) {
      conv(t1, S, S, k, t2);
      mpfr_neg(w[k], t1, RN);
      if (k == 0)
        mpfr_add_ui(w[0], w[0], 1, RN);            /* R_k */
      conv(t1, sg, w, k, t2);
      mpfr_div_ui(S[k + 1], t1, (unsigned long)k + 1, RN);
    }
    for (int k = 0; k < NS; k++)
      mpfr_clear(sg[k]);
    break;
  }
  }
}

/* F_k = (k + 1)(S_k + c S_{k+1}), k = 0 .. ROOT_N: f'(c + t) = sum F_k t^k */
static void fprime_series(int kind, mpfr_t *F, const mpfr_t c, mpfr_t *S, mpfr_t *w, mpfr_t t1,
                          mpfr_t t2, mpfr_t t3)
{
  s_series(kind, S, c, w, t1, t2, t3);
  for (int k = 0; k <= ROOT_N; k++) {
    mpfr_mul(t1, c, S[k + 1], RN);
    mpfr_add(t1, t1, S[k], RN);
    mpfr_mul_ui(F[k], t1, (unsigned long)k + 1, RN);
  }
}

static void compute(void)
{
  mpfr_t S[NS], W[NS], F[ROOT_N + 1], c, t1, t2, t3;
  for (int k = 0; k < NS; k++)
    mpfr_inits2(PREC, S[k], W[k], (mpfr_ptr)0);
  for (int k = 0; k <= ROOT_N; k++)
    mpfr_init2(F[k], PREC);
  mpfr_inits2(PREC, c, t1, t2, t3, (mpfr_ptr)0);
  for (int kind = 0; kind < ROOT_COUNT; kind++) {
    act_root *R = &roots[kind];
    mpfr_set_d(c, guess[kind], RN);
    for (int it = 0; it < 12; it++) { /* Newton: c -= f'(c)/f''(c); 2^-13 -> 2^-400 */
      fprime_series(kind, F, c, S, W, t1, t2, t3);
      mpfr_div(t1, F[0], F[1], RN);
      mpfr_sub(c, c, t1, RN);
    }
    R->x0h = mpfr_get_d(c, RN);
    mpfr_sub_d(t1, c, R->x0h, RN);
    R->x0l = mpfr_get_d(t1, RN);
    mpfr_set_d(c, R->x0h, RN);
    mpfr_add_d(c, c, R->x0l, RN); /* X0, exactly (PREC >= 107 bits) */
    fprime_series(kind, F, c, S, W, t1, t2, t3);
    for (int k = 0; k <= ROOT_N; k++)
      R->c[k] = mpfr_get_d(F[k], RN);
    /* |X0 - x0| <= 2^-100: F_0 = f'(X0) against F_1 >= 0.1 (f'' at the root) */
    R->ok = fabs(guess[kind] - R->x0h) < 0x1p-8 && fabs(R->c[0]) <= 0x1p-100 * fabs(R->c[1]) &&
            fabs(R->c[1]) >= 0.1 && isfinite(R->c[ROOT_N]);
  }
  for (int k = 0; k < NS; k++)
    mpfr_clears(S[k], W[k], (mpfr_ptr)0);
  for (int k = 0; k <= ROOT_N; k++)
    mpfr_clear(F[k]);
  mpfr_clears(c, t1, t2, t3, (mpfr_ptr)0);
  mpfr_free_cache();
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

const act_root *act_roots(void)
{
  pthread_once(&once, compute);
  return roots;
}
