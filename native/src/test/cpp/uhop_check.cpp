// Standalone check of the U-Hop stage-I separation losses (hopfield4j_uhop.h) against naive,
// independent long-double references: features by explicit sums, pair distances by explicit
// differences (no Gram matrix), log-mean-exp over an explicit pair list; gradients against central
// finite differences of that reference. Exits non-zero on any failure. The Maven build runs it
// (under ASan/UBSan); to build and run it by hand see README.md in this directory.
// Flags: --full (accepted; the default run is already the full one), --bench [--single-thread]
// (timing, not a test; build with -O3 -march=native, no sanitizers).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <ctime>
#include <vector>

#include "check_common.h"
#include "hopfield4j_uhop.h"

using h4j::LOSS_AVG;
using h4j::LOSS_DL;
using h4j::LOSS_MAX;

static const char* loss_name(int loss) { return loss == LOSS_AVG ? "avg" : loss == LOSS_MAX ? "max" : "dl"; }

// ---- reference (long double, direct pair loops) ---------------------------------------------
struct Ref {
  LD loss;
  LD minD2;
  LD nmax;  // largest squared feature norm (the scale float rounding is relative to)
};

static std::vector<LD> ref_features(const std::vector<LD>& W, long D, long d, const std::vector<LD>& X, long M,
                                    bool normalize, std::vector<LD>* norms) {
  std::vector<LD> F(static_cast<size_t>(M * D), 0.0L);
  if (norms) norms->assign(static_cast<size_t>(M), 1.0L);
  for (long mu = 0; mu < M; ++mu) {
    for (long i = 0; i < D; ++i) {
      LD s = 0;
      for (long j = 0; j < d; ++j) s += W[i * d + j] * X[mu * d + j];
      F[mu * D + i] = s;
    }
    if (normalize) {
      LD r = 0;
      for (long i = 0; i < D; ++i) r += F[mu * D + i] * F[mu * D + i];
      r = std::sqrt(r);
      if (norms) (*norms)[mu] = r;
      for (long i = 0; i < D; ++i) F[mu * D + i] = r > 0 ? F[mu * D + i] / r : 0.0L;
    }
  }
  return F;
}

static Ref ref_loss(const std::vector<LD>& W, long D, long d, const std::vector<LD>& X, long M, int loss, LD t,
                    bool normalize) {
  const std::vector<LD> F = ref_features(W, D, d, X, M, normalize, nullptr);
  Ref out{0, std::numeric_limits<LD>::infinity(), 0};
  for (long mu = 0; mu < M; ++mu) {
    LD n = 0;
    for (long i = 0; i < D; ++i) n += F[mu * D + i] * F[mu * D + i];
    out.nmax = std::max(out.nmax, n);
  }
  std::vector<LD> s;
  for (long mu = 0; mu < M; ++mu) {
    for (long nu = mu + 1; nu < M; ++nu) {
      LD d2 = 0, k = 0;
      for (long i = 0; i < D; ++i) {
        const LD diff = F[mu * D + i] - F[nu * D + i];
        d2 += diff * diff;
        k += F[mu * D + i] * F[nu * D + i];
      }
      out.minD2 = std::min(out.minD2, d2);
      s.push_back(loss == LOSS_DL ? 2 * t * (k * k - 1) : -t * d2);
    }
  }
  const LD m = *std::max_element(s.begin(), s.end());
  if (loss == LOSS_MAX) {
    out.loss = m;
    return out;
  }
  LD S = 0;
  for (LD v : s) S += std::exp(v - m);
  out.loss = m + std::log(S / static_cast<LD>(s.size()));
  return out;
}

