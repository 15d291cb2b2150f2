#!/bin/bash
# train.sh PORT HEALTH_PATH JAVA_COMMAND...: the build-time training run. Starts the app once (the command carries
# -XX:AOTCacheOutput=...), waits until HEALTH_PATH answers 2xx (for generate: DJL/PyTorch loaded, natives extracted
# into $ENGINE_CACHE_DIR, warm-up generation done), touches the health and metrics endpoints so their classes are in
# the cache too, then stops it with SIGTERM; the JVM writes the AOT cache as it exits.
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
for path in /actuator/health /actuator/health/liveness /actuator/prometheus; do
  orfeas-health "$port" "$path" || true
done
kill -TERM "$pid"
# 0 (generate handles SIGTERM and exits 0) or 143 (the JVM's default for SIGTERM): both wrote the cache.
code=0
wait "$pid" || code=$?
[[ $code == 0 || $code == 143 ]] || { echo "train.sh: the app exited with $code" >&2; exit 1; }
