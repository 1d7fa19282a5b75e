#!/usr/bin/env bash
# connject's cost on the loopback connect loop once everything is warm, against the 5% (JSON Lines)
# and 2% (JFR) targets: a JVM with connject and one without take turns at blocks of connects
# (dev.connject.bench.TakingTurns). Builds connject, then runs on each JDK given (default: the java
# on the PATH).
#   bench/turns.sh [JAVA...]      CYCLES=N cycles per pair of JVMs (60: about 17 minutes a JDK)
#                                 OTHER=JAR compares with another build's agent jar instead of no agent
#                                 (a copy outside agent/target, which this script rebuilds)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
for java in "${@:-java}"; do
  "$java" -cp bench/target/connject-bench.jar dev.connject.bench.TakingTurns \
       agent/target/connject-agent.jar bench/target/connject-bench.jar "$java" "${CYCLES:-60}" ${OTHER:+"$OTHER"}
done
