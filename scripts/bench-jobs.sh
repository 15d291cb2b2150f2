#!/usr/bin/env bash
# Benchmark of the jobs API (numbers go into docs/benchmarks.md, "Jobs"): the same pictures as a synchronous
# POST /generate (Accept: application/json) and as a job (POST /jobs, then its SSE stream to the final event),
# pair by pair in alternating order, each a new mesh (twin images differing in one pixel: same work, no cache hit).
# Prints per run: sync p50, job p50, job/sync p50 (median of the per-pair ratios), submit → 202, submit → first
# progress event; then the median over the runs. One app on loopback against a throw-away S3Proxy, in-process
# queue (no K_SINK), warmed with WARM_UP pairs first. IMAGES="a.png b.jpg ..." uses those pictures instead of the
# 256 px discs (pair i: picture i mod n, a salt pixel changed); MODEL=<model.onnx> runs the app with that
# segmentation model (default: none, the built-in segmenter), as run.sh does with IS-Net.
# Usage: [RUNS=5] [PAIRS=15] [WARM_UP=10] [IMAGES=...] [MODEL=...] scripts/bench-jobs.sh
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

RUNS="${RUNS:-5}"
PAIRS="${PAIRS:-15}"
WARM_UP="${WARM_UP:-10}"
read -r -a PICTURES <<<"${IMAGES:-}"
MODEL="${MODEL:-}"
for picture in "${PICTURES[@]}" ${MODEL:+"$MODEL"}; do
  [[ -f "$picture" ]] || die "no such file: $picture"
done

usage_details() {
  echo "Environment: RUNS=$RUNS PAIRS=$PAIRS WARM_UP=$WARM_UP IMAGES=${IMAGES:-} MODEL=$MODEL"
}
on_help "$@"

use_jdk
GEN="$ROOT_DIR/functions/generate"
log "building (package + test classes) ..."
(cd "$ROOT_DIR" && mvn_quiet -q -DskipTests -pl functions/local-s3,functions/generate -am package \
  && mvn_quiet -q -o -pl functions/generate test-compile dependency:build-classpath -Dmdep.includeScope=test \
       -Dmdep.outputFile=target/test-classpath.txt) || die "build failed"
BENCH_CP="$GEN/target/test-classes:$GEN/target/classes:$(cat "$GEN/target/test-classpath.txt")"

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

PORT="$(free_port)"
use_engine_memory_settings   # as run.sh and the images run the app
ORFEAS_STORAGE_ENDPOINT="http://127.0.0.1:$S3_PORT" ORFEAS_STORAGE_ACCESS_KEY=bench \
  ORFEAS_STORAGE_SECRET_KEY="$S3_SECRET" ORFEAS_STORAGE_CHECKSUMS=when-required ORFEAS_SECURITY_OPEN=true \
  ORFEAS_SECURITY_RATE_LIMIT_ENABLED=false ORFEAS_LOG_FORMAT='' SERVER_ADDRESS=127.0.0.1 PORT="$PORT" \
  ORFEAS_GENERATION_SEGMENTATION_MODEL="$MODEL" \
  java -Dai.djl.offline=true -Xss4m --enable-native-access=ALL-UNNAMED -jar "$GEN/target/generate-0.1.0-SNAPSHOT.jar" \
  > "$WORK/app.log" 2>&1 &
PIDS+=("$!")
BASE="http://127.0.0.1:$PORT"
wait_for "readiness" 180 curl -fsS "$BASE/readyz" || die "app not ready: $(tail -20 "$WORK/app.log")"

SALT="$(date +%s%N)"
log "warm-up: $WARM_UP pairs"
java -cp "$BENCH_CP" dev.orfeas.generate.bench.JobsBench "$BASE" "$SALT" "$WARM_UP" "${PICTURES[@]}" > /dev/null \
  || die "warm-up failed: $(tail -20 "$WORK/app.log")"
LINES=()
for run in $(seq "$RUNS"); do
  line="$(java -cp "$BENCH_CP" dev.orfeas.generate.bench.JobsBench "$BASE" "$((SALT + run * 1000003))" "$PAIRS" \
    "${PICTURES[@]}")" \
    || die "run $run failed: $(tail -20 "$WORK/app.log")"
  LINES+=("run $run (load average $(cut -d' ' -f1-3 /proc/loadavg)): $line")
  log "${LINES[-1]}"
done

printf '\n== jobs vs synchronous generate — %s CPUs, %s ==\n' "$(nproc)" "$(java -version 2>&1 | head -1)"
printf '%s\n' "${LINES[@]}"
printf '%s\n' "${LINES[@]}" | sed -E 's/.*job\/sync p50 ([0-9.]+).*/\1/' | sort -n \
  | awk '{a[NR]=$1} END {printf "median over %d runs of job/sync p50: %.3f\n", NR, (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'
printf '%s\n' "${LINES[@]}" | sed -E 's/.*first progress p50 ([0-9.]+).*/\1/' | sort -n \
  | awk '{a[NR]=$1} END {printf "median over %d runs of submit → first progress p50: %.1f ms\n", NR, (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'
