#!/usr/bin/env bash
# Benchmark of `serve` (issue 13): concurrent POST /api/v1/analyze on a 2,000-pod namespace of the
# real test cluster, without the watch cache (every request LISTs), while the cache fills (the first
# wave of requests), and served from the filled cache; next to `kubectl get pods -o json` of the
# same namespace. Prints p50/p99 latency, requests/s and errors per mode. Goal: p50 <= 100 ms from
# the cache, no errors.
#
#   scripts/bench-serve.sh      needs the test cluster (scripts/test-cluster.sh start) and the jar
#
# Env: LIVE_PODS (default 2000), CONCURRENCY (default 50), REQUESTS per mode (default 200), KEEP=1
# keeps the temp files (serve's logs). The machine may be shared: latency includes waiting for a CPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
. "$root/scripts/bench-lib.sh"
k8sai_select_jdk25
cd "$root"
LIVE_PODS="${LIVE_PODS:-2000}"
CONCURRENCY="${CONCURRENCY:-50}"
REQUESTS="${REQUESTS:-200}"
jar="$root/target/k8s-ai-agent.jar"
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -type f -print -quit)" ]; then
  scripts/build.sh >/dev/null
fi
if ! scripts/test-cluster.sh status >/dev/null 2>&1; then
  echo "bench-serve: the test cluster is not running; start it with scripts/test-cluster.sh start" >&2
  exit 2
fi
eval "$(scripts/test-cluster.sh env)"
kubectl="$K8S_AI_AGENT_TESTBIN/kubectl"
work="$(mktemp -d)"
ns="bench-serve-$$"
serve_pid=""
stop_serve() {
  if [ -n "$serve_pid" ]; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=""
  fi
}
cleanup() {
  stop_serve
  "$kubectl" delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

bench_create_pods "$kubectl" "$ns" "$LIVE_PODS" "$work"

# start_serve MODE: serve on a free loopback port with --watch-cache MODE; sets $base.
start_serve() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  bin/k8s-ai-agent serve --insecure-no-auth --listen "127.0.0.1:$port" --kubeconfig "$KUBECONFIG" \
    --watch-cache "$1" --audit-log "$work/audit-$1.jsonl" >"$work/serve-$1.out" 2>"$work/serve-$1.err" &
  serve_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fsS --max-time 1 "$base/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$serve_pid" 2>/dev/null || { echo "serve exited:"; cat "$work/serve-$1.err"; exit 1; }
    sleep 0.2
  done
  echo "serve did not answer /healthz"; exit 1
}

# fire LABEL COUNT: COUNT analyze requests, CONCURRENCY at a time; prints one result line.
fire() {
  python3 - "$base" "$ns" "$2" "$CONCURRENCY" "$1" <<'PY'
import json, sys, time, urllib.request, concurrent.futures as cf
base, ns, count, conc, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
body = json.dumps({"namespace": ns}).encode()
def one(_):
    start = time.perf_counter()
    try:
        req = urllib.request.Request(base + "/api/v1/analyze", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as r:
            r.read()
            source = (r.headers.get("X-K8sai-Snapshot") or "").split(";")[0].replace("source=", "")
            return time.perf_counter() - start, r.status == 200, source
    except Exception as e:
        return time.perf_counter() - start, False, type(e).__name__
t0 = time.perf_counter()
with cf.ThreadPoolExecutor(conc) as pool:
    results = list(pool.map(one, range(count)))
wall = time.perf_counter() - t0
lat = sorted(r[0] * 1000 for r in results)
pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * len(lat) + 0.5)) - 1)]
errors = sum(1 for r in results if not r[1])
sources = sorted({r[2] for r in results})
print(f"{label:<34} {count:>5} {conc:>5} {errors:>6} {pct(50):>8.0f} {pct(99):>8.0f} {count / wall:>7.1f}  {','.join(sources)}")
PY
}

echo "serve analyze on $LIVE_PODS pods (namespace $ns), $CONCURRENCY concurrent clients; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %5s %5s %6s %8s %8s %7s  %s\n' mode reqs conc errors "p50 ms" "p99 ms" "req/s" source
start_serve off
fire "no cache (LIST per request)" "$REQUESTS"
stop_serve
start_serve lazy
fire "cache filling (first wave)" "$CONCURRENCY"
fire "watch cache (warm)" "$REQUESTS"
stop_serve

times=()
for _ in 1 2 3; do
  s=$(date +%s%N)
  "$kubectl" get pods -n "$ns" -o json >/dev/null
  times+=($(( ($(date +%s%N) - s) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
echo "kubectl get pods -n $ns -o json ($LIVE_PODS pods), 3 runs: ${sorted% } ms (median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) ms)"
echo "goal: p50 <= 100 ms from the watch cache, 0 errors"
