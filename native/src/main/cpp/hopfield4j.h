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

#include "hopfield4j_kinds.h"

namespace h4j {

// What a separation call applies: the map (a separation MapKind of hopfield4j_kinds.h), the batch
// shape, the scale, and how many values the `alpha` argument holds: 1 (the same alpha for every row)
// or rows (one per row). Every map gets its alpha (softmax 1, sparsemax 2, 1.5-entmax 1.5; the maps
// with a fixed alpha need not use it).
struct SeparationCall {
  int map;
  long long rows;
  long long n;
  double scale;
  long long alphaCount;
};

// ---- forward maps -------------------------------------------------------------------------
//   softmax    exp(z - max z), normalised
//   sparsemax  Euclidean projection onto the simplex, exact threshold by expected-linear-time selection
//   entmax15   1.5-entmax, exact: expected-linear selection of the support + closed form (Peters et al. 2019)
//   entmax     alpha-entmax for any alpha > 1 by a safeguarded root finder on tau
void separate_f32(const SeparationCall* call, const float* z, const unsigned char* mask, float* p, int* support,
                  const double* alpha);
void separate_f64(const SeparationCall* call, const double* z, const unsigned char* mask, double* p, int* support,
                  const double* alpha);

// ---- backward (vector-Jacobian products) --------------------------------------------------
// Given the forward output p (of the map applied to scale*z) and the upstream gradient g,
// writes dz = d<g, p>/dz, i.e. scale * J(scale*z)^T g.
void separation_backward_f32(const SeparationCall* call, const float* p, const float* g, float* dz,
                             const double* alpha);
void separation_backward_f64(const SeparationCall* call, const double* p, const double* g, double* dz,
                             const double* alpha);

// ---- threading ----------------------------------------------------------------------------
// Threads the row-parallel kernels may use per call (>= 1), and the OpenBLAS thread count.
void set_num_threads(int threads);
int get_num_threads();
void set_blas_num_threads(int threads);
int get_blas_num_threads();

}  // namespace h4j

// The definitions are header-only (JavaCPP compiles a single generated .cpp including this file).
#include "hopfield4j_impl.hpp"
