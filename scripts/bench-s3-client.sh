#!/usr/bin/env bash
# Which HTTP client the S3 SDK uses (numbers go into docs/benchmarks.md, "Cold start": the HTTP client): for each of
# apache (what the apps use), apache5 and url-connection, RUNS fresh JVMs in turn, each reporting JVM start → client
# built → first 1 MB object stored, and the median of COUNT put+get round trips of SIZE bytes; medians over the runs.
# Against a throw-away S3Proxy on loopback.
#   scripts/bench-s3-client.sh [RUNS]      (RUNS default 5; COUNT=50, SIZE=1048576)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
on_help "$@"
RUNS="${1:-5}"
COUNT="${COUNT:-50}"
SIZE="${SIZE:-1048576}"
CLIENTS=(apache apache5 url-connection)
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, was '$RUNS'"
use_jdk
MODULE="$ROOT_DIR/functions/storage"
log "building (storage test classes, S3Proxy) ..."
(cd "$ROOT_DIR" && mvn_quiet -q -DskipTests -pl functions/local-s3,functions/storage -am package \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt) || die "build failed"
BENCH_CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/test-classpath.txt")"

WORK="$(mktemp -d)"
S3PROXY_PID=
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  [[ -n "$S3PROXY_PID" ]] && kill -TERM "$S3PROXY_PID" 2>/dev/null && wait "$S3PROXY_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
S3_PORT="$(free_port)"
S3_SECRET="$(random_secret)"
start_s3proxy "$S3_PORT" "$WORK/s3" bench "$S3_SECRET" "$WORK"
mkdir -p "$WORK/s3/bench" # S3Proxy's filesystem store: a directory is a bucket

for ((run = 1; run <= RUNS; run++)); do
  for client in "${CLIENTS[@]}"; do
    "$JAVA_HOME/bin/java" -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$BENCH_CP" \
      dev.orfeas.storage.bench.S3ClientBench "$client" "http://127.0.0.1:$S3_PORT" bench "$S3_SECRET" bench \
      "$COUNT" "$SIZE" | tee -a "$WORK/results.txt"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for client in "${CLIENTS[@]}"; do
  field() { grep "^$client " "$WORK/results.txt" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p" | median; }
  printf 'median of %d, %s: JVM start → client built %s ms, → first object stored %s ms; round trip (put+get %d B) %s ms\n' \
    "$RUNS" "$client" "$(field built_ms)" "$(field first_put_ms)" "$SIZE" "$(field round_trip_median_ms)"
done
