// Shared row plumbing for the separation-map kernels: per-thread scratch, the masked scaled view
// of a row that every forward map starts from, and the pivot generator of the selection kernels.
#pragma once
#include <cmath>
#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>
#include "simd_dispatch.hpp"

namespace h4j {
namespace detail {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Scratch owned by one thread, grown on demand and reused across rows and calls: the hot loops
// never allocate, and concurrent calls from many Java threads share nothing mutable. Slots are
// independent buffers so one kernel can hold several at once. The row kernels take it by reference
// and the batch loops look it up once per block of rows, not once per row: a thread_local with a
// destructor costs a TLS wrapper call (and __tls_get_addr in a shared library) on every access.
class RowScratch {
 public:
  static constexpr int kSlots = 4;

  double* get(int slot, std::size_t n) { return grow(d_[slot], dcap_[slot], n); }
  float* get_float(std::size_t n) { return grow(f_, fcap_, n); }

 private:
  template <typename U>
  static U* grow(std::unique_ptr<U[]>& b, std::size_t& cap, std::size_t n) {
    if (cap < n) {
      b.reset();  // release first: peak memory is one buffer, not two
      b.reset(new U[n]);
      cap = n;
    }
    return b.get();
  }
  std::unique_ptr<double[]> d_[kSlots];
  std::size_t dcap_[kSlots] = {};
  std::unique_ptr<float[]> f_;
  std::size_t fcap_ = 0;
};

inline RowScratch& thread_scratch() {
  thread_local RowScratch s;
  return s;
}

// Kept for callers outside the forward maps (backward.hpp).
inline double* scratch(int slot, std::size_t n) { return thread_scratch().get(slot, n); }

// s_i = fl(factor * z_i) in double, or -inf for a masked entry or a -inf score. Doing it in double
// keeps a float score times a large beta representable; masked entries and -inf scores both become
// -inf, so every algorithm only has to handle one kind of "absent" entry. The kernels never copy
// the row: every pass recomputes s_i from z, which is cheaper than a store and a reload, and gives
// the same bits every time.
template <typename T>
inline double scaled_at(const T* z, const unsigned char* mask, long long i, double factor) {
  const double zi = static_cast<double>(z[i]);
  const bool live = (mask == nullptr || mask[i] != 0) && zi != kNegInf;
  const double s = factor * zi;
  // The select is done on the bits. Besides vectorising, that keeps s a rounded double: GCC
  // contracts across statements by default (-ffp-contract=fast, also with -std=c++17), and would
  // otherwise fuse factor * zi into the caller's "- m" as one FMA, so that s_max - m is not 0.
  std::uint64_t sb, nb;
  std::memcpy(&sb, &s, sizeof sb);
  std::memcpy(&nb, &kNegInf, sizeof nb);
  const std::uint64_t keep = 0 - static_cast<std::uint64_t>(live);
  const std::uint64_t rb = (sb & keep) | (nb & ~keep);
  double r;
  std::memcpy(&r, &rb, sizeof r);
  return r;
}

// max_i s_i (-inf when the whole row is masked) in one pass over z. Rounding is monotone, so for
// factor >= 0 the largest s is fl(factor * largest live z) (and for factor < 0, of the smallest):
// the reduction runs in T, in eight independent lanes so it vectorises, with no copy of the row.
template <typename T>
H4J_SIMD_CLONES inline double scaled_max(const T* z, const unsigned char* mask, long long n, double factor) {
  constexpr T kInfT = std::numeric_limits<T>::infinity();
  constexpr int kLanes = 8;
  const bool down = !(factor >= 0.0);  // the largest s comes from the smallest z
  T acc[kLanes];
  for (int j = 0; j < kLanes; ++j) acc[j] = -kInfT;
  long long i = 0;
  // Track max(+-z) over live entries; a -inf score is masked (it is -inf on the "up" side anyway).
  auto value = [&](long long k) {
    const T zk = z[k];
    const bool live = (mask == nullptr || mask[k] != 0) && zk != -kInfT;
    return live ? (down ? -zk : zk) : -kInfT;
  };
  for (; i + kLanes <= n; i += kLanes) {
    for (int j = 0; j < kLanes; ++j) {
      const T v = value(i + j);
      acc[j] = v > acc[j] ? v : acc[j];
    }
  }
  for (int j = 0; j < kLanes; ++j) {
    if (i + j < n) {
      const T v = value(i + j);
      acc[j] = v > acc[j] ? v : acc[j];
    }
  }
  T best = acc[0];
  for (int j = 1; j < kLanes; ++j) best = acc[j] > best ? acc[j] : best;
  if (best == -kInfT) return kNegInf;
  return factor * static_cast<double>(down ? -best : best);
}

// Writes c_k = s_i - m for every entry with s_i - m > cut, in index order, and returns how many.
// c must hold n values. Branch-free: every value is written, the index advances only for keepers.
template <typename T>
H4J_SIMD_CLONES inline long long collect_above(const T* z, const unsigned char* mask, long long n, double factor, double m,
                               double cut, double* c) {
  long long k = 0;
  for (long long i = 0; i < n; ++i) {
    const double u = scaled_at(z, mask, i, factor) - m;
    c[k] = u;
    k += u > cut;
  }
  return k;
}

// 1 if x (known to be +0 or positive) is non-zero. An integer test on the bits: unlike a float
// compare next to a float select, GCC vectorises it.
inline int nonzero_bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b != 0;
}
inline int nonzero_bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b != 0;
}

