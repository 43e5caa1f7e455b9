// Softmax of scale*z with masking; the alpha = 1 member of the entmax family.
#pragma once
#include <cmath>

#include "row_common.hpp"

namespace h4j {
namespace detail {

template <typename T>
inline int softmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  double* e = scratch(0, static_cast<std::size_t>(n));
  const double m = load_scaled(z, mask, n, scale, e);
  if (m == kNegInf) return zero_row(p, n);
  // Shifting by the max keeps exp from overflowing; exp(-inf) = 0 makes masked entries exactly 0.
  double sum = 0.0;
  for (long long i = 0; i < n; ++i) {
    e[i] = std::exp(e[i] - m);
    sum += e[i];
  }
  for (long long i = 0; i < n; ++i) e[i] /= sum;
  return store_row(e, p, n);
}

}  // namespace detail
}  // namespace h4j
