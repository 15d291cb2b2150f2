#!/usr/bin/env bash
# Load test of the generate function with Gatling (monitoring/src/test/java/dev/orfeas/monitoring/GenerateSimulation):
# an open workload (constant arrival rate) of sync generations of fresh images of several sizes (cache misses) and
# of stored ones (cache hits), and of jobs (POST /jobs, then its status until it ends), for a bounded time after a
# warm-up that is left out of the figures; or, with --concurrency N, a closed workload of N clients sending fresh
# images back to back (throughput at that concurrency). Without --url it starts the generate app itself on the
# embedded S3, on loopback, rate limit off. Writes Gatling's HTML report (monitoring/target/gatling/) and a Markdown
# summary (intended vs achieved rate, p50/p90/p99/p99.9/max, errors by status and problem type); fails when the
# error ratio or p99 exceed their limits.
# Usage: scripts/loadtest.sh [--url URL] [--rate PER_SECOND] [--duration SECONDS] [--warmup SECONDS]
#                            [--hit-share 0..1] [--job-share 0..1] [--sizes 128,256,...] [--p99-ms MS]
#                            [--max-error-percent P] [--summary FILE] [--max-concurrent N (the app it starts)]
#                            [--concurrency N (closed workload)] [--opaque-share 0..1] [--poll-ms MS]
# --opaque-share: the share of fresh images that are opaque (a disc on white: segmented, by the learned model where
# it is installed, ~10 s each on a small CPU host); the rest have an alpha channel (foreground from it, no model).
# --poll-ms: a job's status poll interval (through nginx every poll counts against its per-client rate limit).
# A URL that needs a key: LOADTEST_API_KEY=<key> (sent as a bearer token; from the environment, so `ps` never shows
# it). The target's rate limit must allow RATE per second.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

usage_details() { echo "Defaults: --rate 2 --duration 30 --warmup 5 --hit-share 0.3 --job-share 0.2 --sizes 128,256,384,512 --p99-ms 15000 --max-error-percent 1 --opaque-share 1 --poll-ms 50"; }
on_help "$@"

PROPS=()
while (($#)); do
  case "$1" in
    --url|--rate|--duration|--warmup|--hit-share|--job-share|--sizes|--p99-ms|--max-error-percent|--summary\
    |--max-concurrent|--concurrency|--opaque-share|--poll-ms)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      PROPS+=("-Dorfeas.loadtest.${1#--}=$2"); shift 2 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

use_jdk
cd "$ROOT_DIR"
if [[ ! -f functions/generate/target/generate-0.1.0-SNAPSHOT.jar ]]; then
  log "building the generate app (first run) ..."
  mvn_quiet -q -DskipTests -pl functions/generate -am install || die "build failed"
fi
# The simulation's module reads storage's and local-s3's jars: install this checkout's (a separate Maven run for
# Gatling would otherwise resolve whatever snapshots ~/.m2 holds, or fail on a machine that never installed them).
log "building the load test's module and the siblings it uses ..."
mvn_quiet -q -DskipTests -pl monitoring -am install || die "build failed"
log "Gatling: ${PROPS[*]:-defaults}"
mvn_quiet -pl monitoring test-compile gatling:test "${PROPS[@]}" \
  | grep -v "^\[INFO\] \(Download\|Copying\)" || die "load test failed (see above)"
