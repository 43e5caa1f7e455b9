// Standalone check of the native kernels against slow, independent long-double references.
// Exits non-zero on any failure. The Maven build runs it (under ASan/UBSan); to build and run it by
// hand see README.md in this directory. Flag: --full (the 10^6-entry rows and longer rows).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "check_common.h"
#include "hopfield4j.h"
#ifndef H4J_LINK_OPENBLAS
#include "openblas_stub.h"
#endif

static const double kInf = std::numeric_limits<double>::infinity();

// ---- references (long double, sort / bisection; deliberately naive) -------------------------
enum class Map { Softmax, Sparsemax, Entmax15, Entmax };
static const char* map_name(Map m) {
  switch (m) {
    case Map::Softmax: return "softmax";
    case Map::Sparsemax: return "sparsemax";
    case Map::Entmax15: return "entmax15";
    default: return "entmax";
  }
}

static bool is_live(const double* z, const unsigned char* mask, long long i) {
  return (mask == nullptr || mask[i] != 0) && z[i] != -kInf;
}

// The kernels' contract is on s = fl(scale * z) (a double product), so the references start there.
static std::vector<LD> ref_row(Map map, const double* z, const unsigned char* mask, long long n, double scale,
                               double alpha) {
  std::vector<LD> p(n, 0.0L), s;
  std::vector<long long> idx;
  for (long long i = 0; i < n; ++i)
    if (is_live(z, mask, i)) {
      idx.push_back(i);
      s.push_back(static_cast<LD>(scale * z[i]));
    }
  if (idx.empty()) return p;
  const LD mx = *std::max_element(s.begin(), s.end());
  if (map == Map::Softmax) {
    LD sum = 0;
    for (LD v : s) sum += expl(v - mx);
    for (size_t k = 0; k < idx.size(); ++k) p[idx[k]] = expl(s[k] - mx) / sum;
    return p;
  }
  if (map == Map::Sparsemax) {
    std::vector<LD> u;
    for (LD v : s) u.push_back(v - mx);
    std::vector<LD> srt = u;
    std::sort(srt.begin(), srt.end(), std::greater<LD>());
    LD cum = 0, tau = 0;
    for (size_t k = 0; k < srt.size(); ++k) {
      cum += srt[k];
      if (1 + (k + 1) * srt[k] > cum) tau = (cum - 1) / (k + 1);
    }
    for (size_t k = 0; k < idx.size(); ++k) p[idx[k]] = std::max<LD>(u[k] - tau, 0);
    return p;
  }
  const LD a = map == Map::Entmax15 ? 1.5L : static_cast<LD>(alpha);
  const LD d = 1 / (a - 1);
  // Bisection on tau for x = (a-1)(s - shift), first with shift = max s, then again with shift =
  // the smallest entry above the first tau, so that entry's t = x_a - tau has full relative
  // precision (for large alpha it is often ~1e-15 while its p is a few percent).
  auto bisect = [&](LD shift, LD lo, LD hi) {
    for (int it = 0; it < 400; ++it) {
      const LD mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) break;
      LD mass = 0;
      for (LD v : s) mass += (a - 1) * (v - shift) > mid ? powl((a - 1) * (v - shift) - mid, d) : 0;
      (mass >= 1 ? lo : hi) = mid;
    }
    return std::make_pair(lo, hi);
  };
  auto [lo, hi] = bisect(mx, -1, 0);
  LD anchor = mx;
  for (LD v : s)
    if ((a - 1) * (v - mx) > lo && v < anchor) anchor = v;
  const LD off = (a - 1) * (anchor - mx);
  auto [lo2, hi2] = bisect(anchor, lo - off - 1e-15L, hi - off + 1e-15L);
  const LD tau = (lo2 + hi2) / 2;
  LD sum = 0;
  for (size_t k = 0; k < idx.size(); ++k) {
    const LD t = (a - 1) * (s[k] - anchor) - tau;
    sum += p[idx[k]] = t > 0 ? powl(t, d) : 0;
  }
  for (size_t k = 0; k < idx.size(); ++k) p[idx[k]] /= sum;
  return p;
}

// ---- kernel dispatch -----------------------------------------------------------------------
// The native code of a map and the alpha array the entry points take: the maps with a fixed alpha
// get it (as Java passes it), entmax the caller's.
static int native_map(Map map) {
  switch (map) {
    case Map::Softmax: return h4j::MAP_SOFTMAX;
    case Map::Sparsemax: return h4j::MAP_SPARSEMAX;
    case Map::Entmax15: return h4j::MAP_ENTMAX15;
    case Map::Entmax: return h4j::MAP_ENTMAX;
  }
  return -1;
}
static const double* native_alpha(Map map, const double* alpha) {
  static const double kFixed[] = {1.0, 2.0, 1.5};
  switch (map) {
    case Map::Softmax: return kFixed;
    case Map::Sparsemax: return kFixed + 1;
    case Map::Entmax15: return kFixed + 2;
    case Map::Entmax: return alpha;
  }
  return alpha;
}
static h4j::SeparationCall separation_call(Map map, long long rows, long long n, double scale, long long alpha_count) {
  return h4j::SeparationCall{native_map(map), rows, n, scale, map == Map::Entmax ? alpha_count : 1};
}

