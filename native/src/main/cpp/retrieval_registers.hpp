// The register-tiled candidate pass of the fused path (RETRIEVAL_PATH_REGISTERS): float32 dot and
// kernel scores of the sparse maps computed 32 queries x 12 memories at a time in AVX-512 registers
// and tested there against each query's candidate threshold, so that almost no score is ever stored.
//
// Why not OpenBLAS tiles (retrieval_fused.hpp): at d = 64 a 512 x 512 sgemm tile packs both operands
// per call and writes 1 MB of scores that the consume pass then reads again; the pass ran at about
// 1.8x the 2 048^3 sgemm roofline (docs/benchmarks.md#registers). Here the queries are packed once per
// pass (transposed, 32 per panel: one 16-lane vector load per half panel and k), the memories are
// broadcast straight from the store (no packing: the memory index is the register index), and the
// consume step is one compare per accumulator: the running max needs no work of its own because the
// threshold a score must beat is never above the running max (candidate_threshold, support_floor),
// so a strip without any score above its queries' thresholds leaves the candidate state untouched.
// A strip with one hands its scores, per query, to the pass's own row handler (the same code the
// other paths run), which updates the thresholds the next strips test against.
//
// Rounding: each score is one fused multiply-add chain over k = 0..d-1, the same for every query and
// memory whatever the tiling and thread count (OpenBLAS's sgemm also rounds per CPU kernel).
// Portability: x86_64 with GCC or clang only, chosen at run time (register_tiles_available); elsewhere
// and on CPUs without AVX-512F the fused path keeps its OpenBLAS tiles.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "hopfield4j_kinds.h"
#include "parallel.hpp"
#include "retrieval_math.hpp"
#include "retrieval_scores.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(H4J_NO_REGISTER_TILES)
#include <immintrin.h>
#define H4J_REGISTER_TILES 1
#endif

