// Standalone check of the half-precision stores (hopfield4j_half.h): the conversion kernels against an
// independent reference that knows nothing of bit tricks (every float16 / bfloat16 value decoded with
// ldexp in long double; rounding as "the nearest of the sorted finite values, ties to the even
// encoding, beyond the largest value plus half its ulp: does not fit"), and the retrieval engine over a
// half store against the same engine over a float32 store of the widened values (every map and
// similarity, the blocked, fused and register paths, 1 and 3 steps, M = 1, d = 1, ragged tiles, ties):
// the two must agree bit for bit, since the engine computes on the same float32 values either way.
// Exits non-zero on any failure; the Maven build runs it under ASan/UBSan (README.md).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "check_common.h"
#include "hopfield4j.h"
#include "hopfield4j_half.h"
#include "hopfield4j_retrieval.h"

namespace {

constexpr int kFormats[] = {h4j::HALF_FLOAT16, h4j::HALF_BFLOAT16};
const char* format_name(int f) { return f == h4j::HALF_FLOAT16 ? "float16" : "bfloat16"; }

// ---- reference --------------------------------------------------------------------------------
struct Layout {
  int fraction_bits, bias;
};
Layout layout(int format) { return format == h4j::HALF_FLOAT16 ? Layout{10, 15} : Layout{7, 127}; }

// The value of encoding h (NaN for NaN encodings), from the definition of the format.
LD decode(int format, unsigned h) {
  const Layout L = layout(format);
  const unsigned exp_bits = 15 - L.fraction_bits, emax = (1u << exp_bits) - 1;
  const unsigned e = (h >> L.fraction_bits) & emax, m = h & ((1u << L.fraction_bits) - 1);
  const LD sign = (h & 0x8000u) ? -1.0L : 1.0L;
  if (e == emax) return m == 0 ? sign * std::numeric_limits<LD>::infinity() : std::numeric_limits<LD>::quiet_NaN();
  const LD frac = static_cast<LD>(m) / static_cast<LD>(1u << L.fraction_bits);
  if (e == 0) return sign * std::ldexp(frac, 1 - L.bias);
  return sign * std::ldexp(1.0L + frac, static_cast<int>(e) - L.bias);
}

// The non-negative finite encodings in increasing order of value (0x0000 .. largest finite).
std::vector<unsigned> finite_positive(int format) {
  std::vector<unsigned> v;
  for (unsigned h = 0; h < 0x8000u; ++h)
    if (std::isfinite(decode(format, h))) v.push_back(h);
  return v;
}

// The encoding x rounds to (nearest, ties to the even encoding), or -1 if it does not fit.
long reference_round(int format, const std::vector<unsigned>& pos, float x) {
  if (!std::isfinite(x)) return -1;
  const LD a = std::fabs(static_cast<LD>(x));
  const unsigned sign = std::signbit(x) ? 0x8000u : 0u;
  const LD top = decode(format, pos.back()), ulp = top - decode(format, pos[pos.size() - 2]);
  if (a >= top + ulp / 2) return -1;
  auto it = std::lower_bound(pos.begin(), pos.end(), a, [&](unsigned h, LD v) { return decode(format, h) < v; });
  if (it == pos.end()) return sign | pos.back();
  if (decode(format, *it) == a || it == pos.begin()) return sign | *it;
  const unsigned hi = *it, lo = *(it - 1);
  const LD dhi = decode(format, hi) - a, dlo = a - decode(format, lo);
  if (dlo < dhi) return sign | lo;
  if (dhi < dlo) return sign | hi;
  return sign | ((lo & 1u) == 0 ? lo : hi);
}

float float_of_bits(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// ---- conversion ---------------------------------------------------------------------------------
// Every encoding widened three ways: in one call (float16: F16C's 8-wide loop where the CPU has it), in
// calls of 1..13 values (F16C's scalar tail) and by the portable bit-arithmetic loop that other CPUs run.
void check_widening() {
  for (int format : kFormats) {
    std::vector<unsigned short> all(0x10000);
    for (unsigned h = 0; h < 0x10000u; ++h) all[h] = static_cast<unsigned short>(h);
    const long long n = static_cast<long long>(all.size());
    std::vector<float> whole(all.size()), pieces(all.size()), portable(all.size());
    h4j::widen_half(all.data(), whole.data(), n, format);
    for (long long i = 0, len = 1; i < n; i += len, len = len % 13 + 1)
      h4j::widen_half(all.data() + i, pieces.data() + i, std::min(len, n - i), format);
    if (format == h4j::HALF_FLOAT16) h4j::detail::half::widen_float16_portable(all.data(), portable.data(), n);
    else h4j::detail::half::widen_bfloat16(all.data(), portable.data(), n);
    for (const auto& [out, how] : {std::pair{&whole, "one call"}, std::pair{&pieces, "calls of 1..13"},
                                   std::pair{&portable, "portable loop"}}) {
      long bad = 0;
      for (unsigned h = 0; h < 0x10000u; ++h) {
        const float got = (*out)[h];
        const LD want = decode(format, h);
        const bool ok = std::isnan(want) ? std::isnan(got)
                                          : static_cast<LD>(got) == want && std::signbit(got) == ((h & 0x8000u) != 0);
        if (!ok && ++bad <= 5)
          expect(false, fmt("%s widen 0x%04x (%s): got %.9g, want %.9Lg", format_name(format), h, how, got, want));
      }
      expect(bad == 0, fmt("%s (%s): every one of the 65536 encodings widens exactly (%ld wrong)", format_name(format),
                           how, bad));
    }
  }
}

// Values that probe the rounding: every finite value, every midpoint between neighbours and one float
// ulp either side of it, around the largest value and past it, the subnormal range, signed zeros,
// infinities, NaN, and random float32 bit patterns.
std::vector<float> rounding_inputs(int format, const std::vector<unsigned>& pos, Rng& rng) {
  std::vector<float> v;
  for (std::size_t i = 0; i < pos.size(); ++i) {
    const float x = static_cast<float>(decode(format, pos[i]));
    v.push_back(x);
    if (i + 1 < pos.size()) {
      const float mid = static_cast<float>((decode(format, pos[i]) + decode(format, pos[i + 1])) / 2);
      v.push_back(mid);
      v.push_back(std::nextafter(mid, 0.0f));
      v.push_back(std::nextafter(mid, std::numeric_limits<float>::infinity()));
    }
  }
  const float top = static_cast<float>(decode(format, pos.back()));
  const float limit = format == h4j::HALF_FLOAT16 ? 65520.0f : float_of_bits(0x7F7F8000u);
  for (float x : {top, limit, std::nextafter(limit, 0.0f), std::nextafter(limit, 1e38f * 10), 2 * top,
                  std::numeric_limits<float>::max(), std::numeric_limits<float>::infinity(),
                  std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min(), 0.0f, 1e-45f,
                  std::ldexp(1.0f, -25), std::ldexp(1.0f, -24), std::ldexp(1.5f, -25), std::ldexp(1.0f, -14)})
    v.push_back(x);
  std::uniform_int_distribution<std::uint32_t> bits;
  for (int i = 0; i < 200000; ++i) v.push_back(float_of_bits(bits(rng)));
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) v.push_back(-v[i]);
  return v;
}

void check_rounding() {
  Rng rng(41);
  for (int format : kFormats) {
    const std::vector<unsigned> pos = finite_positive(format);
    const std::vector<float> in = rounding_inputs(format, pos, rng);
    long bad = 0, rejected = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      unsigned short h = 0xDEAD;
      const long long r = h4j::round_to_half(&in[i], &h, 1, format);
      const long want = reference_round(format, pos, in[i]);
      const bool ok = want < 0 ? r == 0 && h == 0xDEAD : r == -1 && h == static_cast<unsigned>(want);
      rejected += want < 0;
      if (!ok && ++bad <= 5)
        expect(false, fmt("%s round %.9g (0x%08x): got 0x%04x (r=%lld), want %ld", format_name(format), in[i],
                          [&] { std::uint32_t u; std::memcpy(&u, &in[i], 4); return u; }(), h, r, want));
    }
    expect(bad == 0, fmt("%s: %zu values round to nearest even as the reference (%ld wrong, %ld rejected)",
                         format_name(format), in.size(), bad, rejected));
    // a batch stops at the first value that does not fit, having written exactly the ones before it
    std::vector<float> batch = {1.0f, -2.5f, 3.0f, std::numeric_limits<float>::infinity(), 4.0f};
    if (format == h4j::HALF_FLOAT16) batch[3] = 70000.0f;
    std::vector<unsigned short> out(batch.size(), 0xBEEF);
    expect(h4j::round_to_half(batch.data(), out.data(), 5, format) == 3 && out[2] != 0xBEEF && out[3] == 0xBEEF,
           fmt("%s: a batch stops at the first value that does not fit", format_name(format)));
  }
}

