#!/bin/sh
# k8s-ai-agent launcher of the release tarball: the bundled Java runtime and the AOT cache trained for
# it; no JDK needed, and no second JVM to check a version. Works through symlinks (kubectl-ai_agent,
# a link in /usr/local/bin). K8S_AI_AGENT_JAVA_OPTS replaces the JVM options.
self="$(readlink -f "$0")"
home="${self%/bin/*}"
exec "$home/runtime/bin/java" ${K8S_AI_AGENT_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:AOTCache="$home/lib/k8s-ai-agent.aot" -Xlog:disable -Xlog:all=error:stderr} \
  -jar "$home/lib/k8s-ai-agent.jar" "$@"
