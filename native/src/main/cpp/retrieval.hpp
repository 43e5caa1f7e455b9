// Definitions of hopfield4j_retrieval.h: the batched retrieval step loop. Header-only (JavaCPP
// compiles one generated .cpp including the headers). One concern per file:
//   blas.hpp              gemm<T>() over cblas_sgemm / cblas_dgemm
//   retrieval_math.hpp    vectorisable exp, row max / sum, axpy
//   retrieval_scores.hpp  similarity blocks (dot / kernel / neg L2 through the GEMM, neg L1 direct)
//   retrieval_energy.hpp  the quadratic term and Psi*
//   retrieval.hpp         the passes (softmax / sparse maps / poly) and the step loop (this file)
//
// A "pass" computes, for `na` contiguous query rows X, block by block over the memories:
//   softmax  online (flash-attention style): running max m, running sum l, accumulator Y; per block
//            E = exp(beta S - m_new), Y <- Y exp(m_old - m_new) + E Xi_blk (one GEMM), at the end
//            Y /= l and logsumexp = m + log l.
//   poly     the same with weights (s / s_max)^n on s > 0 (running max of s instead of beta s).
//   sparse   (sparsemax, 1.5-entmax, alpha-entmax) only entries with (alpha-1) beta (s_max - s) < 1
//            can be in the support: pass 1 keeps those candidates per query (pruned as the running
//            max rises); the map then runs exactly, in double, on the candidates (the kernels of
//            sparsemax.hpp / entmax15.hpp / entmax_bisect.hpp), which equals the map on all M scores;
//            Y = sum over the support of p_i xi_i (a dense GEMM over blocks only when the supports
//            are so large that it is the cheaper product).
// Working memory: the score block (na x block), O(na) per-query state, the candidates, and, when
// weights are requested, the weights themselves.
// Threads: OpenBLAS threads the GEMMs; the per-query work runs on parallel_rows (parallel.hpp).
// No static mutable state: everything lives in per-call buffers or thread_local scratch.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <vector>

#include "hopfield4j_retrieval.h"
#include "blas.hpp"
#include "entmax15.hpp"
#include "entmax_bisect.hpp"
#include "parallel.hpp"
#include "retrieval_energy.hpp"
#include "retrieval_math.hpp"
#include "retrieval_scores.hpp"
#include "retrieval_scratch.hpp"
#include "softmax.hpp"
#include "sparsemax.hpp"

