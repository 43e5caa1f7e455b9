#!/usr/bin/env bash
# Mutation testing of the Java and Kotlin code with PIT (issue #19; docs/reliability.md#mutation-testing).
# Runs the `pit` profile of core-java and/or dsl-kotlin (PIT instead of surefire, 2 threads, the
# native library loaded in PIT's child JVMs as in surefire's), then prints per module
# `N mutants, K killed (score %), S survived, U not covered` and writes every mutant that was not
# killed, one line each, to <module>/target/pit-reports/survivors.txt. HTML report:
# <module>/target/pit-reports/index.html.
#
#   tools/pit.sh [core|dsl|all] [CLASS_GLOB]     e.g. tools/pit.sh core 'org.hopfield4j.io.*'
#
# CLASS_GLOB (and -Dpit.core.tests / -Dpit.dsl.tests) may be a comma-separated list of globs.
#
# core scores org.hopfield4j.* less the float64 references (org.hopfield4j.reference, the tests'
# oracle), dsl scores org.hopfield4j.dsl.*. Extra Maven flags through MVN_FLAGS (e.g. MVN_FLAGS=-o).
# The whole of core-java takes about 45 minutes on 2 quiet cores, hours beside other builds
# (docs/reliability.md#mutation-testing): score a package while working, the whole module on a quiet machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
glob=${2:-}
case $what in
  core) modules=(core-java); flags=(-pl core-java -am -Dh4j.pit.dsl.skip=true) ;;
  dsl)  modules=(dsl-kotlin); flags=(-pl dsl-kotlin -am -Dh4j.pit.core.skip=true) ;;
  all)  modules=(core-java dsl-kotlin); flags=(-pl dsl-kotlin -am) ;;
  *) echo "usage: tools/pit.sh [core|dsl|all] [CLASS_GLOB]" >&2; exit 2 ;;
esac
if [[ -n $glob ]]; then
  [[ $what == all ]] && { echo "pit: a CLASS_GLOB needs core or dsl" >&2; exit 2; }
  flags+=("-Dpit.$what.classes=$glob")
fi
for m in "${modules[@]}"; do rm -rf "$root/$m/target/pit-reports"; done
# shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
(cd "$root" && mvn -B ${MVN_FLAGS:-} -Ppit verify -Dh4j.cppchecks.skip=true "${flags[@]}")
for m in "${modules[@]}"; do
  python3 - "$root/$m/target/pit-reports" "$m" <<'EOF'
import sys, xml.etree.ElementTree as ET
reports, module = sys.argv[1], sys.argv[2]
mutations = ET.parse(reports + "/mutations.xml").getroot()
total = killed = survived = uncovered = 0
lines = []
for mu in mutations:
    total += 1
    status = mu.get("status")
    if mu.get("detected") == "true":
        killed += 1
        continue
    if status == "NO_COVERAGE":
        uncovered += 1
    else:
        survived += 1
    lines.append("%s %s:%s %s: %s" % (status, mu.findtext("mutatedClass"), mu.findtext("lineNumber"),
                                       mu.findtext("mutatedMethod"), mu.findtext("description")))
with open(reports + "/survivors.txt", "w") as f:
    f.write("\n".join(sorted(lines)) + "\n")
score = 100.0 * killed / total if total else 0.0
print("%s: %d mutants, %d killed (%.1f %%), %d survived, %d not covered; survivors in %s/survivors.txt"
      % (module, total, killed, score, survived, uncovered, reports))
EOF
done
