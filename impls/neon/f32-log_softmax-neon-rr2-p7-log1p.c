/* log_softmax over each row: y_i = (x_i - m) - l, m = x_k = max_j x_j (the
 * first), l = log1p(r), r = sum_{j != k} exp(x_j - m): the max term's exact
 * 1 is kept out of the sum, so l (and y_k = -l) stays accurate when r is tiny.
 * r starts at m - m: 0, or NaN when m is +-inf or NaN (NaN rows, as PyTorch).
 * exp and the pair sums as in softmax (softmax-neon.h); log1p(r) for the pair
 * r: 1 + r = u 2^k, sqrt(1/2) <= u < sqrt(2), log1p(r) = k ln2 + 2 atanh(s),
 * s = (u - 1)/(u + 1) a corrected quotient, |s| < 0.1716, 2 atanh(s) = 2s +
 * 2s z P(z), z = s^2, P the atanh series to z^5 (1/3, 1/5, ..., 1/13; error
 * below 2^-34): l is a float pair good to about 2^-30 relative, and
 * y_i = (x_i - m) - l is summed exactly from pairs and rounded once.
 * -inf entries give -inf; y_k is -0 where l underflows but r > 0.
 * Backward: dx_i = dy_i - p_i T, T = sum_j dy_j, p_i = exp(x_i - m)/(1 + r),
 * pairs throughout, rounded once; cancels where dy_i ~ p_i T (no ULP
 * promise).  Every block is read before it is written: dx may be x or dy. */
#include "softmax-neon.h"

act_f32_row_fwd f32_log_softmax_neon_rr2_p7_log1p;
act_f32_row_bwd f32_log_softmax_bwd_neon_rr2_p7_log1p;

#define NINF (-__builtin_inff())

/* the first k with x_k == m (n if none: m is NaN) */
static size_t first_max(const float *x, size_t n, float m)
{
  size_t k = 0;
  while (k < n && !(x[k] == m))
    k++;
  return k;
}

/* r = (m - m) + sum_{j != k} exp(x_j - m) as rh + *rl, summed as
 * exp(m2 - m) sum_{j != k} exp(x_j - m2), m2 = max_{j != k} x_j, so the
 * leading terms never underflow and a tiny r is scaled (rounded) once;
 * *pos: some x_j, j != k, is above -inf (then r > 0 exactly) */
static float row_rest(const float *x, size_t n, size_t k, float m, float *rl, int *pos)
{
  const uint32x4_t lane = {0, 1, 2, 3};
  v4f vm2 = V(NINF);
  for (size_t i = 0; i < n; i += 4) {
    v4u keep = vmvnq_u32(vceqq_u32(vaddq_u32(lane, vdupq_n_u32((uint32_t)i)),
                                   vdupq_n_u32((uint32_t)k)));
    vm2 = vmaxq_f32(vm2, v_sel(keep, load_at(x, i, n, NINF), V(NINF)));
  }
  float m2 = vmaxvq_f32(vm2), z = m - m, h = 0, lo = 0;
  *pos = m2 > NINF;
  if (m2 > NINF) {
    v4f sh = V(0.0f), sl = V(0.0f);
    for (size_t i = 0; i < n; i += 4) {
      act_exp4 E = exp_diff(load_at(x, i, n, NINF), V(m2));
      v4f el, eh = exp4_value(&E, &el);
      v4u keep = vmvnq_u32(vceqq_u32(vaddq_u32(lane, vdupq_n_u32((uint32_t)i)),
                                     vdupq_n_u32((uint32_t)k)));
      pair_add(&sh, &sl, v_and(eh, keep), v_and(el, keep));
    }
    float Rl, Rh = pair_fold(sh, sl, &Rl); /* >= 1 */
    act_exp4 E2 = exp_diff(V(m2), V(m));
    v4f pl, ph = mul_dd(V(Rh), V(Rl), E2.ph, E2.pl, &pl);
    h = vgetq_lane_f32(exp4_scale(&E2, ph), 0), lo = vgetq_lane_f32(exp4_scale(&E2, pl), 0);
  } else if (m2 == m2) {
    h = 0; /* the max alone: r = 0 (+ NaN where m is infinite) */
  } else {
    h = m2; /* a NaN in the row */
  }
  float s = h + z;
  *rl = lo + (z - (s - h));
  return s;
}