// Analytic gradient by direct pair loops (for sizes where finite differences would be too slow).
static std::vector<LD> ref_grad(const std::vector<LD>& W, long D, long d, const std::vector<LD>& X, long M, int loss,
                                LD t, bool normalize) {
  std::vector<LD> norms;
  const std::vector<LD> F = ref_features(W, D, d, X, M, normalize, &norms);
  std::vector<LD> s, G(static_cast<size_t>(M * D), 0.0L);
  LD best = std::numeric_limits<LD>::infinity();
  long ba = -1, bb = -1;
  for (long mu = 0; mu < M; ++mu)
    for (long nu = mu + 1; nu < M; ++nu) {
      LD d2 = 0, k = 0;
      for (long i = 0; i < D; ++i) {
        d2 += (F[mu * D + i] - F[nu * D + i]) * (F[mu * D + i] - F[nu * D + i]);
        k += F[mu * D + i] * F[nu * D + i];
      }
      if (d2 < best) best = d2, ba = mu, bb = nu;
      s.push_back(loss == LOSS_DL ? 2 * t * (k * k - 1) : -t * d2);
    }
  if (loss == LOSS_MAX) {
    for (long i = 0; i < D; ++i) {
      G[ba * D + i] = -2 * t * (F[ba * D + i] - F[bb * D + i]);
      G[bb * D + i] = -G[ba * D + i];
    }
  } else {
    const LD m = *std::max_element(s.begin(), s.end());
    LD S = 0;
    for (LD v : s) S += std::exp(v - m);
    size_t p = 0;
    for (long mu = 0; mu < M; ++mu)
      for (long nu = mu + 1; nu < M; ++nu, ++p) {
        const LD w = std::exp(s[p] - m) / S;
        if (loss == LOSS_AVG) {
          for (long i = 0; i < D; ++i) {
            const LD g = -2 * t * w * (F[mu * D + i] - F[nu * D + i]);
            G[mu * D + i] += g;
            G[nu * D + i] -= g;
          }
        } else {
          LD k = 0;
          for (long i = 0; i < D; ++i) k += F[mu * D + i] * F[nu * D + i];
          for (long i = 0; i < D; ++i) {
            G[mu * D + i] += 4 * t * k * w * F[nu * D + i];
            G[nu * D + i] += 4 * t * k * w * F[mu * D + i];
          }
        }
      }
  }
  if (normalize) {
    for (long mu = 0; mu < M; ++mu) {
      LD c = 0;
      for (long i = 0; i < D; ++i) c += F[mu * D + i] * G[mu * D + i];
      for (long i = 0; i < D; ++i)
        G[mu * D + i] = norms[mu] > 0 ? (G[mu * D + i] - F[mu * D + i] * c) / norms[mu] : 0.0L;
    }
  }
  std::vector<LD> gW(static_cast<size_t>(D * d), 0.0L);
  for (long i = 0; i < D; ++i)
    for (long j = 0; j < d; ++j)
      for (long mu = 0; mu < M; ++mu) gW[i * d + j] += G[mu * D + i] * X[mu * d + j];
  return gW;
}

// Central finite differences of ref_loss with respect to every entry of W.
static std::vector<LD> fd_grad(const std::vector<LD>& W, long D, long d, const std::vector<LD>& X, long M, int loss,
                               LD t, bool normalize) {
  std::vector<LD> g(W.size()), Wp = W;
  for (size_t e = 0; e < W.size(); ++e) {
    const LD h = 1e-6L * std::max<LD>(1.0L, std::fabs(W[e]));
    Wp[e] = W[e] + h;
    const LD up = ref_loss(Wp, D, d, X, M, loss, t, normalize).loss;
    Wp[e] = W[e] - h;
    const LD dn = ref_loss(Wp, D, d, X, M, loss, t, normalize).loss;
    Wp[e] = W[e];
    g[e] = (up - dn) / (2 * h);
  }
  return g;
}

// The entry points with their positional arguments (the test's own shorthand for the call struct).
static double loss_f32(const float* W, long long D, long long d, const float* X, long long M, int loss, double t,
                       int normalize, float* g, double* minD2) {
  const h4j::SeparationLossCall c{D, d, M, loss, t, normalize};
  return h4j::separation_loss_f32(&c, W, X, g, minD2);
}
static double loss_f64(const double* W, long long D, long long d, const double* X, long long M, int loss, double t,
                       int normalize, double* g, double* minD2) {
  const h4j::SeparationLossCall c{D, d, M, loss, t, normalize};
  return h4j::separation_loss_f64(&c, W, X, g, minD2);
}

