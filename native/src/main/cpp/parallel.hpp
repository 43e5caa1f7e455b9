// Row-parallel loop on plain std::thread (no OpenMP: the library must build with clang on macOS).
#pragma once
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace h4j {
namespace detail {

inline int default_thread_count() {
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

inline std::atomic<int>& kernel_thread_count() {
  static std::atomic<int> count{default_thread_count()};
  return count;
}

// Threads are started per call, so a call must carry enough work to pay for them.
constexpr long long kMinParallelElements = 1LL << 15;
constexpr long long kMinElementsPerThread = 1LL << 14;

// Runs body(r0, r1) over contiguous blocks of [0, rows). Returns false if any block threw (only
// std::bad_alloc from scratch growth can): these functions are called from JNI, so nothing may
// escape, and a worker thread that threw would otherwise terminate the JVM.
template <typename Body>
inline bool parallel_rows(long long rows, long long n, const Body& body) noexcept {
  std::atomic<bool> ok{true};
  auto run = [&](long long r0, long long r1) noexcept {
    try {
      body(r0, r1);
    } catch (...) {
      ok.store(false, std::memory_order_relaxed);
    }
  };
  if (rows <= 0) return true;
  const long long total = rows * n;
  long long threads = kernel_thread_count().load(std::memory_order_relaxed);
  threads = std::min({threads, rows, total / kMinElementsPerThread});
  if (total <= kMinParallelElements || rows < 2 || threads <= 1) {
    run(0, rows);
    return ok.load();
  }
  const long long block = (rows + threads - 1) / threads;
  auto begin = [&](long long b) { return std::min(rows, b * block); };
  std::vector<std::thread> workers;
  long long spawned = 1;  // blocks [1, spawned) run on workers; block 0 runs here
  try {
    workers.reserve(static_cast<std::size_t>(threads - 1));
    for (long long b = 1; b < threads; ++b) {
      workers.emplace_back(run, begin(b), begin(b + 1));
      spawned = b + 1;
    }
  } catch (...) {
    // Could not start a thread (resource limits): the remaining blocks run on this thread.
  }
  run(0, begin(1));
  for (long long b = spawned; b < threads; ++b) run(begin(b), begin(b + 1));
  for (std::thread& w : workers) w.join();
  return ok.load();
}

}  // namespace detail
}  // namespace h4j
