// Shared row plumbing for the separation-map kernels: per-thread scratch and the masked, scaled
// double copy of a row that every forward map starts from.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace h4j {
namespace detail {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Scratch owned by the calling thread, grown on demand and reused across rows and calls: the hot
// loops never allocate, and concurrent calls from many Java threads share nothing mutable.
// Slots are independent buffers so one kernel can hold several at once.
inline double* scratch(int slot, std::size_t n) {
  thread_local std::vector<double> buffers[3];
  std::vector<double>& b = buffers[slot];
  if (b.size() < n) b.resize(n);
  return b.data();
}

// Copies factor*z into s in double and returns the largest live value (-inf when the whole row is
// masked). Working on a copy is what allows p to alias z; doing it in double keeps a float score
// times a large beta representable. Masked entries and -inf scores both become -inf, so every
// algorithm below only has to handle one kind of "absent" entry.
template <typename T>
inline double load_scaled(const T* z, const unsigned char* mask, long long n, double factor, double* s) {
  double m = kNegInf;
  for (long long i = 0; i < n; ++i) {
    const double zi = static_cast<double>(z[i]);
    const bool live = (mask == nullptr || mask[i] != 0) && zi != kNegInf;
    const double v = live ? factor * zi : kNegInf;
    s[i] = v;
    m = v > m ? v : m;
  }
  return m;
}

// Writes the double probabilities in the output precision and counts what survived the rounding,
// so `support` always agrees with the array the caller sees.
template <typename T>
inline int store_row(const double* q, T* p, long long n) {
  int support = 0;
  for (long long i = 0; i < n; ++i) {
    const T v = static_cast<T>(q[i]);
    p[i] = v;
    support += v > T(0);
  }
  return support;
}

template <typename T>
inline int zero_row(T* p, long long n) {
  for (long long i = 0; i < n; ++i) p[i] = T(0);
  return 0;
}

}  // namespace detail
}  // namespace h4j