// ---- kernel under test, per type ------------------------------------------------------------
static double run(const std::vector<float>& W, long D, long d, const std::vector<float>& X, long M, int loss, double t,
                  bool normalize, float* g, double* minD2) {
  return loss_f32(W.data(), D, d, X.data(), M, loss, t, normalize ? 1 : 0, g, minD2);
}
static double run(const std::vector<double>& W, long D, long d, const std::vector<double>& X, long M, int loss,
                  double t, bool normalize, double* g, double* minD2) {
  return loss_f64(W.data(), D, d, X.data(), M, loss, t, normalize ? 1 : 0, g, minD2);
}

template <typename T>
static std::vector<LD> to_ld(const std::vector<T>& a) {
  return std::vector<LD>(a.begin(), a.end());
}

static double g_worst_loss[2] = {0, 0}, g_worst_grad[2] = {0, 0};

template <typename T>
static void check_case(Rng& rng, long D, long d, long M, int loss, bool normalize, double t,
                       bool use_fd, bool zero_memory = false) {
  const bool f32 = sizeof(T) == sizeof(float);
  const std::vector<T> W = random_matrix<T>(rng, D, d, 1.0 / std::sqrt(static_cast<double>(d)));
  std::vector<T> X = random_matrix<T>(rng, M, d, 1.0);
  if (zero_memory) std::fill(X.begin(), X.begin() + d, T(0));
  const std::vector<LD> Wl = to_ld(W), Xl = to_ld(X);
  const Ref ref = ref_loss(Wl, D, d, Xl, M, loss, t, normalize);
  const std::string what = fmt("%s %s normalize=%d D=%ld d=%ld M=%ld t=%g%s", f32 ? "f32" : "f64", loss_name(loss),
                               normalize ? 1 : 0, D, d, M, t, zero_memory ? " zero-memory" : "");

  std::vector<T> g(static_cast<size_t>(D * d), T(-7));
  double minD2 = -1, minD2b = -1;
  const double v = run(W, D, d, X, M, loss, t, normalize, g.data(), &minD2);
  const double vNoGrad = run(W, D, d, X, M, loss, t, normalize, nullptr, &minD2b);

  // Loss: relative to |L| plus the scale float rounding works at (t times the squared feature norms;
  // a closest pair's tiny d2 cancels from n_mu + n_nu - 2 G).
  const double tol = f32 ? 1e-5 : 1e-12;
  const double nmax = static_cast<double>(ref.nmax);
  const double scale = std::fabs(static_cast<double>(ref.loss)) + t * std::max(nmax, nmax * nmax);
  const double err = std::fabs(v - static_cast<double>(ref.loss)) / scale;
  g_worst_loss[f32] = worst_of(g_worst_loss[f32], err);
  expect(err <= tol, fmt("%s: loss %.17g vs reference %.17Lg (scaled error %.3g)", what.c_str(), v, ref.loss, err));
  expect(vNoGrad == v && minD2b == minD2, fmt("%s: loss without gradient %.17g differs from %.17g", what.c_str(), vNoGrad, v));
  const double errMin = std::fabs(minD2 - static_cast<double>(ref.minD2)) / std::max(1.0, nmax);
  expect(errMin <= (f32 ? 1e-5 : 1e-12), fmt("%s: minDist2 %.17g vs reference %.17Lg", what.c_str(), minD2, ref.minD2));

  // Gradient against finite differences (or the pair-loop gradient) of the reference.
  const std::vector<LD> r = use_fd ? fd_grad(Wl, D, d, Xl, M, loss, t, normalize) : ref_grad(Wl, D, d, Xl, M, loss, t, normalize);
  LD gmax = 0;
  for (LD x : r) gmax = std::max(gmax, std::fabs(x));
  double worst = 0;
  size_t at = 0;
  for (size_t e = 0; e < r.size(); ++e) {
    const double dev = std::fabs(static_cast<double>(g[e]) - static_cast<double>(r[e]));
    if (!(dev <= worst)) worst = dev, at = e;  // NaN sticks
  }
  // Errors are measured against the larger of max |gradient| and the natural size of one pair's term,
  // t |xi| |f| (unnormalised) or t |xi| / |f| (normalised): where the gradient vanishes (d = 1 with
  // normalisation: every feature is +-w/|w|) float32 rounding leaves noise of that size times 1e-7.
  LD xmax = 0, rmin = std::numeric_limits<LD>::infinity(), rmax = 0;
  for (long mu = 0; mu < M; ++mu) {
    LD x2 = 0, f2 = 0;
    for (long j = 0; j < d; ++j) x2 += Xl[mu * d + j] * Xl[mu * d + j];
    const std::vector<LD> f = ref_features(Wl, D, d, std::vector<LD>(Xl.begin() + mu * d, Xl.begin() + (mu + 1) * d), 1, false, nullptr);
    for (LD fv : f) f2 += fv * fv;
    xmax = std::max(xmax, std::sqrt(x2));
    if (f2 > 0) rmin = std::min(rmin, std::sqrt(f2));
    rmax = std::max(rmax, std::sqrt(f2));
  }
  const double gscale = static_cast<double>(t * xmax * (normalize ? 1.0L / rmin : rmax));
  const double rel = worst / std::max(static_cast<double>(gmax), gscale);
  g_worst_grad[f32] = worst_of(g_worst_grad[f32], rel);
  // float64 is limited by the finite differences (h = 1e-6 in long double); float32 by its rounding.
  const double gtol = f32 ? 1e-5 : 1e-8;
  expect(rel <= gtol, fmt("%s: gradient[%zu] %.10g vs %s %.10Lg (max |grad| %.3Lg, error %.3g)", what.c_str(), at,
                          static_cast<double>(g[at]), use_fd ? "finite difference" : "pair-loop", r[at], gmax, rel));
}

