#!/usr/bin/env bash
# The loopback connect loop in paired rounds, for differences of a few percent that medians of
# separate runs do not settle: each round runs no agent, connject with the JSON Lines sink, a JFR
# recording, and connject with the same recording, one after the other, and each connject run is
# divided by its own round's run without connject. Prints the median of those ratios and their
# quartiles. Needs the jars that bench/run.sh builds.
#   bench/paired.sh [JAVA] [ROUNDS]      (java on the PATH, 25 rounds: about 13 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
java=${1:-java}
rounds=${2:-25}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'version: 1\nrecord:\n  jsonl: %s/events.jsonl\n' "$scratch" > "$scratch/rules.yaml"
chmod 600 "$scratch/rules.yaml"
agent=agent/target/connject-agent.jar
recording="-XX:StartFlightRecording=filename=$scratch/loop.jfr,settings=default"

loop() {
  rm -f "$scratch"/events.jsonl*
  "$java" "$@" -cp bench/target/connject-bench.jar dev.connject.bench.ConnectLoop 100000 100000 \
    | sed -n 's/^ns_per_connect=\([0-9]*\) .*/\1/p'
}

for ((round = 1; round <= rounds; round++)); do
  none=$(loop)
  jsonl=$(loop "-javaagent:$agent=rules=$scratch/rules.yaml,log=off")
  # a rules file connject refused would leave a run that writes nothing, measured as the sink
  [[ -s $scratch/events.jsonl ]] || { echo "paired.sh: connject wrote no JSON Lines" >&2; exit 1; }
  jfr=$(loop "$recording")
  both=$(loop "-javaagent:$agent=log=off" "$recording")
  echo "$none $jsonl $jfr $both" >> "$scratch/rounds"
done

echo "loopback connect+close loop, $rounds paired rounds on $("$java" -version 2>&1 | head -1):"
summary() {
  awk -v a="$2" -v b="$3" '{ print $a / $b }' "$scratch/rounds" | sort -g | awk -v label="$1" '
    { r[NR] = $1 }
    END { printf "  %-40s median ratio %.3f, quartiles %.3f-%.3f\n", label, r[int((NR + 1) / 2)],
          r[int(NR / 4) + 1], r[int(3 * NR / 4) + 1] }'
}
summary "connject, JSON Lines sink / no agent" 2 1
summary "connject, JFR recording / JFR recording" 4 3
