#!/usr/bin/env bash
# Provisions the official Python MCP SDK (PyPI `mcp`, pinned) in a cached virtual environment for the
# MCP tests: an independent client that drives `k8s-ai-agent mcp`, and a small MCP server the agent
# uses. Installs only `mcp`; does nothing when the pinned version is already there.
# Prints the venv's python on stdout.
set -euo pipefail
MCP_VERSION="1.26.0"
venv="${K8S_AI_AGENT_MCP_VENV:-$HOME/.cache/k8s-ai-agent/mcp-venv}"
py="$venv/bin/python"
if [ -x "$py" ] && [ "$("$py" -c 'import importlib.metadata as m; print(m.version("mcp"))' 2>/dev/null)" = "$MCP_VERSION" ]; then
  echo "$py"
  exit 0
fi
python=$(command -v python3 || true)
if [ -z "$python" ]; then
  echo "mcp-venv: python3 is needed for the MCP tests" >&2
  exit 2
fi
echo "mcp-venv: installing mcp==$MCP_VERSION into $venv" >&2
mkdir -p "$(dirname "$venv")"
if ! "$python" -m venv "$venv" >&2 2>/dev/null; then
  # Debian's python3 keeps venv in a separate package
  apt-get install -y -qq python3-venv >/dev/null && "$python" -m venv "$venv" >&2
fi
"$venv/bin/pip" install -q --disable-pip-version-check "mcp==$MCP_VERSION" >&2
echo "$py"