// ---- determinism across thread counts and a larger size -------------------------------------
template <typename T>
static void check_threads(Rng& rng, long D, long d, long M, int loss) {
  const std::vector<T> W = random_matrix<T>(rng, D, d, 1.0 / std::sqrt(static_cast<double>(d)));
  const std::vector<T> X = random_matrix<T>(rng, M, d, 1.0);
  std::vector<T> g1(static_cast<size_t>(D * d)), g2(g1.size());
  double m1 = 0, m2 = 0;
  auto& threads = h4j::detail::kernel_thread_count();
  const int saved = threads.load();
  threads.store(1);
  const double v1 = run(W, D, d, X, M, loss, 2.0, true, g1.data(), &m1);
  for (int n : {2, 3, 7}) {
    threads.store(n);
    const double v2 = run(W, D, d, X, M, loss, 2.0, true, g2.data(), &m2);
    expect(v1 == v2 && m1 == m2 && std::memcmp(g1.data(), g2.data(), g1.size() * sizeof(T)) == 0,
           fmt("%s %s M=%ld: result with %d threads differs from 1 thread", sizeof(T) == 4 ? "f32" : "f64",
               loss_name(loss), M, n));
  }
  threads.store(saved);
}

static void check_invalid() {
  std::vector<double> W(6, 0.5), X(6, 1.0), g(6, 0.0);
  double md = 0;
  auto is_nan_result = [&](double v) {
    bool allNan = true;
    for (double x : g) allNan = allNan && std::isnan(x);
    return std::isnan(v) && std::isnan(md) && allNan;
  };
  expect(is_nan_result(loss_f64(W.data(), 2, 3, X.data(), 1, LOSS_AVG, 2.0, 1, g.data(), &md)), "M = 1 gives NaN");
  std::fill(g.begin(), g.end(), 0.0);
  expect(is_nan_result(loss_f64(W.data(), 2, 3, X.data(), 2, LOSS_AVG, 0.0, 1, g.data(), &md)), "t = 0 gives NaN");
  std::fill(g.begin(), g.end(), 0.0);
  expect(is_nan_result(loss_f64(W.data(), 2, 3, X.data(), 2, 9, 2.0, 1, g.data(), &md)), "unknown loss gives NaN");
  // Overflowing features (float32 Gram entries become infinite) are reported, not hidden.
  std::vector<float> Wf(4, 1e19f), Xf(4, 1e19f), gf(4, 0.0f);
  const double v = loss_f32(Wf.data(), 2, 2, Xf.data(), 2, LOSS_AVG, 2.0, 0, gf.data(), &md);
  expect(std::isnan(v) && std::isnan(gf[0]), "overflowing float32 features give NaN");
  // Identical memories: d2 = 0 for the one pair; M = 2 AVG loss is -t * 0 = 0.
  std::vector<double> Xs = {1, 2, 3, 1, 2, 3}, Ws = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  std::vector<double> gs(9);
  const double vs = loss_f64(Ws.data(), 3, 3, Xs.data(), 2, LOSS_AVG, 2.0, 1, gs.data(), &md);
  expect(std::fabs(vs) <= 1e-15 && md <= 1e-15, fmt("identical memories: loss %.17g, minDist2 %.17g", vs, md));
}

