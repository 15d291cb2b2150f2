#!/usr/bin/env bash
# Container cold start of orfeas/generate, measured the way a user meets it: `docker run` → readiness UP → first
# mesh (POST of a real photo, GLB back). RUNS times, each with a fresh container against an S3Proxy container on a
# private network (random credentials); prints each run and the medians. Needs the images (scripts/build-images.sh).
#   infra/images/bench-start.sh [RUNS=5] [IMAGE=orfeas/generate:0.1.0] [JDK_JAVA_OPTIONS] [ENV=VALUE]
# e.g. "-XX:AOTMode=off" as the third argument measures the same image without its AOT cache;
# "ORFEAS_GENERATION_SEGMENTATION_MODEL=" as the fourth measures it without the segmentation model.
set -euo pipefail
RUNS="${1:-5}" IMAGE="${2:-orfeas/generate:0.1.0}" JVM_OPTIONS="${3:-}" EXTRA_ENV="${4:-ORFEAS_BENCH=1}"
PHOTO=/usr/lib/python3/dist-packages/skimage/data/chelsea.png
[[ -f "$PHOTO" ]] || { echo "needs $PHOTO (apt-get install python3-skimage)" >&2; exit 1; }
tag="orfeas-bench-$$"
secret="$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cleanup() { docker rm -f "$tag-gen" "$tag-s3" >/dev/null 2>&1 || true; docker network rm "$tag" >/dev/null 2>&1 || true; }
trap cleanup EXIT
docker network create "$tag" >/dev/null
docker run -d --name "$tag-s3" --network "$tag" --network-alias s3 --read-only --tmpfs /tmp \
  --tmpfs /data:uid=10001 -e S3PROXY_IDENTITY=bench -e S3PROXY_CREDENTIAL="$secret" orfeas/s3proxy:0.1.0 >/dev/null
now() { date +%s%N; }
ready=() mesh=() rss=()
for i in $(seq "$RUNS"); do
  docker rm -f "$tag-gen" >/dev/null 2>&1 || true
  t0=$(now)
  docker run -d --name "$tag-gen" --network "$tag" --read-only --tmpfs /tmp -p 127.0.0.1::8080 \
    -e ORFEAS_SECURITY_OPEN=true -e ORFEAS_STORAGE_ENDPOINT=http://s3:8080 -e ORFEAS_STORAGE_ACCESS_KEY=bench \
    -e ORFEAS_STORAGE_SECRET_KEY="$secret" -e ORFEAS_STORAGE_CHECKSUMS=when-required \
    -e JDK_JAVA_OPTIONS="$JVM_OPTIONS" -e "$EXTRA_ENV" "$IMAGE" >/dev/null
  port="$(docker port "$tag-gen" 8080/tcp | head -1 | sed 's/.*://')"
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    [[ "$(docker inspect -f '{{.State.Running}}' "$tag-gen")" == true ]] || { docker logs "$tag-gen" | tail; exit 1; }
    sleep 0.05
  done
  t1=$(now)
  curl -fsS -o /dev/null --data-binary @"$PHOTO" -H 'Content-Type: image/png' "http://127.0.0.1:$port/generate"
  t2=$(now)
  mem="$(docker stats --no-stream --format '{{.MemUsage}}' "$tag-gen" | cut -d/ -f1 | tr -d ' ')"
  ready+=("$(( (t1 - t0) / 1000000 ))") mesh+=("$(( (t2 - t0) / 1000000 ))") rss+=("$mem")
  printf 'run %d: ready %5d ms, first mesh %5d ms, memory at first mesh %s\n' "$i" "${ready[-1]}" "${mesh[-1]}" "$mem"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf 'median of %d: docker run → ready %s ms, → first mesh %s ms (%s %s)\n' "$RUNS" "$(median "${ready[@]}")" \
  "$(median "${mesh[@]}")" "$IMAGE" "$JVM_OPTIONS"
