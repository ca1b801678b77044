/* broken.c: deliberately broken NEON kernels (rows in broken.def), each
 * with the one mistake test_neon.c expects a check to catch; the correct
 * twin of every one is the registered f32-relu-neon-select (and its
 * backward), which the same checks pass.  Only the AArch64 runner has them. */
#include "loop-neon.h"

static inline float32x4_t relu4(float32x4_t x)
{
  const uint32x4_t vneg = vcltq_f32(x, vdupq_n_f32(0.0f));
  return vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(x), vneg));
}

/* The tail loads a whole vector: reads up to 3 floats past x[n-1]
 * (caught by the guard page after x: "read x[n]"). */
act_f32_fwd_p f32_relu_neon_broken_overread;
void f32_relu_neon_broken_overread(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (; n >= 4; n -= 4, x += 4, y += 4)
    vst1q_f32(y, relu4(vld1q_f32(x)));
  if (n)
    store_tail(y, relu4(vld1q_f32(x)), n);
}

/* The tail stores a whole vector: writes past y[n-1] (canaries, guard page). */
act_f32_fwd_p f32_relu_neon_broken_overwrite;
void f32_relu_neon_broken_overwrite(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (; n >= 4; n -= 4, x += 4, y += 4)
    vst1q_f32(y, relu4(vld1q_f32(x)));
  if (n)
    vst1q_f32(y, relu4(load_tail(x, n)));
}

/* The tail is the last whole vector, overlapping the ones done (right for
 * n >= 4), without the n < 4 case: then it reads x[n-4] ... x[-1] and
 * dy[n-4] ... (caught by the guard page before the buffers: "read x[-3]"). */
static inline float32x4_t relu_bwd4(float32x4_t x, float32x4_t dy)
{
  const float32x4_t vd = vreinterpretq_f32_u32(
    vandq_u32(vcgtq_f32(x, vdupq_n_f32(0.0f)), vreinterpretq_u32_f32(dy)));
  return vbslq_f32(vceqq_f32(x, x), vd, x);
}
act_f32_bwd_p f32_relu_bwd_neon_broken_underread;
void f32_relu_bwd_neon_broken_underread(size_t n, const float *x, const float *dy, float *dx,
                                        const float *p)
{
  (void)p;
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    vst1q_f32(dx + i, relu_bwd4(vld1q_f32(x + i), vld1q_f32(dy + i)));
  if (i < n) {
    const ptrdiff_t j = (ptrdiff_t)n - 4;
    float t[4];
    vst1q_f32(t, relu_bwd4(vld1q_f32(x + j), vld1q_f32(dy + j)));
    for (int k = 0; k < 4; k++)
      if (j + k >= (ptrdiff_t)i)
        dx[j + k] = t[k];
  }
}

/* FMAXNM: maxNum returns the number when one operand is a quiet NaN, so
 * relu(NaN) = 0 (conventions: relu(NaN) = NaN), and relu(-0) = +0. */
act_f32_fwd_p f32_relu_neon_broken_maxnm;
static inline float32x4_t maxnm4(float32x4_t x, const float *p)
{
  (void)p;
  return vmaxnmq_f32(x, vdupq_n_f32(0.0f));
}
NEON_FWD(f32_relu_neon_broken_maxnm, maxnm4)

/* FMAX keeps NaN but orders -0 below +0: relu(-0) = +0 (PyTorch: -0). */
act_f32_fwd_p f32_relu_neon_broken_fmax;
static inline float32x4_t fmax4(float32x4_t x, const float *p)
{
  (void)p;
  return vmaxq_f32(x, vdupq_n_f32(0.0f));
}
NEON_FWD(f32_relu_neon_broken_fmax, fmax4)

/* Uses x as scratch: clears x[0] after the call (canaries: "changed its input x"). */
act_f32_fwd_p f32_relu_neon_broken_input;
void f32_relu_neon_broken_input(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  float *scratch = (float *)x;
  for (size_t i = 0; i < n; i++)
    y[i] = vgetq_lane_f32(relu4(vdupq_n_f32(x[i])), 0);
  if (n && y != x)
    scratch[0] = 0.0f;
}

/* Sets FPCR's rounding mode to toward zero and leaves it so (rounding modes:
 * "left the rounding mode at FE_TOWARDZERO"). */
act_f32_fwd_p f32_relu_neon_broken_fpcr;
void f32_relu_neon_broken_fpcr(size_t n, const float *x, float *y, const float *p)
{
  uint64_t c;
  __asm__ volatile("mrs %0, fpcr" : "=r"(c));
  c = (c & ~(uint64_t)(3u << 22)) | (3u << 22);
  __asm__ volatile("msr fpcr, %0" : : "r"(c));
  for (; n >= 4; n -= 4, x += 4, y += 4)
    vst1q_f32(y, relu4(vld1q_f32(x)));
  if (n)
    store_tail(y, relu4(load_tail(x, n)), n);
  (void)p;
}

/* Clears FPCR.FZ (flush to zero) and leaves it clear (called under FTZ/DAZ,
 * mirrored as FPCR.FZ: "changed MXCSR"). */
act_f32_fwd_p f32_relu_neon_broken_fz;
void f32_relu_neon_broken_fz(size_t n, const float *x, float *y, const float *p)
{
  uint64_t c;
  __asm__ volatile("mrs %0, fpcr" : "=r"(c));
  c &= ~(uint64_t)(1u << 24);
  __asm__ volatile("msr fpcr, %0" : : "r"(c));
  for (; n >= 4; n -= 4, x += 4, y += 4)
    vst1q_f32(y, relu4(vld1q_f32(x)));
  if (n)
    store_tail(y, relu4(load_tail(x, n)), n);
  (void)p;
}

/* An undefined instruction when an input is +inf (isolation: SIGILL). */
act_f32_fwd_p f32_relu_neon_broken_sigill;
void f32_relu_neon_broken_sigill(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (size_t i = 0; i < n; i++) {
    if (x[i] == __builtin_inff())
      __asm__ volatile(".inst 0x00000000"); /* udf #0 */
    y[i] = vgetq_lane_f32(relu4(vdupq_n_f32(x[i])), 0);
  }
}

/* Never returns when an input is NaN (isolation: hang). */
act_f32_fwd_p f32_relu_neon_broken_hang;
void f32_relu_neon_broken_hang(size_t n, const float *x, float *y, const float *p)
{
  (void)p;
  for (size_t i = 0; i < n; i++) {
    volatile int spin = x[i] != x[i];
    while (spin)
      ;
    y[i] = vgetq_lane_f32(relu4(vdupq_n_f32(x[i])), 0);
  }
}
