#!/usr/bin/env bash
# MinIO for ORFEAS on the cluster; safe to run again:
#   1. root credentials (Secret minio-root, made once) and the MinIO StatefulSet (minio/k8s)
#   2. buckets uploads, meshes, backups, failed; versioning on backups; lifecycle rules (minio/lifecycle)
#   3. one MinIO user per function with its policy (minio/policies) and its credentials as a Secret in $NS;
#      with RESTORE=1 the events user also gets orfeas-events-restore and Secret orfeas-restore gets a token for
#      the events app's POST /restore (without it, restores run with scripts/restore.sh)
#   4. the webhook notification target "orfeas" → the events app's adapter, with a bearer auth_token (also a Secret
#      in $NS for the app), and `mc event add` on the uploads bucket
#
#   scripts/cluster-minio.sh [--dry-run]
#
# mc runs inside the MinIO pod (the minio/minio image ships it), so nothing but kubectl is needed here.
# Environment (defaults in brackets): NS [orfeas] the app namespace, MINIO_NS [minio],
# WEBHOOK_ENDPOINT [http://events.$NS.svc.cluster.local/webhooks/minio], RESTORE [0], TIMEOUT [300] seconds.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"
. "$SCRIPT_DIR/cluster-common.sh"

MINIO_NS="${MINIO_NS:-minio}"
WEBHOOK_ENDPOINT="${WEBHOOK_ENDPOINT:-http://events.$NS.svc.cluster.local/webhooks/minio}"
TIMEOUT="${TIMEOUT:-300}"
RESTORE="${RESTORE:-0}"
BUCKETS=(uploads meshes backups failed)
FUNCTIONS=(generate events)

