#!/usr/bin/env bash
# Coverage-guided fuzzing of the .npy / store loaders and the native kernels (Jazzer), the long run
# that the default test run does not do (it only replays the committed inputs).
#
#   tools/fuzz.sh [seconds-per-target] [test-class-pattern]
#   tools/fuzz.sh 240                    # every *FuzzTest for 4 minutes each
#   tools/fuzz.sh 60 SeparationFuzzTest  # one target
#
# Builds native + core-java from this tree once, then runs each fuzz test class in its own JVM for
# the given time. New coverage goes to core-java/.cifuzz-corpus/ (not committed); a failing input is
# written as crash-<sha1> to the target's Inputs directory under core-java/src/test/resources, where
# every later test run replays it. Prints executions and findings per target at the end and exits 1
# if there was any; the full log is core-java/target/fuzz.log (Java stack traces of findings are in
# core-java/target/surefire-reports/*FuzzTest-output.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-180}
pattern=${2:-*FuzzTest}
log=core-java/target/fuzz.log
mkdir -p core-java/target

# jazzer.internal.arg.N are libFuzzer arguments (N = 0 is argv[0]); appended after the @FuzzTest
# maxDuration, they override it. -timeout: an input running longer than 10 s is a finding (a hang).
# keep_going: an unattended run collects every distinct finding (told apart by stack trace) instead
# of stopping at the first.
status=0
JAZZER_FUZZ=1 mvn -B verify -pl core-java -am \
    -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz \
    -Djazzer.internal.arg.1="-max_total_time=$seconds" \
    -Djazzer.internal.arg.2=-timeout=10 \
    -Djazzer.keep_going=50 \
    2>&1 | tee "$log" || status=$?

# With keep_going a finding does not fail the test: libFuzzer's "Test unit written to" lines are the record.
echo
echo "== fuzz summary ($seconds s per target; log: $log)"
awk '/^\[INFO\] Running org\.hopfield4j/ { target = $3; order[++n] = target }
     /^Done [0-9]+ runs in [0-9]+ second/ { runs[target] = $2; secs[target] = $5 }
     /Test unit written to/ { found[target]++ }
     END { for (i = 1; i <= n; i++) { t = order[i]
             printf "%-42s %10s executions in %4s s, %d finding(s)\n", t, runs[t], secs[t], found[t] } }' "$log"
findings=$(grep -o "Test unit written to .*" "$log" | sed 's/^Test unit written to /finding: /' || true)
if [ -n "$findings" ]; then
  echo "$findings"
  exit 1
fi
exit "$status"
