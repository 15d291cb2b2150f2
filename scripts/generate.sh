#!/usr/bin/env bash
# One image to one mesh, from the command line, without the service:
#   scripts/generate.sh IMAGE OUTPUT [--format glb|obj|stl|ply] [--faces N] [--quality draft|default|high]
#                       [--detail 0..1] [--foreground auto|alpha|backdrop|model|none] [--model MODEL.pt]
#                       [--segmentation-model MODEL.onnx]
# The segmentation model defaults to the one scripts/fetch-models.sh installed (\$ORFEAS_MODELS/isnet-quint8.onnx), when
# it is there; without it, photos use the built-in backdrop segmenter.
# Never writes over its input: an OBJ's texture is OUTPUT's stem + .texture.jpg, and when any file it would write
# is the input image it writes nothing and exits 2. Builds mesh-core on first use (and again when its sources
# change). Exit 0 = written; 2 = bad arguments; 3 = the image cannot become a mesh; 1 = other failure. The reason is
# one line on stderr.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

on_help "$@"

SEGMENTATION=()
DEFAULT_MODEL="${ORFEAS_MODELS:-$ROOT_DIR/models}/isnet-quint8.onnx"
if [[ " $* " != *" --segmentation-model "* && -f "$DEFAULT_MODEL" ]]; then
  SEGMENTATION=(--segmentation-model "$DEFAULT_MODEL")
fi

use_jdk
MODULE="$ROOT_DIR/functions/mesh-core"
CLASSPATH_FILE="$MODULE/target/cli-classpath.txt"
if [[ ! -f "$CLASSPATH_FILE" || -n "$(find "$MODULE/src/main" "$MODULE/pom.xml" "$ROOT_DIR/pom.xml" -newer "$CLASSPATH_FILE" -print -quit)" ]]; then
  log "building mesh-core (first use or sources changed)"
  (cd "$ROOT_DIR" && mvn_quiet -q -pl functions/mesh-core -am compile dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime >&2) || die "build failed"
fi
use_engine_memory_settings
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xss4m -Dai.djl.offline=true \
  --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$MODULE/target/classes:$(cat "$CLASSPATH_FILE")" dev.orfeas.mesh.cli.GenerateCommand "$@" "${SEGMENTATION[@]}"
