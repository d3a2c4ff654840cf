#!/usr/bin/env bash
# Tests the OCI image archive without a container engine: unpacks its layers in order (index ->
# manifest -> layers, as a runtime does) into a root file system, then runs the image's own entrypoint
# as its own user from that root — read-only, with only /tmp writable, in a private mount namespace
# (unshare + chroot): `version`, and `analyze -f` of the example shipped in the image.
#   scripts/test-image.sh [IMAGE.oci.tar]    (default: the newest dist/*-image.oci.tar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fail() { echo "test-image: FAILED: $*" >&2; exit 1; }
image="${1:-$(ls -t dist/k8s-ai-agent-*-image.oci.tar 2>/dev/null | head -1)}"
[ -f "$image" ] || fail "no image archive (scripts/image.sh)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/oci" "$work/rootfs"
tar -xf "$image" -C "$work/oci"
blob() { echo "$work/oci/blobs/${1%%:*}/${1#*:}"; }
jq -e '.schemaVersion == 2' "$work/oci/oci-layout" >/dev/null 2>&1 || jq -e '.imageLayoutVersion' "$work/oci/oci-layout" >/dev/null \
  || fail "not an OCI layout"
manifest="$(blob "$(jq -r '.manifests[0].digest' "$work/oci/index.json")")"
jq -e '.mediaType == "application/vnd.oci.image.manifest.v1+json"' "$manifest" >/dev/null || fail "not an OCI manifest"
config="$(blob "$(jq -r '.config.digest' "$manifest")")"
layers=0
for digest in $(jq -r '.layers[].digest' "$manifest"); do
  file="$(blob "$digest")"
  [ "$(sha256sum "$file" | cut -d' ' -f1)" = "${digest#sha256:}" ] || fail "layer $digest does not match its digest"
  tar -xzf "$file" -C "$work/rootfs"
  layers=$((layers + 1))
done
user="$(jq -r '.config.User' "$config")"
[ "$user" = "65532:65532" ] || fail "the image runs as '$user', not the non-root 65532"
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
[ -x "$work/rootfs${entrypoint[0]}" ] || fail "entrypoint ${entrypoint[0]} is not in the image"
[ ! -e "$work/rootfs/bin/sh" ] || fail "the image carries a shell"
echo "test-image: $layers layers unpacked ($(du -sh "$work/rootfs" | cut -f1)), user $user, entrypoint ${entrypoint[0]}"

# Run as a container would: the root read-only, a fresh /tmp, /proc and /dev, the image's user and a
# bare environment (the image has no env binary, so the environment is cleared before the chroot).
run() {
  env -i HOME=/tmp PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin unshare --mount --propagation private /bin/sh -c '
    set -e
    r="$1"; shift
    mount --bind "$r" "$r"
    mount -o remount,bind,ro "$r"
    mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    exec chroot --userspec=65532:65532 "$r" "$@"' _ "$work/rootfs" \
    "${entrypoint[@]}" "$@"
}
out="$(run version 2>"$work/err")" || fail "version in the image exited $?: $(cat "$work/err")"
[ ! -s "$work/err" ] || fail "version in the image wrote to stderr (is the AOT cache unusable?): $(cat "$work/err")"
grep -q '^k8s-ai-agent ' <<<"$out" || fail "version printed: $out"
set +e
json="$(run analyze -f /opt/k8s-ai-agent/share/k8s-ai-agent/examples/broken-shop.yaml -o json)"
status=$?
set -e
[ "$status" -eq 1 ] || fail "analyze -f in the image should exit 1 (critical findings), got $status"
grep -q '"reason": "CrashLoopBackOff"' <<<"$json" || fail "analyze -f in the image found no CrashLoopBackOff"
echo "test-image: version and analyze -f ran from the unpacked root (read-only, user 65532)"
echo "test-image: passed ($(du -h "$image" | cut -f1) archive)"
