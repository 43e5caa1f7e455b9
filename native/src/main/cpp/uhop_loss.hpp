// U-Hop stage I: separation losses of the feature map Phi(u) = W u and their gradients with respect to
// W (definitions of the entry points declared in hopfield4j_uhop.h; header-only, everything inline).
//
// Features are kept as the rows of an M x D matrix F = Xi W^T (row mu = Phi(xi_mu)), normalised in
// place when asked (row norms r_mu kept for the chain rule). With G = F F^T (one SYRK, upper triangle)
// and n_mu = |f_mu|^2 (accumulated in double), the pair quantities are
//   d2_mu,nu = max(0, n_mu + n_nu - 2 G_mu,nu),   k_mu,nu = G_mu,nu.
// Per loss, over the P = M(M-1)/2 pairs mu < nu (all reductions in double, shifted by the maximum):
//   AVG  s = -t d2,            L = m + log(sum exp(s - m)) - log P,  m = -t min d2
//   DL   s = 2t (k^2 - 1),     same log-mean-exp,                    m = 2t (max k^2 - 1)
//   MAX  L = -t min d2.
// Gradients (w = exp(s - m) / S, the softmax over the pairs; w~ its symmetric M x M matrix, zero
// diagonal; E the unnormalised exp(s - m), S = sum over pairs):
//   AVG  dL/dF = -2t Lap F = (2t / S) (E~ - diag(E~ 1)) F            (Lap = diag(w~ 1) - w~)
//   DL   dL/dk = 4t k w    =>  dL/dF = (4t / S) (K o E~) F            (zero diagonal)
//   MAX  only the closest pair (a, b): dL/df_a = -2t (f_a - f_b) = -dL/df_b
// The M x M matrix overwrites G in place (upper triangle, then mirrored), so one GEMM M x M x D gives
// dL/dF. Through the normalisation f^ = f / r: g <- (g - f^ <f^, g>) / r per row (a zero feature gets
// g = 0). Finally dL/dW = (dL/dF)^T Xi, one GEMM D x M x d. Working memory: M x M + 2 M x D values
// and O(M) doubles; no M x M x d temporaries, no O(M^2 d) loops.
//
// Nothing throws across the JNI boundary: if scratch cannot be allocated, or the features overflow
// (non-finite norms or Gram entries), the result is NaN and gradW / minDist2 are filled with NaN.
// No static mutable state: concurrent calls share nothing (the thread count is read atomically).
#pragma once
#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "hopfield4j_uhop.h"
#include "parallel.hpp"

namespace h4j {
namespace uhop_detail {

// ---- BLAS (row-major) ------------------------------------------------------------------------------
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, long long m, long long n, long long k, double alpha,
                 const float* A, long long lda, const float* B, long long ldb, float* C, long long ldc) {
  cblas_sgemm(CblasRowMajor, ta, tb, static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k),
              static_cast<float>(alpha), A, static_cast<blasint>(lda), B, static_cast<blasint>(ldb), 0.0f, C,
              static_cast<blasint>(ldc));
}
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, long long m, long long n, long long k, double alpha,
                 const double* A, long long lda, const double* B, long long ldb, double* C, long long ldc) {
  cblas_dgemm(CblasRowMajor, ta, tb, static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k),
              alpha, A, static_cast<blasint>(lda), B, static_cast<blasint>(ldb), 0.0, C, static_cast<blasint>(ldc));
}
// Upper triangle of C = A A^T, A n x k.
inline void syrk_upper(long long n, long long k, const float* A, float* C) {
  cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, static_cast<blasint>(n), static_cast<blasint>(k), 1.0f, A,
              static_cast<blasint>(k), 0.0f, C, static_cast<blasint>(n));
}
inline void syrk_upper(long long n, long long k, const double* A, double* C) {
  cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, static_cast<blasint>(n), static_cast<blasint>(k), 1.0, A,
              static_cast<blasint>(k), 0.0, C, static_cast<blasint>(n));
}

// A pair weight stored for the GEMM; subnormals become 0 (they would only slow the GEMM down).
template <typename T>
inline T store_weight(double v) {
  const T x = static_cast<T>(v);
  return std::fabs(x) < std::numeric_limits<T>::min() ? T(0) : x;
}

