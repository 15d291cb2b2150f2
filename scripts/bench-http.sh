#!/usr/bin/env bash
# Benchmarks of the generate function over HTTP (numbers go into docs/benchmarks.md, "Generate function (HTTP)"):
#   1. start-up: process start → readiness UP and → first mesh, RSS at ready (RUNS runs, medians)
#   2. HTTP round trip vs the same "generate" function called in-process in the app's own JVM, same images,
#      plus the bare engine (no storage); median of COUNT per side, RT_RUNS fresh JVMs (default RUNS)
#   3. throughput and p50/p99 at concurrency 1, 2, 4 (REQUESTS per level), RSS under load
# Everything runs on loopback against a throw-away S3Proxy; every request is a new mesh (no cache hits).
# Usage: scripts/bench-http.sh [roundtrip]   (roundtrip: part 2 only)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

RUNS="${RUNS:-5}"
COUNT="${COUNT:-15}"
REQUESTS="${REQUESTS:-16}"
CONCURRENCY="${CONCURRENCY:-1 2 4}"
MAX_CONCURRENT="${MAX_CONCURRENT:-4}"
RT_RUNS="${RT_RUNS:-$RUNS}"
WARM_UP="${WARM_UP:-5}"
MODE="${1:-all}"

usage_details() {
  echo "Environment: RUNS=$RUNS COUNT=$COUNT REQUESTS=$REQUESTS CONCURRENCY='$CONCURRENCY' MAX_CONCURRENT=$MAX_CONCURRENT RT_RUNS=$RT_RUNS WARM_UP=$WARM_UP"
}
on_help "$@"
[[ "$MODE" == all || "$MODE" == roundtrip ]] || die "unknown mode '$MODE' (all, roundtrip)"

use_jdk
GEN="$ROOT_DIR/functions/generate"
log "building (package + test classes) ..."
(cd "$ROOT_DIR" && mvn_quiet -q -DskipTests -pl functions/local-s3,functions/generate -am package \
  && mvn_quiet -q -o -pl functions/generate test-compile dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile=target/test-classpath.txt) || die "build failed"
BENCH_CP="$GEN/target/test-classes:$GEN/target/classes:$(cat "$GEN/target/test-classpath.txt")"
APP_DIR="$GEN/target/bench-app"
rm -rf "$APP_DIR"
java -Djarmode=tools -jar "$GEN/target/generate-0.1.0-SNAPSHOT.jar" extract --destination "$APP_DIR" >/dev/null
# the first three flags also serve the round-trip bench, which runs the app in its own JVM without Spring AOT
JVM=(-Dai.djl.offline=true -Xss4m --enable-native-access=ALL-UNNAMED -Dspring.aot.enabled=true)
if [[ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]]; then
  JVM+=(-XX:AOTCache="$APP_DIR/generate.aot" -Xlog:aot=off -Xlog:cds=off)
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

S3_PORT="$(free_port)"
S3_SECRET="$(random_secret)"
start_s3proxy "$S3_PORT" "$WORK/s3" bench "$S3_SECRET" "$WORK"
PIDS+=("$S3PROXY_PID")

export ORFEAS_STORAGE_ENDPOINT="http://127.0.0.1:$S3_PORT" ORFEAS_STORAGE_ACCESS_KEY=bench \
  ORFEAS_STORAGE_SECRET_KEY="$S3_SECRET" ORFEAS_STORAGE_CHECKSUMS=when-required ORFEAS_SECURITY_OPEN=true \
  ORFEAS_SECURITY_RATE_LIMIT_ENABLED=false ORFEAS_GENERATION_MAX_CONCURRENT="$MAX_CONCURRENT" ORFEAS_LOG_FORMAT='' \
  SERVER_ADDRESS=127.0.0.1

