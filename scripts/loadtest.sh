#!/usr/bin/env bash
# Loopback load measurements of the Pillar server (docs/benchmarks.md, section "Server"):
#   - start-up time to a ready /health: first start on an empty data directory and restart on a seeded one (median of N)
#   - resident memory (VmRSS) after start, under decision load, and the peak (VmHWM)
#   - baseline: GET /health/live (no auth, no store), single decisions (POST /api/v1/decisions with the admin
#     token), the same release as an AuthZEN evaluation (POST /access/v1/evaluation) and batches of 10,000
#     (POST /api/v1/decisions/batch, in full and with ?view=outcome), each measured with
#     wrk; median of RUNS runs
# Starts its own server on a temporary data directory and stops it at the end. Needs wrk (Debian package 'wrk';
# installed with apt-get when run as root) and curl. Builds target/pillar.jar if it is missing. Takes about 10 minutes;
# the temporary data directory grows to about 15 GB (every decision is stored) and is deleted at the end.
#
#   scripts/loadtest.sh                      # defaults below
#   RUNS=3 DURATION=30s CONNECTIONS=32 THREADS=2 STARTS=5 scripts/loadtest.sh
#   PILLAR_JAVA_OPTS="-Xmx2g" scripts/loadtest.sh      # after the defaults of `pillar serve` (scripts/jvm-options.sh)
#   PILLAR_SERVE_DEFAULTS=none scripts/loadtest.sh     # the JVM's own defaults instead (heap = 1/4 of RAM)
#
# Prints one line per measurement and a summary; RESULTS=FILE also writes the summary there.
set -euo pipefail

RUNS="${RUNS:-3}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
BATCH_CONNECTIONS="${BATCH_CONNECTIONS:-2}"
BATCH_SIZE="${BATCH_SIZE:-10000}"
STARTS="${STARTS:-5}"
PORT="${PORT:-18480}"
REQUEST='{"asOf":"2024-10-01","item":"A-UNDERSEA-001","recipient":"p-gbr-engineer"}'
# the same release as an AuthZEN evaluation
EVALUATION='{"subject":{"type":"person","id":"p-gbr-engineer"},"action":{"name":"release"},"resource":{"type":"item","id":"A-UNDERSEA-001"},"context":{"asOf":"2024-10-01"}}'

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
JAVA_HOME="$(pillar_find_jdk)" || exit 1
export JAVA_HOME
JAR="${PILLAR_JAR:-$ROOT/target/pillar.jar}"
# the server runs with the JVM options `pillar serve` uses
# shellcheck source=scripts/jvm-options.sh
source "$ROOT/scripts/jvm-options.sh"
if [[ "${PILLAR_SERVE_DEFAULTS:-}" == none ]]; then
  PILLAR_SERVE_JVM_DEFAULTS=""
fi

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (apt-get install -y wrk)" >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "error: wrk is not installed: apt-get install wrk" >&2
    exit 1
  fi
fi
if [[ ! -f "$JAR" ]]; then
  echo "building $JAR (./mvnw -q -DskipTests package)" >&2
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package >&2)
fi

WORK="$(mktemp -d -t pillar-load.XXXXXX)"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# start_server DATA_DIR -> sets SERVER_PID and STARTUP_MS (milliseconds from launch to the first 200 of /health)
start_server() {
  local data="$1" t0 t1
  t0=$(now_ms)
  # shellcheck disable=SC2086  # PILLAR_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" $PILLAR_SERVE_JVM_DEFAULTS ${PILLAR_JAVA_OPTS:-} -jar "$JAR" serve --port "$PORT" --data "$data" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 12000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; then
      t1=$(now_ms)
      STARTUP_MS=$((t1 - t0))
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "error: the server exited; log:" >&2; cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.01
  done
  echo "error: the server did not become ready in 120 s" >&2
  exit 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# ---- wrk scripts -------------------------------------------------------------------------------------------------
cat >"$WORK/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d sockerr=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
# single_request_lua FILE BODY: a wrk script that POSTs BODY as JSON with the admin token
single_request_lua() {
  cat >"$1" <<EOF
local f = assert(io.open("$WORK/data/admin-token", "r"))
local token = f:read("*l")
f:close()
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
$(cat "$WORK/report.lua")
EOF
}
single_request_lua "$WORK/decide.lua" "$REQUEST"
single_request_lua "$WORK/authzen.lua" "$EVALUATION"
cat >"$WORK/batch.lua" <<EOF
local f = assert(io.open("$WORK/data/admin-token", "r"))
local token = f:read("*l")
f:close()
local b = assert(io.open("$WORK/batch.json", "r"))
wrk.method = "POST"
wrk.body = b:read("*a")
b:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
$(cat "$WORK/report.lua")
EOF
{
  printf '{"requests":['
  for ((i = 0; i < BATCH_SIZE; i++)); do
    ((i > 0)) && printf ','
    printf '%s' "$REQUEST"
  done
  printf ']}'
} >"$WORK/batch.json"

# CPU time (user + system, clock ticks) the server process has used so far
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
CLK_TCK="$(getconf CLK_TCK)"

# run_wrk NAME LUA URL THREADS CONNECTIONS DURATION
#   -> prints "rps p50_ms p99_ms non2xx sockerr server_cpu_us_per_request"
# The server's CPU time per request does not depend on what else runs on the machine, unlike requests/s.
run_wrk() {
  local name="$1" lua="$2" url="$3" t="$4" c="$5" d="$6" out line c0 c1
  c0=$(cpu_ticks)
  out=$(wrk -t"$t" -c"$c" -d"$d" --timeout 30s -s "$lua" "$url")
  c1=$(cpu_ticks)
  line=$(grep '^RESULT' <<<"$out")
  awk -v name="$name" -v cpu=$(( c1 - c0 )) -v tck="$CLK_TCK" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%.2f %.2f %.2f %d %d %.1f\n", v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000,
        v["non2xx"], v["sockerr"], (v["requests"] > 0 ? cpu / tck * 1e6 / v["requests"] : 0)
    }' <<<"$line"
}

