#!/usr/bin/env bash
# Tests the Helm chart with the real helm (built from the Go module proxy, cached) and the real test
# API server: the chart lints and renders to the committed plain manifests; `audit --level restricted`
# of them reports nothing; the API server accepts them (server-side dry run, Pod Security
# "restricted" enforced on the namespace, so its pods are admitted too); then the chart's service
# account is used as a pod would use it — a TokenRequest token, the cluster CA and
# KUBERNETES_SERVICE_HOST/PORT, mounted at the in-cluster paths in a private mount namespace — and
# analyze works, while reading a Secret and every write are refused by RBAC with 403.
#   scripts/test-deploy.sh            the test
#   scripts/test-deploy.sh --render   rewrite deploy/manifests/k8s-ai-agent.yaml from the chart
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fail() { echo "test-deploy: FAILED: $*" >&2; exit 1; }
helm="$(scripts/go-tool.sh helm)"
chart=deploy/helm/k8s-ai-agent
manifests=deploy/manifests/k8s-ai-agent.yaml
render() { # release namespace [helm args]
  echo "# Plain manifests rendered from $chart (read-only defaults) by scripts/test-deploy.sh --render; do not edit."
  "$helm" template "$1" "$chart" --namespace "$2" "${@:3}"
}
if [ "${1:-}" = "--render" ]; then
  render k8s-ai-agent k8s-ai-agent > "$manifests"
  echo "wrote $manifests"
  exit 0
