// Standalone check of the batched retrieval engine (hopfield4j_retrieval.h) against a naive,
// independent long-double reference: full M-wide scores (the kernel straight from W, not from the
// precomputed keys), sort-based sparsemax, bisection entmax, dense weighted sums, per-query steps.
// Exits non-zero on any failure. The Maven build runs it (under ASan/UBSan); to build and run it by
// hand see README.md in this directory. Flags: --big or --full add the 10^6 x 64 float32 store;
// --only=NAME runs the section NAME alone (e.g. --only='register tiles').
// Timing sanity check (not a test; build like the library: -O3 -march=x86-64-v2 -ffp-contract=off, no sanitizers):
//   retrieval_check --bench [--block=4096] [--reps=5] [--beta=1] [--alpha=1.3] [--d=784] [--M=10000]
// (each map on the blocked, fused and register paths, in turns, against one sgemm of the first
// product's shape and against the 2 048^3 sgemm roofline)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "check_common.h"
#include "hopfield4j.h"
#include "hopfield4j_retrieval.h"

static const double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Sim { DOT = 0, KERNEL = 1, L2 = 2, L1 = 3 };
enum MapK { SOFTMAX = 0, SPARSEMAX = 1, ENTMAX15 = 2, ENTMAX = 3, POLY = 4 };
static const char* sim_name(int s) {
  static const char* n[] = {"dot", "kernel", "negL2", "negL1"};
  return n[s];
}
static const char* map_name(int m) {
  static const char* n[] = {"softmax", "sparsemax", "entmax15", "entmax", "poly"};
  return n[m];
}

// ---- problem --------------------------------------------------------------------------------
struct Store {
  long long M = 0, d = 0, D = 0;
  std::vector<double> xi;  // M x d
  std::vector<double> W;   // D x d (kernel)
  std::vector<double> A;   // M x d, xi W^T W (kernel keys)
};

struct Params {
  int sim = DOT, map = SOFTMAX;
  double beta = 1, alpha = 1.5, polyN = 3;
  int steps = 1;
  double eps = 0;
  long long block = 1 << 30;
  int path = h4j::RETRIEVAL_PATH_AUTO;
};

static Store make_store(Rng& rng, long long M, long long d, long long D, double scale = 1.0) {
  Store s;
  s.M = M;
  s.d = d;
  s.D = D;
  s.xi = random_matrix<double>(rng, M, d, scale);
  if (D > 0) {
    s.W = random_matrix<double>(rng, D, d, 1.0 / std::sqrt(static_cast<double>(D)));
    // A = xi W^T W
    std::vector<LD> WtW(d * d, 0);
    for (long long a = 0; a < d; ++a)
      for (long long b = 0; b < d; ++b) {
        LD acc = 0;
        for (long long r = 0; r < D; ++r) acc += (LD)s.W[r * d + a] * s.W[r * d + b];
        WtW[a * d + b] = acc;
      }
    s.A.resize(M * d);
    for (long long m = 0; m < M; ++m)
      for (long long b = 0; b < d; ++b) {
        LD acc = 0;
        for (long long a = 0; a < d; ++a) acc += (LD)s.xi[m * d + a] * WtW[a * d + b];
        s.A[m * d + b] = static_cast<double>(acc);
      }
  }
  return s;
}

// Queries: half near stored patterns, half random.
static std::vector<double> make_queries(Rng& rng, const Store& s, long long B, double noise) {
  std::normal_distribution<double> g(0.0, 1.0);
  std::uniform_int_distribution<long long> pick(0, s.M - 1);
  std::vector<double> q(B * s.d);
  for (long long b = 0; b < B; ++b) {
    const long long k = pick(rng);
    for (long long j = 0; j < s.d; ++j)
      q[b * s.d + j] = (b % 2 == 0) ? s.xi[k * s.d + j] + noise * g(rng) : g(rng);
  }
  return q;
}

// ---- reference (long double, full width, deliberately naive) --------------------------------
// The kernel's keys W xi_m, once per store (recomputing them for every query made the reference
// O(B M D d), which under QEMU's emulation took hours): empty for the other similarities.
static std::vector<LD> ref_keys(const Store& s, int sim) {
  std::vector<LD> keys;
  if (sim != KERNEL) return keys;
  keys.assign(s.M * s.D, 0);
  for (long long m = 0; m < s.M; ++m)
    for (long long r = 0; r < s.D; ++r)
      for (long long j = 0; j < s.d; ++j) keys[m * s.D + r] += (LD)s.W[r * s.d + j] * s.xi[m * s.d + j];
  return keys;
}

static std::vector<LD> ref_scores(const Store& s, const std::vector<LD>& keys, const std::vector<LD>& x, int sim) {
  const long long d = s.d;
  std::vector<LD> out(s.M);
  std::vector<LD> Wx;
  if (sim == KERNEL) {
    Wx.assign(s.D, 0);
    for (long long r = 0; r < s.D; ++r)
      for (long long j = 0; j < d; ++j) Wx[r] += (LD)s.W[r * d + j] * x[j];
  }
  for (long long m = 0; m < s.M; ++m) {
    const double* xi = &s.xi[m * d];
    LD acc = 0;
    if (sim == DOT) {
      for (long long j = 0; j < d; ++j) acc += (LD)xi[j] * x[j];
    } else if (sim == KERNEL) {
      for (long long r = 0; r < s.D; ++r) acc += keys[m * s.D + r] * Wx[r];
    } else if (sim == L2) {
      for (long long j = 0; j < d; ++j) acc += ((LD)xi[j] - x[j]) * ((LD)xi[j] - x[j]);
      acc = -sqrtl(acc);
    } else {
      for (long long j = 0; j < d; ++j) acc += fabsl((LD)xi[j] - x[j]);
      acc = -acc;
    }
    out[m] = acc;
  }
  return out;
}

static LD map_alpha(const Params& p) {
  return p.map == SPARSEMAX ? 2.0L : p.map == ENTMAX15 ? 1.5L : p.map == ENTMAX ? (LD)p.alpha : 1.0L;
}

// p = Sep(beta s) and Psi*(beta s).
static std::vector<LD> ref_map(const std::vector<LD>& sc, const Params& P, LD* psi) {
  const size_t n = sc.size();
  std::vector<LD> z(n), p(n, 0);
  for (size_t i = 0; i < n; ++i) z[i] = (LD)P.beta * sc[i];
  const LD zmax = *std::max_element(z.begin(), z.end());
  if (P.map == POLY) {
    LD smax = *std::max_element(sc.begin(), sc.end()), sum = 0;
    if (smax > 0) {
      for (size_t i = 0; i < n; ++i) sum += p[i] = sc[i] > 0 ? powl(sc[i] / smax, (LD)P.polyN) : 0;
      for (LD& v : p) v /= sum;
    }
    if (psi) *psi = NAN;
    return p;
  }
  if (P.map == SOFTMAX) {
    LD sum = 0;
    for (size_t i = 0; i < n; ++i) sum += p[i] = expl(z[i] - zmax);
    for (LD& v : p) v /= sum;
    if (psi) *psi = zmax + logl(sum);
    return p;
  }
  const LD a = map_alpha(P);
  if (P.map == SPARSEMAX) {
    std::vector<LD> srt(z);
    std::sort(srt.begin(), srt.end(), std::greater<LD>());
    LD cum = 0, tau = 0;
    for (size_t k = 0; k < n; ++k) {
      cum += srt[k];
      if (1 + (k + 1) * srt[k] > cum) tau = (cum - 1) / (k + 1);
    }
    for (size_t i = 0; i < n; ++i) p[i] = std::max<LD>(z[i] - tau, 0);
  } else {
    // bisection on tau for x = (a - 1)(z - zmax): sum [x - tau]_+^(1/(a-1)) = 1, tau in [-1, 0]
    const LD e = 1 / (a - 1);
    LD lo = -1, hi = 0;
    for (int it = 0; it < 300; ++it) {
      const LD mid = (lo + hi) / 2;
      if (mid == lo || mid == hi) break;  // converged to the last bit of long double
      LD mass = 0;
      for (size_t i = 0; i < n; ++i) {
        const LD t = (a - 1) * (z[i] - zmax) - mid;
        if (t > 0) mass += powl(t, e);
      }
      (mass >= 1 ? lo : hi) = mid;
    }
    const LD tau = (lo + hi) / 2;
    LD sum = 0;
    for (size_t i = 0; i < n; ++i) {
      const LD t = (a - 1) * (z[i] - zmax) - tau;
      sum += p[i] = t > 0 ? powl(t, e) : 0;
    }
    for (LD& v : p) v /= sum;
  }
  if (psi) {
    LD dot = 0, spa = 0;
    for (size_t i = 0; i < n; ++i) {
      dot += p[i] * z[i];
      spa += powl(p[i], a);
    }
    *psi = dot + (1 - spa) / (a * (a - 1));
  }
  return p;
}

