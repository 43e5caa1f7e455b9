// The kinds of the native code and their dispatch table: the one home of the integer values of the
// maps and similarities (org.hopfield4j.MapKind and Similarity.Kind hold the same values, and
// KindsHeaderTest checks them against this file).
//
// Adding a separation map: write its kernels in <map>.hpp as an ops struct (see entmax_ops.hpp for
// the members: forward row, backward row, and for retrieval the candidate window and Psi*), include
// it below, and add one line to H4J_SEPARATION_MAPS. The separation entry points (hopfield4j.h) and
// the retrieval passes (retrieval.hpp) are generated from the table.
// Adding a similarity: one value in SimilarityKind and its scores in retrieval_scores.hpp.
#pragma once

// X(enumerator, value, ops struct in h4j::detail): the separation maps.
#define H4J_SEPARATION_MAPS(X)      \
  X(MAP_SOFTMAX, 0, SoftmaxOps)     \
  X(MAP_SPARSEMAX, 1, SparsemaxOps) \
  X(MAP_ENTMAX15, 2, Entmax15Ops)   \
  X(MAP_ENTMAX, 3, EntmaxOps)       \
  X(MAP_NORMMAX, 5, NormmaxOps)

namespace h4j {

#define H4J_ENUMERATOR(name, value, ops) name = value,
// The maps of a retrieval step: the separation maps, and MAP_POLY, the poly-n baseline
// (p_mu proportional to max(s_mu, 0)^polyN, Krotov & Hopfield; beta unused; all-zero if no s > 0).
enum MapKind : int { H4J_SEPARATION_MAPS(H4J_ENUMERATOR) MAP_POLY = 4 };
#undef H4J_ENUMERATOR

// The similarities s(xi, x) of retrieval (hopfield4j_retrieval.h).
// SIM_COSINE: <x, xi> / (|x| |xi|), 0 for a zero vector.
enum SimilarityKind : int { SIM_DOT = 0, SIM_KERNEL = 1, SIM_NEG_L2 = 2, SIM_NEG_L1 = 3, SIM_COSINE = 4 };

}  // namespace h4j

// The kernels of the maps in the table.
#include "entmax_ops.hpp"
#include "normmax.hpp"
