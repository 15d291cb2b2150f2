# shellcheck shell=bash
# Shared helpers for scripts/*.sh: source it, don't run it.
#   SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; . "$SCRIPT_DIR/common.sh"

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# usage: the calling script's help, the one helper every script uses: its header comment (the comment lines after
# the shebang, up to the first line that is not one), then what the script's usage_details prints, if it defines it.
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  if declare -F usage_details >/dev/null; then usage_details; fi
}

# on_help ARGS...: when one of ARGS is -h or --help, prints usage and exits 0 (call it before anything runs).
on_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in -h|--help) usage; exit 0 ;; esac
  done
}

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: retry COMMAND every 0.2 s until it succeeds or time runs out.
wait_for() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

# java_major JAVA_BIN: prints the feature version (17, 21, 25, ...) of a java binary, or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# use_jdk: exports JAVA_HOME pointing at a JDK >= 21, preferring Temurin 25; dies with a clear message otherwise.
use_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [[ -n "$candidate" && -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
    major="$(java_major "$candidate/bin/java")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21 or newer found. Install one (e.g. Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME."
}

# use_engine_memory_settings: glibc's malloc settings for the engine JVM (the same as the generate images' ENV). With a
# fixed mmap threshold every large block — ONNX Runtime's per-run activations of the 1024² segmentation model, over
# 700 MB — is mapped on its own and handed back to the OS when freed, instead of staying in malloc's heap after the
# threshold has adapted upwards: peak RSS of a photo generation ~1.05 GiB instead of ~1.25 GiB, for a few percent
# more CPU (docs/benchmarks.md, "Speed and memory").
use_engine_memory_settings() {
  export MALLOC_MMAP_THRESHOLD_=131072
}

# mvn_quiet ARGS...: Maven in batch mode without colour (-B, no transfer progress, style.color=never) with the raw
# ANSI escapes Maven 3.8 prints even then stripped, and on JDK 24+ without the JDK's sun.misc.Unsafe warnings about
# Maven's own Guava (harmless; Maven's, not the project's). Exit status: Maven's.
mvn_quiet() {
  local opts="${MAVEN_OPTS:-}" major
  major="$(java_major "${JAVA_HOME:-/nonexistent}/bin/java" 2>/dev/null || true)"
  [[ -n "$major" && "$major" -ge 24 ]] && opts+=" --sun-misc-unsafe-memory-access=allow"
  MAVEN_OPTS="$opts" mvn -B --no-transfer-progress -Dstyle.color=never "$@" \
    2> >(sed $'s/\e\\[[0-9;]*m//g' >&2) | sed $'s/\e\\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}

# port_open PORT: true when something accepts connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: prints a random TCP port in 20000-59999 that nothing on loopback listens on.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    port_open "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

# random_secret: 32 hex characters from /dev/urandom (throw-away credentials, never written into the repository).
random_secret() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# start_s3proxy PORT DATA_DIR ACCESS_KEY SECRET_KEY STATE_DIR: starts S3Proxy (functions/local-s3's runtime) in the
# background on 127.0.0.1:PORT with its filesystem store in DATA_DIR; its properties (mode 600) and log go to
# STATE_DIR. Sets S3PROXY_PID and returns once the port answers; dies with the log's place otherwise.
start_s3proxy() {
  local port="$1" data="$2" access="$3" secret="$4" state="$5"
  mkdir -p "$data" "$state"
  (umask 077 && cat > "$state/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem-nio2
jclouds.identity=$access
jclouds.credential=$secret
jclouds.filesystem.basedir=$data
PROPS
  )
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -DLOG_LEVEL=warn -Dlogback.configurationFile="$ROOT_DIR/functions/local-s3/logback.xml" \
    -Xmx256m -cp "$ROOT_DIR/functions/local-s3/target/s3proxy/*" org.gaul.s3proxy.Main \
    --properties "$state/s3proxy.properties" > "$state/s3proxy.log" 2>&1 &
  # shellcheck disable=SC2034  # read by the caller
  S3PROXY_PID=$!
  wait_for "S3Proxy on port $port" 60 port_open "$port" || die "S3Proxy did not start; see $state/s3proxy.log"
}
