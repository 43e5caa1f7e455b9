// hopfield4j half-precision storage: memory stores held as IEEE float16 or bfloat16 (half the memory and
// bandwidth of float32), retrieved in float32 (docs/formats.md#half-stores). Bound to Java by
// org.hopfield4j.nativelib.HopfieldNative; Java checks every value fits the format before rounding.
//
// Rounding float32 -> half is to nearest, ties to even, with gradual underflow (float16 subnormals;
// values below half the smallest subnormal become a signed zero). A value that does not fit the format
// (not finite, or rounding to infinity: |x| >= 65520 for float16, >= 0x1.fffp+127 for bfloat16) is
// not converted: round_to_half stops before it and returns its index. Widening half -> float32 is exact.
// The element loops are portable bit arithmetic, written without branches so that each H4J_SIMD_CLONES
// copy vectorises; float16 widening takes x86's F16C instruction where the CPU has it (half_convert.hpp).
#pragma once

namespace h4j {

// The element format of a half store (RetrievalCall.storage; org.hopfield4j.StoragePrecision).
enum HalfFormat : int { HALF_FLOAT16 = 1, HALF_BFLOAT16 = 2 };

// Rounds in[0, n) into out; returns -1, or the index of the first value that does not fit (out is then
// written up to that index only). format: a HalfFormat.
long long round_to_half(const float* in, unsigned short* out, long long n, int format);

// out[i] = the float32 value of in[i] (exact) for i in [0, n).
void widen_half(const unsigned short* in, float* out, long long n, int format);

}  // namespace h4j

#include "half_convert.hpp"
