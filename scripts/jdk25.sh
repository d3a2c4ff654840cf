# Sourced by the launcher and the build scripts: selects a JDK 25 by path and exports JAVA_HOME.
# Order: K8S_AI_AGENT_JAVA_HOME, JAVA_HOME (if it is 25), then /usr/lib/jvm/temurin-25*, then any /usr/lib/jvm/*25*.
# The check reads the JDK's release file (JAVA_VERSION="25…"), so the launcher starts no second JVM
# on every run; only a JDK without that file is asked by running it.
k8sai_is_jdk25() {
  [ -x "$1/bin/java" ] || return 1
  if [ -f "$1/release" ]; then
    grep -Eq '^JAVA_VERSION="25([."]|$)' "$1/release"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java\.specification\.version = 25$'
}
k8sai_select_jdk25() {
  local candidate
  for candidate in "${K8S_AI_AGENT_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] || continue
    if k8sai_is_jdk25 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "k8s-ai-agent: no JDK 25 found (looked at \$K8S_AI_AGENT_JAVA_HOME, \$JAVA_HOME and /usr/lib/jvm/temurin-25*). Install Temurin 25 under /usr/lib/jvm or point K8S_AI_AGENT_JAVA_HOME at a JDK 25." >&2
  return 1
}
