#!/bin/bash
# train.sh PORT HEALTH_PATH JAVA_COMMAND...: the build-time training run. Starts the app once (the command carries
# -XX:AOTCacheOutput=...), waits until HEALTH_PATH answers 2xx (for generate: DJL/PyTorch loaded, natives extracted
# into $ENGINE_CACHE_DIR, warm-up generation done), serves the first request a cold instance serves when
# TRAIN_REQUEST="PORT PATH FILE CONTENT_TYPE" is set (generate: POST /generate of a photo, so the request path's
# classes are in the cache too: body, controller, cache lookup, generation, the S3 SDK's reads and writes), touches
# the health and metrics endpoints, then stops it with SIGTERM; the JVM writes the AOT cache as it exits.
set -euo pipefail
port="$1" health="$2"; shift 2
"$@" &
pid=$!
for _ in $(seq 900); do
  orfeas-health "$port" "$health" && break
  kill -0 "$pid" 2>/dev/null || { wait "$pid"; echo "train.sh: the app exited during training" >&2; exit 1; }
  sleep 0.2
done
orfeas-health "$port" "$health" || { echo "train.sh: not ready after 180 s" >&2; kill -KILL "$pid"; exit 1; }

# post PORT PATH FILE CONTENT_TYPE: one HTTP/1.0 POST on loopback (no curl in a minbase image); prints the status.
post() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'POST %s HTTP/1.0\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n' \
    "$2" "$4" "$(stat -c %s "$3")" >&3
  cat "$3" >&3
  local status
  IFS=' ' read -r -t 120 _ status _ <&3 || status=none
  cat <&3 >/dev/null || true
  exec 3<&-
  echo "$status"
}
if [[ -n "${TRAIN_REQUEST:-}" ]]; then
  read -r rport rpath rfile rtype <<<"$TRAIN_REQUEST"
  status="$(post "$rport" "$rpath" "$rfile" "$rtype")"
  [[ "$status" == 2?? ]] || { echo "train.sh: the training request answered $status" >&2; exit 1; }
  echo "train.sh: training request answered $status" >&2
fi
for path in /actuator/health /actuator/health/liveness /actuator/prometheus; do
  orfeas-health "$port" "$path" || true
done
kill -TERM "$pid"
# 0 (generate handles SIGTERM and exits 0) or 143 (the JVM's default for SIGTERM): both wrote the cache.
code=0
wait "$pid" || code=$?
[[ $code == 0 || $code == 143 ]] || { echo "train.sh: the app exited with $code" >&2; exit 1; }
