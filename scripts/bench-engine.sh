#!/usr/bin/env bash
# Engine benchmark (not a test): median per-stage and total ms (wall clock and the generating thread's CPU time) of
# in-process generation over RUNS runs (default 7; 12 untimed warm-up runs per case first, for the JIT) for the same
# photo, alpha and backdrop inputs at 512² and 1024², at each quality, and the peak heap, under a 512 MiB heap cap;
# without the learned segmentation model (the CPU stages). FILTERs keep only the cases whose "input/quality" label contains one.
# CONCURRENCY=2 runs that many generations at once (each its own series of RUNS; "all cpu" is per generation).
# GC=ParallelGC (or G1GC, SerialGC: the default) picks the collector, to compare them as the images run them.
#   scripts/bench-engine.sh [RUNS [FILTER...]] [--help]     e.g. scripts/bench-engine.sh 9 1024.png/default
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
on_help "$@"
RUNS="${1:-7}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { usage >&2; die "RUNS must be a positive number, was '${1:-}'"; }
FILTERS=("${@:2}")
use_jdk
MODULE="$ROOT_DIR/functions/mesh-core"
(cd "$ROOT_DIR" && mvn_quiet -q -pl functions/mesh-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$MODULE/target/bench-classpath.txt" -Dmdep.includeScope=test >&2) || die "build failed"
exec "$JAVA_HOME/bin/java" -Xmx512m "-XX:+Use${GC:-SerialGC}" --enable-native-access=ALL-UNNAMED \
  -Dbench.concurrency="${CONCURRENCY:-1}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$MODULE/target/bench-classpath.txt")" \
  dev.orfeas.mesh.bench.PipelineBench "$RUNS" "${FILTERS[@]}"
