// The energy pieces of the retrieval engine (docs/math.md#energy):
//   E(x)   = 1/2 <x, x>   - (1/beta) Psi*_alpha(beta s(x))
//   E_K(x) = 1/2 |W x|^2  - (1/beta) Psi*_alpha(beta K(Xi, x))
//   Psi*_1(z) = logsumexp z;  Psi*_alpha(z) = <p, z> + (1 - sum p^alpha) / (alpha (alpha - 1)), p = alpha-entmax(z).
// The passes produce Psi* per query (each map's ops struct, see entmax_ops.hpp); this file has the
// quadratic term.
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "blas.hpp"
#include "retrieval_math.hpp"
#include "retrieval_scores.hpp"

namespace h4j {
namespace detail {
namespace ret {

// out[i] = 1/2 <x_i, x_i>, or 1/2 |W x_i|^2 for the kernel similarity when W is given.
template <typename T>
inline void half_sq_norms(const Problem<T>& P, const T* X, long long na, double* out) {
  if (P.sim == SIM_KERNEL && P.W != nullptr && P.D > 0) {
    // G = X W^T in chunks of rows, so the scratch stays O(chunk * D).
    const long long chunk = std::max(1LL, std::min(na, (1LL << 20) / std::max(1LL, P.D)));
    std::vector<T> G(static_cast<std::size_t>(std::min(chunk, na) * P.D));
    for (long long i0 = 0; i0 < na; i0 += chunk) {
      const long long n = std::min(chunk, na - i0);
      blas::gemm_abt(X + i0 * P.d, P.d, P.W, P.d, G.data(), P.D, n, P.D, P.d);
      for (long long i = 0; i < n; ++i) out[i0 + i] = 0.5 * sq_norm(G.data() + i * P.D, P.D);
    }
    return;
  }
  for (long long i = 0; i < na; ++i) out[i] = 0.5 * sq_norm(X + i * P.d, P.d);
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
