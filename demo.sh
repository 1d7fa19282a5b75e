#!/usr/bin/env bash
# The demo: builds connject (tests skipped), then runs an ordinary application with the agent and
# shows what the application saw, what connject said about each of its connects, and the record.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests install
rm -f examples/target/demo-events.jsonl
java -javaagent:agent/target/connject-agent.jar=rules=examples/demo/demo.yaml \
     -cp examples/target/connject-examples.jar dev.connject.examples.tour.ConnectTour \
     2> examples/target/demo-agent.log
echo
echo "== connject's lines on the application's stderr (record.log: info):"
cat examples/target/demo-agent.log
echo
echo "== the same connects, as recorded in examples/target/demo-events.jsonl:"
cat examples/target/demo-events.jsonl
