/* peers.h: what the peer adapters share with the benchmark. */
#ifndef ACT_PEERS_H
#define ACT_PEERS_H

#include <stddef.h>

/* oneDNN eltwise, algorithm alg (a dnnl_alg_kind_t), on n floats: forward
 * when dy is NULL (y = f(x)), else backward (y = dy f'(x)). */
void act_peer_onednn(int alg, float alpha, float beta, size_t n, const float *x,
                     const float *dy, float *y);
/* The code path oneDNN dispatches to here: "avx2", "avx512_core", ... */
const char *act_peer_onednn_isa(void);

#endif
