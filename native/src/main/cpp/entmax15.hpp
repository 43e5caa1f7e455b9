// 1.5-entmax, exact (Peters, Niculae & Martins 2019; the entmax15 threshold of deep-spin/entmax):
// p = [x - tau]_+^2 with x = s/2, s = scale*z, and tau solving sum_{x_i > tau} (x_i - tau)^2 = 1.
// The support is found by randomized-pivot selection, expected O(n) like sparsemax, and tau by the
// closed form over it; the result equals the sort-based closed form to rounding.
#pragma once
#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "row_common.hpp"

namespace h4j {
namespace detail {

// The tau that puts mass 1 on k values with sum s1 and sum of squares s2 (the smaller root of
// sum (x_j - tau)^2 = 1), as deep-spin/entmax computes it.
inline double entmax15_closed_form(long long k, double s1, double s2) {
  const double kd = static_cast<double>(k);
  const double mean = s1 / kd;
  const double mean_sq = s2 / kd;
  const double ss = kd * (mean_sq - mean * mean);
  const double delta = (1.0 - ss) / kd;
  return mean - std::sqrt(delta > 0.0 ? delta : 0.0);
}

// The sort-based threshold over the candidates c[0, k) (sorted in place, descending): tau_j for
// the top j values, the support size is the number of j with tau_j <= x_(j), tau* = tau there.
// Only used when the selection's support fails its consistency check (rounding at a tie).
inline double entmax15_tau_sorted(double* c, long long k) {
  std::sort(c, c + k, std::greater<double>());
  double sum = 0.0, sum_sq = 0.0;
  long long support_size = 0;
  for (long long j = 1; j <= k; ++j) {
    const double xj = c[j - 1];
    sum += xj;
    sum_sq += xj * xj;
    support_size += entmax15_closed_form(j, sum, sum_sq) <= xj;
  }
  // tau at position support_size: the same running sums, recomputed up to there.
  double s = 0.0, s2 = 0.0;
  for (long long j = 0; j < support_size; ++j) {
    s += c[j];
    s2 += c[j] * c[j];
  }
  const double tau_star = entmax15_closed_form(support_size > 0 ? support_size : 1, s, s2);
  return tau_star;
}

// The selection test of 1.5-entmax: f(v) = sum_{x > v} (x - v)^2 decreases in v, and v is in the
// support iff tau < v, i.e. iff the closed-form tau of {x >= v} is <= v (the sort-based test at
// v's last tie).
struct Entmax15Test {
  static constexpr bool kSquares = true;
  static bool passes(double k, double s1, double s2, double v) {
    const double mean = s1 / k;
    const double mean_sq = s2 / k;
    const double ss = k * (mean_sq - mean * mean);
    const double delta = (1.0 - ss) / k;
    return mean - std::sqrt(delta > 0.0 ? delta : 0.0) <= v;
  }
};

template <typename T, bool kMasked>
inline int entmax15_output(const T* z, const unsigned char* mask, T* p, long long n, double factor, double m,
                           double tau) {
  int support = 0;
  for (long long i = 0; i < n; ++i) {
    const double t = (scaled_at(z, kMasked ? mask : nullptr, i, factor) - m) - tau;
    // [t]_+ by the sign bit and the count by the bits of the result: with float compares and
    // selects here GCC 12 does not if-convert (vectorise) the loop.
    const double tp = clamp_nonneg(t);
    const T pi = static_cast<T>(tp * tp);
    p[i] = pi;
    support += nonzero_bits(pi);
  }
  return support;
}

template <typename T>
inline int entmax15_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, RowScratch& ws) {
  const double factor = 0.5 * scale;
  const double m = scaled_max(z, mask, n, factor);
  if (m == kNegInf) return zero_row(p, n);

  // Work relative to the max, x = s/2 - m: the max alone carries (0 - tau)^2 <= 1, so tau >= -1
  // and nothing at or below -1 is in the support: only the candidates above -1 are collected
  // (in index order; c is never reordered). The support is then found by selection, expected
  // linear in the candidates (select_support in row_common.hpp).
  double* c = ws.get(0, static_cast<std::size_t>(n));
  const long long candidates = collect_above(z, mask, n, factor, m, -1.0, c);
  double* a = ws.get(1, static_cast<std::size_t>(candidates));
  double* b = ws.get(2, static_cast<std::size_t>(candidates));
  PivotRandom random(candidates);
  const double smallest = select_support<Entmax15Test>(c, candidates, a, b, random);

  // The support is {x >= smallest accepted pivot}, all candidates. Re-summing it in index order
  // (eight fixed lanes) makes tau independent of the pivot sequence (same input, same bits on
  // every thread), and the closed form over it is tau.
  double l1[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, l2[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  double below_l[8];
  for (int l = 0; l < 8; ++l) below_l[l] = kNegInf;
  long long k = 0, j = 0;
  auto visit = [&](int l, double x) {
    const bool in = x >= smallest;
    const double xi = keep_if(in, x);
    l1[l] += xi;
    l2[l] += xi * xi;
    k += in;
    const double xo = in ? kNegInf : x;
    below_l[l] = xo > below_l[l] ? xo : below_l[l];
  };
  for (; j + 8 <= candidates; j += 8) {
    for (int l = 0; l < 8; ++l) visit(l, c[j + l]);
  }
  for (int l = 0; l < 8; ++l) {
    if (j + l < candidates) visit(l, c[j + l]);
  }
  const double s1 = ((l1[0] + l1[4]) + (l1[1] + l1[5])) + ((l1[2] + l1[6]) + (l1[3] + l1[7]));
  const double s2 = ((l2[0] + l2[4]) + (l2[1] + l2[5])) + ((l2[2] + l2[6]) + (l2[3] + l2[7]));
  double below = below_l[0];
  for (int l = 1; l < 8; ++l) below = below_l[l] > below ? below_l[l] : below;
  double tau = entmax15_closed_form(k, s1, s2);

  // Verify the support as the sorted scan would decide it: tau must pass the support's smallest
  // value and the next value down (with its ties) must fail. This holds in exact arithmetic; if the
  // index-order rounding disagrees with the selection's at a boundary tie, fall back to the sorted
  // scan on a copy of the candidates.
  bool consistent = tau <= smallest;
  if (consistent && below != kNegInf) {
    long long ties = 0;
    for (long long i = 0; i < candidates; ++i) ties += c[i] == below;
    const double bt = static_cast<double>(ties);
    consistent =
        !Entmax15Test::passes(static_cast<double>(k + ties), s1 + bt * below, s2 + bt * (below * below), below);
  }
  if (!consistent) {
    std::copy(c, c + candidates, a);
    tau = entmax15_tau_sorted(a, candidates);
  }
  return mask == nullptr ? entmax15_output<T, false>(z, mask, p, n, factor, m, tau)
                         : entmax15_output<T, true>(z, mask, p, n, factor, m, tau);
}

template <typename T>
inline int entmax15_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  return entmax15_row(z, mask, p, n, scale, thread_scratch());
}

}  // namespace detail
}  // namespace h4j
