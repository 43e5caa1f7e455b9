// Softmax of scale*z with masking; the alpha = 1 member of the entmax family.
// The exponentials use vectorisable Cody-Waite range reduction + polynomial kernels (std::exp is a
// library call per element and blocks vectorisation): in float for the f32 kernel (~1 ulp, far
// inside float output rounding once normalised), in double for the f64 kernel (~1-2 ulp).
// The normalising sum is always accumulated in double.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

#include "exp_f32.hpp"
#include "row_common.hpp"
#include "simd_dispatch.hpp"

namespace h4j {
namespace detail {

template <typename To, typename From>
inline To bit_cast_value(const From& v) {
  static_assert(sizeof(To) == sizeof(From), "size mismatch");
  To out;
  std::memcpy(&out, &v, sizeof(To));
  return out;
}

// e^x for x <= 0 (x = -inf gives 0), relative error ~1 ulp of float. Round-to-nearest k by the
// 1.5 * 2^23 shifter (its low mantissa bits then hold k), r = x - k ln2 in two pieces (Cody-Waite;
// k * ln2_hi is exact), Cephes' expf polynomial on |r| <= ln2/2, then 2^k applied as two normal
// powers of two so results down to the subnormal range round once, like a library exp.
inline float exp_nonpos_f32(float x) {
  const bool zero = !(x >= -104.0f);  // e^-104 < half the smallest subnormal; also -inf
  const float xc = zero ? 0.0f : x;
  const float t = xc * 1.44269504088896341f + kExpShifterF32;
  const float kf = t - kExpShifterF32;
  const std::int32_t k = bit_cast_value<std::int32_t>(t) - 0x4B400000;
  const float y = exp_reduced_f32(xc, kf);
  const std::int32_t k1 = k / 2, k2 = k - k1;  // each in [-76, 0]
  const float p1 = bit_cast_value<float>(static_cast<std::int32_t>((k1 + 127) << 23));
  const float p2 = bit_cast_value<float>(static_cast<std::int32_t>((k2 + 127) << 23));
  const float e = (y * p1) * p2;
  return zero ? 0.0f : e;
}

// e^x for x <= 0 (x = -inf gives 0) in double, ~1-2 ulp: the same scheme with fdlibm's ln2
// split and the degree-13 Taylor polynomial (truncation < 5e-18 relative on |r| <= ln2/2).
inline double exp_nonpos_f64(double x) {
  const bool zero = !(x >= -746.0);  // e^-746 < half the smallest subnormal; also -inf
  const double xc = zero ? 0.0 : x;
  const double kShifter = 6755399441055744.0;  // 0x1.8p52
  const double t = xc * 1.4426950408889634074 + kShifter;
  const double kf = t - kShifter;
  const std::int64_t k = bit_cast_value<std::int64_t>(t) - 0x4338000000000000LL;
  double r = xc - kf * 6.93147180369123816490e-01;
  r = r - kf * 1.90821492927058770002e-10;
  double q = 1.0 / 6227020800.0;
  q = q * r + 1.0 / 479001600.0;
  q = q * r + 1.0 / 39916800.0;
  q = q * r + 1.0 / 3628800.0;
  q = q * r + 1.0 / 362880.0;
  q = q * r + 1.0 / 40320.0;
  q = q * r + 1.0 / 5040.0;
  q = q * r + 1.0 / 720.0;
  q = q * r + 1.0 / 120.0;
  q = q * r + 1.0 / 24.0;
  q = q * r + 1.0 / 6.0;
  q = q * r + 0.5;
  const double y = q * (r * r) + r + 1.0;
  // k in [-1077, 0]; halves are in [-539, 0], each a normal power of two.
  const std::int64_t k1 = k / 2, k2 = k - k1;
  const double p1 = bit_cast_value<double>(static_cast<std::int64_t>(static_cast<std::uint64_t>(k1 + 1023) << 52));
  const double p2 = bit_cast_value<double>(static_cast<std::int64_t>(static_cast<std::uint64_t>(k2 + 1023) << 52));
  const double e = (y * p1) * p2;
  return zero ? 0.0 : e;
}

inline float exp_nonpos(float x) { return exp_nonpos_f32(x); }
inline double exp_nonpos(double x) { return exp_nonpos_f64(x); }

// e_i = exp(s_i - m) in T (float: the difference is formed in double, then rounded), written to
// e[0, n); returns the sum of e in double. Blocks of 2048 keep e in L1 between the exp loop and
// the sum; the sum runs in eight fixed lanes (lane = i mod 8) so it vectorises and gives the same
// bits on every run. Kept as two plain loops: GCC vectorises neither half when they are fused.
template <typename T, bool kMasked>
H4J_SIMD_CLONES inline double softmax_exp(const T* z, const unsigned char* mask, long long n, double scale, double m, T* e) {
  constexpr int kLanes = 8;
  constexpr long long kBlock = 2048;
  double acc[kLanes] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  for (long long b = 0; b < n; b += kBlock) {
    const long long end = n - b < kBlock ? n : b + kBlock;
    for (long long i = b; i < end; ++i) {
      e[i] = exp_nonpos(static_cast<T>(scaled_at(z, kMasked ? mask : nullptr, i, scale) - m));
    }
    long long i = b;
    for (; i + kLanes <= end; i += kLanes) {
      for (int j = 0; j < kLanes; ++j) acc[j] += static_cast<double>(e[i + j]);
    }
    for (int j = 0; j < kLanes; ++j) {
      if (i + j < end) acc[j] += static_cast<double>(e[i + j]);
    }
  }
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

template <typename T>
inline int softmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale, RowScratch& ws) {
  const double m = scaled_max(z, mask, n, scale);
  if (m == kNegInf) return zero_row(p, n);
  // Shifting by the max keeps exp from overflowing and puts the max at exactly 1, so sum >= 1;
  // exp(-inf) = 0 makes masked entries exactly 0. e is a scratch copy so p may alias z.
  T* e;
  if constexpr (sizeof(T) == sizeof(float)) {
    e = ws.get_float(static_cast<std::size_t>(n));
  } else {
    e = ws.get(0, static_cast<std::size_t>(n));
  }
  const double sum = mask == nullptr ? softmax_exp<T, false>(z, mask, n, scale, m, e)
                                     : softmax_exp<T, true>(z, mask, n, scale, m, e);
  const double inv = 1.0 / sum;
  int support = 0;
  for (long long i = 0; i < n; ++i) {
    const T pi = static_cast<T>(static_cast<double>(e[i]) * inv);
    p[i] = pi;
    support += pi > T(0);
  }
  return support;
}

template <typename T>
inline int softmax_row(const T* z, const unsigned char* mask, T* p, long long n, double scale) {
  return softmax_row(z, mask, p, n, scale, thread_scratch());
}

}  // namespace detail
}  // namespace h4j
