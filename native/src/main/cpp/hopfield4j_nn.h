// hopfield4j differentiable kernels: the association primitive out = map(beta Q K^T + mask) V with
// its backward, the vector-Jacobian product of T retrieval steps, and the Fenchel-Young losses.
// Bound to Java by org.hopfield4j.nativelib.HopfieldNative (org.hopfield4j.nn validates every
// argument first). The maths: docs/math.md#association, #retrieval-backward, #alpha-gradient,
// #fenchel-young.
//
// Layout: row-major, a batch of `problems` independent association problems stacked:
//   Q problems x Nq x dk, K problems x Nk x dk, V problems x Nk x dv, P and S problems x Nq x Nk,
//   out problems x Nq x dv. The inputs cross as one pack qkv = Q | K | V; the forward's saved
//   matrices as ps = P | S (S = Q K^T, the unscaled scores; masked entries of S are not used).
// mask (nullable, problems x Nq x Nk): 0 masks the entry (p = 0 exactly); keep (nullable, same
// shape): dropout on the association matrix, 0 drops the entry, kept entries are multiplied by
// call.dropScale (out = (P o keep) V; P itself is the undropped map).
// scalars = beta (betaCount values: 1, or one per problem) | alpha (alphaCount values: 1, or one per
// row, rows = problems * Nq). The map is a separation MapKind of hopfield4j_kinds.h.
// Every function returns 0, or -1 if working memory could not be allocated (outputs are then NaN).
#pragma once

namespace h4j {

struct AssociationCall {
  int map;
  long long problems;
  long long Nq;
  long long Nk;
  long long dk;
  long long dv;
  long long betaCount;   // 1 or problems
  long long alphaCount;  // 1 or problems * Nq
  double dropScale;      // multiplier of the kept entries when keep is given
  int alphaGradient;     // != 0: dScalars receives dalpha too (alpha-entmax only)
};

// out (problems x Nq x dv) and ps (P | S, 2 x problems x Nq x Nk).
int association_forward_f32(const AssociationCall* call, const float* qkv, const unsigned char* mask,
                            const unsigned char* keep, float* out, float* ps, const double* scalars);
int association_forward_f64(const AssociationCall* call, const double* qkv, const unsigned char* mask,
                            const unsigned char* keep, double* out, double* ps, const double* scalars);

// Given the forward's qkv and ps and the upstream dOut (problems x Nq x dv): grads = dQ | dK | dV
// (the shapes of Q, K, V; overwritten), dScalars = dbeta (betaCount) | dalpha (alphaCount, only when
// call.alphaGradient; overwritten).
int association_backward_f32(const AssociationCall* call, const float* qkv, const float* ps, const float* dOut,
                             const unsigned char* keep, float* grads, double* dScalars, const double* scalars);
int association_backward_f64(const AssociationCall* call, const double* qkv, const double* ps, const double* dOut,
                             const unsigned char* keep, double* grads, double* dScalars, const double* scalars);

// T retrieval steps xi_{t+1} = map(beta sim(xi_t, Y)) V and their vector-Jacobian product.
// similarity: SIM_DOT (sim = xi Y^T) or SIM_KERNEL (sim = (xi W^T)(Y W^T)^T, W D x d).
// inputs = xi_0 (B x d) | Y (M x d) | V (M x dv, only when separateValues; else V = Y, dv = d) |
// W (D x d, only for SIM_KERNEL). dv == d when steps > 1. mask (nullable, B x M) masks the same
// associations at every step. upstream = dL/dxi_T (B x dv); states receives xi_T (B x dv).
// grads = dxi_0 | dY | dV (separateValues) | dW (kernel), the shapes of the inputs. dScalars =
// dbeta | dalpha (alphaCount: 1 or B, only when alphaGradient). scalars = beta | alpha.
struct RetrievalGradientCall {
  int map;
  int similarity;
  long long B;
  long long M;
  long long d;
  long long dv;
  long long D;
  int steps;
  int separateValues;
  long long alphaCount;  // 1 or B
  int alphaGradient;
};

int retrieval_gradient_f32(const RetrievalGradientCall* call, const float* inputs, const unsigned char* mask,
                           const float* upstream, float* states, float* grads, double* dScalars,
                           const double* scalars);
int retrieval_gradient_f64(const RetrievalGradientCall* call, const double* inputs, const unsigned char* mask,
                           const double* upstream, double* states, double* grads, double* dScalars,
                           const double* scalars);

// Fenchel-Young losses of the entmax family (map MAP_SPARSEMAX, MAP_ENTMAX15 or MAP_ENTMAX; alpha
// one value or one per row): for each row r of z (rows x n) with target class target[r],
//   loss[r] = Omega_alpha(p) + <p - e_y, z>,  p = entmax_alpha(z),  grad_r = p - e_y,
// Omega_alpha the Tsallis entropy (1 - sum p^alpha) / (alpha (alpha - 1)). A target equal to
// ignoreIndex gives loss 0 and a zero gradient row. grad is nullable.
struct FenchelYoungCall {
  int map;
  long long rows;
  long long n;
  long long alphaCount;
  int ignoreIndex;
};

int fenchel_young_f32(const FenchelYoungCall* call, const float* z, const int* target, double* loss, float* grad,
                      const double* alpha);
int fenchel_young_f64(const FenchelYoungCall* call, const double* z, const int* target, double* loss, double* grad,
                      const double* alpha);

// ---- the float32 layers' activation path (org.hopfield4j.nn's float32 Hopfield layers) ----

// LayerNorm of `rows` rows of `width` floats (layer_norm.hpp): float64 gain, bias and statistics
// (stats = mean | 1 / sqrt(var + eps), 2 per row). The backward writes dx and adds to dGain and dBias.
struct LayerNormCall {
  long long rows;
  long long width;
  double eps;
};

void layer_norm_forward_f32(const LayerNormCall* call, const float* x, const double* gain, const double* bias,
                            float* y, double* stats);
void layer_norm_backward_f32(const LayerNormCall* call, const float* x, const float* dy, const double* gain,
                             const double* stats, float* dx, double* dGain, double* dBias);

// `count` row-major products C_i = alpha op(A_i) op(B_i) + beta C_i (batched_gemm.hpp), where
// X_i = X + offsetX + i * strideX and op transposes when transX != 0; strideC == 0 sums the products
// into one C (beta applied once). k == 0 gives beta C.
struct BatchedGemmCall {
  int transA;
  int transB;
  long long m;
  long long n;
  long long k;
  long long lda;
  long long ldb;
  long long ldc;
  long long offsetA;
  long long offsetB;
  long long offsetC;
  long long strideA;
  long long strideB;
  long long strideC;
  long long count;
  double alpha;
  double beta;
};

void batched_gemm_f32(const BatchedGemmCall* call, const float* A, const float* B, float* C);

// y = x rounded to float32 (float_convert.hpp); y = x widened to float64, or y += x when accumulate != 0.
void round_to_f32(const double* x, float* y, long long n);
void widen_to_f64(const float* x, double* y, long long n, int accumulate);
// y[offset, offset + n) = x; returns max |x|, or NaN when a value of x is not finite.
double copy_measured_f32(const float* x, float* y, long long offset, long long n);

}  // namespace h4j

// The definitions are header-only (JavaCPP compiles a single generated .cpp including this file).
#include "association.hpp"
#include "batched_gemm.hpp"
#include "fenchel_young.hpp"
#include "float_convert.hpp"
#include "layer_norm.hpp"
#include "retrieval_gradient.hpp"
