/* softmax over each row of a rows x cols matrix: y_i = exp(x_i - m)/s,
 * m = max_j x_j (FMAX: a NaN anywhere gives a NaN row; all -inf or a +inf
 * give inf - inf = NaN rows, as PyTorch), s = sum_j exp(x_j - m) in [1, cols].
 * x_i - m exact as a pair, exp from exp-neon.h (rr2 p7, a float pair), s
 * summed in float pairs (softmax-neon.h), then y_i = (e_i/2^n)/(s/2^k) as a
 * corrected quotient of pairs, 2^k the binade of s, scaled by 2^(n - k) last:
 * one rounding, also for subnormal y_i.  -inf entries give +0.
 * Backward: dx_i = y_i (dy_i - t), t = sum_j dy_j y_j = (sum_j dy_j e_j)/s,
 * every sum and product a float pair, y recomputed from x; dy_i - t cancels
 * (no ULP promise), worst at the dominant entry k (the first max), whose
 * dx_k = (dy_k - t)/s = exp(m2 - m) w / s^2, w = sum_{j != k} exp(x_j - m2)
 * (dy_k - dy_j), m2 = max_{j != k} x_j, is summed as such instead: accurate,
 * and of the right sign where it underflows.  Each pass reads a block before the last one writes it,
 * so y may be x and dx may be x or dy. */
#include "softmax-neon.h"

act_f32_row_fwd f32_softmax_neon_rr2_p7_div;
act_f32_row_bwd f32_softmax_bwd_neon_rr2_p7_div;

#define NINF (-__builtin_inff())

static const uint32x4_t lane = {0, 1, 2, 3};

/* lanes of block i other than index k */
static inline v4u not_k(size_t i, size_t k)
{
  return vmvnq_u32(vceqq_u32(vaddq_u32(lane, vdupq_n_u32((uint32_t)i)), vdupq_n_u32((uint32_t)k)));
}

/* s = sum_j exp(x_j - m) as sh + *sl; with dy, also u = sum_j dy_j exp(x_j - m)
 * and w = sum_{j != k} exp(x_j - m2) (dy_k - dy_j) (0 if m2 = -inf) */
static float row_sums(const float *x, const float *dy, size_t n, float m, size_t k, float m2,
                      float *sl, float *uh, float *ul, float *wh, float *wl)
{
  v4f vm = V(m), sh = V(0.0f), sL = V(0.0f), vuh = V(0.0f), vul = V(0.0f);
  v4f vm2 = V(m2), vwh = V(0.0f), vwl = V(0.0f), gk = V(dy && k < n ? dy[k] : 0.0f);
  int w = dy && m2 > NINF;
  for (size_t i = 0; i < n; i += 4) {
    v4f xi = load_at(x, i, n, NINF);
    act_exp4 E = exp_diff(xi, vm);
    v4f el, eh = exp4_value(&E, &el);
    pair_add(&sh, &sL, eh, el);
    if (dy) {
      v4f g = load_at(dy, i, n, 0.0f);
      v4f pl, ph = mul_dd(g, V(0.0f), eh, el, &pl);
      pair_add(&vuh, &vul, ph, pl);
    }
    if (w) {
      v4f g = load_at(dy, i, n, 0.0f);
      act_exp4 F = exp_diff(xi, vm2);
      v4f fl, fh = exp4_value(&F, &fl);
      v4u keep = not_k(i, k);
      v4f cl, ch = two_sum(gk, vnegq_f32(g), &cl);        /* dy_k - dy_j, exactly */
      v4f pl, ph = mul_dd(ch, cl, v_and(fh, keep), v_and(fl, keep), &pl);
      pair_add(&vwh, &vwl, ph, pl);
    }
  }
  if (dy)
    *uh = pair_fold(vuh, vul, ul), *wh = pair_fold(vwh, vwl, wl);
  return pair_fold(sh, sL, sl);
}

/* the binade of s >= 1: s = (S + SL) 2^k, 1 <= S < 2 (s NaN or inf: k = 0) */
static float binade(float s, float sl, float *S, float *SL)
{
  union { float f; uint32_t u; } b = {s};
  int e = (int)(b.u >> 23 & 0xff) - 127;
  int k = e > 0 && e < 128 ? e : 0;
  union { float f; uint32_t u; } p = {.u = (uint32_t)(127 - k) << 23};
  *S = s * p.f, *SL = sl * p.f;
  return (float)k;
}

void f32_softmax_neon_rr2_p7_div(size_t rows, size_t cols, const float *x, float *y)
{
  for (size_t r = 0; r < rows; r++, x += cols, y += cols) {
    float m = row_max(x, cols), sl, S, SL;
    float s = row_sums(x, NULL, cols, m, 0, NINF, &sl, NULL, NULL, NULL, NULL);
    float k = binade(s, sl, &S, &SL);
    v4f vm = V(m), vS = V(S), vSL = V(SL);
    for (size_t i = 0; i < cols; i += 4) {
      act_exp4 E = exp_diff(load_at(x, i, cols, NINF), vm);
      store_at(y, i, cols, exp4_scale_k(&E, div_dd1(E.ph, E.pl, vS, vSL), k));
    }
  }
}

void f32_softmax_bwd_neon_rr2_p7_div(size_t rows, size_t cols, const float *x, const float *dy,
                                     float *dx)
{
  for (size_t r = 0; r < rows; r++, x += cols, dy += cols, dx += cols) {
    float m = row_max(x, cols), sl, uh = 0, ul = 0, wh = 0, wl = 0, S, SL;
    size_t kk = 0;
    while (kk < cols && !(x[kk] == m))
      kk++;
    v4f vm2 = V(NINF);
    for (size_t i = 0; i < cols; i += 4) /* m2 = max_{j != kk} x_j */
      vm2 = vmaxq_f32(vm2, v_sel(not_k(i, kk), load_at(x, i, cols, NINF), V(NINF)));
    float m2 = vmaxvq_f32(vm2);
    float s = row_sums(x, dy, cols, m, kk, m2, &sl, &uh, &ul, &wh, &wl);
    v4f tl, th = div_dd(V(uh), V(ul), V(s), V(sl), &tl); /* t = u/s */
    /* dx_k = exp(m2 - m) w/s^2 */
    v4f s2l, s2h = mul_dd(V(s), V(sl), V(s), V(sl), &s2l);
    v4f wql, wqh = div_dd(V(wh), V(wl), s2h, s2l, &wql);
    act_exp4 E2 = exp_diff(V(m2), V(m));
    v4f dkl, dkh = mul_dd(wqh, wql, E2.ph, E2.pl, &dkl);
    v4f dxk = exp4_scale(&E2, dkh + dkl);
    float k = binade(s, sl, &S, &SL);
    v4f vm = V(m), vS = V(S), vSL = V(SL);
    for (size_t i = 0; i < cols; i += 4) {
      act_exp4 E = exp_diff(load_at(x, i, cols, NINF), vm);
      v4f g = load_at(dy, i, cols, 0.0f);
      v4f ql, qh = div_dd(E.ph, E.pl, vS, vSL, &ql);     /* y_i 2^(k - n) */
      v4f de, d = two_sum(g, vnegq_f32(th), &de);         /* dy_i - t */
      v4f pl, ph = mul_dd(qh, ql, d, de - tl, &pl);
      v4f r = exp4_scale_k(&E, ph + pl, k);
      if (m2 > NINF)
        r = v_sel(vmvnq_u32(not_k(i, kk)), dxk, r);
      store_at(dx, i, cols, r);
    }
  }
}