// The energy at x, whose scores are sc.
static LD ref_energy(const Store& s, const std::vector<LD>& sc, const std::vector<LD>& x, const Params& P) {
  if (P.map == POLY) return NAN;
  LD psi;
  ref_map(sc, P, &psi);
  LD half = 0;
  if (P.sim == KERNEL) {
    for (long long r = 0; r < s.D; ++r) {
      LD w = 0;
      for (long long j = 0; j < s.d; ++j) w += (LD)s.W[r * s.d + j] * x[j];
      half += w * w;
    }
  } else {
    for (LD v : x) half += v * v;
  }
  return half / 2 - psi / (LD)P.beta;
}

struct Result {
  std::vector<double> out;
  std::vector<int> steps;
  std::vector<double> eB, eA;
  std::vector<std::vector<double>> weights;  // dense per query
};

static Result reference(const Store& s, const std::vector<double>& q, long long B, const Params& P) {
  Result r;
  const long long d = s.d;
  r.out.resize(B * d);
  r.steps.resize(B);
  r.eB.resize(B);
  r.eA.resize(B);
  r.weights.assign(B, std::vector<double>(s.M, 0.0));
  const std::vector<LD> keys = ref_keys(s, P.sim);
  for (long long b = 0; b < B; ++b) {
    std::vector<LD> x(q.begin() + b * d, q.begin() + (b + 1) * d);
    std::vector<LD> sc = ref_scores(s, keys, x, P.sim);  // always the scores of the current x
    r.eB[b] = (double)ref_energy(s, sc, x, P);
    std::vector<LD> p;
    int t = 0;
    if (P.steps == 0) p = ref_map(sc, P, nullptr);
    for (t = 1; t <= P.steps; ++t) {
      p = ref_map(sc, P, nullptr);
      std::vector<LD> y(d, 0);
      for (long long m = 0; m < s.M; ++m)
        if (p[m] != 0)
          for (long long j = 0; j < d; ++j) y[j] += p[m] * s.xi[m * d + j];
      // The engine stores states in T: a numerically one-hot softmax lands exactly on a pattern in
      // double, so the reference rounds its state to double too (else eps = 0 stops differ).
      for (LD& v : y) v = (LD)(double)v;
      LD diff = 0;
      for (long long j = 0; j < d; ++j) diff += (y[j] - x[j]) * (y[j] - x[j]);
      x = y;
      sc = ref_scores(s, keys, x, P.sim);
      if (sqrtl(diff) <= (LD)P.eps) break;
    }
    r.steps[b] = P.steps == 0 ? 0 : std::min(t, P.steps);
    for (long long j = 0; j < d; ++j) r.out[b * d + j] = (double)x[j];
    r.eA[b] = (double)ref_energy(s, sc, x, P);
    for (long long m = 0; m < s.M; ++m) r.weights[b][m] = (double)p[m];
  }
  return r;
}

// The reference of the last inputs, kept: the path sections compare float64, float32 and a second
// path with one reference of the same inputs (under QEMU's emulation the long-double reference is
// most of a check's time). Only the parameters the reference reads make the key.
static const Result& reference_of(const Store& s, const std::vector<double>& q, long long B, const Params& P) {
  struct Key {
    std::vector<double> xi, W, q;
    long long B;
    int sim, map, steps;
    double beta, alpha, polyN, eps;
    bool operator==(const Key& o) const {
      return xi == o.xi && W == o.W && q == o.q && B == o.B && sim == o.sim && map == o.map && steps == o.steps &&
             beta == o.beta && alpha == o.alpha && polyN == o.polyN && eps == o.eps;
    }
  };
  static Key last{};
  static Result result;
  static bool any = false;
  Key key{s.xi, s.W, q, B, P.sim, P.map, P.steps, P.beta, P.alpha, P.polyN, P.eps};
  if (!any || !(key == last)) {
    result = reference(s, q, B, P);
    last = std::move(key);
    any = true;
  }
  return result;
}

// ---- engine wrapper (with the weight-capacity protocol) -------------------------------------
template <typename T>
struct Typed {
  std::vector<T> xi, A, W;
  explicit Typed(const Store& s) : xi(s.xi.begin(), s.xi.end()), A(s.A.begin(), s.A.end()), W(s.W.begin(), s.W.end()) {}
};

// The engine's call struct for P on a store at xi (keys and W: kernel only); alpha is the test's own
// map_alpha (Java passes every map's alpha).
static h4j::RetrievalCall call_for(const void* xi, const void* keys, const void* W, long long M, long long d,
                                   long long D, long long B, const Params& P, long long cap) {
  h4j::RetrievalCall c{};
  c.memories = xi;
  c.keys = keys;
  c.W = W;
  c.M = M;
  c.d = d;
  c.D = D;
  c.B = B;
  c.similarity = P.sim;
  c.map = P.map;
  c.beta = P.beta;
  c.alpha = (double)map_alpha(P);
  c.polyN = P.polyN;
  c.maxSteps = P.steps;
  c.eps = P.eps;
  c.scoreBlock = P.block;
  c.weightCapacity = cap;
  c.path = P.path;
  return c;
}

template <typename T>
static h4j::RetrievalCall call_of(const Typed<T>& t, const Store& s, long long B, const Params& P, long long cap) {
  const bool kernel = P.sim == KERNEL;
  return call_for(t.xi.data(), kernel ? t.A.data() : nullptr, kernel ? t.W.data() : nullptr, s.M, s.d, s.D, B, P, cap);
}

template <typename T>
struct Same {
  using type = T;
};

// One engine call (T deduced from the store only, so null pointers need no cast); eB / eA (nullable,
// B each) receive the two halves of the energies.
template <typename T>
static long long call(const Typed<T>& t, const Store& s, const typename Same<T>::type* q, long long B,
                      typename Same<T>::type* out, const Params& P, int* steps, double* eB, double* eA, long long* off,
                      int* idx, typename Same<T>::type* val, long long cap) {
  const h4j::RetrievalCall c = call_of(t, s, B, P, cap);
  std::vector<double> e(eB != nullptr || eA != nullptr ? 2 * B : 0);
  double* ep = e.empty() ? nullptr : e.data();
  long long r;
  if constexpr (std::is_same<T, float>::value) r = h4j::retrieve_f32(&c, q, out, steps, ep, off, idx, val);
  else r = h4j::retrieve_f64(&c, q, out, steps, ep, off, idx, val);
  if (ep != nullptr && r == 0) {
    if (eB != nullptr) std::copy(e.begin(), e.begin() + B, eB);
    if (eA != nullptr) std::copy(e.begin() + B, e.end(), eA);
  }
  return r;
}

struct EngineOut {
  Result r;
  std::vector<long long> off;
  std::vector<int> idx;
  std::vector<double> val;
  long long first_return = 0;
  bool csr_ok = true;
};

template <typename T>
static EngineOut engine(const Store& s, const std::vector<double>& q64, long long B, const Params& P,
                        bool energies = true, bool weights = true) {
  Typed<T> t(s);
  std::vector<T> q(q64.begin(), q64.end());
  std::vector<T> out(B * s.d, T(-12345));
  EngineOut e;
  e.r.steps.assign(B, -7);
  e.r.eB.assign(B, kNaN);
  e.r.eA.assign(B, kNaN);
  std::vector<long long> off(B + 1, -3);
  std::vector<int> idx;
  std::vector<T> val;
  long long ret = call(t, s, q.data(), B, out.data(), P, e.r.steps.data(), energies ? e.r.eB.data() : nullptr,
                       energies ? e.r.eA.data() : nullptr, weights ? off.data() : nullptr, nullptr, nullptr, 0);
  e.first_return = ret;
  if (ret > 0) {
    // Capacity shortfall: nothing may have been written.
    bool untouched = std::all_of(out.begin(), out.end(), [](T v) { return v == T(-12345); }) &&
                     std::all_of(off.begin(), off.end(), [](long long v) { return v == -3; }) &&
                     std::all_of(e.r.steps.begin(), e.r.steps.end(), [](int v) { return v == -7; });
    expect(untouched, fmt("capacity shortfall wrote outputs (%s/%s)", map_name(P.map), sim_name(P.sim)));
    idx.assign(ret, -1);
    val.assign(ret, T(-1));
    const long long ret2 = call(t, s, q.data(), B, out.data(), P, e.r.steps.data(),
                                energies ? e.r.eB.data() : nullptr, energies ? e.r.eA.data() : nullptr, off.data(),
                                idx.data(), val.data(), ret);
    expect(ret2 == 0, fmt("retry with the returned capacity returned %lld", ret2));
  } else {
    expect(ret == 0, fmt("retrieve returned %lld", ret));
  }
  e.r.out.assign(out.begin(), out.end());
  if (weights) {
    e.r.weights.assign(B, std::vector<double>(s.M, 0.0));
    bool ok = off[0] == 0;
    for (long long b = 0; b < B && ok; ++b) {
      ok = off[b + 1] >= off[b];
      for (long long k = off[b]; k < off[b + 1] && ok; ++k) {
        ok = idx[k] >= 0 && idx[k] < s.M && (k == off[b] || idx[k] > idx[k - 1]);
        if (ok) e.r.weights[b][idx[k]] = (double)val[k];
        if (P.map != SOFTMAX) ok = ok && val[k] > T(0);
      }
    }
    if (P.map == SOFTMAX) ok = ok && off[B] == B * s.M;
    e.csr_ok = ok;
    e.off = off;
    e.idx = idx;
    e.val.assign(val.begin(), val.end());
  }
  return e;
}