// ---- retrieval over half stores ---------------------------------------------------------------
struct Shape {
  long long M, d, B;
  bool ties;
  const char* tag;
};

struct Outcome {
  std::vector<float> out;
  std::vector<int> steps;
  std::vector<double> energies;
  std::vector<long long> off;
  std::vector<int> idx;
  std::vector<float> val;
};

Outcome run(const h4j::RetrievalCall& base, const void* memories, int storage, const std::vector<float>& q) {
  h4j::RetrievalCall c = base;
  c.memories = memories;
  c.storage = storage;
  const long long B = c.B;
  Outcome o;
  o.out.resize(static_cast<std::size_t>(B * c.d));
  o.steps.resize(static_cast<std::size_t>(B));
  o.energies.resize(static_cast<std::size_t>(2 * B));
  o.off.resize(static_cast<std::size_t>(B + 1));
  const long long cap = B * c.M;
  o.idx.resize(static_cast<std::size_t>(cap));
  o.val.resize(static_cast<std::size_t>(cap));
  c.weightCapacity = cap;
  const long long r = h4j::retrieve_f32(&c, q.data(), o.out.data(), o.steps.data(), o.energies.data(), o.off.data(),
                                        o.idx.data(), o.val.data());
  expect(r == 0, fmt("retrieve_f32 returned %lld", r));
  o.idx.resize(static_cast<std::size_t>(o.off[B]));
  o.val.resize(static_cast<std::size_t>(o.off[B]));
  return o;
}

