// The two ways the retrieval passes get their scores, and the rule that picks one per pass.
//   blocked  for_each_block (retrieval_work.hpp): the scores of all na queries against `block`
//            memories (na x block, 32 MB by default) by one OpenBLAS-threaded GEMM, then consumed row by
//            row. At small d that GEMM writes far more bytes than it computes flops: at d = 64 the
//            scores cost more memory traffic than arithmetic, and the step ran at 2.7-6x the arithmetic
//            limit of its first product.
//   fused    for_each_tile (here): each kernel thread owns a contiguous range of query rows and walks
//            the memories in tiles of kTileMemories, computing the scores of at most kTileQueries of its
//            rows against one tile into its own tile buffer (<= 1 MB: stays in L2) with a one-thread
//            sgemm and consuming them at once (running max, candidates, the softmax accumulation GEMM
//            of the tile). The B x M scores never reach memory.
// Both hand the passes the same thing: row(i, m0, nb, tile, s) for every query row i and every block /
// tile [m0, m0 + nb) of memories, and after(q0, rows, m0, nb, S, V) once the rows [q0, q0 + rows) of that
// block are consumed (S holds their weights, leading dimension nb; V the block's values, block_rows:
// a half store's tile is widened once per thread and serves both products). A row is only ever touched by one
// thread, so the per-row state of the passes needs no locks.
#pragma once
#include <algorithm>
#include <new>
#include <type_traits>
#include <vector>

#include "blas.hpp"
#include "hopfield4j_kinds.h"
#include "hopfield4j_retrieval.h"
#include "parallel.hpp"
#include "retrieval_scores.hpp"
#include "retrieval_registers.hpp"
#include "retrieval_scratch.hpp"
#include "retrieval_work.hpp"