// max |a - b| / (atol + rtol * scale), with scale the largest |b| (per vector).
static double rel_err(const std::vector<double>& a, const std::vector<double>& b, double atol, double rtol) {
  double scale = 0, worst = 0;
  for (double v : b) scale = std::max(scale, std::fabs(v));
  for (size_t i = 0; i < a.size(); ++i) {
    const double e = std::fabs(a[i] - b[i]);
    if (std::isnan(a[i]) != std::isnan(b[i])) return INFINITY;
    if (!std::isnan(e)) worst = std::max(worst, e / (atol + rtol * scale));
  }
  return worst;
}

static bool has_energy(const Params& P) { return (P.sim == DOT || P.sim == KERNEL) && P.map != POLY; }

template <typename T>
static void compare_with_reference(const Store& s, const std::vector<double>& q, long long B, const Params& P,
                                   const std::string& tag) {
  const double tol = std::is_same<T, double>::value ? 1e-9 : 2e-3;
  const Result& ref = reference_of(s, q, B, P);
  EngineOut e = engine<T>(s, q, B, P);
  std::string name = fmt("%s %s/%s beta=%g alpha=%g steps=%d block=%lld %s", std::is_same<T, double>::value ? "f64" : "f32",
                         map_name(P.map), sim_name(P.sim), P.beta, P.alpha, P.steps, P.block, tag.c_str());
  const double eo = rel_err(e.r.out, ref.out, tol, tol);
  expect(eo <= 1, fmt("%s: out differs from reference (%.3g)", name.c_str(), eo));
  // Steps agree exactly in float64 (eps = 0: a query stops only at an exact fixed point).
  if (std::is_same<T, double>::value || P.steps == 1)
    expect(e.r.steps == ref.steps, fmt("%s: steps differ", name.c_str()));
  if (has_energy(P)) {
    const double e1 = rel_err(e.r.eB, ref.eB, tol, tol), e2 = rel_err(e.r.eA, ref.eA, tol, tol);
    expect(e1 <= 1 && e2 <= 1, fmt("%s: energies differ (%.3g %.3g)", name.c_str(), e1, e2));
  } else if (P.map == POLY) {
    bool nan = true;
    for (long long b = 0; b < B; ++b) nan = nan && std::isnan(e.r.eB[b]) && std::isnan(e.r.eA[b]);
    expect(nan, fmt("%s: poly energies should be NaN", name.c_str()));
  }
  expect(e.csr_ok, fmt("%s: weights CSR malformed", name.c_str()));
  double ew = 0;
  for (long long b = 0; b < B; ++b) ew = worst_of(ew, rel_err(e.r.weights[b], ref.weights[b], tol, tol));
  expect(ew <= 1, fmt("%s: weights differ from reference (%.3g)", name.c_str(), ew));
  if (P.map != SOFTMAX && P.map != POLY && std::is_same<T, double>::value) {
    // The support (p > 0) matches the reference's, up to entries the reference puts at ~0.
    bool same = true;
    for (long long b = 0; b < B; ++b)
      for (long long m = 0; m < s.M; ++m)
        if ((e.r.weights[b][m] > 0) != (ref.weights[b][m] > 0) &&
            std::max(e.r.weights[b][m], ref.weights[b][m]) > 1e-12)
          same = false;
    expect(same, fmt("%s: support differs from reference", name.c_str()));
  }
}

// ---- the checks -----------------------------------------------------------------------------
static void check_against_reference() {
  Rng rng(42);
  const int maps[] = {SOFTMAX, SPARSEMAX, ENTMAX15, ENTMAX, ENTMAX, POLY};
  const double alphas[] = {1, 2, 1.5, 1.3, 3.0, 1};
  for (int sim = 0; sim < 4; ++sim)
    for (int mi = 0; mi < 6; ++mi)
      for (int steps : {1, 3})
        for (double beta : {0.05, 0.4, 3.0}) {
          const long long M = 37, d = 9, B = 6;
          Store s = make_store(rng, M, d, sim == KERNEL ? d + 3 : 0);
          std::vector<double> q = make_queries(rng, s, B, 0.5);
          Params P;
          P.sim = sim;
          P.map = maps[mi];
          P.alpha = alphas[mi];
          P.beta = beta;
          P.steps = steps;
          P.polyN = beta < 1 ? 3 : 10;
          for (long long block : {1LL, 7LL, M}) {
            P.block = block;
            compare_with_reference<double>(s, q, B, P, "");
          }
          P.block = 7;
          if (steps == 1 || maps[mi] == SOFTMAX || maps[mi] == POLY) compare_with_reference<float>(s, q, B, P, "");
        }
}

// Blocked and unblocked results agree (sparse maps bit for bit: same candidates, same order).
static void check_block_independence() {
  Rng rng(7);
  for (int sim = 0; sim < 4; ++sim)
    for (int map = 0; map < 5; ++map) {
      const long long M = 101, d = 12, B = 9;
      Store s = make_store(rng, M, d, sim == KERNEL ? 15 : 0);
      std::vector<double> q = make_queries(rng, s, B, 0.3);
      Params P;
      P.sim = sim;
      P.map = map;
      P.alpha = 1.7;
      P.beta = 0.5;
      P.steps = 3;
      P.block = M;
      EngineOut full = engine<double>(s, q, B, P);
      EngineOut fullf = engine<float>(s, q, B, P);
      for (long long block : {1LL, 7LL, 64LL, 100LL, 1000LL}) {
        P.block = block;
        EngineOut e = engine<double>(s, q, B, P);
        EngineOut ef = engine<float>(s, q, B, P);
        // Not bitwise: BLAS rounds a dot product differently depending on where it falls in the tile.
        const std::string name = fmt("%s/%s block=%lld", map_name(map), sim_name(sim), block);
        expect(rel_err(e.r.out, full.r.out, 1e-12, 1e-12) <= 1 && e.r.steps == full.r.steps,
               name + ": f64 blocked != unblocked");
        const double errf = rel_err(ef.r.out, fullf.r.out, 1e-4, 1e-4);  // 3 steps amplify rounding
        expect(errf <= 1, fmt("%s: f32 blocked != unblocked (%.3g)", name.c_str(), errf));
        double ew = 0, ewf = 0;
        for (long long b = 0; b < B; ++b) {
          ew = worst_of(ew, rel_err(e.r.weights[b], full.r.weights[b], 1e-12, 1e-12));
          ewf = worst_of(ewf, rel_err(ef.r.weights[b], fullf.r.weights[b], 1e-4, 1e-4));
        }
        expect(ew <= 1 && ewf <= 1, name + ": blocked weights != unblocked");
        if (has_energy(P))
          expect(rel_err(e.r.eB, full.r.eB, 1e-12, 1e-12) <= 1 && rel_err(e.r.eA, full.r.eA, 1e-12, 1e-12) <= 1,
                 name + ": f64 blocked energies != unblocked");
      }
    }
}

