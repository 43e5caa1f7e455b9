// Definitions of the entry points declared in hopfield4j.h. Header-only, because JavaCPP compiles
// one generated .cpp that includes hopfield4j.h; everything is inline or a template so the header
// can be included by several translation units. One algorithm per file:
//   softmax.hpp        softmax
//   sparsemax.hpp      sparsemax, randomized-pivot selection (Duchi et al. 2008), expected O(n)
//   entmax15.hpp       1.5-entmax, randomized-pivot selection + closed form (Peters et al. 2019)
//   entmax_bisect.hpp  alpha-entmax, bisection-safeguarded Newton + Newton polish on the support
//   backward.hpp       the vector-Jacobian products
//   parallel.hpp       row-parallel loop on std::thread
#pragma once
#include <algorithm>
#include <atomic>
#include <limits>

#include "hopfield4j.h"
#include "backward.hpp"
#include "entmax15.hpp"
#include "entmax_bisect.hpp"
#include "parallel.hpp"
#include "row_common.hpp"
#include "softmax.hpp"
#include "sparsemax.hpp"

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

template <typename T>
inline void softmax(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                    double scale) {
  forward_rows(z, mask, p, support, rows, n,
               [&](const T* zr, const unsigned char* mr, T* pr, long long, RowScratch& ws) {
    return softmax_row(zr, mr, pr, n, scale, ws);
  });
}

template <typename T>
inline void sparsemax(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                      double scale) {
  forward_rows(z, mask, p, support, rows, n,
               [&](const T* zr, const unsigned char* mr, T* pr, long long, RowScratch& ws) {
    return sparsemax_row(zr, mr, pr, n, scale, ws);
  });
}

template <typename T>
inline void entmax15(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                     double scale) {
  forward_rows(z, mask, p, support, rows, n,
               [&](const T* zr, const unsigned char* mr, T* pr, long long, RowScratch& ws) {
    return entmax15_row(zr, mr, pr, n, scale, ws);
  });
}

template <typename T>
inline void entmax(const T* z, const unsigned char* mask, T* p, int* support, long long rows, long long n,
                   double scale, const double* alpha, long long alpha_count) {
  forward_rows(z, mask, p, support, rows, n,
               [&](const T* zr, const unsigned char* mr, T* pr, long long r, RowScratch& ws) {
    return entmax_row(zr, mr, pr, n, scale, alpha_of(alpha, alpha_count, rows, r), ws);
  });
}

}  // namespace detail

// ---- forward maps -------------------------------------------------------------------------
inline void softmax_f32(const float* z, const unsigned char* mask, float* p, int* support, long long rows,
                        long long n, double scale) {
  detail::softmax(z, mask, p, support, rows, n, scale);
}
inline void softmax_f64(const double* z, const unsigned char* mask, double* p, int* support, long long rows,
                        long long n, double scale) {
  detail::softmax(z, mask, p, support, rows, n, scale);
}
inline void sparsemax_f32(const float* z, const unsigned char* mask, float* p, int* support, long long rows,
                          long long n, double scale) {
  detail::sparsemax(z, mask, p, support, rows, n, scale);
}
inline void sparsemax_f64(const double* z, const unsigned char* mask, double* p, int* support, long long rows,
                          long long n, double scale) {
  detail::sparsemax(z, mask, p, support, rows, n, scale);
}
inline void entmax15_f32(const float* z, const unsigned char* mask, float* p, int* support, long long rows,
                         long long n, double scale) {
  detail::entmax15(z, mask, p, support, rows, n, scale);
}
inline void entmax15_f64(const double* z, const unsigned char* mask, double* p, int* support, long long rows,
                         long long n, double scale) {
  detail::entmax15(z, mask, p, support, rows, n, scale);
}
inline void entmax_f32(const float* z, const unsigned char* mask, float* p, int* support, long long rows,
                       long long n, double scale, const double* alpha, long long alphaCount) {
  detail::entmax(z, mask, p, support, rows, n, scale, alpha, alphaCount);
}
inline void entmax_f64(const double* z, const unsigned char* mask, double* p, int* support, long long rows,
                       long long n, double scale, const double* alpha, long long alphaCount) {
  detail::entmax(z, mask, p, support, rows, n, scale, alpha, alphaCount);
}

// ---- backward -----------------------------------------------------------------------------
inline void softmax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n,
                                 double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const float* pr, const float* gr, float* dr, long long) {
    detail::softmax_backward_row(pr, gr, dr, n, scale);
  });
}
inline void softmax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n,
                                 double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const double* pr, const double* gr, double* dr, long long) {
    detail::softmax_backward_row(pr, gr, dr, n, scale);
  });
}
inline void sparsemax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n,
                                   double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const float* pr, const float* gr, float* dr, long long) {
    detail::sparsemax_backward_row(pr, gr, dr, n, scale);
  });
}
inline void sparsemax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n,
                                   double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const double* pr, const double* gr, double* dr, long long) {
    detail::sparsemax_backward_row(pr, gr, dr, n, scale);
  });
}
inline void entmax15_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n,
                                  double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const float* pr, const float* gr, float* dr, long long) {
    detail::entmax_backward_row(pr, gr, dr, n, scale, 1.5);
  });
}
inline void entmax15_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n,
                                  double scale) {
  detail::backward_rows(p, g, dz, rows, n, [&](const double* pr, const double* gr, double* dr, long long) {
    detail::entmax_backward_row(pr, gr, dr, n, scale, 1.5);
  });
}
inline void entmax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n,
                                double scale, const double* alpha, long long alphaCount) {
  detail::backward_rows(p, g, dz, rows, n, [&](const float* pr, const float* gr, float* dr, long long r) {
    detail::entmax_backward_row(pr, gr, dr, n, scale, detail::alpha_of(alpha, alphaCount, rows, r));
  });
}
inline void entmax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n,
                                double scale, const double* alpha, long long alphaCount) {
  detail::backward_rows(p, g, dz, rows, n, [&](const double* pr, const double* gr, double* dr, long long r) {
    detail::entmax_backward_row(pr, gr, dr, n, scale, detail::alpha_of(alpha, alphaCount, rows, r));
  });
}

// ---- threading ----------------------------------------------------------------------------
inline void set_num_threads(int threads) {
  detail::kernel_thread_count().store(threads < 1 ? 1 : threads, std::memory_order_relaxed);
}
inline int get_num_threads() { return detail::kernel_thread_count().load(std::memory_order_relaxed); }
inline void set_blas_num_threads(int threads) { openblas_set_num_threads(threads < 1 ? 1 : threads); }
inline int get_blas_num_threads() { return openblas_get_num_threads(); }

}  // namespace h4j
