#!/usr/bin/env bash
# Mutation testing of the native kernels (issue #19): applies each one-line mutant of
# tools/native-mutants.txt to a scratch copy of native/src, builds the standalone C++ checks it names
# (native/src/test/cpp, -O1, no sanitizers) and runs them (`check:SECTION` runs that one section, with
# --only=SECTION). A mutant is killed when a check fails (or
# crashes); it survives when every named check passes. Prints one line per mutant, then
# `N killed, M survived`, the survivors and the wall time with the load average; exits 1 if any
# survived, 2 on a stale or broken mutant.
#
#   tools/mutate-native.sh [MUTANTS_FILE]
#
# Needs the OpenBLAS that the build unpacks (`mvn -B -q -pl native generate-resources` once).
# About 20-40 s per mutant on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
list=${1:-$root/tools/native-mutants.txt}
# this machine's copy (the build unpacks the other platforms' too)
case $(uname -m) in aarch64 | arm64) platform=linux-arm64 ;; *) platform=linux-$(uname -m) ;; esac
lib=$(find "$root/native/target/openblas" -path "*/$platform/libopenblas.so" -print -quit 2>/dev/null || true)
if [[ -z $lib ]]; then
  echo "mutate-native: no OpenBLAS under native/target; run 'mvn -B -q -pl native generate-resources' first" >&2
  exit 2
fi
blas=$(dirname "$lib")
include=$blas/include
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build_and_run() {  # $1 = source dir, $2 = check name, $3 = section or empty; returns the check's status (compile errors: 3)
  local src=$1 check=$2 only=${3:+--only=$3}
  if ! g++ -std=c++17 -O1 -DH4J_LINK_OPENBLAS -I"$src/main/cpp" -I"$include" "$src/test/cpp/$check.cpp" \
      -o "$work/$check" -L"$blas" -lopenblas -Wl,-rpath,"$blas" -pthread 2>"$work/$check.compile.log"; then
    return 3
  fi
  (cd "$work" && timeout 900 "./$check" ${only:+"$only"} >"$work/$check.log" 2>&1)
}

killed=0 survived=0 n=0
survivors=()
while IFS= read -r line; do
  [[ -z ${line// } || $line == \#* ]] && continue
  n=$((n + 1))
  file=$(awk -F' \\|\\|\\| ' '{print $1}' <<<"$line")
  checks=$(awk -F' \\|\\|\\| ' '{print $2}' <<<"$line")
  from=$(awk -F' \\|\\|\\| ' '{print $3}' <<<"$line")
  to=$(awk -F' \\|\\|\\| ' '{print $4}' <<<"$line")
  rm -rf "$work/src" && cp -r "$root/native/src" "$work/src"
  target=$work/src/main/cpp/$file
  count=$(FROM="$from" python3 -c 'import os,sys; print(open(sys.argv[1]).read().count(os.environ["FROM"]))' "$target")
  if [[ $count != 1 ]]; then
    echo "mutant $n: '$from' occurs $count times in $file (expected once): stale mutant list" >&2
    exit 2
  fi
  FROM="$from" TO="$to" python3 -c 'import os,sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(os.environ["FROM"], os.environ["TO"]))' "$target"
  verdict=survived
  IFS=',' read -ra named <<<"$checks"
  for entry in "${named[@]}"; do
    check=${entry%%:*} section=
    [[ $entry == *:* ]] && section=${entry#*:}
    set +e
    build_and_run "$work/src" "$check" "$section"
    rc=$?
    set -e
    if [[ $rc == 3 ]]; then
      echo "mutant $n ($file): does not compile; fix the list" >&2
      sed -n 1,20p "$work/$check.compile.log" >&2
      exit 2
    fi
    if [[ $rc != 0 ]]; then verdict="killed by $check"; break; fi
  done
  if [[ $verdict == survived ]]; then
    survived=$((survived + 1)); survivors+=("$n $file: $from  ->  $to")
  else
    killed=$((killed + 1))
  fi
  echo "mutant $n $file: $verdict"
done <"$list"
echo "$killed killed, $survived survived"
for s in "${survivors[@]+"${survivors[@]}"}"; do echo "survivor: $s"; done
echo "wall time ${SECONDS} s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $survived == 0 ]]