static void check_edge_shapes() {
  Rng rng(11);
  for (int map = 0; map < 5; ++map)
    for (int sim = 0; sim < 4; ++sim) {
      Params P;
      P.map = map;
      P.sim = sim;
      P.alpha = 2.5;
      P.beta = 0.7;
      P.steps = 2;
      // M = 1: every map puts all mass on the single memory (poly: if its score is positive).
      {
        Store s = make_store(rng, 1, 5, sim == KERNEL ? 6 : 0);
        std::vector<double> q = make_queries(rng, s, 4, 0.2);
        compare_with_reference<double>(s, q, 4, P, "M=1");
        compare_with_reference<float>(s, q, 4, P, "M=1");
      }
      // d = 1
      {
        Store s = make_store(rng, 10, 1, sim == KERNEL ? 2 : 0);
        std::vector<double> q = make_queries(rng, s, 5, 0.2);
        for (long long block : {1LL, 3LL, 10LL}) {
          P.block = block;
          compare_with_reference<double>(s, q, 5, P, "d=1");
        }
        P.block = 1 << 30;
      }
      // B = 0: nothing happens, offsets[0] = 0.
      {
        Store s = make_store(rng, 10, 3, sim == KERNEL ? 3 : 0);
        Typed<double> t(s);
        long long off[1] = {-1};
        double dummy = 0;
        int st = 0;
        const long long r = call(t, s, &dummy, 0, &dummy, P, &st, &dummy, &dummy, off, nullptr, nullptr, 0);
        expect(r == 0 && off[0] == 0, fmt("B=0 %s/%s", map_name(map), sim_name(sim)));
      }
      // maxSteps = 0: out = queries, steps 0, energies E(x_0), weights Sep(beta s(x_0)).
      {
        Store s = make_store(rng, 20, 4, sim == KERNEL ? 5 : 0);
        std::vector<double> q = make_queries(rng, s, 5, 0.2);
        Params P0 = P;
        P0.steps = 0;
        compare_with_reference<double>(s, q, 5, P0, "maxSteps=0");
        EngineOut e = engine<double>(s, q, 5, P0);
        expect(e.r.out == q, fmt("maxSteps=0 out != queries (%s/%s)", map_name(map), sim_name(sim)));
      }
    }
}

// The shapes of the fused-path and register-tile sections. threads: kernel threads for the shape (0:
// the caller's); zero: all queries 0 (every score ties).
struct TileShape {
  long long M, d, B;
  int steps;
  double beta;
  bool ties;
  const char* tag;
  int threads = 0;
  bool zero = false;
};

// Pattern m + M/2 := pattern m (the keys of a kernel store are not recomputed).
static void repeat_first_half(Store& s) {
  for (long long m = s.M / 2; m < s.M; ++m)
    std::copy(s.xi.begin() + (m - s.M / 2) * s.d, s.xi.begin() + (m - s.M / 2 + 1) * s.d, s.xi.begin() + m * s.d);
}

// The fused path (retrieval_fused.hpp) forced on shapes that stress its tiles, against the reference
// (outputs, steps, energies; the sparse maps' weights too: recorded softmax weights take the blocked
// path) and against the blocked path: M = 1, d = 1, B and M not multiples of the 512 x 512 tile,
// exact ties (every pattern twice, so equal scores fall in different tiles; one step, as a tie at
// an exact fixed point makes eps = 0 stopping a matter of rounding), weights that underflow to 0 (beta = 60,
// the retrieval's counterpart of a -inf mask), several steps.
static void check_fused_path() {
  Rng rng(23);
  const int threads_before = h4j::get_num_threads();
  const TileShape shapes[] = {{1, 5, 40, 2, 0.7, false, "M=1"},           {700, 1, 37, 2, 0.7, false, "d=1"},
                          {600, 3, 530, 1, 0.5, false, "ragged tiles"}, {600, 6, 64, 1, 0.4, true, "ties"},
                          {530, 8, 33, 2, 60.0, false, "underflow"}};
  for (const TileShape& sh : shapes)
    for (int sim = 0; sim < 3; ++sim)
      for (int map = 0; map < 5; ++map) {
        Store s = make_store(rng, sh.M, sh.d, sim == KERNEL ? sh.d + 2 : 0);
        if (sh.ties) repeat_first_half(s);  // every pattern twice: equal scores in different tiles
        if (sh.ties && sim == KERNEL) s = make_store(rng, sh.M, sh.d, sh.d + 2);  // keys follow xi: no ties
        std::vector<double> q = make_queries(rng, s, sh.B, 0.3);
        Params P;
        P.sim = sim;
        P.map = map;
        P.alpha = 1.4;
        P.beta = sh.beta;
        P.steps = sh.steps;
        P.polyN = 3;
        P.block = 256;
        P.path = h4j::RETRIEVAL_PATH_FUSED;
        const std::string tag = fmt("fused %s", sh.tag);
        const bool big = sh.B > 512;  // the ragged tiles: the long-double reference is slow, once is enough
        if (big && (map == ENTMAX || map == ENTMAX15)) continue;  // bisection references: minutes under sanitizers
        h4j::set_num_threads(big ? 1 : threads_before);  // one thread: all 530 rows in one thread, 512 + 18 per tile
        if (map != SOFTMAX && !big) {  // with weights
          compare_with_reference<double>(s, q, sh.B, P, tag);
          if (sh.steps == 1) compare_with_reference<float>(s, q, sh.B, P, tag);
        }
        const Result& ref = reference_of(s, q, sh.B, P);
        for (int f32 = 0; f32 < 2; ++f32) {
          if (f32 == 1 && sh.steps > 1 && map != SOFTMAX && map != POLY) continue;  // steps amplify f32 rounding
          const double tol = f32 ? 2e-3 : 1e-9;
          const EngineOut e = f32 ? engine<float>(s, q, sh.B, P, true, false) : engine<double>(s, q, sh.B, P, true, false);
          Params Pb = P;
          Pb.path = h4j::RETRIEVAL_PATH_BLOCKED;
          const EngineOut b = f32 ? engine<float>(s, q, sh.B, Pb, true, false) : engine<double>(s, q, sh.B, Pb, true, false);
          const std::string name = fmt("%s %s/%s %s", f32 ? "f32" : "f64", map_name(map), sim_name(sim), tag.c_str());
          const double eo = rel_err(e.r.out, ref.out, tol, tol);
          expect(eo <= 1, fmt("%s: out differs from reference (%.3g)", name.c_str(), eo));
          if (!f32 || sh.steps == 1) expect(e.r.steps == ref.steps, name + ": steps differ from reference");
          if (has_energy(P))
            expect(rel_err(e.r.eB, ref.eB, tol, tol) <= 1 && rel_err(e.r.eA, ref.eA, tol, tol) <= 1,
                   name + ": energies differ from reference");
          const double eb = rel_err(e.r.out, b.r.out, tol / 10, tol / 10);
          expect(eb <= 1, fmt("%s: fused != blocked (%.3g)", name.c_str(), eb));
        }
      }
  h4j::set_num_threads(threads_before);
}

