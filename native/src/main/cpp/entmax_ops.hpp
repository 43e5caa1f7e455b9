// The ops structs of the entmax family (softmax, sparsemax, 1.5-entmax, alpha-entmax): what the
// dispatch table of hopfield4j_kinds.h needs of a map. Every member is static:
//   forward(z, mask, p, n, scale, alpha, scratch) -> support   the map of one row of scale * z
//   backward(p, g, dz, n, scale, alpha)                          its vector-Jacobian product
//   kOnlineSoftmax                                               retrieval: the online softmax pass
// and, for the maps whose retrieval runs on candidates (kOnlineSoftmax false):
//   window(beta, alpha)   scores more than this below the row maximum get p = 0, so they need not be kept
//   support_window(beta, alpha, pmax)   the same from the map's output on a subset of the scores with
//                         largest weight pmax: tau only grows as scores are added, so scores more than
//                         this below the subset's maximum get p = 0 in the end too (<= window)
//   psi(s, p, k, smax, beta, alpha)   Psi*(beta s) from the k candidates s with probabilities p
//                                      (the energy's -1/beta Psi* term)
// alpha is the one Java passes (org.hopfield4j.MapKind holds each map's fixed alpha).
#pragma once
#include <cmath>

#include "backward.hpp"
#include "entmax15.hpp"
#include "entmax_bisect.hpp"
#include "row_common.hpp"
#include "softmax.hpp"
#include "sparsemax.hpp"

namespace h4j {
namespace detail {

// Psi*_alpha(beta s) for alpha > 1, the convex conjugate of the Tsallis entropy, from the candidates
// the map saw (score s_j, probability p[j], zeros allowed), smax the largest score:
//   Psi*_alpha(z) = <p, z> + (1 - sum p^alpha) / (alpha (alpha - 1)).
// Computed around the max, z = beta smax + beta (s - smax), so a large score costs no precision.
template <typename Score>
inline double psi_tsallis(const Score* s, const double* p, long long k, double smax, double beta, double alpha) {
  double dot = 0.0, sum_pa = 0.0;
  for (long long j = 0; j < k; ++j) {
    const double pj = p[j];
    if (!(pj > 0.0)) continue;
    dot += pj * beta * (static_cast<double>(s[j]) - smax);
    sum_pa += alpha == 2.0 ? pj * pj : alpha == 1.5 ? pj * std::sqrt(pj) : std::pow(pj, alpha);
  }
  return beta * smax + dot + (1.0 - sum_pa) / (alpha * (alpha - 1.0));
}

// The members shared by the sparse maps of the family: entries with (alpha - 1) beta (smax - s) >= 1
// are outside the support; Psi* is the Tsallis one.
struct TsallisRetrieval {
  static constexpr bool kOnlineSoftmax = false;
  static double window(double beta, double alpha) { return 1.0 / ((alpha - 1.0) * beta); }
  // p_max^(alpha-1) = (alpha-1) beta s_max - tau: entries at or below tau / ((alpha-1) beta) get 0.
  static double support_window(double beta, double alpha, double pmax) {
    return std::pow(pmax, alpha - 1.0) / ((alpha - 1.0) * beta);
  }
  template <typename Score>
  static double psi(const Score* s, const double* p, long long k, double smax, double beta, double alpha) {
    return psi_tsallis(s, p, k, smax, beta, alpha);
  }
};

struct SoftmaxOps {
  static constexpr bool kOnlineSoftmax = true;  // logsumexp comes out of the online pass
  template <typename T>
  static int forward(const T* z, const unsigned char* mask, T* p, long long n, double scale, double,
                     RowScratch& ws) {
    return softmax_row(z, mask, p, n, scale, ws);
  }
  template <typename T>
  static void backward(const T* p, const T* g, T* dz, long long n, double scale, double) {
    softmax_backward_row(p, g, dz, n, scale);
  }
};

struct SparsemaxOps : TsallisRetrieval {
  template <typename T>
  static int forward(const T* z, const unsigned char* mask, T* p, long long n, double scale, double,
                     RowScratch& ws) {
    return sparsemax_row(z, mask, p, n, scale, ws);
  }
  template <typename T>
  static void backward(const T* p, const T* g, T* dz, long long n, double scale, double) {
    sparsemax_backward_row(p, g, dz, n, scale);
  }
};

struct Entmax15Ops : TsallisRetrieval {
  template <typename T>
  static int forward(const T* z, const unsigned char* mask, T* p, long long n, double scale, double,
                     RowScratch& ws) {
    return entmax15_row(z, mask, p, n, scale, ws);
  }
  template <typename T>
  static void backward(const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
    entmax_backward_row(p, g, dz, n, scale, alpha);
  }
};

// alpha-entmax; entmax_row routes alpha = 2 and 1.5 to the exact kernels and alpha <= 1 to softmax.
struct EntmaxOps : TsallisRetrieval {
  template <typename T>
  static int forward(const T* z, const unsigned char* mask, T* p, long long n, double scale, double alpha,
                     RowScratch& ws) {
    return entmax_row(z, mask, p, n, scale, alpha, ws);
  }
  template <typename T>
  static void backward(const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
    entmax_backward_row(p, g, dz, n, scale, alpha);
  }
};

}  // namespace detail
}  // namespace h4j