namespace h4j {
namespace detail {
namespace ret {

// A score that may still be in the support of a sparse map: memory index and raw similarity.
template <typename T>
struct Cand {
  int idx;
  T s;
};

// The recorded weights of one query for the non-softmax maps (entries with p > 0, increasing index).
struct QueryWeights {
  std::vector<int> idx;
  std::vector<double> p;
};

// Where a pass records the weights it used; both null when nothing is recorded.
template <typename T>
struct Recorder {
  T* softmax_values = nullptr;                 // softmax: the caller's value array, row b at b * M
  std::vector<QueryWeights>* sparse = nullptr;  // other maps: one entry per original query
  bool active() const { return softmax_values != nullptr || sparse != nullptr; }
};

// Supports at least this dense (total support * kDenseSupportFactor > na * M) are multiplied by a
// GEMM over dense weight blocks instead of a sparse accumulation.
constexpr long long kDenseSupportFactor = 4;

// Per-row work of at least this many element operations is split over the kernel threads; less runs
// on the calling thread. The threshold is high on purpose: the regions sit between GEMMs, and
// OpenBLAS's workers keep spinning for a while after each GEMM, so freshly started threads compete
// with them for the cores and a short region pays a scheduler time slice (measured: a 10^6 x 64
// store, block 4096, ran 16x slower with every region threaded). Only heavy regions (neg L1 scores,
// large sparse accumulations) are worth it.
constexpr long long kMinParallelWork = 1LL << 22;

template <typename Body>
inline void rows_maybe_parallel(long long rows, long long work_per_row, const Body& body) {
  if (rows <= 0) return;
  if (rows < 2 || rows * work_per_row < kMinParallelWork) {
    body(0LL, rows);
    return;
  }
  if (!parallel_rows(rows, work_per_row, body)) throw std::bad_alloc();
}

// Double scratch owned by the calling thread for the candidate maps. Separate from row_common's
// scratch(), which the map kernels themselves use.
inline double* cand_scratch(int slot, std::size_t n) {
  thread_local std::vector<double> buffers[2];
  std::vector<double>& b = buffers[slot];
  if (b.size() < n) b.resize(n);
  return b.data();
}

// Largest T strictly below the lowest score that can still be in the support when the max is bm:
// bm - window, widened by a relative 1e-9 (+1e-12 |bm|) so that rounding in the map's own
// (alpha - 1) beta (s - s_max) can never make it want an entry we dropped. Extra candidates are
// harmless: the map sees them below its own cut and gives them 0.
template <typename T>
inline T candidate_threshold(T bm, double window) {
  const double b = static_cast<double>(bm);
  const double t = b - window * (1.0 + 1e-9) - 1e-12 * std::fabs(b);
  T tt = static_cast<T>(t);
  if (static_cast<double>(tt) > t) tt = std::nextafter(tt, -std::numeric_limits<T>::infinity());
  return tt;
}

template <typename T>
struct Work {
  T* S;                                       // score block, na_max x block (thread scratch slot 0)
  std::vector<double> m, l;                   // softmax / poly running max and sum
  std::vector<double> xnorm, knorm;           // neg L2: |x|^2 per row, |xi|^2 per block entry
  std::vector<T> smax, thr;                   // sparse maps: running max score, candidate threshold
  std::vector<std::vector<Cand<T>>> cands;    // sparse maps: candidates; poly: positive scores
  std::vector<std::vector<int>> sidx;         // sparse maps: support indices per row
  std::vector<std::vector<double>> sp;        // sparse maps: support weights per row
  std::vector<double> cblk;                   // softmax weights: the shift used by each block

