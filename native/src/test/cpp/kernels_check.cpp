// Standalone check of the native kernels against slow, independent long-double references.
// Build and run: see README.md in this directory. Exits non-zero on any failure.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "hopfield4j.h"
#ifndef H4J_LINK_OPENBLAS
#include "openblas_stub.h"
#endif

using LD = long double;
static const double kInf = std::numeric_limits<double>::infinity();

// ---- bookkeeping ----------------------------------------------------------------------------
static int g_passed = 0, g_failed = 0;
static std::string fmt(const char* f, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, f);
  vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}
static void expect(bool ok, const std::string& what) {
  if (ok) {
    ++g_passed;
  } else {
    ++g_failed;
    if (g_failed <= 60) std::fprintf(stderr, "FAIL: %s\n", what.c_str());
  }
}

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
template <typename T>
static void run_map(Map map, const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                    double scale, const double* alpha, long long alpha_count);
template <>
void run_map<float>(Map map, const float* z, const unsigned char* mask, float* p, int* support, long long rows,
                    long long n, double scale, const double* alpha, long long alpha_count) {
  switch (map) {
    case Map::Softmax: h4j::softmax_f32(z, mask, p, support, rows, n, scale); break;
    case Map::Sparsemax: h4j::sparsemax_f32(z, mask, p, support, rows, n, scale); break;
    case Map::Entmax15: h4j::entmax15_f32(z, mask, p, support, rows, n, scale); break;
    case Map::Entmax: h4j::entmax_f32(z, mask, p, support, rows, n, scale, alpha, alpha_count); break;
  }
}
template <>
void run_map<double>(Map map, const double* z, const unsigned char* mask, double* p, int* support, long long rows,
                     long long n, double scale, const double* alpha, long long alpha_count) {
  switch (map) {
    case Map::Softmax: h4j::softmax_f64(z, mask, p, support, rows, n, scale); break;
    case Map::Sparsemax: h4j::sparsemax_f64(z, mask, p, support, rows, n, scale); break;
    case Map::Entmax15: h4j::entmax15_f64(z, mask, p, support, rows, n, scale); break;
    case Map::Entmax: h4j::entmax_f64(z, mask, p, support, rows, n, scale, alpha, alpha_count); break;
  }
}
static void run_backward(Map map, const float* p, const float* g, float* dz, long long rows, long long n, double scale,
                         const double* alpha, long long alpha_count) {
  switch (map) {
    case Map::Softmax: h4j::softmax_backward_f32(p, g, dz, rows, n, scale); break;
    case Map::Sparsemax: h4j::sparsemax_backward_f32(p, g, dz, rows, n, scale); break;
    case Map::Entmax15: h4j::entmax15_backward_f32(p, g, dz, rows, n, scale); break;
    case Map::Entmax: h4j::entmax_backward_f32(p, g, dz, rows, n, scale, alpha, alpha_count); break;
  }
}
static void run_backward(Map map, const double* p, const double* g, double* dz, long long rows, long long n,
                         double scale, const double* alpha, long long alpha_count) {
  switch (map) {
    case Map::Softmax: h4j::softmax_backward_f64(p, g, dz, rows, n, scale); break;
    case Map::Sparsemax: h4j::sparsemax_backward_f64(p, g, dz, rows, n, scale); break;
    case Map::Entmax15: h4j::entmax15_backward_f64(p, g, dz, rows, n, scale); break;
    case Map::Entmax: h4j::entmax_backward_f64(p, g, dz, rows, n, scale, alpha, alpha_count); break;
  }
}

// ---- test inputs ---------------------------------------------------------------------------
struct Batch {
  std::string name;
  long long rows = 0, n = 0;
  std::vector<double> z;
  std::vector<unsigned char> mask;  // empty: no mask
  const unsigned char* mask_ptr() const { return mask.empty() ? nullptr : mask.data(); }
};

