#!/usr/bin/env bash
# Builds the release tarball dist/k8s-ai-agent-VERSION-linux-amd64.tar.gz: a jlink runtime with just the
# modules jdeps finds in the jar, the jar, an AOT cache trained with that runtime, the launcher (and
# the kubectl plugin link), bash/zsh/fish completion, man pages and the example snapshot. It runs on a
# machine with no JDK. Also writes the krew plugin manifest next to it.
#   scripts/dist.sh [--no-build]    (--no-build: use target/k8s-ai-agent.jar as it is)
# Needs JDK 25 (scripts/jdk25.sh) and asciidoctor (man pages; .ci/run installs it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
k8sai_select_jdk25
cd "$root"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -q -B -ntp -DskipTests package
fi
jar=target/k8s-ai-agent.jar
[ -f "$jar" ] || { echo "dist.sh: $jar is missing (build without --no-build)" >&2; exit 2; }
command -v asciidoctor >/dev/null || { echo "dist.sh: asciidoctor is needed for the man pages (apt-get install asciidoctor)" >&2; exit 2; }
version="$(unzip -p "$jar" k8s-ai-agent-version.properties | sed -n 's/^version=//p')"
name="k8s-ai-agent-$version-linux-amd64"
stage="dist/$name"
rm -rf "$stage" "dist/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/lib" "$stage/share/completion" "$stage/share/man/man1" "$stage/share/k8s-ai-agent/examples"

# 1. The runtime: only the modules the jar (and its libraries) use.
# jdeps reads the classes and each dependency jar: on the shaded jar it sees picocli's
# META-INF/versions/9/module-info.class and analyses only that "module".
./mvnw -q -B -ntp -o dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
modules="$("$JAVA_HOME/bin/jdeps" -q --multi-release 25 --ignore-missing-deps --print-module-deps \
  --class-path "$(cat target/runtime-classpath.txt)" target/classes)"
# Added by hand: jdk.unsupported (sun.misc.Unsafe, which libraries probe by reflection, so jdeps misses
# it) and jdk.zipfs (a file system provider found through ServiceLoader: Helidon's metadata discovery
# opens the jar with it, so serve fails without it); not jdk.crypto.ec, an empty module since JDK 22
# (EC is in java.base). The JDK's own CDS archive comes with --generate-cds-archive, for runs where the
# AOT cache is not used.
modules="$(printf '%s\n' "${modules//,/$'\n'}" jdk.unsupported jdk.zipfs | sort -u | paste -sd,)"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --generate-cds-archive --output "$stage/runtime"
echo "$modules" | tr ',' '\n' > "$stage/runtime/MODULES"

# 2. The jar, and the AOT cache trained by that runtime on several commands (class path as the launcher's).
# When the test cluster is up (scripts/test-cluster.sh start), live analyze runs on it are part of the
# training as in scripts/build.sh: without them live analyze loads half its classes from the jar.
cp "$jar" "$stage/lib/k8s-ai-agent.jar"
cp examples/broken-shop.yaml "$stage/share/k8s-ai-agent/examples/"
live=()
if scripts/test-cluster.sh status >/dev/null 2>&1; then
  live=("$(scripts/test-cluster.sh env | sed -n 's/^export KUBECONFIG=//p')")
fi
(cd "$stage" && runtime/bin/java -XX:+UseSerialGC -XX:AOTCacheOutput=lib/k8s-ai-agent.aot -Xlog:disable -Xlog:all=error:stderr \
  -cp lib/k8s-ai-agent.jar dev.k8sai.cli.AotTraining share/k8s-ai-agent/examples/broken-shop.yaml "${live[@]}" 2>&1 \
  | grep -v '^Picked up JAVA_TOOL_OPTIONS' >&2 || true)
# A second, small cache for version, help and completion: a JDK 25 cache loads all its classes at
# start-up, and those commands need none of fabric8's or Jackson's (the launcher picks by command).
(cd "$stage" && runtime/bin/java -XX:+UseSerialGC -XX:AOTCacheOutput=lib/k8s-ai-agent-light.aot -Xlog:disable -Xlog:all=error:stderr \
  -cp lib/k8s-ai-agent.jar dev.k8sai.cli.AotTraining --light 2>&1 | grep -v '^Picked up JAVA_TOOL_OPTIONS' >&2 || true)
for cache in k8s-ai-agent.aot k8s-ai-agent-light.aot; do
  [ -f "$stage/lib/$cache" ] || { echo "dist.sh: the AOT cache $cache was not created" >&2; exit 1; }
done

# 3. Launcher and kubectl plugin link.
cp scripts/dist/launcher.sh "$stage/bin/k8s-ai-agent"
cp scripts/dist/young-gen.sh "$stage/lib/young-gen.sh"
chmod 755 "$stage/bin/k8s-ai-agent"
ln -s k8s-ai-agent "$stage/bin/kubectl-ai_agent"

# 4. Completion scripts and man pages, generated from the command tree by the tool itself.
for shell in bash zsh fish; do
  "$stage/bin/k8s-ai-agent" completion "$shell" > "$stage/share/completion/k8s-ai-agent.$shell"
done
codegen="$(scripts/dist/picocli-codegen.sh)"
adoc="$(mktemp -d)"
trap 'rm -rf "$adoc"' EXIT
"$JAVA_HOME/bin/java" -cp "$jar:$codegen" scripts/dist/ManPages.java "$adoc"
asciidoctor -b manpage -a "revnumber=$version" -a "mansource=k8s-ai-agent $version" -D "$stage/share/man/man1" "$adoc"/*.adoc
cp scripts/dist/INSTALL.md "$stage/INSTALL.md"

# 5. The tarball (owner-neutral, sorted, mtimes kept: the AOT cache checks the jar's).
tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -czf "dist/$name.tar.gz" "$name"
sha="$(sha256sum "dist/$name.tar.gz" | cut -d' ' -f1)"
sed -e "s/@VERSION@/$version/g" -e "s/@SHA256@/$sha/g" scripts/dist/krew-ai-agent.yaml > dist/ai-agent.krew.yaml
echo "dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1), runtime modules: $modules)"
