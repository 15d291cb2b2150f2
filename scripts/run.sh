#!/usr/bin/env bash
# One command, one machine: a real S3-compatible store (S3Proxy, filesystem backend) on loopback and the generate
# function (with --with-events also the events app, wired to the same store and to generate), in the foreground.
# Ctrl-C stops them all. Data survives restarts in $ORFEAS_DATA.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

PORT="${PORT:-8080}"
ORFEAS_DATA="${ORFEAS_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/orfeas}"
ORFEAS_S3_PORT="${ORFEAS_S3_PORT:-8333}"
ORFEAS_BIND="${ORFEAS_BIND:-127.0.0.1}"
EVENTS_PORT="${EVENTS_PORT:-8090}"
JAVA_OPTS="${JAVA_OPTS:-}"

usage_details() {
  cat <<USAGE
Usage: scripts/run.sh [--with-events] [--rebuild] [--dry-run] [--help]

Starts S3Proxy (data in \$ORFEAS_DATA/s3) on 127.0.0.1:\$ORFEAS_S3_PORT and the generate app on \$PORT, in the
foreground; Ctrl-C stops both. Builds what is missing on the first run (Maven, needs network once).

  --with-events  also the events app on 127.0.0.1:\$EVENTS_PORT, on the same store, delivering its CloudEvents to
                 generate (POST /); its MinIO webhook token is in \$ORFEAS_DATA/events.credentials (docs/events.md)
  --rebuild      build again even when nothing changed
  --dry-run      print what would be built, started and set, then exit (starts, builds, downloads nothing)

Environment (defaults):
  PORT=$PORT                     HTTP port of the app
  EVENTS_PORT=$EVENTS_PORT              HTTP port of the events app (--with-events; loopback only)
  ORFEAS_DATA=$ORFEAS_DATA
  ORFEAS_S3_PORT=$ORFEAS_S3_PORT               S3 endpoint port (loopback only)
  ORFEAS_BIND=$ORFEAS_BIND             address the app listens on
  ORFEAS_MODELS                  segmentation models (default models/ in the checkout; installed on first start)
  ORFEAS_SECURITY_API_KEYS       comma-separated API keys; unset = open mode (no keys, local use only)
  JAVA_OPTS                      extra JVM options
  any orfeas.* setting as an environment variable (see docs/configuration.md)
USAGE
}

REBUILD=false
WITH_EVENTS=false
DRY_RUN=false
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=true ;;
    --with-events) WITH_EVENTS=true ;;
    --dry-run) DRY_RUN=true ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument: $arg" ;;
  esac
done

use_jdk
log "JDK: $JAVA_HOME ($(java_major "$JAVA_HOME/bin/java"))"

APP_JAR="$ROOT_DIR/functions/generate/target/generate-0.1.0-SNAPSHOT.jar"
S3_CP="$ROOT_DIR/functions/local-s3/target/s3proxy"
APP_DIR="$ROOT_DIR/functions/generate/target/app"
EVENTS_JAR="$ROOT_DIR/functions/events/target/events-0.1.0-SNAPSHOT.jar"
MODULES=functions/local-s3,functions/generate
$WITH_EVENTS && MODULES+=,functions/events
# mvn_quiet (common.sh): no raw ANSI escapes from Maven in the script's output
MVN=(mvn_quiet -q -DskipTests -Djazzer.fuzz=0 -pl "$MODULES" -am package)

needs_build() {
  $REBUILD && return 0
  [[ -f "$APP_JAR" && -d "$S3_CP" ]] || return 0
  if $WITH_EVENTS; then [[ -f "$EVENTS_JAR" && ! "$APP_JAR" -nt "$EVENTS_JAR" ]] || return 0; fi
  # rebuild when a source or POM changed since the jar was made
  # (the studio's sources too: functions/studio/src, package*.json, build.mjs)
  [[ -n "$(find "$ROOT_DIR/pom.xml" "$ROOT_DIR/functions" \( -path '*/target' -o -path '*/node_modules' \) -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.yaml' -o -name '*.pt' -o -path '*/studio/*' -type f \) \
      -newer "$APP_JAR" -print -quit)" ]]
}

