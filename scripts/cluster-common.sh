# shellcheck shell=bash
# Shared helpers for the cluster scripts (cluster-bootstrap.sh, cluster-minio.sh, deploy.sh, rollout.sh): source it
# after common.sh, don't run it.
#
# Every command that changes a cluster goes through `run` (or `run_masked`): with DRY_RUN=1 it is printed on stdout
# as "DRY-RUN: <command>" and nothing is executed, so `--dry-run` shows exactly what a real run would do and needs
# no cluster. Read-only look-ups go through `query`, which prints "DRY-RUN: check: <command>" instead.

DRY_RUN="${DRY_RUN:-0}"
NS="${NS:-orfeas}"

# run COMMAND...: runs it, or prints it with --dry-run.
run() {
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: %s\n' "$*"
  else
    log "+ $*"
    "$@"
  fi
}

# run_masked SHOWN COMMAND...: like run, but prints SHOWN (the command with its secrets replaced by ****).
run_masked() {
  local shown="$1"; shift
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: %s\n' "$shown"
  else
    log "+ $shown"
    "$@"
  fi
}

# query COMMAND...: a read-only look-up; with --dry-run it is only announced (on stderr, so a caller capturing the
# output gets nothing) and "succeeds".
query() {
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: check: %s\n' "$*" >&2
    return 0
  fi
  "$@"
}

# check COMMAND...: a read-only look-up whose output does not matter, only its status.
check() {
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: check: %s\n' "$*"
    return 0
  fi
  "$@" >/dev/null
}

# step TEXT: a heading in the output (also in dry runs, so the order of steps can be read and asserted).
step() {
  if [[ "$DRY_RUN" == 1 ]]; then
    printf '== %s\n' "$*"
  else
    log "== $*"
  fi
}

# usage: prints the script's leading comment block (its --help).
need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed on PATH"
  done
}

# apply_secret NAMESPACE NAME KEY=VALUE...: creates or updates a generic Secret (idempotent); values never printed.
apply_secret() {
  local ns="$1" name="$2"; shift 2
  local args=() shown=() pair
  for pair in "$@"; do
    args+=("--from-literal=$pair")
    shown+=("--from-literal=${pair%%=*}=****")
  done
  run_masked "kubectl -n $ns create secret generic $name ${shown[*]} --dry-run=client -o yaml | kubectl apply -f -" \
    _apply_secret "$ns" "$name" "${args[@]}"
}

_apply_secret() {
  local ns="$1" name="$2"; shift 2
  kubectl -n "$ns" create secret generic "$name" "$@" --dry-run=client -o yaml | kubectl apply -f -
}

# secret_value NAMESPACE NAME KEY: prints a Secret's value, or nothing when it does not exist.
secret_value() {
  [[ "$DRY_RUN" == 1 ]] && return 0
  kubectl -n "$1" get secret "$2" -o "jsonpath={.data.$3}" 2>/dev/null | base64 -d 2>/dev/null || true
}

