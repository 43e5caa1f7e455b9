// The float exponential's core, shared by softmax (exp_nonpos_f32) and the retrieval engine
// (exp_lane): Cody-Waite range reduction with ln2 in two pieces and Cephes' expf polynomial. The
// callers differ only in how they clamp x and apply 2^k, so the constants live here once.
#pragma once

namespace h4j {
namespace detail {

// 1.5 * 2^23: x * log2(e) + kExpShifterF32 rounds to the nearest integer k, kept in the low mantissa bits.
constexpr float kExpShifterF32 = 12582912.0f;

// e^r for r = xc - kf ln2 (kf the integer nearest xc / ln2, so |r| <= ln2/2), to about 1 ulp of float.
inline float exp_reduced_f32(float xc, float kf) {
  float r = xc - kf * 0.693359375f;  // ln2 high part: kf * it is exact
  r = r - kf * -2.12194440e-4f;      // ln2 low part
  float q = 1.9875691500e-4f;
  q = q * r + 1.3981999507e-3f;
  q = q * r + 8.3334519073e-3f;
  q = q * r + 4.1665795894e-2f;
  q = q * r + 1.6666665459e-1f;
  q = q * r + 5.0000001201e-1f;
  return q * (r * r) + r + 1.0f;
}

}  // namespace detail
}  // namespace h4j
