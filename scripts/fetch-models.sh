#!/usr/bin/env bash
# Installs the learned segmentation models (IS-Net, ONNX) from the npm package @imgly/background-removal-data into
# $ORFEAS_MODELS (default: models/ in the checkout): idempotent, cached by npm, every chunk and file sha256-pinned.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

ORFEAS_MODELS="${ORFEAS_MODELS:-$ROOT_DIR/models}"
PACKAGE="@imgly/background-removal-data@1.4.5"
# resource in the package's dist/resources.json → file name, size, sha256 (the package's own published figures).
MODELS=(
  "/models/medium isnet-fp16.onnx 88188479 b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb"
  "/models/small isnet-quint8.onnx 44342436 7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a"
)

usage() {
  cat <<USAGE
Usage: scripts/fetch-models.sh [--check] [--dry-run] [--help]

Installs the IS-Net segmentation models from the npm package $PACKAGE into \$ORFEAS_MODELS
($ORFEAS_MODELS): isnet-quint8.onnx (the default model on CPUs) and isnet-fp16.onnx. The package ships each model as 4 MiB
chunks named by their sha256; they are reassembled by offset and every chunk and the final file are verified.
Nothing is downloaded when the files are already there and verified. Licences: see docs/model-contract.md.

  --check    exit 0 when the models are installed and verified, 1 otherwise (downloads nothing)
  --dry-run  say what would be done
USAGE
}

CHECK=false DRY_RUN=false
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=true ;;
    --dry-run) DRY_RUN=true ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument: $arg" ;;
  esac
done

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

installed() {
  local resource name size sum
  read -r resource name size sum <<<"$1"
  [[ -f "$ORFEAS_MODELS/$name" && "$(stat -c %s "$ORFEAS_MODELS/$name")" == "$size" \
     && "$(sha256_of "$ORFEAS_MODELS/$name")" == "$sum" ]]
}

missing=()
for model in "${MODELS[@]}"; do
  installed "$model" || missing+=("$model")
done
if ((${#missing[@]} == 0)); then
  $CHECK || log "models installed and verified in $ORFEAS_MODELS"
  exit 0
fi
$CHECK && exit 1
if $DRY_RUN; then
  log "would fetch $PACKAGE with npm and install ${#missing[@]} model(s) into $ORFEAS_MODELS"
  exit 0
fi
command -v npm >/dev/null || die "npm is needed to fetch the models (Debian: apt-get install npm)"
command -v python3 >/dev/null || die "python3 is needed to read the package's resources.json"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "fetching $PACKAGE (npm cache) ..."
(cd "$work" && npm pack "$PACKAGE" --silent --loglevel=error >/dev/null) || die "npm could not fetch $PACKAGE"
tar -xzf "$work"/*.tgz -C "$work"
mkdir -p "$ORFEAS_MODELS"

for model in "${missing[@]}"; do
  read -r resource name size sum <<<"$model"
  part="$ORFEAS_MODELS/.$name.part"
  # Reassemble by the offsets resources.json gives, checking every chunk against the sha256 it is named by.
  python3 - "$work/package/dist" "$resource" "$part" <<'PY' || die "reassembling $resource failed"
import hashlib, json, os, sys
dist, resource, out = sys.argv[1:]
entry = json.load(open(os.path.join(dist, "resources.json")))[resource]
with open(out, "wb") as target:
    for chunk in entry["chunks"]:
        data = open(os.path.join(dist, chunk["hash"]), "rb").read()
        start, end = chunk["offsets"]
        if hashlib.sha256(data).hexdigest() != chunk["hash"] or len(data) != end - start:
            sys.exit(f"chunk {chunk['hash']} of {resource} is corrupt")
        target.seek(start)
        target.write(data)
PY
  [[ "$(stat -c %s "$part")" == "$size" && "$(sha256_of "$part")" == "$sum" ]] \
    || { rm -f "$part"; die "$name: size or sha256 differs from the pinned $sum"; }
  mv -f "$part" "$ORFEAS_MODELS/$name"
  log "installed $ORFEAS_MODELS/$name ($size bytes, sha256 $sum)"
done
cp "$work/package/LICENSE.md" "$ORFEAS_MODELS/LICENSE-imgly-background-removal-data.md"
cp "$work/package/ThirdPartyLicenses.json" "$ORFEAS_MODELS/ThirdPartyLicenses.json"
