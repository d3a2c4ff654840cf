#!/usr/bin/env bash
# Prints the path of picocli-codegen (the man page generator, build time only) in the local Maven
# repository, fetching it from Maven Central on first use; the version follows the pom's picocli.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' "$root/pom.xml")"
jar="$HOME/.m2/repository/info/picocli/picocli-codegen/$version/picocli-codegen-$version.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -ntp dependency:get "-Dartifact=info.picocli:picocli-codegen:$version" -Dtransitive=false >&2)
fi
echo "$jar"
