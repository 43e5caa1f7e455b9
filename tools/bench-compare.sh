#!/usr/bin/env bash
# Old against new in one sitting: runs the same `bench` commands of two CLI jars alternately, ROUNDS
# times, and prints per benchmark row the median time of each jar and new/old (< 1: new is faster).
#
#   tools/bench-compare.sh OLD.jar NEW.jar [ROUNDS] [OUTDIR]
#
# Alternating (old, new, old, new, ...) spreads a drifting machine load over both jars. The jars must
# have been built on this machine (-march=native). Needs python3 for the medians. Takes ~10 minutes with
# the default 5 rounds on 2 cores; nothing else should run meanwhile.
set -euo pipefail
old=$1 new=$2 rounds=${3:-5} out=${4:-bench-compare}
mkdir -p "$out"

# name | bench arguments | key columns | time column
benches=(
  "separation|separation --sizes 1000,100000 --elements 1000000 --repeats 5|map,n|native_ns_per_element"
  "retrieval|retrieval --sizes 10000 --java-queries 1 --repeats 5|map,M|native_ms"
  "uhop|uhop --sizes 1000 --repeats 3|loss,M|epoch_ms"
)
for ((r = 1; r <= rounds; r++)); do
  for b in "${benches[@]}"; do
    IFS='|' read -r name args _ _ <<<"$b"
    for which in old new; do
      jar=$old; [[ $which == new ]] && jar=$new
      # shellcheck disable=SC2086
      java -jar "$jar" bench $args --csv "$out/$name-$which-$r.csv" >/dev/null
    done
  done
done
nproc_line="# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $rounds rounds, medians"
echo "$nproc_line"
for b in "${benches[@]}"; do
  IFS='|' read -r name _ keys col <<<"$b"
  python3 - "$out" "$name" "$keys" "$col" "$rounds" <<'PY'
import csv, statistics, sys
out, name, keys, col, rounds = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4], int(sys.argv[5])
times = {}
for which in ("old", "new"):
    for r in range(1, rounds + 1):
        with open(f"{out}/{name}-{which}-{r}.csv") as f:
            for row in csv.DictReader(f):
                key = " ".join(f"{k}={row[k]}" for k in keys)
                times.setdefault(key, {"old": [], "new": []})[which].append(float(row[col]))
print(f"{name:<11} {'row':<28} {col + ' old':>26} {'new':>12} {'new/old':>8}")
for key, t in times.items():
    if not t["old"] or not t["new"]:
        print(f"{name:<11} {key:<28} only in the {'old' if t['old'] else 'new'} jar's output")
        continue
    o, n = statistics.median(t["old"]), statistics.median(t["new"])
    print(f"{name:<11} {key:<28} {o:>26.4f} {n:>12.4f} {n / o:>8.3f}")
PY
done
