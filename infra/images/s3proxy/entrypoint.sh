#!/bin/bash
# Writes S3Proxy's properties from the environment into /tmp (mode 600; the credentials never reach the command
# line, so `ps` does not show them), then execs the JVM, which stays PID 1 and gets SIGTERM.
#   S3PROXY_IDENTITY, S3PROXY_CREDENTIAL  access key and secret key (required)
#   S3PROXY_PORT (8080), S3PROXY_DATA (/data), LOG_LEVEL (warn)
set -euo pipefail
: "${S3PROXY_IDENTITY:?set S3PROXY_IDENTITY}" "${S3PROXY_CREDENTIAL:?set S3PROXY_CREDENTIAL}"
props="$(mktemp /tmp/s3proxy.XXXXXX.properties)"
cat >"$props" <<PROPS
s3proxy.endpoint=http://0.0.0.0:${S3PROXY_PORT:-8080}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_IDENTITY
s3proxy.credential=$S3PROXY_CREDENTIAL
jclouds.provider=filesystem-nio2
jclouds.identity=$S3PROXY_IDENTITY
jclouds.credential=$S3PROXY_CREDENTIAL
jclouds.filesystem.basedir=${S3PROXY_DATA:-/data}
PROPS
unset S3PROXY_IDENTITY S3PROXY_CREDENTIAL
# a container killed mid-write leaves temp files that break listing (see clean-leftovers.sh)
/opt/s3proxy/clean-leftovers.sh "${S3PROXY_DATA:-/data}"
exec java -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError \
  -DLOG_LEVEL="${LOG_LEVEL:-warn}" -Dlogback.configurationFile=/opt/s3proxy/logback.xml \
  -cp '/opt/s3proxy/lib/*' org.gaul.s3proxy.Main --properties "$props"