summary() { echo "$*" | tee -a "$WORK/summary.txt"; }

echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM" | tee "$WORK/summary.txt"
echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), options: ${PILLAR_SERVE_JVM_DEFAULTS:-(JVM defaults)} ${PILLAR_JAVA_OPTS:-}   wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')   load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/summary.txt"

# ---- start-up ----------------------------------------------------------------------------------------------------
first=() restart=()
for ((i = 1; i <= STARTS; i++)); do
  rm -rf "$WORK/start"
  start_server "$WORK/start"
  first+=("$STARTUP_MS")
  stop_server
  start_server "$WORK/start"
  restart+=("$STARTUP_MS")
  stop_server
  echo "start-up run $i: first start ${first[-1]} ms, restart ${restart[-1]} ms" >&2
done
summary "start-up to ready /health, median of $STARTS: first start (seeds the world) $(printf '%s\n' "${first[@]}" | median) ms [${first[*]}]; restart $(printf '%s\n' "${restart[@]}" | median) ms [${restart[*]}]"

# ---- the server under load ------------------------------------------------------------------------------------------
rm -rf "$WORK/data"
start_server "$WORK/data"
sleep 2
summary "RSS after start (idle 2 s): $(( $(rss_kb) / 1024 )) MiB"
BASE="http://127.0.0.1:$PORT"

echo "warm-up: $WARMUP of single decisions, 3 batches" >&2
run_wrk warmup "$WORK/decide.lua" "$BASE/api/v1/decisions" "$THREADS" "$CONNECTIONS" "$WARMUP" >/dev/null
for _ in 1 2 3; do
  curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$WORK/data/admin-token")" -H 'Content-Type: application/json' \
    --data-binary @"$WORK/batch.json" "$BASE/api/v1/decisions/batch"
done
run_wrk warmup "$WORK/report.lua" "$BASE/health/live" "$THREADS" "$CONNECTIONS" 5s >/dev/null

