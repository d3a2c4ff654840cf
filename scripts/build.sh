#!/usr/bin/env bash
# Builds the runnable fat jar target/k8s-ai-agent.jar with JDK 25 (tests are run by scripts/test.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
./mvnw -q -B -DskipTests package "$@"
echo "built $root/target/k8s-ai-agent.jar (run it with bin/k8s-ai-agent)"
