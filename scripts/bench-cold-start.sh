#!/usr/bin/env bash
# Container cold start of the generate image as a scale-from-zero user meets it: `docker run` → readiness UP →
# first mesh (POST of a real photo, GLB back), RUNS fresh containers per image against one S3Proxy container on a
# private network (random credentials, buckets made once, then ORFEAS_STORAGE_CREATE_BUCKETS=false as on a cluster).
# With several --image, runs alternate between them (side by side on a noisy machine). Besides the outside view it
# reads each instance's own start-up line (orfeas.startup.*: process → ready, spring context, engine, model,
# warm-up; then ready → first request served). Prints each run and the medians. Needs the images
# (scripts/build-images.sh) and python3-skimage's sample photo.
#   scripts/bench-cold-start.sh [--runs N] [--image IMAGE]... [--env NAME=VALUE]... [--jvm "OPTIONS"] [--steps FILE]
# e.g. --jvm "-XX:AOTMode=off" measures without the AOT cache; --env ORFEAS_GENERATION_SEGMENTATION_MODEL= without
# the segmentation model; --env ORFEAS_GENERATION_WARM_UP=false without the warm-up; --steps FILE records Spring's
# start-up steps (ORFEAS_STARTUP_STEPS=true) and appends each run's slowest ones to FILE (where the time goes).
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

RUNS=5 IMAGES=() ENVS=() JVM="" STEPS=""
PHOTO="${PHOTO:-/usr/lib/python3/dist-packages/skimage/data/chelsea.png}"
usage_details() {
  cat <<USAGE
Defaults: --runs $RUNS --image orfeas/generate:0.1.0; PHOTO=$PHOTO
USAGE
}
on_help "$@"
while (($#)); do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --image) IMAGES+=("$2"); shift 2 ;;
    --env) ENVS+=(-e "$2"); shift 2 ;;
    --jvm) JVM="$2"; shift 2 ;;
    --steps) STEPS="$2"; ENVS+=(-e ORFEAS_STARTUP_STEPS=true); shift 2 ;;
    *) usage; die "unknown argument: $1" ;;
  esac
done
((${#IMAGES[@]})) || IMAGES=(orfeas/generate:0.1.0)
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"
[[ -f "$PHOTO" ]] || die "needs $PHOTO (apt-get install python3-skimage) or PHOTO=<a PNG>"
command -v curl >/dev/null || die "needs curl"
docker info >/dev/null 2>&1 || die "no Docker engine answers"

tag="orfeas-cold-$$"
secret="$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() {
  docker rm -f "$tag-gen" "$tag-s3" >/dev/null 2>&1 || true
  docker network rm "$tag" >/dev/null 2>&1 || true
}
trap cleanup EXIT
docker network create "$tag" >/dev/null
docker run -d --name "$tag-s3" --network "$tag" --network-alias s3 --read-only --tmpfs /tmp -p 127.0.0.1::8080 \
  --tmpfs /data:uid=10001 -e S3PROXY_IDENTITY=bench -e S3PROXY_CREDENTIAL="$secret" orfeas/s3proxy:0.1.0 >/dev/null
s3_port="$(docker port "$tag-s3" 8080/tcp | head -1 | sed 's/.*://')"
# S3Proxy answers 403 to an anonymous request once it listens
wait_for "S3Proxy" 60 bash -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$s3_port/ | grep -q '^[1-5]'"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# field TEXT WORDS: the number after WORDS in TEXT (the instance's start-up lines), or "-"
field() { grep -o "$2 [0-9][0-9.]*" <<<"$1" | head -1 | awk '{print $NF}' | grep . || echo -; }

# one_run IMAGE CREATE_BUCKETS: prints "ready_ms mesh_ms process_ready context engine model warmup first memory"
one_run() {
  local image="$1" create="$2" t0 t1 t2 port logs mem
  docker rm -f "$tag-gen" >/dev/null 2>&1 || true
  t0=$(now_ms)
  docker run -d --name "$tag-gen" --network "$tag" --read-only --tmpfs /tmp -p 127.0.0.1::8080 \
    -e ORFEAS_SECURITY_OPEN=true -e ORFEAS_STORAGE_ENDPOINT=http://s3:8080 -e ORFEAS_STORAGE_ACCESS_KEY=bench \
    -e ORFEAS_STORAGE_SECRET_KEY="$secret" -e ORFEAS_STORAGE_CHECKSUMS=when-required -e ORFEAS_LOG_FORMAT= \
    -e ORFEAS_STORAGE_CREATE_BUCKETS="$create" -e JDK_JAVA_OPTIONS="$JVM" "${ENVS[@]}" "$image" >/dev/null
  port="$(docker port "$tag-gen" 8080/tcp | head -1 | sed 's/.*://')"
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    [[ "$(docker inspect -f '{{.State.Running}}' "$tag-gen")" == true ]] || { docker logs "$tag-gen" 2>&1 | tail >&2; die "$image exited"; }
    sleep 0.02
  done
  t1=$(now_ms)
  curl -fsS -o /dev/null --data-binary @"$PHOTO" -H 'Content-Type: image/png' "http://127.0.0.1:$port/generate" \
    || die "the first mesh failed"
  t2=$(now_ms)
  mem="$(docker stats --no-stream --format '{{.MemUsage}}' "$tag-gen" | cut -d/ -f1 | tr -d ' ')"
  sleep 0.2 # the first-request line is logged as the response completes
  logs="$(docker logs "$tag-gen" 2>&1 | grep -E 'started: ready|first request served' || true)"
  if [[ -n "$STEPS" ]]; then
    { echo "== $image"; docker logs "$tag-gen" 2>&1 | grep -oE 'start-up steps?: .*|start-up step [0-9].*'; } >>"$STEPS"
  fi
  echo "$((t1 - t0)) $((t2 - t0)) $(field "$logs" 'started: ready') $(field "$logs" 'spring context') \
$(field "$logs" 'engine') $(field "$logs" 'model') $(field "$logs" 'warmup') $(field "$logs" 'first request served') $mem"
}

log "making the buckets once (first container, not counted) ..."
one_run "${IMAGES[0]}" true >/dev/null
declare -A rows
for i in $(seq "$RUNS"); do
  for image in "${IMAGES[@]}"; do
    row="$(one_run "$image" false)"
    rows[$image]+="$row"$'\n'
    read -r r m p c e mo w f mem <<<"$row"
    printf 'run %d %s: docker run → ready %5d ms, → first mesh %5d ms | in the app: process → ready %s s (context %s, engine %s, model %s, warm-up %s), ready → first request %s s | memory %s\n' \
      "$i" "$image" "$r" "$m" "$p" "$c" "$e" "$mo" "$w" "$f" "$mem"
  done
done
col() { awk -v c="$2" 'NF && $c != "-" {print $c}' <<<"${rows[$1]}"; }
med() { local v; v="$(col "$1" "$2")"; [[ -n "$v" ]] && median $v || echo -; }
for image in "${IMAGES[@]}"; do
  printf 'median of %d, %s %s: docker run → ready %s ms, → first mesh %s ms | process → ready %s s (context %s, engine %s, model %s, warm-up %s), ready → first request %s s\n' \
    "$RUNS" "$image" "$JVM${ENVS[*]:+ ${ENVS[*]}}" "$(med "$image" 1)" "$(med "$image" 2)" "$(med "$image" 3)" \
    "$(med "$image" 4)" "$(med "$image" 5)" "$(med "$image" 6)" "$(med "$image" 7)" "$(med "$image" 8)"
done