// keep ? x : +0, by masking the bits: GCC turns the plain conditional into a branch, which
// mispredicts half the time on the selection's data.
inline double keep_if(bool keep, double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  b &= 0 - static_cast<std::uint64_t>(keep);
  double r;
  std::memcpy(&r, &b, sizeof r);
  return r;
}

// max(t, +0) for t not NaN, from the sign bit alone (-0 and -inf give +0): no compare, no select.
inline double clamp_nonneg(double t) {
  std::int64_t b;
  std::memcpy(&b, &t, sizeof b);
  b &= ~(b >> 63);
  double r;
  std::memcpy(&r, &b, sizeof r);
  return r;
}

// p_i = q_i / sum rounded to T, for unnormalised weights q >= 0 with sum > 0; returns the number of
// p_i > 0 (the support, counted after rounding). Renormalising removes the last rounding of a root
// finder's threshold from the sum; it moves p by ~1 ulp.
template <typename T>
H4J_SIMD_CLONES inline int write_normalized(const double* q, double sum, T* p, long long n) {
  int support = 0;
  for (long long i = 0; i < n; ++i) {
    const T pi = static_cast<T>(q[i] / sum);
    p[i] = pi;
    support += pi > T(0);
  }
  return support;
}

template <typename T>
inline int zero_row(T* p, long long n) {
  for (long long i = 0; i < n; ++i) p[i] = T(0);
  return 0;
}

// Pivot generator of the selection kernels (xorshift64*), seeded per row from its size: the pivot
// only has to be unpredictable to the data, not to an adversary, and a per-row seed makes the
// pivot sequence (and with it every rounding in the selection) a function of the row alone.
class PivotRandom {
 public:
  explicit PivotRandom(long long n)
      : state_(0x9E3779B97F4A7C15ULL ^ (static_cast<std::uint64_t>(n) * 0xD1B54A32D192ED03ULL)) {
    if (state_ == 0) state_ = 1;
  }
  // Uniform index in [0, len), len >= 1, by multiply-shift instead of a division.
  long long index(long long len) {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    const std::uint64_t r = state_ * 0x2545F4914F6CDD1DULL;
#ifdef __SIZEOF_INT128__
    return static_cast<long long>((static_cast<unsigned __int128>(r) * static_cast<std::uint64_t>(len)) >> 64);
#else
    return static_cast<long long>(r % static_cast<std::uint64_t>(len));
#endif
  }

 private:
  std::uint64_t state_;
};

