// The products of the float32 layers (hopfield4j_nn.h): `count` row-major GEMMs whose operands sit at
// fixed strides in three arrays, so a projection writes (and its backward reads) one block per head,
// head-major, without a reshuffling pass, and a zero C stride sums the products (the output
// projection over the heads, dX over the heads of a split projection). One OpenBLAS call per product.
#pragma once
#include "blas.hpp"
#include "hopfield4j_nn.h"

namespace h4j {

inline void batched_gemm_f32(const BatchedGemmCall* call, const float* A, const float* B, float* C) {
  const BatchedGemmCall& c = *call;
  if (c.m <= 0 || c.n <= 0) return;
  for (long long i = 0; i < c.count; ++i) {
    // summed products (strideC == 0): beta scales C once, the later products add
    const float beta = c.strideC == 0 && i > 0 ? 1.0f : static_cast<float>(c.beta);
    float* Ci = C + c.offsetC + i * c.strideC;
    if (c.k <= 0) {  // an empty sum: beta C, without asking BLAS about degenerate leading dimensions
      for (long long r = 0; r < c.m; ++r)
        for (long long j = 0; j < c.n; ++j) Ci[r * c.ldc + j] = beta == 0.0f ? 0.0f : beta * Ci[r * c.ldc + j];
      continue;
    }
    blas::gemm<float>(c.transA ? CblasTrans : CblasNoTrans, c.transB ? CblasTrans : CblasNoTrans, c.m, c.n, c.k,
                      static_cast<float>(c.alpha), A + c.offsetA + i * c.strideA, c.lda,
                      B + c.offsetB + i * c.strideB, c.ldb, beta, Ci, c.ldc);
  }
}

}  // namespace h4j