static std::mt19937_64 rng(20240611);
static double gauss() { return std::normal_distribution<double>(0, 1)(rng); }
static double unif(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }

static Batch make_batch(int kind, long long rows, long long n) {
  Batch b;
  b.rows = rows;
  b.n = n;
  b.z.resize(rows * n);
  for (long long r = 0; r < rows; ++r) {
    double* z = &b.z[r * n];
    switch (kind) {
      case 0: { b.name = "gauss"; const double sd = std::pow(10.0, unif(-2, 1.5)); for (long long i = 0; i < n; ++i) z[i] = sd * gauss(); break; }
      case 1: b.name = "small-int ties"; for (long long i = 0; i < n; ++i) z[i] = double(rng() % 4); break;
      case 2: { b.name = "all equal"; const double v = gauss() * 5; for (long long i = 0; i < n; ++i) z[i] = v; break; }
      case 3: b.name = "magnitudes 1e-30..1e30";
        for (long long i = 0; i < n; ++i) z[i] = (rng() % 2 ? 1 : -1) * std::pow(10.0, unif(-30, 30));
        if (n > 2) z[n - 1] = z[0] = std::fabs(z[0]);  // a tied top value somewhere
        break;
      case 4: b.name = "tiny 1e-30"; for (long long i = 0; i < n; ++i) z[i] = 1e-30 * gauss(); break;
      case 5: b.name = "-inf entries";
        for (long long i = 0; i < n; ++i) z[i] = (rng() % 10 < 3) ? -kInf : gauss();
        if (r == rows - 1) for (long long i = 0; i < n; ++i) z[i] = -kInf;  // an all -inf row
        break;
      case 6: b.name = "one dominant"; for (long long i = 0; i < n; ++i) z[i] = gauss(); z[rng() % n] = 1e6; break;
      case 7: b.name = "sorted ascending"; for (long long i = 0; i < n; ++i) z[i] = 0.001 * double(i); break;
      case 8: b.name = "near ties"; for (long long i = 0; i < n; ++i) z[i] = 1.0 + 1e-9 * gauss(); break;
      case 9: b.name = "huge equal top"; for (long long i = 0; i < n; ++i) z[i] = (i % 3 == 0) ? 3e29 : -1e30 + gauss(); break;
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
  double err = 0, sum_err = 0;
  bool nonneg = true, supp_ok = true, masked_zero = true, finite = true, dead_ok = true;
  for (long long r = 0; r < rows; ++r) {
    const double a = alphas.empty() ? 0 : (alphas.size() == (size_t)rows ? alphas[r] : alphas[0]);
    const auto ref = ref_row(map, &zd[r * n], mask ? mask + r * n : nullptr, n, scale, a);
    LD sum = 0, ref_sum = 0;
    int count = 0;
    for (long long i = 0; i < n; ++i) {
      const T v = p[r * n + i];
      finite &= std::isfinite((double)v);
      nonneg &= v >= 0;
      count += v > 0;
      sum += v;
      ref_sum += ref[i];
      err = std::max(err, (double)fabsl((LD)v - ref[i]));
      if (!is_live(&zd[r * n], mask ? mask + r * n : nullptr, i)) masked_zero &= v == 0;
    }
    supp_ok &= support[r] == count;
    if (ref_sum == 0) dead_ok &= count == 0;
    else sum_err = std::max(sum_err, (double)fabsl(sum - 1));
  }
  const int fi = sizeof(T) == 8, mi = (int)map;
  if (err > g_worst[fi][mi].worst) g_worst[fi][mi] = {err, label};
  expect(finite, label + ": non-finite output");
  expect(err <= tol, label + fmt(": max |p - ref| = %.3g > %.3g", err, tol));
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
  for (long long i = 0; i < rows * n; ++i) err = std::max(err, std::fabs((double)pa[i] - (double)pb[i]));
  expect(err <= tol, fmt("%s %s [%s] n=%lld scale=%g: max diff %.3g > %.3g", what, sizeof(T) == 4 ? "f32" : "f64",
                         b.name.c_str(), n, scale, err, tol));
}

// ---- backward checks -----------------------------------------------------------------------
static void check_backward(Map map, double alpha, const Batch& b, double scale) {
  const long long rows = b.rows, n = b.n;
  const unsigned char* mask = b.mask_ptr();
  const std::string label = fmt("%s_backward alpha=%g [%s] n=%lld scale=%g", map_name(map), alpha, b.name.c_str(), n,
                                scale);
  std::vector<double> p(rows * n), g(rows * n), dz(rows * n, -7.0);
  for (auto& v : g) v = gauss();
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
      worst = std::max(worst, std::fabs(fd - dz[r * n + i]) / (1.0 + std::fabs(fd)));
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
    for (auto& v : g) v = gauss();
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
  h4j::softmax_f64(nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0);
  h4j::sparsemax_f32(nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0);
  h4j::entmax15_f64(nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0);
  h4j::entmax_f32(nullptr, nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  h4j::entmax_backward_f64(nullptr, nullptr, nullptr, 0, 5, 1.0, alpha, 1);
  h4j::softmax_backward_f32(nullptr, nullptr, nullptr, 0, 5, 1.0);
  expect(true, "rows = 0");
  // n = 0: support is 0 for every row.
  std::vector<int> s(3, -1);
  double dummy = 0;
  h4j::sparsemax_f64(&dummy, nullptr, &dummy, s.data(), 3, 0, 1.0);
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

// ---- main ----------------------------------------------------------------------------------
int main() {
  check_threads();
  check_shapes();

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
      }

  // alpha -> 1 approaches softmax (the gap is O(alpha - 1)).
  for (int rep = 0; rep < 5; ++rep) {
    Batch b = make_batch(0, 4, 50);
    for (auto& v : b.z) v = gauss();
    check_same<double>(Map::Entmax, 1.0001, Map::Softmax, b, 1.0, 1e-3, "entmax(1.0001) vs softmax");
    check_same<float>(Map::Entmax, 1.0001, Map::Softmax, b, 1.0, 1e-3, "entmax(1.0001) vs softmax");
  }

  // A long row with many candidates close to the max exercises the selection loop.
  for (int kind : {0, 1, 7, 8}) {
    Batch b = make_batch(kind, 1, 100000);
    if (kind == 0) for (auto& v : b.z) v *= 1e-4;
    check_forward<double>(Map::Sparsemax, b, 1.0, {}, 1e-12);
    check_forward<double>(Map::Entmax15, b, 1.0, {}, 1e-12);
    check_forward<double>(Map::Entmax, b, 1.0, {1.7}, 1e-12);
  }

  // Backward against finite differences.
  for (int rep = 0; rep < 6; ++rep)
    for (long long n : {1LL, 2LL, 5LL, 30LL}) {
      Batch b = make_batch(rep % 2 == 0 ? 0 : 5, 3, n);
      for (auto& v : b.z)
        if (std::isfinite(v)) v = gauss();
      if (rep >= 2) add_mask(b, true);
      const double scale = rep % 3 == 0 ? 1.0 : 2.5;
      check_backward(Map::Softmax, 1.0, b, scale);
      check_backward(Map::Sparsemax, 2.0, b, scale);
      check_backward(Map::Entmax15, 1.5, b, scale);
      for (double a : {1.25, 1.5, 2.0, 3.0}) check_backward(Map::Entmax, a, b, scale);
    }

  std::printf("worst |p - ref| per map (f64 / f32):\n");
  for (int mi = 0; mi < 4; ++mi)
    std::printf("  %-9s %.3g  (%s)\n  %-9s %.3g  (%s)\n", map_name((Map)mi), g_worst[1][mi].worst,
                g_worst[1][mi].where.c_str(), "", g_worst[0][mi].worst, g_worst[0][mi].where.c_str());
  std::printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