// One round of the selection kernels: splits src[0, len) around the pivot v into the values > v
// (written to gt, which may be src itself: the write index never passes the read index) and the
// values < v (written to lt, which must not overlap src); values equal to v are only counted.
// Returns the counts and the sum (and, if asked, the sum of squares) of the values > v. The sums
// run in four lanes to break the add latency chain; the order is fixed, so the bits are too.
struct Split {
  long long greater, less;
  double sum, sum_sq;
};
template <bool kSquares>
inline Split split_around(const double* src, long long len, double v, double* gt, double* lt) {
  long long g = 0, l = 0;
  double s[4] = {0.0, 0.0, 0.0, 0.0}, s2[4] = {0.0, 0.0, 0.0, 0.0};
  long long j = 0;
  auto step = [&](int lane, double x) {
    const bool above = x > v, below = x < v;
    gt[g] = x;
    g += above;
    lt[l] = x;
    l += below;
    const double xa = keep_if(above, x);
    s[lane] += xa;
    if (kSquares) s2[lane] += xa * xa;
  };
  for (; j + 4 <= len; j += 4) {
    const double x0 = src[j], x1 = src[j + 1], x2 = src[j + 2], x3 = src[j + 3];
    step(0, x0);
    step(1, x1);
    step(2, x2);
    step(3, x3);
  }
  for (; j < len; ++j) step(0, src[j]);
  return {g, l, (s[0] + s[2]) + (s[1] + s[3]), (s2[0] + s2[2]) + (s2[1] + s2[3])};
}

// The randomized-pivot selection shared by sparsemax and 1.5-entmax. Map supplies
//   kSquares                        whether the test needs the sum of squares,
//   passes(k, s1, s2, v)            whether v is in the support, given the count, sum and sum of
//                                   squares of {x >= v} (k may be fractional for an estimate).
// The support is an upper set {x >= smallest accepted} of the candidates c[0, len) (which is left
// untouched); a and b are scratch of len values each. Each round takes a pivot v from the
// undecided set, splits it into > v | == v (only counted) | < v, and either accepts everything
// >= v (keeping count, sum and sum of squares) and continues below v, or rejects v with its ties
// and continues above. Ties pass or fail together, so all-equal rows take one round.
//
// Pivots: on a long undecided set, a random sample of kSample values estimates where the support
// ends (the sample stands in for the set with weight len / kSample) and the pivot is taken a few
// sample positions past that estimate, on the side that cuts away the larger part; the next round
// then comes from the other side, so two rounds usually leave a few percent of the set (Floyd &
// Rivest's idea). On short sets the pivot is uniformly random: expected O(len) either way, and the
// result does not depend on the pivots (the caller re-sums the support in index order).
template <class Map>
inline double select_support(const double* c, long long len, double* a, double* b, PivotRandom& random) {
  constexpr int kSample = 64;
  constexpr int kSlack = 4;  // ~ one standard deviation of the boundary's rank in the sample
  constexpr long long kSampleMin = 1024;
  double acc_k = 0.0, acc_s1 = 0.0, acc_s2 = 0.0;
  double smallest_accepted = 0.0;
  const double* src = c;
  double* cur = a;  // where the values above the pivot go (== src after the first round)
  double* other = b;
  long long acc_count = 0;
  while (len > 0) {
    double v;
    if (len >= kSampleMin) {
      double y[kSample];
      for (int i = 0; i < kSample; ++i) y[i] = src[random.index(len)];
      std::sort(y, y + kSample, [](double p, double q) { return p > q; });
      const double w = static_cast<double>(len) / kSample;
      double s1 = acc_s1, s2 = acc_s2;
      int pass = 0;
      for (int i = 0; i < kSample; ++i) {
        s1 += w * y[i];
        s2 += w * (y[i] * y[i]);
        pass += Map::passes(acc_k + w * (i + 1), s1, s2, y[i]);
      }
      v = 2 * pass <= kSample ? y[std::min(pass + kSlack, kSample - 1)] : y[std::max(pass - 1 - kSlack, 0)];
    } else {
      v = src[random.index(len)];
    }
    const Split s = split_around<Map::kSquares>(src, len, v, cur, other);
    const long long ties = len - s.greater - s.less;
    const double tv = static_cast<double>(ties);
    const long long count = acc_count + s.greater + ties;
    const double s1 = acc_s1 + s.sum + tv * v;
    const double s2 = Map::kSquares ? acc_s2 + s.sum_sq + tv * (v * v) : 0.0;
    if (Map::passes(static_cast<double>(count), s1, s2, v)) {
      acc_count = count;
      acc_k = static_cast<double>(count);
      acc_s1 = s1;
      acc_s2 = s2;
      smallest_accepted = v;
      std::swap(cur, other);
      len = s.less;
    } else {
      len = s.greater;
    }
    src = cur;
  }
  return smallest_accepted;
}

}  // namespace detail
}  // namespace h4j