if [[ "$MODE" == all && "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]]; then
  log "training the AOT cache ..."
  (cd "$APP_DIR" && PORT=0 java "${JVM[@]/-XX:AOTCache=*/-XX:AOTCacheOutput=$APP_DIR/generate.aot}" \
     -Dspring.context.exit=onRefresh -jar generate-0.1.0-SNAPSHOT.jar > "$WORK/aot.log" 2>&1) \
    || die "AOT training failed: $(tail -5 "$WORK/aot.log")"
fi

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

start_app() { # PORT → pid in APP_PID
  (cd "$APP_DIR" && PORT="$1" exec java "${JVM[@]}" -jar generate-0.1.0-SNAPSHOT.jar) > "$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
}

# Round trip: the bench JVM runs the app itself (the extracted jar's classpath + the bench classes only) and calls
# the function in-process and over loopback HTTP; one fresh JVM per run.
mkdir -p "$WORK/bench-classes/dev/orfeas/generate"
cp -r "$GEN/target/test-classes/dev/orfeas/generate/bench" "$WORK/bench-classes/dev/orfeas/generate/"
ROUNDTRIP=()
log "round trip: $RT_RUNS runs of $WARM_UP warm-up + $COUNT images per side (function in-process, HTTP, engine)"
for run in $(seq "$RT_RUNS"); do
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  java "${JVM[@]:0:3}" -cp "$WORK/bench-classes:$APP_DIR/generate-0.1.0-SNAPSHOT.jar" \
    dev.orfeas.generate.bench.RoundTripBench "$(date +%s%N)" "$COUNT" "$WORK/roundtrip-$run" "$WARM_UP" \
    > "$WORK/roundtrip-$run.log" 2>&1 || die "round trip failed: $(tail -20 "$WORK/roundtrip-$run.log")"
  ROUNDTRIP+=("run $run (load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)) $(cat "$WORK/roundtrip-$run")")
  log "round trip run $run: $(head -1 "$WORK/roundtrip-$run")"
done
if [[ "$MODE" == roundtrip ]]; then
  printf '\n== generate function (HTTP): round trip — %s CPUs, %s ==\n' "$(nproc)" "$(java -version 2>&1 | head -1)"
  printf '%s\n' "${ROUNDTRIP[@]}"
  exit 0
fi

log "start-up: $RUNS runs"
IMG="$WORK/first.png"
java -cp "$BENCH_CP" dev.orfeas.generate.bench.WriteImage "$IMG"
: > "$WORK/ready" ; : > "$WORK/first" ; : > "$WORK/rss-ready"
for run in $(seq "$RUNS"); do
  port="$(free_port)"
  t0="$(now)"
  start_app "$port"
  wait_for "readiness" 180 curl -fsS "http://127.0.0.1:$port/readyz" \
    || die "app not ready: $(tail -20 "$WORK/app-$port.log")"
  t1="$(now)"
  rss_mb "$APP_PID" >> "$WORK/rss-ready"; echo >> "$WORK/rss-ready"
  curl -fsS -o /dev/null --data-binary @"$IMG" -H 'Content-Type: image/png' \
    "http://127.0.0.1:$port/generate?detail=0.$run$RANDOM" || die "first mesh failed"
  t2="$(now)"
  awk -v a="$t1" -v b="$t0" 'BEGIN {printf "%.2f\n", a - b}' >> "$WORK/ready"
  awk -v a="$t2" -v b="$t0" 'BEGIN {printf "%.2f\n", a - b}' >> "$WORK/first"
  kill -TERM "$APP_PID"; wait "$APP_PID" || true
  log "run $run: ready $(tail -1 "$WORK/ready") s, first mesh $(tail -1 "$WORK/first") s, RSS $(grep . "$WORK/rss-ready" | tail -1) MB"
done

port="$(free_port)"
start_app "$port"
PIDS+=("$APP_PID")
BASE="http://127.0.0.1:$port"
wait_for "readiness" 180 curl -fsS "$BASE/readyz" || die "app not ready"
SALT="$(date +%s%N)"
# The round trip ran in its own JVMs, so this app is cold past its readiness warm-up: warm it (REQUESTS new
# meshes, not counted) as the round trip's requests used to.
java -cp "$BENCH_CP" dev.orfeas.generate.bench.HttpBench load "$BASE" "$((SALT + 7))" "$REQUESTS" 1 > /dev/null \
  || die "load warm-up failed"

LOADS=()
PEAK=0
for c in $CONCURRENCY; do
  ( while kill -0 "$APP_PID" 2>/dev/null; do rss_mb "$APP_PID"; echo; sleep 0.2; done ) > "$WORK/rss-load-$c" &
  sampler=$!
  LOADS+=("$(java -cp "$BENCH_CP" dev.orfeas.generate.bench.HttpBench load "$BASE" "$((SALT + c * 1000003))" \
    "$REQUESTS" "$c")")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  p="$(grep . "$WORK/rss-load-$c" | sort -n | tail -1)"
  (( p > PEAK )) && PEAK=$p
done

cat <<REPORT

== generate function (HTTP) — $(nproc) CPUs, $(java -version 2>&1 | head -1) ==
start-up (median of $RUNS): readiness UP $(median < "$WORK/ready") s, first mesh $(median < "$WORK/first") s, RSS at ready $(grep . "$WORK/rss-ready" | median) MB
  ready runs: $(tr '\n' ' ' < "$WORK/ready")
  first runs: $(tr '\n' ' ' < "$WORK/first")
$(printf '%s\n' "${ROUNDTRIP[@]}")
$(printf '%s\n' "${LOADS[@]}")
peak RSS under load: $PEAK MB
REPORT
