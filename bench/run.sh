#!/usr/bin/env bash
# The benchmarks: builds connject, then runs the whole-process benchmark on each JDK given
# (default: the java on the PATH) and prints connject's costs as ratios to runs without it.
#   bench/run.sh [JAVA...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
for java in "${@:-java}"; do
  java -cp bench/target/connject-bench.jar dev.connject.bench.WholeProcess \
       agent/target/connject-agent.jar bench/target/connject-bench-noop-agent.jar bench/target/connject-bench.jar \
       "$java" "${RUNS:-7}"
done
