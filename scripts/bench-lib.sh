# Shared pieces of the benchmark scripts (sourced, not run).

# bench_create_pods KUBECTL NAMESPACE COUNT WORKDIR: creates NAMESPACE with COUNT small pods (20 per
# "app" label, no node runs them: the API server and analyze see them as they are) and prints how long
# creating them took.
bench_create_pods() {
  local kubectl="$1" ns="$2" count="$3" work="$4"
  "$kubectl" create namespace "$ns" >/dev/null
  python3 - "$count" "$work/live.json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
items = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"p-{i:05d}", "labels": {"app": f"app-{i // 20:03d}"}},
          "spec": {"containers": [{"name": "main", "image": "registry.example/app:1.0",
                                   "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}} for i in range(n)]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(path, "w"))
PY
  local start; start=$(date +%s.%N)
  "$kubectl" apply -n "$ns" -f "$work/live.json" >/dev/null
  echo "created $count pods in namespace $ns in $(python3 -c "import time,sys; print(round(time.time()-float(sys.argv[1]),1))" "$start")s"
}

# bench_fresh_jar ROOT: rebuilds ROOT/target/k8s-ai-agent.jar when it is missing or older than any main
# source, so the numbers are for this code.
bench_fresh_jar() {
  local root="$1" jar="$1/target/k8s-ai-agent.jar"
  if [ ! -f "$jar" ] || [ -n "$(cd "$root" && find src/main pom.xml -newer "$jar" -type f -print -quit)" ]; then
    "$root/scripts/build.sh" >/dev/null
  fi
}
