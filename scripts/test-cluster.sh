#!/usr/bin/env bash
# Real Kubernetes control plane for tests: etcd + kube-apiserver + kube-controller-manager on loopback,
# with the real kubectl. Binaries come from PATH/KUBEBUILDER_ASSETS or are built from the Go module
# proxy (tools/testcluster) into ~/.cache/k8s-ai-agent/testbin/<version>.
#
#   scripts/test-cluster.sh build    provision binaries (no-op when cached)
#   scripts/test-cluster.sh start    start the cluster (idempotent), wait for /readyz, print env
#   scripts/test-cluster.sh env      print KUBECONFIG / K8S_AI_AGENT_TESTBIN exports
#   scripts/test-cluster.sh status   exit 0 when the cluster answers /readyz
#   scripts/test-cluster.sh stop     stop it and remove its state
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOD_DIR="$ROOT/tools/testcluster"
K8S_VERSION="$(awk '$1=="k8s.io/kubernetes"{print $2}' "$MOD_DIR/go.mod")"
ETCD_VERSION="$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$MOD_DIR/go.mod")"
CACHE="${K8S_AI_AGENT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/k8s-ai-agent}"
TESTBIN="${K8S_AI_AGENT_TESTBIN:-$CACHE/testbin/$K8S_VERSION}"
STATE="${K8S_AI_AGENT_CLUSTER_DIR:-$ROOT/.testcluster}"
BINARIES=(etcd kube-apiserver kube-controller-manager kubectl)

log() { echo "test-cluster: $*" >&2; }
die() { echo "test-cluster: error: $*" >&2; exit 1; }

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go; return; fi
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go "$HOME/go/bin/go"; do [ -x "$g" ] && { echo "$g"; return; }; done
  die "Go is needed to build kube-apiserver/etcd from the Go module proxy, and no 'go' was found (looked on PATH and /usr/local/go/bin)"
}

# Binaries already provided by the environment win (KUBEBUILDER_ASSETS, then PATH) — all or none.
provided_dir() {
  if [ -n "${KUBEBUILDER_ASSETS:-}" ] && [ -x "$KUBEBUILDER_ASSETS/kube-apiserver" ] && [ -x "$KUBEBUILDER_ASSETS/etcd" ] \
     && [ -x "$KUBEBUILDER_ASSETS/kube-controller-manager" ] && [ -x "$KUBEBUILDER_ASSETS/kubectl" ]; then
    echo "$KUBEBUILDER_ASSETS"; return 0
  fi
  return 1
}

bin_dir() { provided_dir || echo "$TESTBIN"; }

cmd_build() {
  if provided_dir >/dev/null; then log "using binaries from KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS"; return; fi
  local missing=()
  for b in "${BINARIES[@]}"; do [ -x "$TESTBIN/$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} -eq 0 ]; then log "binaries cached in $TESTBIN"; return; fi
  local go; go="$(find_go)"
  mkdir -p "$TESTBIN"
  local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  local pkg="k8s.io/component-base/version"
  local ldflags="-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  log "building ${missing[*]} ($K8S_VERSION, etcd $ETCD_VERSION) from the Go module proxy into $TESTBIN"
  log "a cold build downloads ~1 GB of modules and compiles for 10-25 minutes on 2 cores; later runs reuse the cache"
  local start=$SECONDS
  for b in "${missing[@]}"; do
    local target
    case "$b" in
      etcd) target="go.etcd.io/etcd/server/v3" ;;
      *) target="k8s.io/kubernetes/cmd/$b" ;;
    esac
    log "go build $target"
    (cd "$MOD_DIR" && CGO_ENABLED=0 GOFLAGS=-mod=mod "$go" build -trimpath -ldflags "$ldflags" -o "$TESTBIN/$b.tmp" "$target") \
      || die "building $b failed (see the go output above)"
    mv "$TESTBIN/$b.tmp" "$TESTBIN/$b"
  done
  log "built in $((SECONDS - start))s"
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

readyz() {
  [ -f "$STATE/env" ] || return 1
  # shellcheck disable=SC1091
  . "$STATE/env"
  curl -fsS --max-time 3 --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT/readyz" >/dev/null 2>&1
}

