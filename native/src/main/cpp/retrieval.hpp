// Definitions of hopfield4j_retrieval.h: the step loop of a retrieval call. Header-only (JavaCPP
// compiles one generated .cpp including the headers). One concern per file:
//   blas.hpp              gemm<T>() over cblas_sgemm / cblas_dgemm
//   retrieval_math.hpp    vectorisable exp, row max / sum, axpy
//   retrieval_scores.hpp  similarity blocks (dot / kernel / neg L2 through the GEMM, neg L1 direct)
//   retrieval_energy.hpp  the quadratic term of the energy
//   retrieval_work.hpp    per-call working state and the block loop
//   retrieval_fused.hpp   the fused tile loop (scores consumed in cache) and the choice of path
//   retrieval_registers.hpp  the register tiles of the sparse maps' candidate pass, softmax's AVX-512 exp
//   retrieval_flash.hpp   softmax's flash pass on the register tiles (both products in registers)
//   retrieval_passes.hpp  the passes: online softmax, poly-n, the sparse maps on candidates
//   retrieval.hpp         the dispatch to the passes (the table of hopfield4j_kinds.h) and the step loop
// Working memory: the score block (na x block), O(na) per-query state, the candidates, and, when
// weights are requested, the weights themselves.
// Threads: OpenBLAS threads the GEMMs; the per-query work runs on parallel_rows (parallel.hpp).
// No static mutable state but one: everything lives in per-call buffers or thread_local scratch, except
// OpenBLAS's thread count, which a fused pass holds at 1 while it runs (blas::OneThreadPerCall).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "hopfield4j_kinds.h"
#include "hopfield4j_retrieval.h"
#include "blas.hpp"
#include "retrieval_energy.hpp"
#include "retrieval_fused.hpp"
#include "retrieval_math.hpp"
#include "retrieval_passes.hpp"
#include "retrieval_scores.hpp"
#include "retrieval_scratch.hpp"
#include "retrieval_work.hpp"

