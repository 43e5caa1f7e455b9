// Fenchel-Young losses of the entmax family (hopfield4j_nn.h, docs/math.md#fenchel-young), as
// deep-spin/entmax's SparsemaxLoss, Entmax15Loss and EntmaxBisectLoss compute them:
// loss = Omega(p) + <p - e_y, z> with p = map(z) and Omega the Tsallis entropy of the map's alpha;
// its gradient with respect to z is p - e_y.
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>
#include <limits>
#include <new>

#include "association.hpp"
#include "hopfield4j.h"
#include "hopfield4j_nn.h"
#include "parallel.hpp"

namespace h4j {
namespace detail {

// (1 - sum p^alpha) / (alpha (alpha - 1)), alpha > 1; exactly 0 for a one-hot p.
template <typename T>
inline double tsallis_entropy(const T* p, long long n, double alpha) {
  double sum = 0.0;
  for (long long i = 0; i < n; ++i) {
    const double pi = static_cast<double>(p[i]);
    if (pi > 0.0) sum += alpha == 2.0 ? pi * pi : alpha == 1.5 ? pi * std::sqrt(pi) : std::pow(pi, alpha);
  }
  return (1.0 - sum) / (alpha * (alpha - 1.0));
}

template <typename T>
inline int fenchel_young_entry(const FenchelYoungCall& c, const T* z, const int* target, double* loss, T* grad,
                               const double* alpha) {
  const long long n = c.n;
  const bool ok = parallel_rows(c.rows, n, [&](long long r0, long long r1) {
    RowScratch& ws = thread_scratch();
    std::vector<T> own(grad == nullptr ? static_cast<std::size_t>(n) : 0);
    for (long long r = r0; r < r1; ++r) {
      T* p = grad == nullptr ? own.data() : grad + r * n;
      const T* zr = z + r * n;
      if (target[r] == c.ignoreIndex) {
        loss[r] = 0.0;
        zero_row(p, n);
        continue;
      }
      const double a = alpha_of(alpha, c.alphaCount, c.rows, r);
      map_forward_row(c.map, zr, nullptr, p, n, 1.0, a, ws);
      // <p - e_y, z> without forming e_y: the target's term is (p_y - 1) z_y
      double dot = 0.0;
      for (long long i = 0; i < n; ++i) dot += static_cast<double>(p[i]) * static_cast<double>(zr[i]);
      const long long y = target[r];
      dot -= static_cast<double>(zr[y]);
      // >= 0 in exact arithmetic (Fenchel-Young inequality); rounding can leave -1e-17
      loss[r] = std::max(0.0, tsallis_entropy(p, n, a) + dot);
      p[y] = static_cast<T>(static_cast<double>(p[y]) - 1.0);
    }
  });
  if (ok) return 0;
  for (long long r = 0; r < c.rows; ++r) loss[r] = std::numeric_limits<double>::quiet_NaN();
  if (grad != nullptr) fill_nan(grad, c.rows * n);
  return -1;
}

}  // namespace detail

inline int fenchel_young_f32(const FenchelYoungCall* call, const float* z, const int* target, double* loss, float* grad,
                             const double* alpha) {
  return detail::fenchel_young_entry(*call, z, target, loss, grad, alpha);
}
inline int fenchel_young_f64(const FenchelYoungCall* call, const double* z, const int* target, double* loss,
                             double* grad, const double* alpha) {
  return detail::fenchel_young_entry(*call, z, target, loss, grad, alpha);
}

}  // namespace h4j
