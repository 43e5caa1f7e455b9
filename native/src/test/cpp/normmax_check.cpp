// Standalone check of alpha-normmax (normmax.hpp): forward against a long-double bisection and a
// sort-based closed form (alpha = 2), deep-spin/entmax's published values, limits, ties, magnitudes,
// -inf and masks, n = 1; the backward against finite differences and against deep-spin's formula
// evaluated in long double; the conjugate Psi* = tau + 1 against the reference tau, its gradient (= p)
// and the Fenchel-Young inequality. Exits non-zero on any failure. See README.md in this directory.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "check_common.h"
#include "normmax.hpp"

namespace {

const double kInf = std::numeric_limits<double>::infinity();
const double kEps = std::numeric_limits<double>::epsilon();

bool live(const double* z, const unsigned char* mask, long long i) {
  return (mask == nullptr || mask[i] != 0) && z[i] != -kInf;
}

// ---- reference: bisection on tau in long double -----------------------------------------------
// s = fl(scale * z) as the kernel forms it; x = s - max. tau solves sum [x - tau]_+^r = 1 in [-1, 0];
// a second bisection relative to the smallest support entry gives that entry's t = x - tau full
// relative precision (p ~ t^(1/(alpha-1)) has an infinite slope at t = 0 for alpha > 2).
struct Ref {
  std::vector<LD> p;
  LD tau = 0;  // relative to the max: Psi*(s) = max s + tau + 1
  LD smax = -kInf;
};

Ref reference(const double* z, const unsigned char* mask, long long n, double scale, double alpha) {
  Ref out;
  out.p.assign(n, 0.0L);
  std::vector<LD> s;
  std::vector<long long> idx;
  for (long long i = 0; i < n; ++i)
    if (live(z, mask, i)) {
      idx.push_back(i);
      s.push_back(static_cast<LD>(scale * z[i]));
    }
  if (idx.empty()) return out;
  const LD a = alpha, r = a / (a - 1), e = 1 / (a - 1);
  const LD mx = *std::max_element(s.begin(), s.end());
  auto bisect = [&](LD shift, LD lo, LD hi) {
    for (int it = 0; it < 400; ++it) {
      const LD mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) break;
      LD mass = 0;
      for (LD v : s) mass += v - shift > mid ? powl(v - shift - mid, r) : 0;
      (mass >= 1 ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
  };
  const LD tau0 = bisect(mx, -1, 0);
  LD anchor = mx;
  for (LD v : s)
    if (v - mx > tau0 && v < anchor) anchor = v;
  const LD off = anchor - mx;
  const LD tau = bisect(anchor, tau0 - off - 1e-15L, tau0 - off + 1e-15L);
  LD sum = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    const LD t = s[k] - anchor - tau;
    sum += out.p[idx[k]] = t > 0 ? powl(t, e) : 0;
  }
  for (LD& v : out.p) v /= sum;
  out.tau = tau + off;
  out.smax = mx;
  return out;
}

// How far one rounding of the scores moves p: dp_i/dt_i = p_i^(2-alpha) ||p||^(alpha-1) / (alpha-1),
// and the kernel's t_i = x_i - tau carry a few ulp of |x| <= 1; renormalising spreads it (the sum).
// Bounded for alpha <= 2, unbounded for alpha > 2 (see kernels_check's entmax_rounding_sensitivity).
double rounding_sensitivity(const std::vector<LD>& p, double alpha) {
  LD norm = 0, sum = 0;
  for (LD v : p)
    if (v > 0) norm += powl(v, (LD)alpha), sum += powl(v, 2 - (LD)alpha);
  return (double)(16 * (LD)kEps * powl(norm, ((LD)alpha - 1) / alpha) * sum / ((LD)alpha - 1));
}

// ---- the kernel over a batch ------------------------------------------------------------------
template <typename T>
void forward(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n, double scale,
             double alpha) {
  for (long long r = 0; r < rows; ++r) {
    const int k = h4j::detail::normmax_row(z + r * n, mask ? mask + r * n : nullptr, p + r * n, n, scale, alpha);
    if (support) support[r] = k;
  }
}

template <typename T>
void backward(const T* p, const T* g, T* dz, long long rows, long long n, double scale, double alpha) {
  for (long long r = 0; r < rows; ++r) h4j::detail::normmax_backward_row(p + r * n, g + r * n, dz + r * n, n, scale, alpha);
}

// ---- inputs ------------------------------------------------------------------------------------
struct Rows {
  std::string name;
  long long rows, n;
  std::vector<double> z;
  std::vector<unsigned char> mask;  // empty: none
  const unsigned char* m() const { return mask.empty() ? nullptr : mask.data(); }
};

Rng rng(20261206);

Rows make_rows(int kind, long long rows, long long n, bool masked) {
  static const char* names[] = {"gauss",       "ties 0..3",   "all equal",  "1e-30..1e30", "tiny 1e-30",
                                "-inf entries", "one dominant", "near ties", "huge equal top"};
  Rows b{names[kind], rows, n, std::vector<double>(rows * n), {}};
  for (long long r = 0; r < rows; ++r) {
    double* z = &b.z[r * n];
    const double sd = std::pow(10.0, unif(rng, -2, 1.5)), v = 5 * gauss(rng);
    for (long long i = 0; i < n; ++i) {
      const double g = gauss(rng);
      switch (kind) {
        case 0: z[i] = sd * g; break;
        case 1: z[i] = double(rng() % 4); break;
        case 2: z[i] = v; break;
        case 3: z[i] = (g > 0 ? 1 : -1) * std::pow(10.0, unif(rng, -30, 30)); break;
        case 4: z[i] = 1e-30 * g; break;
        case 5: z[i] = rng() % 10 < 3 || r == rows - 1 ? -kInf : g; break;  // the last row all -inf
        case 6: z[i] = i == 0 ? 1e6 : g; break;
        case 7: z[i] = 1.0 + 1e-9 * g; break;
        default: z[i] = i % 3 == 0 ? 3e29 : -1e30 + g; break;
      }
    }
  }
  if (masked) {
    b.mask.resize(rows * n);
    for (auto& f : b.mask) f = rng() % 10 < 3 ? 0 : 1;
    if (rows > 1) std::fill(b.mask.begin(), b.mask.begin() + n, 0);  // an all-masked row
    b.name += " +mask";
  }
  return b;
}
const int kKinds = 9;

// ---- forward -------------------------------------------------------------------------------------
double g_worst[2] = {0, 0};

template <typename T>
void check_forward(const Rows& b, double scale, double alpha) {
  const long long rows = b.rows, n = b.n;
  const bool f64 = sizeof(T) == 8;
  std::vector<T> z(b.z.begin(), b.z.end()), p(rows * n, T(-7));
  const std::vector<double> zd(z.begin(), z.end());  // what the kernel sees
  std::vector<int> support(rows, -7);
  forward<T>(z.data(), b.m(), p.data(), support.data(), rows, n, scale, alpha);
  const std::string label =
      fmt("normmax_%s [%s] n=%lld scale=%g alpha=%g", f64 ? "f64" : "f32", b.name.c_str(), n, scale, alpha);
  double worst_excess = 0, worst_err = 0, sum_err = 0;
  bool sane = true, masked_zero = true, counts = true, dead = true;
  for (long long r = 0; r < rows; ++r) {
    const unsigned char* mr = b.m() ? b.m() + r * n : nullptr;
    const Ref ref = reference(&zd[r * n], mr, n, scale, alpha);
    const double tol = (f64 ? 1e-12 : 1e-6) + rounding_sensitivity(ref.p, alpha);
    LD sum = 0;
    int positive = 0;
    for (long long i = 0; i < n; ++i) {
      const T v = p[r * n + i];
      sane &= std::isfinite((double)v) && v >= 0;
      positive += v > 0;
      sum += v;
      const double err = (double)fabsl((LD)v - ref.p[i]);
      worst_err = worst_of(worst_err, err);
      worst_excess = worst_of(worst_excess, err / tol);
      if (!live(&zd[r * n], mr, i)) masked_zero &= v == 0;
    }
    counts &= support[r] == positive;
    if (ref.smax == -kInf) dead &= positive == 0;
    else sum_err = worst_of(sum_err, (double)fabsl(sum - 1));
  }
  g_worst[f64] = worst_of(g_worst[f64], worst_err);
  expect(sane, label + ": negative or non-finite p");
  expect(worst_excess <= 1, label + fmt(": |p - ref| %.3g, %.3g x its tolerance", worst_err, worst_excess));
  expect(sum_err <= (f64 ? 1e-12 : 1e-5), label + fmt(": |sum p - 1| = %.3g", sum_err));
  expect(masked_zero, label + ": masked or -inf entry not exactly 0");
  expect(counts, label + ": support count != #(p > 0)");
  expect(dead, label + ": all-masked row not all zero");
  std::vector<T> in_place = z;  // p may alias z: same bits
  forward<T>(in_place.data(), b.m(), in_place.data(), nullptr, rows, n, scale, alpha);
  expect(in_place == p, label + ": in-place result differs");
}

void check_batches() {
  const long long sizes[] = {1, 2, 3, 7, 30, 200, 2000};
  const double scales[] = {1.0, 0.5, 2.7, 1e-3, 1e3};
  const double alphas[] = {1.05, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 1000.0};
  int case_no = 0;
  for (int kind = 0; kind < kKinds; ++kind)
    for (long long n : sizes)
      for (int masked = 0; masked < 2; ++masked) {
        const Rows b = make_rows(kind, 3, n, masked);
        const double scale = scales[case_no++ % 5];
        for (double a : alphas) {
          check_forward<double>(b, scale, a);
          check_forward<float>(b, scale, a);
        }
      }
}

// deep-spin/entmax's own numbers (README and test_root_finding.py::test_normmax, 4 decimals).
void check_published() {
  struct Case { std::vector<double> z; double alpha; std::vector<double> p; };
  const Case cases[] = {
      {{-2, 0, 0.5}, 2, {0, 0.3110, 0.6890}},
      {{-2, 0, 0.5}, 1000, {0, 0.4997, 0.5003}},
      {{0, .25, .5, .75, 1}, 2, {0, 0.0239, 0.1746, 0.3254, 0.4761}},
      {{0, .25, .5, .75, 1}, 1000, {0, 0, 0.3330, 0.3334, 0.3336}},
  };
  for (const Case& c : cases) {
    std::vector<double> p(c.z.size());
    h4j::detail::normmax_row(c.z.data(), nullptr, p.data(), (long long)c.z.size(), 1.0, c.alpha);
    double err = 0;
    for (size_t i = 0; i < p.size(); ++i) err = worst_of(err, std::fabs(p[i] - c.p[i]));
    expect(err <= 6e-5, fmt("deep-spin value alpha=%g n=%zu: max diff %.3g", c.alpha, p.size(), err));
  }
}

// Brute force at alpha = 2: sort, and for each support size k solve the quadratic
// sum_{j<=k} (x_j - tau)^2 = 1; the support is the largest k whose root lies below x_k.
std::vector<double> sorted_alpha2(const std::vector<double>& x) {
  std::vector<double> c(x);
  std::sort(c.begin(), c.end(), std::greater<double>());
  LD s1 = 0, s2 = 0, tau = 0;
  for (size_t k = 1; k <= c.size(); ++k) {
    s1 += c[k - 1];
    s2 += (LD)c[k - 1] * c[k - 1];
    const LD root = (s1 - sqrtl(std::max<LD>(s1 * s1 - k * (s2 - 1), 0))) / k;
    if (root < c[k - 1]) tau = root;
  }
  std::vector<double> p(x.size());
  LD sum = 0;
  for (size_t i = 0; i < x.size(); ++i) sum += std::max<LD>(x[i] - tau, 0);
  for (size_t i = 0; i < x.size(); ++i) p[i] = (double)(std::max<LD>(x[i] - tau, 0) / sum);
  return p;
}

void check_special() {
  // Sort-based alpha = 2 on random rows, including long ones (the selection path of the 1.5-entmax kernel).
  for (long long n : {5LL, 100LL, 5000LL}) {
    std::vector<double> x(n), p(n);
    for (auto& v : x) v = 0.3 * gauss(rng);
    h4j::detail::normmax_row(x.data(), nullptr, p.data(), n, 1.0, 2.0);
    const std::vector<double> q = sorted_alpha2(x);
    double err = 0;
    for (long long i = 0; i < n; ++i) err = worst_of(err, std::fabs(p[i] - q[i]));
    expect(err <= 1e-13, fmt("alpha=2 vs sorted closed form n=%lld: %.3g", n, err));
  }
  // alpha -> infinity: uniform over the sparsemax support (p ~ t^(1/(alpha-1)) -> 1 on it).
  {
    const double z[] = {0.9, 0.1, 0.7, -0.5, 0.85};  // sparsemax support {0.9, 0.7, 0.85}
    double p[5];
    h4j::detail::normmax_row(z, nullptr, p, 5, 1.0, 1e7);
    expect(std::fabs(p[0] - 1 / 3.) < 1e-6 && std::fabs(p[2] - 1 / 3.) < 1e-6 && p[1] == 0 && p[3] == 0,
           fmt("alpha=1e7 is uniform over the sparsemax support: %g %g %g %g %g", p[0], p[1], p[2], p[3], p[4]));
  }
  // The candidate window: tau >= max - 1, so an entry 1 below the max is out, one just inside is in.
  // At alpha = 20 and 500 the root finder's x * (1/(alpha'-1)) * (alpha'-1) rounds -1 to just above it.
  for (double a : {1.2, 2.0, 7.0, 20.0, 500.0}) {
    const double z[] = {0.0, -1.0, -0.999};
    double p[3];
    const int k = h4j::detail::normmax_row(z, nullptr, p, 3, 1.0, a);
    expect(p[1] == 0 && p[2] > 0 && k == 2, fmt("alpha=%g window: p(max-1) = %g, p(max-0.999) = %g", a, p[1], p[2]));
    const double scaled[] = {0.0, -0.25, -0.2497};  // the same at beta = 4: window 1/beta in score units
    h4j::detail::normmax_row(scaled, nullptr, p, 3, 4.0, a);
    expect(p[1] == 0 && p[2] > 0, fmt("alpha=%g window at beta=4", a));
    expect(h4j::detail::NormmaxOps::window(4.0, a) == 0.25, "window(beta = 4) = 1/4");
    const double pair[] = {7.0, 6.0};  // integer scores one apart: tau = -1 exactly, the second gets 0
    const int k2 = h4j::detail::normmax_row(pair, nullptr, p, 2, 1.0, a);
    expect(p[0] == 1 && p[1] == 0 && k2 == 1, fmt("alpha=%g: scores {7, 6} give {1, 0}, got {%g, %g}", a, p[0], p[1]));
  }
  // Exact ties: uniform, bit for bit; n = 1 gives 1; a masked n = 1 row gives 0.
  for (double a : {1.5, 2.0, 3.0}) {
    std::vector<float> z(12, 3.25f), p(12);
    const int k = h4j::detail::normmax_row(z.data(), nullptr, p.data(), 12, 0.7, a);
    bool uniform = k == 12;
    for (float v : p) uniform &= v == p[0] && std::fabs(v - 1.0f / 12) < 1e-7f;
    expect(uniform, fmt("alpha=%g: 12 ties give 1/12 each", a));
    const double one[] = {-4e30};
    double q[1];
    const unsigned char off[] = {0};
    expect(h4j::detail::normmax_row(one, nullptr, q, 1, 0.3, a) == 1 && q[0] == 1, "n = 1 gives 1");
    expect(h4j::detail::normmax_row(one, off, q, 1, 0.3, a) == 0 && q[0] == 0, "masked n = 1 gives 0");
  }
}

// ---- backward ----------------------------------------------------------------------------------
// deep-spin's NormmaxBisectFunction.backward, in long double on the reference p (a = p, b = p^(2-alpha)).
std::vector<LD> reference_vjp(const std::vector<LD>& p, const double* g, double scale, double alpha) {
  const LD a = alpha;
  LD gb = 0, ga = 0, bsum = 0, norm = 0;
  std::vector<LD> b(p.size(), 0);
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] > 0) b[i] = powl(p[i], 2 - a), norm += powl(p[i], a);
    gb += g[i] * b[i];
    ga += g[i] * p[i];
    bsum += b[i];
  }
  std::vector<LD> dz(p.size());
  for (size_t i = 0; i < p.size(); ++i)
    dz[i] = scale * (g[i] * b[i] - gb * p[i] - ga * (b[i] - bsum * p[i])) * powl(norm, (a - 1) / a) / (a - 1);
  return dz;
}

