#!/usr/bin/env bash
# Prints the path of a release tool built from the Go module proxy, building it on first use (niced:
# the machine is small) into ~/.cache/k8s-ai-agent/tools/NAME/VERSION/ — the same cache scheme as the
# test cluster's binaries, so CI pays for each version once. Release binaries cannot be downloaded
# here; the Go module proxy can be reached.
#   scripts/go-tool.sh helm|crane|actionlint
set -euo pipefail
name="${1:?usage: go-tool.sh helm|crane|actionlint}"
case "$name" in
  # helm 3.19 is built against Kubernetes 0.34 modules, which the test cluster build already cached.
  helm) pkg=helm.sh/helm/v3/cmd/helm version=v3.19.5 ;;
  crane) pkg=github.com/google/go-containerregistry/cmd/crane version=v0.22.1 ;;
  actionlint) pkg=github.com/rhysd/actionlint/cmd/actionlint version=v1.7.12 ;;
  *) echo "go-tool.sh: unknown tool $name (helm, crane, actionlint)" >&2; exit 2 ;;
esac
dir="${K8S_AI_AGENT_CACHE:-$HOME/.cache/k8s-ai-agent}/tools/$name/$version"
if [ ! -x "$dir/$name" ]; then
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  fi
  command -v go >/dev/null 2>&1 || { echo "go-tool.sh: Go is needed to build $name $version" >&2; exit 2; }
  mkdir -p "$dir"
  echo "go-tool.sh: building $name $version from the Go module proxy (first use only)" >&2
  # -trimpath and no VCS stamping keep the build reproducible; a version ldflag where the tool reads one.
  ldflags="-s -w"
  [ "$name" = helm ] && ldflags="$ldflags -X helm.sh/helm/v3/internal/version.version=$version"
  [ "$name" = actionlint ] && ldflags="$ldflags -X github.com/rhysd/actionlint.version=$version"
  tmp="$(mktemp -d "$dir/.build.XXXXXX")"
  GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-buildvcs=false nice -n 10 go install -trimpath -ldflags "$ldflags" "$pkg@$version" >&2
  mv "$tmp/$name" "$dir/$name"
  rmdir "$tmp"
fi
echo "$dir/$name"