fi
work="$(mktemp -d)"
ns="k8s-ai-agent-deploy-$$"
started_cluster=""
cleanup() {
  if [ -n "$started_cluster" ]; then
    scripts/test-cluster.sh stop >/dev/null 2>&1 || true
  elif [ -n "${KUBECONFIG:-}" ]; then
    kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
    kubectl delete clusterrole,clusterrolebinding -l "app.kubernetes.io/instance=$ns" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# 1. Lint and the committed plain manifests.
"$helm" lint --strict "$chart" >/dev/null || fail "helm lint"
render k8s-ai-agent k8s-ai-agent > "$work/manifests.yaml"
diff -u "$manifests" "$work/manifests.yaml" || fail "$manifests is stale: scripts/test-deploy.sh --render"

# 2. Our own audit of what the chart deploys, read-only and with writes enabled.
tool="${K8S_AI_AGENT_BIN:-$(ls -d "$root"/dist/k8s-ai-agent-*-linux-amd64/bin/k8s-ai-agent 2>/dev/null | head -1)}"
[ -n "$tool" ] || tool=bin/k8s-ai-agent
render k8s-ai-agent k8s-ai-agent --set writes.enabled=true > "$work/writes.yaml"
for f in "$work/manifests.yaml" "$work/writes.yaml"; do
  "$tool" audit -f "$f" --level restricted -o json > "$work/audit.json" || fail "audit of $(basename "$f") exited $?"
  grep -q '"findings": \[ \]' "$work/audit.json" || fail "audit --level restricted reported findings: $(cat "$work/audit.json")"
done
echo "test-deploy: helm lint, manifests up to date, audit --level restricted reports nothing"

# 3. The real API server: server-side dry run, then the objects for real in a restricted namespace.
scripts/test-cluster.sh status >/dev/null 2>&1 || started_cluster=yes
scripts/test-cluster.sh start >/dev/null
eval "$(scripts/test-cluster.sh env)"
kubectl create namespace "$ns" >/dev/null
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/warn=restricted >/dev/null
# The release is named after the namespace so its ClusterRoles cannot meet another run's.
render "$ns" "$ns" > "$work/test.yaml"
render "$ns" "$ns" --set writes.enabled=true > "$work/test-writes.yaml"
for f in "$work/test-writes.yaml" "$work/test.yaml"; do
  kubectl apply --dry-run=server -f "$f" > "$work/dry-run.out" 2> "$work/dry-run.err" || fail "server-side dry run: $(cat "$work/dry-run.err")"
  [ "$(grep -c 'server dry run' "$work/dry-run.out")" -eq "$(grep -c '^kind:' "$f")" ] || fail "dry run: $(cat "$work/dry-run.out")"
  grep -qi 'PodSecurity' "$work/dry-run.err" && fail "Pod Security warnings: $(cat "$work/dry-run.err")"
done
kubectl apply -f "$work/test.yaml" >/dev/null
for _ in $(seq 1 60); do
  [ -n "$(kubectl -n "$ns" get pods -l "app.kubernetes.io/instance=$ns" -o name)" ] && break
  sleep 0.5
done
[ -n "$(kubectl -n "$ns" get pods -l "app.kubernetes.io/instance=$ns" -o name)" ] \
  || fail "no pod admitted under Pod Security restricted: $(kubectl -n "$ns" get events -o wide 2>&1 | tail -3)"
echo "test-deploy: the API server accepts the chart (server-side dry run, pods admitted under enforce=restricted)"

# 4. In-cluster identity: TokenRequest for the chart's service account.
kubectl -n "$ns" create token "$ns" --duration=10m > "$work/token"
server="$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
hostport="${server#https://}"
ca_file="$(kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority}')"
if [ -n "$ca_file" ]; then cp "$ca_file" "$work/ca.crt"; else
  kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > "$work/ca.crt"; fi
echo -n "$ns" > "$work/namespace"
code() { # method path -> HTTP status with the service account's token
  curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.crt" -H "Authorization: Bearer $(cat "$work/token")" \
    -H 'Content-Type: application/json' -X "$1" "$server$2" ${3:+--data "$3"}
}
[ "$(code GET "/api/v1/namespaces/$ns/pods")" = 200 ] || fail "the service account cannot list pods"
[ "$(code GET "/api/v1/namespaces/$ns/secrets")" = 403 ] || fail "listing Secrets was not refused with 403"
[ "$(code GET "/api/v1/namespaces/$ns/secrets/anything")" = 403 ] || fail "reading a Secret was not refused with 403"
[ "$(code POST "/api/v1/namespaces/$ns/configmaps" '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}')" = 403 ] \
  || fail "creating a ConfigMap was not refused with 403"
[ "$(code DELETE "/apis/apps/v1/namespaces/$ns/deployments/$ns")" = 403 ] || fail "deleting the Deployment was not refused with 403"
[ "$(code PATCH "/apis/apps/v1/namespaces/$ns/deployments/$ns/scale" '{"spec":{"replicas":0}}')" = 403 ] \
  || fail "scaling the Deployment was not refused with 403"
echo "test-deploy: RBAC: the service account lists pods (200); Secrets, create, delete, scale get 403"

# The tool itself in in-cluster mode: no kubeconfig anywhere, the token, CA and namespace at the paths
# a pod has (/var/run/secrets/kubernetes.io/serviceaccount, on a tmpfs of a private mount namespace).
mkdir -p "$work/home"
unshare --mount --propagation private /bin/sh -c '
  set -e
  mount -t tmpfs tmpfs /run
  mkdir -p /run/secrets/kubernetes.io/serviceaccount
  cp "$1/token" "$1/ca.crt" "$1/namespace" /run/secrets/kubernetes.io/serviceaccount/
  shift
  exec "$@"' _ "$work" env -i HOME="$work/home" PATH=/usr/bin:/bin KUBERNETES_SERVICE_HOST="${hostport%:*}" \
  KUBERNETES_SERVICE_PORT="${hostport##*:}" "$tool" analyze -n "$ns" -o json --no-exit-code \
  > "$work/analyze.json" 2> "$work/analyze.err" || fail "in-cluster analyze: $(cat "$work/analyze.err")"
grep -q "\"namespace\": \"$ns\"" "$work/analyze.json" || fail "in-cluster analyze saw nothing of $ns: $(head -c 600 "$work/analyze.json")"
grep -q 'skipped secrets: forbidden' "$work/analyze.err" || fail "in-cluster analyze did not report the refused Secrets: $(cat "$work/analyze.err")"
echo "test-deploy: in-cluster analyze as the chart's service account: findings for $ns, Secrets refused by RBAC"
echo "test-deploy: passed"
