// LayerNorm of the float32 layers (hopfield4j_nn.h, docs/math.md#layer-norm): forward and backward
// on float32 rows with float64 parameters and float64 statistics. Each row is summed in double, so a
// 512-wide row of large values keeps its mean and variance to double precision before the result is
// rounded once to float32; the Java LayerNorm (float64) is the reference. The sums run in kNormLanes
// partial sums: one running sum is a chain of dependent additions (4 cycles each), and the lanes
// also let the SIMD clones vectorise the row.
#pragma once
#include <cmath>

#include "hopfield4j_nn.h"
#include "simd_dispatch.hpp"

namespace h4j {
namespace detail {

constexpr int kNormLanes = 8;

// {mean, 1 / sqrt(var + eps)} of one row.
H4J_SIMD_CLONES inline void norm_row_stats(const float* __restrict x, long long w, double eps, double* out) {
  double acc[kNormLanes] = {};
  long long j = 0;
  for (; j + kNormLanes <= w; j += kNormLanes)
    for (int l = 0; l < kNormLanes; ++l) acc[l] += x[j + l];
  double sum = 0;
  for (int l = 0; l < kNormLanes; ++l) sum += acc[l];
  for (; j < w; ++j) sum += x[j];
  const double mean = sum / static_cast<double>(w);
  double sq[kNormLanes] = {};
  for (j = 0; j + kNormLanes <= w; j += kNormLanes)
    for (int l = 0; l < kNormLanes; ++l) {
      const double c = x[j + l] - mean;
      sq[l] += c * c;
    }
  double squares = 0;
  for (int l = 0; l < kNormLanes; ++l) squares += sq[l];
  for (; j < w; ++j) squares += (x[j] - mean) * (x[j] - mean);
  out[0] = mean;
  out[1] = 1.0 / std::sqrt(squares / static_cast<double>(w) + eps);
}

H4J_SIMD_CLONES inline void norm_row_apply(const float* __restrict x, long long w, const double* stats,
                                           const double* __restrict gain, const double* __restrict bias,
                                           float* __restrict y) {
  const double mean = stats[0], inv = stats[1];
  for (long long j = 0; j < w; ++j) y[j] = static_cast<float>(gain[j] * ((x[j] - mean) * inv) + bias[j]);
}

// dGain += dy o x^, dBias += dy (one elementwise pass); returns {sum dy o gain, sum dy o gain o x^} in
// out (a second pass in lanes: mixing the reduction into the first pass kept GCC from vectorising either).
H4J_SIMD_CLONES inline void norm_row_sums(const float* __restrict x, const float* __restrict dy, long long w,
                                          const double* stats, const double* __restrict gain,
                                          double* __restrict dGain, double* __restrict dBias, double* out) {
  const double mean = stats[0], inv = stats[1];
  for (long long j = 0; j < w; ++j) {
    const double g = dy[j];
    dGain[j] += g * ((x[j] - mean) * inv);
    dBias[j] += g;
  }
  double d[kNormLanes] = {}, dx[kNormLanes] = {};
  long long j = 0;
  for (; j + kNormLanes <= w; j += kNormLanes)
    for (int l = 0; l < kNormLanes; ++l) {
      const double gg = dy[j + l] * gain[j + l];
      d[l] += gg;
      dx[l] += gg * ((x[j + l] - mean) * inv);
    }
  double sumD = 0, sumDX = 0;
  for (int l = 0; l < kNormLanes; ++l) {
    sumD += d[l];
    sumDX += dx[l];
  }
  for (; j < w; ++j) {
    const double gg = dy[j] * gain[j];
    sumD += gg;
    sumDX += gg * ((x[j] - mean) * inv);
  }
  out[0] = sumD;
  out[1] = sumDX;
}

H4J_SIMD_CLONES inline void norm_row_dx(const float* __restrict x, const float* __restrict dy, long long w,
                                        const double* stats, const double* __restrict gain, double meanD,
                                        double meanDX, float* __restrict dx) {
  const double mean = stats[0], inv = stats[1];
  for (long long j = 0; j < w; ++j) {
    const double xhat = (x[j] - mean) * inv;
    dx[j] = static_cast<float>((dy[j] * gain[j] - meanD - xhat * meanDX) * inv);
  }
}

}  // namespace detail

// y = gain (x - mean) / sqrt(var + eps) + bias per row; stats = mean | 1 / sqrt(var + eps) per row.
inline void layer_norm_forward_f32(const LayerNormCall* call, const float* x, const double* gain,
                                   const double* bias, float* y, double* stats) {
  const long long w = call->width;
  for (long long r = 0; r < call->rows; ++r) {
    detail::norm_row_stats(x + r * w, w, call->eps, stats + 2 * r);
    detail::norm_row_apply(x + r * w, w, stats + 2 * r, gain, bias, y + r * w);
  }
}

// Given the forward's x and stats and dy: dx = (dx^ - mean(dx^) - x^ mean(dx^ o x^)) / sigma with
// dx^ = dy o gain (written), dGain += sum_rows dy o x^,
// dBias += sum_rows dy.
inline void layer_norm_backward_f32(const LayerNormCall* call, const float* x, const float* dy, const double* gain,
                                    const double* stats, float* dx, double* dGain, double* dBias) {
  const long long w = call->width;
  const double width = static_cast<double>(w);
  for (long long r = 0; r < call->rows; ++r) {
    double sums[2];
    detail::norm_row_sums(x + r * w, dy + r * w, w, stats + 2 * r, gain, dGain, dBias, sums);
    detail::norm_row_dx(x + r * w, dy + r * w, w, stats + 2 * r, gain, sums[0] / width, sums[1] / width,
                        dx + r * w);
  }
}

}  // namespace h4j