// The register tiles (retrieval_registers.hpp; float32 candidate pass of the sparse maps, dot and
// kernel scores): the path is really taken where the CPU has AVX-512F, and its results equal the
// reference (outputs, energies, weights) and the blocked path. The shapes hit every edge of the tiling:
// M = 1 and d = 1; B not a multiple of the 32-query panel (padded lanes), on one thread and split over
// threads; M not a multiple of the 12-memory strip (short last strips); d = 300, where a chunk holds
// 216 memories (several chunks, the last one short); exact ties across strips and chunks (every
// pattern twice); a narrow window (beta = 60); and queries whose scores are all equal (zero queries:
// every strip ties at the running max, so the threshold test must pass ties on).
static void check_register_tiles() {
  Rng rng(29);
  const int threads_before = h4j::get_num_threads();
  const TileShape shapes[] = {{1, 5, 40, 1, 0.7, false, "M=1", 2},          {700, 1, 37, 1, 0.7, false, "d=1", 2},
                              {531, 8, 77, 1, 0.5, false, "ragged", 1},     {533, 8, 96, 1, 0.5, false, "threads", 2},
                              {600, 300, 45, 1, 0.05, true, "chunks", 2},   {602, 6, 64, 1, 0.4, true, "ties", 2},
                              {530, 8, 33, 1, 60.0, false, "narrow", 2},    {100, 4, 33, 1, 1.0, false, "zero", 1, true}};
#if defined(__x86_64__)
  const bool avx512 = __builtin_cpu_supports("avx512f");
#else
  const bool avx512 = false;  // the register tiles are x86-64 only: elsewhere the fused path stands in
#endif
  for (const TileShape& sh : shapes)
    for (int sim = DOT; sim <= KERNEL; ++sim)
      for (int map : {SPARSEMAX, ENTMAX15, ENTMAX}) {
        Store s = make_store(rng, sh.M, sh.d, sim == KERNEL ? sh.d + 2 : 0);
        if (sh.ties && sim == DOT) repeat_first_half(s);  // equal scores in different strips / chunks
        std::vector<double> q = make_queries(rng, s, sh.B, 0.3);
        if (sh.zero) std::fill(q.begin(), q.end(), 0.0);
        Params P;
        P.sim = sim;
        P.map = map;
        P.alpha = 1.4;
        P.beta = sh.beta;
        P.block = 256;
        P.path = h4j::RETRIEVAL_PATH_REGISTERS;
        h4j::set_num_threads(sh.threads);
        Typed<float> t(s);
        const h4j::RetrievalCall c = call_of(t, s, sh.B, P, 0);
        const int taken = h4j::retrieval_path_f32(&c, 0);
        expect(taken == (avx512 ? h4j::RETRIEVAL_PATH_REGISTERS : h4j::RETRIEVAL_PATH_FUSED),
               fmt("registers %s %s/%s: path taken %d", sh.tag, map_name(map), sim_name(sim), taken));
        const std::string tag = fmt("registers %s", sh.tag);
        compare_with_reference<float>(s, q, sh.B, P, tag);
        Params Pb = P;
        Pb.path = h4j::RETRIEVAL_PATH_BLOCKED;
        const EngineOut e = engine<float>(s, q, sh.B, P), b = engine<float>(s, q, sh.B, Pb);
        const double eb = rel_err(e.r.out, b.r.out, 2e-4, 2e-4);
        expect(eb <= 1, fmt("f32 %s/%s %s: registers != blocked (%.3g)", map_name(map), sim_name(sim), tag.c_str(), eb));
      }
  h4j::set_num_threads(threads_before);
  // Forced REGISTERS where the tiles cannot run is the fused path: float64, softmax, poly, neg L2.
  Store s = make_store(rng, 600, 6, 0);
  Params P;
  P.path = h4j::RETRIEVAL_PATH_REGISTERS;
  P.map = SPARSEMAX;
  Typed<double> t64(s);
  const h4j::RetrievalCall c64 = call_of(t64, s, 40, P, 0);
  expect(h4j::retrieval_path_f64(&c64, 0) == h4j::RETRIEVAL_PATH_FUSED, "registers: float64 takes the fused path");
  Typed<float> t32(s);
  P.map = POLY;
  const h4j::RetrievalCall cp = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&cp, 0) == h4j::RETRIEVAL_PATH_FUSED, "registers: poly takes the fused path");
  P.map = SPARSEMAX;
  P.sim = L2;
  const h4j::RetrievalCall cl2 = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&cl2, 0) == h4j::RETRIEVAL_PATH_FUSED, "registers: neg L2 takes the fused path");
  // AUTO: the shape rule of pass_path.
  P.sim = DOT;
  P.path = h4j::RETRIEVAL_PATH_AUTO;
  const h4j::RetrievalCall ca = call_of(t32, s, 40, P, 0), cs = call_of(t32, s, 8, P, 0);
  expect(h4j::retrieval_path_f32(&ca, 0) == (avx512 ? h4j::RETRIEVAL_PATH_REGISTERS : h4j::RETRIEVAL_PATH_FUSED),
         "auto: sparsemax, B = 40, M = 600, d = 6 takes the register tiles");
  expect(h4j::retrieval_path_f32(&cs, 0) == h4j::RETRIEVAL_PATH_BLOCKED, "auto: B = 8 takes the blocked path");
  P.map = ENTMAX;
  const h4j::RetrievalCall ce = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&ce, 0) == (avx512 ? h4j::RETRIEVAL_PATH_REGISTERS : h4j::RETRIEVAL_PATH_BLOCKED),
         "auto: alpha-entmax takes the register tiles, else the blocked path");
  const h4j::RetrievalCall ce64 = call_of(t64, s, 40, P, 0);
  expect(h4j::retrieval_path_f64(&ce64, 0) == h4j::RETRIEVAL_PATH_BLOCKED, "auto: float64 alpha-entmax stays blocked");
  P.map = SOFTMAX;
  const h4j::RetrievalCall cw = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&cw, 1) == h4j::RETRIEVAL_PATH_BLOCKED, "auto: recorded softmax weights stay blocked");
}

// A store whose scores rise along the memories, in small integers (exact in float32): column 0 of
// pattern m is m / 10, the other columns and the queries small random integers, query column 0 = 1.
// The running max of every query moves span after span, and equal scores tie exactly.
static void rising_store(Rng& rng, Store& s, std::vector<double>& q, long long B) {
  std::uniform_int_distribution<int> small(-2, 2);
  for (long long m = 0; m < s.M; ++m)
    for (long long j = 0; j < s.d; ++j) s.xi[m * s.d + j] = j == 0 ? static_cast<double>(m / 10) : small(rng);
  for (long long b = 0; b < B; ++b)
    for (long long j = 0; j < s.d; ++j) q[b * s.d + j] = j == 0 ? 1.0 : small(rng) / 2;
}

// Softmax's flash pass (retrieval_flash.hpp; REGISTERS for float32 dot and kernel softmax). Called
// directly, it must run (true) where every shift fits the float exponentials and give the reference's
// outputs and log-partition; through the engine, outputs, energies (the pass without outputs) and
// steps equal the reference and the blocked path. Shapes: M = 1, d = 1; B not a multiple of the
// 32-query panel, on one and on two threads; M not a multiple of the 12-memory strip, the 120-memory
// span or the chunk and d not a multiple of the 12 columns of the second product (d = 13, 300);
// exact ties across spans; weights that underflow to 0 (beta = 60); all scores equal (zero queries);
// a running max that moves at nearly every span, with beta s up to 2.4e5 (fits) and 1.2e7 (does not:
// the pass declines and the engine's fused pass gives the same results). Several steps on one shape.
static void check_flash_softmax() {
  Rng rng(31);
  const int threads_before = h4j::get_num_threads();
  const TileShape shapes[] = {{1, 5, 40, 1, 0.7, false, "M=1", 2},           {700, 1, 37, 1, 0.7, false, "d=1", 2},
                              {1531, 13, 77, 1, 0.5, false, "ragged", 1},    {533, 8, 96, 3, 0.5, false, "threads", 2},
                              {1000, 300, 45, 1, 0.05, true, "chunks", 2},   {602, 6, 64, 1, 0.4, true, "ties", 2},
                              {530, 8, 33, 1, 60.0, false, "underflow", 2},  {100, 4, 33, 1, 1.0, false, "zero", 1, true},
                              {1000, 7, 50, 1, 1.0, false, "rising", 2},     {1000, 7, 50, 1, 2000.0, false, "rising huge", 2},
                              {1000, 7, 50, 1, 1e5, false, "rising beyond", 2}};
#if defined(__x86_64__)
  const bool avx512 = __builtin_cpu_supports("avx512f");
#else
  const bool avx512 = false;  // x86-64 only: elsewhere the fused path stands in
#endif
  for (const TileShape& sh : shapes)
    for (int sim = DOT; sim <= KERNEL; ++sim) {
      const bool rising = std::strncmp(sh.tag, "rising", 6) == 0;
      if (rising && sim == KERNEL) continue;  // its keys are not integers
      Store s = make_store(rng, sh.M, sh.d, sim == KERNEL ? sh.d + 2 : 0);
      if (sh.ties && sim == DOT) repeat_first_half(s);
      std::vector<double> q = make_queries(rng, s, sh.B, 0.3);
      if (sh.zero) std::fill(q.begin(), q.end(), 0.0);
      if (rising) rising_store(rng, s, q, sh.B);
      Params P;
      P.sim = sim;
      P.map = SOFTMAX;
      P.beta = sh.beta;
      P.steps = sh.steps;
      P.path = h4j::RETRIEVAL_PATH_REGISTERS;
      h4j::set_num_threads(sh.threads);
      const std::string name = fmt("flash %s/%s %s", sim_name(sim), sh.tag, sh.steps > 1 ? "(steps)" : "");
      Typed<float> t(s);
      const h4j::RetrievalCall c = call_of(t, s, sh.B, P, 0);
      expect(h4j::retrieval_path_f32(&c, 0) == (avx512 ? h4j::RETRIEVAL_PATH_REGISTERS : h4j::RETRIEVAL_PATH_FUSED),
             name + ": path taken");
      const Result ref = reference(s, q, sh.B, P);
      const double tol = 2e-3;
      if (sh.steps == 1) {
        const std::vector<float> x(q.begin(), q.end());
        std::vector<float> y(x.size(), -1.f);
        std::vector<double> psi(sh.B, kNaN);
        const bool ran = h4j::detail::ret::flash_softmax(h4j::detail::ret::problem_of<float>(c), x.data(), sh.B, y.data(),
                                                         psi.data());
        const bool fits = std::strcmp(sh.tag, "rising beyond") != 0;
        expect(ran == (avx512 && fits), fmt("%s: flash pass ran %d", name.c_str(), ran));
        if (ran) {
          std::vector<double> lse(sh.B);
          const std::vector<LD> keys = ref_keys(s, sim);
          for (long long b = 0; b < sh.B; ++b) {
            const std::vector<LD> sc = ref_scores(s, keys, std::vector<LD>(q.begin() + b * s.d, q.begin() + (b + 1) * s.d), sim);
            LD mx = -INFINITY, sum = 0;
            for (LD v : sc) mx = std::max(mx, (LD)sh.beta * v);
            for (LD v : sc) sum += expl((LD)sh.beta * v - mx);
            lse[b] = (double)(mx + logl(sum));
          }
          const double ey = rel_err(std::vector<double>(y.begin(), y.end()), ref.out, tol, tol);
          const double ep = rel_err(psi, lse, tol, 1e-6);
          expect(ey <= 1 && ep <= 1, fmt("%s: flash pass differs from reference (out %.3g, log-partition %.3g)",
                                         name.c_str(), ey, ep));
        }
      }
      Params Pb = P;
      Pb.path = h4j::RETRIEVAL_PATH_BLOCKED;
      const EngineOut e = engine<float>(s, q, sh.B, P, true, false), b = engine<float>(s, q, sh.B, Pb, true, false);
      const double eo = rel_err(e.r.out, ref.out, tol, tol), eb = rel_err(e.r.out, b.r.out, tol / 10, tol / 10);
      expect(eo <= 1, fmt("%s: out differs from reference (%.3g)", name.c_str(), eo));
      expect(eb <= 1, fmt("%s: registers != blocked (%.3g)", name.c_str(), eb));
      expect(e.r.steps == ref.steps, name + ": steps differ from reference");
      expect(rel_err(e.r.eB, ref.eB, tol, tol) <= 1 && rel_err(e.r.eA, ref.eA, tol, tol) <= 1,
             name + ": energies differ from reference");
    }
  h4j::set_num_threads(threads_before);
  // AUTO: softmax takes the flash pass where the fused path runs and beta is in float range.
  Store s = make_store(rng, 600, 6, 0);
  Typed<float> t32(s);
  Params P;
  const h4j::RetrievalCall ca = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&ca, 0) == (avx512 ? h4j::RETRIEVAL_PATH_REGISTERS : h4j::RETRIEVAL_PATH_FUSED),
         "auto: softmax, B = 40, M = 600, d = 6 takes the flash pass");
  P.beta = 1e31;
  const h4j::RetrievalCall cb = call_of(t32, s, 40, P, 0);
  expect(h4j::retrieval_path_f32(&cb, 0) == h4j::RETRIEVAL_PATH_FUSED, "auto: softmax with beta = 1e31 stays fused");
}

