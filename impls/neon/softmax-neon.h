/* softmax-neon.h: row pieces of the NEON softmax and log_softmax kernels.
 *
 * A row of n floats is read in vectors of 4, the last n % 4 lane by lane
 * (the other lanes -inf, which contribute exp(-inf) = 0), never past n.
 *   row_max:  FMAX/FMAXV, which propagate NaN: a NaN anywhere makes m, hence
 *             the row, NaN; an all -inf row or a +inf gives x - m = NaN (NaN
 *             rows, as PyTorch);
 *   e_j = exp(x_j - m) with x_j - m kept exact as a pair (two_sum), from
 *             exp-neon.h, as a float pair times 2^n;
 *   sums:     per lane float pairs (two_sum), folded at the end: the sum
 *             carries about 2^-44 relative error instead of float's n 2^-24. */
#ifndef SOFTMAX_NEON_H
#define SOFTMAX_NEON_H

#include "exp-neon.h"

/* lanes 0 .. r-1 of p (1 <= r <= 3), the others `fill` */
static inline v4f load_tail_fill(const float *p, size_t r, float fill)
{
  v4f v = V(fill);
  v = vld1q_lane_f32(p, v, 0);
  if (r > 1)
    v = vld1q_lane_f32(p + 1, v, 1);
  if (r > 2)
    v = vld1q_lane_f32(p + 2, v, 2);
  return v;
}

/* block i (4 floats from p + i, the tail filled) */
static inline v4f load_at(const float *p, size_t i, size_t n, float fill)
{
  return i + 4 <= n ? vld1q_f32(p + i) : load_tail_fill(p + i, n - i, fill);
}

static inline void store_at(float *p, size_t i, size_t n, v4f v)
{
  if (i + 4 <= n)
    vst1q_f32(p + i, v);
  else
    store_tail(p + i, v, n - i);
}

static inline float row_max(const float *x, size_t n)
{
  v4f vm = V(-__builtin_inff());
  for (size_t i = 0; i < n; i += 4)
    vm = vmaxq_f32(vm, load_at(x, i, n, -__builtin_inff()));
  return vmaxvq_f32(vm);
}

/* exp(x - m) for the exact x - m (clamped at EXP_TMIN) */
static inline act_exp4 exp_diff(v4f x, v4f m)
{
  v4f te, t = two_sum(x, vnegq_f32(m), &te);
  v4u ok = v_gt(t, V(EXP_TMIN)); /* te is NaN where x - m overflowed to -inf */
  return exp4_rr2_p7(vmaxq_f32(V(EXP_TMIN), t), v_and(te, ok));
}

/* s + e, per lane, as float pairs */
static inline void pair_add(v4f *sh, v4f *sl, v4f eh, v4f el)
{
  v4f err;
  *sh = two_sum(*sh, eh, &err);
  *sl = *sl + (err + el);
}

/* the four lane pairs summed into one, normalized */
static inline float pair_fold(v4f sh, v4f sl, float *lo)
{
  float h = vgetq_lane_f32(sh, 0), l = vgetq_lane_f32(sl, 0);
  float hs[3] = {vgetq_lane_f32(sh, 1), vgetq_lane_f32(sh, 2), vgetq_lane_f32(sh, 3)};
  float ls[3] = {vgetq_lane_f32(sl, 1), vgetq_lane_f32(sl, 2), vgetq_lane_f32(sl, 3)};
  for (int i = 0; i < 3; i++) {
    float s = h + hs[i], bb = s - h;
    l += ((h - (s - bb)) + (hs[i] - bb)) + ls[i];
    h = s;
  }
  float s = h + l;
  *lo = l - (s - h);
  return s;
}

#endif
