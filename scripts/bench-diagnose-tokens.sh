#!/usr/bin/env bash
# Benchmark of diagnose (issue 5): tokens sent for a scripted 5-step diagnose with observation
# compaction on vs off (--no-compaction). Starts the test cluster (scripts/test-cluster.sh start),
# loads a realistic namespace (60 pods with managedFields and last-applied-configuration, Services,
# ConfigMaps, events), runs the real `diagnose` command twice against the scripted LLM server, and
# prints per-step observation tokens, per-request input tokens and the totals with their ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
eval "$(scripts/test-cluster.sh start 2>/dev/null)"
export K8S_AI_AGENT_KUBECTL="$K8S_AI_AGENT_TESTBIN/kubectl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
"$JAVA_HOME/bin/java" -Dk8sai.stdin=ignore -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" \
  dev.k8sai.bench.DiagnoseTokenBench "$KUBECONFIG" </dev/null
