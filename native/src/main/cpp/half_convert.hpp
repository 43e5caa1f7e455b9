// Definitions of hopfield4j_half.h: float32 <-> float16 / bfloat16 element conversions.
//   float16   1 sign, 5 exponent (bias 15), 10 fraction bits; largest finite 65504, smallest normal
//             2^-14, smallest subnormal 2^-24.
//   bfloat16  the upper 16 bits of a float32: same exponent range, 7 fraction bits.
#pragma once
#include <cstdint>
#include <cstring>

#include "simd_dispatch.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(H4J_NO_F16C)
#include <immintrin.h>
#endif

namespace h4j {
namespace detail {
namespace half {

inline std::uint32_t bits_of(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

inline float float_of(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// Magnitudes (float32 bits without the sign) from which a value does not fit: they round to infinity
// (float16: 65520 = 65504 + half an ulp, a tie that rounds to the even infinity; bfloat16: the same
// for 0x7f7f ffff's upper half), or are infinite or NaN.
constexpr std::uint32_t kFloat16Overflow = 0x477FF000u;   // 65520.0f
constexpr std::uint32_t kBfloat16Overflow = 0x7F7F8000u;  // 0x1.fffp+127

inline bool fits(std::uint32_t magnitude, int format) {
  return magnitude < (format == HALF_FLOAT16 ? kFloat16Overflow : kBfloat16Overflow);
}

// float16 bits of a float32 that fits, rounded to nearest even. Normal results: rebias the exponent and
// round the 13 dropped fraction bits. Results below 2^-14 (subnormal or zero): adding 0.5 as a float
// aligns the value's bits so that the float32 adder's own round-to-nearest-even leaves the float16
// subnormal fraction in the low bits (the classic "magic number" conversion).
inline std::uint16_t to_float16(float f) {
  const std::uint32_t u = bits_of(f);
  const std::uint32_t sign = (u >> 16) & 0x8000u;
  const std::uint32_t a = u & 0x7FFFFFFFu;
  const std::uint32_t odd = (a >> 13) & 1u;
  const std::uint32_t normal = ((a - (112u << 23)) + 0xFFFu + odd) >> 13;  // rounds into the exponent on carry
  const std::uint32_t sub = bits_of(float_of(a) + 0.5f) - bits_of(0.5f);
  const std::uint32_t h = a < (113u << 23) ? sub : normal;
  return static_cast<std::uint16_t>(sign | h);
}

// Integer masks only (no branches, no int-to-float conversion), so the loop over it vectorises: normal values are
// rebiased; inf / NaN get float32's all-ones exponent; subnormals m * 2^-24 are 2^-14 (1 + m / 1024)
// minus 2^-14, both exact.
inline float from_float16(std::uint16_t h) {
  const std::uint32_t x = h;
  const std::uint32_t em = x & 0x7FFFu, shifted = em << 13;
  const std::uint32_t normal = shifted + (112u << 23);
  const std::uint32_t infnan = shifted | 0x7F800000u;
  const std::uint32_t sub = bits_of(float_of(shifted + (113u << 23)) - float_of(113u << 23));
  const std::uint32_t is_normal = 0u - static_cast<std::uint32_t>(em >= 0x0400u);  // all ones or zero
  const std::uint32_t is_special = 0u - static_cast<std::uint32_t>(em >= 0x7C00u);
  const std::uint32_t bits = (sub & ~is_normal) | (normal & is_normal & ~is_special) | (infnan & is_special);
  return float_of(bits | ((x & 0x8000u) << 16));
}

// bfloat16 bits of a float32 that fits, rounded to nearest even (a carry moves into the exponent).
inline std::uint16_t to_bfloat16(float f) {
  const std::uint32_t u = bits_of(f);
  return static_cast<std::uint16_t>((u + 0x7FFFu + ((u >> 16) & 1u)) >> 16);
}

inline float from_bfloat16(std::uint16_t h) { return float_of(static_cast<std::uint32_t>(h) << 16); }

H4J_SIMD_CLONES inline void widen_float16_portable(const std::uint16_t* in, float* out, long long n) {
  for (long long i = 0; i < n; ++i) out[i] = from_float16(in[i]);
}

// x86's F16C instruction (every AVX2 CPU has it) converts 8 values per instruction, exactly: measured
// several times faster than the portable loop's clones, which the retrieval of a float16 store feels
// on the blocked path (a block widened per pass). Picked at run time; other CPUs take the portable loop.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(H4J_NO_F16C)
__attribute__((target("avx,f16c"))) inline void widen_float16_f16c(const std::uint16_t* in, float* out, long long n) {
  const long long whole = n - n % 8;
  for (long long i = 0; i < whole; i += 8)
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i))));
  for (long long i = whole; i < n; ++i) out[i] = from_float16(in[i]);
}

inline bool f16c_available() {
  static const bool ok = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
  return ok;
}

inline void widen_float16(const std::uint16_t* in, float* out, long long n) {
  if (f16c_available()) widen_float16_f16c(in, out, n);
  else widen_float16_portable(in, out, n);
}
#else
inline void widen_float16(const std::uint16_t* in, float* out, long long n) { widen_float16_portable(in, out, n); }
#endif

H4J_SIMD_CLONES inline void widen_bfloat16(const std::uint16_t* in, float* out, long long n) {
  for (long long i = 0; i < n; ++i) out[i] = from_bfloat16(in[i]);
}

// The values [0, n) widened to float32 (the retrieval engine's per-tile conversion).
inline void widen(const std::uint16_t* in, float* out, long long n, int format) {
  if (format == HALF_FLOAT16) widen_float16(in, out, n);
  else widen_bfloat16(in, out, n);
}

}  // namespace half
}  // namespace detail

inline long long round_to_half(const float* in, unsigned short* out, long long n, int format) {
  using namespace detail::half;
  for (long long i = 0; i < n; ++i) {
    if (!fits(bits_of(in[i]) & 0x7FFFFFFFu, format)) return i;
    out[i] = format == HALF_FLOAT16 ? to_float16(in[i]) : to_bfloat16(in[i]);
  }
  return -1;
}

inline void widen_half(const unsigned short* in, float* out, long long n, int format) {
  detail::half::widen(in, out, n, format);
}

}  // namespace h4j