void check_backward(const Rows& b, double scale, double alpha) {
  const long long rows = b.rows, n = b.n;
  const std::string label = fmt("normmax_backward alpha=%g [%s] n=%lld scale=%g", alpha, b.name.c_str(), n, scale);
  std::vector<double> p(rows * n), g(rows * n), dz(rows * n);
  for (auto& v : g) v = gauss(rng);
  forward<double>(b.z.data(), b.m(), p.data(), nullptr, rows, n, scale, alpha);
  backward<double>(p.data(), g.data(), dz.data(), rows, n, scale, alpha);
  double fd_err = 0, ref_err = 0;
  bool dead_zero = true;
  std::vector<double> zp(n), pp(n), pm(n);
  for (long long r = 0; r < rows; ++r) {
    const double* zr = &b.z[r * n];
    const unsigned char* mr = b.m() ? b.m() + r * n : nullptr;
    const Ref ref = reference(zr, mr, n, scale, alpha);
    const std::vector<LD> want = reference_vjp(ref.p, &g[r * n], scale, alpha);
    LD big = 1;
    for (LD v : want) big = std::max(big, fabsl(v));
    for (long long i = 0; i < n; ++i) {
      ref_err = worst_of(ref_err, (double)(fabsl(dz[r * n + i] - want[i]) / big));
      if (ref.smax == -kInf) dead_zero &= dz[r * n + i] == 0;
      if (!live(zr, mr, i)) continue;
      // Central difference of <g, normmax(scale z)>, where the support does not change within +-h.
      const double h = 1e-6 * std::max(1.0, std::fabs(zr[i]));
      std::copy(zr, zr + n, zp.begin());
      zp[i] = zr[i] + h;
      forward<double>(zp.data(), mr, pp.data(), nullptr, 1, n, scale, alpha);
      zp[i] = zr[i] - h;
      forward<double>(zp.data(), mr, pm.data(), nullptr, 1, n, scale, alpha);
      bool same = true;
      LD fp = 0, fm = 0;
      for (long long j = 0; j < n; ++j) {
        same &= (pp[j] > 0) == (p[r * n + j] > 0) && (pm[j] > 0) == (p[r * n + j] > 0);
        fp += (LD)g[r * n + j] * pp[j];
        fm += (LD)g[r * n + j] * pm[j];
      }
      if (same) {
        const double fd = (double)((fp - fm) / (2 * (LD)h));
        fd_err = worst_of(fd_err, std::fabs(fd - dz[r * n + i]) / (1 + std::fabs(fd)));
      }
    }
  }
  expect(fd_err <= 2e-6, label + fmt(": |dz - finite difference| = %.3g", fd_err));
  expect(ref_err <= 1e-9, label + fmt(": |dz - deep-spin formula| / max = %.3g", ref_err));
  expect(dead_zero, label + ": all-masked row has a non-zero gradient");
  std::vector<double> aliased = g;  // dz may alias g
  backward<double>(p.data(), aliased.data(), aliased.data(), rows, n, scale, alpha);
  expect(aliased == dz, label + ": in-place (dz aliases g) differs");
  std::vector<float> pf(p.begin(), p.end()), gf(g.begin(), g.end()), df(rows * n);
  std::vector<double> pd(pf.begin(), pf.end()), gd(gf.begin(), gf.end()), dd(rows * n);
  backward<float>(pf.data(), gf.data(), df.data(), rows, n, scale, alpha);
  backward<double>(pd.data(), gd.data(), dd.data(), rows, n, scale, alpha);
  double e32 = 0, big = 1e-30;
  for (long long i = 0; i < rows * n; ++i) e32 = std::max(e32, std::fabs(df[i] - dd[i])), big = std::max(big, std::fabs(dd[i]));
  expect(e32 <= 1e-5 * big, label + fmt(": f32 vs f64 relative %.3g", e32 / big));
}

