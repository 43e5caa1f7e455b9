// Definitions of the entry points declared in hopfield4j.h. Header-only, because JavaCPP compiles
// one generated .cpp that includes hopfield4j.h; everything is inline or a template so the header
// can be included by several translation units. One algorithm per file:
//   softmax.hpp        softmax
//   sparsemax.hpp      sparsemax, randomized-pivot selection (Duchi et al. 2008), expected O(n)
//   entmax15.hpp       1.5-entmax, randomized-pivot selection + closed form (Peters et al. 2019)
//   entmax_bisect.hpp  alpha-entmax, bisection-safeguarded Newton + Newton polish on the support
//   backward.hpp       the vector-Jacobian products
//   entmax_ops.hpp     the ops structs the dispatch table of hopfield4j_kinds.h names
//   parallel.hpp       row-parallel loop on std::thread
#pragma once
#include <algorithm>
#include <atomic>
#include <limits>

#include "hopfield4j.h"
#include "hopfield4j_kinds.h"
#include "parallel.hpp"
#include "row_common.hpp"

// OpenBLAS's own thread control; declared here rather than via cblas.h so the kernels do not
// depend on BLAS headers (the signatures match cblas.h, so including both is fine).
extern "C" void openblas_set_num_threads(int num_threads);
extern "C" int openblas_get_num_threads(void);

namespace h4j {
namespace detail {

// Runs row(z_r, mask_r, p_r, r, scratch) -> support over all rows; each block of rows looks up
// its thread's scratch once. If scratch could not be allocated the
// output is filled with NaN and support with -1: nothing may throw across JNI, and a silent
// half-written result would be worse than a visibly poisoned one.
template <typename T, typename Row>
inline void forward_rows(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                         const Row& row) {
  const bool ok = parallel_rows(rows, n, [&](long long r0, long long r1) {
    RowScratch& ws = thread_scratch();
    for (long long r = r0; r < r1; ++r) {
      const int k = row(z + r * n, mask == nullptr ? nullptr : mask + r * n, p + r * n, r, ws);
      if (support != nullptr) support[r] = k;
    }
  });
  if (!ok) {
    for (long long i = 0; i < rows * n; ++i) p[i] = std::numeric_limits<T>::quiet_NaN();
    if (support != nullptr) std::fill(support, support + rows, -1);
  }
}

template <typename T, typename Row>
inline void backward_rows(const T* p, const T* g, T* dz, long long rows, long long n, const Row& row) {
  const bool ok = parallel_rows(rows, n, [&](long long r0, long long r1) {
    for (long long r = r0; r < r1; ++r) row(p + r * n, g + r * n, dz + r * n, r);
  });
  if (!ok) {
    for (long long i = 0; i < rows * n; ++i) dz[i] = std::numeric_limits<T>::quiet_NaN();
  }
}

inline double alpha_of(const double* alpha, long long alpha_count, long long rows, long long r) {
  return alpha_count == rows ? alpha[r] : alpha[0];
}

// The map of the table (hopfield4j_kinds.h) named by call.map, chosen once per call; unknown codes
// (rejected in Java) leave the output untouched.
template <typename T>
inline void separate(const SeparationCall& c, const T* z, const unsigned char* mask, T* p, int* support,
                     const double* alpha) {
  switch (c.map) {
#define H4J_FORWARD_CASE(name, value, Ops)                                                              \
  case name:                                                                                            \
    forward_rows(z, mask, p, support, c.rows, c.n,                                                      \
                 [&](const T* zr, const unsigned char* mr, T* pr, long long r, RowScratch& ws) {        \
                   return Ops::forward(zr, mr, pr, c.n, c.scale, alpha_of(alpha, c.alphaCount, c.rows, r), ws); \
                 });                                                                                    \
    break;
    H4J_SEPARATION_MAPS(H4J_FORWARD_CASE)
#undef H4J_FORWARD_CASE
    default:
      break;
  }
}

template <typename T>
inline void separation_backward(const SeparationCall& c, const T* p, const T* g, T* dz, const double* alpha) {
  switch (c.map) {
#define H4J_BACKWARD_CASE(name, value, Ops)                                                    \
  case name:                                                                                   \
    backward_rows(p, g, dz, c.rows, c.n, [&](const T* pr, const T* gr, T* dr, long long r) {   \
      Ops::backward(pr, gr, dr, c.n, c.scale, alpha_of(alpha, c.alphaCount, c.rows, r));       \
    });                                                                                        \
    break;
    H4J_SEPARATION_MAPS(H4J_BACKWARD_CASE)
#undef H4J_BACKWARD_CASE
    default:
      break;
  }
}

}  // namespace detail

inline void separate_f32(const SeparationCall* call, const float* z, const unsigned char* mask, float* p, int* support,
                         const double* alpha) {
  detail::separate(*call, z, mask, p, support, alpha);
}
inline void separate_f64(const SeparationCall* call, const double* z, const unsigned char* mask, double* p,
                         int* support, const double* alpha) {
  detail::separate(*call, z, mask, p, support, alpha);
}
inline void separation_backward_f32(const SeparationCall* call, const float* p, const float* g, float* dz,
                                    const double* alpha) {
  detail::separation_backward(*call, p, g, dz, alpha);
}
inline void separation_backward_f64(const SeparationCall* call, const double* p, const double* g, double* dz,
                                    const double* alpha) {
  detail::separation_backward(*call, p, g, dz, alpha);
}

// ---- threading ----------------------------------------------------------------------------
inline void set_num_threads(int threads) {
  detail::kernel_thread_count().store(threads < 1 ? 1 : threads, std::memory_order_relaxed);
}
inline int get_num_threads() { return detail::kernel_thread_count().load(std::memory_order_relaxed); }
inline void set_blas_num_threads(int threads) { openblas_set_num_threads(threads < 1 ? 1 : threads); }
inline int get_blas_num_threads() { return openblas_get_num_threads(); }

}  // namespace h4j
