// Run-time dispatch of the hot row loops (docs/benchmarks.md#portable-build). The library is built
// for a portable baseline (x86-64-v2: SSE4.2, no AVX), so one jar runs on any x86_64 CPU since 2009;
// H4J_SIMD_CLONES makes GCC (and clang) compile a function three times - AVX-512F, AVX2 and the
// baseline - and pick one when the library loads, from the CPU's features (an ELF ifunc). Only
// row-level loops carry it: a clone is called through the resolved pointer and never inlined, so
// the per-element helpers they use (exp_lane, scaled_at) must stay plain inline functions.
//
// Neither avx2 nor avx512f implies FMA, and the library is compiled with -ffp-contract=off anyway,
// so every clone rounds exactly as the baseline does: the lane-split reductions keep their order and
// the three copies give the same bits.
//
// Mach-O (macOS) has no ifunc: there, and with -DH4J_NO_SIMD_CLONES, the attribute is empty and the
// baseline (-march / -mcpu of the build) is all there is.
#pragma once

#if defined(__x86_64__) && defined(__ELF__) && !defined(H4J_NO_SIMD_CLONES) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define H4J_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef H4J_SIMD_CLONES
#define H4J_SIMD_CLONES
#endif
