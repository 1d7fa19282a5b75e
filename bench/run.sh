#!/usr/bin/env bash
# The benchmarks: builds connject, then on each JDK given (default: the java on the PATH) runs the
# whole-process benchmark and the JMH benchmarks, and prints connject's costs, as ratios to the
# same runs without it where there is such a run.
#   bench/run.sh [JAVA...]        RUNS=N sets the whole-process benchmark's interleaved runs (7)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
jmh_deps=$(cat bench/target/jmh-class-path.txt)
# the whole-connect benchmark's JVMs must find connject only in the agent jar
jmh_only=$(tr ':' '\n' <<<"$jmh_deps" | grep -v '/connject-' | paste -sd:)
for java in "${@:-java}"; do
  "$java" -cp bench/target/connject-bench.jar dev.connject.bench.WholeProcess \
       agent/target/connject-agent.jar bench/target/connject-bench-noop-agent.jar bench/target/connject-bench.jar \
       "$java" "${RUNS:-7}"
  "$java" -cp "bench/target/connject-bench.jar:$jmh_deps" dev.connject.bench.jmh.BenchMain \
       hook-path agent/target/classes/boot
  "$java" -cp "bench/target/connject-bench.jar:$jmh_only" dev.connject.bench.jmh.BenchMain \
       connects agent/target/connject-agent.jar
done
