#!/usr/bin/env bash
# Runs the whole test suite: selects JDK 25, provisions the real test API server (built from Go
# modules on first use, cached afterwards), runs Maven's tests (which build the jar), then smoke-tests
# the installed shape: the launcher running the README's main command. Extra args go to Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
if [ -x scripts/test-cluster.sh ]; then
  scripts/test-cluster.sh build
fi
# the MCP tests talk to the official Python MCP SDK (installed once into a cached venv)
K8S_AI_AGENT_MCP_PYTHON="$(scripts/mcp-venv.sh)"
export K8S_AI_AGENT_MCP_PYTHON
./mvnw -B -ntp verify "$@"

echo "launcher smoke test: bin/k8s-ai-agent"
bin/k8s-ai-agent --help >/dev/null
bin/k8s-ai-agent version
json="$(bin/k8s-ai-agent analyze -f examples/broken-shop.yaml -o json --no-exit-code)"
grep -q '"reason": "CrashLoopBackOff"' <<<"$json" || { echo "smoke test: expected a CrashLoopBackOff finding" >&2; exit 1; }
set +e
bin/k8s-ai-agent analyze -f examples/broken-shop.yaml >/dev/null
status=$?
set -e
[ "$status" -eq 1 ] || { echo "smoke test: analyze of the broken example should exit 1, got $status" >&2; exit 1; }
bin/k8s-ai-agent --dry-run --model qwen-plus execute "how many namespaces?" 2>/dev/null | grep -q "nothing was sent"
echo "launcher smoke test passed"

# Issue 16: the CI workflow files (actionlint, built from the Go module proxy and cached), the release
# tarball as a user gets it (no JDK), the chart on the real API server, the image.
"$(scripts/go-tool.sh actionlint)" -color=false && echo "actionlint: .github/workflows are clean"
scripts/test-dist.sh
scripts/test-deploy.sh
scripts/image.sh
scripts/test-image.sh
