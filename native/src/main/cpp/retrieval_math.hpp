// Small vectorisable row primitives for the retrieval engine: exp without libm (so the compiler can
// vectorise it without -ffast-math), lane-split reductions (a plain `sum += x` loop is not
// vectorised under strict IEEE semantics), row scaling and axpy.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "exp_f32.hpp"
#include "simd_dispatch.hpp"

namespace h4j {
namespace detail {
namespace ret {

// Lanes for the split reductions: one 512-bit vector (or two 256-bit ones) of T.
template <typename T>
constexpr int kLanes = 64 / static_cast<int>(sizeof(T));

// exp(x), branch-free, Cody-Waite range reduction + the Cephes polynomials (about 1 ulp). Inputs
// below the smallest normal result give exactly 0 (no subnormals); inputs above ~88 (float) or ~709
// (double) are clamped, which never happens here (every argument is a score minus a running max).
inline float exp_lane(float x) {
  const float hi = 88.0f, lo = -87.33654f;
  float xc = x < hi ? x : hi;
  xc = xc > lo ? xc : lo;
  float kf = xc * 1.44269504088896341f + kExpShifterF32;
  std::uint32_t ki;
  std::memcpy(&ki, &kf, sizeof ki);
  kf -= kExpShifterF32;
  const float p = exp_reduced_f32(xc, kf);
  const std::uint32_t bits = (ki << 23) + (127u << 23);
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  const float y = p * scale;
  return x < lo ? 0.0f : y;
}

inline double exp_lane(double x) {
  const double hi = 709.0, lo = -708.39;
  double xc = x < hi ? x : hi;
  xc = xc > lo ? xc : lo;
  const double shifter = 6755399441055744.0;  // 0x1.8p52
  double kd = xc * 1.4426950408889634 + shifter;
  std::uint64_t ki;
  std::memcpy(&ki, &kd, sizeof ki);
  kd -= shifter;
  double r = xc - kd * 6.93145751953125e-1;
  r = r - kd * 1.42860682030941723212e-6;
  const double xx = r * r;
  const double px = r * ((1.26177193074810590878e-4 * xx + 3.02994407707441961300e-2) * xx + 9.99999999999999999910e-1);
  const double qx =
      ((3.00198505138664455042e-6 * xx + 2.52448340349684104192e-3) * xx + 2.27265548208155028766e-1) * xx +
      2.00000000000000000009e0;
  const double e = 1.0 + 2.0 * px / (qx - px);
  const std::uint64_t bits = (ki << 52) + (1023ull << 52);
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  const double y = e * scale;
  return x < lo ? 0.0 : y;
}

template <typename T>
H4J_SIMD_CLONES inline T row_max(const T* s, long long n) {
  constexpr int L = kLanes<T>;
  T m = -std::numeric_limits<T>::infinity();
  long long j = 0;
  if (n >= L) {
    T acc[L];
    for (int l = 0; l < L; ++l) acc[l] = s[l];
    for (j = L; j + L <= n; j += L)
      for (int l = 0; l < L; ++l) acc[l] = s[j + l] > acc[l] ? s[j + l] : acc[l];
    for (int l = 0; l < L; ++l) m = acc[l] > m ? acc[l] : m;
  }
  for (; j < n; ++j) m = s[j] > m ? s[j] : m;
  return m;
}

template <typename T>
H4J_SIMD_CLONES inline double row_sum(const T* s, long long n) {
  constexpr int L = kLanes<T>;
  T acc[L] = {};
  long long j = 0;
  for (; j + L <= n; j += L)
    for (int l = 0; l < L; ++l) acc[l] += s[j + l];
  double sum = 0.0;
  for (int l = 0; l < L; ++l) sum += static_cast<double>(acc[l]);
  for (; j < n; ++j) sum += static_cast<double>(s[j]);
  return sum;
}

// s[j] <- exp(beta * s[j] - c) in place (the shift c is at least the largest beta * s[j]); returns the
// sum. The argument is formed in double so a large beta * s loses nothing before the subtraction.
template <typename T>
H4J_SIMD_CLONES inline double exp_shifted_row(T* s, long long n, double beta, double c) {
  for (long long j = 0; j < n; ++j) s[j] = exp_lane(static_cast<T>(beta * static_cast<double>(s[j]) - c));
  return row_sum(s, n);
}

template <typename T>
H4J_SIMD_CLONES inline void scale_row(T* y, long long n, T f) {
  for (long long j = 0; j < n; ++j) y[j] *= f;
}

template <typename T>
H4J_SIMD_CLONES inline void axpy_row(T a, const T* x, T* y, long long n) {
  for (long long j = 0; j < n; ++j) y[j] += a * x[j];
}

// sum of term(j) over j < n with kLanes<double> lane-split double accumulators, always added in the
// same order (the lanes, then the tail): vectorised under strict IEEE semantics, and deterministic.
template <typename Term>
inline double lane_sum(long long n, Term term) {
  constexpr int L = kLanes<double>;
  double acc[L] = {};
  long long j = 0;
  for (; j + L <= n; j += L)
    for (int l = 0; l < L; ++l) acc[l] += term(j + l);
  double sum = 0.0;
  for (int l = 0; l < L; ++l) sum += acc[l];
  for (; j < n; ++j) sum += term(j);
  return sum;
}

template <typename T>
H4J_SIMD_CLONES inline double sq_norm(const T* x, long long n) {
  return lane_sum(n, [x](long long j) {
    const double v = static_cast<double>(x[j]);
    return v * v;
  });
}

template <typename T>
H4J_SIMD_CLONES inline double sq_dist(const T* x, const T* y, long long n) {
  return lane_sum(n, [x, y](long long j) {
    const double v = static_cast<double>(x[j]) - static_cast<double>(y[j]);
    return v * v;
  });
}

// sum |x - y| in T with lane-split accumulators (the Manhattan similarity's inner loop).
template <typename T>
H4J_SIMD_CLONES inline T l1_dist(const T* x, const T* y, long long n) {
  constexpr int L = kLanes<T>;
  T acc[L] = {};
  long long j = 0;
  for (; j + L <= n; j += L)
    for (int l = 0; l < L; ++l) {
      const T v = x[j + l] - y[j + l];
      acc[l] += v < T(0) ? -v : v;
    }
  T sum = T(0);
  for (int l = 0; l < L; ++l) sum += acc[l];
  for (; j < n; ++j) {
    const T v = x[j] - y[j];
    sum += v < T(0) ? -v : v;
  }
  return sum;
}

// t^n for t in [0, 1]: repeated squaring when n is a small integer (the usual poly-n), pow otherwise.
inline double pow_unit(double t, double n, int n_int) {
  if (n_int < 0) return std::pow(t, n);
  double r = 1.0, b = t;
  for (int e = n_int; e != 0; e >>= 1) {
    if (e & 1) r *= b;
    b *= b;
  }
  return r;
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