void check_backward_all() {
  for (int rep = 0; rep < 6; ++rep)
    for (long long n : {1LL, 2LL, 5LL, 30LL}) {
      Rows b = make_rows(rep % 2 == 0 ? 0 : 5, 3, n, rep >= 2);
      for (auto& v : b.z)
        if (std::isfinite(v)) v = gauss(rng);
      for (double a : {1.25, 1.5, 2.0, 3.0, 5.0, 10.0}) check_backward(b, rep % 3 == 0 ? 1.0 : 2.5, a);
    }
  // Large alpha: p^(2-alpha) alone would overflow (0.3^-998); the gradient must stay finite and right.
  const double z[] = {0.5, 0.2, 0.45, -3.0};
  double p[4], g[4] = {1.0, -2.0, 0.5, 3.0}, dz[4];
  h4j::detail::normmax_row(z, nullptr, p, 4, 1.0, 1000.0);
  h4j::detail::normmax_backward_row(p, g, dz, 4, 1.0, 1000.0);
  std::vector<LD> pl(p, p + 4);
  const std::vector<LD> want = reference_vjp(pl, g, 1.0, 1000.0);
  bool ok = true;
  for (int i = 0; i < 4; ++i) ok &= std::isfinite(dz[i]) && fabsl(dz[i] - want[i]) <= 1e-9L * (1 + fabsl(want[i]));
  expect(ok, fmt("alpha=1000 backward finite and right: %g %g %g %g", dz[0], dz[1], dz[2], dz[3]));
}

