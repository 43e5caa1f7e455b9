// The energy pieces of the retrieval engine (spec, "Retrieval dynamics and energy"):
//   E(x)   = 1/2 <x, x>   - (1/beta) Psi*_alpha(beta s(x))
//   E_K(x) = 1/2 |W x|^2  - (1/beta) Psi*_alpha(beta K(Xi, x))
//   Psi*_1(z) = logsumexp z;  Psi*_alpha(z) = <p, z> + (1 - sum p^alpha) / (alpha (alpha - 1)), p = alpha-entmax(z).
// The passes produce Psi* per query; this file has the quadratic term and the Tsallis form.
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
  if (P.sim == kSimKernel && P.W != nullptr && P.D > 0) {
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

// Psi*_alpha(beta s) for alpha > 1 from the support of p: idx/score pairs are the candidates the map saw
// (score s_j, probability p[j], zeros allowed), smax the largest score. Computed around the max,
// z = beta smax + beta (s - smax), so a large score costs no precision in <p, z>.
template <typename Score>
inline double psi_tsallis(const Score* s, const double* p, long long k, double smax, double beta, double alpha) {
  double dot = 0.0, sum_pa = 0.0;
  for (long long j = 0; j < k; ++j) {
    const double pj = p[j];
    if (!(pj > 0.0)) continue;
    dot += pj * beta * (static_cast<double>(s[j]) - smax);
    sum_pa += alpha == 2.0 ? pj * pj : alpha == 1.5 ? pj * std::sqrt(pj) : std::pow(pj, alpha);
  }
  return beta * smax + dot + (1.0 - sum_pa) / (alpha * (alpha - 1.0));
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
