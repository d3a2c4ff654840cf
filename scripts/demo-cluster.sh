#!/usr/bin/env bash
# A live cluster to try the tool on, in one command: starts the real test API server
# (scripts/test-cluster.sh: kube-apiserver, etcd, kube-controller-manager and kubectl v1.34; binaries
# already built by the tests are reused, otherwise built on first use), loads examples/broken-shop.yaml
# with its status into namespace "shop", and prints the export line(s) on stdout:
#
#   eval "$(scripts/demo-cluster.sh)"      # or run it and paste the export line
#   bin/k8s-ai-agent analyze -A
#   scripts/demo-cluster.sh stop           # stop it and delete its state
#
# Its state lives in .democluster/ (K8S_AI_AGENT_DEMO_DIR), apart from the tests' .testcluster/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export K8S_AI_AGENT_CLUSTER_DIR="${K8S_AI_AGENT_DEMO_DIR:-$root/.democluster}"
say() { echo "demo-cluster: $*" >&2; }

case "${1:-start}" in
  start) ;;
  stop) exec "$root/scripts/test-cluster.sh" stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

. "$root/scripts/jdk25.sh"
k8sai_select_jdk25 >&2
# The loader runs from the tool's jar (K8S_AI_AGENT_DEMO_CLASSPATH: a class path instead, as the tests use).
classpath="${K8S_AI_AGENT_DEMO_CLASSPATH:-${K8S_AI_AGENT_JAR:-$root/target/k8s-ai-agent.jar}}"
if [ -z "${K8S_AI_AGENT_DEMO_CLASSPATH:-}" ] && [ ! -f "$classpath" ]; then
  say "building the tool first (scripts/build.sh)"
  "$root/scripts/build.sh" >&2
fi
kubeconfig="$K8S_AI_AGENT_CLUSTER_DIR/kubeconfig"
if "$root/scripts/test-cluster.sh" status 2>/dev/null; then
  # loaded when it started; its controllers have moved on since, so a second load would not be the example
  say "already running with the example loaded (scripts/demo-cluster.sh stop, then again, starts afresh)"
else
  say "starting the test API server (the first run builds it from the Go module proxy: minutes; later ~5 s)"
  "$root/scripts/test-cluster.sh" build >&2
  "$root/scripts/test-cluster.sh" start >/dev/null
  say "loading examples/broken-shop.yaml into namespace shop, each object with its status:"
  if ! "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classpath" dev.k8sai.demo.FixtureLoader \
      "$kubeconfig" shop "$root/examples/broken-shop.yaml" >&2; then
    "$root/scripts/test-cluster.sh" stop >&2
    exit 1
  fi
fi
echo "export KUBECONFIG=$kubeconfig"
if ! command -v kubectl >/dev/null 2>&1; then
  # execute and diagnose run kubectl: the test cluster's own, same version as the server
  echo "export PATH=$("$root/scripts/test-cluster.sh" bindir 2>/dev/null):\$PATH"
fi
say "ready. Try: bin/k8s-ai-agent analyze -A   (stop it with: scripts/demo-cluster.sh stop)"
