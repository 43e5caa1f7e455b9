// alpha-entmax for any alpha > 1 (Peters et al. 2019): p_i = [(alpha-1) s_i - tau]_+^(1/(alpha-1)),
// sum p = 1, s = scale*z. tau is found by Newton's method safeguarded by bisection on a bracket
// (rtsafe), then re-solved relative to the support's smallest entry to full relative precision,
// and p is renormalised.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>

#include "entmax15.hpp"
#include "row_common.hpp"
#include "softmax.hpp"
#include "sparsemax.hpp"

namespace h4j {
namespace detail {

// t^d for t > 0. alpha = 2 (d = 1) and alpha = 1.5 (d = 2) are the common cases and need no pow;
// the branch is loop-invariant, so the compiler hoists it.
inline double tsallis_pow(double t, double d) {
  if (d == 1.0) return t;
  if (d == 2.0) return t * t;
  return std::pow(t, d);
}

// The root finder itself, for any alpha > 1 (also 1.5 and 2, where the checks compare it with the
// closed forms); entmax_row below routes those two to their exact selection kernels instead.
template <typename T>
inline int entmax_root_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha,
                           RowScratch& ws) {
  const double am1 = alpha - 1.0;
  const double d = 1.0 / am1;
  double* x = ws.get(0, static_cast<std::size_t>(n));
  double m = kNegInf;
  for (long long i = 0; i < n; ++i) {
    const double v = scaled_at(z, mask, i, scale);
    x[i] = v;
    m = v > m ? v : m;
  }
  if (m == kNegInf) return zero_row(p, n);

  // The map acts on (alpha-1)(s - shift) - tau with shift = max s first and later the support's
  // smallest entry: subtracting in s before multiplying keeps the gaps between nearby scores exact
  // (Sterbenz), and the root depends on those gaps. With shift = max the max alone carries
  // (-tau)^d <= 1, so tau >= -1 and entries with (alpha-1)(s - max) <= -1 never enter the support;
  // n equal live entries give the largest tau, -(1/n)^(alpha-1).
  double* c = ws.get(1, static_cast<std::size_t>(n));
  long long candidates = 0, live = 0;
  for (long long i = 0; i < n; ++i) {
    live += x[i] != kNegInf;
    if (am1 * (x[i] - m) > -1.0) c[candidates++] = x[i];
  }

  // Solves f(tau) = sum_j ((alpha-1)(c_j - shift) - tau)_+^d - 1 = 0 on [lo, hi] (f decreasing,
  // f(lo) >= 0 >= f(hi)); lo, hi and tau are in the shifted coordinates, lo and hi are updated in
  // place. Newton converges
  // monotonically from the side where f is convex (d >= 1: from the left) or concave on its support
  // (d < 1: from the right); whenever a step leaves the bracket or fails to halve the step before
  // last, it bisects instead. Candidates at or below lo can never count again (lo only grows), so
  // each evaluation compacts them away and the work shrinks with the bracket.
  const double eps = std::numeric_limits<double>::epsilon();
  auto solve = [&](double shift, double& lo, double& hi, double tau) {
    double step = hi - lo, step_before = step;
    for (int iter = 0; iter < 200 && lo < hi; ++iter) {
      double sum = 0.0, sum_deriv = 0.0;
      long long kept = 0;
      for (long long j = 0; j < candidates; ++j) {
        const double cj = c[j];
        const double xj = am1 * (cj - shift);
        if (xj <= lo) continue;
        c[kept++] = cj;
        const double t = xj - tau;
        if (t > 0.0) {
          const double pw = tsallis_pow(t, d);
          sum += pw;
          sum_deriv += pw / t;
        }
      }
      candidates = kept;
      const double f = sum - 1.0, df = -d * sum_deriv;
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
      if (std::fabs(step) <= 2.0 * eps * std::fabs(tau) || !(tau > lo && tau < hi)) break;
    }
    return tau;
  };

  double lo = -1.0;
  double hi = std::max(lo, -std::pow(1.0 / static_cast<double>(live), am1));
  double tau = solve(m, lo, hi, d >= 1.0 ? lo : hi);

  // tau is now right to an ulp of itself, but the smallest support entry a has t = x_a - tau, which
  // for large alpha is often 1e-12 or far less while still carrying visible mass (t^(1/9) at
  // alpha = 10). Re-solving with shift = s_a (the smallest candidate above lo) gives that t full
  // relative precision.
  double anchor = m;
  for (long long j = 0; j < candidates; ++j) {
    if (am1 * (c[j] - m) > lo && c[j] < anchor) anchor = c[j];
  }
  // The offset is rounded to a double before it shifts the bracket (volatile forbids fusing it into
  // lo - am1 * (anchor - m)): with FMA contraction (-march=native) the bracket would move by the exact
  // product while every candidate moves by rounded ones, and the root lands up to half an ulp of lo
  // away - at alpha = 10 a 4e-9 error in p instead of 1e-13 (found by kernels_check at -O3).
  const volatile double rounded_offset = am1 * (anchor - m);
  const double offset = rounded_offset;
  lo -= offset;
  hi -= offset;
  tau = solve(anchor, lo, hi, tau - offset);

  double* q = c;  // the candidates are no longer needed
  double sum = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double t = am1 * (x[i] - anchor) - tau;
    q[i] = t > 0.0 ? tsallis_pow(t, d) : 0.0;
    sum += q[i];
  }
  if (!(sum > 0.0)) {
    // Only when (1/n)^(alpha-1) underflows (alpha in the hundreds, many near-tied entries): the
    // limit is then uniform over the entries equal to the max.
    sum = 0.0;
    for (long long i = 0; i < n; ++i) {
      q[i] = x[i] == m ? 1.0 : 0.0;
      sum += q[i];
    }
  }
  return write_normalized(q, sum, p, n);
}

// alpha-entmax of one row: the closed-form kernels where the family has one, else the root finder.
template <typename T>
inline int entmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha,
                      RowScratch& ws) {
  // alpha -> 1 is softmax; Java rejects alpha <= 1, this only keeps the kernel total.
  if (!(alpha > 1.0)) return softmax_row(z, mask, p, n, scale, ws);
  // The two closed-form members of the family: exact expected-linear selection, no root finding.
  if (alpha == 2.0) return sparsemax_row(z, mask, p, n, scale, ws);
  if (alpha == 1.5) return entmax15_row(z, mask, p, n, scale, ws);
  return entmax_root_row(z, mask, p, n, scale, alpha, ws);
}

template <typename T>
inline int entmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha) {
  return entmax_row(z, mask, p, n, scale, alpha, thread_scratch());
}

}  // namespace detail
}  // namespace h4j