namespace h4j {
namespace detail {
namespace ret {

// The maps the passes run: each map of the table of hopfield4j_kinds.h, chosen once per pass.
template <typename Ops, typename T>
inline void pass_of(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                    const Recorder<T>& rec, Work<T>& w) {
  if constexpr (Ops::kOnlineSoftmax) pass_softmax(P, X, ids, na, Y, psi, rec, w);
  else pass_sparse<Ops>(P, X, ids, na, Y, psi, rec, w);
}

// Whether the map's pass is the online softmax one (dense weights, no candidates).
inline bool online_softmax(int map) {
  switch (map) {
#define H4J_ONLINE_CASE(name, value, Ops) \
  case name:                              \
    return Ops::kOnlineSoftmax;
    H4J_SEPARATION_MAPS(H4J_ONLINE_CASE)
#undef H4J_ONLINE_CASE
    default:
      return false;
  }
}

template <typename T>
inline void run_pass(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                     const Recorder<T>& rec, Work<T>& w) {
  if (na <= 0) return;
  w.path = pass_path(P, na, rec.softmax_values != nullptr);
  switch (P.map) {
#define H4J_PASS_CASE(name, value, Ops) \
  case name:                            \
    pass_of<Ops>(P, X, ids, na, Y, psi, rec, w); \
    break;
    H4J_SEPARATION_MAPS(H4J_PASS_CASE)
#undef H4J_PASS_CASE
    case MAP_POLY:
      pass_poly(P, X, ids, na, Y, psi, rec, w);
      break;
    default:
      break;
  }
}

// E = quadratic term - Psi* / beta for rows [0, na) of X; NaN for poly.
template <typename T>
inline void energies(const Problem<T>& P, const T* X, const int* ids, long long na, const double* psi,
                     double* out) {
  std::vector<double> half(static_cast<std::size_t>(na));
  half_sq_norms(P, X, na, half.data());
  for (long long i = 0; i < na; ++i)
    out[ids[i]] = P.map == MAP_POLY ? std::numeric_limits<double>::quiet_NaN() : half[i] - psi[i] / P.beta;
}

// Widened values of a half store the blocked path holds at once (16 MB of float32).
constexpr long long kMaxWidenedElements = 1LL << 22;

// The problem of a call: the store, the scoring and the map, with the map and block normalised.
template <typename T>
inline Problem<T> problem_of(const RetrievalCall& c) {
  Problem<T> P;
  const bool half = std::is_same<T, float>::value && c.storage != 0;  // Java sends half stores as float32 calls
  P.half = half ? static_cast<const std::uint16_t*>(c.memories) : nullptr;
  P.storage = half ? c.storage : 0;
  P.values = half ? nullptr : static_cast<const T*>(c.memories);
  P.keys = c.similarity == SIM_KERNEL && c.keys != nullptr ? static_cast<const T*>(c.keys) : P.values;
  P.W = static_cast<const T*>(c.W);
  P.M = c.M;
  P.d = c.d;
  P.D = c.D;
  P.sim = c.similarity;
  P.map = c.map == MAP_ENTMAX && !(c.alpha > 1.0) ? MAP_SOFTMAX : c.map;  // alpha -> 1 is softmax
  P.beta = c.beta;
  P.alpha = c.alpha;
  P.polyN = c.polyN;
  P.polyInt = c.polyN >= 0.0 && c.polyN <= 4096.0 && c.polyN == std::floor(c.polyN) ? static_cast<int>(c.polyN) : -1;
  P.block = std::max(1LL, std::min(c.scoreBlock, c.M));
  // a half store's blocked path widens a whole block: at most kMaxWidenedElements at a time
  if (half) P.block = std::max(1LL, std::min(P.block, kMaxWidenedElements / c.d));
  P.path = c.path;
  return P;
}

// Writes the recorded weights as CSR; returns 0, or the pairs needed when they do not fit (then
// nothing is written).
template <typename T>
inline long long write_weights(const RetrievalCall& c, bool dense, const std::vector<QueryWeights>& qw,
                               long long* weightOffsets, int* weightIndices, T* weightValues) {
  const long long B = c.B, M = c.M;
  if (dense) {  // the values are already in place
    for (long long b = 0; b <= B; ++b) weightOffsets[b] = b * M;
    for (long long b = 0; b < B; ++b)
      for (long long j = 0; j < M; ++j) weightIndices[b * M + j] = static_cast<int>(j);
    return 0;
  }
  long long need = 0;
  for (const QueryWeights& q : qw)
    for (double v : q.p) need += static_cast<T>(v) > T(0);
  if (need > c.weightCapacity) return need;
  long long k = 0;
  for (long long b = 0; b < B; ++b) {
    weightOffsets[b] = k;
    const QueryWeights& q = qw[b];
    for (std::size_t j = 0; j < q.idx.size(); ++j) {
      const T v = static_cast<T>(q.p[j]);
      if (v > T(0)) {
        weightIndices[k] = q.idx[j];
        weightValues[k] = v;
        ++k;
      }
    }
  }
  weightOffsets[B] = k;
  return 0;
}

template <typename T>
inline long long retrieve_impl(const RetrievalCall& c, const T* queries, T* out, int* steps, double* energies_out,
                               long long* weightOffsets, int* weightIndices, T* weightValues) {
  const long long B = c.B, M = c.M, d = c.d;
  const bool wantW = weightOffsets != nullptr;
  if (B <= 0) {
    if (wantW) weightOffsets[0] = 0;
    return 0;
  }
  if (M <= 0 || d <= 0) {  // nothing to retrieve from (Java rejects this): x stays, no weights
    if (out != queries && d > 0) std::memmove(out, queries, static_cast<std::size_t>(B * d) * sizeof(T));
    if (steps != nullptr) std::fill(steps, steps + B, 0);
    if (energies_out != nullptr) std::fill(energies_out, energies_out + 2 * B, std::numeric_limits<double>::quiet_NaN());
    if (wantW) std::fill(weightOffsets, weightOffsets + B + 1, 0LL);
    return 0;
  }
  const Problem<T> P = problem_of<T>(c);
  const bool dense = online_softmax(P.map);
  if (wantW && dense && B * M > c.weightCapacity) return B * M;

  ScratchScope scope;
  const long long Bd = B * d;
  // X: the final states, committed to out at the very end; Xa / Ya: the active states and their update.
  T* X = static_cast<T*>(big_scratch(1, static_cast<std::size_t>(3 * Bd) * sizeof(T)));
  T* Xa = X + Bd;
  T* Ya = Xa + Bd;
  std::memcpy(X, queries, static_cast<std::size_t>(Bd) * sizeof(T));
  std::vector<int> st(static_cast<std::size_t>(B), 0);
  const bool wantE = energies_out != nullptr;
  std::vector<double> e(wantE ? 2 * B : 0);  // E(x_0), then E(x_T)
  std::vector<int> ids(static_cast<std::size_t>(B));
  for (long long b = 0; b < B; ++b) ids[b] = static_cast<int>(b);
  std::vector<double> psi(static_cast<std::size_t>(B));
  std::vector<QueryWeights> qw;
  Recorder<T> rec;
  if (wantW) {
    if (dense) rec.softmax_values = weightValues;
    else {
      qw.resize(static_cast<std::size_t>(B));
      rec.sparse = &qw;
    }
  }
  Work<T> w(P, B, !dense, !dense && P.map != MAP_POLY);

  if (c.maxSteps <= 0) {
    run_pass(P, X, ids.data(), B, static_cast<T*>(nullptr), wantE ? psi.data() : nullptr, rec, w);
    if (wantE) {
      energies(P, X, ids.data(), B, psi.data(), e.data());
      std::copy(e.begin(), e.begin() + B, e.begin() + B);
    }
  } else {
    std::memcpy(Xa, X, static_cast<std::size_t>(Bd) * sizeof(T));
    long long na = B;
    for (int t = 1; t <= c.maxSteps && na > 0; ++t) {
      const bool firstE = t == 1 && wantE;
      run_pass(P, Xa, ids.data(), na, Ya, firstE ? psi.data() : nullptr, rec, w);
      if (firstE) energies(P, Xa, ids.data(), na, psi.data(), e.data());
      long long kept = 0;
      for (long long i = 0; i < na; ++i) {
        const T* y = Ya + i * d;
        const int b = ids[i];
        st[b] = t;
        const bool done = t == c.maxSteps || std::sqrt(sq_dist(y, Xa + i * d, d)) <= c.eps;
        if (done) {
          std::memcpy(X + static_cast<long long>(b) * d, y, static_cast<std::size_t>(d) * sizeof(T));
        } else {
          std::memcpy(Xa + kept * d, y, static_cast<std::size_t>(d) * sizeof(T));
          ids[kept++] = b;
        }
      }
      na = kept;
    }
    if (wantE) {
      for (long long b = 0; b < B; ++b) ids[b] = static_cast<int>(b);
      run_pass(P, X, ids.data(), B, static_cast<T*>(nullptr), psi.data(), Recorder<T>{}, w);
      energies(P, X, ids.data(), B, psi.data(), e.data() + B);
    }
  }

  if (wantW) {
    const long long need = write_weights(c, dense, qw, weightOffsets, weightIndices, weightValues);
    if (need != 0) return need;  // nothing written: the caller retries from scratch
  }
  std::memcpy(out, X, static_cast<std::size_t>(Bd) * sizeof(T));
  if (steps != nullptr) std::copy(st.begin(), st.end(), steps);
  if (wantE) std::copy(e.begin(), e.end(), energies_out);
  return 0;
}

// The path of the first pass of a call (retrieval_path_f32 / _f64): BLOCKED when there is nothing to
// retrieve from.
template <typename T>
inline int first_path(const RetrievalCall& c, bool records_weights) {
  if (c.B <= 0 || c.M <= 0 || c.d <= 0) return RETRIEVAL_PATH_BLOCKED;
  const Problem<T> P = problem_of<T>(c);
  return pass_path(P, c.B, records_weights && online_softmax(P.map));
}

// Nothing may escape across JNI. The only failure is running out of memory: out is then filled with
// NaN (a visibly poisoned result rather than a silently half-written one) and -1 returned.
template <typename T>
inline long long retrieve(const RetrievalCall* call, const T* queries, T* out, int* steps, double* energies_out,
                          long long* weightOffsets, int* weightIndices, T* weightValues) noexcept {
  try {
    return retrieve_impl(*call, queries, out, steps, energies_out, weightOffsets, weightIndices, weightValues);
  } catch (...) {
    const long long B = call->B;
    std::fill(out, out + B * call->d, std::numeric_limits<T>::quiet_NaN());
    if (steps != nullptr) std::fill(steps, steps + B, -1);
    if (energies_out != nullptr) std::fill(energies_out, energies_out + 2 * B, std::numeric_limits<double>::quiet_NaN());
    return -1;
  }
}

}  // namespace ret
}  // namespace detail

inline long long retrieve_f32(const RetrievalCall* call, const float* queries, float* out, int* steps, double* energies,
                              long long* weightOffsets, int* weightIndices, float* weightValues) {
  return detail::ret::retrieve(call, queries, out, steps, energies, weightOffsets, weightIndices, weightValues);
}

inline long long retrieve_f64(const RetrievalCall* call, const double* queries, double* out, int* steps,
                              double* energies, long long* weightOffsets, int* weightIndices, double* weightValues) {
  return detail::ret::retrieve(call, queries, out, steps, energies, weightOffsets, weightIndices, weightValues);
}

inline int retrieval_path_f32(const RetrievalCall* call, int recordWeights) {
  return detail::ret::first_path<float>(*call, recordWeights != 0);
}

inline int retrieval_path_f64(const RetrievalCall* call, int recordWeights) {
  return detail::ret::first_path<double>(*call, recordWeights != 0);
}

inline void gemm_abt_f32(const float* A, const float* B, float* C, long long m, long long n, long long k) {
  blas::gemm_abt(A, k, B, k, C, n, m, n, k);
}

inline void gemm_abt_f64(const double* A, const double* B, double* C, long long m, long long n, long long k) {
  blas::gemm_abt(A, k, B, k, C, n, m, n, k);
}

}  // namespace h4j