// Per-query stopping: a stored, well separated pattern is a fixed point of sparsemax (1 step, exact),
// a noisy copy needs 2 (one to land on the pattern, one to see no change), others run to maxSteps.
static void check_eps_stopping() {
  Rng rng(5);
  const long long M = 16, d = 32;
  Store s = make_store(rng, M, d, 0);
  // Separation Delta = min over mu != nu of <xi_mu, xi_mu> - <xi_mu, xi_nu>; one-hot iff beta Delta >= 1.
  double delta = INFINITY;
  for (long long a = 0; a < M; ++a)
    for (long long b = 0; b < M; ++b)
      if (a != b) {
        double aa = 0, ab = 0;
        for (long long j = 0; j < d; ++j) {
          aa += s.xi[a * d + j] * s.xi[a * d + j];
          ab += s.xi[a * d + j] * s.xi[b * d + j];
        }
        delta = std::min(delta, aa - ab);
      }
  expect(delta > 0, "random store is separated");
  const long long B = 6;
  std::vector<double> q(B * d);
  std::normal_distribution<double> g(0, 1);
  for (long long j = 0; j < d; ++j) {
    q[0 * d + j] = s.xi[3 * d + j];                   // exact pattern
    q[1 * d + j] = s.xi[5 * d + j] + 0.05 * g(rng);   // near a pattern
    q[2 * d + j] = s.xi[7 * d + j];                   // exact pattern
    q[3 * d + j] = 0.01 * g(rng);                     // near the origin: ambiguous
    q[4 * d + j] = s.xi[9 * d + j] + 0.05 * g(rng);
    q[5 * d + j] = 0.5 * (s.xi[1 * d + j] + s.xi[2 * d + j]);
  }
  Params P;
  P.map = SPARSEMAX;
  P.beta = 2.0 / delta;
  P.steps = 6;
  P.eps = 0;
  for (long long block : {1LL, 5LL, M}) {
    P.block = block;
    EngineOut e = engine<double>(s, q, B, P);
    Result ref = reference(s, q, B, P);
    expect(e.r.steps == ref.steps, fmt("eps stopping: steps match reference (block %lld)", block));
    expect(e.r.steps[0] == 1 && e.r.steps[2] == 1 && e.r.steps[1] == 2 && e.r.steps[4] == 2,
           fmt("eps stopping: fixed points stop after 1 step, near ones after 2 (got %d %d %d %d)", e.r.steps[0],
               e.r.steps[2], e.r.steps[1], e.r.steps[4]));
    // Exact retrieval with one-hot weights.
    bool exact = true;
    for (long long j = 0; j < d; ++j)
      exact = exact && e.r.out[0 * d + j] == s.xi[3 * d + j] && e.r.out[1 * d + j] == s.xi[5 * d + j];
    expect(exact, "sparsemax retrieves well separated patterns exactly");
    expect(e.off[1] - e.off[0] == 1 && e.idx[e.off[0]] == 3 && e.val[e.off[0]] == 1.0, "sparsemax weights one-hot");
    expect(rel_err(e.r.out, ref.out, 1e-9, 1e-9) <= 1, "eps stopping: out matches reference");
  }
  // eps > 0 with softmax: queries stop at different steps; compare to the reference.
  P.map = SOFTMAX;
  P.beta = 0.5;
  P.steps = 25;
  P.eps = 1e-3;
  P.block = 5;
  EngineOut e = engine<double>(s, q, B, P);
  Result ref = reference(s, q, B, P);
  expect(e.r.steps == ref.steps, "softmax eps stopping: steps match reference");
  expect(rel_err(e.r.out, ref.out, 1e-9, 1e-9) <= 1, "softmax eps stopping: out matches reference");
  int distinct = 0;
  for (long long b = 1; b < B; ++b) distinct += e.r.steps[b] != e.r.steps[0];
  expect(distinct > 0, "softmax eps stopping: queries stop at different steps");
  // Softmax never retrieves exactly (weights never one-hot), even at a stored pattern.
  bool never_one_hot = true;
  for (long long b = 0; b < B; ++b) {
    int positive = 0;
    for (long long m = 0; m < M; ++m) positive += e.r.weights[b][m] > 0;
    never_one_hot = never_one_hot && positive > 1;
  }
  expect(never_one_hot, "softmax weights are never one-hot");
}

// The energy never increases along the iteration (dot for every alpha >= 1; kernel with a full
// column rank W), checked step by step with maxSteps = 1 calls, and energyAfter of one call = the
// energyBefore of the next.
template <typename T>
static void check_energy_descent() {
  Rng rng(std::is_same<T, double>::value ? 99 : 98);
  const int maps[] = {SOFTMAX, SPARSEMAX, ENTMAX15, ENTMAX, ENTMAX, ENTMAX};
  const double alphas[] = {1, 2, 1.5, 1.2, 2.5, 4};
  const double tol = std::is_same<T, double>::value ? 1e-12 : 2e-5;
  for (int sim : {DOT, KERNEL})
    for (int mi = 0; mi < 6; ++mi)
      for (double beta : {0.1, 1.0, 8.0}) {
        const long long M = 60, d = 10, B = 12;
        Store s = make_store(rng, M, d, sim == KERNEL ? 14 : 0, 0.5);
        std::vector<double> q = make_queries(rng, s, B, 0.8);
        Params P;
        P.sim = sim;
        P.map = maps[mi];
        P.alpha = alphas[mi];
        P.beta = beta;
        P.steps = 1;
        P.block = 16;
        std::vector<double> prevAfter;
        std::vector<double> prevE;
        bool mono = true, chain = true;
        double worst = 0;
        for (int t = 0; t < 12; ++t) {
          EngineOut e = engine<T>(s, q, B, P, true, false);
          for (long long b = 0; b < B; ++b) {
            const double E = e.r.eB[b];
            if (!prevE.empty()) {
              const double inc = (E - prevE[b]) / (1 + std::fabs(prevE[b]));
              worst = std::max(worst, inc);
              if (inc > tol) mono = false;
              if (std::fabs(E - prevAfter[b]) > tol * (1 + std::fabs(E))) chain = false;
            }
          }
          prevE = e.r.eB;
          prevAfter = e.r.eA;
          q = e.r.out;
        }
        const std::string name = fmt("%s %s/%s alpha=%g beta=%g", std::is_same<T, double>::value ? "f64" : "f32",
                                     map_name(maps[mi]), sim_name(sim), alphas[mi], beta);
        expect(mono, fmt("%s: energy increased (worst relative %.3g)", name.c_str(), worst));
        expect(chain, name + ": energyAfter != next energyBefore");
      }
}

