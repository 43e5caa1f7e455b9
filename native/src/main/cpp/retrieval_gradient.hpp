// The vector-Jacobian product of T retrieval steps (hopfield4j_nn.h, docs/math.md#retrieval-backward):
// each step is one association (association.hpp) with queries xi_t (or xi_t W^T for the learned
// kernel), keys Y (or Y W^T) and values V; the backward walks the steps in reverse, carrying
// dL/dxi_t, and accumulates the key, value, beta, alpha and W gradients over the steps.
#pragma once
#include <algorithm>
#include <new>
#include <vector>

#include "association.hpp"
#include "blas.hpp"
#include "hopfield4j_kinds.h"
#include "hopfield4j_nn.h"

namespace h4j {
namespace detail {

template <typename T>
inline bool retrieval_gradient(const RetrievalGradientCall& c, const T* inputs, const unsigned char* mask,
                               const T* upstream, T* states, T* grads, double* dScalars, const double* scalars) {
  const long long B = c.B, M = c.M, d = c.d, dv = c.dv, D = c.D;
  const bool kernel = c.similarity == SIM_KERNEL;
  const long long dk = kernel ? D : d;
  const T* xi0 = inputs;
  const T* Y = xi0 + B * d;
  const T* V = c.separateValues ? Y + M * d : Y;
  const T* W = kernel ? (c.separateValues ? V + M * dv : Y + M * d) : nullptr;
  T* dXi0 = grads;
  T* dY = dXi0 + B * d;
  T* dV = c.separateValues ? dY + M * d : nullptr;
  T* dW = kernel ? (c.separateValues ? dV + M * dv : dY + M * d) : nullptr;
  const double* beta = scalars;
  const double* alpha = scalars + 1;
  double* dBeta = dScalars;
  double* dAlpha = c.alphaGradient ? dScalars + 1 : nullptr;
  const int T_ = c.steps;

  const AssociationCall a{c.map, 1, B, M, dk, dv, 1, c.alphaCount, 1.0, c.alphaGradient};
  // keys: Y, or Y W^T (M x D)
  std::vector<T> projectedKeys(kernel ? static_cast<std::size_t>(M * D) : 0);
  if (kernel) blas::gemm_abt(Y, d, W, d, projectedKeys.data(), D, M, D, d);
  const T* K = kernel ? projectedKeys.data() : Y;

  // xi_0 .. xi_{T-1} (the states the steps start from), their queries, and each step's P and S
  std::vector<T> xs(static_cast<std::size_t>(T_ * B * d)), qs(kernel ? static_cast<std::size_t>(T_ * B * D) : 0);
  std::vector<T> ps(static_cast<std::size_t>(T_ * B * M)), ss(static_cast<std::size_t>(T_ * B * M));
  std::vector<T> next(static_cast<std::size_t>(B * dv));
  std::copy(xi0, xi0 + B * d, xs.begin());
  for (int t = 0; t < T_; ++t) {
    const T* x = xs.data() + t * B * d;
    const T* q = x;
    if (kernel) {
      blas::gemm_abt(x, d, W, d, qs.data() + t * B * D, D, B, D, d);
      q = qs.data() + t * B * D;
    }
    T* out = t + 1 < T_ ? xs.data() + (t + 1) * B * d : states;
    if (!association_forward(a, AssociationInputs<T>{q, K, V}, mask, nullptr, ps.data() + t * B * M,
                             ss.data() + t * B * M, out, beta, alpha)) {
      return false;
    }
  }

  // Backward: g = dL/dxi_{t+1}, then dL/dxi_t from the step's query gradient.
  std::vector<T> g(upstream, upstream + B * dv), dQ(static_cast<std::size_t>(B * dk));
  std::vector<T> dK(static_cast<std::size_t>(M * dk)), dValues(static_cast<std::size_t>(M * dv));
  for (int t = T_ - 1; t >= 0; --t) {
    const T* x = xs.data() + t * B * d;
    const T* q = kernel ? qs.data() + t * B * D : x;
    std::fill(dQ.begin(), dQ.end(), T(0));
    if (!association_backward(a, AssociationInputs<T>{q, K, V}, ps.data() + t * B * M, ss.data() + t * B * M,
                              g.data(), nullptr, dQ.data(), dK.data(), dValues.data(), dBeta, dAlpha, beta,
                              alpha)) {
      return false;
    }
    g.resize(static_cast<std::size_t>(B * d));
    if (kernel) {
      // q = x W^T: dx = dQ W, dW += dQ^T x
      std::fill(g.begin(), g.end(), T(0));
      blas::gemm_ab_acc(dQ.data(), D, W, d, g.data(), d, B, d, D);
      blas::gemm(CblasTrans, CblasNoTrans, D, d, B, T(1), dQ.data(), D, x, d, T(1), dW, d);
    } else {
      std::copy(dQ.begin(), dQ.end(), g.begin());
    }
  }
  std::copy(g.begin(), g.end(), dXi0);
  // keys: dY = dK W (kernel, and dW += dK^T Y) or dK; the values' gradient goes to V (or Y)
  if (kernel) {
    blas::gemm_ab_acc(dK.data(), D, W, d, dY, d, M, d, D);
    blas::gemm(CblasTrans, CblasNoTrans, D, d, M, T(1), dK.data(), D, Y, d, T(1), dW, d);
  } else {
    for (long long i = 0; i < M * d; ++i) dY[i] += dK[i];
  }
  T* valuesTarget = c.separateValues ? dV : dY;
  for (long long i = 0; i < M * dv; ++i) valuesTarget[i] += dValues[i];
  return true;
}

template <typename T>
inline int retrieval_gradient_entry(const RetrievalGradientCall& c, const T* inputs, const unsigned char* mask,
                                    const T* upstream, T* states, T* grads, double* dScalars,
                                    const double* scalars) {
  const long long gradSize = c.B * c.d + c.M * c.d + (c.separateValues ? c.M * c.dv : 0) +
                             (c.similarity == SIM_KERNEL ? c.D * c.d : 0);
  const long long nScalars = 1 + (c.alphaGradient ? c.alphaCount : 0);
  for (long long i = 0; i < gradSize; ++i) grads[i] = T(0);
  for (long long i = 0; i < nScalars; ++i) dScalars[i] = 0.0;
  bool ok;
  try {
    ok = retrieval_gradient(c, inputs, mask, upstream, states, grads, dScalars, scalars);
  } catch (const std::bad_alloc&) {
    ok = false;
  }
  if (ok) return 0;
  fill_nan(states, c.B * c.dv);
  fill_nan(grads, gradSize);
  for (long long i = 0; i < nScalars; ++i) dScalars[i] = std::numeric_limits<double>::quiet_NaN();
  return -1;
}

}  // namespace detail

inline int retrieval_gradient_f32(const RetrievalGradientCall* call, const float* inputs, const unsigned char* mask,
                                  const float* upstream, float* states, float* grads, double* dScalars,
                                  const double* scalars) {
  return detail::retrieval_gradient_entry(*call, inputs, mask, upstream, states, grads, dScalars, scalars);
}
inline int retrieval_gradient_f64(const RetrievalGradientCall* call, const double* inputs, const unsigned char* mask,
                                  const double* upstream, double* states, double* grads, double* dScalars,
                                  const double* scalars) {
  return detail::retrieval_gradient_entry(*call, inputs, mask, upstream, states, grads, dScalars, scalars);
}

}  // namespace h4j
