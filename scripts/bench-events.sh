#!/usr/bin/env bash
# Benchmarks of the events app (numbers go into docs/benchmarks.md, "Events app"):
#   1. start-up of the events app and of the generate app measured the same way: extracted jar + AOT cache
#      (JDK 25), process start → readiness UP, RUNS alternating runs each, medians and the ratio
#   2. adapter: MinIO webhook notifications → CloudEvents at concurrency CONCURRENCY (REQUESTS per run)
#   3. backup: a scheduled full backup of MESHES small meshes (GLB_KIB KiB model.glb + meta.json), MB/s
# Everything runs on loopback against throw-away S3Proxy servers.
# Usage: scripts/bench-events.sh [startup|adapter|backup]   (default: all three)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

RUNS="${RUNS:-5}"
REQUESTS="${REQUESTS:-2000}"
CONCURRENCY="${CONCURRENCY:-4}"
MESHES="${MESHES:-1000}"
GLB_KIB="${GLB_KIB:-64}"
MODE="${1:-all}"

usage_details() { echo "Environment: RUNS=$RUNS REQUESTS=$REQUESTS CONCURRENCY=$CONCURRENCY MESHES=$MESHES GLB_KIB=$GLB_KIB"; }
on_help "$@"
[[ "$MODE" =~ ^(all|startup|adapter|backup)$ ]] || die "unknown mode '$MODE' (startup, adapter, backup)"

use_jdk
EVENTS="$ROOT_DIR/functions/events"
GEN="$ROOT_DIR/functions/generate"
log "building (package + test classes) ..."
(cd "$ROOT_DIR" && mvn_quiet -q -DskipTests -pl functions/local-s3,functions/generate,functions/events -am install \
  && mvn_quiet -q -o -pl functions/events test-compile dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile=target/test-classpath.txt) || die "build failed"

WORK="$(mktemp -d)"
PIDS=()
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
JAVA_VERSION="$(java -version 2>&1 | head -1)"

# prepare_app NAME JAR: extracted layout in $WORK/NAME and, on JDK 25+, an AOT cache from a training run, both apps
# with their Spring AOT bean definitions — what scripts/run.sh and the images do, so both start as users start them.
prepare_app() {
  local name="$1" jar="$2" dir="$WORK/$1"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  if [[ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]]; then
    (cd "$dir" && PORT=0 java -Dai.djl.offline=true -Dspring.aot.enabled=true -XX:AOTCacheOutput="$dir/app.aot" -Xlog:aot=off -Xlog:cds=off \
       -Dspring.context.exit=onRefresh -jar "$(basename "$jar")" > "$WORK/$name-aot.log" 2>&1) \
      || die "AOT training of $name failed: $(tail -5 "$WORK/$name-aot.log")"
  fi
}

# start_ready NAME JAR: starts the prepared app, prints seconds from process start to readiness UP, stops it.
start_ready() {
  local name="$1" jar="$2" dir="$WORK/$1" port t0 t1 pid aot=()
  [[ -f "$dir/app.aot" ]] && aot=(-XX:AOTCache="$dir/app.aot" -Xlog:aot=off -Xlog:cds=off)
  port="$(free_port)"
  t0="$(now)"
  (cd "$dir" && PORT="$port" exec java -Dai.djl.offline=true -Dspring.aot.enabled=true -Xss4m "${aot[@]}" -jar "$(basename "$jar")") \
    > "$WORK/$name-$port.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited: $(tail -20 "$WORK/$name-$port.log")"
    sleep 0.05
  done
  t1="$(now)"
  kill -TERM "$pid"; wait "$pid" || true
  awk -v a="$t1" -v b="$t0" 'BEGIN {printf "%.2f\n", a - b}'
}

startup() {
  local s3_port secret
  s3_port="$(free_port)"
  secret="$(random_secret)"
  start_s3proxy "$s3_port" "$WORK/s3" bench "$secret" "$WORK"
  PIDS+=("$S3PROXY_PID")
  export ORFEAS_STORAGE_ENDPOINT="http://127.0.0.1:$s3_port" ORFEAS_STORAGE_ACCESS_KEY=bench \
    ORFEAS_STORAGE_SECRET_KEY="$secret" ORFEAS_STORAGE_CHECKSUMS=when-required ORFEAS_SECURITY_OPEN=true \
    ORFEAS_LOG_FORMAT='' SERVER_ADDRESS=127.0.0.1

  local events_jar="$EVENTS/target/events-0.1.0-SNAPSHOT.jar" generate_jar="$GEN/target/generate-0.1.0-SNAPSHOT.jar"
  log "start-up: preparing both apps (extract + AOT training)"
  prepare_app events "$events_jar"
  prepare_app generate "$generate_jar"
  : > "$WORK/events-ready"; : > "$WORK/generate-ready"
  for run in $(seq "$RUNS"); do   # alternating, so load drifts hit both alike
    start_ready events "$events_jar" >> "$WORK/events-ready"
    start_ready generate "$generate_jar" >> "$WORK/generate-ready"
    log "start-up run $run: events $(tail -1 "$WORK/events-ready") s, generate $(tail -1 "$WORK/generate-ready") s"
  done
  local e g
  e="$(median < "$WORK/events-ready")"; g="$(median < "$WORK/generate-ready")"
  printf '\n== start-up to readiness UP — %s CPUs, %s ==\n' "$(nproc)" "$JAVA_VERSION"
  printf 'events   median of %s: %s s  (runs: %s)\n' "$RUNS" "$e" "$(tr '\n' ' ' < "$WORK/events-ready")"
  printf 'generate median of %s: %s s  (runs: %s)\n' "$RUNS" "$g" "$(tr '\n' ' ' < "$WORK/generate-ready")"
  awk -v e="$e" -v g="$g" 'BEGIN {printf "STARTUP events/generate = %.2f (target <= 0.50)\n", e / g}'
}

bench_java() {
  java -Xmx1g -Druns="$RUNS" -Drequests="$REQUESTS" -Dconcurrency="$CONCURRENCY" -Dmeshes="$MESHES" \
    -DglbKiB="$GLB_KIB" -DLOG_LEVEL=warn -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$EVENTS/target/test-classes:$EVENTS/target/classes:$(cat "$EVENTS/target/test-classpath.txt")" \
    dev.orfeas.events.bench.EventsBench "$1" 2> "$WORK/bench-$1.err" | grep -E '^(adapter|backup|ADAPTER|BACKUP)' \
    || die "bench $1 failed: $(tail -20 "$WORK/bench-$1.err")"
}

printf '== events app benchmarks — %s CPUs, load %s ==\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
[[ "$MODE" == all || "$MODE" == startup ]] && startup
[[ "$MODE" == all || "$MODE" == adapter ]] && { log "adapter: $RUNS runs of $REQUESTS at concurrency $CONCURRENCY"; bench_java adapter; }
[[ "$MODE" == all || "$MODE" == backup ]] && { log "backup: $RUNS runs of $MESHES meshes"; bench_java backup; }
exit 0
