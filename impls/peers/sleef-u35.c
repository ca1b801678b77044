/* sleef-u35.c: tanh and gelu_tanh from SLEEF 3.5's faster 3.5-ulp AVX2 tanh
 * (Sleef_tanhf8_u35avx2), formulas in compose-avx2.h. */
#if defined(__x86_64__)
#include <sleef.h>

static inline __m256 p_exp(__m256 x) { return Sleef_expf8_u10avx2(x); }
static inline __m256 p_tanh(__m256 x) { return Sleef_tanhf8_u35avx2(x); }
static inline __m256 p_erf(__m256 x) { return Sleef_erff8_u10avx2(x); }
static inline __m256 p_erfc(__m256 x) { return Sleef_erfcf8_u15avx2(x); }
static inline __m256 p_log1p(__m256 x) { return Sleef_log1pf8_u10avx2(x); }
static inline __m256 p_expm1(__m256 x) { return Sleef_expm1f8_u10avx2(x); }

#include "compose-avx2.h"

PEER_FWD(f32_tanh_peer_sleef_tanh_u35, tanh8)
PEER_BWD(f32_tanh_bwd_peer_sleef_tanh_u35, tanh_d8)
PEER_FWD(f32_gelu_tanh_peer_sleef_tanh_u35, gelu_tanh8)
PEER_BWD(f32_gelu_tanh_bwd_peer_sleef_tanh_u35, gelu_tanh_d8)
#endif
