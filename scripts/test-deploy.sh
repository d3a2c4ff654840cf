#!/usr/bin/env bash
# Tests the Helm chart with the real helm (built from the Go module proxy, cached) and the real test
# API server: the chart lints and renders to the committed plain manifests; `audit --level restricted`
# of them reports nothing; the API server accepts them (server-side dry run, Pod Security
# "restricted" enforced on the namespace, so its pods are admitted too); the chart's service account
# (a TokenRequest token) may list pods but reading a Secret and every write get 403. Then the real
# `serve` runs exactly as the Deployment says (scripts/deploy/run-container.sh: args, env, Secrets,
# ConfigMap and the projected token volume with the cluster CA, KUBERNETES_SERVICE_HOST/PORT, uid
# 65532, read-only root, private mount namespace): its probes answer, POST /api/v1/analyze works with
# the chart's auth (an API token from the tokens file in the auth Secret) and reports the Secrets the
# cluster refused, and an operator-approved delete (JWT signed with the Secret's key) meets RBAC's 403.
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

# 5. The chart's serve, run as the Deployment says (scripts/deploy/run-container.sh: its args, env,
# Secrets, ConfigMap and projected token volume from the API server, read-only root, uid 65532, a
# private mount namespace). The test provides what an installer provides: the auth Secret (JWT secret
# and a tokens file), the provider key Secret, and values pointing the model at the scripted LLM
# server. It also passes --allow-writes through serve.extraArgs while the chart's writer role stays
# off, so a write the server would let an operator approve meets the cluster's RBAC.
. scripts/jdk25.sh
k8sai_select_jdk25
[ -f target/test-classes/dev/k8sai/testing/llm/ScriptedLlmMain.class ] && [ -f target/k8s-ai-agent.jar ] \
  || fail "needs the test classes and the jar: ./mvnw -o package (scripts/test.sh builds them first)"
# kube-root-ca.crt is published by a controller the test cluster does not run (root-ca-cert-publisher
# would flag ConfigMaps in every test namespace); the chart's projected volume reads the CA from it.
kubectl -n "$ns" get configmap kube-root-ca.crt >/dev/null 2>&1 \
  || kubectl -n "$ns" create configmap kube-root-ca.crt --from-file=ca.crt="$work/ca.crt" >/dev/null
jwt_secret="$(openssl rand -hex 32)"
api_token="k8sai_$(openssl rand -hex 32)"
printf 'tokens:\n  - {name: ci-bot, sha256: %s, role: viewer}\n' "$(printf %s "$api_token" | sha256sum | cut -d' ' -f1)" > "$work/tokens.yaml"
kubectl -n "$ns" create secret generic k8s-ai-agent-auth --from-literal=jwt-secret="$jwt_secret" \
  --from-file=tokens.yaml="$work/tokens.yaml" >/dev/null
kubectl -n "$ns" create secret generic k8s-ai-agent-llm --from-literal=OPENAI_API_KEY=sk-test >/dev/null
kubectl -n "$ns" create configmap keep-me --from-literal=k=v >/dev/null
mkfifo "$work/llm.in"
"$JAVA_HOME/bin/java" -cp target/test-classes:target/k8s-ai-agent.jar dev.k8sai.testing.llm.ScriptedLlmMain \
  "kubectl delete configmap keep-me -n $ns" < "$work/llm.in" > "$work/llm.out" 2>&1 &