  Work(const Problem<T>& P, long long na_max) {
    S = static_cast<T*>(big_scratch(0, static_cast<std::size_t>(na_max * P.block) * sizeof(T)));
    m.resize(na_max);
    l.resize(na_max);
    if (P.sim == kSimNegL2) {
      xnorm.resize(na_max);
      knorm.resize(P.block);
    }
    if (P.map != kMapSoftmax) cands.resize(na_max);
    if (P.map != kMapSoftmax && P.map != kMapPoly) {
      smax.resize(na_max);
      thr.resize(na_max);
      sidx.resize(na_max);
      sp.resize(na_max);
    }
  }
};

// Runs the blocks: scores of each block, then row(i, m0, nb, blk, s) for every row inside one
// row-parallel region, then after(m0, nb) on the calling thread (the accumulation GEMM).
template <typename T, typename Row, typename After>
inline void for_each_block(const Problem<T>& P, const T* X, long long na, Work<T>& w, const Row& row,
                           const After& after) {
  if (P.sim == kSimNegL2)
    for (long long i = 0; i < na; ++i) w.xnorm[i] = sq_norm(X + i * P.d, P.d);
  T* S = w.S;
  long long blk = 0;
  for (long long m0 = 0; m0 < P.M; m0 += P.block, ++blk) {
    const long long nb = std::min(P.block, P.M - m0);
    if (P.sim == kSimNegL2) block_sq_norms(P, m0, nb, w.knorm.data());
    score_block_gemm(P, X, na, m0, nb, S);
    rows_maybe_parallel(na, score_row_work(P, nb), [&](long long r0, long long r1) {
      finish_score_rows(P, X, r0, r1, m0, nb, S, w.xnorm.data(), w.knorm.data());
      for (long long i = r0; i < r1; ++i) row(i, m0, nb, blk, S + i * nb);
    });
    after(m0, nb);
  }
}

// ---- softmax ---------------------------------------------------------------------------------
template <typename T>
inline void pass_softmax(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                         const Recorder<T>& rec, Work<T>& w) {
  const long long d = P.d, M = P.M;
  const long long nblocks = (M + P.block - 1) / P.block;
  const double ninf = -std::numeric_limits<double>::infinity();
  double* m = w.m.data();
  double* l = w.l.data();
  std::fill(m, m + na, ninf);
  std::fill(l, l + na, 0.0);
  if (Y != nullptr) std::fill(Y, Y + na * d, T(0));
  T* rv = rec.softmax_values;
  if (rv != nullptr) w.cblk.assign(static_cast<std::size_t>(na * nblocks), 0.0);
  const double beta = P.beta;

  for_each_block(
      P, X, na, w,
      [&](long long i, long long m0, long long nb, long long blk, T* s) {
        const double c = std::max(m[i], beta * static_cast<double>(row_max(s, nb)));
        const double f = m[i] == ninf ? 0.0 : std::exp(m[i] - c);
        const double sum = exp_shifted_row(s, nb, beta, c);
        if (Y != nullptr && m[i] != ninf && f != 1.0) scale_row(Y + i * d, d, static_cast<T>(f));
        l[i] = l[i] * f + sum;
        m[i] = c;
        if (rv != nullptr) {
          std::memcpy(rv + static_cast<long long>(ids[i]) * M + m0, s, static_cast<std::size_t>(nb) * sizeof(T));
          w.cblk[i * nblocks + blk] = c;
        }
      },
      [&](long long m0, long long nb) {
        if (Y != nullptr) blas::gemm_ab_acc(w.S, nb, P.values + m0 * d, d, Y, d, na, d, nb);
      });

  rows_maybe_parallel(na, d + (rv != nullptr ? M : 0), [&](long long r0, long long r1) {
    for (long long i = r0; i < r1; ++i) {
      if (Y != nullptr) scale_row(Y + i * d, d, static_cast<T>(1.0 / l[i]));
      if (psi != nullptr) psi[i] = m[i] + std::log(l[i]);
      if (rv != nullptr) {
        T* row = rv + static_cast<long long>(ids[i]) * M;
        for (long long b = 0; b < nblocks; ++b) {
          const long long m0 = b * P.block, nb = std::min(P.block, M - m0);
          scale_row(row + m0, nb, static_cast<T>(std::exp(w.cblk[i * nblocks + b] - m[i]) / l[i]));
        }
      }
    }
  });
}

// ---- poly-n ----------------------------------------------------------------------------------
template <typename T>
inline void pass_poly(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                      const Recorder<T>& rec, Work<T>& w) {
  const long long d = P.d;
  double* smax = w.m.data();  // running max of the scores, 0 while none is positive
  double* l = w.l.data();
  std::fill(smax, smax + na, 0.0);
  std::fill(l, l + na, 0.0);
  if (Y != nullptr) std::fill(Y, Y + na * d, T(0));
  const bool record = rec.sparse != nullptr;
  if (record)
    for (long long i = 0; i < na; ++i) w.cands[i].clear();
  const double n = P.polyN;
  const int nint = P.polyInt;

  for_each_block(
      P, X, na, w,
      [&](long long i, long long m0, long long nb, long long, T* s) {
        const double bm = static_cast<double>(row_max(s, nb));
        if (bm > smax[i]) {
          const double f = smax[i] > 0.0 ? pow_unit(smax[i] / bm, n, nint) : 0.0;
          l[i] *= f;
          if (Y != nullptr && f != 1.0) scale_row(Y + i * d, d, static_cast<T>(f));
          smax[i] = bm;
        }
        if (record)
          for (long long j = 0; j < nb; ++j)
            if (s[j] > T(0)) w.cands[i].push_back({static_cast<int>(m0 + j), s[j]});
        const double sm = smax[i];
        if (sm > 0.0) {
          for (long long j = 0; j < nb; ++j) {
            const double v = static_cast<double>(s[j]);
            s[j] = v > 0.0 ? static_cast<T>(pow_unit(std::min(1.0, v / sm), n, nint)) : T(0);
          }
          l[i] += row_sum(s, nb);
        } else {
          std::fill(s, s + nb, T(0));
        }
      },
      [&](long long m0, long long nb) {
        if (Y != nullptr) blas::gemm_ab_acc(w.S, nb, P.values + m0 * d, d, Y, d, na, d, nb);
      });

  rows_maybe_parallel(na, d, [&](long long r0, long long r1) {
    for (long long i = r0; i < r1; ++i) {
      if (Y != nullptr) {
        if (l[i] > 0.0) scale_row(Y + i * d, d, static_cast<T>(1.0 / l[i]));
        else std::fill(Y + i * d, Y + (i + 1) * d, T(0));
      }
      if (psi != nullptr) psi[i] = std::numeric_limits<double>::quiet_NaN();
      if (record) {
        QueryWeights& q = (*rec.sparse)[ids[i]];
        q.idx.clear();
        q.p.clear();
        const std::vector<Cand<T>>& c = w.cands[i];
        double total = 0.0;
        for (const Cand<T>& e : c) {
          const double wv = pow_unit(std::min(1.0, static_cast<double>(e.s) / smax[i]), n, nint);
          q.idx.push_back(e.idx);
          q.p.push_back(wv);
          total += wv;
        }
        if (total > 0.0)
          for (double& v : q.p) v /= total;
        else
          for (double& v : q.p) v = 0.0;
      }
    }
  });
}

// ---- sparsemax / 1.5-entmax / alpha-entmax --------------------------------------------------
inline double map_alpha(int map, double alpha) {
  return map == kMapSparsemax ? 2.0 : map == kMapEntmax15 ? 1.5 : alpha;
}

template <typename T>
inline void pass_sparse(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                        const Recorder<T>& rec, Work<T>& w) {
  const long long d = P.d, M = P.M;
  const double a = map_alpha(P.map, P.alpha);
  const double window = 1.0 / ((a - 1.0) * P.beta);
  for (long long i = 0; i < na; ++i) {
    w.cands[i].clear();
    w.smax[i] = -std::numeric_limits<T>::infinity();
    w.thr[i] = -std::numeric_limits<T>::infinity();
  }

  // Pass 1: candidates.
  for_each_block(
      P, X, na, w,
      [&](long long i, long long m0, long long nb, long long, T* s) {
        std::vector<Cand<T>>& c = w.cands[i];
        const T bm = row_max(s, nb);
        if (bm > w.smax[i]) {
          w.smax[i] = bm;
          const T t = candidate_threshold(bm, window);
          w.thr[i] = t;
          std::size_t k = 0;
          for (const Cand<T>& e : c)
            if (e.s > t) c[k++] = e;
          c.resize(k);
        }
        const T t = w.thr[i];
        for (long long j = 0; j < nb; ++j)
          if (s[j] > t) c.push_back({static_cast<int>(m0 + j), s[j]});
      },
      [](long long, long long) {});

  // The exact map on the candidates of each row.
  long long total_cands = 0;
  for (long long i = 0; i < na; ++i) total_cands += static_cast<long long>(w.cands[i].size());
  rows_maybe_parallel(na, 64 + 8 * (total_cands / std::max(1LL, na)), [&](long long r0, long long r1) {
    for (long long i = r0; i < r1; ++i) {
      const std::vector<Cand<T>>& c = w.cands[i];
      const long long k = static_cast<long long>(c.size());
      double* z = cand_scratch(0, static_cast<std::size_t>(k));
      double* p = cand_scratch(1, static_cast<std::size_t>(k));
      for (long long j = 0; j < k; ++j) z[j] = static_cast<double>(c[j].s);
      if (P.map == kMapSparsemax) sparsemax_row<double>(z, nullptr, p, k, P.beta);
      else if (P.map == kMapEntmax15) entmax15_row<double>(z, nullptr, p, k, P.beta);
      else entmax_row<double>(z, nullptr, p, k, P.beta, a);
      if (psi != nullptr)
        psi[i] = k > 0 ? psi_tsallis(z, p, k, static_cast<double>(w.smax[i]), P.beta, a)
                       : std::numeric_limits<double>::quiet_NaN();
      std::vector<int>& si = w.sidx[i];
      std::vector<double>& sp = w.sp[i];
      si.clear();
      sp.clear();
      for (long long j = 0; j < k; ++j)
        if (p[j] > 0.0) {
          si.push_back(c[j].idx);
          sp.push_back(p[j]);
        }
      if (rec.sparse != nullptr) {
        QueryWeights& q = (*rec.sparse)[ids[i]];
        q.idx.assign(si.begin(), si.end());
        q.p.assign(sp.begin(), sp.end());
      }
    }
  });
  if (Y == nullptr) return;

  // Second product: Y = P Xi over the supports.
  long long total_support = 0;
  for (long long i = 0; i < na; ++i) total_support += static_cast<long long>(w.sidx[i].size());
  if (total_support * kDenseSupportFactor > na * M) {
    // Dense supports (small beta): scatter each block's weights and multiply with one GEMM.
    std::fill(Y, Y + na * d, T(0));
    std::vector<std::size_t> pos(static_cast<std::size_t>(na), 0);
    T* S = w.S;
    for (long long m0 = 0; m0 < M; m0 += P.block) {
      const long long nb = std::min(P.block, M - m0);
      rows_maybe_parallel(na, nb, [&](long long r0, long long r1) {
        for (long long i = r0; i < r1; ++i) {
          T* s = S + i * nb;
          std::fill(s, s + nb, T(0));
          const std::vector<int>& si = w.sidx[i];
          std::size_t& q = pos[i];
          while (q < si.size() && si[q] < m0 + nb) {
            s[si[q] - m0] = static_cast<T>(w.sp[i][q]);
            ++q;
          }
        }
      });
      blas::gemm_ab_acc(S, nb, P.values + m0 * d, d, Y, d, na, d, nb);
    }
  } else {
    rows_maybe_parallel(na, d * (1 + total_support / std::max(1LL, na)), [&](long long r0, long long r1) {
      for (long long i = r0; i < r1; ++i) {
        T* y = Y + i * d;
        std::fill(y, y + d, T(0));
        const std::vector<int>& si = w.sidx[i];
        for (std::size_t q = 0; q < si.size(); ++q)
          axpy_row(static_cast<T>(w.sp[i][q]), P.values + static_cast<long long>(si[q]) * d, y, d);
      }
    });
  }
}

template <typename T>
inline void run_pass(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                     const Recorder<T>& rec, Work<T>& w) {
  if (na <= 0) return;
  if (P.map == kMapSoftmax) pass_softmax(P, X, ids, na, Y, psi, rec, w);
  else if (P.map == kMapPoly) pass_poly(P, X, ids, na, Y, psi, rec, w);
  else pass_sparse(P, X, ids, na, Y, psi, rec, w);
}

// E = quadratic term - Psi* / beta for rows [0, na) of X; NaN for poly.
template <typename T>
inline void energies(const Problem<T>& P, const T* X, const int* ids, long long na, const double* psi,
                     double* out) {
  std::vector<double> half(static_cast<std::size_t>(na));
  half_sq_norms(P, X, na, half.data());
  for (long long i = 0; i < na; ++i)
    out[ids[i]] = P.map == kMapPoly ? std::numeric_limits<double>::quiet_NaN() : half[i] - psi[i] / P.beta;
}

template <typename T>
inline long long retrieve_impl(const T* memories, long long M, long long d, const T* keys, const T* W, long long D,
                               const T* queries, long long B, T* out, int similarity, int map, double beta,
                               double alpha, double polyN, int maxSteps, double eps, long long block, int* steps,
                               double* energyBefore, double* energyAfter, long long* weightOffsets,
                               int* weightIndices, T* weightValues, long long weightCapacity) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const bool wantW = weightOffsets != nullptr;
  if (B <= 0) {
    if (wantW) weightOffsets[0] = 0;
    return 0;
  }
  if (M <= 0 || d <= 0) {  // nothing to retrieve from (Java rejects this): x stays, no weights
    if (out != queries && d > 0) std::memmove(out, queries, static_cast<std::size_t>(B * d) * sizeof(T));
    for (long long b = 0; b < B; ++b) {
      if (steps != nullptr) steps[b] = 0;
      if (energyBefore != nullptr) energyBefore[b] = nan;
      if (energyAfter != nullptr) energyAfter[b] = nan;
    }
    if (wantW) std::fill(weightOffsets, weightOffsets + B + 1, 0LL);
    return 0;
  }
  int mapk = map;
  if (mapk == kMapEntmax && !(alpha > 1.0)) mapk = kMapSoftmax;  // alpha -> 1 is softmax
  if (wantW && mapk == kMapSoftmax && B * M > weightCapacity) return B * M;