// ---- conjugate -----------------------------------------------------------------------------------
void check_conjugate() {
  for (double a : {1.25, 2.0, 5.0})
    for (long long n : {1LL, 4LL, 40LL}) {
      std::vector<double> z(n), p(n), q(n);
      for (auto& v : z) v = 2 * gauss(rng) + 100;
      const Ref ref = reference(z.data(), nullptr, n, 1.0, a);
      h4j::detail::normmax_row(z.data(), nullptr, p.data(), n, 1.0, a);
      const double zmax = *std::max_element(z.begin(), z.end());
      const double psi = h4j::detail::normmax_conjugate(p.data(), n, zmax, a);
      const std::string label = fmt("conjugate alpha=%g n=%lld", a, n);
      expect(std::fabs(psi - (double)(ref.smax + ref.tau + 1)) <= 1e-12 * 100, label + fmt(": Psi* %.17g vs tau + 1 %.17g", psi, (double)(ref.smax + ref.tau + 1)));
      // Its gradient is p (Danskin).
      double grad_err = 0;
      for (long long i = 0; i < n; ++i) {
        const double h = 1e-5, zi = z[i];
        z[i] = zi + h;
        h4j::detail::normmax_row(z.data(), nullptr, q.data(), n, 1.0, a);
        const double up = h4j::detail::normmax_conjugate(q.data(), n, *std::max_element(z.begin(), z.end()), a);
        z[i] = zi - h;
        h4j::detail::normmax_row(z.data(), nullptr, q.data(), n, 1.0, a);
        const double down = h4j::detail::normmax_conjugate(q.data(), n, *std::max_element(z.begin(), z.end()), a);
        z[i] = zi;
        grad_err = worst_of(grad_err, std::fabs((up - down) / (2 * h) - p[i]));
      }
      expect(grad_err <= 1e-6, label + fmt(": dPsi*/dz - p = %.3g", grad_err));
      // Fenchel-Young: Psi*(z) >= <z, y> - (||y||_alpha - 1) for every y in the simplex.
      bool fy = true;
      for (int t = 0; t < 20; ++t) {
        LD sum = 0, dot = 0, norm = 0;
        for (auto& v : q) sum += v = std::fabs(gauss(rng));
        for (long long i = 0; i < n; ++i) q[i] /= (double)sum, dot += (LD)z[i] * q[i], norm += powl(q[i], a);
        fy &= psi >= (double)(dot - powl(norm, 1 / (LD)a) + 1) - 1e-9;
      }
      expect(fy, label + ": Fenchel-Young inequality violated");
    }
  const double none[] = {0.0, 0.0};
  expect(std::isnan(h4j::detail::normmax_conjugate(none, 2, 1.0, 2.0)), "conjugate of an empty support is NaN");
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags(argc, argv, {"--full"});
  (void)flags;
  std::printf("normmax_check\n");
  section("deep-spin values", check_published);
  section("closed form, limits, window, ties", check_special);
  section("random and adversarial batches", check_batches);
  section("backward", check_backward_all);
  section("conjugate", check_conjugate);
  std::printf("worst |p - ref|: f64 %.3g, f32 %.3g\n", g_worst[1], g_worst[0]);
  return finish();
}