template <typename T>
static void run_map(Map map, const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                    double scale, const double* alpha, long long alpha_count) {
  const h4j::SeparationCall c = separation_call(map, rows, n, scale, alpha_count);
  if constexpr (std::is_same<T, float>::value) h4j::separate_f32(&c, z, mask, p, support, native_alpha(map, alpha));
  else h4j::separate_f64(&c, z, mask, p, support, native_alpha(map, alpha));
}
template <typename T>
static void run_backward(Map map, const T* p, const T* g, T* dz, long long rows, long long n, double scale,
                         const double* alpha, long long alpha_count) {
  const h4j::SeparationCall c = separation_call(map, rows, n, scale, alpha_count);
  if constexpr (std::is_same<T, float>::value) h4j::separation_backward_f32(&c, p, g, dz, native_alpha(map, alpha));
  else h4j::separation_backward_f64(&c, p, g, dz, native_alpha(map, alpha));
}

// ---- test inputs ---------------------------------------------------------------------------
struct Batch {
  std::string name;
  long long rows = 0, n = 0;
  std::vector<double> z;
  std::vector<unsigned char> mask;  // empty: no mask
  const unsigned char* mask_ptr() const { return mask.empty() ? nullptr : mask.data(); }
};

static Rng rng(20240611);

static Batch make_batch(int kind, long long rows, long long n) {
  Batch b;
  b.rows = rows;
  b.n = n;
  b.z.resize(rows * n);
  for (long long r = 0; r < rows; ++r) {
    double* z = &b.z[r * n];
    switch (kind) {
      case 0: { b.name = "gauss"; const double sd = std::pow(10.0, unif(rng, -2, 1.5)); for (long long i = 0; i < n; ++i) z[i] = sd * gauss(rng); break; }
      case 1: b.name = "small-int ties"; for (long long i = 0; i < n; ++i) z[i] = double(rng() % 4); break;
      case 2: { b.name = "all equal"; const double v = gauss(rng) * 5; for (long long i = 0; i < n; ++i) z[i] = v; break; }
      case 3: b.name = "magnitudes 1e-30..1e30";
        for (long long i = 0; i < n; ++i) z[i] = (rng() % 2 ? 1 : -1) * std::pow(10.0, unif(rng, -30, 30));
        if (n > 2) z[n - 1] = z[0] = std::fabs(z[0]);  // a tied top value somewhere
        break;
      case 4: b.name = "tiny 1e-30"; for (long long i = 0; i < n; ++i) z[i] = 1e-30 * gauss(rng); break;
      case 5: b.name = "-inf entries";
        for (long long i = 0; i < n; ++i) z[i] = (rng() % 10 < 3) ? -kInf : gauss(rng);
        if (r == rows - 1) for (long long i = 0; i < n; ++i) z[i] = -kInf;  // an all -inf row
        break;
      case 6: b.name = "one dominant"; for (long long i = 0; i < n; ++i) z[i] = gauss(rng); z[rng() % n] = 1e6; break;
      case 7: b.name = "sorted ascending"; for (long long i = 0; i < n; ++i) z[i] = 0.001 * double(i); break;
      case 8: b.name = "near ties"; for (long long i = 0; i < n; ++i) z[i] = 1.0 + 1e-9 * gauss(rng); break;
      case 9: b.name = "huge equal top"; for (long long i = 0; i < n; ++i) z[i] = (i % 3 == 0) ? 3e29 : -1e30 + gauss(rng); break;
    }
  }
  return b;
}
static const int kKinds = 10;

static void add_mask(Batch& b, bool all_masked_row) {
  b.mask.assign(b.rows * b.n, 1);
  for (auto& m : b.mask) m = (rng() % 10 < 3) ? 0 : 1;
  if (all_masked_row && b.rows > 1) std::fill(b.mask.begin() + b.n, b.mask.begin() + 2 * b.n, 0);
  b.name += " +mask";
}

// ---- forward checks ------------------------------------------------------------------------

// Extra tolerance of alpha-entmax for alpha > 2: how far the roundings of a root finder working in
// double may move its answer. p_i = t_i^(1/(alpha-1)) with t_i = x_i - tau,
// x_i = (alpha-1)(s_i - max s) and tau such that sum p = 1. The x_i (or x_i taken from another
// shift) and tau are rounded to a few ulp of their size, and on the support tau < x_i <= 0, so each
// t_i carries an absolute error of a few ulp * |tau|, where |tau| = (max p)^(alpha-1) (the largest
// entry has x = 0). That moves p_i by dp_i/dt_i = p_i^(2-alpha) / (alpha-1) times the error: for
// alpha <= 2 at most 1/(alpha-1) times, but for alpha > 2 the exponent 2-alpha is negative and
// t^(1/(alpha-1)) has an infinite slope at t = 0. A support entry near the edge (small p_i, t_i of
// 1e-13 or less) is then ill-conditioned: at alpha = 10, p_i = 0.04 gives p_i^(-8) ~ 1.7e11, and one
// rounding of its t_i (~1e-20 when |tau| ~ 1e-4) moves p_i by ~1e-10: the exact answers for x one
// rounding apart differ that much. Which roundings the kernel
// makes depends on the compiler (with -march=native, FMA contraction of the root finder's shift by
// the anchor's offset is one: the f64 error at alpha = 10 went from 1e-16 to 8e-11). Renormalisation
// (tau moves so that sum p = 1) spreads each entry's error over the row, hence the sum.
// This is the 16 ulp * sum p^(2-alpha) / (alpha-1) term of the Java tests (Numerics.tauConditioning),
// with the ulp taken at |tau| instead of at 1. For alpha <= 2 the slope is bounded (by 1/(alpha-1))
// and the fixed tolerances already cover it (forward_tol widens as alpha -> 1), so the term is
// added only above 2, where it is unbounded.
static double entmax_rounding_sensitivity(const std::vector<LD>& p, double alpha) {
  if (!(alpha > 2)) return 0.0;
  LD pmax = 0, sum = 0;
  for (LD v : p) pmax = std::max(pmax, v);
  for (LD v : p)
    if (v > 0) sum += powl(v, 2 - (LD)alpha);
  const LD tau_abs = powl(pmax, (LD)alpha - 1);
  return (double)(16 * (LD)std::numeric_limits<double>::epsilon() * tau_abs * sum / ((LD)alpha - 1));
}

