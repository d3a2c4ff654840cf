#!/usr/bin/env bash
# Tests the release tarball as a user gets it: extracted into an empty directory and run with an
# environment that has no JDK on PATH and no JAVA_HOME; the AOT cache must be usable from there; the
# shipped bash completion and man pages work. Builds the tarball first unless DIST_TARBALL is given.
#   scripts/test-dist.sh      (after the jar is built: scripts/test.sh runs it after Maven)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fail() { echo "test-dist: FAILED: $*" >&2; exit 1; }
tarball="${DIST_TARBALL:-}"
if [ -z "$tarball" ]; then
  scripts/dist.sh --no-build
  tarball="$(ls -t dist/k8s-ai-agent-*-linux-amd64.tar.gz | head -1)"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty" "$work/path" "$work/home"
tar -xzf "$tarball" -C "$work/empty"
home="$(ls -d "$work"/empty/k8s-ai-agent-*-linux-amd64)"
# The only tool the launcher needs besides the bundled runtime; no java, no JDK.
ln -s "$(command -v readlink)" "$work/path/readlink"
run() { env -i HOME="$work/home" PATH="$work/path" "$@"; }
run /bin/sh -c 'command -v java' >/dev/null 2>&1 && fail "java is on the test PATH"

out="$(run "$home/bin/k8s-ai-agent" version)" || fail "version exited $?"
grep -q '^k8s-ai-agent [0-9]' <<<"$out" || fail "version printed: $out"
grep -q '^Java 25' <<<"$out" || fail "version printed no Java 25 runtime: $out"
echo "test-dist: version from the extracted tarball: $(head -1 <<<"$out")"

set +e
json="$(run "$home/bin/k8s-ai-agent" analyze -f "$home/share/k8s-ai-agent/examples/broken-shop.yaml" -o json)"
status=$?
set -e
[ "$status" -eq 1 ] || fail "analyze -f of the broken example should exit 1, got $status"
grep -q '"reason": "CrashLoopBackOff"' <<<"$json" || fail "analyze -f found no CrashLoopBackOff"
echo "test-dist: analyze -f from the extracted tarball: exit 1 with $(grep -c '"reason"' <<<"$json") findings"

# Through the kubectl plugin link, and with the AOT cache required (AOTMode=on refuses a cache it cannot use).
run "$home/bin/kubectl-ai_agent" version >/dev/null || fail "kubectl-ai_agent link"
kubectl="$HOME/.cache/k8s-ai-agent/testbin/v1.34.4/kubectl"
if [ -x "$kubectl" ]; then # kubectl's own plugin lookup finds bin/kubectl-ai_agent on PATH
  env -i HOME="$work/home" PATH="$home/bin:$work/path" "$kubectl" ai-agent version | grep -q '^k8s-ai-agent ' \
    || fail "kubectl ai-agent version"
  echo "test-dist: kubectl ai-agent version runs the plugin link"
fi
for cache in k8s-ai-agent.aot k8s-ai-agent-light.aot; do
  aot_opts="-XX:+UseSerialGC -XX:AOTMode=on -XX:AOTCache=$home/lib/$cache -Xlog:disable -Xlog:all=error:stderr"
  K8S_AI_AGENT_JAVA_OPTS="$aot_opts" run "$home/bin/k8s-ai-agent" version >/dev/null 2>"$work/aot.err" \
    || fail "the AOT cache $cache is not usable after extraction: $(cat "$work/aot.err")"
done
echo "test-dist: both AOT caches map in the extracted directory"

# The shipped bash completion, sourced in a real bash.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _complete_k8s-ai-agent k8s-ai-agent "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$home/share/completion/k8s-ai-agent.bash" "$@" 2>/dev/null
}
[ "$(complete_words k8s-ai-agent an)" = "analyze" ] || fail "completion of 'an': $(complete_words k8s-ai-agent an)"
[ "$(complete_words k8s-ai-agent analyze --fil | sort | tr '\n' ' ')" = "--file --filter " ] || fail "completion of 'analyze --fil'"
echo "test-dist: bash completion from share/completion: an -> analyze, analyze --fil -> --file --filter"

for page in k8s-ai-agent k8s-ai-agent-analyze k8s-ai-agent-audit k8s-ai-agent-completion k8s-ai-agent-config-set; do
  head -c 4096 "$home/share/man/man1/$page.1" | grep -q '^\.TH "K8S.-AI.-AGENT' || fail "man page $page.1"
done
echo "test-dist: passed ($(du -h "$tarball" | cut -f1) tarball, runtime modules: $(tr '\n' ' ' < "$home/runtime/MODULES"))"