gen_pki() {
  local pki="$STATE/pki"; mkdir -p "$pki"
  command -v openssl >/dev/null || die "openssl is needed to generate the test cluster's certificates"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=k8s-ai-agent-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  cat > "$pki/server.ext" <<EXT
subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1
extendedKeyUsage=serverAuth,clientAuth
EXT
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$pki/server.ext" -out "$pki/server.crt" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' > "$pki/client.ext"
  local who
  # The controller manager runs every controller under its own identity (no per-controller service
  # account tokens), so it needs more than the system:kube-controller-manager role grants.
  for who in "admin:/O=system:masters/CN=admin" "kcm:/O=system:masters/CN=system:kube-controller-manager"; do
    local name="${who%%:*}" subj="${who#*:}"
    openssl req -newkey rsa:2048 -nodes -subj "$subj" -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
      -extfile "$pki/client.ext" -out "$pki/$name.crt" 2>/dev/null
  done
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

write_kubeconfig() { # file user
  local file="$1" user="$2"
  cat > "$file" <<KC
apiVersion: v1
kind: Config
clusters:
- name: k8s-ai-agent-test
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $STATE/pki/ca.crt
users:
- name: $user
  user:
    client-certificate: $STATE/pki/$user.crt
    client-key: $STATE/pki/$user.key
contexts:
- name: k8s-ai-agent-test
  context:
    cluster: k8s-ai-agent-test
    user: $user
current-context: k8s-ai-agent-test
KC
}

cmd_start() {
  if readyz; then log "already running"; cmd_env; return; fi
  cmd_stop >/dev/null 2>&1 || true
  cmd_build
  local bins; bins="$(bin_dir)"
  mkdir -p "$STATE/logs"
  gen_pki
  ETCD_PORT="$(free_port)"; ETCD_PEER_PORT="$(free_port)"; APISERVER_PORT="$(free_port)"
  printf 'APISERVER_PORT=%s\nETCD_PORT=%s\nBIN_DIR=%s\n' "$APISERVER_PORT" "$ETCD_PORT" "$bins" > "$STATE/env"
  write_kubeconfig "$STATE/kubeconfig" admin
  write_kubeconfig "$STATE/kcm.kubeconfig" kcm

  nohup "$bins/etcd" --data-dir "$STATE/etcd" --name test \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "test=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --quota-backend-bytes 4294967296 \
    > "$STATE/logs/etcd.log" 2>&1 &
  echo $! > "$STATE/etcd.pid"

  nohup "$bins/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" --bind-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --advertise-address 127.0.0.1 --cert-dir "$STATE/pki" \
    --tls-cert-file "$STATE/pki/server.crt" --tls-private-key-file "$STATE/pki/server.key" \
    --client-ca-file "$STATE/pki/ca.crt" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" --service-cluster-ip-range 10.0.0.0/16 \
    --disable-admission-plugins ServiceAccount --allow-privileged=true \
    --max-requests-inflight 1000 --max-mutating-requests-inflight 500 \
    > "$STATE/logs/kube-apiserver.log" 2>&1 &
  echo $! > "$STATE/kube-apiserver.pid"

  local i
  for i in $(seq 1 120); do
    readyz && break
    kill -0 "$(cat "$STATE/kube-apiserver.pid")" 2>/dev/null || { tail -20 "$STATE/logs/kube-apiserver.log" >&2; die "kube-apiserver exited"; }
    sleep 0.5
  done
  readyz || { tail -20 "$STATE/logs/kube-apiserver.log" >&2; die "kube-apiserver did not become ready in 60s"; }

  # Controllers that work without a cloud provider or kubelet: Deployments -> ReplicaSets -> Pods,
  # Jobs, CronJobs, endpoints, namespace deletion, garbage collection.
  nohup "$bins/kube-controller-manager" --kubeconfig "$STATE/kcm.kubeconfig" \
    --authentication-kubeconfig "$STATE/kcm.kubeconfig" --authorization-kubeconfig "$STATE/kcm.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 0 --leader-elect=false --use-service-account-credentials=false \
    --service-account-private-key-file "$STATE/pki/sa.key" --root-ca-file "$STATE/pki/ca.crt" \
    --controllers deployment,replicaset,statefulset,daemonset,job,cronjob,endpoint,endpointslice,namespace,garbagecollector,serviceaccount,disruption,horizontalpodautoscaling \
    > "$STATE/logs/kube-controller-manager.log" 2>&1 &
  echo $! > "$STATE/kube-controller-manager.pid"
  log "ready at https://127.0.0.1:$APISERVER_PORT (logs in $STATE/logs)"
  cmd_env
}

cmd_env() {
  [ -f "$STATE/env" ] || die "not started (run: scripts/test-cluster.sh start)"
  # shellcheck disable=SC1091
  . "$STATE/env"
  echo "export KUBECONFIG=$STATE/kubeconfig"
  echo "export K8S_AI_AGENT_TESTBIN=$BIN_DIR"
  echo "export PATH=$BIN_DIR:\$PATH"
}

cmd_stop() {
  local p
  for p in kube-controller-manager kube-apiserver etcd; do
    if [ -f "$STATE/$p.pid" ]; then
      kill "$(cat "$STATE/$p.pid")" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$(cat "$STATE/$p.pid")" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$(cat "$STATE/$p.pid")" 2>/dev/null || true
    fi
  done
  rm -rf "$STATE"
  log "stopped"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  env) cmd_env ;;
  status) readyz ;;
  stop) cmd_stop ;;
  bindir) cmd_build >&2; bin_dir ;;
  *) echo "usage: $0 build|start|stop|env|status|bindir" >&2; exit 2 ;;
esac
