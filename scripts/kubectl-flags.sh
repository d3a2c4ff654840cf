#!/usr/bin/env bash
# Regenerates kubectl's flag tables (command paths, flags, arities) for the pinned kubectl version from
# kubectl's own cobra/pflag definitions (tools/testcluster/kubectlflags) into the resource the agent's
# kubectl parser reads. Run after changing the k8s.io/kubernetes version in tools/testcluster/go.mod.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MOD_DIR="$ROOT/tools/testcluster"
OUT="$ROOT/src/main/resources/dev/k8sai/kubectl/kubectl-flags.json"
K8S_VERSION="$(awk '$1=="k8s.io/kubernetes"{print $2}' "$MOD_DIR/go.mod")"
command -v go >/dev/null 2>&1 || PATH="/usr/local/go/bin:$PATH"
mkdir -p "$(dirname "$OUT")"
# HOME/KUBECONFIG point at an empty directory so no local kubeconfig or kuberc shapes the tree.
EMPTY="$(mktemp -d)"
trap 'rm -rf "$EMPTY"' EXIT
(cd "$MOD_DIR" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
  -ldflags "-X main.kubernetesVersion=$K8S_VERSION" -o "$EMPTY/kubectlflags" ./kubectlflags)
HOME="$EMPTY" KUBECONFIG="$EMPTY/none" KUBERC=off PATH=/usr/bin:/bin "$EMPTY/kubectlflags" > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "kubectl-flags: wrote $OUT for kubectl $K8S_VERSION" >&2
