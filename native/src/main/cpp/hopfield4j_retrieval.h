// hopfield4j retrieval: batched modern-Hopfield update steps and energies over a memory store.
// Bound to Java by org.hopfield4j.nativelib.HopfieldNative; arguments are validated in Java.
//
// Layout (row-major, one pattern / query per row):
//   memories  M x d   the stored patterns Xi (the values of the update, and the keys but for the kernel)
//   keys      M x d   for SIM_KERNEL only: A = Xi W^T W, so that s = A x = <W xi, W x>; else null
//   W         D x d   for SIM_KERNEL energies only (K(x, x) = |W x|^2); may be null otherwise
//   queries   B x d   the initial states x_0; out (B x d) receives x_T (out may alias queries)
//
// One step: x <- sum_mu p_mu xi_mu with p = Sep(beta * s(x)), s the similarity of x to every
// memory. A query stops after maxSteps steps or as soon as |x_{t+1} - x_t| <= eps; steps[b] gets the
// number of steps query b took (1..maxSteps). maxSteps == 0 only evaluates energies (out = queries,
// steps = 0, both energies E(x_0)).
//
// Scores are computed `scoreBlock` memories at a time (>= 1; >= M means unblocked), so working
// memory is O(B * scoreBlock) plus, for the sparse maps, the candidates that can still be in the support
// (entries within the map's window of the running maximum score: its ops struct's window(), e.g.
// 1 / ((alpha - 1) beta) for alpha-entmax), tightened by a running lower bound on tau from the map on the
// candidates so far (its ops struct's support_window). Results do not depend on scoreBlock
// beyond rounding (BLAS rounds a dot product differently depending on where it falls in a tile; softmax
// and poly also sum in a different order). Sparse maps multiply the weights by the patterns over the
// support only. The score block holds B x block values of T. A block of 2048 to 8192 memories keeps
// the GEMMs efficient (measured at d = 784, B = 1024 and at d = 64, B = 64): much smaller blocks make
// many small GEMMs whose threading overhead dominates, much larger ones give softmax's second product
// a very long inner dimension that OpenBLAS threads poorly.
// Safe to call concurrently from many threads (no shared mutable state; each calling thread keeps its
// two largest working buffers, up to 32 MB each, for its next call). OpenBLAS threads the GEMMs
// (set_blas_num_threads) on the blocked path; on the fused path (retrieval_fused.hpp) the kernel
// threads each run one-thread GEMMs, and OpenBLAS is held at one thread while such a pass runs (a
// set_blas_num_threads made meanwhile is undone when the last fused pass ends). Per-query work between the GEMMs runs on the calling thread unless a region
// is heavy (neg L1 scores, large candidate sets or supports), which is split over set_num_threads
// threads: threads started right after a GEMM compete with OpenBLAS's still-spinning workers.
//
// Energies (dot and kernel similarity only, every map but poly):
//   E(x) = 1/2 <x, x> - (1/beta) Psi*_alpha(beta s(x)),   kernel: 1/2 |W x|^2 - (1/beta) Psi*(beta s(x)),
//   Psi* is the convex conjugate of the map's regulariser (its ops struct's psi()), e.g. for alpha-entmax
//   Psi*_alpha(z) = <p*, z> + (1 - sum p*^alpha) / (alpha (alpha - 1)), p* = alpha-entmax(z); alpha = 1: logsumexp.
//   energies[b] = E(x_0), energies[B + b] = E(x_T) (nullable). E(x_T) costs one extra scoring pass
//   over the final states. MAP_POLY has no energy (NaN); for the other similarities (neg L2, neg L1,
//   cosine) the same formula is evaluated but is not a Lyapunov function (Java does not offer it). SIM_KERNEL with W null
//   uses 1/2 <x, x>.
//
// Weights of the last step taken by each query (nullable, CSR): weightOffsets (B + 1 entries),
// weightIndices / weightValues with room for weightCapacity pairs. Softmax stores all M entries of a
// query; the other maps store the entries with p > 0 in increasing index order. If weightCapacity is
// too small nothing is written to the three arrays and the function returns the number of pairs needed
// (the caller grows its arrays and calls again); otherwise it returns 0. On that shortfall nothing else
// is written either (out, steps, energies untouched), so a retry with out aliasing queries still starts
// from x_0. Softmax needs exactly B * M pairs and returns before any work when they do not fit; the
// other maps only know after the last step. weightIndices / weightValues may be null when
// weightCapacity is 0 (a sizing call). With maxSteps == 0 the weights are Sep(beta s(x_0)).
// MAP_POLY stores the entries with p > 0 (s > 0), none when no score is positive.
// Returns -1 if working memory could not be allocated; out is then filled with NaN and steps with -1.
#pragma once