namespace h4j {
namespace detail {
namespace ret {

// Tile shape: a 512 x 512 float tile is 1 MB, half of this machine's 2 MB L2 per core, leaving room
// for the memory tile OpenBLAS packs (512 x d) and the accumulator rows of softmax.
constexpr long long kTileMemories = 512;
constexpr long long kTileQueries = 512;
// Rows per thread below which a thread is not worth starting (its sgemm tiles get too thin).
constexpr long long kMinFusedRowsPerThread = 16;
// Largest d the automatic choice sends down the fused path (see fused_path).
constexpr long long kFusedMaxDim = 512;

// The threads of a fused pass over na rows.
inline long long fused_threads(long long na) {
  const long long k = kernel_thread_count().load(std::memory_order_relaxed);
  return std::max(1LL, std::min(k, na / kMinFusedRowsPerThread));
}

// The path a pass takes (a RetrievalPath other than AUTO). RETRIEVAL_PATH_AUTO decides by shape, from
// the measurements in docs/benchmarks.md#fused (B = 1 024): at d = 64 and 256 the fused path took
// 0.4-0.8x the blocked time for every map but alpha-entmax; at d = 784 both paths were within the
// noise of each other, so the measured blocked path stays; alpha-entmax (a root finder over many
// candidates at alpha near 1, its cost) was slower fused on the OpenBLAS tiles in 3 of 4 runs, but
// faster on the register tiles than blocked in every run (docs/benchmarks.md#flash), so it takes the
// fused path only where the register tiles run. Below 2 x
// kMinFusedRowsPerThread rows the tiles are too thin to pay for the threads. Not for the Manhattan
// similarity (no GEMM to tile: its blocked pass is already computed where it is consumed) nor for
// recorded softmax weights (they are written per block of the call's scoreBlock). Where the fused
// path is taken, a pass with a register-tile kernel whose scores fit the register tiles takes them:
// the sparse maps' candidate pass (docs/benchmarks.md#registers) and softmax's flash pass where beta
// is in float range (retrieval_flash.hpp, docs/benchmarks.md#flash); poly has none.
template <typename T>
inline int pass_path(const Problem<T>& P, long long na, bool records_dense_weights) {
  if (P.sim == SIM_NEG_L1 || records_dense_weights || P.path == RETRIEVAL_PATH_BLOCKED) return RETRIEVAL_PATH_BLOCKED;
  const bool kernel = P.map == MAP_SOFTMAX ? float_beta_fits(P.beta) : P.map != MAP_POLY;
  const bool registers = kernel && register_tiles_fit(P);
  if (P.path == RETRIEVAL_PATH_REGISTERS) return registers ? RETRIEVAL_PATH_REGISTERS : RETRIEVAL_PATH_FUSED;
  if (P.path == RETRIEVAL_PATH_FUSED) return RETRIEVAL_PATH_FUSED;
  // A half store takes the tiles at any d: its blocked path would widen whole blocks out of cache.
  const bool fused = na >= 2 * kMinFusedRowsPerThread && P.M >= kTileMemories &&
                     (P.d <= kFusedMaxDim || P.half != nullptr) && (P.map != MAP_ENTMAX || registers);
  if (!fused) return RETRIEVAL_PATH_BLOCKED;
  return registers ? RETRIEVAL_PATH_REGISTERS : RETRIEVAL_PATH_FUSED;
}

template <typename T, typename Row, typename After>
inline void for_each_tile(const Problem<T>& P, const T* X, long long na, Work<T>& w, const Row& row,
                          const After& after) {
  const long long d = P.d, M = P.M;
  const bool norms = needs_sq_norms(P.sim);
  if (norms)
    for (long long i = 0; i < na; ++i) w.xnorm[i] = sq_norm(X + i * d, d);
  const long long threads = fused_threads(na);
  const long long chunk = (na + threads - 1) / threads;
  const long long tq = std::min(kTileQueries, chunk), tm = std::min(kTileMemories, M);
  const long long tile = (tq * tm + 15) / 16 * 16;  // whole cache lines per thread: no false sharing
  T* tiles = static_cast<T*>(big_scratch(2, static_cast<std::size_t>(threads * tile) * sizeof(T)));
  std::vector<double> knorms(norms ? static_cast<std::size_t>(threads * (tm + 8)) : 0);
  const long long wtile = (tm * d + 15) / 16 * 16;  // a thread's widened memory tile (half stores)
  T* widened = half_rows_buffer(P, threads * wtile);
  blas::OneThreadPerCall one_thread(threads > 1);

  const bool ok = parallel_rows(threads, M * std::max(1LL, d), [&](long long t0, long long t1) {
    for (long long t = t0; t < t1; ++t) {
      T* S = tiles + t * tile;
      double* kn = norms ? knorms.data() + t * (tm + 8) : nullptr;
      T* wt = widened != nullptr ? widened + t * wtile : nullptr;
      const long long r_end = std::min(na, (t + 1) * chunk);
      for (long long q0 = t * chunk; q0 < r_end; q0 += tq) {
        const long long rows = std::min(tq, r_end - q0);
        const T* Xq = X + q0 * d;
        long long k = 0;
        for (long long m0 = 0; m0 < M; m0 += tm, ++k) {
          const long long nb = std::min(tm, M - m0);
          const BlockRows<T> R = block_rows(P, m0, nb, wt);
          if (norms) block_sq_norms(P, R.keys, nb, kn);
          score_block_gemm(P, Xq, rows, R.keys, nb, S);
          finish_score_rows(P, Xq, 0, rows, R.keys, nb, S, norms ? w.xnorm.data() + q0 : nullptr, kn);
          for (long long i = 0; i < rows; ++i) row(q0 + i, m0, nb, k, S + i * nb);
          after(q0, rows, m0, nb, S, R.values);
        }
      }
    }
  });
  if (!ok) throw std::bad_alloc();
}

// The scores of a pass, by the path w.path says (REGISTERS: only candidate passes ask for it, through
// for_each_candidate_scores).
template <typename T, typename Row, typename After>
inline void for_each_scores(const Problem<T>& P, const T* X, long long na, Work<T>& w, const Row& row,
                            const After& after) {
  if (w.path != RETRIEVAL_PATH_BLOCKED) for_each_tile(P, X, na, w, row, after);
  else for_each_block(P, X, na, w, row, after);
}

// The scores of a candidate pass (pass_sparse): on the register tiles when w.path says so (row is then
// skipped where no score of the strip is above w.thr, see retrieval_registers.hpp), else for_each_scores.
template <typename T, typename Row>
inline void for_each_candidate_scores(const Problem<T>& P, const T* X, long long na, Work<T>& w, const Row& row) {
  if constexpr (std::is_same<T, float>::value) {
    if (w.path == RETRIEVAL_PATH_REGISTERS) {
      for_each_register_strip(P, X, na, w.thr.data(), row);
      return;
    }
  }
  for_each_scores(P, X, na, w, row, [](long long, long long, long long, long long, const T*, const T*) {});
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