// Poly: normalised max(s, 0)^n; no positive score gives y = 0 and no weights.
static void check_poly() {
  Rng rng(3);
  Store s = make_store(rng, 25, 6, 0);
  std::vector<double> q = make_queries(rng, s, 8, 0.3);
  for (double n : {1.0, 2.5, 10.0, 31.0})
    for (long long block : {1LL, 4LL, 25LL}) {
      Params P;
      P.map = POLY;
      P.polyN = n;
      P.steps = 2;
      P.block = block;
      compare_with_reference<double>(s, q, 8, P, fmt("n=%g", n));
    }
  // All scores negative: query opposite to every pattern.
  Store pos = s;
  for (long long m = 0; m < pos.M; ++m)
    for (long long j = 0; j < pos.d; ++j) pos.xi[m * pos.d + j] = std::fabs(pos.xi[m * pos.d + j]) + 0.1;
  std::vector<double> neg(3 * pos.d, -1.0);
  Params P;
  P.map = POLY;
  P.polyN = 10;
  P.steps = 3;
  EngineOut e = engine<double>(pos, neg, 3, P);
  bool zero = std::all_of(e.r.out.begin(), e.r.out.end(), [](double v) { return v == 0.0; });
  expect(zero, "poly without a positive score gives y = 0");
  expect(e.first_return == 0 && e.off[3] == 0, "poly without a positive score stores no weights");
  expect(e.r.steps[0] == 2, "poly: after y = 0 the next step sees no change");
}

// The capacity protocol and softmax's up-front answer.
static void check_capacity() {
  Rng rng(8);
  Store s = make_store(rng, 30, 5, 0);
  std::vector<double> q = make_queries(rng, s, 4, 0.3);
  Typed<double> t(s);
  for (int map = 0; map < 5; ++map) {
    Params P;
    P.map = map;
    P.beta = 0.2;
    P.steps = 2;
    std::vector<double> out(q.size(), 0), qq(q);
    std::vector<long long> off(5, -1);
    std::vector<int> idx(3, -1);
    std::vector<double> val(3, -1);
    // out aliases queries: a shortfall must leave the queries intact for the retry.
    const long long need = call(t, s, qq.data(), 4, qq.data(), P, nullptr, nullptr, nullptr, off.data(), idx.data(),
                                val.data(), 3);
    if (map == SOFTMAX) expect(need == 4 * 30, "softmax needs B * M pairs");
    expect(need > 3, fmt("%s: capacity 3 too small (returned %lld)", map_name(map), need));
    expect(qq == q && off[0] == -1 && idx[0] == -1 && val[0] == -1, fmt("%s: shortfall wrote something", map_name(map)));
    idx.assign(need, -1);
    val.assign(need, -1);
    const long long r = call(t, s, qq.data(), 4, qq.data(), P, nullptr, nullptr, nullptr, off.data(), idx.data(),
                             val.data(), need);
    Result ref = reference(s, q, 4, P);
    expect(r == 0 && off[4] == need, fmt("%s: retry fills exactly the returned capacity", map_name(map)));
    expect(rel_err(qq, ref.out, 1e-9, 1e-9) <= 1, fmt("%s: retry in place matches reference", map_name(map)));
    // A larger capacity than needed is fine too.
    std::vector<int> idx2(need + 10);
    std::vector<double> val2(need + 10);
    std::vector<double> out2(q.size());
    const long long r2 = call(t, s, q.data(), 4, out2.data(), P, nullptr, nullptr, nullptr, off.data(), idx2.data(),
                              val2.data(), need + 10);
    expect(r2 == 0 && off[4] == need, fmt("%s: larger capacity", map_name(map)));
  }
}

// Many Java threads at once: same results as one at a time.
static void check_concurrency() {
  Rng rng(21);
  Store s = make_store(rng, 200, 16, 0);
  std::vector<double> q = make_queries(rng, s, 40, 0.4);
  std::vector<EngineOut> serial;
  for (int map = 0; map < 5; ++map) {
    Params P;
    P.map = map;
    P.beta = 0.3;
    P.steps = 3;
    P.block = 32;
    serial.push_back(engine<double>(s, q, 40, P));
  }
  std::vector<int> ok(8, 1);
  std::vector<std::thread> threads;
  for (int th = 0; th < 8; ++th)
    threads.emplace_back([&, th] {
      for (int rep = 0; rep < 3; ++rep)
        for (int map = 0; map < 5; ++map) {
          Params P;
          P.map = map;
          P.beta = 0.3;
          P.steps = 3;
          P.block = 32;
          // No expect() here (the counters are not atomic): collect and report after the join.
          Typed<double> t(s);
          std::vector<double> out(q.size());
          std::vector<int> st(40);
          const long long need = call(t, s, q.data(), 40, out.data(), P, st.data(), nullptr, nullptr, nullptr,
                                      nullptr, nullptr, 0);
          if (need != 0 || rel_err(out, serial[map].r.out, 1e-12, 1e-12) > 1 || st != serial[map].r.steps) ok[th] = 0;
        }
    });
  for (auto& th : threads) th.join();
  expect(std::all_of(ok.begin(), ok.end(), [](int v) { return v == 1; }), "concurrent calls agree with serial ones");
  // And with one kernel thread.
  const int threads_before = h4j::get_num_threads();
  h4j::set_num_threads(1);
  for (int map = 0; map < 5; ++map) {
    Params P;
    P.map = map;
    P.beta = 0.3;
    P.steps = 3;
    P.block = 32;
    EngineOut e = engine<double>(s, q, 40, P);
    expect(rel_err(e.r.out, serial[map].r.out, 1e-12, 1e-12) <= 1, fmt("%s: one thread == many", map_name(map)));
  }
  h4j::set_num_threads(threads_before);
}

// gemm_abt against a naive product.
static void check_gemm() {
  Rng rng(1);
  for (auto [m, n, k] : {std::tuple<long long, long long, long long>{3, 5, 7}, {1, 1, 1}, {17, 4, 33}, {2, 3, 0}}) {
    const std::vector<double> A = random_matrix<double>(rng, m, k, 1.0), B = random_matrix<double>(rng, n, k, 1.0);
    std::vector<double> C(m * n, 99.0);
    h4j::gemm_abt_f64(A.data(), B.data(), C.data(), m, n, k);
    std::vector<float> Af(A.begin(), A.end()), Bf(B.begin(), B.end()), Cf(m * n, 99.f);
    h4j::gemm_abt_f32(Af.data(), Bf.data(), Cf.data(), m, n, k);
    double err = 0, errf = 0;
    for (long long i = 0; i < m; ++i)
      for (long long j = 0; j < n; ++j) {
        LD acc = 0;
        for (long long t = 0; t < k; ++t) acc += (LD)A[i * k + t] * B[j * k + t];
        err = worst_of(err, std::fabs(C[i * n + j] - (double)acc));
        errf = worst_of(errf, std::fabs(Cf[i * n + j] - (double)acc));
      }
    expect(err < 1e-12 && errf < 1e-4, fmt("gemm_abt %lldx%lldx%lld", m, n, k));
  }
}

