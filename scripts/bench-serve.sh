#!/usr/bin/env bash
# Benchmark of `serve` (issue 13): concurrent POST /api/v1/analyze on a 2,000-pod namespace of the
# real test cluster, without the watch cache (every request LISTs), while the cache fills (the first
# wave of requests), and served from the filled cache; next to `kubectl get pods -o json` of the
# same namespace. Prints p50/p99 latency, requests/s and errors per mode. Goal: p50 <= 100 ms from
# the cache, no errors.
#
#   scripts/bench-serve.sh      needs the test cluster (scripts/test-cluster.sh start) and the jar
#
# Env: LIVE_PODS (default 2000), CONCURRENCY (default 50: one wave per mode), WARM_REQUESTS (default
# 200: a longer run from the filled cache, for requests/s), KEEP=1 keeps the temp files (serve's logs).
# The machine may be shared: latency includes waiting for a CPU, so serve's CPU time per request
# (user+sys of its JVM, from /proc) is printed too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk25.sh"
. "$root/scripts/bench-lib.sh"
k8sai_select_jdk25
cd "$root"
LIVE_PODS="${LIVE_PODS:-2000}"
CONCURRENCY="${CONCURRENCY:-50}"
WARM_REQUESTS="${WARM_REQUESTS:-200}"
bench_fresh_jar "$root"
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
  python3 - "$base" "$ns" "$2" "$CONCURRENCY" "$1" "$serve_pid" "$(getconf CLK_TCK)" "$work/errors.txt" <<'PY'
import json, math, sys, time, urllib.request, urllib.error, concurrent.futures as cf
base, ns, count, conc, label, pid, hz, errfile = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], int(sys.argv[7]), sys.argv[8]
def cpu_ms():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / hz
body = json.dumps({"namespace": ns}).encode()
def one(_):
    start = time.perf_counter()
    try:
        req = urllib.request.Request(base + "/api/v1/analyze", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as r:
            r.read()
            source = (r.headers.get("X-K8sai-Snapshot") or "").split(";")[0].replace("source=", "")
            return time.perf_counter() - start, r.status == 200, source
    except urllib.error.HTTPError as e:
        return time.perf_counter() - start, False, f"HTTP {e.code}: " + e.read().decode(errors="replace")[:160]
    except Exception as e:
        return time.perf_counter() - start, False, f"{type(e).__name__}: {e}"[:160]
cpu0 = cpu_ms()
t0 = time.perf_counter()
with cf.ThreadPoolExecutor(conc) as pool:
    results = list(pool.map(one, range(count)))
wall = time.perf_counter() - t0
cpu = (cpu_ms() - cpu0) / count
lat = sorted(r[0] * 1000 for r in results)
pct = lambda p: lat[max(0, math.ceil(p / 100 * len(lat)) - 1)]  # nearest rank
failed = [r[2] for r in results if not r[1]]
sources = sorted({r[2] for r in results if r[1]})
print(f"{label:<30} {count:>5} {conc:>5} {len(failed):>6} {pct(50):>8.0f} {pct(99):>8.0f} {count / wall:>6.1f} {cpu:>7.0f}  {','.join(sources)}")
if failed:
    with open(errfile, "a") as f:
        for kind in sorted(set(failed)):
            f.write(f"  {label}: {failed.count(kind)} x {kind}\n")
PY
}

echo "serve analyze on $LIVE_PODS pods (namespace $ns), $CONCURRENCY concurrent clients; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-30s %5s %5s %6s %8s %8s %6s %7s  %s\n' mode reqs conc errors "p50 ms" "p99 ms" "req/s" "CPU ms" source
start_serve off
fire "no cache (LIST per request)" "$CONCURRENCY"
stop_serve
start_serve lazy
fire "cache filling (first wave)" "$CONCURRENCY"
fire "watch cache (one wave)" "$CONCURRENCY"
fire "watch cache (sustained)" "$WARM_REQUESTS"
stop_serve
[ -f "$work/errors.txt" ] && { echo "errors:"; cat "$work/errors.txt"; }

times=()
for _ in 1 2 3; do
  s=$(date +%s%N)
  "$kubectl" get pods -n "$ns" -o json >/dev/null
  times+=($(( ($(date +%s%N) - s) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
echo "kubectl get pods -n $ns -o json ($LIVE_PODS pods), 3 runs: ${sorted% } ms (median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) ms)"
echo "goal: p50 <= 100 ms from the watch cache, 0 errors"
