#!/usr/bin/env bash
# Installs what ORFEAS needs on a Kubernetes cluster, at pinned versions; safe to run again (kubectl apply, helm
# upgrade --install, merge patches):
#   Knative Serving + Kourier, Knative Eventing + the MT channel broker (InMemoryChannel), cert-manager (HTTPS for
#   DomainMappings, through Serving's built-in cert-manager integration), the NVIDIA GPU operator.
#
#   scripts/cluster-bootstrap.sh [--dry-run] [--no-gpu] [--no-tls]
#
#   --dry-run  print the commands, touch nothing (no cluster needed)
#   --no-gpu   skip the NVIDIA GPU operator (CPU-only clusters, the dev overlay)
#   --no-tls   skip cert-manager and Knative's external-domain TLS (the dev overlay)
# Environment (defaults in brackets): KNATIVE_VERSION [1.19.0: the first release with the
# OpenTelemetry metric names monitoring/ uses; Serving, Eventing and Kourier share the tag], CERT_MANAGER_VERSION [1.17.2],
# GPU_OPERATOR_VERSION [v25.3.0], TLS_ISSUER [orfeas-letsencrypt: the ClusterIssuer in knative/overlays/prod],
# TIMEOUT [600] seconds per wait.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/cluster-common.sh"

KNATIVE_VERSION="${KNATIVE_VERSION:-1.19.0}"
CERT_MANAGER_VERSION="${CERT_MANAGER_VERSION:-1.17.2}"
GPU_OPERATOR_VERSION="${GPU_OPERATOR_VERSION:-v25.3.0}"
TLS_ISSUER="${TLS_ISSUER:-orfeas-letsencrypt}"
TIMEOUT="${TIMEOUT:-600}"
GPU=1
TLS=1

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --no-gpu) GPU=0 ;;
    --no-tls) TLS=0 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

[[ "$DRY_RUN" == 1 ]] || need kubectl
((GPU == 0)) || [[ "$DRY_RUN" == 1 ]] || need helm

KN="knative-v$KNATIVE_VERSION"
SERVING="https://github.com/knative/serving/releases/download/$KN"
EVENTING="https://github.com/knative/eventing/releases/download/$KN"
KOURIER="https://github.com/knative/net-kourier/releases/download/$KN"
CERT_MANAGER="https://github.com/cert-manager/cert-manager/releases/download/v$CERT_MANAGER_VERSION"

wait_deployments() {
  run kubectl -n "$1" wait deployment --all --for=condition=Available "--timeout=${TIMEOUT}s"
}

if ((TLS)); then
  # cert-manager first: with external-domain TLS on, Serving's controller needs cert-manager's CRDs to start
  step "cert-manager v$CERT_MANAGER_VERSION"
  run kubectl apply -f "$CERT_MANAGER/cert-manager.yaml"
  wait_deployments cert-manager
fi

step "Knative Serving $KN + Kourier"
run kubectl apply -f "$SERVING/serving-crds.yaml"
run kubectl apply -f "$SERVING/serving-core.yaml"
run kubectl apply -f "$KOURIER/kourier.yaml"
run kubectl -n knative-serving patch configmap/config-network --type merge \
  -p '{"data":{"ingress-class":"kourier.ingress.networking.knative.dev"}}'
# metrics for Prometheus (monitoring/kubernetes scrapes them): OpenTelemetry instruments served as Prometheus text
run kubectl -n knative-serving patch configmap/config-observability --type merge \
  --patch-file "$ROOT_DIR/knative/observability/config-observability.yaml"
wait_deployments knative-serving
wait_deployments kourier-system

if ((TLS)); then
  step "Knative external-domain TLS (HTTPS for DomainMappings, issuer $TLS_ISSUER)"
  # The ClusterIssuer itself ships with knative/overlays/prod (scripts/deploy.sh applies it).
  run kubectl -n knative-serving patch configmap/config-certmanager --type merge \
    -p "{\"data\":{\"issuerRef\":\"kind: ClusterIssuer\\nname: $TLS_ISSUER\\n\"}}"
  run kubectl -n knative-serving patch configmap/config-network --type merge \
    -p '{"data":{"external-domain-tls":"Enabled","http-protocol":"Redirected"}}'
  wait_deployments knative-serving
fi

step "Knative Eventing $KN + MT channel broker (InMemoryChannel)"
run kubectl apply -f "$EVENTING/eventing-crds.yaml"
run kubectl apply -f "$EVENTING/eventing-core.yaml"
run kubectl apply -f "$EVENTING/in-memory-channel.yaml"
run kubectl apply -f "$EVENTING/mt-channel-broker.yaml"
# Brokers without a class annotation get this one (knative/base/broker.yaml names it anyway).
run kubectl -n knative-eventing patch configmap/config-br-defaults --type merge \
  -p '{"data":{"default-br-config":"clusterDefault:\n  brokerClass: MTChannelBasedBroker\n  apiVersion: v1\n  kind: ConfigMap\n  name: config-br-default-channel\n  namespace: knative-eventing\n"}}'
wait_deployments knative-eventing

if ((GPU)); then
  step "NVIDIA GPU operator $GPU_OPERATOR_VERSION"
  run helm repo add nvidia https://helm.ngc.nvidia.com/nvidia --force-update
  # Labels GPU nodes (nvidia.com/gpu.present=true, which knative/overlays/prod selects) and advertises
  # nvidia.com/gpu. Hosts that already have the driver: add --set driver.enabled=false.
  run helm upgrade --install gpu-operator nvidia/gpu-operator --namespace gpu-operator --create-namespace \
    --version "$GPU_OPERATOR_VERSION" --wait --timeout "${TIMEOUT}s"
fi

step "done"
if [[ "$DRY_RUN" != 1 ]]; then
  log "installed. Next: scripts/cluster-minio.sh, then scripts/deploy.sh --overlay $( ((GPU)) && echo prod || echo dev)"
fi