struct ErrStat { double worst = 0; std::string where; };
static ErrStat g_worst[2][4];  // [f64?][map]

template <typename T>
static void check_forward(Map map, const Batch& b, double scale, const std::vector<double>& alphas, double tol) {
  const long long rows = b.rows, n = b.n;
  std::vector<T> z(b.z.begin(), b.z.end()), p(rows * n, T(-7));
  std::vector<double> zd(z.begin(), z.end());  // the values the kernel actually sees
  std::vector<int> support(rows, -7);
  const unsigned char* mask = b.mask_ptr();
  run_map<T>(map, z.data(), mask, p.data(), support.data(), rows, n, scale, alphas.data(), (long long)alphas.size());
  const char* prec = sizeof(T) == 4 ? "f32" : "f64";
  const std::string label = fmt("%s_%s [%s] n=%lld scale=%g alpha=%g", map_name(map), prec, b.name.c_str(), n, scale,
                                alphas.empty() ? 0.0 : alphas[0]);
  double err = 0, sum_err = 0, bad_err = 0, bad_tol = 0;
  bool nonneg = true, supp_ok = true, masked_zero = true, finite = true, dead_ok = true, close = true;
  for (long long r = 0; r < rows; ++r) {
    const double a = alphas.empty() ? 0 : (alphas.size() == (size_t)rows ? alphas[r] : alphas[0]);
    const auto ref = ref_row(map, &zd[r * n], mask ? mask + r * n : nullptr, n, scale, a);
    LD sum = 0, ref_sum = 0;
    int count = 0;
    double row_err = 0;
    for (long long i = 0; i < n; ++i) {
      const T v = p[r * n + i];
      finite &= std::isfinite((double)v);
      nonneg &= v >= 0;
      count += v > 0;
      sum += v;
      ref_sum += ref[i];
      row_err = worst_of(row_err, (double)fabsl((LD)v - ref[i]));
      if (!is_live(&zd[r * n], mask ? mask + r * n : nullptr, i)) masked_zero &= v == 0;
    }
    const double row_tol = tol + (map == Map::Entmax ? entmax_rounding_sensitivity(ref, a) : 0.0);
    if (close && !(row_err <= row_tol)) close = false, bad_err = row_err, bad_tol = row_tol;
    err = worst_of(err, row_err);
    supp_ok &= support[r] == count;
    if (ref_sum == 0) dead_ok &= count == 0;
    else sum_err = worst_of(sum_err, (double)fabsl(sum - 1));
  }
  const int fi = sizeof(T) == 8, mi = (int)map;
  if (err > g_worst[fi][mi].worst) g_worst[fi][mi] = {err, label};
  expect(finite, label + ": non-finite output");
  expect(close, label + fmt(": max |p - ref| = %.3g > %.3g", bad_err, bad_tol));
  expect(sum_err <= (sizeof(T) == 4 ? 1e-5 : 1e-12), label + fmt(": |sum p - 1| = %.3g", sum_err));
  expect(nonneg, label + ": negative p");
  expect(supp_ok, label + ": support count != #(p > 0)");
  expect(masked_zero, label + ": masked entry not exactly 0");
  expect(dead_ok, label + ": all-masked row not all zero");

  // In place (p aliases z) must give the same bits.
  std::vector<T> inplace = z;
  std::vector<int> support2(rows, -7);
  run_map<T>(map, inplace.data(), mask, inplace.data(), support2.data(), rows, n, scale, alphas.data(),
             (long long)alphas.size());
  expect(inplace == p && support2 == support, label + ": in-place result differs");
  // support may be null.
  std::vector<T> p3(rows * n);
  run_map<T>(map, z.data(), mask, p3.data(), nullptr, rows, n, scale, alphas.data(), (long long)alphas.size());
  expect(p3 == p, label + ": result differs with support == nullptr");
}

static double forward_tol(Map map, bool f64, double alpha) {
  if (!f64) return 1e-6;
  if (map == Map::Entmax && alpha < 1.01) return 1e-11;  // d = 1e4 amplifies the last bit of tau
  return 1e-12;
}

// Two maps on the same input must agree (alpha = 2 vs sparsemax, alpha = 1.5 vs entmax15, ...).
template <typename T>
static void check_same(Map a, double alpha_a, Map bmap, const Batch& b, double scale, double tol, const char* what) {
  const long long rows = b.rows, n = b.n;
  std::vector<T> z(b.z.begin(), b.z.end()), pa(rows * n), pb(rows * n);
  run_map<T>(a, z.data(), b.mask_ptr(), pa.data(), nullptr, rows, n, scale, &alpha_a, 1);
  run_map<T>(bmap, z.data(), b.mask_ptr(), pb.data(), nullptr, rows, n, scale, &alpha_a, 1);
  double err = 0;
  for (long long i = 0; i < rows * n; ++i) err = worst_of(err, std::fabs((double)pa[i] - (double)pb[i]));
  expect(err <= tol, fmt("%s %s [%s] n=%lld scale=%g: max diff %.3g > %.3g", what, sizeof(T) == 4 ? "f32" : "f64",
                         b.name.c_str(), n, scale, err, tol));
}

