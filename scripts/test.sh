#!/usr/bin/env bash
# Runs the whole test suite: selects JDK 25, provisions the real test API server (built from Go
# modules on first use, cached afterwards), then runs Maven's tests. Extra args go to Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
if [ -x scripts/test-cluster.sh ]; then
  scripts/test-cluster.sh build
fi
./mvnw -B -ntp verify "$@"
