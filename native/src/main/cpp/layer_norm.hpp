// LayerNorm of the float32 layers (hopfield4j_nn.h, docs/math.md#layer-norm): forward and backward
// on float32 rows with float64 parameters and float64 statistics. Each row is summed in double, so a
// 512-wide row of large values keeps its mean and variance to double precision before the result is
// rounded once to float32; the Java LayerNorm (float64) is the reference.
#pragma once
#include <cmath>

#include "hopfield4j_nn.h"

namespace h4j {

// y = gain (x - mean) / sqrt(var + eps) + bias per row; stats = mean | 1 / sqrt(var + eps) per row.
inline void layer_norm_forward_f32(const LayerNormCall* call, const float* x, const double* gain,
                                   const double* bias, float* y, double* stats) {
  const long long w = call->width;
  for (long long r = 0; r < call->rows; ++r) {
    const float* xr = x + r * w;
    float* yr = y + r * w;
    double sum = 0;
    for (long long j = 0; j < w; ++j) sum += xr[j];
    const double mean = sum / static_cast<double>(w);
    double squares = 0;
    for (long long j = 0; j < w; ++j) {
      const double c = xr[j] - mean;
      squares += c * c;
    }
    const double inv = 1.0 / std::sqrt(squares / static_cast<double>(w) + call->eps);
    for (long long j = 0; j < w; ++j) yr[j] = static_cast<float>(gain[j] * ((xr[j] - mean) * inv) + bias[j]);
    stats[2 * r] = mean;
    stats[2 * r + 1] = inv;
  }
}

// Given the forward's x and stats and dy: dx = (dx^ - mean(dx^) - x^ mean(dx^ o x^)) / sigma with
// dx^ = dy o gain (written, or added to dx when call->accumulate), dGain += sum_rows dy o x^,
// dBias += sum_rows dy.
inline void layer_norm_backward_f32(const LayerNormCall* call, const float* x, const float* dy, const double* gain,
                                    const double* stats, float* dx, double* dGain, double* dBias) {
  const long long w = call->width;
  for (long long r = 0; r < call->rows; ++r) {
    const float* xr = x + r * w;
    const float* dyr = dy + r * w;
    float* dxr = dx + r * w;
    const double mean = stats[2 * r], inv = stats[2 * r + 1];
    double sumD = 0, sumDX = 0;
    for (long long j = 0; j < w; ++j) {
      const double xhat = (xr[j] - mean) * inv, g = dyr[j];
      dGain[j] += g * xhat;
      dBias[j] += g;
      sumD += g * gain[j];
      sumDX += g * gain[j] * xhat;
    }
    const double meanD = sumD / static_cast<double>(w), meanDX = sumDX / static_cast<double>(w);
    for (long long j = 0; j < w; ++j) {
      const double xhat = (xr[j] - mean) * inv;
      const float v = static_cast<float>((dyr[j] * gain[j] - meanD - xhat * meanDX) * inv);
      dxr[j] = call->accumulate ? dxr[j] + v : v;
    }
  }
}

}  // namespace h4j
