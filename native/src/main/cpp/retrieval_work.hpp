// The per-call working state of the retrieval passes (retrieval_passes.hpp) and the block loop they
// share: the score block, per-query running state, candidates and supports, the recorder of weights,
// and the rule for when a per-row region is worth threading.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <vector>

#include "hopfield4j_kinds.h"
#include "hopfield4j_retrieval.h"
#include "parallel.hpp"
#include "retrieval_math.hpp"
#include "retrieval_scores.hpp"
#include "retrieval_scratch.hpp"

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
  std::vector<double> xnorm, knorm;           // needs_sq_norms: |x|^2 per row, |xi|^2 per block entry
  std::vector<T> smax, thr;                   // sparse maps: running max score, candidate threshold
  std::vector<T> floor;                       // sparse maps: the running lower bound on tau, in score units
  std::vector<std::size_t> next_floor;        // sparse maps: candidate count at which to raise it again
  std::vector<std::vector<Cand<T>>> cands;    // sparse maps: candidates; poly: positive scores
  std::vector<std::vector<int>> sidx;         // sparse maps: support indices per row
  std::vector<std::vector<double>> sp;        // sparse maps: support weights per row
  std::vector<double> cblk;                   // softmax weights: the shift used by each block
  int path = RETRIEVAL_PATH_BLOCKED;          // the RetrievalPath of this pass (pass_path)

  // candidates: the pass keeps per-row candidates (every map but softmax); sparse: it also keeps the
  // sparse maps' running max, threshold and support.
  Work(const Problem<T>& P, long long na_max, bool candidates, bool sparse) {
    S = static_cast<T*>(big_scratch(0, static_cast<std::size_t>(na_max * P.block) * sizeof(T)));
    m.resize(na_max);
    l.resize(na_max);
    if (needs_sq_norms(P.sim)) {
      xnorm.resize(na_max);
      knorm.resize(P.block);
    }
    if (candidates) cands.resize(na_max);
    if (sparse) {
      smax.resize(na_max);
      thr.resize(na_max);
      floor.resize(na_max);
      next_floor.resize(na_max);
      sidx.resize(na_max);
      sp.resize(na_max);
    }
  }
};

// The calling thread's buffer for `rows` widened rows of a half store (block_rows), null otherwise.
template <typename T>
inline T* half_rows_buffer(const Problem<T>& P, long long rows) {
  if (P.half == nullptr) return nullptr;
  return static_cast<T*>(big_scratch(3, static_cast<std::size_t>(rows * P.d) * sizeof(T)));
}

// Runs the blocks: scores of each block, then row(i, m0, nb, blk, s) for every row inside one
// row-parallel region, then after(0, na, m0, nb, S, V) on the calling thread (the accumulation GEMM;
// V: the block's values, block_rows).
template <typename T, typename Row, typename After>
inline void for_each_block(const Problem<T>& P, const T* X, long long na, Work<T>& w, const Row& row,
                           const After& after) {
  if (needs_sq_norms(P.sim))
    for (long long i = 0; i < na; ++i) w.xnorm[i] = sq_norm(X + i * P.d, P.d);
  T* S = w.S;
  T* widened = half_rows_buffer(P, P.block);
  long long blk = 0;
  for (long long m0 = 0; m0 < P.M; m0 += P.block, ++blk) {
    const long long nb = std::min(P.block, P.M - m0);
    const BlockRows<T> R = block_rows(P, m0, nb, widened);
    if (needs_sq_norms(P.sim)) block_sq_norms(P, R.keys, nb, w.knorm.data());
    score_block_gemm(P, X, na, R.keys, nb, S);
    rows_maybe_parallel(na, score_row_work(P, nb), [&](long long r0, long long r1) {
      finish_score_rows(P, X, r0, r1, R.keys, nb, S, w.xnorm.data(), w.knorm.data());
      for (long long i = r0; i < r1; ++i) row(i, m0, nb, blk, S + i * nb);
    });
    after(0LL, na, m0, nb, S, R.values);
  }
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