while (($#)); do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[[ "$DRY_RUN" == 1 ]] || need kubectl

# mc ARGS...: mc inside the MinIO pod, against itself, as root (the credentials stay in the pod's environment).
mc_pod() {
  # shellcheck disable=SC2016 # expanded by the pod's shell, from the pod's environment
  kubectl -n "$MINIO_NS" exec -i minio-0 -- sh -c \
    'export MC_HOST_local="http://${MINIO_ROOT_USER}:${MINIO_ROOT_PASSWORD}@127.0.0.1:9000"; exec mc "$@"' mc "$@"
}

mc_run() {
  run_masked "mc $*" mc_pod "$@"
}

# mc_stdin FILE ARGS...: mc with FILE on its stdin (lifecycle import), shown as "mc ARGS < FILE".
mc_stdin() {
  local file="$1"; shift
  run_masked "mc $* < ${file#"$ROOT_DIR"/}" _mc_stdin "$file" "$@"
}

_mc_stdin() {
  local file="$1"; shift
  mc_pod "$@" <"$file"
}

# mc_policy NAME FILE: creates or replaces a policy from a local file (copied into the pod's /tmp first).
mc_policy() {
  local name="$1" file="$2"
  run_masked "mc admin policy create local $name ${file#"$ROOT_DIR"/}" _mc_policy "$name" "$file"
}

_mc_policy() {
  kubectl -n "$MINIO_NS" exec -i minio-0 -- sh -c "cat > /tmp/$1.json" <"$2"
  mc_pod admin policy create local "$1" "/tmp/$1.json"
}

# ensure_namespace NAME: creates it unless it exists.
ensure_namespace() {
  run_masked "kubectl create namespace $1 --dry-run=client -o yaml | kubectl apply -f -" _ensure_namespace "$1"
}

_ensure_namespace() {
  kubectl create namespace "$1" --dry-run=client -o yaml | kubectl apply -f -
}

# detach POLICY USER: takes a policy away again (RESTORE=0 after a RESTORE=1 run); "not attached" is fine.
detach() {
  run_masked "mc admin policy detach local $1 --user $2" _detach "$1" "$2"
}

_detach() {
  mc_pod admin policy detach local "$1" --user "$2" >/dev/null 2>&1 || true
}

# attach POLICY USER: attaches unless already attached (mc refuses a change that is already in effect).
attach() {
  run_masked "mc admin policy attach local $1 --user $2" _attach "$1" "$2"
}

_attach() {
  local out
  if ! out="$(mc_pod admin policy attach local "$1" --user "$2" 2>&1)"; then
    [[ "$out" == *"already"* ]] || { printf '%s\n' "$out" >&2; return 1; }
  fi
}

step "MinIO root credentials and StatefulSet"
ensure_namespace "$MINIO_NS"
if [[ -z "$(secret_value "$MINIO_NS" minio-root user)" ]]; then
  apply_secret "$MINIO_NS" minio-root user=orfeas-admin "password=$(random_token)"
fi
run kubectl apply -k "$ROOT_DIR/minio/k8s"
run kubectl -n "$MINIO_NS" rollout status statefulset/minio "--timeout=${TIMEOUT}s"

step "buckets, versioning, lifecycle"
for bucket in "${BUCKETS[@]}"; do
  mc_run mb --ignore-existing "local/$bucket"
done
# backups keep every version: a damaged or deleted copy can be recovered (noncurrent versions expire after 30 days)
mc_run version enable local/backups
mc_stdin "$ROOT_DIR/minio/lifecycle/uploads.json" ilm import local/uploads
# meshes never expire; a generate pod killed mid-write leaves an unfinished multipart upload, aborted after a day
mc_stdin "$ROOT_DIR/minio/lifecycle/meshes.json" ilm import local/meshes
mc_stdin "$ROOT_DIR/minio/lifecycle/backups.json" ilm import local/backups
mc_stdin "$ROOT_DIR/minio/lifecycle/failed.json" ilm import local/failed

step "one user and policy per function"
ensure_namespace "$NS"
for policy in "$ROOT_DIR"/minio/policies/*.json; do
  name="${policy##*/}"
  mc_policy "${name%.json}" "$policy"
done
for fn in "${FUNCTIONS[@]}"; do
  user="orfeas-$fn"
  # reuse the key already handed to the app, so a rerun does not break running pods
  key="$(secret_value "$NS" "orfeas-$fn-s3" secret-key)"
  [[ -n "$key" ]] || key="$(random_token)"
  run_masked "mc admin user add local $user ****" mc_pod admin user add local "$user" "$key"
  # the user has this one policy; `mc admin user info local orfeas-<fn>` shows it
  attach "$user" "$user"
  apply_secret "$NS" "orfeas-$fn-s3" "access-key=$user" "secret-key=$key"
done
if [[ "$RESTORE" == 1 ]]; then
  attach orfeas-events-restore orfeas-events
  restore_token="$(secret_value "$NS" orfeas-restore token)"
  [[ -n "$restore_token" ]] || restore_token="$(random_token)"
  apply_secret "$NS" orfeas-restore "token=$restore_token"
else
  detach orfeas-events-restore orfeas-events
fi

step "webhook notifications: uploads → events adapter"
token="$(secret_value "$NS" orfeas-minio-webhook auth-token)"
[[ -n "$token" ]] || token="$(random_token)"
apply_secret "$NS" orfeas-minio-webhook "auth-token=$token"
# queue_dir: notifications wait on MinIO's disk while the adapter is unreachable (scaled to zero, redeploying)
run_masked "mc admin config set local notify_webhook:orfeas endpoint=$WEBHOOK_ENDPOINT auth_token=**** queue_dir=/notify-queue queue_limit=100000" \
  mc_pod admin config set local notify_webhook:orfeas "endpoint=$WEBHOOK_ENDPOINT" "auth_token=$token" \
  queue_dir=/notify-queue queue_limit=100000
# older MinIO releases read notification targets only at start
mc_run admin service restart local
[[ "$DRY_RUN" == 1 ]] || wait_for "MinIO after its restart" "$TIMEOUT" mc_pod admin info local \
  || die "MinIO did not come back after the restart"
if [[ "$DRY_RUN" == 1 ]] || ! mc_pod event list local/uploads arn:minio:sqs::orfeas:webhook 2>/dev/null | grep -q 'arn:minio:sqs::orfeas:webhook'; then
  mc_run event add local/uploads arn:minio:sqs::orfeas:webhook --event put,delete
fi

step "done"
[[ "$DRY_RUN" == 1 ]] || log "MinIO ready. Console: kubectl -n $MINIO_NS port-forward svc/minio 9001 (user: orfeas-admin, password: kubectl -n $MINIO_NS get secret minio-root -o jsonpath='{.data.password}' | base64 -d)"
