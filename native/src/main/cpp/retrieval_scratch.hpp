// Large working buffers of the retrieval engine (the score block, the query states), owned by the
// calling thread and reused across calls. First touches of fresh memory are page faults, and on a
// virtual machine each costs tens of microseconds: a 40 MB score block allocated per call took longer
// to fault in than the GEMM that fills it. So the buffers are
//   - uninitialised (every user writes before it reads),
//   - kept by the thread for its next call, up to kRetainBytes per slot (larger ones are released when
//     the call ends, so an occasional huge unblocked call does not pin its memory),
//   - 2 MB aligned and advised as transparent huge pages on Linux (512x fewer faults).
// Nothing is shared between threads, so concurrent calls from many Java threads are safe.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace h4j {
namespace detail {
namespace ret {

constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::size_t kRetainBytes = std::size_t(32) << 20;
constexpr int kScratchSlots = 4;  // the score block, the query states, the fused path's tiles, widened half rows

struct BigBuffer {
  void* p = nullptr;
  std::size_t bytes = 0;
  void release() noexcept {
    std::free(p);
    p = nullptr;
    bytes = 0;
  }
  ~BigBuffer() { release(); }
};

inline BigBuffer& big_slot(int slot) {
  thread_local BigBuffer slots[kScratchSlots];
  return slots[slot];
}

// At least `bytes` of uninitialised, 64-byte (2 MB when large) aligned memory; throws std::bad_alloc.
inline void* big_scratch(int slot, std::size_t bytes) {
  BigBuffer& b = big_slot(slot);
  if (b.bytes >= bytes && b.p != nullptr) return b.p;
  b.release();
  const bool huge = bytes >= kHugePage;
  const std::size_t align = huge ? kHugePage : 64;
  const std::size_t size = (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, size == 0 ? align : size);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (huge) madvise(p, size, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
  b.p = p;
  b.bytes = size;
  return p;
}

// Scope of one retrieval call: releases the slots that grew beyond kRetainBytes.
struct ScratchScope {
  ~ScratchScope() {
    for (int s = 0; s < kScratchSlots; ++s)
      if (big_slot(s).bytes > kRetainBytes) big_slot(s).release();
  }
};

}  // namespace ret
}  // namespace detail
}  // namespace h4j
