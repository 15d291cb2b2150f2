# shellcheck shell=bash
# S3 helpers for backup.sh / restore.sh (awscli): source it after common.sh, don't run it.
# Listings are tab-separated (key, size, bare ETag, last-modified); keys with tabs or newlines are not supported.

S3_ENDPOINT="${S3_ENDPOINT-http://127.0.0.1:${ORFEAS_S3_PORT:-8333}}"
ORFEAS_DATA="${ORFEAS_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/orfeas}"

# s3_setup: checks for awscli and, when no AWS credentials are set, uses the local store's (scripts/run.sh).
s3_setup() {
  command -v aws >/dev/null || die "awscli (aws) is needed"
  if [[ -z "${AWS_ACCESS_KEY_ID:-}" && -f "$ORFEAS_DATA/s3.credentials" ]]; then
    # shellcheck disable=SC1091
    . "$ORFEAS_DATA/s3.credentials"
    export AWS_ACCESS_KEY_ID="$ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$SECRET_KEY"
  fi
  export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
  # S3Proxy refuses the checksum trailers newer awscli sends by default; MinIO and AWS S3 accept either
  export AWS_REQUEST_CHECKSUM_CALCULATION="${AWS_REQUEST_CHECKSUM_CALCULATION:-when_required}"
  export AWS_RESPONSE_CHECKSUM_VALIDATION="${AWS_RESPONSE_CHECKSUM_VALIDATION:-when_required}"
}

# manifest_key_encode KEY / manifest_key_decode FIELD: manifests percent-encode '%', TAB, CR and LF in keys (the
# events app writes and reads the same format).
manifest_key_encode() {
  local k="${1//%/%25}"
  k="${k//$'\t'/%09}"; k="${k//$'\r'/%0D}"
  printf '%s' "${k//$'\n'/%0A}"
}
manifest_key_decode() {
  local k="${1//%09/$'\t'}"
  k="${k//%0D/$'\r'}"; k="${k//%0A/$'\n'}"
  printf '%s' "${k//%25/%}"
}

# s3 ARGS...: aws with the endpoint.
s3() {
  if [[ -n "$S3_ENDPOINT" ]]; then
    aws --endpoint-url "$S3_ENDPOINT" "$@"
  else
    aws "$@"
  fi
}

# s3_list BUCKET PREFIX: "key<TAB>size<TAB>etag<TAB>modified" per object.
s3_list() {
  s3 s3api list-objects-v2 --bucket "$1" --prefix "$2" --output text \
      --query 'Contents[].[Key,Size,ETag,LastModified]' \
    | awk -F'\t' -v OFS='\t' 'NF >= 3 && $1 != "None" { gsub(/"/, "", $3); print }'
}

# s3_head BUCKET KEY: "size etag", or "- -" when it does not exist.
s3_head() {
  s3 s3api head-object --bucket "$1" --key "$2" --output text --query '[ContentLength,ETag]' 2>/dev/null \
    | tr -d '"' || echo "- -"
}

# s3_sha256 BUCKET KEY: hex SHA-256 of the object's bytes (streamed).
s3_sha256() {
  s3 s3 cp "s3://$1/$2" - --only-show-errors | sha256sum | cut -d' ' -f1
}

# s3_checksum BUCKET KEY ETAG: "md5:<hex>" when the ETag is a plain MD5, else "sha256:<hex>" of the bytes.
s3_checksum() {
  if [[ "$3" =~ ^[0-9a-fA-F]{32}$ ]]; then
    echo "md5:${3,,}"
  else
    echo "sha256:$(s3_sha256 "$1" "$2")"
  fi
}

# s3_verify BUCKET KEY SIZE ETAG WANT_SIZE WANT_CHECKSUM: true when the object (listed with SIZE and ETAG) has the
# wanted size and checksum. An MD5 checksum against a non-MD5 ETag (multipart copy) reads the bytes.
s3_verify() {
  local bucket="$1" key="$2" size="$3" etag="$4" want_size="$5" want="$6"
  [[ -n "$size" && "$size" != "-" && "$size" == "$want_size" ]] || return 1
  case "$want" in
    md5:*)
      if [[ "$etag" =~ ^[0-9a-fA-F]{32}$ ]]; then
        [[ "${etag,,}" == "${want#md5:}" ]]
      else
        [[ "$(s3 s3 cp "s3://$bucket/$key" - --only-show-errors | md5sum | cut -d' ' -f1)" == "${want#md5:}" ]]
      fi ;;
    sha256:*) [[ "$(s3_sha256 "$bucket" "$key")" == "${want#sha256:}" ]] ;;
    *) return 1 ;;
  esac
}
