#!/usr/bin/env bash
# Builds the container image without a Docker daemon: dist/k8s-ai-agent-VERSION-image.oci.tar, an OCI
# image archive (`podman load -i`, `skopeo copy oci-archive:…`, `crane push`), from
#   layer 1: Debian bookworm's libc6 (and what it depends on), unpacked by mmdebstrap --variant=extract
#            — the jlink runtime needs nothing else (zlib is bundled; the AWT libraries never load);
#   layer 2: the release layout of scripts/dist.sh under /opt/k8s-ai-agent, kubectl v1.34.4 (the
#            agent's tool; the test cluster's build) and a non-root user 65532;
# assembled and configured (entrypoint without a shell, user, env) by crane from go-containerregistry
# against a registry that crane itself serves on loopback for the duration of the build.
#   scripts/image.sh    (after scripts/dist.sh; needs mmdebstrap from Debian, .ci/run installs it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stage="$(ls -d dist/k8s-ai-agent-*-linux-amd64 2>/dev/null | head -1)"
[ -n "$stage" ] || { echo "image.sh: no release layout in dist/; run scripts/dist.sh first" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "image.sh: mmdebstrap is needed (apt-get install mmdebstrap)" >&2; exit 2; }
version="${stage#dist/k8s-ai-agent-}"
version="${version%-linux-amd64}"
crane="$(scripts/go-tool.sh crane)"
kubectl="${K8S_AI_AGENT_KUBECTL:-$HOME/.cache/k8s-ai-agent/testbin/v1.34.4/kubectl}"
[ -x "$kubectl" ] || kubectl="$(scripts/test-cluster.sh bindir)/kubectl"
work="$(mktemp -d)"
registry_pid=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Layer 1: the C library, from Debian (cached by date: the suite moves slowly).
base="${K8S_AI_AGENT_CACHE:-$HOME/.cache/k8s-ai-agent}/image/bookworm-libc6-$(date +%Y%m).tar"
if [ ! -f "$base" ]; then
  mkdir -p "$(dirname "$base")"
  mmdebstrap --quiet --variant=extract --include=libc6 --mode=root --format=tar --skip=output/dev \
    --customize-hook='rm -rf "$1"/etc/apt "$1"/var/lib/apt "$1"/var/cache/apt "$1"/var/log/*' \
    bookworm "$base.tmp" "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian-security bookworm-security main"
  mv "$base.tmp" "$base"
fi

# Layer 2: the application, root-owned and read-only for the user it runs as. The files keep their
# times: the AOT cache is valid only for the jar it was trained with (size and mtime).
app="$work/app"
mkdir -p "$app/opt" "$app/usr/local/bin" "$app/etc" "$app/tmp" "$app/proc" "$app/dev" "$app/sys"
cp -a "$stage" "$app/opt/k8s-ai-agent"
# The entrypoint is the JVM with the full AOT cache (no shell to pick one per command).
rm -f "$app/opt/k8s-ai-agent/lib/k8s-ai-agent-light.aot"
cp "$kubectl" "$app/usr/local/bin/kubectl"
chmod 1777 "$app/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin\n' > "$app/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$app/etc/group"
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$app" -cf "$work/app.tar" .

# Assemble with crane through its own loopback registry (mutate needs a registry to read from).
port=$((20000 + RANDOM % 20000))
"$crane" registry serve --address "127.0.0.1:$port" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
ref="127.0.0.1:$port/k8s-ai-agent:$version"
"$crane" append --insecure --oci-empty-base -f "$base" -f "$work/app.tar" -t "$ref" >/dev/null
home=/opt/k8s-ai-agent
# The launcher's JVM options without its shell (the image has none), and with the full JIT: the
# image mostly runs the long-lived serve, where C2 pays off (the CLI launcher stops at C1 for start-up).
"$crane" mutate --insecure "$ref" -t "$ref" --set-platform linux/amd64 --user 65532:65532 --workdir /tmp \
  --entrypoint "$home/runtime/bin/java,-XX:+UseSerialGC,-XX:-UsePerfData,-XX:AOTCache=$home/lib/k8s-ai-agent.aot,-Xlog:disable,-Xlog:all=error:stderr,-jar,$home/lib/k8s-ai-agent.jar" \
  --cmd version -e HOME=/tmp -e PATH=/usr/local/bin:/usr/bin:/bin \
  -l org.opencontainers.image.title=k8s-ai-agent -l "org.opencontainers.image.version=$version" \
  -l org.opencontainers.image.description="Kubernetes assistant: analyze, audit, diagnose, generate, execute" >/dev/null
rm -rf "$work/oci"
"$crane" pull --insecure --format=oci "$ref" "$work/oci"
out="dist/k8s-ai-agent-$version-image.oci.tar"
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$work/oci" -cf "$out" .
echo "$out ($(du -h "$out" | cut -f1))"
