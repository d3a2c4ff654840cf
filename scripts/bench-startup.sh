#!/usr/bin/env bash
# Start-up benchmark: `version`, `--help` and `analyze -f examples/broken-shop.yaml` of the release
# layout, side by side with `kubectl version --client` in the same run (interleaved, so a busy machine
# hurts all alike), medians of wall and CPU time and the ratios to kubectl.
#   scripts/bench-startup.sh [RUNS]     (default 11)
#   K8S_AI_AGENT_BASELINE=/path/to/old/bin/k8s-ai-agent scripts/bench-startup.sh   (before/after, paired)
# The tool: $K8S_AI_AGENT_BIN, else the launcher of dist/k8s-ai-agent-*-linux-amd64/ (scripts/dist.sh).
# kubectl: $KUBECTL, else the test cluster's v1.34.4 in ~/.cache/k8s-ai-agent/testbin, else PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
tool="${K8S_AI_AGENT_BIN:-$(ls -d "$root"/dist/k8s-ai-agent-*-linux-amd64/bin/k8s-ai-agent 2>/dev/null | head -1)}"
[ -n "$tool" ] && [ -x "$tool" ] || { echo "bench-startup.sh: no release layout; run scripts/dist.sh first (or set K8S_AI_AGENT_BIN)" >&2; exit 2; }
kubectl="${KUBECTL:-$HOME/.cache/k8s-ai-agent/testbin/v1.34.4/kubectl}"
[ -x "$kubectl" ] || kubectl="$(command -v kubectl || true)"
[ -n "$kubectl" ] || { echo "bench-startup.sh: no kubectl found (set KUBECTL)" >&2; exit 2; }
example="$root/examples/broken-shop.yaml"
names=("kubectl version --client" "k8s-ai-agent version" "k8s-ai-agent --help" "k8s-ai-agent analyze -f broken-shop.yaml")
cmds=("$kubectl version --client" "$tool version" "$tool --help" "$tool analyze -f $example --no-exit-code")
# K8S_AI_AGENT_BASELINE=another launcher: its three commands join the same interleaved runs, so a
# before/after comparison on a busy machine meets the same load.
if [ -n "${K8S_AI_AGENT_BASELINE:-}" ]; then
  base="$K8S_AI_AGENT_BASELINE"
  names+=("baseline version" "baseline --help" "baseline analyze -f broken-shop.yaml")
  cmds+=("$base version" "$base --help" "$base analyze -f $example --no-exit-code")
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((r = 0; r < runs; r++)); do
  for i in "${!cmds[@]}"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086 # the command lines are split on purpose
    /usr/bin/time -f "%U %S" -o "$tmp/cpu" ${cmds[$i]} >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 ))" >> "$tmp/wall.$i"
    awk '{printf "%d\n", ($1 + $2) * 1000}' "$tmp/cpu" >> "$tmp/cpu.$i"
  done
done
median() { sort -n "$1" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
echo "start-up, median of $runs interleaved runs on $(nproc) cores (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-42s %9s %9s %11s %10s\n' "command" "wall ms" "CPU ms" "wall ratio" "CPU ratio"
kw="$(median "$tmp/wall.0")"
kc="$(median "$tmp/cpu.0")"
for i in "${!cmds[@]}"; do
  w="$(median "$tmp/wall.$i")"
  c="$(median "$tmp/cpu.$i")"
  awk -v n="${names[$i]}" -v w="$w" -v c="$c" -v kw="$kw" -v kc="$kc" \
    'BEGIN {printf "%-42s %9d %9d %10.1fx %9.1fx\n", n, w, c, w / (kw ? kw : 1), c / (kc ? kc : 1)}'
done
