// alpha-entmax for any alpha > 1 (Peters et al. 2019): p_i = [(alpha-1) s_i - tau]_+^(1/(alpha-1)),
// sum p = 1, s = scale*z. tau is found by Newton's method safeguarded by bisection on a bracket
// (rtsafe), then polished by Newton on the identified support and the result renormalised.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>

#include "row_common.hpp"
#include "softmax.hpp"

namespace h4j {
namespace detail {

// t^d for t > 0. alpha = 2 (d = 1) and alpha = 1.5 (d = 2) are the common cases and need no pow;
// the branch is loop-invariant, so the compiler hoists it.
inline double tsallis_pow(double t, double d) {
  if (d == 1.0) return t;
  if (d == 2.0) return t * t;
  return std::pow(t, d);
}

template <typename T>
inline int entmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha) {
  // alpha -> 1 is softmax; Java rejects alpha <= 1, this only keeps the kernel total.
  if (!(alpha > 1.0)) return softmax_row(z, mask, p, n, scale);
  const double am1 = alpha - 1.0;
  const double d = 1.0 / am1;
  double* x = scratch(0, static_cast<std::size_t>(n));
  const double m = load_scaled(z, mask, n, am1 * scale, x);
  if (m == kNegInf) return zero_row(p, n);

  // With max x = 0 the max alone carries (-tau)^d <= 1, so tau >= -1 and entries at or below -1
  // never enter the support. n equal live entries give the largest tau, -(1/n)^(alpha-1).
  double* c = scratch(1, static_cast<std::size_t>(n));
  long long candidates = 0, live = 0;
  for (long long i = 0; i < n; ++i) {
    x[i] -= m;
    live += x[i] != kNegInf;
    if (x[i] > -1.0) c[candidates++] = x[i];
  }
  double lo = -1.0;
  double hi = std::max(lo, -std::pow(1.0 / static_cast<double>(live), am1));

  // f(tau) = sum (c_j - tau)_+^d - 1 is decreasing. Since lo only grows, candidates at or below lo
  // are dead for good: each evaluation compacts them away, so the work shrinks with the bracket.
  auto evaluate = [&](double tau, double& f, double& df) {
    double sum = 0.0, sum_deriv = 0.0;
    long long kept = 0;
    for (long long j = 0; j < candidates; ++j) {
      const double cj = c[j];
      if (cj <= lo) continue;
      c[kept++] = cj;
      const double t = cj - tau;
      if (t > 0.0) {
        const double pw = tsallis_pow(t, d);
        sum += pw;
        sum_deriv += pw / t;
      }
    }
    candidates = kept;
    f = sum - 1.0;
    df = -d * sum_deriv;
  };

  // Newton converges monotonically from the side where f is convex (d >= 1: from the left) or
  // concave on the support (d < 1: from the right), so start there; bisect whenever a Newton step
  // leaves the bracket or fails to halve the step before last.
  const double eps = std::numeric_limits<double>::epsilon();
  double tau = d >= 1.0 ? lo : hi;
  double step = hi - lo, step_before = step;
  for (int iter = 0; iter < 200 && lo < hi; ++iter) {
    double f, df;
    evaluate(tau, f, df);
    if (f == 0.0) break;
    if (f > 0.0) lo = tau;
    else hi = tau;
    double next = tau - f / df;
    if (!(next > lo && next < hi) || std::fabs(2.0 * f) > std::fabs(step_before * df)) {
      next = lo + 0.5 * (hi - lo);
    }
    step_before = step;
    step = next - tau;
    tau = next;
    if (std::fabs(step) <= 4.0 * eps * std::fabs(tau) || !(tau > lo && tau < hi)) break;
  }

  // Polish: on a fixed support f is smooth, so a couple of plain Newton steps take tau to the last
  // bit the double sums allow; stop when the step stops shrinking (rounding noise) or leaves the
  // bracket (the support would change).
  double last_step = std::numeric_limits<double>::infinity();
  for (int iter = 0; iter < 8; ++iter) {
    double f, df;
    evaluate(tau, f, df);
    if (f == 0.0 || df == 0.0) break;
    const double next = tau - f / df;
    const double s = std::fabs(next - tau);
    if (!(next >= lo && next <= hi) || !(s < last_step)) break;
    last_step = s;
    tau = next;
    if (s <= eps * std::fabs(tau)) break;
  }

  double* q = c;  // the candidates are no longer needed
  double sum = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double t = x[i] - tau;
    q[i] = t > 0.0 ? tsallis_pow(t, d) : 0.0;
    sum += q[i];
  }
  if (!(sum > 0.0)) {
    // Only when (1/n)^(alpha-1) underflows (alpha in the hundreds, many near-tied entries): the
    // limit is then uniform over the entries equal to the max.
    sum = 0.0;
    for (long long i = 0; i < n; ++i) {
      q[i] = x[i] == 0.0 ? 1.0 : 0.0;
      sum += q[i];
    }
  }
  // Renormalising removes the last rounding of the root from the sum; it moves p by ~1 ulp.
  for (long long i = 0; i < n; ++i) q[i] /= sum;
  return store_row(q, p, n);
}

}  // namespace detail
}  // namespace h4j
