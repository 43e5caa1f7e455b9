// 1.5-entmax, exact sort-based closed form (Peters, Niculae & Martins 2019; the entmax15 threshold
// of deep-spin/entmax): p = [s/2 - tau]_+^2 with s = scale*z.
#pragma once
#include <algorithm>
#include <cmath>
#include <functional>

#include "row_common.hpp"

namespace h4j {
namespace detail {

template <typename T>
inline int entmax15_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  double* x = scratch(0, static_cast<std::size_t>(n));
  const double m = load_scaled(z, mask, n, 0.5 * scale, x);
  if (m == kNegInf) return zero_row(p, n);

  // After shifting so max x = 0, the max alone carries (0 - tau)^2 <= 1, so tau >= -1 and nothing
  // at or below -1 is in the support: only the candidates above -1 need sorting. This leaves the
  // result bit-identical to sorting the whole row (the dropped tail can never pass the test below).
  double* c = scratch(1, static_cast<std::size_t>(n));
  long long candidates = 0;
  for (long long i = 0; i < n; ++i) {
    x[i] -= m;
    if (x[i] > -1.0) c[candidates++] = x[i];
  }
  std::sort(c, c + candidates, std::greater<double>());

  // For the top k values, tau_k solves sum_{j<=k} (x_j - tau)^2 = 1; the support size is the
  // number of k with tau_k <= x_(k), and tau* = tau at that size (as deep-spin/entmax counts it).
  double* taus = scratch(2, static_cast<std::size_t>(candidates));
  double sum = 0.0, sum_sq = 0.0;
  long long support_size = 0;
  for (long long k = 1; k <= candidates; ++k) {
    const double xk = c[k - 1];
    sum += xk;
    sum_sq += xk * xk;
    const double kd = static_cast<double>(k);
    const double mean = sum / kd;
    const double mean_sq = sum_sq / kd;
    const double ss = kd * (mean_sq - mean * mean);
    const double delta = (1.0 - ss) / kd;
    const double tau = mean - std::sqrt(delta > 0.0 ? delta : 0.0);
    taus[k - 1] = tau;
    support_size += tau <= xk;
  }
  const double tau_star = taus[support_size - 1];
  for (long long i = 0; i < n; ++i) {
    const double v = x[i] - tau_star;
    x[i] = v > 0.0 ? v * v : 0.0;
  }
  return store_row(x, p, n);
}

}  // namespace detail
}  // namespace h4j
