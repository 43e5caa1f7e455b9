// Checks of the differentiable kernels (hopfield4j_nn.h): the association forward against a
// long-double reference (softmax and sparsemax, masks, per-problem beta, dropout), its backward,
// the alpha derivative, the retrieval gradient and the Fenchel-Young losses against central finite
// differences of the float64 forward, all under the sanitizers. Build and run: see README.md.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "check_common.h"
#include "hopfield4j_nn.h"

using namespace h4j;

namespace {

// Long-double softmax / sparsemax of beta * s over the live entries (sort-based threshold).
std::vector<LD> reference_map(int map, const std::vector<LD>& s, const std::vector<bool>& live, LD beta) {
  const std::size_t n = s.size();
  std::vector<LD> p(n, 0), z;
  for (std::size_t i = 0; i < n; ++i)
    if (live[i]) z.push_back(beta * s[i]);
  if (z.empty()) return p;
  const LD m = *std::max_element(z.begin(), z.end());
  if (map == MAP_SOFTMAX) {
    LD sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (live[i]) sum += std::exp(beta * s[i] - m);
    for (std::size_t i = 0; i < n; ++i)
      if (live[i]) p[i] = std::exp(beta * s[i] - m) / sum;
    return p;
  }
  std::sort(z.begin(), z.end(), std::greater<LD>());
  LD cum = 0, tau = 0;
  for (std::size_t k = 0; k < z.size(); ++k) {
    cum += z[k];
    if (z[k] - (cum - 1) / static_cast<LD>(k + 1) > 0) tau = (cum - 1) / static_cast<LD>(k + 1);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (live[i]) p[i] = std::max<LD>(beta * s[i] - tau, 0);
  return p;
}

struct Problem {
  AssociationCall c;
  std::vector<double> qkv, scalars, dOut;
  std::vector<unsigned char> mask, keep;
};

// alphas: one alpha for every row, or one per row (6).
Problem make_problem(Rng& rng, int map, const std::vector<double>& alphas, bool masked, bool dropout) {
  Problem p;
  const long long alphaCount = static_cast<long long>(alphas.size());
  p.c = AssociationCall{map, 2, 3, 6, 4, 3, 2, alphaCount, 1.0 / 0.75, map == MAP_ENTMAX};
  const long long q = 2 * 3 * 4, k = 2 * 6 * 4, v = 2 * 6 * 3;
  p.qkv = random_matrix<double>(rng, 1, q + k + v, 0.8);
  p.dOut = random_matrix<double>(rng, 1, 2 * 3 * 3, 1.0);
  p.scalars = {1.4, 0.7};
  p.scalars.insert(p.scalars.end(), alphas.begin(), alphas.end());
  if (masked) {
    p.mask.resize(36);
    for (auto& m : p.mask) m = unif(rng, 0, 1) < 0.7;
    p.mask[0] = p.mask[6] = p.mask[12] = p.mask[18] = p.mask[24] = p.mask[30] = 1;
  }
  if (dropout) {
    p.keep.resize(36);
    for (auto& m : p.keep) m = unif(rng, 0, 1) < 0.75;
  }
  return p;
}

double loss(const Problem& p, const std::vector<double>& qkv, const std::vector<double>& scalars) {
  std::vector<double> out(2 * 3 * 3), ps(2 * 36);
  association_forward_f64(&p.c, qkv.data(), p.mask.empty() ? nullptr : p.mask.data(),
                          p.keep.empty() ? nullptr : p.keep.data(), out.data(), ps.data(), scalars.data());
  double s = 0;
  for (std::size_t i = 0; i < out.size(); ++i) s += out[i] * p.dOut[i];
  return s;
}

// max |analytic - fd| / max |fd| over x, central differences with step h (infinite for a NaN).
double fd_error(std::vector<double>& x, const double* analytic, const std::function<double()>& f, double h = 1e-6) {
  double num = 0, den = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double keep = x[i];
    x[i] = keep + h;
    const double up = f();
    x[i] = keep - h;
    const double down = f();
    x[i] = keep;
    const double g = (up - down) / (2 * h);
    num = worst_of(num, std::abs(g - analytic[i]));
    den = std::max(den, std::abs(g));
  }
  return den > 0 ? num / den : num;
}

void check_forward_reference() {
  Rng rng(1);
  for (int map : {MAP_SOFTMAX, MAP_SPARSEMAX}) {
    for (int variant = 0; variant < 3; ++variant) {
      Problem p = make_problem(rng, map, {map == MAP_SOFTMAX ? 1.0 : 2.0}, variant == 1, variant == 2);
      std::vector<double> out(18), ps(72);
      association_forward_f64(&p.c, p.qkv.data(), p.mask.empty() ? nullptr : p.mask.data(),
                              p.keep.empty() ? nullptr : p.keep.data(), out.data(), ps.data(), p.scalars.data());
      std::vector<float> qkv32(p.qkv.begin(), p.qkv.end()), out32(18), ps32(72);
      association_forward_f32(&p.c, qkv32.data(), p.mask.empty() ? nullptr : p.mask.data(),
                              p.keep.empty() ? nullptr : p.keep.data(), out32.data(), ps32.data(), p.scalars.data());
      double worst = 0, worst32 = 0;
      for (int b = 0; b < 2; ++b) {
        for (int i = 0; i < 3; ++i) {
          const int r = b * 3 + i;
          std::vector<LD> s(6);
          std::vector<bool> live(6);
          for (int j = 0; j < 6; ++j) {
            for (int e = 0; e < 4; ++e) s[j] += static_cast<LD>(p.qkv[r * 4 + e]) * p.qkv[24 + (b * 6 + j) * 4 + e];
            live[j] = p.mask.empty() || p.mask[r * 6 + j];
          }
          const std::vector<LD> pr = reference_map(map, s, live, p.scalars[b]);
          for (int e = 0; e < 3; ++e) {
            LD o = 0;
            for (int j = 0; j < 6; ++j) {
              const LD kept = p.keep.empty() ? 1 : p.keep[r * 6 + j] ? static_cast<LD>(p.c.dropScale) : 0;
              o += pr[j] * kept * p.qkv[24 + 48 + (b * 6 + j) * 3 + e];
            }
            worst = worst_of(worst, static_cast<double>(std::abs(o - out[r * 3 + e])));
            worst32 = worst_of(worst32, static_cast<double>(std::abs(o - out32[r * 3 + e])));
          }
        }
      }
      expect(worst < 1e-13, fmt("forward map %d variant %d: float64 off the long-double reference by %g", map, variant, worst));
      expect(worst32 < 1e-5, fmt("forward map %d variant %d: float32 off by %g", map, variant, worst32));
    }
  }
}

void check_backward_fd() {
  Rng rng(2);
  const double alphas[] = {1.0, 2.0, 1.5, 1.6, 2.0};
  const int maps[] = {MAP_SOFTMAX, MAP_SPARSEMAX, MAP_ENTMAX15, MAP_ENTMAX, MAP_NORMMAX};
  // alpha-entmax also with one alpha per row (variant 3): each row's dalpha lands in its own slot
  const std::vector<double> perRow = {1.6, 1.3, 1.8, 1.9, 1.45, 1.2};
  for (int m = 0; m < 5; ++m) {
    for (int variant = 0; variant < (maps[m] == MAP_ENTMAX ? 4 : 3); ++variant) {
      Problem p = make_problem(rng, maps[m], variant == 3 ? perRow : std::vector<double>{alphas[m]}, variant == 1,
                               variant == 2);
      std::vector<double> out(18), ps(72), grads(p.qkv.size()), ds(p.scalars.size());
      association_forward_f64(&p.c, p.qkv.data(), p.mask.empty() ? nullptr : p.mask.data(),
                              p.keep.empty() ? nullptr : p.keep.data(), out.data(), ps.data(), p.scalars.data());
      association_backward_f64(&p.c, p.qkv.data(), ps.data(), p.dOut.data(), p.keep.empty() ? nullptr : p.keep.data(),
                               grads.data(), ds.data(), p.scalars.data());
      std::vector<double> x = p.qkv;
      const double e_in = fd_error(x, grads.data(), [&] { return loss(p, x, p.scalars); });
      const std::size_t nsc = maps[m] == MAP_ENTMAX ? p.scalars.size() : 2;  // dalpha only for alpha-entmax
      expect(e_in < 1e-6, fmt("backward map %d variant %d: dQ|dK|dV off finite differences by %g", maps[m], variant, e_in));
      double e_scalar = 0;
      for (std::size_t j = 0; j < nsc; ++j) {
        std::vector<double> a = p.scalars, b = p.scalars;
        a[j] += 1e-6;
        b[j] -= 1e-6;
        const double g = (loss(p, p.qkv, a) - loss(p, p.qkv, b)) / 2e-6;
        e_scalar = worst_of(e_scalar, std::abs(g - ds[j]) / std::max(1e-3, std::abs(g)));
      }
      expect(e_scalar < 1e-6, fmt("backward map %d variant %d: dbeta/dalpha off finite differences by %g", maps[m], variant,
                                  e_scalar));
    }
  }
}

// values: the keys' patterns Y (separate 0) or their own V (M x d, separate 1).
void check_retrieval_gradient_case(Rng& rng, int sim, int map, int separate) {
  const long long B = 2, M = 5, d = 4, D = 3;
  RetrievalGradientCall c{map, sim, B, M, d, d, sim == SIM_KERNEL ? D : 0, 2, separate, 1, map == MAP_ENTMAX};
  std::vector<double> inputs =
      random_matrix<double>(rng, 1, B * d + M * d + separate * M * d + (sim == SIM_KERNEL ? D * d : 0), 0.8);
  std::vector<double> up = random_matrix<double>(rng, 1, B * d, 1.0), scalars = {1.3, 1.5};
  std::vector<double> states(B * d), grads(inputs.size()), ds(2);
  retrieval_gradient_f64(&c, inputs.data(), nullptr, up.data(), states.data(), grads.data(), ds.data(), scalars.data());
  auto f = [&](const std::vector<double>& in, const std::vector<double>& sc) {
    std::vector<double> st(B * d), g(in.size()), dsc(2);
    retrieval_gradient_f64(&c, in.data(), nullptr, up.data(), st.data(), g.data(), dsc.data(), sc.data());
    double s = 0;
    for (long long i = 0; i < B * d; ++i) s += st[i] * up[i];
    return s;
  };
  std::vector<double> x = inputs;
  const double e = fd_error(x, grads.data(), [&] { return f(x, scalars); });
  std::vector<double> sc = scalars;
  sc.resize(map == MAP_ENTMAX ? 2 : 1);
  const double es = fd_error(sc, ds.data(), [&] {
    std::vector<double> full = scalars;
    std::copy(sc.begin(), sc.end(), full.begin());
    return f(inputs, full);
  });
  expect(e < 1e-6, fmt("retrieval gradient sim %d map %d values %d: inputs off finite differences by %g", sim, map,
                       separate, e));
  expect(es < 1e-6, fmt("retrieval gradient sim %d map %d values %d: beta/alpha off finite differences by %g", sim, map,
                        separate, es));
}

void check_retrieval_gradient() {
  Rng rng(3);
  for (int sim : {SIM_DOT, SIM_KERNEL})
    for (int map : {MAP_SOFTMAX, MAP_ENTMAX})
      for (int separate : {0, 1}) check_retrieval_gradient_case(rng, sim, map, separate);
}

void check_fenchel_young() {
  Rng rng(4);
  for (int map : {MAP_SPARSEMAX, MAP_ENTMAX15, MAP_ENTMAX}) {
    const double alpha = map == MAP_SPARSEMAX ? 2.0 : map == MAP_ENTMAX15 ? 1.5 : 1.3;
    FenchelYoungCall c{map, 4, 6, 1, -100};
    std::vector<double> z = random_matrix<double>(rng, 4, 6, 1.5), loss(4);
    std::vector<double> grad(24, 7.0);  // stale values: every row is written, the ignored one with zeros
    std::vector<int> target = {0, 3, -100, 5};
    fenchel_young_f64(&c, z.data(), target.data(), loss.data(), grad.data(), &alpha);
    bool nonneg = true;
    for (double l : loss) nonneg = nonneg && l >= 0;
    expect(nonneg && loss[2] == 0.0, fmt("fenchel-young map %d: losses >= 0, the ignored row 0", map));
    auto total = [&](const std::vector<double>& zz) {
      std::vector<double> l(4);
      fenchel_young_f64(&c, zz.data(), target.data(), l.data(), nullptr, &alpha);
      return l[0] + l[1] + l[2] + l[3];
    };
    std::vector<double> x = z;
    const double e = fd_error(x, grad.data(), [&] { return total(x); });
    expect(e < 1e-6, fmt("fenchel-young map %d: gradient off finite differences by %g", map, e));
    std::vector<double> onehot(24, 0.0);
    for (int r = 0; r < 4; ++r) onehot[r * 6 + (r == 2 ? 1 : target[r])] = 10;
    fenchel_young_f64(&c, onehot.data(), target.data(), loss.data(), grad.data(), &alpha);
    expect(loss[0] == 0 && loss[1] == 0 && loss[3] == 0, fmt("fenchel-young map %d: 0 exactly at the one-hot output", map));
  }
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags(argc, argv, {"--full"});
  section("association forward vs long-double reference", check_forward_reference);
  section("association backward vs finite differences", check_backward_fd);
  section("retrieval gradient vs finite differences", check_retrieval_gradient);
  section("fenchel-young losses", check_fenchel_young);
  return finish();
}
