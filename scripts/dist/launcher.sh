#!/bin/sh
# k8s-ai-agent launcher of the release tarball: the bundled Java runtime and the AOT cache trained for
# it; no JDK needed, and no second JVM to check a version. Works through symlinks (kubectl-ai_agent,
# a link in /usr/local/bin). The JIT stops at C1: CLI runs are short, and C2 compiles cost more than
# they return (CPU for version 0.41 s vs 0.54 s, analyze -f of the example 1.05 s vs 1.48 s, medians
# on this 2-core machine). K8S_AI_AGENT_JAVA_OPTS replaces the JVM options (e.g. for a long `serve`).
# Two AOT caches: a JDK 25 cache loads every class it holds at start-up, so version, help and
# completion use a small one trained on just them, every other command the full one.
self="$(readlink -f "$0")"
home="${self%/bin/*}"
case "${1:-}" in
  version|--version|-V|help|--help|-h|completion|"") cache=k8s-ai-agent-light.aot ;;
  *) cache=k8s-ai-agent.aot ;;
esac
# analyze and audit: a young generation that holds a whole snapshot read (see lib/young-gen.sh)
. "$home/lib/young-gen.sh"
young="$(k8sai_young_gen "$@")"
exec "$home/runtime/bin/java" ${K8S_AI_AGENT_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:AOTCache="$home/lib/$cache" -Xlog:disable -Xlog:all=error:stderr $young} \
  -jar "$home/lib/k8s-ai-agent.jar" "$@"
