// The passes of the retrieval engine. A pass computes, for `na` contiguous query rows X, block by
// block over the memories:
//   softmax  online (flash-attention style): running max m, running sum l, accumulator Y; per block
//            E = exp(beta S - m_new), Y <- Y exp(m_old - m_new) + E Xi_blk (one GEMM), at the end
//            Y /= l and logsumexp = m + log l.
//   poly     the same with weights (s / s_max)^n on s > 0 (running max of s instead of beta s).
//   sparse   any map whose ops struct has kOnlineSoftmax false (sparsemax, 1.5-entmax, alpha-entmax):
//            only entries within Ops::window of the running max can be in the support: pass 1 keeps
//            those candidates per query (pruned as the running max rises, and by the running lower
//            bound on tau that the map on the candidates so far gives); the map then runs exactly,
//            in double, on the candidates (Ops::forward), which equals the map on all M scores;
//            Y = sum over the support of p_i xi_i (a dense GEMM over blocks only when the supports are
//            so large that it is the cheaper product).
// Each pass optionally records the weights it used and Psi* per query (for the energies).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "blas.hpp"
#include "retrieval_math.hpp"
#include "retrieval_scores.hpp"
#include "retrieval_flash.hpp"
#include "retrieval_fused.hpp"
#include "retrieval_work.hpp"
#include "row_common.hpp"

