// A tiny wrapper over the two CBLAS GEMMs the retrieval engine needs (row-major only), so the
// templated code can call gemm<T>() for float and double alike.
#pragma once
#include <cblas.h>

#include <mutex>
#include <type_traits>

namespace h4j {
namespace blas {

// One row-major GEMM for both precisions: T picks cblas_sgemm or cblas_dgemm at compile time (called
// once per block, never inside a loop, so the dispatch costs nothing).
template <typename T>
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, long long m, long long n, long long k, T alpha,
                 const T* A, long long lda, const T* B, long long ldb, T beta, T* C, long long ldc) {
  static_assert(std::is_same<T, float>::value || std::is_same<T, double>::value, "gemm: float or double");
  const auto call = [&](auto cblas_gemm) {
    cblas_gemm(CblasRowMajor, ta, tb, static_cast<blasint>(m), static_cast<blasint>(n), static_cast<blasint>(k),
               alpha, A, static_cast<blasint>(lda), B, static_cast<blasint>(ldb), beta, C,
               static_cast<blasint>(ldc));
  };
  if constexpr (std::is_same<T, float>::value) {
    call(cblas_sgemm);
  } else {
    call(cblas_dgemm);
  }
}

// C (m x n, leading dimension ldc) = A (m x k) * B (n x k)^T + beta C. k == 0 gives beta C (an empty
// sum), without asking BLAS about degenerate leading dimensions.
template <typename T>
inline void gemm_abt(const T* A, long long lda, const T* B, long long ldb, T* C, long long ldc, long long m,
                     long long n, long long k, T beta = T(0)) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (long long i = 0; i < m; ++i)
      for (long long j = 0; j < n; ++j) C[i * ldc + j] = beta == T(0) ? T(0) : beta * C[i * ldc + j];
    return;
  }
  gemm(CblasNoTrans, CblasTrans, m, n, k, T(1), A, lda, B, ldb, beta, C, ldc);
}

// C (m x n) += A (m x k) * B (k x n).
template <typename T>
inline void gemm_ab_acc(const T* A, long long lda, const T* B, long long ldb, T* C, long long ldc, long long m,
                        long long n, long long k) {
  if (m <= 0 || n <= 0 || k <= 0) return;
  gemm(CblasNoTrans, CblasNoTrans, m, n, k, T(1), A, lda, B, ldb, T(1), C, ldc);
}

// OpenBLAS (the pthreads build we link) has one pool of worker threads per process: threaded sgemm
// calls made at the same time from several threads queue on it. A fused pass whose two threads each
// called a two-thread sgemm on their own tiles ran at 0.9 GFLOP/s instead of 19 (measured, 10^6 x 64
// store, loaded machine). So while a fused pass runs, OpenBLAS is set to one thread per call (the pass
// threads itself); the last concurrent pass to finish restores the count the first one found. Other
// BLAS calls made meanwhile from other threads run single-threaded too: slower, never wrong.
class OneThreadPerCall {
 public:
  explicit OneThreadPerCall(bool active) : active_(active) {
    if (!active_) return;
    State& s = state();
    std::lock_guard<std::mutex> hold(s.lock);
    if (s.users++ == 0) {
      s.saved = openblas_get_num_threads();
      openblas_set_num_threads(1);
    }
  }
  ~OneThreadPerCall() {
    if (!active_) return;
    State& s = state();
    std::lock_guard<std::mutex> hold(s.lock);
    if (--s.users == 0) openblas_set_num_threads(s.saved);
  }
  OneThreadPerCall(const OneThreadPerCall&) = delete;
  OneThreadPerCall& operator=(const OneThreadPerCall&) = delete;

 private:
  struct State {
    std::mutex lock;
    int users = 0;
    int saved = 1;
  };
  static State& state() {
    static State s;
    return s;
  }
  bool active_;
};

}  // namespace blas
}  // namespace h4j
