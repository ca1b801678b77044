/* gelu-erfc-neon.h: the per-binade polynomials of G(z) = z exp(z^2/2)
 * erfc(z/sqrt2)/2 for f32-gelu-neon-erfc-rr2-p7-lut6-p11, from `make B=build
 * neon-gelu` (gen-gelu.c: Chebyshev interpolation in MPFR, binary32
 * coefficients, g_0 and g_1 as pairs).  Row j of gtab holds g_j of the six
 * binades [1/4, 1/2) .. [8, 16) (lanes 6, 7 pad the TBL table), around
 * c_k = 1.5 2^(k-2). */
#ifndef GELU_ERFC_NEON_H
#define GELU_ERFC_NEON_H

/* G(c_k + s) = sum_j g_j s^j on binade k of z (gen-gelu.c, degree 11); relative error of the
 * rounded polynomials <= 2^-30.2 2^-29.6 2^-29.3 2^-30.8 2^-32.3 2^-33.2 */
#define GDEG 11
static const float gtab[12][8] __attribute__((aligned(16))) = {
  {0x1.238944p-3f, 0x1.cd2836p-3f, 0x1.3c144p-2f, 0x1.754a76p-2f, 0x1.8e010ep-2f, 0x1.95bcb4p-2f, 0, 0},
  {0x1.222f24p-2f, 0x1.5bf7f2p-3f, 0x1.204038p-4f, 0x1.2c08cap-6f, 0x1.a0eee4p-9f, 0x1.d0fb64p-12f, 0, 0},
  {-0x1.a0adb4p-3f, -0x1.c2c6ecp-4f, -0x1.332044p-5f, -0x1.c642cep-8f, -0x1.7b5982p-11f, -0x1.c4cfaep-15f, 0, 0},
  {0x1.dc32dap-4f, 0x1.d68c6ep-5f, 0x1.0d602ep-6f, 0x1.239d8ep-9f, 0x1.2cab74p-13f, 0x1.857e1ep-18f, 0, 0},
  {-0x1.d248bep-5f, -0x1.a89492p-6f, -0x1.9ef06ap-8f, -0x1.5083dep-11f, -0x1.b6576ep-16f, -0x1.381a7cp-21f, 0, 0},
  {0x1.96418ap-6f, 0x1.572ca8p-7f, 0x1.21c9b4p-9f, 0x1.66d286p-13f, 0x1.2d3a66p-18f, 0x1.dd5428p-25f, 0, 0},
  {-0x1.423eccp-7f, -0x1.fbbdd4p-9f, -0x1.761e5ap-11f, -0x1.674624p-15f, -0x1.8c29aep-21f, -0x1.622d66p-28f, 0, 0},
  {0x1.d89f44p-9f, 0x1.5cc3a8p-10f, 0x1.c41a04p-13f, 0x1.552226p-17f, 0x1.f52896p-24f, 0x1.fd96cep-32f, 0, 0},
  {-0x1.43f848p-10f, -0x1.c1734ep-12f, -0x1.01c94cp-14f, -0x1.3352cap-19f, -0x1.2a3bdcp-26f, -0x1.50cafcp-35f, 0, 0},
  {0x1.a29fdcp-12f, 0x1.11d456p-13f, 0x1.17dd2p-16f, 0x1.0c0094p-21f, 0x1.648afap-29f, 0x1.d38cf4p-39f, 0, 0},
  {-0x1.01904ep-13f, -0x1.41cdcap-15f, -0x1.300302p-18f, -0x1.ff7454p-24f, -0x1.0f2788p-31f, -0x1.dbe638p-42f, 0, 0},
  {0x1.2cf93cp-15f, 0x1.641c9ep-17f, 0x1.2df59ep-20f, 0x1.9d07ap-26f, 0x1.3191e4p-34f, 0x1.3d073ap-45f, 0, 0},
};
/* the low parts of g_0 and g_1 */
static const float glo[2][8] __attribute__((aligned(16))) = {
  {0x1.c55cccp-29f, -0x1.8ca0d8p-28f, 0x1.873826p-29f, -0x1.cb3dd8p-27f, -0x1.a8430ep-27f, -0x1.4cebe2p-28f, 0, 0},
  {-0x1.d512ap-28f, 0x1.bcd6f6p-33f, 0x1.c5ce36p-29f, 0x1.9d5a3cp-44f, -0x1.dc8796p-36f, -0x1.38aa54p-37f, 0, 0},
};

#endif
