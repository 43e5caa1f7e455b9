// Softmax's flash pass on the register tiles (RETRIEVAL_PATH_REGISTERS for MAP_SOFTMAX): one pass over
// the memories with a running max and running sums per query, both products in AVX-512 registers.
//
// Why (docs/benchmarks.md#flash): the fused pass (retrieval_fused.hpp) writes each 512 x 512 score
// tile to L2, reads it back for the exponentials, and hands it to a one-thread sgemm that packs it
// again for the second product; at d = 64 the two OpenBLAS products alone were 2.36x the roofline.
// Here a thread packs its queries once in panels of 32 (as the sparse maps' register tiles do) and, per
// panel and span of kFlashSpan memories:
//   1. scores  E = panel x span in 2 x 12 accumulators per strip of 12 memories (panel_fma), stored
//              to a 15 KB L1 buffer, lane maxima kept on the way;
//   2. shifts  per query: c = the running max of beta s (softmax_shift: rounded up to a float), the
//              accumulator and the running sum rescaled by exp(c_old - c) only where c moved;
//   3. exp     E <- exp(beta E - c) in place (exp_lanes), lane sums into the running sums;
//   4. product Y^T (d x 32, per panel) += V_span^T E, in 2 x 12 accumulators per 12 columns
//              (panel_fma with the roles of the operands swapped).
// The memories are walked in chunks whose keys and values (2 x 256 KB) stay in L2 across the panels.
// Nothing of size B x M or tile x tile ever reaches memory.
//
// Exactness: the same arithmetic as the fused pass's float exponentials (exp_shifted_row_avx512), with
// the shift taken per span instead of per 512-memory tile; the result differs from the other paths by
// float32 rounding only. Where a shift leaves the float range (|c| > kFloatShiftLimit: huge beta s),
// the pass gives up and the caller runs the fused pass, whose double exponentials handle it.
#pragma once
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <new>
#include <vector>

#include "parallel.hpp"
#include "retrieval_registers.hpp"
#include "retrieval_scores.hpp"