/* log1p(rh + rl), rh >= 0, as a float pair (all lanes alike) */
static v4f log1p_pair(float rh, float rl, v4f *lo)
{
  if (rh < 0x1p-60f) { /* log1p(r) = r (1 - r/2 ...): r to 2^-61 */
    *lo = V(rl);
    return V(rh);
  }
  v4f ue, uh = two_sum(V(1.0f), V(rh), &ue);
  ue = ue + V(rl);
  /* uh = u 2^k, u in [sqrt(1/2), sqrt(2)) */
  v4u b = u_of(uh);
  v4f k = vcvtq_f32_s32(vsubq_s32(vreinterpretq_s32_u32(vshrq_n_u32(b, 23)), vdupq_n_s32(127)));
  v4f u = f_of(vorrq_u32(vandq_u32(b, vdupq_n_u32(0x007fffffu)), vdupq_n_u32(0x3f800000u)));
  v4u big = v_gt(u, V(0x1.6a09e6p+0f));                 /* sqrt(2) */
  u = v_sel(big, u * V(0.5f), u);
  k = v_sel(big, k + V(1.0f), k);
  v4f ul = ue * exp2i(vnegq_f32(k));                    /* exact */
  v4f nl, nh = two_sum(u - V(1.0f), ul, &nl);           /* u - 1: exact (Sterbenz) */
  v4f ae, a = two_sum(u, V(1.0f), &ae);                 /* u + 1, exactly */
  v4f dl, dh = two_sum(a, ul, &dl);
  v4f sl, sh = div_dd(nh, nl, dh, dl + ae, &sl);        /* s = (u - 1)/(u + 1) */
  v4f z = sh * sh;
  v4f P = fma4(V(0x1.3b13b2p-4f), z, V(0x1.745d18p-4f)); /* 1/13, 1/11 */
  P = fma4(P, z, V(0x1.c71c72p-4f));                     /* 1/9 */
  P = fma4(P, z, V(0x1.24924ap-3f));                     /* 1/7 */
  P = fma4(P, z, V(0x1.99999ap-3f));                     /* 1/5 */
  P = fma4(P, z, V(0x1.555556p-2f));                     /* 1/3 */
  v4f tail = fma4((sh + sh) * z, P, sl + sl);            /* 2s z P + 2 sl */
  v4f kl, kh = mul_dd(k, V(0.0f), V(LN2_HI), V(LN2_LO), &kl); /* k ln2 */
  v4f e1, h = two_sum(kh, sh + sh, &e1);
  return fast_two_sum(h, e1 + kl + tail, lo);
}

void f32_log_softmax_neon_rr2_p7_log1p(size_t rows, size_t cols, const float *x, float *y)
{
  if (cols == 0)
    return;
  for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
    float m = row_max(x, cols), rl;
    int pos;
    size_t k = first_max(x, cols, m);
    float rh = row_rest(x, cols, k, m, &rl, &pos);
    v4f ll, lh = log1p_pair(rh, rl, &ll);
    v4f vm = V(m);
    /* y_i = 0 only where x_i = m and l underflowed: -0 when r > 0 */
    v4u neg0 = vdupq_n_u32(pos ? 0x80000000u : 0);
    for (size_t i = 0; i < cols; i += 4) {
      v4f xi = load_at(x, i, cols, 0.0f);
      v4f de, d = two_sum(xi, vnegq_f32(vm), &de);       /* x_i - m */
      v4f e, s = two_sum(d, vnegq_f32(lh), &e);
      v4f full = s + (e + (de - ll)), plain = d - lh;   /* infinite d: no pairs */
      v4f yi = v_sel(vcaltq_f32(d, V(__builtin_inff())), full, plain);
      yi = f_of(vorrq_u32(u_of(yi), vandq_u32(neg0, vceqzq_f32(yi))));
      store_at(y, i, cols, yi);
    }
  }
}

void f32_log_softmax_bwd_neon_rr2_p7_log1p(size_t rows, size_t cols, const float *x,
                                           const float *dy, float *dx)
{
  if (cols == 0)
    return;
  for (size_t r = 0; r < rows; r++, x += cols, dy += cols, dx += cols) {
    float m = row_max(x, cols), rl;
    int pos;
    size_t k = first_max(x, cols, m);
    float rh = row_rest(x, cols, k, m, &rl, &pos);
    /* 1 + r = (S + SL) 2^q, 1 <= S < 2 */
    float se, s = 1.0f + rh;
    se = (1.0f - (s - (s - 1.0f))) + (rh - (s - 1.0f)) + rl;
    union { float f; uint32_t u; } b = {s};
    int e = (int)(b.u >> 23 & 0xff) - 127, q = e > 0 && e < 128 ? e : 0;
    union { float f; uint32_t u; } p2 = {.u = (uint32_t)(127 - q) << 23};
    v4f vS = V(s * p2.f), vSL = V(se * p2.f);
    /* T = sum_j dy_j */
    v4f th = V(0.0f), tl = V(0.0f);
    for (size_t i = 0; i < cols; i += 4)
      pair_add(&th, &tl, load_at(dy, i, cols, 0.0f), V(0.0f));
    float Tl, Th = pair_fold(th, tl, &Tl);
    v4f vm = V(m);
    for (size_t i = 0; i < cols; i += 4) {
      act_exp4 E = exp_diff(load_at(x, i, cols, NINF), vm);
      v4f g = load_at(dy, i, cols, 0.0f);
      v4f pl, ph = div_dd(E.ph, E.pl, vS, vSL, &pl);      /* p_i 2^(q - n) */
      v4f wl, wh = mul_dd(ph, pl, V(Th), V(Tl), &wl);
      v4f w = exp4_scale_k(&E, wh, (float)q), wlo = exp4_scale_k(&E, wl, (float)q);
      v4f e1, h = two_sum(g, vnegq_f32(w), &e1);
      store_at(dx, i, cols, h + (e1 - wlo));
    }
  }
}