// The root finder itself at alpha = 2 and 1.5 (the public entmax routes those to the closed forms,
// so this is the only place the root finder is compared with them).
template <typename T>
static void check_root_finder(double alpha, Map closed, const Batch& b, double scale, double tol) {
  const long long rows = b.rows, n = b.n;
  std::vector<T> z(b.z.begin(), b.z.end()), pr(rows * n), pc(rows * n);
  const unsigned char* mask = b.mask_ptr();
  for (long long r = 0; r < rows; ++r) {
    h4j::detail::entmax_root_row<T>(z.data() + r * n, mask ? mask + r * n : nullptr, pr.data() + r * n, n, scale,
                                    alpha, h4j::detail::thread_scratch());
  }
  run_map<T>(closed, z.data(), mask, pc.data(), nullptr, rows, n, scale, &alpha, 1);
  double err = 0;
  for (long long i = 0; i < rows * n; ++i) err = worst_of(err, std::fabs((double)pr[i] - (double)pc[i]));
  expect(err <= tol, fmt("root finder alpha=%g vs %s %s [%s] n=%lld scale=%g: max diff %.3g > %.3g", alpha,
                         map_name(closed), sizeof(T) == 4 ? "f32" : "f64", b.name.c_str(), n, scale, err, tol));
}

// ---- backward checks -----------------------------------------------------------------------
static void check_backward(Map map, double alpha, const Batch& b, double scale) {
  const long long rows = b.rows, n = b.n;
  const unsigned char* mask = b.mask_ptr();
  const std::string label = fmt("%s_backward alpha=%g [%s] n=%lld scale=%g", map_name(map), alpha, b.name.c_str(), n,
                                scale);
  std::vector<double> p(rows * n), g(rows * n), dz(rows * n, -7.0);
  for (auto& v : g) v = gauss(rng);
  run_map<double>(map, b.z.data(), mask, p.data(), nullptr, rows, n, scale, &alpha, 1);
  run_backward(map, p.data(), g.data(), dz.data(), rows, n, scale, &alpha, 1);

  // Central differences of F(z) = <g, Sep(scale z)> per row, skipping coordinates where the
  // support changes inside [z - h, z + h] (the map is only piecewise smooth there).
  double worst = 0;
  bool finite = true;
  std::vector<double> zp(n), pp(n), pm(n);
  for (long long r = 0; r < rows; ++r) {
    const double* zr = &b.z[r * n];
    const unsigned char* mr = mask ? mask + r * n : nullptr;
    for (long long i = 0; i < n; ++i) {
      finite &= std::isfinite(dz[r * n + i]);
      if (!std::isfinite(zr[i])) continue;
      const double h = 1e-6 * std::max(1.0, std::fabs(zr[i]));
      std::copy(zr, zr + n, zp.begin());
      zp[i] = zr[i] + h;
      run_map<double>(map, zp.data(), mr, pp.data(), nullptr, 1, n, scale, &alpha, 1);
      zp[i] = zr[i] - h;
      run_map<double>(map, zp.data(), mr, pm.data(), nullptr, 1, n, scale, &alpha, 1);
      bool same_support = true;
      LD fp = 0, fm = 0;
      for (long long j = 0; j < n; ++j) {
        same_support &= (pp[j] > 0) == (p[r * n + j] > 0) && (pm[j] > 0) == (p[r * n + j] > 0);
        fp += (LD)g[r * n + j] * pp[j];
        fm += (LD)g[r * n + j] * pm[j];
      }
      if (!same_support) continue;
      const double fd = (double)((fp - fm) / (2 * (LD)h));
      worst = worst_of(worst, std::fabs(fd - dz[r * n + i]) / (1.0 + std::fabs(fd)));
    }
  }
  expect(finite, label + ": non-finite gradient");
  expect(worst <= 2e-6, label + fmt(": |dz - finite difference| = %.3g", worst));

  // All-masked rows: exactly zero gradient.
  bool dead_zero = true;
  for (long long r = 0; r < rows; ++r) {
    bool dead = true;
    for (long long i = 0; i < n; ++i) dead &= p[r * n + i] == 0;
    if (dead)
      for (long long i = 0; i < n; ++i) dead_zero &= dz[r * n + i] == 0;
  }
  expect(dead_zero, label + ": all-masked row has non-zero gradient");

  // dz aliasing g.
  std::vector<double> inplace = g;
  run_backward(map, p.data(), inplace.data(), inplace.data(), rows, n, scale, &alpha, 1);
  expect(inplace == dz, label + ": in-place (dz aliases g) differs");

  // f32 against f64 on the same (float-rounded) p and g.
  std::vector<float> pf(p.begin(), p.end()), gf(g.begin(), g.end()), dzf(rows * n);
  std::vector<double> pd(pf.begin(), pf.end()), gd(gf.begin(), gf.end()), dzd(rows * n);
  run_backward(map, pf.data(), gf.data(), dzf.data(), rows, n, scale, &alpha, 1);
  run_backward(map, pd.data(), gd.data(), dzd.data(), rows, n, scale, &alpha, 1);
  double e32 = 0, big = 1e-30;
  for (long long i = 0; i < rows * n; ++i) {
    e32 = std::max(e32, std::fabs(dzf[i] - dzd[i]));
    big = std::max(big, std::fabs(dzd[i]));
  }
  expect(e32 <= 1e-5 * big + 1e-30, label + fmt(": f32 vs f64 backward rel diff %.3g", e32 / big));
}