  Problem<T> P;
  P.values = memories;
  P.keys = similarity == kSimKernel && keys != nullptr ? keys : memories;
  P.W = W;
  P.M = M;
  P.d = d;
  P.D = D;
  P.sim = similarity;
  P.map = mapk;
  P.beta = beta;
  P.alpha = alpha;
  P.polyN = polyN;
  P.polyInt = polyN >= 0.0 && polyN <= 4096.0 && polyN == std::floor(polyN) ? static_cast<int>(polyN) : -1;
  P.block = std::max(1LL, std::min(block, M));

  ScratchScope scope;
  const long long Bd = B * d;
  // X: the final states, committed to out at the very end; Xa / Ya: the active states and their update.
  T* X = static_cast<T*>(big_scratch(1, static_cast<std::size_t>(3 * Bd) * sizeof(T)));
  T* Xa = X + Bd;
  T* Ya = Xa + Bd;
  std::memcpy(X, queries, static_cast<std::size_t>(Bd) * sizeof(T));
  std::vector<int> st(static_cast<std::size_t>(B), 0);
  std::vector<double> eB(energyBefore != nullptr ? B : 0), eA(energyAfter != nullptr ? B : 0);
  std::vector<int> ids(static_cast<std::size_t>(B));
  for (long long b = 0; b < B; ++b) ids[b] = static_cast<int>(b);
  std::vector<double> psi(static_cast<std::size_t>(B));
  std::vector<QueryWeights> qw;
  Recorder<T> rec;
  if (wantW) {
    if (mapk == kMapSoftmax) rec.softmax_values = weightValues;
    else {
      qw.resize(static_cast<std::size_t>(B));
      rec.sparse = &qw;
    }
  }
  Work<T> w(P, B);