// ---- benchmark ------------------------------------------------------------------------------
// Wall-clock time, or with --single-thread the calling thread's CPU time (everything then runs on
// that thread: OpenBLAS with 1 thread, the kernel's passes with 1 thread), which other processes on
// a shared machine do not inflate.
static bool g_cpu_time = false;
static double now_seconds() {
  if (g_cpu_time) {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
template <typename F>
static double best_of(int reps, const F& f) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const double t0 = now_seconds();
    f();
    best = std::min(best, now_seconds() - t0);
  }
  return best;
}

// Times one evaluation against the matrix products it makes. The machine may be shared, so every
// quantity is the minimum over interleaved repetitions (products and evaluations alternate).
static void bench(long M, long d, long D, int reps) {
  Rng rng(42);
  std::uniform_real_distribution<float> u01(0.0f, 1.0f);
  std::vector<float> X(static_cast<size_t>(M * d));
  for (float& x : X) x = u01(rng);  // MNIST-like pixels in [0, 1]
  const std::vector<float> W = random_matrix<float>(rng, D, d, 1.0 / std::sqrt(static_cast<double>(d)));
  std::vector<float> g(static_cast<size_t>(D * d)), F(static_cast<size_t>(M * D)), G(static_cast<size_t>(M * M)),
      GF(static_cast<size_t>(M * D));
  const long n = 1024;
  std::vector<float> A(static_cast<size_t>(n * n), 0.5f), B(A), C(A);
  double md = 0;
  using namespace h4j::uhop_detail;
  const double inf = std::numeric_limits<double>::infinity();
  double tF = inf, tG = inf, tP = inf, tW = inf, tSq = inf, tEval[3][2] = {{inf, inf}, {inf, inf}, {inf, inf}};
  for (int r = 0; r < reps; ++r) {
    // The products of one evaluation: F = Xi W^T, G = F F^T (syrk), P F (M x M x D), GF^T Xi.
    tF = std::min(tF, best_of(1, [&] { gemm(CblasNoTrans, CblasTrans, M, D, d, 1.0, X.data(), d, W.data(), d, F.data(), D); }));
    tG = std::min(tG, best_of(1, [&] { syrk_upper(M, D, F.data(), G.data()); }));
    tP = std::min(tP, best_of(1, [&] { gemm(CblasNoTrans, CblasNoTrans, M, D, M, 1.0, G.data(), M, F.data(), D, GF.data(), D); }));
    tW = std::min(tW, best_of(1, [&] { gemm(CblasTrans, CblasNoTrans, D, d, M, 1.0, GF.data(), D, X.data(), d, g.data(), d); }));
    // sgemm rate on a square product of comparable size.
    tSq = std::min(tSq, best_of(1, [&] { gemm(CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A.data(), n, B.data(), n, C.data(), n); }));
    for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL})
      for (int grad = 0; grad < 2; ++grad)
        tEval[loss][grad] = std::min(tEval[loss][grad], best_of(1, [&] {
          loss_f32(W.data(), D, d, X.data(), M, loss, 2.0, 1, grad ? g.data() : nullptr, &md);
        }));
  }
  const double rate = 2.0 * n * n * n / tSq;
  const double flops = 2.0 * M * D * d + 1.0 * M * M * D + 2.0 * M * M * D + 2.0 * M * D * d;
  const double tProducts = tF + tG + tP + tW;
  std::printf("bench M=%ld d=%ld D=%ld float32 (min of %d, %s): sgemm rate %.1f GFLOP/s (n=%ld); products %.2f GFLOP -> %.2f ms at that rate\n",
              M, d, D, reps, g_cpu_time ? "1 thread, thread CPU time" : "default threads, wall time", rate / 1e9, n,
              flops / 1e9, 1e3 * flops / rate);
  std::printf("  products timed alone: F %.2f ms, Gram(syrk) %.2f ms, P*F %.2f ms, GF^T*Xi %.2f ms, sum %.2f ms\n", 1e3 * tF,
              1e3 * tG, 1e3 * tP, 1e3 * tW, 1e3 * tProducts);
  for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL})
    for (int grad = 1; grad >= 0; --grad) {
      const double t = tEval[loss][grad];
      std::printf("  %s %s: %.2f ms = %.2fx the products at the sgemm rate, %.2fx the products timed alone\n",
                  loss_name(loss), grad ? "loss+gradient" : "loss only    ", 1e3 * t, t / (flops / rate), t / tProducts);
    }
}

