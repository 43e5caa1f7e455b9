// The conversions at the edges of the float32 layers (hopfield4j_nn.h): float64 activations and
// parameters rounded to float32, float32 results widened to float64 or added to float64 gradients.
// Native because the JVM's loops convert one value at a time (measured: 0.7 ns per value rounded,
// 1.2 ns widened, against a pass's worth of memory traffic here).
#pragma once
#include <cstdint>
#include <cstring>
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

// Copies x and returns max |x|, or NaN when a value is not finite. The magnitudes are compared as the
// bit patterns of |x| (sign bit cleared): for finite floats the integer order is the numeric order, and
// every infinity or NaN lies at or above 0x7f800000. Integer maxima vectorise; the float comparisons
// with a NaN test did not (measured 3x slower).
H4J_SIMD_CLONES inline double copy_measured(const float* __restrict x, float* __restrict y, long long n) {
  if (n > 0) std::memcpy(y, x, static_cast<std::size_t>(n) * sizeof(float));  // (n = 0 may come with null)
  constexpr int L = 16;
  std::uint32_t m[L] = {};
  long long i = 0;
  for (; i + L <= n; i += L)
    for (int l = 0; l < L; ++l) {
      std::uint32_t bits;
      std::memcpy(&bits, x + i + l, sizeof bits);
      bits &= 0x7fffffffu;
      m[l] = bits > m[l] ? bits : m[l];
    }
  std::uint32_t most = 0;
  for (int l = 0; l < L; ++l) most = m[l] > most ? m[l] : most;
  for (; i < n; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, x + i, sizeof bits);
    bits &= 0x7fffffffu;
    most = bits > most ? bits : most;
  }
  if (most >= 0x7f800000u) return std::numeric_limits<double>::quiet_NaN();
  float magnitude;
  std::memcpy(&magnitude, &most, sizeof magnitude);
  return magnitude;
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
