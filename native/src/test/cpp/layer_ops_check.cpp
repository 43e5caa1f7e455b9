// Checks of the float32 layers' activation path (hopfield4j_nn.h): LayerNorm forward and backward and
// the batched strided GEMM against long-double references, on random rows and on the edges: width 1,
// one row, constant rows (zero variance: ties), large values (1e30), accumulation into dGain and dBias,
// every transpose, head blocks at offsets and strides, summed products (zero C stride), k = 0, count 0;
// the float32 / float64 conversions (overflow to infinity, underflow to zero, accumulation).
// Under the sanitizers in the build; see README.md.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "check_common.h"
#include "hopfield4j_nn.h"

using namespace h4j;

namespace {

// Largest |a - b| / (1 + |b|) (a relative error that stays meaningful near 0); infinite if a holds a NaN.
template <typename T>
LD worst(const std::vector<T>& a, const std::vector<LD>& b) {
  LD e = 0;
  for (std::size_t i = 0; i < a.size(); ++i) e = worst_of(e, std::fabs(static_cast<LD>(a[i]) - b[i]) / (1 + std::fabs(b[i])));
  return e;
}

struct NormReference {
  std::vector<LD> y, dx, dGain, dBias;
};

// LayerNorm in long double, forward and backward (the same formulas as math.md, independently written:
// the backward as the explicit Jacobian-vector sum, not the closed form).
NormReference norm_reference(const std::vector<float>& x, const std::vector<float>& dy, const std::vector<double>& gain,
                             const std::vector<double>& bias, long long rows, long long w, double eps) {
  NormReference ref{std::vector<LD>(x.size()), std::vector<LD>(x.size()), std::vector<LD>(w, 0), std::vector<LD>(w, 0)};
  for (long long r = 0; r < rows; ++r) {
    LD mean = 0, var = 0;
    for (long long j = 0; j < w; ++j) mean += x[r * w + j];
    mean /= w;
    for (long long j = 0; j < w; ++j) var += (x[r * w + j] - mean) * (x[r * w + j] - mean);
    var /= w;
    const LD sd = std::sqrt(var + eps);
    std::vector<LD> xhat(w);
    for (long long j = 0; j < w; ++j) {
      xhat[j] = (x[r * w + j] - mean) / sd;
      ref.y[r * w + j] = gain[j] * xhat[j] + bias[j];
      ref.dGain[j] += dy[r * w + j] * xhat[j];
      ref.dBias[j] += dy[r * w + j];
    }
    // d xhat_j / d x_i = (delta_ij - 1/w - xhat_i xhat_j / w) / sd
    for (long long i = 0; i < w; ++i) {
      LD s = 0;
      for (long long j = 0; j < w; ++j) {
        const LD jac = ((i == j ? 1 : 0) - LD(1) / w - xhat[i] * xhat[j] / w) / sd;
        s += dy[r * w + j] * gain[j] * jac;
      }
      ref.dx[r * w + i] = s;
    }
  }
  return ref;
}

void check_norm_case(Rng& rng, long long rows, long long w, double scale, bool constantRows, const char* name) {
  std::vector<float> x = random_matrix<float>(rng, rows, w, scale), dy = random_matrix<float>(rng, rows, w, 1.0);
  if (constantRows)
    for (long long r = 0; r < rows; ++r) std::fill(x.begin() + r * w, x.begin() + (r + 1) * w, static_cast<float>(scale * (r + 1)));
  std::vector<double> gain(w), bias(w);
  for (long long j = 0; j < w; ++j) {
    gain[j] = 1 + 0.5 * gauss(rng);
    bias[j] = 0.3 * gauss(rng);
  }
  const double eps = 1e-5;
  const LayerNormCall c{rows, w, eps};
  std::vector<float> y(x.size()), dx(x.size(), 7.0f);
  std::vector<double> stats(2 * rows), dGain(w, 0.25), dBias(w, -0.5);
  layer_norm_forward_f32(&c, x.data(), gain.data(), bias.data(), y.data(), stats.data());
  layer_norm_backward_f32(&c, x.data(), dy.data(), gain.data(), stats.data(), dx.data(), dGain.data(), dBias.data());
  const NormReference ref = norm_reference(x, dy, gain, bias, rows, w, eps);
  // float32 outputs: a few ulps of the largest term (|gain xhat| <= |gain| sqrt(w))
  const LD tol = 8 * std::sqrt(static_cast<LD>(w)) * 6e-8L;
  expect(worst(y, ref.y) < tol, fmt("layer norm %s: forward off by %Lg", name, worst(y, ref.y)));
  LD dxScale = 0;
  for (std::size_t i = 0; i < dx.size(); ++i) dxScale = std::max(dxScale, std::fabs(ref.dx[i]));
  LD dxErr = 0;
  for (std::size_t i = 0; i < dx.size(); ++i) dxErr = worst_of(dxErr, std::fabs(dx[i] - ref.dx[i]) / (1 + dxScale));
  expect(dxErr < 64 * tol, fmt("layer norm %s: dx off by %Lg (scale %Lg)", name, dxErr, dxScale));
  std::vector<LD> wantGain(w), wantBias(w);
  for (long long j = 0; j < w; ++j) {
    wantGain[j] = 0.25L + ref.dGain[j];
    wantBias[j] = -0.5L + ref.dBias[j];
  }
  expect(worst(dGain, wantGain) < 1e-9 * rows * w && worst(dBias, wantBias) < 1e-12 * rows,
         fmt("layer norm %s: dGain / dBias not added (%Lg, %Lg)", name, worst(dGain, wantGain), worst(dBias, wantBias)));
  if (constantRows || w == 1) {  // zero variance: every output is the bias, every dx 0 up to eps
    bool flat = true;
    for (long long r = 0; r < rows; ++r)
      for (long long j = 0; j < w; ++j) flat = flat && y[r * w + j] == static_cast<float>(bias[j]);
    expect(flat, fmt("layer norm %s: zero-variance rows give the bias", name));
  }
}

void check_layer_norm() {
  Rng rng(11);
  check_norm_case(rng, 5, 256, 1.0, false, "5 x 256");
  check_norm_case(rng, 3, 7, 2.0, false, "3 x 7 (odd width)");
  check_norm_case(rng, 1, 16, 1.0, false, "one row");
  check_norm_case(rng, 4, 1, 3.0, false, "width 1");
  check_norm_case(rng, 3, 9, 1.5, true, "constant rows (ties)");
  check_norm_case(rng, 4, 64, 1e30, false, "values of 1e30");
  check_norm_case(rng, 2, 33, 1e-20, false, "values of 1e-20 (below eps)");
}

// C_i = alpha op(A_i) op(B_i) + beta C_i in long double; beta = 0 does not read C (BLAS's convention).
std::vector<LD> gemm_reference(const BatchedGemmCall& c, const std::vector<float>& A, const std::vector<float>& B,
                               const std::vector<float>& C) {
  std::vector<LD> out(C.begin(), C.end());
  for (long long i = 0; i < c.count; ++i) {
    const bool summed = c.strideC == 0 && i > 0;
    for (long long r = 0; r < c.m; ++r)
      for (long long j = 0; j < c.n; ++j) {
        LD s = 0;
        for (long long l = 0; l < c.k; ++l) {
          const LD a = A[c.offsetA + i * c.strideA + (c.transA ? l * c.lda + r : r * c.lda + l)];
          const LD b = B[c.offsetB + i * c.strideB + (c.transB ? j * c.ldb + l : l * c.ldb + j)];
          s += a * b;
        }
        LD& o = out[c.offsetC + i * c.strideC + r * c.ldc + j];
        o = c.alpha * s + (summed ? o : c.beta == 0 ? 0 : c.beta * o);
      }
  }
  return out;
}

// nanC: C starts as NaN (a reused buffer), which beta = 0 must overwrite.
void check_gemm_case(Rng& rng, BatchedGemmCall c, const char* name, bool nanC = false) {
  const long long rowsA = c.transA ? c.k : c.m, rowsB = c.transB ? c.n : c.k;
  const long long spanA = c.offsetA + (c.count - 1) * c.strideA + std::max(rowsA, 1LL) * c.lda;
  const long long spanB = c.offsetB + (c.count - 1) * c.strideB + std::max(rowsB, 1LL) * c.ldb;
  const long long spanC = c.offsetC + std::max(c.count - 1, 0LL) * c.strideC + c.m * c.ldc;
  std::vector<float> A = random_matrix<float>(rng, 1, spanA, 1.0), B = random_matrix<float>(rng, 1, spanB, 1.0);
  std::vector<float> C = random_matrix<float>(rng, 1, spanC, 1.0);
  if (nanC) std::fill(C.begin(), C.end(), std::numeric_limits<float>::quiet_NaN());
  const std::vector<LD> want = gemm_reference(c, A, B, C);
  batched_gemm_f32(&c, A.data(), B.data(), C.data());
  const LD e = worst(C, want);
  expect(e < 1e-6L * (1 + c.k) * std::max(1LL, c.count), fmt("batched gemm %s: off by %Lg", name, e));
}

void check_batched_gemm() {
  Rng rng(12);
  // a split projection: X (6 x 10) W_h^T into head blocks of 6 x 4, W (3*4 x 10)
  check_gemm_case(rng, BatchedGemmCall{0, 1, 6, 4, 10, 10, 10, 4, 0, 0, 0, 0, 40, 24, 3, 1.0, 0.0}, "split projection");
  // its dX: sum over heads of dY_h (6 x 4) W_h (4 x 10), added to C
  check_gemm_case(rng, BatchedGemmCall{0, 0, 6, 10, 4, 4, 10, 10, 0, 0, 0, 24, 40, 0, 3, 1.0, 1.0}, "summed dX");
  // its dW_h = dY_h^T X, at an offset into C
  check_gemm_case(rng, BatchedGemmCall{1, 0, 4, 10, 6, 4, 10, 10, 5, 3, 2, 24, 0, 40, 3, 1.0, 1.0}, "dW with offsets");
  // the output projection: sum_h O_h (5 x 2) W_O[:, h]^T, W_O (7 x 3*2)
  check_gemm_case(rng, BatchedGemmCall{0, 1, 5, 7, 2, 2, 6, 7, 0, 0, 0, 10, 2, 0, 3, 1.0, 0.0}, "merge projection");
  check_gemm_case(rng, BatchedGemmCall{1, 1, 3, 5, 4, 3, 4, 5, 0, 0, 0, 12, 20, 15, 2, 0.5, 2.0}, "both transposed");
  check_gemm_case(rng, BatchedGemmCall{0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 4, 1.0, 0.0}, "1 x 1 x 1");
  check_gemm_case(rng, BatchedGemmCall{0, 0, 3, 4, 0, 1, 4, 4, 0, 0, 0, 0, 0, 12, 2, 1.0, 0.5}, "k = 0");
  check_gemm_case(rng, BatchedGemmCall{0, 0, 3, 4, 0, 1, 4, 4, 0, 0, 0, 0, 0, 12, 2, 1.0, 0.0}, "k = 0, beta 0");
  check_gemm_case(rng, BatchedGemmCall{0, 0, 3, 4, 0, 1, 4, 4, 0, 0, 0, 0, 0, 12, 2, 1.0, 0.0}, "k = 0, beta 0, C NaN", true);
  check_gemm_case(rng, BatchedGemmCall{0, 1, 5, 7, 2, 2, 6, 7, 0, 0, 0, 10, 2, 0, 3, 1.0, 0.0}, "merge projection, C NaN",
                  true);
  // count 0 leaves C untouched
  std::vector<float> A(4, 1.0f), B(4, 1.0f), C(4, 3.0f);
  BatchedGemmCall none{0, 0, 2, 2, 2, 2, 2, 2, 0, 0, 0, 4, 4, 4, 0, 1.0, 0.0};
  batched_gemm_f32(&none, A.data(), B.data(), C.data());
  expect(C == std::vector<float>(4, 3.0f), "batched gemm: count 0 leaves C as it was");
}

void check_conversions() {
  Rng rng(13);
  for (long long n : {0LL, 1LL, 7LL, 1000LL}) {
    std::vector<double> x = random_matrix<double>(rng, 1, n, 3.0);
    if (n > 2) {
      x[0] = 1e300;      // beyond float32: rounds to infinity
      x[1] = -1e-300;    // below float32's smallest subnormal: rounds to -0
    }
    std::vector<float> y(n, 9.0f);
    round_to_f32(x.data(), y.data(), n);
    bool rounded = true;
    for (long long i = 0; i < n; ++i) rounded = rounded && y[i] == static_cast<float>(x[i]);
    expect(rounded, fmt("round_to_f32 n = %lld: each value rounded to nearest", n));
    std::vector<double> back(n, 5.0), sum(n, 0.5);
    widen_to_f64(y.data(), back.data(), n, 0);
    widen_to_f64(y.data(), sum.data(), n, 1);
    bool widened = true;
    for (long long i = 0; i < n; ++i)
      widened = widened && back[i] == static_cast<double>(y[i]) && sum[i] == 0.5 + static_cast<double>(y[i]);
    expect(widened, fmt("widen_to_f64 n = %lld: exact, or added with accumulate", n));
    std::vector<float> packed(n + 3, 4.0f);
    std::vector<float> finite = y;
    for (float& v : finite) v = std::isfinite(v) ? v : 1.0f;
    LD wantMax = 0;
    for (float v : finite) wantMax = std::max<LD>(wantMax, std::fabs(v));
    const double got = copy_measured_f32(finite.data(), packed.data(), 2, n);
    bool copied = packed[0] == 4.0f && packed[1] == 4.0f && packed[n + 2] == 4.0f;
    for (long long i = 0; i < n; ++i) copied = copied && packed[i + 2] == finite[i];
    expect(copied && got == static_cast<double>(wantMax), fmt("copy_measured_f32 n = %lld: copied at the offset, max %g", n, got));
    if (n > 0) {
      for (float bad : {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                        std::numeric_limits<float>::quiet_NaN()}) {
        for (long long at : {0LL, n - 1}) {  // in the lanes (n >= 16) and in the tail
          std::vector<float> withBad = finite;
          withBad[at] = bad;
          expect(std::isnan(copy_measured_f32(withBad.data(), packed.data(), 2, n)),
                 fmt("copy_measured_f32 n = %lld: a non-finite value (%g at %lld) gives NaN", n, static_cast<double>(bad), at));
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags(argc, argv, {"--full"});
  section("layer norm vs long-double reference", check_layer_norm);
  section("batched gemm vs long-double reference", check_batched_gemm);
  section("float32 / float64 conversions", check_conversions);
  return finish();
}
