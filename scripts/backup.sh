#!/usr/bin/env bash
# Operator backup at the S3 level: mirror the meshes bucket into the backup bucket (aws s3 sync: server-side
# copies, only what is missing or changed, so a rerun after a crash finishes the job), verify every object, then
# write a manifest (key, size, checksum, version, time) and keep the newest $KEEP_MANIFESTS manifests.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/s3-common.sh"

SOURCE_BUCKET="${SOURCE_BUCKET:-meshes}"
BACKUP_BUCKET="${BACKUP_BUCKET:-backups}"
BACKUP_PREFIX="${BACKUP_PREFIX:-meshes/}"
MANIFEST_PREFIX="${MANIFEST_PREFIX:-manifests/}"
KEEP_MANIFESTS="${KEEP_MANIFESTS:-30}"

usage_details() {
  cat <<USAGE
Usage: scripts/backup.sh [--help]

Copies s3://\$SOURCE_BUCKET into s3://\$BACKUP_BUCKET/\$BACKUP_PREFIX (aws s3 sync), verifies every copy (size and
MD5 ETag, or SHA-256 of both when an ETag is not a plain MD5), recopies a copy that does not verify, then uploads
a manifest to s3://\$BACKUP_BUCKET/\$MANIFEST_PREFIX<UTC time>.tsv and deletes all but the newest \$KEEP_MANIFESTS.
Prints the manifest key on stdout. Idempotent: rerun it after a failure.

Environment (defaults):
  S3_ENDPOINT=$S3_ENDPOINT   (empty: AWS S3)
  SOURCE_BUCKET=$SOURCE_BUCKET  BACKUP_BUCKET=$BACKUP_BUCKET  BACKUP_PREFIX=$BACKUP_PREFIX
  MANIFEST_PREFIX=$MANIFEST_PREFIX  KEEP_MANIFESTS=$KEEP_MANIFESTS
  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY   (default: the local store's, from \$ORFEAS_DATA/s3.credentials)
Needs: aws (awscli).
USAGE
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage; die "unknown argument: $1" ;;
esac
[[ "$KEEP_MANIFESTS" =~ ^[1-9][0-9]*$ ]] || die "KEEP_MANIFESTS must be a positive number"
s3_setup

log "syncing s3://$SOURCE_BUCKET → s3://$BACKUP_BUCKET/$BACKUP_PREFIX"
s3 s3 sync "s3://$SOURCE_BUCKET" "s3://$BACKUP_BUCKET/$BACKUP_PREFIX" --only-show-errors

declare -A COPY_SIZE COPY_ETAG
while IFS=$'\t' read -r key size etag _; do
  COPY_SIZE["${key#"$BACKUP_PREFIX"}"]="$size"; COPY_ETAG["${key#"$BACKUP_PREFIX"}"]="$etag"
done < <(s3_list "$BACKUP_BUCKET" "$BACKUP_PREFIX")

MANIFEST="$(mktemp)"; trap 'rm -f "$MANIFEST"' EXIT
count=0 recopied=0
while IFS=$'\t' read -r key size etag modified; do
  checksum="$(s3_checksum "$SOURCE_BUCKET" "$key" "$etag")"
  if ! s3_verify "$BACKUP_BUCKET" "$BACKUP_PREFIX$key" "${COPY_SIZE[$key]:-}" "${COPY_ETAG[$key]:-}" "$size" "$checksum"; then
    log "copy of $key missing or different: copying again"
    s3 s3 cp "s3://$SOURCE_BUCKET/$key" "s3://$BACKUP_BUCKET/$BACKUP_PREFIX$key" --only-show-errors
    read -r csize cetag < <(s3_head "$BACKUP_BUCKET" "$BACKUP_PREFIX$key")
    s3_verify "$BACKUP_BUCKET" "$BACKUP_PREFIX$key" "$csize" "$cetag" "$size" "$checksum" \
      || die "copy of $key does not match its source after a second copy"
    recopied=$((recopied + 1))
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$(manifest_key_encode "$key")" "$size" "$checksum" "null" "$modified" >> "$MANIFEST"
  count=$((count + 1))
done < <(s3_list "$SOURCE_BUCKET" "")

NAME="$MANIFEST_PREFIX$(date -u +%Y%m%dT%H%M%SZ).tsv"
s3 s3 cp "$MANIFEST" "s3://$BACKUP_BUCKET/$NAME" --content-type text/tab-separated-values --only-show-errors
log "verified $count object(s) ($recopied recopied); manifest s3://$BACKUP_BUCKET/$NAME"

mapfile -t OLD < <(s3_list "$BACKUP_BUCKET" "$MANIFEST_PREFIX" | cut -f1 | sort -r | tail -n +"$((KEEP_MANIFESTS + 1))")
for old in "${OLD[@]}"; do
  s3 s3 rm "s3://$BACKUP_BUCKET/$old" --only-show-errors
  log "retention: removed $old"
done
echo "$NAME"