if $DRY_RUN; then
  if needs_build; then echo "build: (cd $ROOT_DIR && mvn -B ${MVN[*]:1})"; else echo "build: none (up to date)"; fi
  echo "store: S3Proxy on http://127.0.0.1:$ORFEAS_S3_PORT, data in $ORFEAS_DATA/s3, credentials in $ORFEAS_DATA/s3.credentials"
  if [[ -n "${ORFEAS_GENERATION_SEGMENTATION_MODEL:-}" ]]; then
    echo "segmentation model: $ORFEAS_GENERATION_SEGMENTATION_MODEL"
  else
    echo "segmentation model: $SCRIPT_DIR/fetch-models.sh (installs it when missing: $SCRIPT_DIR/fetch-models.sh --dry-run)"
  fi
  if [[ -z "${ORFEAS_SECURITY_API_KEYS:-}${ORFEAS_SECURITY_API_KEY_HASHES:-}" ]]; then auth="open mode (no API keys)"; else auth="API keys"; fi
  echo "generate: java -jar $APP_DIR/generate-0.1.0-SNAPSHOT.jar on http://$ORFEAS_BIND:$PORT, $auth"
  if $WITH_EVENTS; then
    echo "events: java -jar $EVENTS_JAR on http://127.0.0.1:$EVENTS_PORT, CloudEvents to http://127.0.0.1:$PORT/, webhook token in $ORFEAS_DATA/events.credentials"
  fi
  exit 0
fi

if needs_build; then
  command -v mvn >/dev/null || die "Maven (mvn) is needed for the first build"
  log "building (first run or sources changed) ..."
  (cd "$ROOT_DIR" && "${MVN[@]}") || die "build failed"
  rm -rf "$APP_DIR"
fi

# Extracted layout (faster start than the fat jar) and, on JDK 25+, an AOT cache made by a training run.
if [[ ! -f "$APP_DIR/generate-0.1.0-SNAPSHOT.jar" || "$APP_JAR" -nt "$APP_DIR/generate-0.1.0-SNAPSHOT.jar" ]]; then
  rm -rf "$APP_DIR"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$APP_JAR" extract --destination "$APP_DIR" >/dev/null \
    || die "could not extract $APP_JAR"
fi

mkdir -p "$ORFEAS_DATA/s3"
chmod 700 "$ORFEAS_DATA"
CREDENTIALS="$ORFEAS_DATA/s3.credentials"
if [[ ! -f "$CREDENTIALS" ]]; then
  umask 077
  printf 'ACCESS_KEY=orfeas\nSECRET_KEY=%s\n' "$(random_secret)" > "$CREDENTIALS"
fi
# shellcheck disable=SC1090
. "$CREDENTIALS"

port_open "$ORFEAS_S3_PORT" && die "port $ORFEAS_S3_PORT is taken (set ORFEAS_S3_PORT)"
port_open "$PORT" && die "port $PORT is taken (set PORT)"
if $WITH_EVENTS; then
  port_open "$EVENTS_PORT" && die "port $EVENTS_PORT is taken (set EVENTS_PORT)"
  EVENTS_CREDENTIALS="$ORFEAS_DATA/events.credentials"
  if [[ ! -f "$EVENTS_CREDENTIALS" ]]; then
    (umask 077 && printf 'WEBHOOK_TOKEN=%s\n' "$(random_secret)" > "$EVENTS_CREDENTIALS")
  fi
  # shellcheck disable=SC1090
  . "$EVENTS_CREDENTIALS"
fi

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "stopped"
}
trap cleanup INT TERM EXIT

# a run killed mid-write leaves S3Proxy temp files that make listings answer 500: remove them first
"$ROOT_DIR/infra/images/s3proxy/clean-leftovers.sh" "$ORFEAS_DATA/s3"
start_s3proxy "$ORFEAS_S3_PORT" "$ORFEAS_DATA/s3" "$ACCESS_KEY" "$SECRET_KEY" "$ORFEAS_DATA"
PIDS+=("$S3PROXY_PID")
log "S3 (S3Proxy) on http://127.0.0.1:$ORFEAS_S3_PORT, data in $ORFEAS_DATA/s3"

export PORT
GENERATE_PORT="$PORT"
export SERVER_ADDRESS="$ORFEAS_BIND"
export ORFEAS_STORAGE_ENDPOINT="http://127.0.0.1:$ORFEAS_S3_PORT"
export ORFEAS_STORAGE_ACCESS_KEY="$ACCESS_KEY" ORFEAS_STORAGE_SECRET_KEY="$SECRET_KEY"
export ORFEAS_STORAGE_CHECKSUMS=when-required   # S3Proxy rejects the SDK's checksum trailers
if [[ -z "${ORFEAS_SECURITY_API_KEYS:-}${ORFEAS_SECURITY_API_KEY_HASHES:-}" ]]; then
  export ORFEAS_SECURITY_OPEN="${ORFEAS_SECURITY_OPEN:-true}"
fi
export ORFEAS_LOG_FORMAT="${ORFEAS_LOG_FORMAT:-}"