declare -A rps p50 p99 cpu
for ((r = 1; r <= RUNS; r++)); do
  read -r a b c n s u < <(run_wrk live "$WORK/report.lua" "$BASE/health/live" "$THREADS" "$CONNECTIONS" "$DURATION")
  rps[live]+="$a "; p50[live]+="$b "; p99[live]+="$c "; cpu[live]+="$u "
  echo "run $r GET /health/live: $a req/s p50 $b ms p99 $c ms (non-2xx $n, socket errors $s), server CPU $u us/request" >&2

  read -r a b c n s u < <(run_wrk decide "$WORK/decide.lua" "$BASE/api/v1/decisions" "$THREADS" "$CONNECTIONS" "$DURATION")
  under_load_rss=$(rss_kb)
  rps[decide]+="$a "; p50[decide]+="$b "; p99[decide]+="$c "; cpu[decide]+="$u "
  echo "run $r POST /api/v1/decisions: $a req/s p50 $b ms p99 $c ms (non-2xx $n, socket errors $s), server CPU $u us/request, RSS $((under_load_rss / 1024)) MiB" >&2

  read -r a b c n s u < <(run_wrk authzen "$WORK/authzen.lua" "$BASE/access/v1/evaluation" "$THREADS" "$CONNECTIONS" "$DURATION")
  rps[authzen]+="$a "; p50[authzen]+="$b "; p99[authzen]+="$c "; cpu[authzen]+="$u "
  echo "run $r POST /access/v1/evaluation: $a req/s p50 $b ms p99 $c ms (non-2xx $n, socket errors $s), server CPU $u us/request" >&2

  read -r a b c n s u < <(run_wrk batch "$WORK/batch.lua" "$BASE/api/v1/decisions/batch" 1 "$BATCH_CONNECTIONS" "$DURATION")
  rps[batch]+="$a "; p50[batch]+="$b "; p99[batch]+="$c "; cpu[batch]+="$u "
  echo "run $r POST /api/v1/decisions/batch ($BATCH_SIZE each): $a batches/s = $(awk -v a="$a" -v n="$BATCH_SIZE" 'BEGIN {printf "%.0f", a * n}') decisions/s, p50 $b ms p99 $c ms (non-2xx $n, socket errors $s), server CPU $u us/batch" >&2

  read -r a b c n s u < <(run_wrk brief "$WORK/batch.lua" "$BASE/api/v1/decisions/batch?view=outcome" 1 "$BATCH_CONNECTIONS" "$DURATION")
  rps[brief]+="$a "; p50[brief]+="$b "; p99[brief]+="$c "; cpu[brief]+="$u "
  echo "run $r POST /api/v1/decisions/batch?view=outcome ($BATCH_SIZE each): $a batches/s = $(awk -v a="$a" -v n="$BATCH_SIZE" 'BEGIN {printf "%.0f", a * n}') decisions/s, p50 $b ms p99 $c ms (non-2xx $n, socket errors $s), server CPU $u us/batch" >&2
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
live_rps=$(med "${rps[live]}") dec_rps=$(med "${rps[decide]}") batch_rps=$(med "${rps[batch]}")
batch_dps=$(awk -v a="$batch_rps" -v n="$BATCH_SIZE" 'BEGIN {printf "%.0f", a * n}')
brief_rps=$(med "${rps[brief]}")
brief_dps=$(awk -v a="$brief_rps" -v n="$BATCH_SIZE" 'BEGIN {printf "%.0f", a * n}')
summary "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, median of $RUNS runs:"
summary "  GET /health/live (baseline)      $live_rps req/s  p50 $(med "${p50[live]}") ms  p99 $(med "${p99[live]}") ms   runs: ${rps[live]}"
summary "  POST /api/v1/decisions           $dec_rps req/s  p50 $(med "${p50[decide]}") ms  p99 $(med "${p99[decide]}") ms   runs: ${rps[decide]}"
summary "  POST /access/v1/evaluation       $(med "${rps[authzen]}") req/s  p50 $(med "${p50[authzen]}") ms  p99 $(med "${p99[authzen]}") ms   runs: ${rps[authzen]}   (AuthZEN / single decisions: $(awk -v a="$(med "${rps[authzen]}")" -v b="$dec_rps" 'BEGIN {printf "%.3f", a / b}'))"
summary "  POST /api/v1/decisions/batch     $batch_rps req/s = $batch_dps decisions/s (wrk -t1 -c$BATCH_CONNECTIONS, $BATCH_SIZE per request)  p50 $(med "${p50[batch]}") ms  p99 $(med "${p99[batch]}") ms"
summary "  POST .../batch?view=outcome      $brief_rps req/s = $brief_dps decisions/s  p50 $(med "${p50[brief]}") ms  p99 $(med "${p99[brief]}") ms"
summary "server CPU time per request (independent of other load on the machine; capacity if the server had all $(nproc) CPUs):"
per() { awk -v u="$(med "$1")" -v n="$2" -v cpus="$(nproc)" 'BEGIN {printf "%.1f us -> %.0f/s", u, (u > 0 ? cpus * 1e6 / u * n : 0)}'; }
summary "  GET /health/live $(per "${cpu[live]}" 1) requests;  POST /api/v1/decisions $(per "${cpu[decide]}" 1) decisions;  POST /access/v1/evaluation $(per "${cpu[authzen]}" 1) evaluations;  batch $(per "${cpu[batch]}" "$BATCH_SIZE") decisions;  outcome view $(per "${cpu[brief]}" "$BATCH_SIZE") decisions"
summary "  single decisions / baseline: $(awk -v a="$dec_rps" -v b="$live_rps" 'BEGIN {printf "%.3f", a / b}');  batch decisions/s / single decisions/s: $(awk -v a="$batch_dps" -v b="$dec_rps" 'BEGIN {printf "%.1f", a / b}')"
summary "RSS under decision load (end of last run): $((under_load_rss / 1024)) MiB; peak RSS (VmHWM): $(( $(hwm_kb) / 1024 )) MiB"
summary "store on disk after the runs: $(du -sh "$WORK/data" | cut -f1)"
summary "goal >= 20000 single decisions/s with p99 < 10 ms: $(awk -v r="$dec_rps" -v p="$(med "${p99[decide]}")" 'BEGIN {print ((r >= 20000 && p < 10) ? "met" : "NOT met")}')"
summary "goal >= 500000 decisions/s through the batch endpoint: full view $(awk -v r="$batch_dps" 'BEGIN {print ((r >= 500000) ? "met" : "NOT met")}'), outcome view $(awk -v r="$brief_dps" 'BEGIN {print ((r >= 500000) ? "met" : "NOT met")}')"
summary "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_server
if [[ -n "${RESULTS:-}" ]]; then
  cp "$WORK/summary.txt" "$RESULTS"
fi
