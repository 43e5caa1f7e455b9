// Sparsemax (Martins & Astudillo 2016): p = [s - tau]_+, the Euclidean projection of s = scale*z
// onto the simplex. The threshold comes from the randomized-pivot selection of Duchi et al. (2008,
// fig. 2), expected O(n), instead of an O(n log n) sort.
#pragma once
#include <cstdint>
#include <utility>

#include "row_common.hpp"

namespace h4j {
namespace detail {

// xorshift64*: the pivot only has to be unpredictable to the data, not to an adversary, and the
// result does not depend on the pivots chosen (tau is recomputed in index order at the end).
inline std::uint64_t pivot_random() {
  thread_local std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545F4914F6CDD1DULL;
}

template <typename T>
inline int sparsemax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  double* u = scratch(0, static_cast<std::size_t>(n));
  const double m = load_scaled(z, mask, n, scale, u);
  if (m == kNegInf) return zero_row(p, n);

  // Work relative to the max: the support then lies in (-1, 0], so the sums below add O(1) numbers
  // and stay exact to rounding even when the scores are 1e30. The max alone already carries mass
  // -tau <= 1, so an entry at or below max - 1 can never be in the support: drop it up front.
  double* c = scratch(1, static_cast<std::size_t>(n));
  long long candidates = 0;
  for (long long i = 0; i < n; ++i) {
    u[i] -= m;
    if (u[i] > -1.0) c[candidates++] = u[i];
  }

  // A value v belongs to the support iff sum over {u_j >= v} of (u_j - v) < 1. Each round takes a
  // random pivot v from the undecided set c[lo, hi), partitions it into > v | (== v dropped) | < v,
  // and either accepts everything >= v (recurse below) or rejects v with its ties (recurse above).
  // Ties pass or fail together, so dropping them keeps the rounds linear on all-equal rows.
  double accepted_sum = 0.0;
  long long accepted_count = 0;
  double smallest_accepted = 0.0;
  long long lo = 0, hi = candidates;
  while (lo < hi) {
    const double v = c[lo + static_cast<long long>(pivot_random() % static_cast<std::uint64_t>(hi - lo))];
    long long greater_end = lo;
    double greater_sum = 0.0;
    for (long long j = lo; j < hi; ++j) {
      if (c[j] > v) {
        std::swap(c[greater_end], c[j]);
        greater_sum += c[greater_end];
        ++greater_end;
      }
    }
    long long less_end = greater_end, ties = 0;
    for (long long j = greater_end; j < hi; ++j) {
      if (c[j] < v) c[less_end++] = c[j];
      else ++ties;
    }
    const long long count = accepted_count + (greater_end - lo) + ties;
    const double sum = accepted_sum + greater_sum + static_cast<double>(ties) * v;
    if (sum - static_cast<double>(count) * v < 1.0) {
      accepted_sum = sum;
      accepted_count = count;
      smallest_accepted = v;
      lo = greater_end;
      hi = less_end;
    } else {
      hi = greater_end;
    }
  }

  // The support is {u >= smallest accepted pivot}. Re-summing it in index order makes tau
  // independent of the pivot sequence: same input, same bits, on every thread and every run.
  double support_sum = 0.0;
  long long support_count = 0;
  for (long long i = 0; i < n; ++i) {
    const bool in = u[i] >= smallest_accepted;
    support_sum += in ? u[i] : 0.0;
    support_count += in;
  }
  const double tau = (support_sum - 1.0) / static_cast<double>(support_count);
  for (long long i = 0; i < n; ++i) {
    const double v = u[i] - tau;
    u[i] = v > 0.0 ? v : 0.0;
  }
  return store_row(u, p, n);
}

}  // namespace detail
}  // namespace h4j
