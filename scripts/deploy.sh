#!/usr/bin/env bash
# Deploys ORFEAS to the current kubectl context:
#   1. preflight: context, Knative/cert-manager CRDs, GPU nodes (prod), the Secrets the manifests reference,
#      the images (when docker/skopeo can look them up)
#   2. the overlay's config-features patch, then `kubectl apply -k knative/overlays/OVERLAY`
#   3. wait until the services, broker and triggers are Ready
#   4. smoke test: /health, then one generation through generate's route (a valid GLB back)
#   5. on failure, traffic goes back to the revisions that served before (when there were any)
#
#   scripts/deploy.sh [--dry-run] [--overlay dev|prod] [--context NAME] [--no-smoke]
#
#   --dry-run      print what would be checked and run; needs no cluster
#   --overlay      knative/overlays/<name> [dev]
#   --context      refuse to run unless kubectl's current context is NAME
#   --no-smoke     skip the smoke test (and so the rollback it could trigger)
# Environment (defaults in brackets): NS [orfeas], TIMEOUT [1500] seconds to wait for Ready (prod's GPU revision may
# wait for a new node: progress-deadline 20m), API_KEY [first key of Secret orfeas-api-keys], SMOKE_IMAGE
# [scripts/smoke.png], ALLOW_NO_GPU_NODE [0]: 1 when a node autoscaler adds GPU nodes on demand.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/cluster-common.sh"

OVERLAY="dev"
CONTEXT=""
SMOKE=1
TIMEOUT="${TIMEOUT:-1500}"
ALLOW_NO_GPU_NODE="${ALLOW_NO_GPU_NODE:-0}"
SERVICES=(generate generate-events events)
# Secrets the overlays reference without `optional: true`; the operator creates them (scripts/cluster-minio.sh
# makes the S3 and webhook ones). infra/manifest-tests checks this list against the built manifests.
REQUIRED_SECRETS=(orfeas-api-keys orfeas-events-s3 orfeas-generate-s3 orfeas-minio-webhook)

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --overlay) OVERLAY="${2:?--overlay needs a name}"; shift ;;
    --context) CONTEXT="${2:?--context needs a name}"; shift ;;
    --no-smoke) SMOKE=0 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

cd "$ROOT_DIR"
OVERLAY_DIR="knative/overlays/$OVERLAY"
[[ -f "$OVERLAY_DIR/kustomization.yaml" ]] || die "no overlay $OVERLAY (knative/overlays/$OVERLAY/kustomization.yaml)"
need kubectl
[[ "$DRY_RUN" == 1 ]] || need curl

# Built once: the images and objects below come from the same bytes that get applied.
MANIFESTS="$(kubectl kustomize "$OVERLAY_DIR")" || die "kubectl kustomize $OVERLAY_DIR failed"
mapfile -t IMAGES < <(sed -n 's/^ *image: *//p' <<<"$MANIFESTS" | sort -u)

step "preflight ($OVERLAY)"
if [[ "$DRY_RUN" == 1 ]]; then
  check kubectl config current-context
else
  current="$(kubectl config current-context)" || die "no current kubectl context"
  [[ -z "$CONTEXT" || "$current" == "$CONTEXT" ]] || die "current context is $current, not $CONTEXT"
  log "context: $current"
fi

crds=(services.serving.knative.dev brokers.eventing.knative.dev triggers.eventing.knative.dev
  sinkbindings.sources.knative.dev pingsources.sources.knative.dev)
if grep -q '^kind: DomainMapping' <<<"$MANIFESTS"; then
  crds+=(domainmappings.serving.knative.dev clusterdomainclaims.networking.internal.knative.dev
    clusterissuers.cert-manager.io)
fi
for crd in "${crds[@]}"; do
  check kubectl get crd "$crd" -o name || die "CRD $crd missing: run scripts/cluster-bootstrap.sh first"
done

if grep -q 'nvidia.com/gpu:' <<<"$MANIFESTS"; then
  check_gpu=(kubectl get nodes -l nvidia.com/gpu.present=true -o name)
  if [[ "$DRY_RUN" == 1 ]]; then
    check "${check_gpu[@]}"
  elif [[ -z "$("${check_gpu[@]}")" ]]; then
    if [[ "$ALLOW_NO_GPU_NODE" == 1 ]]; then
      log "no GPU node now; relying on the node autoscaler (the first revision waits up to its progress-deadline)"
    else
      die "no node labelled nvidia.com/gpu.present=true (GPU operator not ready?). ALLOW_NO_GPU_NODE=1 if nodes are added on demand"
    fi
  fi
fi

for secret in "${REQUIRED_SECRETS[@]}"; do
  check kubectl -n "$NS" get secret "$secret" -o name \
    || die "Secret $NS/$secret missing (see docs/DEPLOYMENT_GUIDE.md, 'Secrets')"
done