llm_pid=$!
exec 7> "$work/llm.in"
for _ in $(seq 1 100); do [ -s "$work/llm.out" ] && break; sleep 0.2; done
llm_url="$(head -1 "$work/llm.out")"
case "$llm_url" in http://*) ;; *) fail "the scripted LLM server did not start: $(cat "$work/llm.out")" ;; esac
port=""
while [ -z "$port" ]; do p=$((20000 + RANDOM % 20000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || port=$p; done
render "$ns" "$ns" --set serve.port="$port" --set auth.tokensKey=tokens.yaml --set llm.existingSecret=k8s-ai-agent-llm \
  --set llm.env.OPENAI_BASE_URL="$llm_url" --set-json 'serve.extraArgs=["--allow-writes"]' > "$work/serve.yaml"
kubectl apply -f "$work/serve.yaml" >/dev/null
kubectl_bin="$(command -v kubectl)"
scripts/deploy/run-container.sh "$ns" "$ns" --image-env PATH=/usr/local/bin:/usr/bin:/bin --image-env HOME=/tmp \
  --image-mount "$kubectl_bin:/usr/local/bin/kubectl" -- "$(readlink -f "$tool")" > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
stop_serve() { kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; exec 7>&-; wait "$llm_pid" 2>/dev/null || true; }
trap 'stop_serve; cleanup' EXIT
deployment() { kubectl -n "$ns" get deployment "$ns" -o json | jq -r ".spec.template.spec.containers[0] | $1"; }
probe_port="$(deployment '. as $c | .livenessProbe.httpGet.port as $p | if ($p | type) == "number" then $p else ($c.ports[] | select(.name == $p) | .containerPort) end')"
base="http://127.0.0.1:$probe_port"
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "$base$(deployment .livenessProbe.httpGet.path)" && break
  kill -0 "$serve_pid" 2>/dev/null || fail "serve exited: $(cat "$work/serve.err")"
  sleep 0.2
done
for probe in livenessProbe readinessProbe; do
  path="$(deployment ".$probe.httpGet.path")"
  [ "$(curl -s -o "$work/probe.out" -w '%{http_code}' "$base$path")" = 200 ] || fail "$probe $path: $(cat "$work/probe.out") $(cat "$work/serve.err")"
done
echo "test-deploy: serve runs with the chart's args and env in-cluster; $(deployment .livenessProbe.httpGet.path) and $(deployment .readinessProbe.httpGet.path) answer 200"
api() { # method path bearer [body] -> status; the body in $work/api.out, headers in $work/api.head
  curl -s -o "$work/api.out" -D "$work/api.head" -w '%{http_code}' -X "$1" ${3:+-H "Authorization: Bearer $3"} \
    -H 'Content-Type: application/json' "$base$2" ${4:+--data "$4"}
}
[ "$(api POST /api/v1/analyze "" "{\"namespace\":\"$ns\"}")" = 401 ] || fail "analyze without credentials was not refused"
[ "$(api POST /api/v1/analyze "$api_token" "{\"namespace\":\"$ns\"}")" = 200 ] || fail "analyze with the API token: $(cat "$work/api.out")"
grep -q "\"namespace\": \"$ns\"" "$work/api.out" || fail "analyze saw nothing of $ns: $(head -c 600 "$work/api.out")"
grep -qi '^X-K8sai-Notes:.*skipped secrets: forbidden' "$work/api.head" || fail "analyze did not report Secrets as refused: $(cat "$work/api.head")"
echo "test-deploy: POST /api/v1/analyze with the tokens file's API token: findings for $ns; Secrets refused by RBAC"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt_body="$(printf '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '{"sub":"olga","roles":"operator","exp":%d}' $(( $(date +%s) + 600 )) | b64url)"
operator="$jwt_body.$(printf %s "$jwt_body" | openssl dgst -sha256 -hmac "$jwt_secret" -binary | b64url)"
[ "$(api POST /api/v1/runs "$operator" "{\"kind\":\"execute\",\"message\":\"delete keep-me\",\"namespace\":\"$ns\"}")" = 202 ] \
  || fail "an operator's run with the chart's JWT secret: $(cat "$work/api.out")"
run_id="$(jq -r .id "$work/api.out")"
approval=""
for _ in $(seq 1 300); do
  api GET /api/v1/approvals "$operator" >/dev/null
  approval="$(jq -r '.approvals[] | select(.state == "pending") | .id' "$work/api.out" | head -1)"
  [ -n "$approval" ] && break
  sleep 0.2
done
[ -n "$approval" ] || fail "no approval was requested: $(cat "$work/api.out") $(cat "$work/serve.out")"
[ "$(api POST "/api/v1/approvals/$approval" "$operator" '{"decision":"approve"}')" = 200 ] || fail "approve: $(cat "$work/api.out")"
curl -sN --max-time 120 -H "Authorization: Bearer $operator" "$base/api/v1/runs/$run_id/events" > "$work/events" || true
grep -q '^event: *done' "$work/events" || fail "the run did not finish: $(cat "$work/events")"
grep -A1 '^event: *observation' "$work/events" | grep -q "Error from server (Forbidden): configmaps .*keep-me.* is forbidden: User .*system:serviceaccount:$ns:$ns" \
  || fail "the approved delete was not refused by RBAC: $(cat "$work/events")"
kubectl -n "$ns" get configmap keep-me >/dev/null || fail "the ConfigMap was deleted"
echo "test-deploy: an approved delete through serve (--allow-writes, no writer role) is refused by RBAC (Forbidden, 403)"
echo "test-deploy: passed"
