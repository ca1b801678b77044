/* libmvec.c: activations composed from glibc's libmvec AVX2 functions (the
 * x86_64 vector ABI's 'd' variants, 8 floats in a ymm register; glibc
 * documents them as accurate to 4 ulp), formulas in compose-avx2.h.  glibc
 * ships no header for calling them directly, so the prototypes are here. */
#if defined(__x86_64__)
#include <immintrin.h>

__m256 _ZGVdN8v_expf(__m256);
__m256 _ZGVdN8v_tanhf(__m256);
__m256 _ZGVdN8v_erff(__m256);
__m256 _ZGVdN8v_erfcf(__m256);
__m256 _ZGVdN8v_log1pf(__m256);
__m256 _ZGVdN8v_expm1f(__m256);

static inline __m256 p_exp(__m256 x) { return _ZGVdN8v_expf(x); }
static inline __m256 p_tanh(__m256 x) { return _ZGVdN8v_tanhf(x); }
static inline __m256 p_erf(__m256 x) { return _ZGVdN8v_erff(x); }
static inline __m256 p_erfc(__m256 x) { return _ZGVdN8v_erfcf(x); }
static inline __m256 p_log1p(__m256 x) { return _ZGVdN8v_log1pf(x); }
static inline __m256 p_expm1(__m256 x) { return _ZGVdN8v_expm1f(x); }

#include "compose-avx2.h"

PEER_FWD(f32_sigmoid_peer_libmvec_exp, sigmoid8)
PEER_BWD(f32_sigmoid_bwd_peer_libmvec_exp, sigmoid_d8)
PEER_FWD(f32_sigmoid_peer_libmvec_exp_stable, sigmoid_s8)
PEER_BWD(f32_sigmoid_bwd_peer_libmvec_exp_stable, sigmoid_s_d8)
PEER_FWD(f32_silu_peer_libmvec_exp, silu8)
PEER_BWD(f32_silu_bwd_peer_libmvec_exp, silu_d8)
PEER_FWD(f32_silu_peer_libmvec_exp_stable, silu_s8)
PEER_BWD(f32_silu_bwd_peer_libmvec_exp_stable, silu_s_d8)
PEER_FWD(f32_tanh_peer_libmvec_tanh, tanh8)
PEER_BWD(f32_tanh_bwd_peer_libmvec_tanh, tanh_d8)
PEER_BWD(f32_tanh_bwd_peer_libmvec_exp, tanh_exp_d8)
PEER_FWD(f32_gelu_peer_libmvec_erf, gelu_erf8)
PEER_BWD(f32_gelu_bwd_peer_libmvec_erf, gelu_erf_d8)
PEER_FWD(f32_gelu_peer_libmvec_erfc, gelu_erfc8)
PEER_BWD(f32_gelu_bwd_peer_libmvec_erfc, gelu_erfc_d8)
PEER_FWD(f32_gelu_tanh_peer_libmvec_tanh, gelu_tanh8)
PEER_BWD(f32_gelu_tanh_bwd_peer_libmvec_tanh, gelu_tanh_d8)
PEER_FWD(f32_gelu_tanh_peer_libmvec_exp, gelu_tanh_exp8)
PEER_BWD(f32_gelu_tanh_bwd_peer_libmvec_exp, gelu_tanh_exp_d8)
PEER_FWD(f32_softplus_peer_libmvec_log1p, softplus8)
PEER_BWD(f32_softplus_bwd_peer_libmvec_exp, softplus_d8)
PEER_FWD(f32_logsigmoid_peer_libmvec_log1p, logsigmoid8)
PEER_BWD(f32_logsigmoid_bwd_peer_libmvec_exp, logsigmoid_d8)
PEER_FWD(f32_elu_peer_libmvec_expm1, elu8)
PEER_BWD(f32_elu_bwd_peer_libmvec_exp, elu_d8)
PEER_FWD(f32_mish_peer_libmvec_tanh_log1p, mish8)
PEER_BWD(f32_mish_bwd_peer_libmvec_tanh_log1p, mish_d8)
#endif
