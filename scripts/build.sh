#!/usr/bin/env bash
# Builds the runnable fat jar target/k8s-ai-agent.jar with JDK 25 (tests are run by scripts/test.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
# Progress instead of two silent minutes: one line per Maven plugin step, the full log kept for a failure.
log="$(mktemp "${TMPDIR:-/tmp}/k8s-ai-agent-build.XXXXXX")"
trap 'rm -f "$log"' EXIT
echo "[1/2] compiling and packaging with Maven (about 1-3 minutes; the first build also downloads dependencies)"
start=$SECONDS
if ! ./mvnw -B -ntp -DskipTests package "$@" 2>&1 | tee "$log" \
    | sed -un 's/^\[INFO\] --- \([^ ]*\) .*/      \1/p; s/^\[INFO\] Building \(k8s-ai-agent.*\)/      building \1/p'; then
  echo "build failed; the end of Maven's log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo "      done in $((SECONDS - start)) s"
echo "[2/2] training the start-up (AOT) cache"
# Train the JDK 25 AOT cache (classes loaded and linked ahead of time, method profiles) on several
# commands in one run (AotTraining). Optional: a failure here only costs startup time. When the test
# cluster is up (scripts/test-cluster.sh start), live analyze runs on it are part of the training.
rm -f target/k8s-ai-agent.aot
live=()
if scripts/test-cluster.sh status >/dev/null 2>&1; then
  live=("$(scripts/test-cluster.sh env | sed -n 's/^export KUBECONFIG=//p')")
fi
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:AOTCacheOutput=target/k8s-ai-agent.aot -Xlog:disable -Xlog:all=error:stderr \
  -cp target/k8s-ai-agent.jar dev.k8sai.cli.AotTraining examples/broken-shop.yaml "${live[@]}" >/dev/null 2>&1 || true
[ -f target/k8s-ai-agent.aot ] || echo "note: no AOT cache was trained; startup will be slower" >&2
echo "built $root/target/k8s-ai-agent.jar (run it with bin/k8s-ai-agent)"
