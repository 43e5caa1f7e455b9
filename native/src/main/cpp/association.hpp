// The association primitive (hopfield4j_nn.h, docs/math.md#association): for each problem b of a
// batch, S = Q K^T, P = map(beta_b S) row by row (masked entries exactly 0), out = (P o keep) V; and
// its backward dQ, dK, dV, dbeta, dalpha. The products go through OpenBLAS, the map and its VJP
// through the row kernels of the dispatch table (hopfield4j_kinds.h), the alpha derivative through
// alpha_grad.hpp. The Hopfield layers and the retrieval backward (retrieval_gradient.hpp) are
// built on these two functions.
#pragma once
#include <cmath>
#include <limits>
#include <new>
#include <vector>

#include "alpha_grad.hpp"
#include "blas.hpp"
#include "hopfield4j.h"
#include "hopfield4j_kinds.h"
#include "hopfield4j_nn.h"
#include "parallel.hpp"
#include "row_common.hpp"

namespace h4j {
namespace detail {

// The map of one row through the dispatch table; unknown codes (rejected in Java) give zeros.
template <typename T>
inline void map_forward_row(int map, const T* z, const unsigned char* mask, T* p, long long n, double scale,
                            double alpha, RowScratch& ws) {
  switch (map) {
#define H4J_NN_FORWARD(name, value, Ops) \
  case name:                             \
    Ops::forward(z, mask, p, n, scale, alpha, ws); \
    return;
    H4J_SEPARATION_MAPS(H4J_NN_FORWARD)
#undef H4J_NN_FORWARD
    default:
      zero_row(p, n);
  }
}

template <typename T>
inline void map_backward_row(int map, const T* p, const T* g, T* dz, long long n, double scale, double alpha) {
  switch (map) {
#define H4J_NN_BACKWARD(name, value, Ops)        \
  case name:                                     \
    Ops::backward(p, g, dz, n, scale, alpha);    \
    return;
    H4J_SEPARATION_MAPS(H4J_NN_BACKWARD)
#undef H4J_NN_BACKWARD
    default:
      for (long long i = 0; i < n; ++i) dz[i] = T(0);
  }
}

// The inputs of one association call (the shapes and settings are the AssociationCall's).
template <typename T>
struct AssociationInputs {
  const T* Q;
  const T* K;
  const T* V;
};

inline double beta_of(const AssociationCall& c, const double* beta, long long problem) {
  return c.betaCount == 1 ? beta[0] : beta[problem];
}

// P o keep * dropScale, or P itself without dropout; `buffer` holds the dropped copy.
template <typename T>
inline const T* dropped(const AssociationCall& c, const T* P, const unsigned char* keep, std::vector<T>& buffer) {
  if (keep == nullptr) return P;
  const long long size = c.problems * c.Nq * c.Nk;
  buffer.resize(static_cast<std::size_t>(size));
  const T scale = static_cast<T>(c.dropScale);
  for (long long i = 0; i < size; ++i) buffer[i] = keep[i] != 0 ? P[i] * scale : T(0);
  return buffer.data();
}

// Forward: fills S, P and out. Returns false if working memory could not be allocated.
template <typename T>
inline bool association_forward(const AssociationCall& c, const AssociationInputs<T>& t, const unsigned char* mask,
                                const unsigned char* keep, T* P, T* S, T* out, const double* beta,
                                const double* alpha) {
  const long long Nq = c.Nq, Nk = c.Nk, dk = c.dk, dv = c.dv, rows = c.problems * Nq;
  for (long long b = 0; b < c.problems; ++b) {
    blas::gemm_abt(t.Q + b * Nq * dk, dk, t.K + b * Nk * dk, dk, S + b * Nq * Nk, Nk, Nq, Nk, dk);
  }
  const bool ok = parallel_rows(rows, Nk, [&](long long r0, long long r1) {
    RowScratch& ws = thread_scratch();
    for (long long r = r0; r < r1; ++r) {
      map_forward_row(c.map, S + r * Nk, mask == nullptr ? nullptr : mask + r * Nk, P + r * Nk, Nk,
                      beta_of(c, beta, r / Nq), alpha_of(alpha, c.alphaCount, rows, r), ws);
    }
  });
  if (!ok) return false;
  std::vector<T> buffer;
  const T* Pd = dropped(c, P, keep, buffer);
  for (long long b = 0; b < c.problems; ++b) {
    blas::gemm(CblasNoTrans, CblasNoTrans, Nq, dv, Nk, T(1), Pd + b * Nq * Nk, Nk, t.V + b * Nk * dv, dv, T(0),
               out + b * Nq * dv, dv);
  }
  return true;
}

// Backward from the forward's P and S, accumulating: dQ, dK, dV += their gradients,
// dBeta[betaCount] += dbeta, and when dAlpha is non-null dAlpha[alphaCount] += dalpha. dOut is the
// upstream gradient of out.
template <typename T>
inline bool association_backward(const AssociationCall& c, const AssociationInputs<T>& t, const T* P, const T* S,
                                 const T* dOut,
                                 const unsigned char* keep, T* dQ, T* dK, T* dV, double* dBeta, double* dAlpha,
                                 const double* beta, const double* alpha) {
  const long long Nq = c.Nq, Nk = c.Nk, dk = c.dk, dv = c.dv, rows = c.problems * Nq;
  std::vector<T> dS(static_cast<std::size_t>(rows * Nk)), buffer;
  std::vector<double> rowBeta(static_cast<std::size_t>(rows)), rowAlpha(dAlpha == nullptr ? 0 : rows);
  const T* Pd = dropped(c, P, keep, buffer);
  for (long long b = 0; b < c.problems; ++b) {
    const T* g = dOut + b * Nq * dv;
    // dP = dOut V^T (through the dropout below); dV += (P o keep)^T dOut
    blas::gemm_abt(g, dv, t.V + b * Nk * dv, dv, dS.data() + b * Nq * Nk, Nk, Nq, Nk, dv);
    blas::gemm(CblasTrans, CblasNoTrans, Nk, dv, Nq, T(1), Pd + b * Nq * Nk, Nk, g, dv, T(1), dV + b * Nk * dv, dv);
  }
  const bool ok = parallel_rows(rows, Nk, [&](long long r0, long long r1) {
    for (long long r = r0; r < r1; ++r) {
      T* row = dS.data() + r * Nk;
      const T* p = P + r * Nk;
      const T* s = S + r * Nk;
      if (keep != nullptr) {
        const T scale = static_cast<T>(c.dropScale);
        for (long long i = 0; i < Nk; ++i) row[i] = keep[r * Nk + i] != 0 ? row[i] * scale : T(0);
      }
      const double a = alpha_of(alpha, c.alphaCount, rows, r);
      if (dAlpha != nullptr) rowAlpha[r] = entmax_alpha_vjp_row(p, row, Nk, a);
      // G = J^T dP at beta S (scale 1); dbeta = <G, S> over the support (masked S is not a number
      // to use, and G is 0 off the support); dS = beta G.
      map_backward_row(c.map, p, row, row, Nk, 1.0, a);
      double gs = 0.0;
      for (long long i = 0; i < Nk; ++i) {
        if (p[i] > T(0)) gs += static_cast<double>(row[i]) * static_cast<double>(s[i]);
      }
      rowBeta[r] = gs;
      const double bt = beta_of(c, beta, r / Nq);
      for (long long i = 0; i < Nk; ++i) row[i] = static_cast<T>(bt * static_cast<double>(row[i]));
    }
  });
  if (!ok) return false;
  for (long long b = 0; b < c.problems; ++b) {
    const T* ds = dS.data() + b * Nq * Nk;
    blas::gemm(CblasNoTrans, CblasNoTrans, Nq, dk, Nk, T(1), ds, Nk, t.K + b * Nk * dk, dk, T(1), dQ + b * Nq * dk, dk);
    blas::gemm(CblasTrans, CblasNoTrans, Nk, dk, Nq, T(1), ds, Nk, t.Q + b * Nq * dk, dk, T(1), dK + b * Nk * dk, dk);
  }
  // Sums in row order: the same bits on every run, whatever the threads.
  for (long long r = 0; r < rows; ++r) {
    dBeta[c.betaCount == 1 ? 0 : r / Nq] += rowBeta[r];
    if (dAlpha != nullptr) dAlpha[c.alphaCount == 1 ? 0 : r] += rowAlpha[r];
  }
  return true;
}

template <typename T>
inline void fill_nan(T* a, long long n) {
  for (long long i = 0; i < n; ++i) a[i] = std::numeric_limits<T>::quiet_NaN();
}

template <typename T>
inline int association_forward_entry(const AssociationCall& c, const T* qkv, const unsigned char* mask,
                                     const unsigned char* keep, T* out, T* ps, const double* scalars) {
  const long long q = c.problems * c.Nq * c.dk, k = c.problems * c.Nk * c.dk, pq = c.problems * c.Nq * c.Nk;
  const AssociationInputs<T> t{qkv, qkv + q, qkv + q + k};
  bool ok;
  try {
    ok = association_forward(c, t, mask, keep, ps, ps + pq, out, scalars, scalars + c.betaCount);
  } catch (const std::bad_alloc&) {
    ok = false;
  }
  if (ok) return 0;
  fill_nan(out, c.problems * c.Nq * c.dv);
  fill_nan(ps, 2 * pq);
  return -1;
}

template <typename T>
inline int association_backward_entry(const AssociationCall& c, const T* qkv, const T* ps, const T* dOut,
                                      const unsigned char* keep, T* grads, double* dScalars, const double* scalars) {
  const long long q = c.problems * c.Nq * c.dk, k = c.problems * c.Nk * c.dk, v = c.problems * c.Nk * c.dv;
  const long long pq = c.problems * c.Nq * c.Nk;
  const long long nScalars = c.betaCount + (c.alphaGradient ? c.alphaCount : 0);
  for (long long i = 0; i < q + k + v; ++i) grads[i] = T(0);
  for (long long i = 0; i < nScalars; ++i) dScalars[i] = 0.0;
  const AssociationInputs<T> t{qkv, qkv + q, qkv + q + k};
  bool ok;
  try {
    ok = association_backward(c, t, ps, ps + pq, dOut, keep, grads, grads + q, grads + q + k, dScalars,
                              c.alphaGradient ? dScalars + c.betaCount : nullptr, scalars, scalars + c.betaCount);
  } catch (const std::bad_alloc&) {
    ok = false;
  }
  if (ok) return 0;
  fill_nan(grads, q + k + v);
  for (long long i = 0; i < nScalars; ++i) dScalars[i] = std::numeric_limits<double>::quiet_NaN();
  return -1;
}

}  // namespace detail

inline int association_forward_f32(const AssociationCall* call, const float* qkv, const unsigned char* mask,
                                   const unsigned char* keep, float* out, float* ps, const double* scalars) {
  return detail::association_forward_entry(*call, qkv, mask, keep, out, ps, scalars);
}
inline int association_forward_f64(const AssociationCall* call, const double* qkv, const unsigned char* mask,
                                   const unsigned char* keep, double* out, double* ps, const double* scalars) {
  return detail::association_forward_entry(*call, qkv, mask, keep, out, ps, scalars);
}
inline int association_backward_f32(const AssociationCall* call, const float* qkv, const float* ps, const float* dOut,
                                    const unsigned char* keep, float* grads, double* dScalars, const double* scalars) {
  return detail::association_backward_entry(*call, qkv, ps, dOut, keep, grads, dScalars, scalars);
}
inline int association_backward_f64(const AssociationCall* call, const double* qkv, const double* ps,
                                    const double* dOut, const unsigned char* keep, double* grads, double* dScalars,
                                    const double* scalars) {
  return detail::association_backward_entry(*call, qkv, ps, dOut, keep, grads, dScalars, scalars);
}

}  // namespace h4j