  if (maxSteps <= 0) {
    const bool wantE = energyBefore != nullptr || energyAfter != nullptr;
    run_pass(P, X, ids.data(), B, static_cast<T*>(nullptr), wantE ? psi.data() : nullptr, rec, w);
    if (wantE) {
      std::vector<double> e(static_cast<std::size_t>(B));
      energies(P, X, ids.data(), B, psi.data(), e.data());
      if (energyBefore != nullptr) eB = e;
      if (energyAfter != nullptr) eA = e;
    }
  } else {
    std::memcpy(Xa, X, static_cast<std::size_t>(Bd) * sizeof(T));
    long long na = B;
    for (int t = 1; t <= maxSteps && na > 0; ++t) {
      const bool firstE = t == 1 && energyBefore != nullptr;
      run_pass(P, Xa, ids.data(), na, Ya, firstE ? psi.data() : nullptr, rec, w);
      if (firstE) energies(P, Xa, ids.data(), na, psi.data(), eB.data());
      long long kept = 0;
      for (long long i = 0; i < na; ++i) {
        const T* y = Ya + i * d;
        const int b = ids[i];
        st[b] = t;
        const bool done = t == maxSteps || std::sqrt(sq_dist(y, Xa + i * d, d)) <= eps;
        if (done) {
          std::memcpy(X + static_cast<long long>(b) * d, y, static_cast<std::size_t>(d) * sizeof(T));
        } else {
          std::memcpy(Xa + kept * d, y, static_cast<std::size_t>(d) * sizeof(T));
          ids[kept++] = b;
        }
      }
      na = kept;
    }
    if (energyAfter != nullptr) {
      for (long long b = 0; b < B; ++b) ids[b] = static_cast<int>(b);
      run_pass(P, X, ids.data(), B, static_cast<T*>(nullptr), psi.data(), Recorder<T>{}, w);
      energies(P, X, ids.data(), B, psi.data(), eA.data());
    }
  }

