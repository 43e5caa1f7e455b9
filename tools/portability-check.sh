#!/usr/bin/env bash
# Proves that the portable native build runs on CPUs other than this one (docs/benchmarks.md#portable-build):
# every C++ check of native/src/test/cpp that the build runs (native/pom.xml), compiled with the library's own flags,
#   x86_64: -march=x86-64-v2 (+ the target_clones of simd_dispatch.hpp), run under qemu-x86_64 -cpu Nehalem-v1,
#           an x86-64-v2 CPU without AVX, so every clone resolver must pick its baseline copy;
#           and, as the control that the emulation can fail, a -march=native build that must die there
#           (SIGILL) when this machine has AVX-512;
#   arm64:  cross-compiled with aarch64-linux-gnu-g++ -march=armv8-a against the arm64 OpenBLAS jar the
#           build unpacks, run under qemu-aarch64 -L /usr/aarch64-linux-gnu.
# Every check must end with "N passed, 0 failed". Prints one summary line per run and
#   "portability: N passed, M failed" last; exits non-zero on any failure.
#
#   tools/portability-check.sh [--install] [--jobs N] [--checks NAME,NAME...]
#
# --install: apt-get install qemu-user and g++-aarch64-linux-gnu first (as root; CI does). Needs the OpenBLAS
# jars unpacked in native/target (any build of the native module, or: mvn -B -q -pl native generate-resources).
# Binaries and logs: native/target/portability/. About 40 minutes on the project's 2-core machine (emulation
# is 30-100x slower than native; normmax_check and retrieval_check on arm64 dominate).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=2 install=false only=
while [[ $# -gt 0 ]]; do
  case $1 in
    --install) install=true ;;
    --jobs) jobs=$2; shift ;;
    --checks) only=$2; shift ;;
    *) echo "usage: tools/portability-check.sh [--install] [--jobs N] [--checks NAME,NAME...]" >&2; exit 2 ;;
  esac
  shift
done
if $install; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user g++-aarch64-linux-gnu >/dev/null
fi
for tool in g++ aarch64-linux-gnu-g++ qemu-x86_64 qemu-aarch64; do
  command -v "$tool" >/dev/null || { echo "portability: $tool not found (run with --install, or apt-get install qemu-user g++-aarch64-linux-gnu)" >&2; exit 2; }
done

blas=native/target/openblas/org/bytedeco/openblas
if [[ ! -e $blas/linux-x86_64/libopenblas.so || ! -e $blas/linux-arm64/libopenblas.so ]]; then
  mvn -B -q -pl native generate-resources
fi
out=native/target/portability
mkdir -p "$out"
# Every C++ check the build runs: the <cppcheck> list of native/pom.xml is their one home.
mapfile -t checks < <(grep -o '<cppcheck name="[a-z0-9_]*"' native/pom.xml | cut -d'"' -f2)
(( ${#checks[@]} > 0 )) || { echo "portability: no <cppcheck> entries found in native/pom.xml" >&2; exit 2; }
if [[ -n $only ]]; then  # a subset, e.g. the checks whose sources changed since the last full run
  IFS=, read -r -a wanted <<<"$only"
  for name in "${wanted[@]}"; do
    [[ " ${checks[*]} " == *" $name "* ]] || { echo "portability: --checks: unknown check '$name' (known: ${checks[*]})" >&2; exit 2; }
  done
  checks=("${wanted[@]}")
fi
# The library's flags (native/pom.xml, javacpp-build) but -O2: the checks compile about twice as fast and
# vectorise the same loops.
common="-std=c++17 -O2 -fno-math-errno -ffp-contract=off -DH4J_LINK_OPENBLAS -Inative/src/main/cpp -pthread"

compile() {  # arch name flags...
  local arch=$1 name=$2; shift 2
  local cxx=g++ ob=$PWD/$blas/linux-x86_64
  [[ $arch == arm64* ]] && cxx=aarch64-linux-gnu-g++ ob=$PWD/$blas/linux-arm64
  rm -f "$out/$name.$arch" "$out/$name.$arch.log.verdict"
  # shellcheck disable=SC2086
  $cxx $common "$@" -I"$ob/include" "native/src/test/cpp/${name%%.*}.cpp" -o "$out/$name.$arch" \
    -L"$ob" -lopenblas -Wl,-rpath,"$ob" >"$out/$name.$arch.compile.log" 2>&1 \
    || { echo "portability: $name ($arch) does not compile, see $out/$name.$arch.compile.log" >&2; return 1; }
}

echo "portability: compiling ${#checks[@]} checks for x86-64-v2 and arm64 ($jobs at a time)"
for name in "${checks[@]}"; do
  for arch in x86-64-v2 arm64; do
    if [[ $arch == arm64 ]]; then compile arm64 "$name" -march=armv8-a -Wno-psabi & else compile x86-64-v2 "$name" -march=x86-64-v2 & fi
    while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || true; done
  done
done
avx512=false
grep -qw avx512f /proc/cpuinfo && avx512=true
if $avx512; then compile native kernels_check -march=native & fi
wait || true
for name in "${checks[@]}"; do
  for arch in x86-64-v2 arm64; do [[ -x $out/$name.$arch ]] || exit 1; done
done
if $avx512 && [[ ! -x $out/kernels_check.native ]]; then exit 1; fi

# Runs a check, in the background, $jobs at a time; its verdict goes to LOG.verdict.
run() {  # label log command...
  local label=$1 log=$2; shift 2
  (
    rc=0
    "$@" >"$log" 2>&1 || rc=$?
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
    if [[ $rc -eq 0 && $summary == *" 0 failed" ]]; then
      echo "ok    $label: $summary"
    else
      echo "FAIL  $label: exit $rc, ${summary:-no summary}; $log"
    fi >"$log.verdict"
  ) &
  while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || true; done
}
ulimit -c 0  # the control's SIGILL must not leave a core file
logs=()
for name in "${checks[@]}"; do
  run "$name x86-64-v2 on qemu -cpu Nehalem-v1 (no AVX)" "$out/$name.x86-64-v2.log" qemu-x86_64 -cpu Nehalem-v1 "$out/$name.x86-64-v2"
  run "$name arm64 on qemu-aarch64" "$out/$name.arm64.log" qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/$name.arm64"
  logs+=("$out/$name.x86-64-v2.log" "$out/$name.arm64.log")
done
if $avx512; then
  (
    rc=0
    qemu-x86_64 -cpu Nehalem-v1 "$out/kernels_check.native" >"$out/kernels_check.native.log" 2>&1 || rc=$?
    if (( rc == 132 )); then
      echo "ok    control: the -march=native build dies on Nehalem-v1 (SIGILL), as it must"
    else
      echo "FAIL  control: the -march=native build exited $rc on Nehalem-v1, not SIGILL: the emulated CPU is not what it seems"
    fi >"$out/kernels_check.native.log.verdict"
  ) &
  logs+=("$out/kernels_check.native.log")
fi
wait || true
passed=0 failed=0
for log in "${logs[@]}"; do
  verdict=$(cat "$log.verdict" 2>/dev/null || echo "FAIL  no verdict for $log")
  echo "  $verdict"
  if [[ $verdict == ok* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "portability: $passed passed, $failed failed"
(( failed == 0 ))
