// alpha-normmax, as deep-spin/entmax defines it (normmax_bisect in entmax/root_finding.py) and as
// Santos, Niculae, McNamee & Martins (ICML 2024, "Sparse and Structured Hopfield Networks") use it
// as a Hopfield map (their "alpha-normmax", alpha = 2 and 5 in their experiments):
//   normmax_alpha(s) = argmax over the simplex of <s, p> - ||p||_alpha,   s = scale * z, alpha > 1.
// Its optimality conditions give, with r = alpha / (alpha - 1),
//   p_i = [s_i - tau]_+^(1/(alpha-1)) / Z,   tau the root of  sum_i [s_i - tau]_+^r = 1,
//   Z = sum_i [s_i - tau]_+^(1/(alpha-1)) = 1 / ||p||_alpha.
// The max entry alone has [s_max - tau]^r <= 1, so tau >= s_max - 1: an entry with s_i <= s_max - 1
// is never in the support, whatever alpha (the candidate window is 1 in s, 1/beta in score units).
//
// Forward. [s - tau]_+^r with sum 1 is exactly alpha'-entmax of r*s for alpha' = 2 - 1/alpha (its
// (alpha'-1) r s - tau = s - tau, its exponent 1/(alpha'-1) = r): same tau, same support. So the
// kernel runs entmax_row at alpha' (the exact selection kernel of 1.5-entmax for the common
// alpha = 2, the safeguarded Newton/bisection root finder otherwise) and raises its output to
// 1/alpha = 2 - alpha', then renormalises. One root finder in the library, not two.
//
// Conjugate (for the energy E(x) = 1/2 <x, x> - (1/beta) Psi*(beta s(x))): with Santos et al.'s
// norm entropy, Omega(p) = ||p||_alpha - 1, Psi*(z) = max_p <z, p> - Omega(p) = tau + 1: on the
// support <z, p> = tau + sum p_i t_i = tau + 1/Z and ||p||_alpha = 1/Z cancel. Its gradient is p.
//
// Backward (VJP). Differentiating the root equation gives dtau = <p, ds>; then with
// b_i = p_i^(2-alpha) on the support (0 off it),
//   ds = ||p||_alpha^(alpha-1) / (alpha-1) * (b (g - <g, p>) - (<b, g> - <g, p> sum b) p),
// deep-spin's NormmaxBisectFunction.backward written out.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "entmax_bisect.hpp"
#include "row_common.hpp"

namespace h4j {
namespace detail {

// The alpha' of the entmax whose output normmax is a power of; in (1, 2) for alpha > 1.
inline double normmax_entmax_alpha(double alpha) { return 2.0 - 1.0 / alpha; }

// x^e for x > 0; e = 0.5 (alpha = 2, the default) needs no pow.
inline double normmax_pow(double x, double e) {
  if (e == 0.5) return std::sqrt(x);
  if (e == 0.0) return 1.0;
  if (e == 2.0) return x * x;
  return std::pow(x, e);
}

template <typename T>
inline int normmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha,
                       RowScratch& ws) {
  const double m = scaled_max(z, mask, n, scale);
  if (m == kNegInf) return zero_row(p, n);
  const double ea = normmax_entmax_alpha(alpha);
  // x_i = s_i - m <= 0, masked entries -inf. Shifting first keeps r * x from overflowing for any finite
  // s (an x below about -DBL_MAX/r becomes -inf, i.e. masked, and it is far outside the window anyway);
  // near the max the subtraction is exact (Sterbenz), so the gaps that decide tau are kept.
  // Slot 3: entmax_row uses slots 0-2 and may work in place.
  double* q = ws.get(3, static_cast<std::size_t>(n));
  for (long long i = 0; i < n; ++i) q[i] = scaled_at(z, mask, i, scale) - m;
  entmax_row<double>(q, nullptr, q, n, 1.0 / (ea - 1.0), ea, ws);
  // q = [x - tau]_+^r; p = q^(1/alpha) normalised. 2 - ea is exact (Sterbenz), so the exponent is
  // the one that matches the r the root finder used: the result is normmax at 1/(2 - ea), which is
  // alpha to a rounding of 1/alpha.
  // An entry exactly at the window's edge (x = -1, common with integer scores) has p = 0 exactly
  // (tau >= -1), but the root finder sees it as x * (1/(alpha'-1)) * (alpha'-1), which may round to
  // just above -1 and give it t ~ 1e-16: harmless in q (t^r), yet its p ~ t^(1/(alpha-1)) is 0.96
  // at alpha = 1000. Its mass in tau is ~t^r, far below a rounding, so zeroing it here is exact.
  const double e = 2.0 - ea;
  double sum = 0.0;
  for (long long i = 0; i < n; ++i) {
    const bool inside = scaled_at(z, mask, i, scale) - m > -1.0;
    const double v = q[i] > 0.0 && inside ? normmax_pow(q[i], e) : 0.0;
    q[i] = v;
    sum += v;
  }
  return write_normalized(q, sum, p, n);
}

template <typename T>
inline int normmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha) {
  return normmax_row(z, mask, p, n, scale, alpha, thread_scratch());
}

