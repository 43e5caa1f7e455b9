// hopfield4j native kernels: the C++ entry points bound to Java by JavaCPP
// (org.hopfield4j.nativelib.HopfieldNative). Every function here trusts its arguments:
// shapes, finiteness and parameters are validated in Java before any call (see core-java).
//
// Layout: a batch is `rows` distributions of length `n`, row-major and contiguous.
// Masks: `mask` is nullable; mask[r*n + i] == 0 masks entry i of row r. A score of -inf is
// masked too. Masked entries get exactly 0; a row whose every entry is masked is all zeros.
// `scale` is the inverse temperature beta: the map is applied to scale * z.
// `support` is nullable; when given, support[r] receives the number of non-zero p in row r.
// `p` may alias `z` (in-place); `dz` may alias `g`.
#pragma once
#include <cstdint>

namespace h4j {

// ---- forward maps -------------------------------------------------------------------------
void softmax_f32(const float* z, const unsigned char* mask, float* p, int* support,
                 long long rows, long long n, double scale);
void softmax_f64(const double* z, const unsigned char* mask, double* p, int* support,
                 long long rows, long long n, double scale);

// Sparsemax: Euclidean projection onto the simplex, exact threshold by expected-linear-time selection.
void sparsemax_f32(const float* z, const unsigned char* mask, float* p, int* support,
                   long long rows, long long n, double scale);
void sparsemax_f64(const double* z, const unsigned char* mask, double* p, int* support,
                   long long rows, long long n, double scale);

// 1.5-entmax, exact: expected-linear selection of the support + closed form (Peters et al. 2019).
void entmax15_f32(const float* z, const unsigned char* mask, float* p, int* support,
                  long long rows, long long n, double scale);
void entmax15_f64(const double* z, const unsigned char* mask, double* p, int* support,
                  long long rows, long long n, double scale);

// alpha-entmax for any alpha > 1 by a safeguarded root finder on tau.
// `alpha` holds alphaCount values: 1 (same alpha for every row) or rows (one per row).
void entmax_f32(const float* z, const unsigned char* mask, float* p, int* support,
                long long rows, long long n, double scale, const double* alpha, long long alphaCount);
void entmax_f64(const double* z, const unsigned char* mask, double* p, int* support,
                long long rows, long long n, double scale, const double* alpha, long long alphaCount);

// ---- backward (vector-Jacobian products) --------------------------------------------------
// Given the forward output p (of the map applied to scale*z) and the upstream gradient g,
// writes dz = d<g, p>/dz, i.e. scale * J(scale*z)^T g.
void softmax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n, double scale);
void softmax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n, double scale);
void sparsemax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n, double scale);
void sparsemax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n, double scale);
void entmax15_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n, double scale);
void entmax15_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n, double scale);
void entmax_backward_f32(const float* p, const float* g, float* dz, long long rows, long long n, double scale,
                         const double* alpha, long long alphaCount);
void entmax_backward_f64(const double* p, const double* g, double* dz, long long rows, long long n, double scale,
                         const double* alpha, long long alphaCount);

// ---- threading ----------------------------------------------------------------------------
// Threads the row-parallel kernels may use per call (>= 1), and the OpenBLAS thread count.
void set_num_threads(int threads);
int get_num_threads();
void set_blas_num_threads(int threads);
int get_blas_num_threads();

}  // namespace h4j

// The definitions are header-only (JavaCPP compiles a single generated .cpp including this file).
#include "hopfield4j_impl.hpp"