  if (wantW) {
    if (mapk == kMapSoftmax) {
      for (long long b = 0; b <= B; ++b) weightOffsets[b] = b * M;
      for (long long b = 0; b < B; ++b)
        for (long long j = 0; j < M; ++j) weightIndices[b * M + j] = static_cast<int>(j);
    } else {
      long long need = 0;
      for (const QueryWeights& q : qw)
        for (double v : q.p) need += static_cast<T>(v) > T(0);
      if (need > weightCapacity) return need;  // nothing written: the caller retries from scratch
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
    }
  }
  std::memcpy(out, X, static_cast<std::size_t>(Bd) * sizeof(T));
  if (steps != nullptr) std::copy(st.begin(), st.end(), steps);
  if (energyBefore != nullptr) std::copy(eB.begin(), eB.end(), energyBefore);
  if (energyAfter != nullptr) std::copy(eA.begin(), eA.end(), energyAfter);
  return 0;
}

// Nothing may escape across JNI. The only failure is running out of memory: out is then filled with
// NaN (a visibly poisoned result rather than a silently half-written one) and -1 returned.
template <typename T>
inline long long retrieve(const T* memories, long long M, long long d, const T* keys, const T* W, long long D,
                          const T* queries, long long B, T* out, int similarity, int map, double beta, double alpha,
                          double polyN, int maxSteps, double eps, long long block, int* steps, double* energyBefore,
                          double* energyAfter, long long* weightOffsets, int* weightIndices, T* weightValues,
                          long long weightCapacity) noexcept {
  try {
    return retrieve_impl(memories, M, d, keys, W, D, queries, B, out, similarity, map, beta, alpha, polyN, maxSteps,
                         eps, block, steps, energyBefore, energyAfter, weightOffsets, weightIndices, weightValues,
                         weightCapacity);
  } catch (...) {
    for (long long i = 0; i < B * d; ++i) out[i] = std::numeric_limits<T>::quiet_NaN();
    for (long long b = 0; b < B; ++b) {
      if (steps != nullptr) steps[b] = -1;
      if (energyBefore != nullptr) energyBefore[b] = std::numeric_limits<double>::quiet_NaN();
      if (energyAfter != nullptr) energyAfter[b] = std::numeric_limits<double>::quiet_NaN();
    }
    return -1;
  }
}

}  // namespace ret
}  // namespace detail