namespace h4j {
namespace detail {
namespace ret {

// Memories per span: the span's scores (32 x 120 floats, 15 KB) stay in L1 between the four steps.
constexpr long long kFlashSpan = 10 * kStripMemories;

// Memories per chunk for dimension d: keys and values of a chunk (2 x kRegisterChunkBytes) stay in L2
// while every panel of the thread walks them; a multiple of the span.
inline long long flash_chunk(long long d) {
  const long long fit = kRegisterChunkBytes / (4 * std::max(1LL, d));
  return std::max(kFlashSpan, fit / kFlashSpan * kFlashSpan);
}

// One panel's running state: shift m (the running max of beta s, rounded as softmax_shift rounds it),
// sum l of exp(beta s - m), and the accumulator Yt (d x 32, column c of the output at Yt[c * 32 + lane]).
struct FlashPanel {
  double* m;
  double* l;
  float* Yt;
};

#ifdef H4J_REGISTER_TILES
// Step 1: the scores of panel qp against K[0, N) into E[n * 32 + lane]; lane maxima raised in mx.
template <int N>
__attribute__((target("avx512f"), always_inline)) inline void flash_scores(const float* qp, const float* K, long long d,
                                                                           float* E, __m512* mx) {
  __m512 a0[N], a1[N];
  for (int n = 0; n < N; ++n) a0[n] = a1[n] = _mm512_setzero_ps();
  panel_fma<N>(qp, d, K, 1, d, a0, a1);
  const __mmask16 all = static_cast<__mmask16>(0xFFFF);  // maskz: see exp_lanes
  for (int n = 0; n < N; ++n) {
    _mm512_storeu_ps(E + n * kPanelQueries, a0[n]);
    _mm512_storeu_ps(E + n * kPanelQueries + 16, a1[n]);
    mx[0] = _mm512_maskz_max_ps(all, mx[0], a0[n]);
    mx[1] = _mm512_maskz_max_ps(all, mx[1], a1[n]);
  }
}

// Step 4 for the N columns at V (row stride d) and Yt: Yt[c * 32 + lane] += sum_j V[j d + c] E[j * 32 + lane].
template <int N>
__attribute__((target("avx512f"), always_inline)) inline void flash_accumulate(const float* E, long long n,
                                                                               const float* V, long long d, float* Yt) {
  __m512 a0[N], a1[N];
  for (int c = 0; c < N; ++c) {
    a0[c] = _mm512_loadu_ps(Yt + c * kPanelQueries);
    a1[c] = _mm512_loadu_ps(Yt + c * kPanelQueries + 16);
  }
  panel_fma<N>(E, n, V, d, 1, a0, a1);
  for (int c = 0; c < N; ++c) {
    _mm512_storeu_ps(Yt + c * kPanelQueries, a0[c]);
    _mm512_storeu_ps(Yt + c * kPanelQueries + 16, a1[c]);
  }
}

// Steps 1-4 for one panel and n <= kFlashSpan memories whose keys and values start at K and V (rows of
// d; block_rows: a half store's chunk widened). E: kFlashSpan x 32 floats. values: whether the output
// is wanted (Y), not only the log-partition. False where a shift does not fit the float exponentials
// (the state is then unusable).
__attribute__((target("avx512f"))) inline bool flash_span(const Problem<float>& P, const float* qp, const float* K,
                                                           const float* V, long long n, float* E, const FlashPanel& st,
                                                           bool values) {
  const long long d = P.d;
  const double beta = P.beta, ninf = -std::numeric_limits<double>::infinity();
  __m512 mx[2] = {_mm512_set1_ps(-std::numeric_limits<float>::infinity()),
                  _mm512_set1_ps(-std::numeric_limits<float>::infinity())};
  long long j = 0;
  for (; j + kStripMemories <= n; j += kStripMemories) flash_scores<kStripMemories>(qp, K + j * d, d, E + j * kPanelQueries, mx);
  with_strip_width(n - j, [&](auto w) __attribute__((target("avx512f"))) {
    flash_scores<decltype(w)::value>(qp, K + j * d, d, E + j * kPanelQueries, mx);
  });

  alignas(64) float lane_max[kPanelQueries], shift[kPanelQueries], factor[kPanelQueries];
  _mm512_store_ps(lane_max, mx[0]);
  _mm512_store_ps(lane_max + 16, mx[1]);
  bool rescale = false;
  for (long long q = 0; q < kPanelQueries; ++q) {
    const double c = softmax_shift<float>(beta, std::max(st.m[q], beta * static_cast<double>(lane_max[q])));
    if (!float_shift_fits(beta, c)) return false;
    double f = 1.0;
    if (c != st.m[q]) {
      f = st.m[q] == ninf ? 0.0 : std::exp(st.m[q] - c);
      st.l[q] *= f;
      st.m[q] = c;
    }
    rescale = rescale || f != 1.0;
    factor[q] = static_cast<float>(f);
    shift[q] = static_cast<float>(c);
  }
  if (rescale && values) {
    const __m512 f0 = _mm512_load_ps(factor), f1 = _mm512_load_ps(factor + 16);
    for (long long c = 0; c < d; ++c) {
      float* y = st.Yt + c * kPanelQueries;
      _mm512_storeu_ps(y, _mm512_mul_ps(_mm512_loadu_ps(y), f0));
      _mm512_storeu_ps(y + 16, _mm512_mul_ps(_mm512_loadu_ps(y + 16), f1));
    }
  }

  const __m512 vb = _mm512_set1_ps(static_cast<float>(beta));
  const __m512 c0 = _mm512_load_ps(shift), c1 = _mm512_load_ps(shift + 16);
  const __mmask16 all = static_cast<__mmask16>(0xFFFF);
  __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
  for (long long t = 0; t < n; ++t) {
    float* e = E + t * kPanelQueries;
    const __m512 y0 = exp_lanes(_mm512_fmsub_ps(vb, _mm512_loadu_ps(e), c0), all);
    const __m512 y1 = exp_lanes(_mm512_fmsub_ps(vb, _mm512_loadu_ps(e + 16), c1), all);
    _mm512_storeu_ps(e, y0);
    _mm512_storeu_ps(e + 16, y1);
    s0 = _mm512_add_ps(s0, y0);
    s1 = _mm512_add_ps(s1, y1);
  }
  alignas(64) float sums[kPanelQueries];
  _mm512_store_ps(sums, s0);
  _mm512_store_ps(sums + 16, s1);
  for (long long q = 0; q < kPanelQueries; ++q) st.l[q] += static_cast<double>(sums[q]);

  if (!values) return true;
  long long c = 0;
  for (; c + kStripMemories <= d; c += kStripMemories) flash_accumulate<kStripMemories>(E, n, V + c, d, st.Yt + c * kPanelQueries);
  with_strip_width(d - c, [&](auto w) __attribute__((target("avx512f"))) {
    flash_accumulate<decltype(w)::value>(E, n, V + c, d, st.Yt + c * kPanelQueries);
  });
  return true;
}
#endif

// The softmax pass of rows [0, na) of X on the register tiles: Y (na x d, may be null) and psi (the
// log-partition m + log l per row, may be null). False on a CPU without AVX-512F, and where some shift
// does not fit the float exponentials: the caller then runs another path, which overwrites whatever
// rows were written. Threads own contiguous ranges of rows.
inline bool flash_softmax(const Problem<float>& P, const float* X, long long na, float* Y, double* psi) {
#ifdef H4J_REGISTER_TILES
  if (!register_tiles_available()) return false;  // an x86-64 CPU without AVX-512F (pass_path checks it too)
  const long long d = P.d, M = P.M;
  const long long chunk = flash_chunk(d);
  std::atomic<bool> fits{true};
  for_each_packed_rows(P, X, na, [&](long long r0, long long rows, long long panels, const float* packed) {
    std::vector<double> m(static_cast<std::size_t>(panels * kPanelQueries), -std::numeric_limits<double>::infinity());
    std::vector<double> l(m.size(), 0.0);
    std::vector<float> Yt(Y != nullptr ? static_cast<std::size_t>(panels * d * kPanelQueries) : 0, 0.0f), E(static_cast<std::size_t>(kFlashSpan * kPanelQueries));
    std::vector<float> widened(P.half != nullptr ? static_cast<std::size_t>(chunk * d) : 0);  // a half store's chunk
    for (long long c0 = 0; c0 < M && fits.load(std::memory_order_relaxed); c0 += chunk) {
      const long long c1 = std::min(M, c0 + chunk);
      const BlockRows<float> R = block_rows(P, c0, c1 - c0, widened.data());
      for (long long p = 0; p < panels; ++p) {
        const FlashPanel st{m.data() + p * kPanelQueries, l.data() + p * kPanelQueries,
                            Y != nullptr ? Yt.data() + p * d * kPanelQueries : nullptr};
        for (long long j0 = c0; j0 < c1; j0 += kFlashSpan)
          if (!flash_span(P, packed + p * d * kPanelQueries, R.keys + (j0 - c0) * d, R.values + (j0 - c0) * d,
                          std::min(kFlashSpan, c1 - j0), E.data(), st, Y != nullptr)) {
            fits.store(false, std::memory_order_relaxed);
            return;
          }
      }
    }
    if (!fits.load(std::memory_order_relaxed)) return;
    for (long long r = 0; r < rows; ++r) {
      const long long p = r / kPanelQueries, lane = r % kPanelQueries, q = p * kPanelQueries + lane;
      if (Y != nullptr) {
        const float inv = static_cast<float>(1.0 / l[q]);
        for (long long c = 0; c < d; ++c) Y[(r0 + r) * d + c] = Yt[(p * d + c) * kPanelQueries + lane] * inv;
      }
      if (psi != nullptr) psi[r0 + r] = m[q] + std::log(l[q]);
    }
  });
  return fits.load();
#else
  (void)P, (void)X, (void)na, (void)Y, (void)psi;
  return false;
#endif
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