namespace h4j {
namespace detail {
namespace ret {

// ---- softmax ---------------------------------------------------------------------------------
template <typename T>
inline void pass_softmax(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                         const Recorder<T>& rec, Work<T>& w) {
  if constexpr (std::is_same<T, float>::value) {
    if (w.path == RETRIEVAL_PATH_REGISTERS) {
      if (flash_softmax(P, X, na, Y, psi)) return;
      w.path = RETRIEVAL_PATH_FUSED;  // a shift outside the float exponentials' range: huge beta s
    }
  }
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

  for_each_scores(
      P, X, na, w,
      [&](long long i, long long m0, long long nb, long long blk, T* s) {
        const double c = softmax_shift<T>(beta, std::max(m[i], beta * static_cast<double>(row_max(s, nb))));
        const double f = m[i] == ninf ? 0.0 : std::exp(m[i] - c);
        const double sum = exp_shifted_row_fast(s, nb, beta, c);
        if (Y != nullptr && m[i] != ninf && f != 1.0) scale_row(Y + i * d, d, static_cast<T>(f));
        l[i] = l[i] * f + sum;
        m[i] = c;
        if (rv != nullptr) {
          std::memcpy(rv + static_cast<long long>(ids[i]) * M + m0, s, static_cast<std::size_t>(nb) * sizeof(T));
          w.cblk[i * nblocks + blk] = c;
        }
      },
      [&](long long q0, long long rows, long long, long long nb, const T* S, const T* V) {
        if (Y != nullptr) blas::gemm_ab_acc(S, nb, V, d, Y + q0 * d, d, rows, d, nb);
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

  for_each_scores(
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
      [&](long long q0, long long rows, long long, long long nb, const T* S, const T* V) {
        if (Y != nullptr) blas::gemm_ab_acc(S, nb, V, d, Y + q0 * d, d, rows, d, nb);
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

// ---- the sparse maps (candidates + the exact map) -------------------------------------------
// Candidates before the first support floor is computed (support_floor).
constexpr std::size_t kMinFloorCandidates = 64;

template <typename T>
inline void keep_above(std::vector<Cand<T>>& c, T t) {
  std::size_t k = 0;
  for (const Cand<T>& e : c)
    if (e.s > t) c[k++] = e;
  c.resize(k);
}

// The running lower bound on tau: the map on the candidates so far (which hold every score seen so
// far with p > 0) has some tau; adding scores only raises it, so entries at or below that tau, in
// score units smax - Ops::support_window, get p = 0 in the end (widened like candidate_threshold).
template <typename Ops, typename T>
inline T support_floor(const Problem<T>& P, const std::vector<Cand<T>>& c, T smax) {
  const long long k = static_cast<long long>(c.size());
  double* z = cand_scratch(0, static_cast<std::size_t>(k));
  double* p = cand_scratch(1, static_cast<std::size_t>(k));
  for (long long j = 0; j < k; ++j) z[j] = static_cast<double>(c[j].s);
  Ops::template forward<double>(z, nullptr, p, k, P.beta, P.alpha, thread_scratch());
  double pmax = 0.0;
  for (long long j = 0; j < k; ++j) pmax = std::max(pmax, p[j]);
  if (!(pmax > 0.0)) return -std::numeric_limits<T>::infinity();
  return candidate_threshold(smax, Ops::support_window(P.beta, P.alpha, pmax));
}

// Appends the entries of s[0, n) above t as candidates (memory index m0 + j). Runs of kRun whose
// max is not above t, nearly all of them once the running max has settled, cost one vector max.
template <typename T>
inline void collect_above(const T* s, long long n, T t, long long m0, std::vector<Cand<T>>& c) {
  constexpr long long kRun = 64;
  for (long long j0 = 0; j0 < n; j0 += kRun) {
    const long long e = std::min(n, j0 + kRun);
    if (!(row_max(s + j0, e - j0) > t)) continue;
    for (long long j = j0; j < e; ++j)
      if (s[j] > t) c.push_back({static_cast<int>(m0 + j), s[j]});
  }
}

template <typename Ops, typename T>
inline void pass_sparse(const Problem<T>& P, const T* X, const int* ids, long long na, T* Y, double* psi,
                        const Recorder<T>& rec, Work<T>& w) {
  const long long d = P.d, M = P.M;
  const double a = P.alpha;
  const double window = Ops::window(P.beta, a);
  for (long long i = 0; i < na; ++i) {
    w.cands[i].clear();
    w.smax[i] = -std::numeric_limits<T>::infinity();
    w.thr[i] = -std::numeric_limits<T>::infinity();
    w.floor[i] = -std::numeric_limits<T>::infinity();
    w.next_floor[i] = kMinFloorCandidates;
  }

  // Pass 1: candidates.
  for_each_candidate_scores(
      P, X, na, w,
      [&](long long i, long long m0, long long nb, long long, T* s) {
        std::vector<Cand<T>>& c = w.cands[i];
        const T bm = row_max(s, nb);
        if (bm > w.smax[i]) {
          w.smax[i] = bm;
          w.thr[i] = std::max(candidate_threshold(bm, window), w.floor[i]);
          keep_above(c, w.thr[i]);
        }
        if (bm > w.thr[i]) collect_above(s, nb, w.thr[i], m0, c);
        if (c.size() >= w.next_floor[i]) {  // amortised: at most once per doubling of the candidates
          w.floor[i] = support_floor<Ops>(P, c, w.smax[i]);
          if (w.floor[i] > w.thr[i]) {
            w.thr[i] = w.floor[i];
            keep_above(c, w.thr[i]);
          }
          w.next_floor[i] = std::max(kMinFloorCandidates, 2 * c.size());
        }
      });

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
      Ops::template forward<double>(z, nullptr, p, k, P.beta, a, thread_scratch());
      if (psi != nullptr)
        psi[i] = k > 0 ? Ops::psi(z, p, k, static_cast<double>(w.smax[i]), P.beta, a)
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
    T* widened = half_rows_buffer(P, P.block);
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
      blas::gemm_ab_acc(S, nb, block_rows(P, m0, nb, widened).values, d, Y, d, na, d, nb);
    }
  } else {
    rows_maybe_parallel(na, d * (1 + total_support / std::max(1LL, na)), [&](long long r0, long long r1) {
      std::vector<T> widened(P.half != nullptr ? static_cast<std::size_t>(d) : 0);  // one support row
      for (long long i = r0; i < r1; ++i) {
        T* y = Y + i * d;
        std::fill(y, y + d, T(0));
        const std::vector<int>& si = w.sidx[i];
        for (std::size_t q = 0; q < si.size(); ++q)
          axpy_row(static_cast<T>(w.sp[i][q]), block_rows(P, si[q], 1, widened.data()).values, y, d);
      }
    });
  }
}

}  // namespace ret
}  // namespace detail
}  // namespace h4j