// ---- threading -----------------------------------------------------------------------------
static void check_threads() {
  const int hw = (int)std::max(1u, std::thread::hardware_concurrency());
  expect(h4j::get_num_threads() == hw, fmt("default thread count %d != hardware_concurrency %d",
                                           h4j::get_num_threads(), hw));
  h4j::set_num_threads(0);
  expect(h4j::get_num_threads() == 1, "set_num_threads(0) does not clamp to 1");
  h4j::set_num_threads(-3);
  expect(h4j::get_num_threads() == 1, "set_num_threads(-3) does not clamp to 1");
#ifndef H4J_LINK_OPENBLAS  // the real OpenBLAS caps the count at its own maximum
  h4j::set_blas_num_threads(3);
  expect(h4j::get_blas_num_threads() == 3, "blas thread count not passed through");
#endif
  h4j::set_blas_num_threads(1);
  expect(h4j::get_blas_num_threads() == 1, "set_blas_num_threads(1) not passed through");
  h4j::set_blas_num_threads(0);
  expect(h4j::get_blas_num_threads() == 1, "set_blas_num_threads(0) does not clamp to 1");

  // Large batch: the threaded path must give the same bits as the serial one, also under many
  // concurrent callers.
  Batch b = make_batch(0, 37, 3001);
  add_mask(b, true);
  const double alpha[] = {1.7};
  const Map maps[] = {Map::Softmax, Map::Sparsemax, Map::Entmax15, Map::Entmax};
  for (Map map : maps) {
    const long long total = b.rows * b.n;
    std::vector<double> serial(total), g(total), dserial(total);
    std::vector<float> zf(b.z.begin(), b.z.end()), serialf(total);
    std::vector<int> sserial(b.rows);
    for (auto& v : g) v = gauss(rng);
    h4j::set_num_threads(1);
    run_map<double>(map, b.z.data(), b.mask_ptr(), serial.data(), sserial.data(), b.rows, b.n, 2.0, alpha, 1);
    run_map<float>(map, zf.data(), b.mask_ptr(), serialf.data(), nullptr, b.rows, b.n, 2.0, alpha, 1);
    run_backward(map, serial.data(), g.data(), dserial.data(), b.rows, b.n, 2.0, alpha, 1);
    h4j::set_num_threads(4);
    std::atomic<int> mismatches{0};
    auto worker = [&]() {
      for (int rep = 0; rep < 3; ++rep) {
        std::vector<double> p(total), dz(total);
        std::vector<float> pf(total);
        std::vector<int> s(b.rows);
        run_map<double>(map, b.z.data(), b.mask_ptr(), p.data(), s.data(), b.rows, b.n, 2.0, alpha, 1);
        run_map<float>(map, zf.data(), b.mask_ptr(), pf.data(), nullptr, b.rows, b.n, 2.0, alpha, 1);
        run_backward(map, p.data(), g.data(), dz.data(), b.rows, b.n, 2.0, alpha, 1);
        if (p != serial || pf != serialf || s != sserial || dz != dserial) ++mismatches;
      }
    };
    worker();
    expect(mismatches == 0, fmt("%s: 4-thread result differs from serial", map_name(map)));
    std::vector<std::thread> callers;
    for (int t = 0; t < 6; ++t) callers.emplace_back(worker);
    for (auto& t : callers) t.join();
    expect(mismatches == 0, fmt("%s: concurrent callers got different results", map_name(map)));
  }
  h4j::set_num_threads(hw);
}