# The learned segmenter (IS-Net): installed on first start; without the npm registry the app still runs, on the
# built-in backdrop segmenter, and says so loudly.
if [[ -z "${ORFEAS_GENERATION_SEGMENTATION_MODEL:-}" ]]; then
  if "$SCRIPT_DIR/fetch-models.sh"; then
    export ORFEAS_GENERATION_SEGMENTATION_MODEL="${ORFEAS_MODELS:-$ROOT_DIR/models}/isnet-quint8.onnx"
  else
    log "WARNING: the segmentation model could not be installed (is the npm registry reachable?):"
    log "WARNING: photos fall back to the built-in backdrop segmenter; rerun scripts/fetch-models.sh later"
  fi
fi

JVM=(-Dai.djl.offline=true -Dspring.aot.enabled=true -Xss4m --enable-native-access=ALL-UNNAMED)
# JDK 25 warns "Failed to link AdapterHandlerEntry ... in the AOT code cache" at every start, even with a cache
# trained a moment ago: harmless (those adapters are made again at start), so only AOT errors are shown.
AOT_LOG=("-Xlog:aot=error,aot+codecache*=error")
if [[ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]]; then
  AOT="$APP_DIR/generate.aot"
  if [[ ! -f "$AOT" ]]; then
    log "training the AOT cache (once) ..."
    (cd "$APP_DIR" && "$JAVA_HOME/bin/java" "${JVM[@]}" -XX:AOTCacheOutput="$AOT" -Dspring.context.exit=onRefresh \
      -Dserver.port=0 -jar generate-0.1.0-SNAPSHOT.jar >"$ORFEAS_DATA/aot-training.log" 2>&1) \
      || { log "AOT training failed (see $ORFEAS_DATA/aot-training.log); starting without it"; rm -f "$AOT"; }
  fi
  [[ -f "$AOT" ]] && JVM+=(-XX:AOTCache="$AOT" "${AOT_LOG[@]}")
fi

# shellcheck disable=SC2086
(use_engine_memory_settings && cd "$APP_DIR" && exec "$JAVA_HOME/bin/java" "${JVM[@]}" $JAVA_OPTS -jar generate-0.1.0-SNAPSHOT.jar) &
PIDS+=($!)
APP_PID=$!
if $WITH_EVENTS; then
  # the events app: same store and credentials, its own ports (serving EVENTS_PORT, management 8082 on loopback),
  # events delivered to generate's root with the first API key (if any)
  (
    export SERVER_ADDRESS=127.0.0.1
    export ORFEAS_EVENTS_ADAPTER_AUTH_TOKEN="$WEBHOOK_TOKEN"
    export ORFEAS_EVENTS_SINK_GENERATE_URL="http://127.0.0.1:$GENERATE_PORT/"
    # generate answers an event when its mesh is stored: a photo takes longer than the 10 s default on a small CPU
    export ORFEAS_EVENTS_SINK_TIMEOUT="${ORFEAS_EVENTS_SINK_TIMEOUT:-120s}"
    keys="${ORFEAS_SECURITY_API_KEYS:-}"
    export ORFEAS_EVENTS_SINK_API_KEY="${keys%%,*}"
    unset ORFEAS_SECURITY_OPEN ORFEAS_SECURITY_API_KEYS ORFEAS_SECURITY_API_KEY_HASHES
    # shellcheck disable=SC2086
    exec env PORT="$EVENTS_PORT" "$JAVA_HOME/bin/java" -Dspring.aot.enabled=true $JAVA_OPTS -jar "$EVENTS_JAR"
  ) &
  PIDS+=($!)
  EVENTS_PID=$!
fi
if wait_for "the app's readiness" 180 curl -fsS "http://127.0.0.1:$PORT/readyz"; then
  log "ORFEAS generate is ready on http://$ORFEAS_BIND:$PORT (POST /generate, GET /meshes) — Ctrl-C stops"
  log "try: curl --data-binary @cat.png -H 'Content-Type: image/png' localhost:$PORT/generate -o cat.glb"
  if $WITH_EVENTS; then
    if wait_for "the events app's readiness" 120 curl -fsS "http://127.0.0.1:$EVENTS_PORT/readyz"; then
      log "ORFEAS events is ready on http://127.0.0.1:$EVENTS_PORT (POST /webhooks/minio with the token in $EVENTS_CREDENTIALS)"
    else
      kill -0 "$EVENTS_PID" 2>/dev/null || log "WARNING: the events app exited during start-up (see the log above)"
    fi
  fi
else
  kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start-up (see the log above)"
fi
wait "$APP_PID"