bool same_bits(const Outcome& a, const Outcome& b) {
  const auto eq = [](const auto& x, const auto& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0;
  };
  return eq(a.out, b.out) && a.steps == b.steps && eq(a.energies, b.energies) && a.off == b.off && a.idx == b.idx &&
         eq(a.val, b.val);
}

void check_half_retrieval() {
  Rng rng(43);
  const Shape shapes[] = {{1, 5, 40, false, "M=1"}, {700, 1, 37, false, "d=1"}, {600, 9, 70, false, "ragged tiles"},
                          {600, 6, 64, true, "ties"}};
  const int paths[] = {h4j::RETRIEVAL_PATH_BLOCKED, h4j::RETRIEVAL_PATH_FUSED, h4j::RETRIEVAL_PATH_REGISTERS};
  for (const Shape& sh : shapes)
    for (int format : kFormats) {
      std::vector<float> xi = random_matrix<float>(rng, sh.M, sh.d, 1.0);
      if (sh.ties)  // every pattern twice: equal scores in different blocks and tiles
        for (long long m = sh.M / 2; m < sh.M; ++m)
          std::copy(xi.begin() + (m - sh.M / 2) * sh.d, xi.begin() + (m - sh.M / 2 + 1) * sh.d, xi.begin() + m * sh.d);
      std::vector<unsigned short> half(xi.size());
      expect(h4j::round_to_half(xi.data(), half.data(), static_cast<long long>(xi.size()), format) == -1, "store fits");
      std::vector<float> wide(xi.size());
      h4j::widen_half(half.data(), wide.data(), static_cast<long long>(xi.size()), format);
      const long long D = sh.d + 2;
      std::vector<float> W = random_matrix<float>(rng, D, sh.d, 0.5), A(xi.size());
      {  // A = wide W^T W, the kernel keys of the rounded store (float32, as Java computes them)
        std::vector<float> G(static_cast<std::size_t>(sh.M * D)), Wt(static_cast<std::size_t>(sh.d * D));
        h4j::gemm_abt_f32(wide.data(), W.data(), G.data(), sh.M, D, sh.d);
        for (long long r = 0; r < D; ++r)
          for (long long k = 0; k < sh.d; ++k) Wt[k * D + r] = W[r * sh.d + k];
        h4j::gemm_abt_f32(G.data(), Wt.data(), A.data(), sh.M, sh.d, D);
      }
      std::vector<float> q = random_matrix<float>(rng, sh.B, sh.d, 1.0);
      for (int sim = 0; sim <= 4; ++sim)
        for (int map = 0; map <= 5; ++map)
          for (int path : paths)
            for (int steps : {1, 3}) {
              h4j::RetrievalCall c{};
              c.keys = sim == 1 ? A.data() : nullptr;
              c.W = sim == 1 ? W.data() : nullptr;
              c.M = sh.M;
              c.d = sh.d;
              c.D = sim == 1 ? D : 0;
              c.B = sh.B;
              c.similarity = sim;
              c.map = map;
              c.beta = 2.0;
              c.alpha = map == 0 ? 1.0 : map == 1 ? 2.0 : map == 2 ? 1.5 : map == 3 ? 1.3 : 2.0;
              c.polyN = 3;
              c.maxSteps = steps;
              c.eps = 0;
              c.scoreBlock = 256;
              c.path = path;
              const Outcome f = run(c, wide.data(), 0, q);
              const Outcome h = run(c, half.data(), format, q);
              expect(same_bits(f, h), fmt("%s %s map %d sim %d path %d steps %d: half store != float32 store of its values",
                                          format_name(format), sh.tag, map, sim, path, steps));
            }
    }
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags(argc, argv, {"--full", "--only"});
  // --only=NAME runs one section (tools/mutate-native.sh: a conversion mutant needs no retrieval run).
  const std::string only = flags.value("--only", "");
  const auto section = [&only](const char* name, void (*run)()) {
    if (only.empty() || only == name) ::section(name, run);
  };
  section("widening", check_widening);
  section("rounding", check_rounding);
  section("retrieval over half stores", check_half_retrieval);
  return finish();
}