#include "hopfield4j_kinds.h"

namespace h4j {

// How the scores of a pass are computed (retrieval_fused.hpp): chosen by shape (AUTO), or forced, so
// that tests can run every path on any shape. Every path gives the same results up to rounding.
// REGISTERS (retrieval_registers.hpp) is the fused path with the scores of the sparse maps' candidate
// pass, and softmax's whole pass (retrieval_flash.hpp), kept in AVX-512 registers (float32, dot and
// kernel similarity); forced where it cannot run (poly, other similarities, precisions or CPUs) it is
// FUSED.
enum RetrievalPath : int {
  RETRIEVAL_PATH_AUTO = 0,
  RETRIEVAL_PATH_BLOCKED = 1,
  RETRIEVAL_PATH_FUSED = 2,
  RETRIEVAL_PATH_REGISTERS = 3
};

// One retrieval call: the store (in native memory, of the entry point's element type), the query
// batch size and every setting. similarity is a SimilarityKind, map a MapKind (hopfield4j_kinds.h);
// alpha is the map's alpha (Java passes the fixed one of softmax, sparsemax and 1.5-entmax too),
// polyN the degree of MAP_POLY.
struct RetrievalCall {
  const void* memories;  // M x d
  const void* keys;      // M x d, SIM_KERNEL only (may be null: then the memories)
  const void* W;         // D x d, SIM_KERNEL energies only (may be null)
  long long M;
  long long d;
  long long D;
  long long B;           // queries
  int similarity;
  int map;
  double beta;
  double alpha;
  double polyN;
  int maxSteps;
  double eps;
  long long scoreBlock;      // memories per score block, >= 1
  long long weightCapacity;  // pairs weightIndices / weightValues hold
  int path = RETRIEVAL_PATH_AUTO;  // a RetrievalPath: how the scores are computed (results equal either way)
  int storage = 0;  // 0: memories of the entry point's type; a HalfFormat (hopfield4j_half.h): a float16 /
                    // bfloat16 store, retrieve_f32 only, widened to float32 a block or tile at a time
};

// queries and out are B x d; steps has B entries; energies (nullable) 2 B: E(x_0) of every query,
// then E(x_T). The weights (weightOffsets nullable: not recorded) as described above.
long long retrieve_f32(const RetrievalCall* call, const float* queries, float* out, int* steps, double* energies,
                       long long* weightOffsets, int* weightIndices, float* weightValues);
long long retrieve_f64(const RetrievalCall* call, const double* queries, double* out, int* steps, double* energies,
                       long long* weightOffsets, int* weightIndices, double* weightValues);

// The path (BLOCKED, FUSED or REGISTERS) the first step of the call takes for all B queries; later
// steps run only the queries that have not converged and may take another. recordWeights: whether
// the call records its weights (softmax's recorded weights keep the blocked path).
int retrieval_path_f32(const RetrievalCall* call, int recordWeights);
int retrieval_path_f64(const RetrievalCall* call, int recordWeights);

// C = A * B^T for row-major A (m x k) and B (n x k): the roofline the benchmarks compare against.
void gemm_abt_f32(const float* A, const float* B, float* C, long long m, long long n, long long k);
void gemm_abt_f64(const double* A, const double* B, double* C, long long m, long long n, long long k);

}  // namespace h4j

// The definitions are header-only (JavaCPP compiles a single generated .cpp including this file).
#include "retrieval.hpp"
