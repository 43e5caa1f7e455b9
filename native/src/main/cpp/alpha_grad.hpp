// The derivative of alpha-entmax with respect to alpha (docs/math.md#alpha-gradient): for
// p = entmax_alpha(z) (z held fixed) and an upstream g, the scalar <g, dp/dalpha>. Correia, Niculae &
// Martins 2019 ("Adaptively Sparse Transformers", appendix), as deep-spin/entmax's
// EntmaxBisectFunction.backward computes it: with w_i = p_i^(2 - alpha) on the support,
// q = w / sum w, and the Shannon terms h_i = p_i log p_i, H = sum h,
//   dp_i/dalpha = (p_i - q_i) / (alpha - 1)^2 - (h_i - q_i H) / (alpha - 1).
// The forward convention is p_i = [(alpha - 1) z_i - tau]_+^(1/(alpha-1)) (entmax_bisect.hpp).
#pragma once
#include <cmath>

namespace h4j {
namespace detail {

// <g, dp/dalpha> of one row; 0 for a row with no support. alpha > 1.
template <typename T>
inline double entmax_alpha_vjp_row(const T* p, const T* g, long long n, double alpha) {
  const double e = 2.0 - alpha;
  double w_sum = 0.0, shannon = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double pi = static_cast<double>(p[i]);
    if (pi > 0.0) {
      w_sum += std::pow(pi, e);
      shannon += pi * std::log(pi);
    }
  }
  if (!(w_sum > 0.0)) return 0.0;
  const double am1 = alpha - 1.0;
  double out = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double pi = static_cast<double>(p[i]);
    if (!(pi > 0.0)) continue;
    const double qi = std::pow(pi, e) / w_sum;
    const double dpi = (pi - qi) / (am1 * am1) - (pi * std::log(pi) - qi * shannon) / am1;
    out += static_cast<double>(g[i]) * dpi;
  }
  return out;
}

}  // namespace detail
}  // namespace h4j
