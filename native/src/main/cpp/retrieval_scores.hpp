// Similarity blocks for the retrieval engine: the scores of `na` contiguous queries against the
// memories [m0, m0 + nb), written to S (na x nb, row-major, leading dimension nb).
//   dot     S = X Xi_blk^T                           one GEMM
//   kernel  S = X A_blk^T, A = Xi W^T W (the keys)    one GEMM
//   neg L2  s = -sqrt(max(0, |x|^2 + |xi|^2 - 2 <x, xi>))   the GEMM, then a per-row transform
//   neg L1  s = -sum |xi - x|                         a direct vectorised loop, per row
//   cosine  s = <x, xi> / (|x| |xi|)                  the GEMM, then a per-row scaling by 1/|x| and
//           the block's 1/|xi| (taken once per block); a zero x or xi gives s = 0
// The GEMM part runs on the calling thread (OpenBLAS threads it); the per-row part
// (finish_score_rows) runs inside the caller's row-parallel region.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "blas.hpp"
#include "hopfield4j_half.h"
#include "hopfield4j_kinds.h"
#include "retrieval_math.hpp"

namespace h4j {
namespace detail {
namespace ret {

// Everything a pass needs to know about the store and the update.
template <typename T>
struct Problem {
  const T* values;  // M x d, the patterns Xi (what the update averages); null for a half store
  const T* keys;    // M x d, what the scores are taken against (Xi, or A for the kernel); null for a
                    // half store but for the kernel's keys (those are float32 whatever the store)
  const std::uint16_t* half;  // M x d, the patterns of a half store (float32 passes only), else null
  int storage;      // a HalfFormat when half is set
  const T* W;       // D x d or null (kernel energies)
  long long M, d, D;
  int sim, map;
  double beta, alpha, polyN;
  int polyInt;      // polyN as a small integer, or -1
  long long block;  // memories per score block, 1 <= block <= M
  int path;         // RetrievalPath: by shape, or forced (tests)
};

// The rows [m0, m0 + nb) of the memories as the passes read them: keys (scored against) and values
// (averaged). A float32 / float64 store is read in place; a half store is widened into buf (nb x d of
// the caller's thread: a tile stays in its cache), which serves as the keys too unless the kernel's
// keys are separate. The scores are then exactly those of a float32 store of the rounded values.
template <typename T>
struct BlockRows {
  const T* keys;
  const T* values;
};

template <typename T>
inline BlockRows<T> block_rows(const Problem<T>& P, long long m0, long long nb, T* buf) {
  if constexpr (std::is_same<T, float>::value) {
    if (P.half != nullptr) {
      half::widen(P.half + m0 * P.d, buf, nb * P.d, P.storage);
      return {P.keys != nullptr ? P.keys + m0 * P.d : buf, buf};
    }
  }
  return {P.keys + m0 * P.d, P.values + m0 * P.d};
}

// Whether finish_score_rows needs |x|^2 per query row and |xi|^2 per memory of the block.
inline bool needs_sq_norms(int sim) { return sim == SIM_NEG_L2 || sim == SIM_COSINE; }

// Phase 1 (calling thread): the GEMM of the block, or nothing for L1.
template <typename T>
inline void score_block_gemm(const Problem<T>& P, const T* X, long long na, const T* K, long long nb, T* S) {
  if (P.sim == SIM_NEG_L1) return;
  blas::gemm_abt(X, P.d, K, P.d, S, nb, na, nb, P.d);
}

// 1/sqrt(q) for a squared norm q, 0 for a zero vector (its cosine with anything is taken as 0).
inline double inverse_norm(double q) { return q > 0.0 ? 1.0 / std::sqrt(q) : 0.0; }

// What finish_score_rows needs per memory of the block (the similarities of needs_sq_norms):
// |xi_mu|^2 (neg L2), or 1/|xi_mu| (cosine, so that the per-entry work is two multiplications).
// K: the keys of the block (block_rows).
template <typename T>
inline void block_sq_norms(const Problem<T>& P, const T* K, long long nb, double* out) {
  for (long long j = 0; j < nb; ++j) out[j] = sq_norm(K + j * P.d, P.d);
  if (P.sim == SIM_COSINE)
    for (long long j = 0; j < nb; ++j) out[j] = inverse_norm(out[j]);
}

// Phase 2 (inside the row-parallel region): turns the GEMM output of rows [r0, r1) into the
// similarity (neg L2, cosine), or computes it (neg L1) from the block's keys K. xnorm: |x|^2 per row; knorm: block_sq_norms.
template <typename T>
inline void finish_score_rows(const Problem<T>& P, const T* X, long long r0, long long r1, const T* K,
                              long long nb, T* S, const double* xnorm, const double* knorm) {
  const long long d = P.d;
  if (P.sim == SIM_NEG_L2) {
    for (long long i = r0; i < r1; ++i) {
      T* s = S + i * nb;
      const double xn = xnorm[i];
      for (long long j = 0; j < nb; ++j) {
        const double v = xn + knorm[j] - 2.0 * static_cast<double>(s[j]);
        s[j] = static_cast<T>(-std::sqrt(v > 0.0 ? v : 0.0));
      }
    }
  } else if (P.sim == SIM_COSINE) {
    for (long long i = r0; i < r1; ++i) {
      T* s = S + i * nb;
      const double inv_x = inverse_norm(xnorm[i]);
      for (long long j = 0; j < nb; ++j) s[j] = static_cast<T>(static_cast<double>(s[j]) * inv_x * knorm[j]);
    }
  } else if (P.sim == SIM_NEG_L1) {
    // Memory-outer so one pattern serves every query row of this thread from L1.
    for (long long j = 0; j < nb; ++j) {
      const T* xi = K + j * d;
      for (long long i = r0; i < r1; ++i) S[i * nb + j] = -l1_dist(X + i * d, xi, d);
    }
  }
}

// Work per row for the parallel split, in "elements" as parallel_rows counts them.
template <typename T>
inline long long score_row_work(const Problem<T>& P, long long nb) {
  return P.sim == SIM_NEG_L1 ? nb * std::max(1LL, P.d) : nb;
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
