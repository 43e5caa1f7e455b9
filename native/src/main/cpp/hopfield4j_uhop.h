// hopfield4j U-Hop stage I: separation losses of the feature map Phi(u) = W u and their gradients.
// Bound to Java by org.hopfield4j.nativelib.HopfieldNative; arguments are validated in Java.
//
// Layout (row-major): W is D x d (D = D_Phi), memories Xi is M x d (one pattern per row, M >= 2).
// Features F = W Xi^T (D x M, column mu = Phi(xi_mu)); with normalize != 0 they are divided by their
// norms first (the authors' code; a zero feature is left as zero and contributes no gradient).
//
// Losses (t > 0), over the unordered pairs mu < nu, d2 = |f_mu - f_nu|^2:
//   LOSS_AVG: log( 2/(M(M-1)) * sum exp(-t d2) )          (U-Hop eq. 2.6), by a stable log-sum-exp
//   LOSS_MAX: max (-t d2), the closest pair               (appendix G.2); gradient flows to that pair
//   LOSS_DL:  log( 2/(M(M-1)) * sum exp(2t (k^2 - 1)) ), k = <f_mu, f_nu>   (eq. 3.2, deep-learning form)
// The gradient with respect to W is built from matrix products only (spec: dL/dF = -2t F Lap for AVG,
// with Lap the graph Laplacian of the pair weights), then the chain rule through the normalisation and
// F = W Xi^T. Working memory O(M^2 + D M + D d); no M x M x d temporaries.
//
// Returns the loss. gradW (D x d) receives dL/dW when non-null. minDist2 (nullable) receives the
// smallest pairwise squared feature distance (the separation the max loss pushes up).
#pragma once

namespace h4j {

enum SeparationLoss : int { LOSS_AVG = 0, LOSS_MAX = 1, LOSS_DL = 2 };

// What a loss call computes: the shapes, the loss (a SeparationLoss), t, and normalize (0 or not).
struct SeparationLossCall {
  long long D;
  long long d;
  long long M;
  int loss;
  double t;
  int normalize;
};

double separation_loss_f32(const SeparationLossCall* call, const float* W, const float* memories, float* gradW,
                           double* minDist2);
double separation_loss_f64(const SeparationLossCall* call, const double* W, const double* memories, double* gradW,
                           double* minDist2);

}  // namespace h4j

// The definitions are header-only (JavaCPP compiles a single generated .cpp including this file).
#include "uhop_loss.hpp"