// ---- edge shapes ---------------------------------------------------------------------------
static void check_shapes() {
  const double alpha[] = {1.5};
  // rows = 0: nothing is touched (null pointers are fine).
  run_map<double>(Map::Softmax, nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  run_map<float>(Map::Sparsemax, nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  run_map<double>(Map::Entmax15, nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  run_map<float>(Map::Entmax, nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  run_backward<double>(Map::Entmax, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  run_backward<float>(Map::Softmax, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  expect(true, "rows = 0");
  // n = 0: support is 0 for every row.
  std::vector<int> s(3, -1);
  double dummy = 0;
  run_map<double>(Map::Sparsemax, &dummy, nullptr, &dummy, s.data(), 3, 0, 1.0, alpha, 1);
  expect(s == std::vector<int>(3, 0), "n = 0 gives support 0");
  // n = 1: p = 1 for every map, 0 when masked.
  const Map maps[] = {Map::Softmax, Map::Sparsemax, Map::Entmax15, Map::Entmax};
  for (Map map : maps) {
    double z[3] = {-123.0, 4e30, -kInf}, p[3];
    unsigned char m[3] = {1, 1, 1};
    int sup[3];
    run_map<double>(map, z, m, p, sup, 3, 1, 0.3, alpha, 1);
    expect(p[0] == 1 && p[1] == 1 && p[2] == 0 && sup[0] == 1 && sup[1] == 1 && sup[2] == 0,
           fmt("%s n=1 rows give 1, 1, 0", map_name(map)));
    m[0] = 0;
    run_map<double>(map, z, m, p, sup, 1, 1, 0.3, alpha, 1);
    expect(p[0] == 0 && sup[0] == 0, fmt("%s n=1 masked gives 0", map_name(map)));
  }
}

// ---- selection paths (sparsemax / entmax15 without a sort) and the vectorised exp -------------

// The sort-based closed forms the selection kernels replace, in double, on s = fl(scale * z) as
// the kernels form it (entmax15: x = fl(scale/2 * z) - max). The kernels must agree to rounding.
static std::vector<double> sorted_closed_form(Map map, const std::vector<double>& z, double scale) {
  const long long n = (long long)z.size();
  const double factor = map == Map::Entmax15 ? 0.5 * scale : scale;
  std::vector<double> x(n), p(n, 0.0);
  double m = -kInf;
  for (long long i = 0; i < n; ++i) {
    x[i] = z[i] == -kInf ? -kInf : factor * z[i];
    m = std::max(m, x[i]);
  }
  if (m == -kInf) return p;
  for (auto& v : x) v -= m;
  std::vector<double> c(x);
  std::sort(c.begin(), c.end(), std::greater<double>());
  double sum = 0, sum_sq = 0, tau = 0;
  long long support = 0;
  std::vector<double> taus;
  for (long long k = 1; k <= n && c[k - 1] > -kInf; ++k) {
    sum += c[k - 1];
    sum_sq += c[k - 1] * c[k - 1];
    if (map == Map::Sparsemax) {
      if (1 + k * c[k - 1] > sum) tau = (sum - 1) / k;
    } else {
      const double mean = sum / k, ss = k * (sum_sq / k - mean * mean), delta = (1 - ss) / k;
      taus.push_back(mean - std::sqrt(std::max(delta, 0.0)));
      support += taus.back() <= c[k - 1];
    }
  }
  if (map == Map::Entmax15) tau = taus[support - 1];
  for (long long i = 0; i < n; ++i) {
    const double t = x[i] - tau;
    p[i] = t > 0 ? (map == Map::Sparsemax ? t : t * t) : 0.0;
  }
  return p;
}

// exact_support: whether the support must match the sorted scan's count exactly (not for rows
// built with entries exactly at tau, where p = 0 in exact arithmetic and either side of 0 after
// rounding is correct).
template <typename T>
static void check_closed_form(Map map, const std::string& name, const std::vector<double>& zin, double scale,
                              double tol, bool exact_support = true) {
  const long long n = (long long)zin.size();
  std::vector<T> z(zin.begin(), zin.end()), p(n, T(-7));
  std::vector<double> zd(z.begin(), z.end());
  int support = -7;
  run_map<T>(map, z.data(), nullptr, p.data(), &support, 1, n, scale, nullptr, 0);
  const auto ref = sorted_closed_form(map, zd, scale);
  double err = 0;
  LD sum = 0;
  int count = 0, ref_count = 0;
  for (long long i = 0; i < n; ++i) {
    err = worst_of(err, std::fabs((double)p[i] - ref[i]));
    sum += (LD)p[i];
    count += p[i] > 0;
    ref_count += (T)ref[i] > 0;
  }
  const std::string label = fmt("%s_%s vs sorted closed form [%s] n=%lld scale=%g", map_name(map),
                                sizeof(T) == 4 ? "f32" : "f64", name.c_str(), n, scale);
  expect(err <= tol, label + fmt(": max |p - sorted| = %.3g > %.3g", err, tol));
  expect(support == count, label + ": support count != #(p > 0)");
  if (exact_support) expect(count == ref_count, label + fmt(": support %d, sorted closed form %d", count, ref_count));
  expect(fabsl(sum - 1) <= (sizeof(T) == 4 ? 1e-5 : 1e-12), label + fmt(": |sum p - 1| = %.3g", (double)(sum - 1)));
  if (n <= 5000) {  // and against the long-double reference
    const auto exact = ref_row(map, zd.data(), nullptr, n, scale, 0);
    double e = 0;
    for (long long i = 0; i < n; ++i) e = std::max(e, (double)fabsl((LD)p[i] - exact[i]));
    expect(e <= (sizeof(T) == 4 ? 1e-6 : 1e-12), label + fmt(": max |p - exact| = %.3g", e));
  }
}

// The default (quick) run keeps every code path but skips the 10^6-entry rows (the sampled-pivot
// path starts at 1024 candidates) and shortens the long rows; --full runs the full sizes.
static bool g_full = false;

static void check_selection() {
  // Exact ties at the threshold: k entries at the max give entmax15 tau = -1/sqrt(k) (x = z/2 at
  // scale 1), sparsemax tau = -1/k; many entries sit exactly there (p = 0, and the sorted scan
  // counts them as passing) and the rest are spread below.
  for (long long n : {50LL, 3000LL, g_full ? 200000LL : 70000LL}) {
    for (int k : {1, 4, 16}) {
      std::vector<double> ze(n), zs(n);
      for (long long i = 0; i < n; ++i) {
        const bool top = i % (n / k) == 0 && i / (n / k) < k;
        const bool at_tau = !top && i % 3 == 0;
        ze[i] = top ? 0.0 : at_tau ? -2.0 / std::sqrt((double)k) : -2.0 / std::sqrt((double)k) - unif(rng, 0, 3);
        zs[i] = top ? 0.0 : at_tau ? -1.0 / k : -1.0 / k - unif(rng, 0, 3);
      }
      const std::string name = fmt("%d at max, ties at tau", k);
      check_closed_form<double>(Map::Entmax15, name, ze, 1.0, 1e-12, false);
      check_closed_form<float>(Map::Entmax15, name, ze, 1.0, 1e-6, false);
      check_closed_form<double>(Map::Sparsemax, name, zs, 1.0, 1e-12, false);
      check_closed_form<float>(Map::Sparsemax, name, zs, 1.0, 1e-6, false);
    }
  }
  // Long rows through the sampled-pivot path: supports from 1 entry to most of the row, heavy
  // ties (a few distinct values), all equal, a lone winner, and integer grids where many
  // candidates tie with every pivot.
  for (long long n : g_full ? std::vector<long long>{1500, 70000, 1000000} : std::vector<long long>{1500, 70000}) {
    for (double sd : {1e-6, 1e-3, 0.05, 1.0, 30.0}) {
      std::vector<double> z(n);
      for (auto& v : z) v = sd * gauss(rng);
      check_closed_form<double>(Map::Entmax15, fmt("gauss sd=%g", sd), z, 1.0, 1e-14);
      check_closed_form<float>(Map::Entmax15, fmt("gauss sd=%g", sd), z, 1.0, 1e-6);
      check_closed_form<double>(Map::Sparsemax, fmt("gauss sd=%g", sd), z, 1.0, 1e-14);
      check_closed_form<float>(Map::Sparsemax, fmt("gauss sd=%g", sd), z, 1.0, 1e-6);
    }
    for (int levels : {1, 2, 3, 7, 50}) {
      std::vector<double> z(n);
      for (auto& v : z) v = double(rng() % levels) * (levels > 10 ? 0.01 : 0.3);
      check_closed_form<double>(Map::Entmax15, fmt("%d levels", levels), z, 1.0, 1e-14);
      check_closed_form<double>(Map::Sparsemax, fmt("%d levels", levels), z, 1.0, 1e-14);
      check_closed_form<float>(Map::Entmax15, fmt("%d levels", levels), z, 1.0, 1e-6);
    }
    std::vector<double> z(n);
    for (auto& v : z) v = gauss(rng);
    z[n / 3] = 50;  // support of exactly 1
    check_closed_form<double>(Map::Entmax15, "lone winner", z, 1.0, 0.0);
    check_closed_form<double>(Map::Sparsemax, "lone winner", z, 1.0, 0.0);
    z[n / 2] = 50;  // two tied winners
    check_closed_form<double>(Map::Entmax15, "two tied winners", z, 1.0, 1e-16);
    check_closed_form<double>(Map::Sparsemax, "two tied winners", z, 1.0, 1e-16);
    // Sorted, reverse-sorted and organ-pipe rows (bad cases for naive pivots).
    for (int shape = 0; shape < 3; ++shape) {
      for (long long i = 0; i < n; ++i) {
        const double t = (double)i / n;
        z[i] = shape == 0 ? t : shape == 1 ? -t : -std::fabs(t - 0.5);
      }
      check_closed_form<double>(Map::Entmax15, fmt("shape %d", shape), z, 20.0, 1e-14);
      check_closed_form<double>(Map::Sparsemax, fmt("shape %d", shape), z, 20.0, 1e-14);
    }
  }
  // A long masked batch (the masked output loops) against the long-double references.
  Batch b = make_batch(0, 2, 20000);
  for (auto& v : b.z) v *= 0.05;
  add_mask(b, false);
  check_forward<double>(Map::Sparsemax, b, 1.0, {}, 1e-12);
  check_forward<double>(Map::Entmax15, b, 1.0, {}, 1e-12);
  check_forward<float>(Map::Softmax, b, 3.0, {}, 1e-6);
  check_forward<double>(Map::Softmax, b, 3.0, {}, 1e-12);
}

// The polynomial exp of the softmax kernels against expl on x <= 0, through the subnormal range
// down to where the result underflows to 0, and at -inf.
static void check_exp() {
  double worst32 = 0, worst64 = 0, tiny32 = 0, tiny64 = 0;
  bool monotone = true, zero_ok = true;
  float prev32 = 2;
  for (int i = 0; i <= 2000000; ++i) {
    const double x = -110.0 * i / 2000000.0;
    const float e32 = h4j::detail::exp_nonpos_f32((float)x);
    const LD r32 = expl((LD)(float)x);
    if (r32 >= (LD)std::numeric_limits<float>::min()) worst32 = worst_of(worst32, (double)fabsl(e32 / r32 - 1));
    else tiny32 = std::max(tiny32, (double)fabsl(e32 - r32));
    monotone &= e32 <= prev32;
    prev32 = e32;
  }
  for (int i = 0; i <= 2000000; ++i) {
    const double x = -760.0 * i / 2000000.0 - (i % 7) * 1e-9;
    const double e64 = h4j::detail::exp_nonpos_f64(x);
    const LD r64 = expl((LD)x);
    if (r64 >= (LD)std::numeric_limits<double>::min()) worst64 = worst_of(worst64, (double)fabsl(e64 / r64 - 1));
    else tiny64 = std::max(tiny64, (double)fabsl(e64 - r64));
  }
  zero_ok &= h4j::detail::exp_nonpos_f32(-std::numeric_limits<float>::infinity()) == 0.0f;
  zero_ok &= h4j::detail::exp_nonpos_f64(-kInf) == 0.0;
  zero_ok &= h4j::detail::exp_nonpos_f32(0.0f) == 1.0f && h4j::detail::exp_nonpos_f64(0.0) == 1.0;
  zero_ok &= h4j::detail::exp_nonpos_f32(-200.0f) == 0.0f && h4j::detail::exp_nonpos_f64(-1000.0) == 0.0;
  std::printf("exp kernels: f32 max rel err %.3g (%.2f ulp), subnormal abs %.3g; f64 max rel err %.3g (%.2f ulp), "
              "subnormal abs %.3g\n", worst32, worst32 / 5.96e-8, tiny32, worst64, worst64 / 1.11e-16, tiny64);
  expect(worst32 <= 2.5e-7, fmt("exp_nonpos_f32 relative error %.3g", worst32));
  expect(tiny32 <= 1.5e-45, fmt("exp_nonpos_f32 subnormal error %.3g", tiny32));
  expect(worst64 <= 5e-16, fmt("exp_nonpos_f64 relative error %.3g", worst64));
  expect(tiny64 <= 5e-324, fmt("exp_nonpos_f64 subnormal error %.3g", tiny64));
  expect(monotone, "exp_nonpos_f32 not monotone");
  expect(zero_ok, "exp_nonpos at 0 / -inf / far below");
}

// ---- random and adversarial batches against the references --------------------------------
static void check_batches() {
  const long long sizes[] = {1, 2, 3, 7, 16, 100, 1000};
  const double scales[] = {1.0, 0.5, 2.7, 1e-3, 1e3};
  const double alphas[] = {1.0001, 1.25, 1.5, 2.0, 3.0, 10.0};
  int case_no = 0;
  for (int kind = 0; kind < kKinds; ++kind)
    for (long long n : sizes)
      for (int masked = 0; masked < 2; ++masked) {
        Batch b = make_batch(kind, 3, n);
        if (masked) add_mask(b, true);
        const double scale = scales[case_no++ % 5];
        for (Map map : {Map::Softmax, Map::Sparsemax, Map::Entmax15}) {
          check_forward<double>(map, b, scale, {}, forward_tol(map, true, 0));
          check_forward<float>(map, b, scale, {}, forward_tol(map, false, 0));
        }
        for (double a : alphas) {
          check_forward<double>(Map::Entmax, b, scale, {a}, forward_tol(Map::Entmax, true, a));
          check_forward<float>(Map::Entmax, b, scale, {a}, forward_tol(Map::Entmax, false, a));
        }
        // Per-row alpha.
        check_forward<double>(Map::Entmax, b, scale, {1.3, 2.0, 4.5}, 1e-12);
        check_forward<float>(Map::Entmax, b, scale, {1.3, 2.0, 4.5}, 1e-6);
        // alpha = 2 is sparsemax, alpha = 1.5 is entmax15.
        check_same<double>(Map::Entmax, 2.0, Map::Sparsemax, b, scale, 1e-12, "entmax(2) vs sparsemax");
        check_same<float>(Map::Entmax, 2.0, Map::Sparsemax, b, scale, 1e-6, "entmax(2) vs sparsemax");
        check_same<double>(Map::Entmax, 1.5, Map::Entmax15, b, scale, 1e-12, "entmax(1.5) vs entmax15");
        check_same<float>(Map::Entmax, 1.5, Map::Entmax15, b, scale, 1e-6, "entmax(1.5) vs entmax15");
        check_root_finder<double>(2.0, Map::Sparsemax, b, scale, 1e-12);
        check_root_finder<float>(2.0, Map::Sparsemax, b, scale, 1e-6);
        check_root_finder<double>(1.5, Map::Entmax15, b, scale, 1e-12);
        check_root_finder<float>(1.5, Map::Entmax15, b, scale, 1e-6);
      }

  // alpha -> 1 approaches softmax (the gap is O(alpha - 1)).
  for (int rep = 0; rep < 5; ++rep) {
    Batch b = make_batch(0, 4, 50);
    for (auto& v : b.z) v = gauss(rng);
    check_same<double>(Map::Entmax, 1.0001, Map::Softmax, b, 1.0, 1e-3, "entmax(1.0001) vs softmax");
    check_same<float>(Map::Entmax, 1.0001, Map::Softmax, b, 1.0, 1e-3, "entmax(1.0001) vs softmax");
  }
}

// A long row with many candidates close to the max exercises the selection loop.
static void check_long_rows() {
  for (int kind : {0, 1, 7, 8}) {
    Batch b = make_batch(kind, 1, g_full ? 100000 : 20000);
    if (kind == 0) for (auto& v : b.z) v *= 1e-4;
    check_forward<double>(Map::Sparsemax, b, 1.0, {}, 1e-12);
    check_forward<double>(Map::Entmax15, b, 1.0, {}, 1e-12);
    check_forward<double>(Map::Entmax, b, 1.0, {1.7}, 1e-12);
  }
}

// Backward against finite differences.
static void check_backward_all() {
  for (int rep = 0; rep < 6; ++rep)
    for (long long n : {1LL, 2LL, 5LL, 30LL}) {
      Batch b = make_batch(rep % 2 == 0 ? 0 : 5, 3, n);
      for (auto& v : b.z)
        if (std::isfinite(v)) v = gauss(rng);
      if (rep >= 2) add_mask(b, true);
      const double scale = rep % 3 == 0 ? 1.0 : 2.5;
      check_backward(Map::Softmax, 1.0, b, scale);
      check_backward(Map::Sparsemax, 2.0, b, scale);
      check_backward(Map::Entmax15, 1.5, b, scale);
      for (double a : {1.25, 1.5, 2.0, 3.0}) check_backward(Map::Entmax, a, b, scale);
    }
}

// ---- main ----------------------------------------------------------------------------------
int main(int argc, char** argv) {
  const Flags flags(argc, argv, {"--full"});
  g_full = flags.has("--full");
  std::printf("kernels_check (%s)\n", g_full ? "--full" : "quick; --full for the 10^6-entry rows");
  section("threads", check_threads);
  section("edge shapes", check_shapes);
  section("exp kernels", check_exp);
  section("selection paths", check_selection);
  section("random and adversarial batches", check_batches);
  section("long rows", check_long_rows);
  section("backward", check_backward_all);

  std::printf("worst |p - ref| per map (f64 / f32):\n");
  for (int mi = 0; mi < 4; ++mi)
    std::printf("  %-9s %.3g  (%s)\n  %-9s %.3g  (%s)\n", map_name((Map)mi), g_worst[1][mi].worst,
                g_worst[1][mi].where.c_str(), "", g_worst[0][mi].worst, g_worst[0][mi].where.c_str());
  return finish();
}
