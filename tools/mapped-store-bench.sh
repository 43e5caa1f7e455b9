#!/usr/bin/env bash
# The memory-mapped store measurements of docs/benchmarks.md#mapped (issue #13), run by hand, not by
# the default build. Each step runs alone, under nice, with one native thread, and prints the
# machine, the load average and peak RSS (GNU time) next to its figures.
#
#   tools/mapped-store-bench.sh SCRATCH_DIR [open|stream|huge|all]
#
#   open    makes SCRATCH_DIR/xi-1e7x64.npy (10^7 x 64 float32, 2.56 GB) and runs `bench mapped` on it
#           with -Xmx256m: open time, one sparsemax step at B = 1024 against the blocked sgemm, RSS, heap
#   stream  `retrieve` over 10^6 queries (SCRATCH_DIR/x-1e6x64.npy, 256 MB) with -Xmx512m, from a
#           10^4 x 64 store (the point is the queries: 1000 batches of 1024; a 10^7 store would take hours)
#   huge    makes SCRATCH_DIR/xi-3e6x784.npy (3 x 10^6 x 784 float32, 9.4 GB: more than 2^31 elements;
#           check `df` first) and checks sampled rows and a retrieval step against plain Java over the file
#
# Needs samples/target/hopfield4j.jar (mvn -B -q -o package -Dh4j.offline -DskipTests) and python3 with numpy
# (only to write the .npy files, in chunks).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:?usage: tools/mapped-store-bench.sh SCRATCH_DIR [open|stream|huge|all]}
what=${2:-all}
# H4J_LAUNCH replaces "-jar samples/target/hopfield4j.jar" (e.g. "-cp CLASSES org.hopfield4j.cli.Main")
launch=${H4J_LAUNCH:-"-jar samples/target/hopfield4j.jar"}
mkdir -p "$dir"
export OPENBLAS_NUM_THREADS=1

# make_npy FILE M D SEED: standard normal float32 rows, written chunk by chunk (numpy's open_memmap).
make_npy() {
  [ -f "$1" ] && return 0
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys, numpy as np
path, M, d, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
a = np.lib.format.open_memmap(path + ".part", mode="w+", dtype="<f4", shape=(M, d))
rng = np.random.default_rng(seed)
step = max(1, (1 << 26) // d)
for m0 in range(0, M, step):
    a[m0:m0 + step] = rng.standard_normal((min(step, M - m0), d), dtype=np.float32)
a.flush(); del a
import os; os.replace(path + ".part", path)
PY
}

# run LABEL CMD...: the command under nice and GNU time, with the load average before it.
run() {
  local label=$1; shift
  echo "== $label ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), free disk $(df -h "$dir" | awk 'NR==2{print $4}'))"
  nice -n 10 /usr/bin/time -f "# wall %e s, peak RSS %M KiB (GNU time)" "$@"
}

if [ "$what" = open ] || [ "$what" = all ]; then
  make_npy "$dir/xi-1e7x64.npy" 10000000 64 1
  run "open: 10^7 x 64 float32 mapped, -Xmx256m" \
    java -Xmx256m $launch bench mapped --memories "$dir/xi-1e7x64.npy" --batch 1024 --map sparsemax \
      --repeats 3 --threads 1
fi
if [ "$what" = stream ] || [ "$what" = all ]; then
  make_npy "$dir/xi-1e4x64.npy" 10000 64 4
  make_npy "$dir/x-1e6x64.npy" 1000000 64 2
  run "stream: retrieve 10^6 queries from a 10^4 x 64 store, -Xmx512m" \
    java -Xmx512m $launch retrieve --memories "$dir/xi-1e4x64.npy" --queries "$dir/x-1e6x64.npy" \
      --map sparsemax --steps 1 --batch 1024 --out "$dir/y-1e6x64.npy" --weights "$dir/w-1e6.npz"
fi
if [ "$what" = huge ] || [ "$what" = all ]; then
  make_npy "$dir/xi-3e6x784.npy" 3000000 784 3
  run "huge: 3 x 10^6 x 784 float32 (> 2^31 elements), -Xmx1g" \
    java -Xmx1g $launch bench mapped --memories "$dir/xi-3e6x784.npy" --batch 64 --map sparsemax \
      --repeats 1 --threads 1 --check 2 --sample 32
fi