inline long long retrieve_f32(const float* memories, long long M, long long d, const float* keys, const float* W,
                              long long D, const float* queries, long long B, float* out, int similarity, int map,
                              double beta, double alpha, double polyN, int maxSteps, double eps, long long block,
                              int* steps, double* energyBefore, double* energyAfter, long long* weightOffsets,
                              int* weightIndices, float* weightValues, long long weightCapacity) {
  return detail::ret::retrieve(memories, M, d, keys, W, D, queries, B, out, similarity, map, beta, alpha, polyN,
                               maxSteps, eps, block, steps, energyBefore, energyAfter, weightOffsets, weightIndices,
                               weightValues, weightCapacity);
}

inline long long retrieve_f64(const double* memories, long long M, long long d, const double* keys, const double* W,
                              long long D, const double* queries, long long B, double* out, int similarity, int map,
                              double beta, double alpha, double polyN, int maxSteps, double eps, long long block,
                              int* steps, double* energyBefore, double* energyAfter, long long* weightOffsets,
                              int* weightIndices, double* weightValues, long long weightCapacity) {
  return detail::ret::retrieve(memories, M, d, keys, W, D, queries, B, out, similarity, map, beta, alpha, polyN,
                               maxSteps, eps, block, steps, energyBefore, energyAfter, weightOffsets, weightIndices,
                               weightValues, weightCapacity);
}

inline void gemm_abt_f32(const float* A, const float* B, float* C, long long m, long long n, long long k) {
  blas::gemm_abt(A, k, B, k, C, n, m, n, k);
}

inline void gemm_abt_f64(const double* A, const double* B, double* C, long long m, long long n, long long k) {
  blas::gemm_abt(A, k, B, k, C, n, m, n, k);
}

}  // namespace h4j
