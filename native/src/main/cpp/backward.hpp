// Vector-Jacobian products of the separation maps, from the forward output p alone:
// dz = scale * J^T g. Every row is reduced completely before dz is written, so dz may alias g.
#pragma once
#include <cmath>

#include "row_common.hpp"

namespace h4j {
namespace detail {

// softmax: dz = scale * p (g - <g, p>).
template <typename T>
inline void softmax_backward_row(const T* p, const T* g, T* dz, long long n, double scale) {
  double dot = 0.0;
  for (long long i = 0; i < n; ++i) dot += static_cast<double>(p[i]) * static_cast<double>(g[i]);
  for (long long i = 0; i < n; ++i) {
    dz[i] = static_cast<T>(scale * static_cast<double>(p[i]) * (static_cast<double>(g[i]) - dot));
  }
}

// sparsemax: on the support S, dz_i = scale (g_i - mean_S g); 0 off it.
template <typename T>
inline void sparsemax_backward_row(const T* p, const T* g, T* dz, long long n, double scale) {
  double sum = 0.0;
  long long support = 0;
  for (long long i = 0; i < n; ++i) {
    const bool in = p[i] > T(0);
    sum += in ? static_cast<double>(g[i]) : 0.0;
    support += in;
  }
  const double mean = support > 0 ? sum / static_cast<double>(support) : 0.0;
  for (long long i = 0; i < n; ++i) {
    dz[i] = p[i] > T(0) ? static_cast<T>(scale * (static_cast<double>(g[i]) - mean)) : T(0);
  }
}

// alpha-entmax: with w_i = p_i^(2 - alpha) on the support (0 off it),
// dz = scale (w g - (<w, g> / sum w) w). alpha = 2 gives sparsemax, alpha = 1 softmax.
template <typename T>
inline void entmax_backward_row(const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
  const double e = 2.0 - alpha;
  double* w = scratch(0, static_cast<std::size_t>(n));
  double w_sum = 0.0, wg = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double pi = static_cast<double>(p[i]);
    double wi = 0.0;
    if (pi > 0.0) wi = e == 0.5 ? std::sqrt(pi) : e == 0.0 ? 1.0 : e == 1.0 ? pi : std::pow(pi, e);
    w[i] = wi;
    w_sum += wi;
    wg += wi * static_cast<double>(g[i]);
  }
  // An all-masked row has no support: its gradient is 0, not 0/0.
  const double q = w_sum > 0.0 ? wg / w_sum : 0.0;
  for (long long i = 0; i < n; ++i) {
    dz[i] = static_cast<T>(scale * w[i] * (static_cast<double>(g[i]) - q));
  }
}

}  // namespace detail
}  // namespace h4j