int main(int argc, char** argv) {
  const Flags flags(argc, argv, {"--full", "--bench", "--single-thread"});
  const bool doBench = flags.has("--bench");
  g_cpu_time = flags.has("--single-thread");
  if (g_cpu_time) {
    openblas_set_num_threads(1);
    h4j::detail::kernel_thread_count().store(1);
  }
  Rng rng(20240613);
  section("small cases vs finite differences", [&] {
    for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL})
      for (bool normalize : {true, false})
        for (long d : {1L, 5L, 13L})
          for (long D : {d, 3L}) {
            for (long M : {2L, 3L, 10L})
              for (double t : {2.0, 0.3}) {
                check_case<double>(rng, D, d, M, loss, normalize, t, true);
                check_case<float>(rng, D, d, M, loss, normalize, t, true);
              }
          }
  });
  // Stability: sharp t (exp underflows without the shift), a zero memory (its feature stays zero).
  section("sharp t, zero memory", [&] {
    for (int loss : {LOSS_AVG, LOSS_DL}) {
      check_case<double>(rng, 5, 5, 10, loss, true, 400.0, true);
      check_case<double>(rng, 5, 5, 10, loss, false, 60.0, true);
      check_case<float>(rng, 5, 5, 10, loss, true, 400.0, true);
    }
    for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL})
      for (bool normalize : {true, false}) {
        check_case<double>(rng, 4, 5, 6, loss, normalize, 2.0, true, true);
        check_case<float>(rng, 4, 5, 6, loss, normalize, 2.0, true, true);
      }
  });
  // Larger sizes (parallel passes, several tiles) against the pair-loop gradient; thread determinism.
  section("larger sizes vs the pair-loop gradient", [&] {
    for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL})
      for (bool normalize : {true, false}) {
        check_case<double>(rng, 24, 16, 300, loss, normalize, 2.0, false);
        check_case<float>(rng, 24, 16, 300, loss, normalize, 2.0, false);
      }
  });
  section("thread determinism", [&] {
    for (int loss : {LOSS_AVG, LOSS_MAX, LOSS_DL}) {
      check_threads<double>(rng, 20, 12, 400, loss);
      check_threads<float>(rng, 20, 12, 400, loss);
    }
  });
  section("invalid input", check_invalid);
  std::printf("worst scaled loss error: f64 %.3g, f32 %.3g; worst relative gradient error: f64 %.3g, f32 %.3g\n",
              g_worst_loss[0], g_worst_loss[1], g_worst_grad[0], g_worst_grad[1]);
  const int rc = finish();
  if (doBench) bench(1000, 784, 784, 12);
  return rc;
}