// Splits the rows [0, M - 1) that own upper-triangle pairs (row mu owns M - 1 - mu) into chunks of
// about equal work. bounds has chunks + 1 entries; chunk c covers rows [bounds[c], bounds[c + 1]).
inline std::vector<long long> triangle_chunks(long long M) {
  const long long threads = std::max(1, detail::kernel_thread_count().load(std::memory_order_relaxed));
  const long long rows = M - 1;
  const long long chunks = std::max(1LL, std::min(rows, 4 * threads));
  const double total = 0.5 * static_cast<double>(M) * static_cast<double>(M - 1);
  std::vector<long long> bounds;
  bounds.reserve(static_cast<std::size_t>(chunks + 1));
  bounds.push_back(0);
  double done = 0;
  long long c = 1;
  for (long long mu = 0; mu < rows && c < chunks; ++mu) {
    done += static_cast<double>(M - 1 - mu);
    if (done >= total * static_cast<double>(c) / static_cast<double>(chunks)) {
      bounds.push_back(mu + 1);
      ++c;
    }
  }
  if (bounds.back() != rows) bounds.push_back(rows);
  return bounds;
}

// Runs body(mu) for every row owning pairs, in parallel over balanced chunks.
template <typename Body>
inline bool for_triangle_rows(long long M, const std::vector<long long>& bounds, const Body& body) {
  const long long chunks = static_cast<long long>(bounds.size()) - 1;
  const long long per_chunk = static_cast<long long>(0.5 * static_cast<double>(M) * static_cast<double>(M - 1)) /
                                  std::max(1LL, chunks) + 1;
  return detail::parallel_rows(chunks, per_chunk, [&](long long c0, long long c1) {
    for (long long mu = bounds[static_cast<std::size_t>(c0)]; mu < bounds[static_cast<std::size_t>(c1)]; ++mu) body(mu);
  });
}

template <typename T>
inline double fail(T* gradW, long long D, long long d, double* minDist2) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (gradW != nullptr) std::fill(gradW, gradW + D * d, std::numeric_limits<T>::quiet_NaN());
  if (minDist2 != nullptr) *minDist2 = nan;
  return nan;
}

