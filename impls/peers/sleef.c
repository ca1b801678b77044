/* sleef.c: activations composed from SLEEF 3.5's AVX2 functions at their
 * 1-ulp accuracy (Sleef_*f8_u10avx2; erfc only comes as u15), see
 * compose-avx2.h for the formulas.  sleef-u35.c has the 3.5-ulp tanh. */
#if defined(__x86_64__)
#include <sleef.h>

static inline __m256 p_exp(__m256 x) { return Sleef_expf8_u10avx2(x); }
static inline __m256 p_tanh(__m256 x) { return Sleef_tanhf8_u10avx2(x); }
static inline __m256 p_erf(__m256 x) { return Sleef_erff8_u10avx2(x); }
static inline __m256 p_erfc(__m256 x) { return Sleef_erfcf8_u15avx2(x); }
static inline __m256 p_log1p(__m256 x) { return Sleef_log1pf8_u10avx2(x); }
static inline __m256 p_expm1(__m256 x) { return Sleef_expm1f8_u10avx2(x); }

#include "compose-avx2.h"

PEER_FWD(f32_sigmoid_peer_sleef_exp_u10, sigmoid8)
PEER_BWD(f32_sigmoid_bwd_peer_sleef_exp_u10, sigmoid_d8)
PEER_FWD(f32_sigmoid_peer_sleef_exp_stable_u10, sigmoid_s8)
PEER_BWD(f32_sigmoid_bwd_peer_sleef_exp_stable_u10, sigmoid_s_d8)
PEER_FWD(f32_silu_peer_sleef_exp_u10, silu8)
PEER_BWD(f32_silu_bwd_peer_sleef_exp_u10, silu_d8)
PEER_FWD(f32_silu_peer_sleef_exp_stable_u10, silu_s8)
PEER_BWD(f32_silu_bwd_peer_sleef_exp_stable_u10, silu_s_d8)
PEER_FWD(f32_tanh_peer_sleef_tanh_u10, tanh8)
PEER_BWD(f32_tanh_bwd_peer_sleef_tanh_u10, tanh_d8)
PEER_BWD(f32_tanh_bwd_peer_sleef_exp_u10, tanh_exp_d8)
PEER_FWD(f32_gelu_peer_sleef_erf_u10, gelu_erf8)
PEER_BWD(f32_gelu_bwd_peer_sleef_erf_u10, gelu_erf_d8)
PEER_FWD(f32_gelu_peer_sleef_erfc_u15, gelu_erfc8)
PEER_BWD(f32_gelu_bwd_peer_sleef_erfc_u15, gelu_erfc_d8)
PEER_FWD(f32_gelu_tanh_peer_sleef_tanh_u10, gelu_tanh8)
PEER_BWD(f32_gelu_tanh_bwd_peer_sleef_tanh_u10, gelu_tanh_d8)
PEER_FWD(f32_gelu_tanh_peer_sleef_exp_u10, gelu_tanh_exp8)
PEER_BWD(f32_gelu_tanh_bwd_peer_sleef_exp_u10, gelu_tanh_exp_d8)
PEER_FWD(f32_softplus_peer_sleef_log1p_u10, softplus8)
PEER_BWD(f32_softplus_bwd_peer_sleef_exp_u10, softplus_d8)
PEER_FWD(f32_logsigmoid_peer_sleef_log1p_u10, logsigmoid8)
PEER_BWD(f32_logsigmoid_bwd_peer_sleef_exp_u10, logsigmoid_d8)
PEER_FWD(f32_elu_peer_sleef_expm1_u10, elu8)
PEER_BWD(f32_elu_bwd_peer_sleef_exp_u10, elu_d8)
PEER_FWD(f32_mish_peer_sleef_tanh_log1p_u10, mish8)
PEER_BWD(f32_mish_bwd_peer_sleef_tanh_log1p_u10, mish_d8)
#endif
