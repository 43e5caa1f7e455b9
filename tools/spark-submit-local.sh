#!/usr/bin/env bash
# Runs the job jar the way bin/spark-submit runs it, without a Spark installation (docs/spark.md#spark-submit):
# org.apache.spark.deploy.SparkSubmit with Spark's own jars alone on the driver's class path and Spark's
# --add-opens list (the job jar's Add-Opens manifest entry), and the job's dependencies (core, the native
# binding and its platform jar, JavaCPP, OpenBLAS, picocli, commons-csv) shipped with --jars, as on a cluster.
#
#   tools/spark-submit-local.sh [--master M] retrieve --shards 3 --memories XI.npy --queries X.npy --out Y.npy ...
#
# Needs a build of the spark module (spark/target/hopfield4j-spark.jar and spark/target/lib/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/spark/target/hopfield4j-spark.jar lib=$root/spark/target/lib
[[ -f $jar && -d $lib ]] || { echo "spark-submit-local: build the spark module first (mvn -B -pl spark -am package -DskipTests)" >&2; exit 2; }
master="local[2,2]"
if [[ ${1:-} == --master ]]; then master=$2; shift 2; fi
ours='hopfield4j|javacpp|openblas|picocli|commons-csv'
spark_cp=$(find "$lib" -name '*.jar' | grep -vE "$ours" | sort | paste -sd:)
jars=$(find "$lib" -name '*.jar' | grep -E "$ours" | sort | paste -sd,)
mapfile -t opens < <(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | python3 -c '
import sys
text = sys.stdin.read().replace("\n ", "")  # manifest continuation lines
for line in text.splitlines():
    if line.startswith("Add-Opens:"):
        for module in line.split(":", 1)[1].split():
            print("--add-opens=" + module + "=ALL-UNNAMED")')
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
exec java "${opens[@]}" -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit --master "$master" \
  --class org.hopfield4j.spark.SparkMain --jars "$jars" "$jar" "$@"