template <typename T>
inline double separation_loss(const T* W, long long D, long long d, const T* X, long long M, int loss, double t,
                              int normalize, T* gradW, double* minDist2) {
  const bool grad = gradW != nullptr;
  const std::size_t MD = static_cast<std::size_t>(M) * static_cast<std::size_t>(D);
  const std::size_t MM = static_cast<std::size_t>(M) * static_cast<std::size_t>(M);
  const std::size_t uM = static_cast<std::size_t>(M);

  // ---- scratch: F (M x D), the pair matrix P (M x M) and dL/dF (M x D, gradient only) ----
  // One allocation: with glibc, separate multi-megabyte blocks are returned to the OS when freed, so
  // every call would page-fault its scratch in again (expensive in VMs); one block is recycled.
  constexpr std::size_t kAlign = 64 / sizeof(T);
  auto round_up = [](std::size_t n) { return (n + kAlign - 1) / kAlign * kAlign; };
  const std::size_t offP = round_up(MD), offGF = offP + round_up(MM);
  std::unique_ptr<T[]> scratch(new T[offGF + (grad ? MD : 0) + kAlign]);
  T* const base = scratch.get() + (kAlign - (reinterpret_cast<std::uintptr_t>(scratch.get()) / sizeof(T)) % kAlign) % kAlign;
  T* const F = base;
  T* const P = base + offP;
  T* const GF = base + offGF;

  // ---- features F = Xi W^T (M x D), normalised rows ----
  gemm(CblasNoTrans, CblasTrans, M, D, d, 1.0, X, d, W, d, F, D);
  std::vector<double> norm(uM), sq(uM);
  detail::parallel_rows(M, D, [&](long long r0, long long r1) {
    for (long long mu = r0; mu < r1; ++mu) {
      T* f = F + static_cast<std::size_t>(mu) * static_cast<std::size_t>(D);
      double s = 0;
      for (long long i = 0; i < D; ++i) s += static_cast<double>(f[i]) * static_cast<double>(f[i]);
      if (normalize == 0) {
        norm[mu] = 1;
        sq[mu] = s;
        continue;
      }
      const double r = std::sqrt(s);
      norm[mu] = r;
      double q = 0;
      if (r > 0) {
        for (long long i = 0; i < D; ++i) {
          const T v = static_cast<T>(static_cast<double>(f[i]) / r);
          f[i] = v;
          q += static_cast<double>(v) * static_cast<double>(v);
        }
      } else {
        std::fill(f, f + D, T(0));
      }
      sq[mu] = q;
    }
  });
  for (long long mu = 0; mu < M; ++mu) {
    if (!std::isfinite(sq[mu]) || !std::isfinite(norm[mu])) return fail(gradW, D, d, minDist2);
  }

  // ---- Gram matrix (upper triangle) ----
  syrk_upper(M, D, F, P);
  const std::vector<long long> bounds = triangle_chunks(M);
  auto row_of = [&](long long mu) { return P + static_cast<std::size_t>(mu) * uM; };

  // ---- pass A: closest pair, largest k^2, non-finite check ----
  std::vector<double> rowMin(uM, std::numeric_limits<double>::infinity());
  std::vector<double> rowMaxK2(uM, 0.0);
  std::vector<long long> rowArg(uM, -1);
  std::vector<char> rowBad(uM, 0);
  for_triangle_rows(M, bounds, [&](long long mu) {
    const T* g = row_of(mu);
    const double nm = sq[mu];
    double best = std::numeric_limits<double>::infinity(), maxK2 = 0;
    long long arg = -1;
    bool bad = false;
    for (long long nu = mu + 1; nu < M; ++nu) {
      const double k = static_cast<double>(g[nu]);
      double d2 = nm + sq[nu] - 2 * k;
      if (d2 < 0) d2 = 0;
      if (!(std::fabs(k) <= std::numeric_limits<double>::max())) bad = true;
      if (d2 < best) {
        best = d2;
        arg = nu;
      }
      maxK2 = std::max(maxK2, k * k);
    }
    rowMin[mu] = best;
    rowArg[mu] = arg;
    rowMaxK2[mu] = maxK2;
    rowBad[mu] = bad ? 1 : 0;
  });
  double minD2 = std::numeric_limits<double>::infinity(), maxK2 = 0;
  long long a = -1, b = -1;
  for (long long mu = 0; mu + 1 < M; ++mu) {
    if (rowBad[mu] != 0) return fail(gradW, D, d, minDist2);
    if (rowMin[mu] < minD2) {
      minD2 = rowMin[mu];
      a = mu;
      b = rowArg[mu];
    }
    maxK2 = std::max(maxK2, rowMaxK2[mu]);
  }
  if (a < 0 || !std::isfinite(maxK2)) return fail(gradW, D, d, minDist2);
  if (minDist2 != nullptr) *minDist2 = minD2;

  // ---- MAX: the closest pair only ----
  if (loss == LOSS_MAX) {
    const double value = -t * minD2;
    if (!grad) return value;
    const T* fa = F + static_cast<std::size_t>(a) * static_cast<std::size_t>(D);
    const T* fb = F + static_cast<std::size_t>(b) * static_cast<std::size_t>(D);
    std::vector<double> ga(static_cast<std::size_t>(D)), gb(static_cast<std::size_t>(D));
    for (long long i = 0; i < D; ++i) {
      ga[i] = -2 * t * (static_cast<double>(fa[i]) - static_cast<double>(fb[i]));
      gb[i] = -ga[i];
    }
    if (normalize != 0) {
      auto chain = [&](std::vector<double>& g, const T* f, double r) {
        if (!(r > 0)) {
          std::fill(g.begin(), g.end(), 0.0);
          return;
        }
        double c = 0;
        for (long long i = 0; i < D; ++i) c += static_cast<double>(f[i]) * g[i];
        for (long long i = 0; i < D; ++i) g[i] = (g[i] - static_cast<double>(f[i]) * c) / r;
      };
      chain(ga, fa, norm[a]);
      chain(gb, fb, norm[b]);
    }
    const T* xa = X + static_cast<std::size_t>(a) * static_cast<std::size_t>(d);
    const T* xb = X + static_cast<std::size_t>(b) * static_cast<std::size_t>(d);
    for (long long i = 0; i < D; ++i) {
      T* out = gradW + static_cast<std::size_t>(i) * static_cast<std::size_t>(d);
      for (long long j = 0; j < d; ++j) {
        out[j] = static_cast<T>(ga[i] * static_cast<double>(xa[j]) + gb[i] * static_cast<double>(xb[j]));
      }
    }
    return value;
  }

  // ---- pass B: exp(s - m) over the pairs, stored (times k for DL) for the gradient ----
  const bool avg = loss == LOSS_AVG;
  const double m = avg ? -t * minD2 : 2 * t * (maxK2 - 1);
  std::vector<double> rowSum(uM, 0.0);
  for_triangle_rows(M, bounds, [&](long long mu) {
    T* g = row_of(mu);
    const double nm = sq[mu];
    double sum = 0;
    if (avg) {
      for (long long nu = mu + 1; nu < M; ++nu) {
        double d2 = nm + sq[nu] - 2 * static_cast<double>(g[nu]);
        if (d2 < 0) d2 = 0;
        const double e = std::exp(-t * (d2 - minD2));
        sum += e;
        if (grad) g[nu] = store_weight<T>(e);
      }
    } else {
      for (long long nu = mu + 1; nu < M; ++nu) {
        const double k = static_cast<double>(g[nu]);
        const double e = std::exp(2 * t * (k * k - maxK2));
        sum += e;
        if (grad) g[nu] = store_weight<T>(k * e);
      }
    }
    rowSum[mu] = sum;
  });
  double S = 0;
  for (long long mu = 0; mu + 1 < M; ++mu) S += rowSum[mu];
  const double pairs = 0.5 * static_cast<double>(M) * static_cast<double>(M - 1);
  const double value = m + std::log(S) - std::log(pairs);
  if (!grad) return value;

  // ---- the symmetric M x M matrix: mirror the upper triangle (tiled), then the diagonal ----
  constexpr long long kTile = 64;
  const long long tiles = (M + kTile - 1) / kTile;
  detail::parallel_rows(tiles, kTile * M / 2 + 1, [&](long long t0, long long t1) {
    for (long long ti = t0; ti < t1; ++ti) {
      const long long r0 = ti * kTile, r1 = std::min(M, r0 + kTile);
      for (long long c0 = 0; c0 <= r0; c0 += kTile) {
        const long long c1 = std::min(M, c0 + kTile);
        for (long long mu = r0; mu < r1; ++mu) {
          T* row = row_of(mu);
          const long long end = std::min(c1, mu);
          for (long long nu = c0; nu < end; ++nu) row[nu] = P[static_cast<std::size_t>(nu) * uM + static_cast<std::size_t>(mu)];
        }
      }
    }
  });
  detail::parallel_rows(M, M, [&](long long r0, long long r1) {
    for (long long mu = r0; mu < r1; ++mu) {
      T* row = row_of(mu);
      if (avg) {
        // The degree is summed from the stored weights, so the Laplacian's rows sum to ~0 as stored.
        double deg = 0;
        for (long long nu = 0; nu < mu; ++nu) deg += static_cast<double>(row[nu]);
        for (long long nu = mu + 1; nu < M; ++nu) deg += static_cast<double>(row[nu]);
        row[mu] = static_cast<T>(-deg);
      } else {
        row[mu] = T(0);
      }
    }
  });

  // ---- dL/dF = alpha P F, then the normalisation's chain rule, then dL/dW = (dL/dF)^T Xi ----
  const double alpha = (avg ? 2 * t : 4 * t) / S;
  gemm(CblasNoTrans, CblasNoTrans, M, D, M, alpha, P, M, F, D, GF, D);
  if (normalize != 0) {
    detail::parallel_rows(M, D, [&](long long r0, long long r1) {
      for (long long mu = r0; mu < r1; ++mu) {
        const T* f = F + static_cast<std::size_t>(mu) * static_cast<std::size_t>(D);
        T* g = GF + static_cast<std::size_t>(mu) * static_cast<std::size_t>(D);
        const double r = norm[mu];
        if (!(r > 0)) {
          std::fill(g, g + D, T(0));
          continue;
        }
        double c = 0;
        for (long long i = 0; i < D; ++i) c += static_cast<double>(f[i]) * static_cast<double>(g[i]);
        for (long long i = 0; i < D; ++i) {
          g[i] = static_cast<T>((static_cast<double>(g[i]) - static_cast<double>(f[i]) * c) / r);
        }
      }
    });
  }
  gemm(CblasTrans, CblasNoTrans, D, d, M, 1.0, GF, D, X, d, gradW, d);
  return value;
}