namespace h4j {
namespace detail {
namespace ret {

constexpr long long kPanelQueries = 32;   // two 16-lane vectors
constexpr int kStripMemories = 12;        // 2 x 12 accumulators: 24 of the 32 vector registers
// Memories per chunk: the chunk (chunk x d floats) is re-read from L2 by every query panel of a thread.
constexpr long long kRegisterChunkBytes = 256 << 10;

// Whether this CPU and build run the register tiles.
inline bool register_tiles_available() {
#ifdef H4J_REGISTER_TILES
  static const bool ok = __builtin_cpu_supports("avx512f");
  return ok;
#else
  return false;
#endif
}

// Whether the candidate pass of P can take the register tiles: float32 scores that are plain dot
// products of the queries with P.keys (the dot and kernel similarities).
template <typename T>
inline bool register_tiles_fit(const Problem<T>& P) {
  return std::is_same<T, float>::value && (P.sim == SIM_DOT || P.sim == SIM_KERNEL) && register_tiles_available();
}

// Rows [0, rows) of X (rows x d) as panels of kPanelQueries queries, k-major within a panel:
// out[(p * d + k) * 32 + l] = X[(32 p + l) * d + k], 0 past the last row.
inline void pack_query_panels(const float* X, long long rows, long long d, float* out) {
  const long long panels = (rows + kPanelQueries - 1) / kPanelQueries;
  for (long long p = 0; p < panels; ++p)
    for (long long k = 0; k < d; ++k)
      for (long long l = 0; l < kPanelQueries; ++l) {
        const long long r = p * kPanelQueries + l;
        out[(p * d + k) * kPanelQueries + l] = r < rows ? X[r * d + k] : 0.0f;
      }
}

// Memories per chunk for dimension d: a multiple of the strip, at least one strip.
inline long long register_chunk(long long d) {
  const long long fit = kRegisterChunkBytes / (4 * std::max(1LL, d));
  return std::max<long long>(kStripMemories, fit / kStripMemories * kStripMemories);
}

#ifdef H4J_REGISTER_TILES
// The register tile both kernels share: for n < N, a0[n] / a1[n] (lanes 0-15 / 16-31 of a panel) +=
// sum over t < T of A[t * 32 + lane] * Bm[t * sb + n * sn]. The scores of a strip take A = the packed
// query panel, T = d, Bm = the strip's memories (sb = 1, sn = d); softmax's second product
// (retrieval_flash.hpp) takes A = the panel's weights, T = memories, Bm = a column strip of the
// values (sb = d, sn = 1).
template <int N>
__attribute__((target("avx512f"), always_inline)) inline void panel_fma(const float* A, long long T, const float* Bm,
                                                                        long long sb, long long sn, __m512* a0,
                                                                        __m512* a1) {
  for (long long t = 0; t < T; ++t) {
    const __m512 x0 = _mm512_loadu_ps(A + t * kPanelQueries);
    const __m512 x1 = _mm512_loadu_ps(A + t * kPanelQueries + 16);
    const float* b = Bm + t * sb;
    for (int n = 0; n < N; ++n) {
      const __m512 v = _mm512_set1_ps(b[n * sn]);
      a0[n] = _mm512_fmadd_ps(x0, v, a0[n]);
      a1[n] = _mm512_fmadd_ps(x1, v, a1[n]);
    }
  }
}

// One strip: the scores of the 32 queries of panel qp against memories K[0, N) (rows of d floats),
// tested against the panel's thresholds thr[0, 32); on any score above its threshold, hit(mask, s)
// gets the lanes with one (bit l: query l) and the scores s[n * 32 + l].
template <int N, typename Hit>
__attribute__((target("avx512f"), always_inline)) inline void register_strip(const float* qp, const float* K,
                                                                              long long d, const float* thr,
                                                                              Hit& hit) {
  __m512 a0[N], a1[N];
  for (int n = 0; n < N; ++n) a0[n] = a1[n] = _mm512_setzero_ps();
  panel_fma<N>(qp, d, K, 1, d, a0, a1);
  const __m512 t0 = _mm512_loadu_ps(thr), t1 = _mm512_loadu_ps(thr + 16);
  __mmask16 h0 = 0, h1 = 0;
  for (int n = 0; n < N; ++n) {
    h0 = static_cast<__mmask16>(h0 | _mm512_cmp_ps_mask(a0[n], t0, _CMP_GT_OQ));
    h1 = static_cast<__mmask16>(h1 | _mm512_cmp_ps_mask(a1[n], t1, _CMP_GT_OQ));
  }
  const unsigned mask = static_cast<unsigned>(h0) | (static_cast<unsigned>(h1) << 16);
  if (mask == 0) return;
  alignas(64) float s[N * kPanelQueries];
  for (int n = 0; n < N; ++n) {
    _mm512_store_ps(s + n * kPanelQueries, a0[n]);
    _mm512_store_ps(s + n * kPanelQueries + 16, a1[n]);
  }
  hit(mask, s, N);
}

// f(std::integral_constant<int, n>{}) for a strip width n in 1..kStripMemories (nothing otherwise): the
// tails of the strips, whose widths are template arguments so that their accumulators stay in registers.
template <typename F>
__attribute__((target("avx512f"), always_inline)) inline void with_strip_width(long long n, F&& f) {
  switch (n) {
#define H4J_STRIP_WIDTH(w)                   \
  case w:                                    \
    f(std::integral_constant<int, w>{});     \
    break;
    H4J_STRIP_WIDTH(1) H4J_STRIP_WIDTH(2) H4J_STRIP_WIDTH(3) H4J_STRIP_WIDTH(4) H4J_STRIP_WIDTH(5) H4J_STRIP_WIDTH(6)
    H4J_STRIP_WIDTH(7) H4J_STRIP_WIDTH(8) H4J_STRIP_WIDTH(9) H4J_STRIP_WIDTH(10) H4J_STRIP_WIDTH(11) H4J_STRIP_WIDTH(12)
#undef H4J_STRIP_WIDTH
    default:
      break;
  }
}

// The strips of memories [m0, m1) for one panel; the last strip may be short (1..11 memories).
template <typename Hit>
__attribute__((target("avx512f"))) inline void register_strips(const float* qp, const float* keys, long long d,
                                                               long long m0, long long m1, const float* thr,
                                                               Hit& hit) {
  long long j = m0;
  for (; j + kStripMemories <= m1; j += kStripMemories) {
    hit.m0 = j;
    register_strip<kStripMemories>(qp, keys + (j - m0) * d, d, thr, hit);
  }
  hit.m0 = j;
  with_strip_width(m1 - j, [&](auto n) __attribute__((target("avx512f"))) {
    register_strip<decltype(n)::value>(qp, keys + (j - m0) * d, d, thr, hit);
  });
}
#endif

// Softmax's consume step on AVX-512 (pass_softmax, both paths): s[j] <- exp(beta s[j] - c), returning
// the sum, with the argument formed by one fused multiply-add in float and the exponential's
// polynomial in FMAs too: about 20 instructions per 16 scores instead of the 45 of exp_shifted_row,
// which forms each argument in double (docs/benchmarks.md#registers). It needs a float shift (c = the
// float the caller keeps as its running max) and float beta, so it is taken only where that loses
// nothing that matters: |c| <= kFloatShiftLimit, where c is within 1/32 of the row's largest beta s
// (a common shift of the whole softmax, which cancels), and beta in the float range; beta's own float
// rounding changes a weight ratio exp(beta (s_j - s_k)) by at most 2^-24 beta |s_j - s_k| relative.
// Huge scores keep the double arguments of exp_shifted_row.
constexpr double kFloatShiftLimit = 1 << 19;

// Whether beta is in the float range the AVX-512 exponentials take it in.
inline bool float_beta_fits(double beta) { return beta >= 1e-30 && beta <= 1e30; }

// Whether exp_shifted_row_avx512 may run with shift c and this beta.
inline bool float_shift_fits(double beta, double c) {
  return register_tiles_available() && std::fabs(c) <= kFloatShiftLimit && float_beta_fits(beta);
}

// The shift softmax's consume step uses for the shift c: for float32 rows where float_shift_fits, c
// rounded up to a float (so no argument is positive by more than the rounding of beta s), which
// exp_shifted_row_fast then takes; otherwise c itself.
template <typename T>
inline double softmax_shift(double beta, double c) {
  if (!std::is_same<T, float>::value || !float_shift_fits(beta, c)) return c;
  float f = static_cast<float>(c);
  if (static_cast<double>(f) < c) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return static_cast<double>(f);
}

#ifdef H4J_REGISTER_TILES
// exp(x) in the lanes of `in` (0 elsewhere, and where x < -87.34, NaN included): 2^k by vscalefps
// times a degree-7 polynomial of the reduced argument, all in FMAs.
__attribute__((target("avx512f"), always_inline)) inline __m512 exp_lanes(__m512 x, __mmask16 in) {
  const __m512 lo = _mm512_set1_ps(-87.33654f), log2e = _mm512_set1_ps(1.44269504088896341f);
  const __m512 ln2_hi = _mm512_set1_ps(0.693359375f), ln2_lo = _mm512_set1_ps(-2.12194440e-4f);
  const __mmask16 all = static_cast<__mmask16>(0xFFFF);
  const __mmask16 live = _mm512_mask_cmp_ps_mask(in, x, lo, _CMP_GE_OQ);
  // The maskz forms: GCC 12 warns about the plain ones' _mm512_undefined_ps (a false positive).
  const __m512 xc = _mm512_maskz_max_ps(all, x, lo);
  const __m512 k = _mm512_maskz_roundscale_ps(all, _mm512_mul_ps(xc, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(k, ln2_hi, xc);
  r = _mm512_fnmadd_ps(k, ln2_lo, r);
  __m512 q = _mm512_set1_ps(1.9875691500e-4f);
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.3981999507e-3f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(8.3334519073e-3f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(4.1665795894e-2f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.6666665459e-1f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(5.0000001201e-1f));
  const __m512 p = _mm512_fmadd_ps(q, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
  return _mm512_maskz_scalef_ps(live, p, k);
}

// The 16 lanes of v summed in double (lane order).
__attribute__((target("avx512f"), always_inline)) inline double lane_sum(__m512 v) {
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, v);
  double total = 0.0;
  for (float x : lanes) total += static_cast<double>(x);
  return total;
}

__attribute__((target("avx512f"))) inline double exp_shifted_row_avx512(float* s, long long n, double beta,
                                                                          double c) {
  const __m512 vb = _mm512_set1_ps(static_cast<float>(beta)), vc = _mm512_set1_ps(static_cast<float>(c));
  const __mmask16 all = static_cast<__mmask16>(0xFFFF);
  __m512 sum = _mm512_setzero_ps();
  for (long long j = 0; j < n; j += 16) {
    const __mmask16 in = n - j >= 16 ? all : static_cast<__mmask16>((1u << (n - j)) - 1);
    const __m512 y = exp_lanes(_mm512_fmsub_ps(vb, _mm512_maskz_loadu_ps(in, s + j), vc), in);
    sum = _mm512_add_ps(sum, y);
    _mm512_mask_storeu_ps(s + j, in, y);
  }
  return lane_sum(sum);
}
#endif

// s[j] <- exp(beta s[j] - c), returning the sum: exp_shifted_row_avx512 where float_shift_fits(beta, c)
// (c must then come from softmax_shift<float>), else exp_shifted_row.
template <typename T>
inline double exp_shifted_row_fast(T* s, long long n, double beta, double c) {
#ifdef H4J_REGISTER_TILES
  if constexpr (std::is_same<T, float>::value)
    if (float_shift_fits(beta, c)) return exp_shifted_row_avx512(s, n, beta, c);
#endif
  return exp_shifted_row(s, n, beta, c);
}

// The thread split of the register tiles: body(r0, rows, panels, packed) on each kernel thread's
// contiguous range of rows [r0, r0 + rows) of X, with those queries packed into `panels` panels
// (pack_query_panels). At most one thread per panel of rows.
template <typename Body>
inline void for_each_packed_rows(const Problem<float>& P, const float* X, long long na, const Body& body) {
  const long long d = P.d;
  const long long threads = std::max(1LL, std::min<long long>(kernel_thread_count().load(std::memory_order_relaxed),
                                                              na / kPanelQueries));
  const long long per = (na + threads - 1) / threads;
  const bool ok = parallel_rows(threads, P.M * std::max(1LL, d), [&](long long t0, long long t1) {
    for (long long t = t0; t < t1; ++t) {
      const long long r0 = t * per, rows = std::min(na, r0 + per) - r0;
      if (rows <= 0) continue;
      const long long panels = (rows + kPanelQueries - 1) / kPanelQueries;
      std::vector<float> packed(static_cast<std::size_t>(panels * d * kPanelQueries));
      pack_query_panels(X + r0 * d, rows, d, packed.data());
      body(r0, rows, panels, static_cast<const float*>(packed.data()));
    }
  });
  if (!ok) throw std::bad_alloc();
}

// The candidate pass over the register tiles: row(i, m0, n, 0, s) for every query row i and every
// strip [m0, m0 + n) in which some score of row i is above thr[i] (s: its n scores); rows without one
// are skipped, which leaves the pass's state as row would have left it. row may raise thr[i] (never
// above the running max of row i's scores). Threads own contiguous ranges of rows, as on the tiles.
template <typename Row>
inline void for_each_register_strip(const Problem<float>& P, const float* X, long long na, float* thr,
                                    const Row& row) {
#ifdef H4J_REGISTER_TILES
  const long long d = P.d, M = P.M;
  const long long chunk = register_chunk(d);
  for_each_packed_rows(P, X, na, [&](long long r0, long long rows, long long panels, const float* packed) {
    alignas(64) float tp[kPanelQueries];
    struct Hit {
      long long m0 = 0, base = 0;
      float* tp;
      float* thr;
      const Row* row;
      void operator()(unsigned mask, const float* s, int n) {
        float one[kStripMemories];
        for (; mask != 0; mask &= mask - 1) {
          const int l = __builtin_ctz(mask);
          for (int j = 0; j < n; ++j) one[j] = s[j * kPanelQueries + l];
          (*row)(base + l, m0, n, 0LL, one);
          tp[l] = thr[base + l];
        }
      }
    } hit;
    hit.tp = tp;
    hit.thr = thr;
    hit.row = &row;
    std::vector<float> widened(P.half != nullptr ? static_cast<std::size_t>(chunk * d) : 0);  // a half store's chunk
    for (long long c0 = 0; c0 < M; c0 += chunk) {
      const long long c1 = std::min(M, c0 + chunk);
      const float* keys = block_rows(P, c0, c1 - c0, widened.data()).keys;
      for (long long p = 0; p < panels; ++p) {
        hit.base = r0 + p * kPanelQueries;
        for (long long l = 0; l < kPanelQueries; ++l)
          tp[l] = p * kPanelQueries + l < rows ? thr[hit.base + l] : std::numeric_limits<float>::infinity();
        register_strips(packed + p * d * kPanelQueries, keys, d, c0, c1, tp, hit);
      }
    }
  });
#else
  (void)P, (void)X, (void)na, (void)thr, (void)row;
#endif
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
