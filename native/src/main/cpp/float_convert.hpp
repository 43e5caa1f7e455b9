// The conversions at the edges of the float32 layers (hopfield4j_nn.h): float64 activations and
// parameters rounded to float32, float32 results widened to float64 or added to float64 gradients.
// Native because the JVM's loops convert one value at a time (measured: 0.7 ns per value rounded,
// 1.2 ns widened, against a pass's worth of memory traffic here).
#pragma once
#include <limits>

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

// max |x|, or NaN when a value is not finite: x * 0 is NaN exactly for infinities and NaN.
H4J_SIMD_CLONES inline double copy_measured(const float* __restrict x, float* __restrict y, long long n) {
  constexpr int L = 16;
  float m[L] = {}, z[L] = {};
  long long i = 0;
  for (; i + L <= n; i += L)
    for (int l = 0; l < L; ++l) {
      const float v = x[i + l];
      y[i + l] = v;
      const float a = v < 0 ? -v : v;
      m[l] = a > m[l] ? a : m[l];
      z[l] += v * 0.0f;
    }
  float most = 0, zero = 0;
  for (int l = 0; l < L; ++l) {
    most = m[l] > most ? m[l] : most;
    zero += z[l];
  }
  for (; i < n; ++i) {
    const float v = x[i];
    y[i] = v;
    const float a = v < 0 ? -v : v;
    most = a > most ? a : most;
    zero += v * 0.0f;
  }
  return zero == zero ? static_cast<double>(most) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace detail

// y[offset, offset + n) = x[0, n); returns max |x|, or NaN when x holds a non-finite value (the
// association's operands packed and measured in one pass).
inline double copy_measured_f32(const float* x, float* y, long long offset, long long n) {
  return detail::copy_measured(x, y + offset, n);
}

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