static long max_rss_kb() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A 10^6 x 64 float32 store retrieves B = 64 queries without anything B x M wide; the first queries
// are checked against the naive reference (one step, float64 over the full width).
static void check_big_store() {
  const long long M = 1000000, d = 64, B = 64;
  Rng rng(123);
  std::normal_distribution<float> g(0.f, 1.f);
  std::vector<float> xi(M * d);
  for (float& v : xi) v = g(rng);
  std::vector<float> q(B * d);
  for (long long b = 0; b < B; ++b) {
    const long long target = (b * 15485863LL) % M;
    for (long long j = 0; j < d; ++j) q[b * d + j] = xi[target * d + j] + 0.05f * g(rng);
  }
  const long rss0 = max_rss_kb();
  const int maps[] = {SPARSEMAX, SOFTMAX, ENTMAX15};
  Params P;
  P.beta = 0.5;
  P.steps = 1;
  P.block = 4096;
  std::vector<std::vector<float>> outs;
  std::vector<std::vector<double>> eBs, eAs;
  for (int map : maps) {
    std::vector<float> out(B * d);
    std::vector<int> st(B);
    std::vector<double> eB(B), eA(B);
    const auto t0 = std::chrono::steady_clock::now();
    P.map = map;
    const h4j::RetrievalCall c = call_for(xi.data(), nullptr, nullptr, M, d, 0, B, P, 0);
    std::vector<double> e(2 * B);
    const long long r = h4j::retrieve_f32(&c, q.data(), out.data(), st.data(), e.data(), nullptr, nullptr, nullptr);
    std::copy(e.begin(), e.begin() + B, eB.begin());
    std::copy(e.begin() + B, e.end(), eA.begin());
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("big store 1e6 x 64 f32, B = 64, %s, 1 step + energies before/after: %.2f s\n", map_name(map), secs);
    expect(r == 0, "big store: retrieve returned 0");
    outs.push_back(out);
    eBs.push_back(eB);
    eAs.push_back(eA);
  }
  const long grown = max_rss_kb() - rss0;
  std::printf("big store: peak RSS grew by %ld MB during the retrievals (the store is %lld MB; a B x M float array "
              "would be %lld MB)\n", grown / 1024, M * d * 4 >> 20, B * M * 4 >> 20);
#ifndef __SANITIZE_ADDRESS__
  expect(grown < 64 * 1024, fmt("big store: working memory stays small (%ld MB)", grown / 1024));
#endif
  // The first queries against the naive reference (float64 over the full width).
  const long long checked = 3;
  Store s;
  s.M = M;
  s.d = d;
  s.xi.assign(xi.begin(), xi.end());
  std::vector<double> q64(q.begin(), q.begin() + checked * d);
  for (int k = 0; k < 3; ++k) {
    P.map = maps[k];
    Result ref = reference(s, q64, checked, P);
    std::vector<double> o(outs[k].begin(), outs[k].begin() + checked * d);
    std::vector<double> e1(eBs[k].begin(), eBs[k].begin() + checked), e2(eAs[k].begin(), eAs[k].begin() + checked);
    const double err = rel_err(o, ref.out, 1e-3, 1e-3);
    expect(err <= 1, fmt("big store %s: matches the reference (%.3g)", map_name(maps[k]), err));
    expect(rel_err(e1, ref.eB, 1e-4, 1e-4) <= 1 && rel_err(e2, ref.eA, 1e-4, 1e-4) <= 1,
           fmt("big store %s: energies match the reference", map_name(maps[k])));
  }
}

// Timing sanity check: one step, B = 1 024, float32, each map on the three paths (blocked, fused on
// OpenBLAS tiles, registers: the fused path with the register tiles where they run) against one sgemm of
// the same shape and against the roofline (the first product's 2 B M d flops at the rate of a 2 048^3
// sgemm). The machine may be shared: everything is timed in turns, best of `reps`; the process CPU time
// of each (all threads) is printed too, as a ratio to the roofline's own CPU time per flop, which a
// loaded machine disturbs less than the wall time.
struct BenchSettings {
  long long d, M, block;
  int reps;
  double beta, alpha;  // alpha: alpha-entmax's
};

static void bench(const BenchSettings& S) {
  const long long d = S.d, M = S.M, block = S.block, B = 1024, R = 2048;
  const int reps = S.reps;
  const double beta = S.beta;
  Rng rng(77);
  std::uniform_real_distribution<float> u(0.f, 1.f);  // as bench retrieval: uniform pixels, half of each query masked
  std::vector<float> xi(M * d), q(B * d), out(B * d), C(B * M), A(R * R, 0.5f), C2(R * R);
  for (float& v : xi) v = u(rng);
  for (long long b = 0; b < B; ++b)
    for (long long j = 0; j < d; ++j) q[b * d + j] = xi[(b % M) * d + j] * (u(rng) < 0.5f ? 1.f : 0.f);
  const int maps[] = {SPARSEMAX, SOFTMAX, ENTMAX15, ENTMAX, POLY};
  const int paths[] = {h4j::RETRIEVAL_PATH_BLOCKED, h4j::RETRIEVAL_PATH_FUSED, h4j::RETRIEVAL_PATH_REGISTERS};
  std::vector<double> best(17, INFINITY), cpu(17, INFINITY);
  std::vector<int> st(B);
  auto timed = [](const std::function<void()>& f, double& cpu_s) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    f();
    cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  for (int rep = 0; rep <= reps; ++rep) {
    double c = 0;
    const double tr = timed([&] { h4j::gemm_abt_f32(A.data(), A.data(), C2.data(), R, R, R); }, c);
    if (rep > 0 && tr < best[16]) best[16] = tr, cpu[16] = c;
    const double tg = timed([&] { h4j::gemm_abt_f32(q.data(), xi.data(), C.data(), B, M, d); }, c);
    if (rep > 0) best[0] = std::min(best[0], tg);
    for (int k = 0; k < 15; ++k) {
      const double t = timed([&] {
        Params P;
        P.map = maps[k / 3];
        P.path = paths[k % 3];
        P.beta = beta;
        P.alpha = S.alpha;
        P.polyN = 10;
        P.block = block;
        const h4j::RetrievalCall call = call_for(xi.data(), nullptr, nullptr, M, d, 0, B, P, 0);
        h4j::retrieve_f32(&call, q.data(), out.data(), st.data(), nullptr, nullptr, nullptr, nullptr);
      }, c);
      if (rep > 0 && t < best[k + 1]) best[k + 1] = t, cpu[k + 1] = c;
    }
  }
  const double flops = 2.0 * B * M * d, rate = 2.0 * R * R * R / best[16];
  const double roof = flops / rate, roof_cpu = flops * cpu[16] / (2.0 * R * R * R);
  std::printf("bench d=%lld M=%lld B=%lld block=%lld beta=%g alpha=%g (best of %d), %d threads: sgemm %.1f ms; roofline %.1f ms "
              "(2048^3 sgemm at %.1f GFLOP/s)\n", d, M, B, block, beta, S.alpha, reps, h4j::get_num_threads(), best[0] * 1e3,
              roof * 1e3, rate * 1e-9);
  std::printf("  %-10s %28s %28s %28s\n", "map", "blocked ms  x roof (cpu)", "fused ms  x roof (cpu)",
              "registers ms  x roof (cpu)");
  for (int k = 0; k < 5; ++k) {
    std::printf("  %-10s", map_name(maps[k]));
    for (int p = 0; p < 3; ++p) {
      const int i = 3 * k + p + 1;
      std::printf(" %14.1f %6.2f (%5.2f)", best[i] * 1e3, best[i] / roof, cpu[i] / roof_cpu);
    }
    std::printf("\n");
  }
}

int main(int argc, char** argv) {
  const Flags flags(argc, argv, {"--full", "--big", "--bench", "--block", "--reps", "--beta", "--alpha", "--d", "--M", "--only"});
  if (flags.has("--bench")) {
    bench({std::atoll(flags.value("--d", "784")), std::atoll(flags.value("--M", "10000")),
           std::atoll(flags.value("--block", "2048")), std::atoi(flags.value("--reps", "5")),
           std::atof(flags.value("--beta", "1")), std::atof(flags.value("--alpha", "1.3"))});
    return 0;
  }
  // --only=NAME runs one section (e.g. a mutation test of one kernel: tools/mutate-native.sh runs all).
  const std::string only = flags.value("--only", "");
  const auto section = [&only](const char* name, void (*run)()) {
    if (only.empty() || only == name) ::section(name, run);
  };
  section("gemm", check_gemm);
  section("against the reference", check_against_reference);
  section("block independence", check_block_independence);
  section("edge shapes", check_edge_shapes);
  section("fused path", check_fused_path);
  section("register tiles", check_register_tiles);
  section("flash softmax", check_flash_softmax);
  section("eps stopping", check_eps_stopping);
  section("energy descent f64", check_energy_descent<double>);
  section("energy descent f32", check_energy_descent<float>);
  section("poly", check_poly);
  section("capacity protocol", check_capacity);
  section("concurrency", check_concurrency);
  if (flags.has("--big") || flags.has("--full")) section("big store", check_big_store);
  return finish();
}
