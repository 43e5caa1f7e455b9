// Sparsemax (Martins & Astudillo 2016): p = [s - tau]_+, the Euclidean projection of s = scale*z
// onto the simplex. The threshold comes from the randomized-pivot selection of Duchi et al. (2008,
// fig. 2), expected O(n), instead of an O(n log n) sort.
#pragma once
#include <cstdint>
#include <utility>

#include "row_common.hpp"

namespace h4j {
namespace detail {

// The selection test of sparsemax: v is in the support iff sum over {x >= v} of (x - v) < 1.
struct SparsemaxTest {
  static constexpr bool kSquares = false;
  static bool passes(double k, double s1, double, double v) { return s1 - k * v < 1.0; }
};

template <typename T, bool kMasked>
inline int sparsemax_output(const T* z, const unsigned char* mask, T* p, long long n, double scale, double m,
                            double tau) {
  int support = 0;
  for (long long i = 0; i < n; ++i) {
    const double v = (scaled_at(z, kMasked ? mask : nullptr, i, scale) - m) - tau;
    // Convert first, select in T, count the same test: GCC if-converts (and vectorises) only
    // that form of the clamp.
    const T vt = static_cast<T>(v);
    const bool positive = vt > T(0);
    p[i] = positive ? vt : T(0);
    support += positive;
  }
  return support;
}

template <typename T>
inline int sparsemax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, RowScratch& ws) {
  const double m = scaled_max(z, mask, n, scale);
  if (m == kNegInf) return zero_row(p, n);

  // Work relative to the max, u = s - m: the support then lies in (-1, 0], so the sums below add
  // O(1) numbers and stay exact to rounding even when the scores are 1e30. The max alone already
  // carries mass -tau <= 1, so an entry at or below max - 1 can never be in the support: only the
  // candidates above it are collected (in index order; c is never reordered).
  double* c = ws.get(0, static_cast<std::size_t>(n));
  const long long candidates = collect_above(z, mask, n, scale, m, -1.0, c);
  double* a = ws.get(1, static_cast<std::size_t>(candidates));
  double* b = ws.get(2, static_cast<std::size_t>(candidates));
  PivotRandom random(candidates);
  const double smallest = select_support<SparsemaxTest>(c, candidates, a, b, random);

  // The support is {u >= smallest accepted pivot}; every such u is a candidate. Re-summing it in
  // index order (eight fixed lanes) makes tau independent of the pivot sequence: same input, same
  // bits, on every thread and every run.
  double lanes[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  long long support_count = 0, j = 0;
  auto visit = [&](int l, double x) {
    const bool in = x >= smallest;
    lanes[l] += keep_if(in, x);
    support_count += in;
  };
  for (; j + 8 <= candidates; j += 8) {
    for (int l = 0; l < 8; ++l) visit(l, c[j + l]);
  }
  for (int l = 0; l < 8; ++l) {
    if (j + l < candidates) visit(l, c[j + l]);
  }
  const double support_sum =
      ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]));
  const double tau = (support_sum - 1.0) / static_cast<double>(support_count);
  return mask == nullptr ? sparsemax_output<T, false>(z, mask, p, n, scale, m, tau)
                         : sparsemax_output<T, true>(z, mask, p, n, scale, m, tau);
}

template <typename T>
inline int sparsemax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  return sparsemax_row(z, mask, p, n, scale, thread_scratch());
}

}  // namespace detail
}  // namespace h4j