for image in "${IMAGES[@]}"; do
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: check: image %s\n' "$image"
  elif command -v skopeo >/dev/null 2>&1; then
    skopeo inspect --raw "docker://$image" >/dev/null || die "image $image not found by skopeo"
  elif command -v docker >/dev/null 2>&1; then
    docker manifest inspect "$image" >/dev/null || die "image $image not found by docker manifest inspect"
  else
    log "cannot check image $image (no skopeo or docker here); a missing image shows as a revision that never gets Ready"
  fi
done

# The revisions serving now: where traffic goes back to if this deploy fails.
declare -A PREVIOUS=()
for svc in "${SERVICES[@]}"; do
  if [[ "$DRY_RUN" == 1 ]]; then
    check kubectl -n "$NS" get ksvc "$svc" -o 'jsonpath={.status.latestReadyRevisionName}'
    PREVIOUS[$svc]="<previous ready revision of $svc>"
  else
    PREVIOUS[$svc]="$(kubectl -n "$NS" get ksvc "$svc" -o 'jsonpath={.status.latestReadyRevisionName}' 2>/dev/null || true)"
    log "$svc: ${PREVIOUS[$svc]:-not deployed yet}"
  fi
done

# pin_previous SERVICE: routes all of SERVICE's traffic to the revision that served before this deploy.
pin_previous() {
  kubectl -n "$NS" patch ksvc "$1" --type merge \
    -p "{\"spec\":{\"traffic\":[{\"revisionName\":\"${PREVIOUS[$1]}\",\"percent\":100}]}}"
}

rollback() {
  local svc rolled=0
  for svc in "${SERVICES[@]}"; do
    if [[ -n "${PREVIOUS[$svc]}" ]]; then
      log "+ traffic of $svc back to ${PREVIOUS[$svc]}"
      pin_previous "$svc" || log "could not roll $svc back"
      rolled=1
    fi
  done
  if ((rolled)); then
    log "rolled back: traffic pinned to the previous revisions; scripts/deploy.sh again (fixed) moves it to the latest"
  else
    log "nothing to roll back to (first deploy)"
  fi
  run kubectl -n "$NS" get ksvc,revision,broker,trigger
}

fail() {
  log "deploy failed: $*"
  rollback
  exit 1
}

step "apply"
if [[ "$DRY_RUN" == 1 ]]; then
  for svc in "${SERVICES[@]}"; do
    printf 'DRY-RUN: on failure: kubectl -n %s patch ksvc %s --type merge -p {"spec":{"traffic":[{"revisionName":"%s","percent":100}]}}\n' \
      "$NS" "$svc" "${PREVIOUS[$svc]}"
  done
fi
run kubectl -n knative-serving patch configmap/config-features --type merge \
  --patch-file "$OVERLAY_DIR/config-features.yaml"
run kubectl apply -k "$OVERLAY_DIR"
# after a rollback traffic is pinned to an old revision; a deploy always routes to the latest again
for svc in "${SERVICES[@]}"; do
  run kubectl -n "$NS" patch ksvc "$svc" --type merge -p '{"spec":{"traffic":[{"latestRevision":true,"percent":100}]}}'
done

step "wait for Ready (up to ${TIMEOUT}s)"
for svc in "${SERVICES[@]}"; do
  run kubectl -n "$NS" wait "ksvc/$svc" --for=condition=Ready "--timeout=${TIMEOUT}s" || fail "ksvc $svc not Ready"
done
run kubectl -n "$NS" wait broker/default --for=condition=Ready --timeout=300s || fail "broker not Ready"
run kubectl -n "$NS" wait trigger --all --for=condition=Ready --timeout=300s || fail "triggers not Ready"
run kubectl -n "$NS" wait sinkbinding --all --for=condition=Ready --timeout=300s || fail "SinkBinding not Ready"
run kubectl -n "$NS" wait pingsource --all --for=condition=Ready --timeout=300s || fail "PingSource not Ready"

if ((SMOKE)); then
  step "smoke test through generate's route"
  trap close_gateway EXIT
  open_gateway
  key="$(api_key)"
  [[ "$DRY_RUN" == 1 || -n "$key" ]] || fail "no API key (Secret $NS/orfeas-api-keys or API_KEY)"
  smoke_test "generate.$NS.svc.cluster.local" "$key" || fail "smoke test"
  if grep -q '^kind: DomainMapping' <<<"$MANIFESTS"; then
    domain="$(sed -n '/^kind: DomainMapping/,/^---/s/^  name: //p' <<<"$MANIFESTS" | head -1)"
    if [[ "$DRY_RUN" == 1 ]]; then
      printf 'DRY-RUN: curl https://%s/health  (DomainMapping; reported, not fatal: DNS and the certificate may lag)\n' "$domain"
    elif curl -fsS --max-time 30 "https://$domain/health" >/dev/null 2>&1; then
      log "https://$domain answers"
    else
      log "warning: https://$domain does not answer yet (DNS record, certificate: kubectl -n $NS get domainmapping,certificate)"
    fi
  fi
fi

step "done"
[[ "$DRY_RUN" == 1 ]] || log "deployed $OVERLAY: $(kubectl -n "$NS" get ksvc -o name | tr '\n' ' ')"
