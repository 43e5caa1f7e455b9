// The conversions at the edges of the float32 layers (hopfield4j_nn.h): float64 activations and
// parameters rounded to float32, float32 results widened to float64 or added to float64 gradients.
// Native because the JVM's loops convert one value at a time (measured: 0.7 ns per value rounded,
// 1.2 ns widened, against a pass's worth of memory traffic here).
#pragma once
#include "hopfield4j_nn.h"
#include "simd_dispatch.hpp"

namespace h4j {
namespace detail {

H4J_SIMD_CLONES inline void round_values(const double* x, float* y, long long n) {
  for (long long i = 0; i < n; ++i) y[i] = static_cast<float>(x[i]);
}

H4J_SIMD_CLONES inline void widen_values(const float* x, double* y, long long n) {
  for (long long i = 0; i < n; ++i) y[i] = static_cast<double>(x[i]);
}

H4J_SIMD_CLONES inline void add_widened(const float* x, double* y, long long n) {
  for (long long i = 0; i < n; ++i) y[i] += static_cast<double>(x[i]);
}

}  // namespace detail

inline void round_to_f32(const double* x, float* y, long long n) { detail::round_values(x, y, n); }

// y = x, or y += x when accumulate != 0.
inline void widen_to_f64(const float* x, double* y, long long n, int accumulate) {
  if (accumulate) {
    detail::add_widened(x, y, n);
  } else {
    detail::widen_values(x, y, n);
  }
}

}  // namespace h4j