random_token() {
  od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

# --- smoke tests through Kourier's cluster-local gateway ------------------------------------------------------

GATEWAY_PID=""

# open_gateway: port-forwards kourier-internal to a free local port and sets GATEWAY (http://127.0.0.1:PORT).
# Cluster-local services (both ORFEAS services are) are then reached with their host name in the Host header.
open_gateway() {
  local port
  port="$(free_port)"
  GATEWAY="http://127.0.0.1:$port"
  if [[ "$DRY_RUN" == 1 ]]; then
    printf 'DRY-RUN: kubectl -n kourier-system port-forward svc/kourier-internal <free port>:80\n'
    return 0
  fi
  kubectl -n kourier-system port-forward svc/kourier-internal "$port:80" >/dev/null 2>&1 &
  GATEWAY_PID=$!
  wait_for "port-forward to kourier-internal" 30 port_open "$port" || die "cannot port-forward to kourier-internal"
}

close_gateway() {
  if [[ -n "$GATEWAY_PID" ]]; then
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    GATEWAY_PID=""
  fi
}

# validate_glb FILE: a GLB 2.0 container whose header length is the file size and whose first chunk is JSON;
# with scripts/gltf-validate installed (npm ci --prefix scripts/gltf-validate), also Khronos' validator.
validate_glb() {
  local file="$1" size magic version length chunk
  size="$(wc -c <"$file")"
  ((size >= 20)) || { log "mesh is only $size bytes"; return 1; }
  magic="$(head -c 4 "$file")"
  version="$(od -An -tu4 -j4 -N4 "$file" | tr -d ' ')"
  length="$(od -An -tu4 -j8 -N4 "$file" | tr -d ' ')"
  chunk="$(od -An -tu4 -j16 -N4 "$file" | tr -d ' ')"
  [[ "$magic" == "glTF" ]] || { log "not a GLB (magic '$magic')"; return 1; }
  [[ "$version" == 2 ]] || { log "GLB version $version, expected 2"; return 1; }
  [[ "$length" == "$size" ]] || { log "GLB header says $length bytes, got $size (truncated?)"; return 1; }
  [[ "$chunk" == 1313821514 ]] || { log "first GLB chunk is not JSON"; return 1; }
  if command -v node >/dev/null 2>&1 && [[ -d "$ROOT_DIR/scripts/gltf-validate/node_modules" ]]; then
    node "$ROOT_DIR/scripts/gltf-validate/validate.mjs" "$file" >&2 || { log "glTF-Validator reports errors"; return 1; }
  fi
}

SMOKE_IMAGE="${SMOKE_IMAGE:-$ROOT_DIR/scripts/smoke.png}"

# smoke_test HOST API_KEY: GET /health answers UP, then one generation (the picture in SMOKE_IMAGE) answers a valid
# GLB. HOST is a service (or tag) host name behind the gateway opened by open_gateway.
smoke_test() {
  local host="$1" key="$2" dir health
  if [[ "$DRY_RUN" == 1 ]]; then
    # shellcheck disable=SC2016 # $GATEWAY is printed as is: the port is only known in a real run
    printf 'DRY-RUN: curl -H "Host: %s" $GATEWAY/health  (expect "status":"UP")\n' "$host"
    # shellcheck disable=SC2016
    printf 'DRY-RUN: curl -H "Host: %s" -H "Authorization: Bearer ****" --data-binary @%s $GATEWAY/generate  (expect a valid GLB)\n' \
      "$host" "${SMOKE_IMAGE#"$ROOT_DIR"/}"
    return 0
  fi
  dir="$(mktemp -d)"
  # a cold start (GPU node, model warm-up) can take minutes: the activator holds the request meanwhile
  health="$(curl -sS --max-time 600 -H "Host: $host" "$GATEWAY/health")" || { log "health: no answer from $host"; rm -rf "$dir"; return 1; }
  [[ "$health" == *'"status":"UP"'* ]] || { log "health of $host: $health"; rm -rf "$dir"; return 1; }
  if ! curl -fsS --max-time 600 -H "Host: $host" -H "Authorization: Bearer $key" -H 'Content-Type: image/png' \
      --data-binary "@$SMOKE_IMAGE" -D "$dir/headers" -o "$dir/mesh.glb" "$GATEWAY/generate"; then
    log "generation through $host failed"; rm -rf "$dir"; return 1
  fi
  if ! validate_glb "$dir/mesh.glb"; then
    rm -rf "$dir"; return 1
  fi
  log "smoke test of $host passed: $(grep -i '^x-mesh-id' "$dir/headers" | tr -d '\r'), $(wc -c <"$dir/mesh.glb") bytes"
  rm -rf "$dir"
}

# api_key: the first key in the orfeas-api-keys Secret (or $API_KEY).
api_key() {
  if [[ -n "${API_KEY:-}" ]]; then
    printf '%s' "$API_KEY"
  else
    secret_value "$NS" orfeas-api-keys api-keys | cut -d, -f1
  fi
}