template <typename T>
inline double separation_loss_checked(const T* W, long long D, long long d, const T* X, long long M, int loss,
                                      double t, int normalize, T* gradW, double* minDist2) noexcept {
  if (W == nullptr || X == nullptr || M < 2 || D < 1 || d < 1 || !(t > 0) || !std::isfinite(t) ||
      (loss != LOSS_AVG && loss != LOSS_MAX && loss != LOSS_DL)) {
    return fail(gradW, D > 0 ? D : 0, d > 0 ? d : 0, minDist2);
  }
  try {
    return separation_loss(W, D, d, X, M, loss, t, normalize, gradW, minDist2);
  } catch (...) {  // std::bad_alloc: nothing may escape into the JVM
    return fail(gradW, D, d, minDist2);
  }
}

}  // namespace uhop_detail

inline double separation_loss_f32(const SeparationLossCall* c, const float* W, const float* memories, float* gradW,
                                  double* minDist2) {
  return uhop_detail::separation_loss_checked(W, c->D, c->d, memories, c->M, c->loss, c->t, c->normalize, gradW,
                                              minDist2);
}

inline double separation_loss_f64(const SeparationLossCall* c, const double* W, const double* memories, double* gradW,
                                  double* minDist2) {
  return uhop_detail::separation_loss_checked(W, c->D, c->d, memories, c->M, c->loss, c->t, c->normalize, gradW,
                                              minDist2);
}

}  // namespace h4j
