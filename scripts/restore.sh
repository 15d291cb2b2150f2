#!/usr/bin/env bash
# Operator restore from a backup manifest: every object the manifest lists is checked in the backup (a corrupted
# or missing backup object is reported, never restored), copied into the target bucket unless an identical object
# is already there (so a rerun resumes), and verified against the manifest after the copy.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/s3-common.sh"

BACKUP_BUCKET="${BACKUP_BUCKET:-backups}"
BACKUP_PREFIX="${BACKUP_PREFIX:-meshes/}"
MANIFEST_PREFIX="${MANIFEST_PREFIX:-manifests/}"
TARGET_BUCKET="${TARGET_BUCKET:-meshes}"
MANIFEST="${MANIFEST:-}"

usage_details() {
  cat <<USAGE
Usage: scripts/restore.sh [--manifest KEY] [--help]

Restores the objects listed in a manifest (default: the newest under s3://\$BACKUP_BUCKET/\$MANIFEST_PREFIX) from
s3://\$BACKUP_BUCKET/\$BACKUP_PREFIX into s3://\$TARGET_BUCKET, verifying each (size + checksum) before and after.
Exits 1 and names every object that could not be restored (missing or corrupted in the backup).

Environment (defaults):
  S3_ENDPOINT=$S3_ENDPOINT   (empty: AWS S3)
  BACKUP_BUCKET=$BACKUP_BUCKET  BACKUP_PREFIX=$BACKUP_PREFIX  MANIFEST_PREFIX=$MANIFEST_PREFIX
  TARGET_BUCKET=$TARGET_BUCKET  MANIFEST=(newest)
  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY   (default: the local store's, from \$ORFEAS_DATA/s3.credentials)
Needs: aws (awscli).
USAGE
}

while (($#)); do
  case "$1" in
    --manifest) [[ $# -ge 2 ]] || die "--manifest needs a key"; MANIFEST="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument: $1" ;;
  esac
done
s3_setup

if [[ -z "$MANIFEST" ]]; then
  MANIFEST="$(s3_list "$BACKUP_BUCKET" "$MANIFEST_PREFIX" | cut -f1 | sort -r | head -n 1)"
  [[ -n "$MANIFEST" ]] || die "no manifest under s3://$BACKUP_BUCKET/$MANIFEST_PREFIX"
fi
LOCAL="$(mktemp)"; trap 'rm -f "$LOCAL"' EXIT
s3 s3 cp "s3://$BACKUP_BUCKET/$MANIFEST" "$LOCAL" --only-show-errors || die "cannot read manifest $MANIFEST"
log "restoring from $MANIFEST into s3://$TARGET_BUCKET"

declare -A B_SIZE B_ETAG T_SIZE T_ETAG
while IFS=$'\t' read -r key size etag _; do
  B_SIZE["${key#"$BACKUP_PREFIX"}"]="$size"; B_ETAG["${key#"$BACKUP_PREFIX"}"]="$etag"
done < <(s3_list "$BACKUP_BUCKET" "$BACKUP_PREFIX")
while IFS=$'\t' read -r key size etag _; do
  T_SIZE["$key"]="$size"; T_ETAG["$key"]="$etag"
done < <(s3_list "$TARGET_BUCKET" "")

restored=0 present=0 failed=()
while IFS=$'\t' read -r key size checksum _version _time; do
  [[ -n "$key" ]] || continue
  key="$(manifest_key_decode "$key")"
  if s3_verify "$TARGET_BUCKET" "$key" "${T_SIZE[$key]:-}" "${T_ETAG[$key]:-}" "$size" "$checksum"; then
    present=$((present + 1)); continue
  fi
  if ! s3_verify "$BACKUP_BUCKET" "$BACKUP_PREFIX$key" "${B_SIZE[$key]:-}" "${B_ETAG[$key]:-}" "$size" "$checksum"; then
    log "NOT restored: backup of $key is missing or does not match the manifest (corrupted)"
    failed+=("$key"); continue
  fi
  s3 s3 cp "s3://$BACKUP_BUCKET/$BACKUP_PREFIX$key" "s3://$TARGET_BUCKET/$key" --only-show-errors
  read -r rsize retag < <(s3_head "$TARGET_BUCKET" "$key")
  if s3_verify "$TARGET_BUCKET" "$key" "$rsize" "$retag" "$size" "$checksum"; then
    restored=$((restored + 1))
  else
    log "NOT restored: $key does not match the manifest after the copy"
    failed+=("$key")
  fi
done < "$LOCAL"

log "restored $restored, already present $present, failed ${#failed[@]}"
if ((${#failed[@]})); then
  printf 'failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
