#!/usr/bin/env bash
# Makes a self-signed TLS certificate for development (nginx in infra/compose, the image tests): an EC P-256 key
# and a certificate for localhost, 127.0.0.1 and ::1 (plus any names given), valid 30 days. Never for production.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

usage_details() {
  cat <<USAGE
Usage: scripts/make-dev-cert.sh [--out DIR] [--days N] [NAME...]

Writes DIR/tls.crt and DIR/tls.key (mode 600) for localhost, 127.0.0.1, ::1 and each NAME (DNS name or IP address).
Defaults: --out infra/compose/certs, --days 30. Existing files are replaced.
USAGE
}

OUT="$ROOT_DIR/infra/compose/certs" DAYS=30 NAMES=()
while (($#)); do
  case "$1" in
    --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
    --days) DAYS="${2:?--days needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage; die "unknown option: $1" ;;
    *) NAMES+=("$1"); shift ;;
  esac
done
[[ "$DAYS" =~ ^[0-9]+$ ]] || die "--days must be a number"
command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl)"

SAN="DNS:localhost,IP:127.0.0.1,IP:::1"
for name in "${NAMES[@]}"; do
  if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then SAN+=",IP:$name"; else SAN+=",DNS:$name"; fi
done

mkdir -p "$OUT"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
  -subj "/CN=${NAMES[0]:-localhost}/O=ORFEAS development" \
  -addext "subjectAltName=$SAN" -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" \
  -keyout "$OUT/tls.key" -out "$OUT/tls.crt" 2>/dev/null || die "openssl failed"
chmod 644 "$OUT/tls.crt"
log "wrote $OUT/tls.crt and $OUT/tls.key ($SAN, $DAYS days)"
