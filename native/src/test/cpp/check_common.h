// What the standalone checks (kernels_check, retrieval_check, uhop_check) share: the pass/fail
// counters and expect(), printf-style fmt(), the end-of-run summary and exit code, command-line
// flags, timed sections, and random inputs. Each check is one translation unit that includes this
// header once. Build and run: see README.md in this directory.
#pragma once
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <vector>

using LD = long double;

// ---- bookkeeping ----------------------------------------------------------------------------
// The counters are plain ints: call expect() from the main thread only (worker threads collect
// their results, the main thread reports them after the join).
inline int g_passed = 0, g_failed = 0;
constexpr int kPrintedFailures = 80;  // further failures are counted, not printed

__attribute__((format(printf, 1, 2))) inline std::string fmt(const char* f, ...) {
  va_list ap, ap2;
  va_start(ap, f);
  va_copy(ap2, ap);
  const int len = std::vsnprintf(nullptr, 0, f, ap);
  va_end(ap);
  std::string out(len > 0 ? static_cast<std::size_t>(len) : 0, '\0');
  if (len > 0) std::vsnprintf(&out[0], out.size() + 1, f, ap2);
  va_end(ap2);
  return out;
}

inline bool expect(bool ok, const std::string& what) {
  if (ok) {
    ++g_passed;
  } else {
    ++g_failed;
    if (g_failed <= kPrintedFailures) std::fprintf(stderr, "FAIL: %s\n", what.c_str());
  }
  return ok;
}

// The larger of a and b, a NaN counting as +infinity: a worst error kept with std::max(e, NaN) stays e,
// and a NaN result would pass.
template <typename T>
inline T worst_of(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<T>::infinity();
  return a < b ? b : a;
}

// Prints the summary line the build looks for ("N passed, M failed") and returns the exit code.
inline int finish() {
  if (g_failed > kPrintedFailures) std::fprintf(stderr, "(only the first %d failures were printed)\n", kPrintedFailures);
  std::printf("%d passed, %d failed\n", g_passed, g_failed);
  std::fflush(stdout);
  return g_failed == 0 ? 0 : 1;
}

// Runs one group of checks and prints its wall time (the build log shows where the time goes).
template <typename F>
inline void section(const char* name, F&& run) {
  const int failed_before = g_failed;
  const auto t0 = std::chrono::steady_clock::now();
  run();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[%7.2f s] %s%s\n", secs, name, g_failed > failed_before ? "  <- FAILED" : "");
  std::fflush(stdout);
}

// ---- command line ---------------------------------------------------------------------------
// Flags are "--name" or "--name=value"; anything not in `known` is an error (exit 2), so that a
// mistyped flag in a build script cannot silently run the default checks.
class Flags {
 public:
  Flags(int argc, char** argv, std::initializer_list<const char*> known) : args_(argv + 1, argv + argc) {
    for (const std::string& a : args_) {
      bool ok = false;
      for (const char* k : known) ok = ok || a == k || a.rfind(std::string(k) + "=", 0) == 0;
      if (!ok) {
        std::fprintf(stderr, "%s: unknown argument '%s'; known:", argv[0], a.c_str());
        for (const char* k : known) std::fprintf(stderr, " %s", k);
        std::fprintf(stderr, "\n");
        std::exit(2);
      }
    }
  }
  bool has(const char* name) const {
    for (const std::string& a : args_)
      if (a == name) return true;
    return false;
  }
  // The value of --name=value, or `fallback` when absent.
  const char* value(const char* name, const char* fallback) const {
    const std::string prefix = std::string(name) + "=";
    for (const std::string& a : args_)
      if (a.rfind(prefix, 0) == 0) return a.c_str() + prefix.size();
    return fallback;
  }

 private:
  std::vector<std::string> args_;
};

// ---- random inputs --------------------------------------------------------------------------
using Rng = std::mt19937_64;

inline double gauss(Rng& rng) { return std::normal_distribution<double>(0, 1)(rng); }
inline double unif(Rng& rng, double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }

// rows x cols, row-major, entries scale * N(0, 1).
template <typename T>
inline std::vector<T> random_matrix(Rng& rng, long long rows, long long cols, double scale) {
  std::normal_distribution<double> n01(0.0, 1.0);
  std::vector<T> a(static_cast<std::size_t>(rows * cols));
  for (T& v : a) v = static_cast<T>(scale * n01(rng));
  return a;
}