// The backward above, scaled by scale (dz = scale * J(scale z)^T g) and written relative to
// p_max: with u = p / p_max, c = u^(2-alpha) and S = sum u^alpha (>= 1),
//   ||p||^(alpha-1) b = p_max S^((alpha-1)/alpha) c.
// p^(2-alpha) alone overflows for large alpha (0.3^-998), c does not: on the support u^(alpha-1) =
// t_i / t_max, which rounding keeps above ~1e-16, so c <= 1e16. dz may alias g.
template <typename T>
inline void normmax_backward_row(const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
  double pmax = 0.0;
  for (long long i = 0; i < n; ++i) pmax = std::max(pmax, static_cast<double>(p[i]));
  if (!(pmax > 0.0)) {  // an all-masked row: no support, zero gradient
    for (long long i = 0; i < n; ++i) dz[i] = T(0);
    return;
  }
  double* c = scratch(0, static_cast<std::size_t>(n));
  double gp = 0.0, c_sum = 0.0, cg = 0.0, s = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double pi = static_cast<double>(p[i]), gi = static_cast<double>(g[i]);
    double ci = 0.0;
    if (pi > 0.0) {
      const double u = pi / pmax;
      ci = normmax_pow(u, 2.0 - alpha);
      if (ci > 0.0) s += u * u / ci;  // u^alpha (0 if c underflowed: u^alpha is smaller still)
    }
    c[i] = ci;
    gp += pi * gi;
    c_sum += ci;
    cg += ci * gi;
  }
  const double factor = scale * pmax * std::pow(s, (alpha - 1.0) / alpha) / (alpha - 1.0);
  const double shift = cg - gp * c_sum;
  for (long long i = 0; i < n; ++i) {
    const double gi = static_cast<double>(g[i]), pi = static_cast<double>(p[i]);
    dz[i] = static_cast<T>(factor * (c[i] * (gi - gp) - shift * pi));
  }
}

// Psi*(z) = tau + 1 of the normmax output p (n entries, zeros allowed) of z with largest entry zmax:
// t_max = zmax - tau = (p_max / ||p||_alpha)^(alpha-1) = S^(-(alpha-1)/alpha), S = sum (p / p_max)^alpha.
// A one-hot p gives zmax; an all-zero p (nothing live) gives NaN.
inline double normmax_conjugate(const double* p, long long n, double zmax, double alpha) {
  double pmax = 0.0;
  for (long long i = 0; i < n; ++i) pmax = std::max(pmax, p[i]);
  if (!(pmax > 0.0)) return std::nan("");
  double s = 0.0;
  for (long long i = 0; i < n; ++i)
    if (p[i] > 0.0) s += normmax_pow(p[i] / pmax, alpha);
  return zmax + 1.0 - std::pow(s, -(alpha - 1.0) / alpha);
}

// What the dispatch table needs of a map (see the ops structs of the entmax family): the row
// kernels, and for retrieval on candidates the window (scores at or below max - 1/beta are never in
// the support: tau >= s_max - 1 in s = beta * score, whatever alpha) and Psi*.
struct NormmaxOps {
  static constexpr bool kOnlineSoftmax = false;
  template <typename T>
  static int forward(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha,
                     RowScratch& ws) {
    return normmax_row(z, mask, p, n, scale, alpha, ws);
  }
  template <typename T>
  static void backward(const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
    normmax_backward_row(p, g, dz, n, scale, alpha);
  }
  static double window(double beta, double) { return 1.0 / beta; }
  static double support_window(double beta, double alpha, double) { return window(beta, alpha); }  // not tightened
  template <typename Score>
  static double psi(const Score*, const double* p, long long k, double smax, double beta, double alpha) {
    return normmax_conjugate(p, k, beta * smax, alpha);
  }
};

}  // namespace detail
}  // namespace h4j
