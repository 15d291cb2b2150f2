#!/usr/bin/env bash
# Canary rollout of a new image with the Knative CLI (kn):
#   1. a new revision with IMAGE, tagged "canary", at 0 % (all traffic stays on the revision serving now)
#   2. smoke test on the tag's own URL: /health, then one generation whose GLB is validated
#   3. traffic shifts in steps (default 10 %, 50 %), each held for STEP_WAIT seconds while the canary stays Ready and
#      the smoke test keeps passing on the tag URL
#   4. promote (100 % to the new revision, tag removed) — or, on any failure, roll back (100 % to the old one,
#      tag removed; the new revision stays for inspection)
#
#   scripts/rollout.sh [--dry-run] [--service NAME] [--steps 10,50] IMAGE
#
#   --dry-run   print the kn commands (and checks) without running them; needs no cluster
#   --service   the Knative service [generate]; roll generate-events (the broker's copy) out the same way
#   --steps     traffic percentages for the canary before 100 [10,50]
# Environment (defaults in brackets): NS [orfeas], STEP_WAIT [120] seconds per step, API_KEY [first key of Secret
# orfeas-api-keys], SMOKE_IMAGE [scripts/smoke.png], TIMEOUT [1500] seconds for the new revision to be Ready.
# After promoting, set the same image in knative/overlays/*/kustomization.yaml so the next deploy.sh keeps it.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/cluster-common.sh"

SERVICE="generate"
STEPS="10,50"
STEP_WAIT="${STEP_WAIT:-120}"
TIMEOUT="${TIMEOUT:-1500}"
TAG="canary"
IMAGE=""

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --service) SERVICE="${2:?--service needs a name}"; shift ;;
    --steps) STEPS="${2:?--steps needs percentages}"; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) [[ -z "$IMAGE" ]] || die "one image only (see --help)"; IMAGE="$1" ;;
  esac
  shift
done
[[ -n "$IMAGE" ]] || die "which image? scripts/rollout.sh [--dry-run] IMAGE (see --help)"
IFS=, read -r -a PERCENTS <<<"$STEPS"
for p in "${PERCENTS[@]}"; do
  if ! [[ "$p" =~ ^[0-9]+$ ]] || ((p < 1 || p > 99)); then
    die "--steps: each step is a percentage between 1 and 99, got '$p'"
  fi
done
[[ "$DRY_RUN" == 1 ]] || need kn kubectl curl

# the revision serving now, and the name of the new one (kn requires the service name as its prefix)
if [[ "$DRY_RUN" == 1 ]]; then
  check kubectl -n "$NS" get ksvc "$SERVICE" -o 'jsonpath={.status.latestReadyRevisionName}'
  CURRENT="<current revision of $SERVICE>"
  NEW="$SERVICE-canary-<time>"
else
  CURRENT="$(kubectl -n "$NS" get ksvc "$SERVICE" -o 'jsonpath={.status.latestReadyRevisionName}')" \
    || die "no service $NS/$SERVICE (deploy it first: scripts/deploy.sh)"
  [[ -n "$CURRENT" ]] || die "$SERVICE has no ready revision to roll out from"
  NEW="$SERVICE-canary-$(date -u +%Y%m%d%H%M%S)"
  log "$SERVICE: $CURRENT → $NEW ($IMAGE)"
fi
# tags give a revision its own host: <tag>-<service>.<namespace>.svc.cluster.local (the service is cluster-local)
TAG_HOST="$TAG-$SERVICE.$NS.svc.cluster.local"

rollback() {
  log "rolling back: all traffic to $CURRENT"
  run kn service update "$SERVICE" -n "$NS" --traffic "$CURRENT=100" --untag "$TAG" || true
  exit 1
}

[[ "$DRY_RUN" != 1 ]] || printf 'DRY-RUN: on failure: kn service update %s -n %s --traffic %s=100 --untag %s\n' "$SERVICE" "$NS" "$CURRENT" "$TAG"

step "new revision at 0 %, tagged $TAG"
# pinning the current revision to 100 % first keeps the new one at 0 % when it becomes the latest
run kn service update "$SERVICE" -n "$NS" --traffic "$CURRENT=100"
run kn service update "$SERVICE" -n "$NS" --image "$IMAGE" --revision-name "$NEW" --wait --wait-timeout "$TIMEOUT" || rollback
run kn service update "$SERVICE" -n "$NS" --tag "$NEW=$TAG" --traffic "$CURRENT=100" || rollback
run kn revision describe "$NEW" -n "$NS" || rollback

step "smoke test on the tag URL ($TAG_HOST)"
trap close_gateway EXIT
open_gateway
key="$(api_key)"
[[ "$DRY_RUN" == 1 || -n "$key" ]] || die "no API key (Secret $NS/orfeas-api-keys or API_KEY)"
smoke_test "$TAG_HOST" "$key" || rollback

for p in "${PERCENTS[@]}"; do
  step "$p % to $NEW"
  run kn service update "$SERVICE" -n "$NS" --traffic "$TAG=$p" --traffic "$CURRENT=$((100 - p))" || rollback
  run sleep "$STEP_WAIT"
  # the canary must still be Ready (no crash loop, no failed probes) and still generate valid meshes
  check kubectl -n "$NS" wait "revision/$NEW" --for=condition=Ready --timeout=10s || rollback
  smoke_test "$TAG_HOST" "$key" || rollback
done

step "promote $NEW"
run kn service update "$SERVICE" -n "$NS" --traffic "@latest=100" --untag "$TAG" || rollback
[[ "$DRY_RUN" == 1 ]] || log "promoted: $SERVICE serves $IMAGE ($NEW). Put the image in knative/overlays/*/kustomization.yaml too."
