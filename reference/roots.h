/* roots.h: Taylor expansions of the derivatives that vanish at a root x0 in
 * [-2, -1/2]: gelu', gelu_tanh', mish' and g(y) = (y sigma(y))' (silu',
 * swish' and gelu_sigmoid' as functions of y = k x).  Near x0 the general
 * formulas cancel (f' -> 0 while their terms do not), so the fast
 * reference evaluates f'(X0 + t) = sum c_k t^k there instead (fast.c). */
#ifndef ACT_ROOTS_H
#define ACT_ROOTS_H

enum { ROOT_N = 40 }; /* highest degree kept */
enum { ROOT_GELU, ROOT_XSIG, ROOT_GELU_TANH, ROOT_MISH, ROOT_COUNT };

typedef struct {
  const char *name;
  double x0h, x0l;       /* the centre X0 = x0h + x0l, within 2^-100 of the root */
  double c[ROOT_N + 1];  /* c_k: f^(k+1)(X0)/k!, rounded to nearest (relative error <= 2^-53) */
  double rho, M;         /* |f'(z)| <= M on the disc |z - X0| <= rho (roots.c proves each) */
  double w;              /* used for |t| <= w (w < rho/2) */
  int ok;                /* 0: not computed; the fast reference then asks MPFR */
} act_root;

/* The four expansions, computed with MPFR once per process (thread-safe). */
const act_root *act_roots(void);

#endif
