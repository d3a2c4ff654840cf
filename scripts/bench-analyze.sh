#!/usr/bin/env bash
# Benchmark of `analyze` (issue 4 budget: < 2 s wall and < 512 MiB for 10,000 pods).
#
#   scripts/bench-analyze.sh            file mode: generate a 10,000-pod snapshot (plus deployments,
#                                       replica sets, services, config maps, events), run the real jar
#                                       `analyze -f` on it with -Xmx512m, print wall/CPU time and peak RSS
#   scripts/bench-analyze.sh live       also, when the test cluster runs (scripts/test-cluster.sh start),
#                                       create an empty namespace and one with 2,000 pods, and time live
#                                       analyze of each next to `kubectl get pods -o json` of the same
#                                       namespace (wall, CPU, ratios, load average; LIST times from --verbose)
#
# Env: PODS (default 10000), LIVE_PODS (default 2000), RUNS (default 5), KEEP=1 keeps the temp files,
#      SKIP_FILE=1 skips the file mode (with live),
#      AOT=1 first trains a JDK 25 AOT cache (JEP 483/514/515) on one run and uses it for the timed runs,
#      to measure what the launcher would gain from shipping one.
# The machine is shared: wall time includes waiting for a CPU, so CPU time (user+sys) is printed too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
. "$root/scripts/bench-lib.sh"
k8sai_select_jdk25
cd "$root"
PODS="${PODS:-10000}"
LIVE_PODS="${LIVE_PODS:-2000}"
RUNS="${RUNS:-5}"
jar="$root/target/k8s-ai-agent.jar"
bench_fresh_jar "$root"
# What users run: the launcher (Serial GC, and the AOT cache scripts/build.sh trains), with the heap
# capped at 512 MiB on top. PLAIN=1 measures a bare `java -Xmx512m -jar` instead.
if [ "${PLAIN:-0}" = 1 ]; then
  java=("$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -jar "$jar")
  how="java -Xmx512m -XX:+UseSerialGC -jar k8s-ai-agent.jar"
else
  export JAVA_TOOL_OPTIONS="-Xmx512m"
  java=("$root/bin/k8s-ai-agent")
  how="bin/k8s-ai-agent (JAVA_TOOL_OPTIONS=-Xmx512m$( [ -f "${jar%.jar}.aot" ] && echo ", AOT cache" || true))"
fi

work="$(mktemp -d)"
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

# One timed run: prints "wall_s cpu_s maxrss_mib exit".
timed() {
  local out="$work/time.txt"
  set +e
  /usr/bin/time -f '%e %U %S %M %x' -o "$out" "$@" >"$work/stdout" 2>"$work/stderr"
  set -e
  # GNU time prefixes "Command exited with non-zero status N" when analyze exits 1 (findings).
  tail -n 1 "$out" | awk '{printf "%s %.2f %.0f %s\n", $1, $2 + $3, $4 / 1024, $5}'
}

# column_stat FILE COLUMN median|best: the median or the minimum of one column of numbers.
column_stat() {
  sort -g -k "$2,$2" "$1" | awk -v c="$2" -v stat="$3" '{v[NR]=$c} END{
    if (stat == "best") print v[1]; else if (NR % 2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'
}
# summary FILE COL LABEL [COL LABEL...]: "median X s, best Y s" per column (the VM's wall time is noisy).
summary() {
  local file="$1"; shift
  local line="  "
  while [ $# -gt 0 ]; do
    line="$line$2 median $(column_stat "$file" "$1" median)s best $(column_stat "$file" "$1" best)s; "
    shift 2
  done
  echo "${line%; }"
}

python3 - "$PODS" "$work/snapshot.json" <<'PY'
import json, sys, random
pods, path = int(sys.argv[1]), sys.argv[2]
random.seed(42)
items = []
per_deploy = 20
namespaces = [f"team-{i:02d}" for i in range(20)]
ts = "2026-11-20T10:00:00Z"
for d in range(pods // per_deploy):
    ns = namespaces[d % len(namespaces)]
    app = f"app-{d:04d}"
    rs = f"{app}-5d8f7c9b4"
    items.append({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": app, "namespace": ns, "uid": f"d-{d}", "labels": {"app": app}, "creationTimestamp": ts},
        "spec": {"replicas": per_deploy, "selector": {"matchLabels": {"app": app}},
                 "template": {"metadata": {"labels": {"app": app}}, "spec": {"containers": [{"name": "main", "image": f"registry.example/{app}:1.0"}]}}},
        "status": {"replicas": per_deploy, "readyReplicas": per_deploy, "availableReplicas": per_deploy, "updatedReplicas": per_deploy,
                   "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "lastTransitionTime": ts}]}})
    items.append({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": rs, "namespace": ns, "uid": f"rs-{d}", "labels": {"app": app, "pod-template-hash": "5d8f7c9b4"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": app, "uid": f"d-{d}", "controller": True}]},
        "spec": {"replicas": per_deploy, "selector": {"matchLabels": {"app": app}}},
        "status": {"replicas": per_deploy, "readyReplicas": per_deploy, "availableReplicas": per_deploy}})
    items.append({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": app, "namespace": ns, "labels": {"app": app}},
        "spec": {"selector": {"app": app}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}})
    items.append({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": f"{app}-config", "namespace": ns}, "data": {"LOG_LEVEL": "info", "FEATURE_X": "on"}})
    for p in range(per_deploy):
        name = f"{rs}-{p:05d}"
        crash = random.random() < 0.03
        state = ({"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"}} if crash
                 else {"running": {"startedAt": ts}})
        items.append({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "uid": f"p-{d}-{p}", "creationTimestamp": ts,
                         "labels": {"app": app, "pod-template-hash": "5d8f7c9b4"},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "uid": f"rs-{d}", "controller": True}]},
            "spec": {"nodeName": f"node-{p % 50}", "serviceAccountName": "default",
                     "containers": [{"name": "main", "image": f"registry.example/{app}:1.0",
                                     "ports": [{"name": "http", "containerPort": 8080}],
                                     "envFrom": [{"configMapRef": {"name": f"{app}-config"}}],
                                     "env": [{"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
                                     "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
                                     "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
                                     "volumeMounts": [{"name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": True}]}],
                     "volumes": [{"name": "kube-api-access", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3607}}]}}]},
            "status": {"phase": "Running", "podIP": f"10.{d % 250}.{p}.1", "startTime": ts,
                       "conditions": [{"type": t, "status": "False" if crash and t in ("Ready", "ContainersReady") else "True", "lastTransitionTime": ts}
                                      for t in ("PodScheduled", "Initialized", "ContainersReady", "Ready")],
                       "containerStatuses": [{"name": "main", "image": f"registry.example/{app}:1.0", "imageID": "", "ready": not crash,
                                              "restartCount": 14 if crash else 0, "state": state,
                                              **({"lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ts}}} if crash else {})}]}})
        if crash:
            items.append({"apiVersion": "v1", "kind": "Event",
                "metadata": {"name": f"{name}.backoff", "namespace": ns},
                "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": name, "namespace": ns},
                "type": "Warning", "reason": "BackOff", "message": "Back-off restarting failed container main",
                "count": 42, "firstTimestamp": ts, "lastTimestamp": "2026-11-20T10:30:00Z"})
with open(path, "w") as f:
    json.dump({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}, f)
print(f"generated {sum(1 for i in items if i['kind'] == 'Pod')} pods, {len(items)} objects", file=sys.stderr)
PY
if [ "${AOT:-0}" = 1 ]; then
  "$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -XX:AOTCacheOutput="$work/app.aot" -jar "$jar" \
    analyze -f "$work/snapshot.json" -o json >/dev/null 2>"$work/aot.log" || true
  java=("$JAVA_HOME/bin/java" -Xmx512m -XX:+UseSerialGC -XX:AOTCache="$work/app.aot" -jar "$jar")
  how="java -Xmx512m -XX:AOTCache=(trained on this snapshot) -jar k8s-ai-agent.jar"
  echo "using AOT cache $(du -h "$work/app.aot" | cut -f1) trained on the same snapshot"
fi
if [ "${SKIP_FILE:-0}" != 1 ]; then
size_mib=$(( $(stat -c %s "$work/snapshot.json") / 1024 / 1024 ))
echo "file mode: $PODS pods, snapshot $size_mib MiB, $RUNS runs of: $how analyze -f FILE -o json"
: >"$work/file-runs.txt"
for i in $(seq 1 "$RUNS"); do
  read -r wall cpu rss rc < <(timed "${java[@]}" analyze -f "$work/snapshot.json" -o json --verbose)
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
    echo "run $i failed (exit $rc):"; cat "$work/stderr"; exit 1
  fi
  echo "$wall $cpu" >>"$work/file-runs.txt"
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/stdout")
  echo "  run $i: wall ${wall}s  cpu ${cpu}s  peak RSS ${rss} MiB  exit $rc  findings $findings  ($(grep -o 'read [0-9]* ms.*' "$work/stderr" || true))  load $(cut -d' ' -f1-3 /proc/loadavg)"
done
summary "$work/file-runs.txt" 1 "wall" 2 "cpu"
echo "budget: wall < 2 s, RSS < 512 MiB; round-two goal: wall < 1 s"
fi

if [ "${1:-}" = live ]; then
  if ! scripts/test-cluster.sh status >/dev/null 2>&1; then
    echo "live mode: test cluster not running (scripts/test-cluster.sh start); skipped"
    exit 0
  fi
  eval "$(scripts/test-cluster.sh env)"
  kubectl="$K8S_AI_AGENT_TESTBIN/kubectl"
  ns="bench-$$"
  trap '"$kubectl" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; cleanup' EXIT
  echo "live mode: $(bench_create_pods "$kubectl" "$ns" "$LIVE_PODS" "$work")"
  empty="bench-empty-$$"
  "$kubectl" create namespace "$empty" >/dev/null
  trap '"$kubectl" delete namespace "$ns" "$empty" --wait=false >/dev/null 2>&1 || true; cleanup' EXIT
  # Side by side, alternating, so both see the same load: our analyze of the namespace and
  # `kubectl get pods -o json` of it. The machine is shared, so the load average is printed too.
  for target in "$empty" "$ns"; do
    label=$([ "$target" = "$empty" ] && echo "empty namespace" || echo "$LIVE_PODS pods")
    echo "live mode, $label: analyze -n NS -o json next to kubectl get pods -n NS -o json"
    : >"$work/pairs.txt"
    for i in $(seq 1 "$RUNS"); do
      read -r wall cpu rss rc < <(timed "${java[@]}" analyze -n "$target" --kubeconfig "$KUBECONFIG" -o json --verbose)
      if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
        echo "live run $i failed (exit $rc):"; cat "$work/stderr"; exit 1
      fi
      timing="$(grep -o 'read [0-9]* ms.*' "$work/stderr" || true)"
      read -r kwall kcpu krss krc < <(timed "$kubectl" get pods -n "$target" -o json)
      echo "$wall $cpu $kwall $kcpu" >>"$work/pairs.txt"
      printf '  run %s: ours wall %ss cpu %ss RSS %s MiB (%s) | kubectl wall %ss cpu %ss | ratio wall %s cpu %s | load %s\n' \
        "$i" "$wall" "$cpu" "$rss" "$timing" "$kwall" "$kcpu" \
        "$(awk -v a="$wall" -v b="$kwall" 'BEGIN{printf "%.1fx", a/(b>0?b:0.01)}')" \
        "$(awk -v a="$cpu" -v b="$kcpu" 'BEGIN{printf "%.1fx", a/(b>0?b:0.01)}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
      if [ "$target" = "$ns" ] && [ "$i" = 1 ]; then
        grep 'LIST' "$work/stderr" | sed 's/^k8s-ai-agent: /    /' || true
      fi
    done
    # Median and best of the runs for each side (best: the least disturbed by other work) and their ratios.
    summary "$work/pairs.txt" 1 "ours wall" 2 "ours cpu" 3 "kubectl wall" 4 "kubectl cpu"
    for stat in median best; do
      printf '  %s ratios: wall %s cpu %s\n' "$stat" \
        "$(awk -v a="$(column_stat "$work/pairs.txt" 1 "$stat")" -v b="$(column_stat "$work/pairs.txt" 3 "$stat")" 'BEGIN{printf "%.2fx", a/(b>0?b:0.01)}')" \
        "$(awk -v a="$(column_stat "$work/pairs.txt" 2 "$stat")" -v b="$(column_stat "$work/pairs.txt" 4 "$stat")" 'BEGIN{printf "%.2fx", a/(b>0?b:0.01)}')"
    done
  done
  echo "goals: empty namespace <= 1.0 s wall; $LIVE_PODS pods <= 1.2x kubectl's wall and <= 1.5x its CPU"
  # The jar lists only what the registered analyzers need; this harness always lists the pod and
  # service checks' kinds, so the LIST cost is visible whatever analyzers this build has.
  if [ -d target/test-classes/dev/k8sai/bench ]; then
    ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1
    echo "  LiveSnapshotSource harness (pods, services, events, configmaps, secrets, replicasets, deployments):"
    "$JAVA_HOME/bin/java" -Xmx512m -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" \
      dev.k8sai.bench.LiveReadBench "$KUBECONFIG" "$ns" "$RUNS" | sed 's/^/    /'
  fi
fi
