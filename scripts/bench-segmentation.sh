#!/usr/bin/env bash
# Segmentation benchmark (not a test): silhouette IoU of the built-in segmenter vs the IS-Net model on the test
# composites, and the model's speed and memory (fp16 vs quint8, intra-op threads 1 vs 2) at 1024² default quality.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

usage_details() {
  cat <<USAGE
Usage: scripts/bench-segmentation.sh [iou|speed] [RUNS] [--help]

  iou     front-silhouette IoU per composite (object with real alpha pasted on a real photo, saved as JPEG):
          built-in backdrop segmenter vs the model, same images; Markdown table
  speed   per model and thread count: load, warm-up, median foreground stage and whole photo path over RUNS
          (default 5) generations, peak RSS of a fresh JVM each; Markdown table
Without an argument: both. Installs the models first (scripts/fetch-models.sh).
USAGE
}

MODE="${1:-all}" RUNS="${2:-5}"
case "$MODE" in
  -h|--help) usage; exit 0 ;;
  iou|speed|all) ;;
  *) usage; die "unknown argument: $MODE" ;;
esac
[[ "$RUNS" =~ ^[0-9]+$ ]] || { usage; die "RUNS must be a number, was '$RUNS'"; }
use_jdk
"$SCRIPT_DIR/fetch-models.sh"
MODULE="$ROOT_DIR/functions/mesh-core"
(cd "$ROOT_DIR" && mvn -B -q -pl functions/mesh-core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$MODULE/target/bench-classpath.txt" -Dmdep.includeScope=test >&2) || die "build failed"
use_engine_memory_settings   # as the app runs (run.sh, the images)
bench() {
  "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorfeas.test.models="${ORFEAS_MODELS:-$ROOT_DIR/models}" \
    -cp "$MODULE/target/classes:$MODULE/target/test-classes:$(cat "$MODULE/target/bench-classpath.txt")" \
    dev.orfeas.mesh.bench.SegmentationBench "$@"
}
if [[ "$MODE" == iou || "$MODE" == all ]]; then
  bench iou isnet-fp16.onnx
  echo
  bench iou isnet-quint8.onnx
fi
if [[ "$MODE" == speed || "$MODE" == all ]]; then
  echo
  echo "| model | threads | load ms | warm-up ms | foreground stage p50 ms | photo path p50 ms | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  for model in isnet-fp16.onnx isnet-quint8.onnx; do
    for threads in 1 2; do
      bench speed "$model" "$threads" "$RUNS"
    done
  done
fi
