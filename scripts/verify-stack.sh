#!/usr/bin/env bash
# Checks the seed's success criteria against the single-host compose stack (infra/compose) and prints one row per
# criterion: pass, fail, or pending (with the reason). --up first builds the images and brings the stack up with
# the local override (docker-compose.local.yml: locally built stand-ins for nginx, Prometheus and MinIO; no
# Grafana), on loopback ports, with fresh secrets; --down tears it down afterwards (containers, networks, volumes
# and the secrets it wrote) and is the only way to check row 9. Without --up it checks the stack an earlier --up
# left running (its state: $ORFEAS_STACK_DIR). Exit 0 when no row failed.
# Usage: scripts/verify-stack.sh [--up [--no-build]] [--down] [--scale N] [--only N,N...] [--dry-run]
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

STACK_DIR="${ORFEAS_STACK_DIR:-$ROOT_DIR/infra/target/stack}"
PROJECT="${ORFEAS_STACK_PROJECT:-orfeas-local}"
COMPOSE_DIR="$ROOT_DIR/infra/compose"
SCALE="${ORFEAS_STACK_SCALE:-2}"
# Row 12, sized for a 2-CPU host running both replicas (docs/benchmarks.md, "Compose stack"): a generation whose
# foreground comes from an alpha channel takes ~0.3 s there, one that the learned model segments ~10 s of both
# CPUs, so most fresh images have an alpha channel and every tenth is opaque (through the model).
LOAD_SECONDS="${ORFEAS_STACK_LOAD_SECONDS:-30}"
LOAD_RATE="${ORFEAS_STACK_LOAD_RATE:-1}"
LOAD_OPAQUE="${ORFEAS_STACK_LOAD_OPAQUE:-0.1}"
HEALTHY_TIMEOUT="${ORFEAS_STACK_HEALTHY_TIMEOUT:-300}"

usage_details() {
  cat <<USAGE

  --up        scripts/build-images.sh --no-gpu (timed: row 1), then up -d --scale generate=N with the override
  --no-build  with --up: use the images as they are (row 1 pending)
  --down      after the checks: down with a generation in flight (row 9), then down -v (volumes too)
  --scale N   generate replicas (default $SCALE; row 13 needs 2 or more)
  --only N,N  check only these rows (the others are pending), to iterate on one; row 2 is always checked, row 1
              only runs with --up and row 9 only with --down, row 11 backs up row 5's mesh
  --dry-run   print the compose command and the rows, run nothing

Rows: 1 images build < 5 min, 2 every service healthy, 3 /health 200 through nginx, 4 TLS 1.2/1.3 and
HTTP → HTTPS, 5 generation end to end through nginx, 6 a WebSocket through nginx (POST /jobs, then
/jobs/{id}/ws), 7 every Prometheus target up, 8 every dashboard query has data, 9 down is graceful,
10 kill -9 of a generate JVM → back healthy by itself, safe requests meanwhile retried on the other replica,
11 the events app's full backup, then scripts/restore.sh, byte-identical, 12 the load test through nginx,
13 requests served by each replica (counted by each replica's own metrics).

Environment (defaults):
  ORFEAS_STACK_DIR=$STACK_DIR   env file (secrets, mode 600), certificate, logs, results.tsv
  ORFEAS_STACK_PROJECT=$PROJECT   compose project name
  ORFEAS_STACK_LOAD_SECONDS=$LOAD_SECONDS, ORFEAS_STACK_LOAD_RATE=$LOAD_RATE, ORFEAS_STACK_LOAD_OPAQUE=$LOAD_OPAQUE
              the load test's measured seconds, arrivals/s and share of opaque fresh images (row 12)
  ORFEAS_STACK_HEALTHY_TIMEOUT=$HEALTHY_TIMEOUT   seconds to wait for every service to be healthy
  COMPOSE="docker-compose"   or "docker compose" (the first one found)
Needs: docker (engine), docker-compose 1.29 or docker compose v2, curl, openssl, jq, awscli.
USAGE
}

UP=false DOWN=false DRY_RUN=false BUILD=true ONLY=""
while (($#)); do
  case "$1" in
    --up) UP=true; shift ;;
    --down) DOWN=true; shift ;;
    --no-build) BUILD=false; shift ;;
    --scale) [[ "${2:-}" =~ ^[1-9]$ ]] || die "--scale needs a number 1-9"; SCALE="$2"; shift 2 ;;
    --only) [[ "${2:-}" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--only needs row numbers, e.g. 8,12"; ONLY=",$2,"; shift 2 ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown argument: $1" ;;
  esac
done

if [[ -z "${COMPOSE:-}" ]]; then
  if command -v docker-compose >/dev/null 2>&1; then COMPOSE=docker-compose
  elif docker compose version >/dev/null 2>&1; then COMPOSE="docker compose"
  else COMPOSE=docker-compose; fi
fi
ENV_FILE="$STACK_DIR/stack.env"
# the client key as a curl header file (-H @file, mode 600): never on a command line that `ps` shows
AUTH_HEADER="$STACK_DIR/auth.header"
RESULTS="$STACK_DIR/results.tsv"
read -r -a COMPOSE_CMD <<<"$COMPOSE"
COMPOSE_CMD+=(-p "$PROJECT" -f "$COMPOSE_DIR/docker-compose.production.yml"
              -f "$COMPOSE_DIR/docker-compose.local.yml" --env-file "$ENV_FILE")

if $DRY_RUN; then
  echo "compose: ${COMPOSE_CMD[*]}"
  $UP && echo "up:      scripts/build-images.sh --no-gpu; ${COMPOSE_CMD[*]} up -d --scale generate=$SCALE"
  $DOWN && echo "down:    ${COMPOSE_CMD[*]} down -v --remove-orphans"
  echo "state:   $STACK_DIR"
  usage_details | sed -n '/^Rows:/,/^$/p'
  exit 0
fi

for tool in docker curl openssl jq aws; do
  command -v "$tool" >/dev/null || die "$tool is needed (scripts/test.sh installs it)"
done
"${COMPOSE_CMD[0]}" version >/dev/null 2>&1 || die "no $COMPOSE here (apt-get install docker-compose)"

compose() { "${COMPOSE_CMD[@]}" "$@"; }

# --- results ---------------------------------------------------------------------------------------------------

declare -A ROW_RESULT ROW_DETAIL
ROW_NAMES=(
  [1]="images build in < 5 min"
  [2]="every service starts and is healthy"
  [3]="/health 200 through nginx"
  [4]="HTTPS on 443: TLS 1.2/1.3, HTTP → HTTPS"
  [5]="generation end to end through nginx"
  [6]="a WebSocket connects through nginx"
  [7]="Prometheus: every target up"
  [8]="every dashboard query returns data"
  [9]="down is graceful: in-flight generation completes, every container exits 0"
  [10]="kill -9 of the generate JVM: back healthy without help"
  [11]="backup then restore, byte-identical"
  [12]="load test through nginx"
  [13]="requests served by each generate replica"
)

# row N pass|fail|pending DETAIL: records and prints one criterion's outcome.
row() {
  ROW_RESULT[$1]="$2" ROW_DETAIL[$1]="$3"
  log "row $1 ($2): ${ROW_NAMES[$1]} — $3"
}

print_table() {
  mkdir -p "$STACK_DIR"
  : >"$RESULTS"
  printf '\n| # | criterion | result | detail |\n|---|---|---|---|\n'
  local n
  for n in $(seq 1 13); do
    local result="${ROW_RESULT[$n]:-fail}" detail="${ROW_DETAIL[$n]:-not reached}"
    printf '| %s | %s | %s | %s |\n' "$n" "${ROW_NAMES[$n]}" "$result" "$detail"
    printf '%s\t%s\t%s\n' "$n" "$result" "$detail" >>"$RESULTS"
  done
}

# --- the stack -------------------------------------------------------------------------------------------------

env_value() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }
secret() { openssl rand -hex 16; }

write_env_file() {
  mkdir -p "$STACK_DIR"
  local old_umask
  old_umask="$(umask)"
  umask 077
  "$SCRIPT_DIR/make-dev-cert.sh" --out "$STACK_DIR/certs" >/dev/null 2>&1 || die "could not make the dev certificate"
  cat >"$ENV_FILE" <<ENV
# written by scripts/verify-stack.sh --up: fresh secrets for a loopback-only test stack
ORFEAS_VERSION=0.1.0
ORFEAS_PUBLISH_ADDRESS=127.0.0.1
ORFEAS_PUBLISH_HTTP=$(free_port)
ORFEAS_PUBLISH_HTTPS=$(free_port)
ORFEAS_LOCAL_S3_PORT=$(free_port)
ORFEAS_CERT_DIR=$STACK_DIR/certs
ORFEAS_API_KEYS=$(secret)
ORFEAS_EVENTS_API_KEY=$(secret)
ORFEAS_MINIO_WEBHOOK_TOKEN=$(secret)
MINIO_ROOT_USER=orfeas-admin
MINIO_ROOT_PASSWORD=$(secret)
ORFEAS_GENERATE_S3_SECRET_KEY=$(secret)
ORFEAS_EVENTS_S3_SECRET_KEY=$(secret)
GRAFANA_ADMIN_PASSWORD=$(secret)
# 4 slots per replica: on a small shared host a generation takes tens of seconds, and 2 would turn the load
# test's few requests into 429s (docs/DEPLOYMENT_GUIDE.md, troubleshooting)
ORFEAS_MAX_CONCURRENT=4
ENV
  printf 'Authorization: Bearer %s\n' "$(api_key)" >"$AUTH_HEADER"
  umask "$old_umask"
  # the nginx workers run unprivileged but the master (root) reads the key; the folder must be enterable
  chmod 755 "$STACK_DIR/certs"
}

# containers: ids of the project's containers (all states).
containers() { docker ps -aq --filter "label=com.docker.compose.project=$PROJECT"; }
service_containers() {
  docker ps -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1"
}
container_state() { docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}} {{.State.ExitCode}}' "$@"; }
# states: one line per container of the project, joined with ';'
states() {
  local ids
  mapfile -t ids < <(containers)
  ((${#ids[@]})) && container_state "${ids[@]}" | tr '\n' ';'
}

# all_healthy: every long-running container healthy and the one-shot init exited 0.
all_healthy() {
  local ids name status health code
  mapfile -t ids < <(containers)
  ((${#ids[@]})) || return 1
  while read -r name status health code; do
    case "$name" in
      *minio-init*) [[ "$status" == exited && "$code" == 0 ]] || return 1 ;;
      *) [[ "$status" == running && "$health" == healthy ]] || return 1 ;;
    esac
  done < <(container_state "${ids[@]}")
}

wait_healthy() {
  local deadline=$((SECONDS + $1))
  until all_healthy; do
    ((SECONDS < deadline)) || return 1
    sleep 2
  done
}

build_images() {
  local started=$SECONDS built rebuilt uptodate
  log "row 1: scripts/build-images.sh --no-gpu ..."
  if ! "$SCRIPT_DIR/build-images.sh" --no-gpu >"$STACK_DIR/build.log" 2>&1; then
    tail -20 "$STACK_DIR/build.log" >&2
    row 1 fail "scripts/build-images.sh failed (see $STACK_DIR/build.log)"
    return 1
  fi
  built=$((SECONDS - started))
  rebuilt="$(grep -c ' built in ' "$STACK_DIR/build.log" || true)"
  uptodate="$(grep -c ' is up to date' "$STACK_DIR/build.log" || true)"
  if ((built < 300)); then
    row 1 pass "${built} s (scripts/build-images.sh --no-gpu: $rebuilt built, $uptodate up to date)"
  else
    row 1 fail "${built} s, over 300 s"
  fi
}

stack_up() {
  if $BUILD; then
    build_images || return 1
  else
    row 1 pending "--no-build: the images were used as they are"
  fi
  write_env_file
  log "up: ${COMPOSE_CMD[*]} up -d --scale generate=$SCALE"
  local started=$SECONDS
  # 1.29 gives up on nginx when generate is not healthy by then; the wait below decides, so a second `up` starts
  # what the first one left
  compose up -d --scale "generate=$SCALE" >"$STACK_DIR/up.log" 2>&1 || log "up: $(tail -1 "$STACK_DIR/up.log")"
  if ! wait_healthy "$HEALTHY_TIMEOUT"; then
    compose up -d --scale "generate=$SCALE" >>"$STACK_DIR/up.log" 2>&1 || true
    wait_healthy 60 || true
  fi
  if all_healthy; then
    row 2 pass "all healthy $((SECONDS - started)) s after up ($(containers | wc -l) containers, generate ×$SCALE)"
  else
    row 2 fail "not all healthy after $((SECONDS - started)) s: $(states)"
    compose logs --no-color --tail 30 >"$STACK_DIR/logs.txt" 2>&1 || true
  fi
}

stack_status() {
  if all_healthy; then
    row 2 pass "all healthy ($(containers | wc -l) containers, generate ×$(service_containers generate | wc -l))"
  else
    row 2 fail "$(states)"
  fi
}

teardown() {
  [[ -f "$ENV_FILE" ]] || return 0   # never brought up
  log "down -v: containers, networks and volumes of $PROJECT"
  compose down -v --remove-orphans >>"$STACK_DIR/down.log" 2>&1 || log "down -v failed (see $STACK_DIR/down.log)"
  rm -rf "$STACK_DIR/certs" "$ENV_FILE" "$AUTH_HEADER"
}

# --- checks ----------------------------------------------------------------------------------------------------

https_url() { echo "https://127.0.0.1:$(env_value ORFEAS_PUBLISH_HTTPS)$1"; }
api_key() { env_value ORFEAS_API_KEYS | cut -d, -f1; }
# api ARGS...: curl to nginx with the client key (the dev certificate is self-signed: -k)
api() { curl -sk --max-time 120 -H @"$AUTH_HEADER" "$@"; }

check_health() {
  local body code
  code="$(curl -sk --max-time 10 -o "$STACK_DIR/health.json" -w '%{http_code}' "$(https_url /health)" || true)"
  body="$(cat "$STACK_DIR/health.json" 2>/dev/null || true)"
  if [[ "$code" == 200 && "$body" == *'"status":"UP"'* ]]; then
    row 3 pass "200 $(jq -c '{status, engine}' <<<"$body")"
  else
    row 3 fail "HTTP $code: ${body:0:120}"
  fi
}

# tls_version HOST:PORT -tls1_N: the protocol a handshake limited to that version agreed on ("New, TLSv1.3, …"),
# or nothing when the server refused it.
tls_version() {
  openssl s_client -connect "$1" "$2" </dev/null 2>/dev/null | sed -n 's/^New, \(TLSv1\.[0-9]\), .*/\1/p' | head -1
}

check_tls() {
  local host v12 v13 redirect
  host="127.0.0.1:$(env_value ORFEAS_PUBLISH_HTTPS)"
  v12="$(tls_version "$host" -tls1_2)"
  v13="$(tls_version "$host" -tls1_3)"
  redirect="$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' \
    "http://127.0.0.1:$(env_value ORFEAS_PUBLISH_HTTP)/health" || true)"
  if [[ "$v12" == TLSv1.2 && "$v13" == TLSv1.3 && "$redirect" == "301 $(https_url /health)" ]]; then
    row 4 pass "TLSv1.2 and TLSv1.3 handshakes; http → $redirect"
  else
    row 4 fail "tls1.2=${v12:-refused} tls1.3=${v13:-refused} http=$redirect"
  fi
}

MESH_ID=""
check_generation() {
  local headers="$STACK_DIR/generate.headers" glb="$STACK_DIR/generated.glb" code magic
  code="$(api -D "$headers" -o "$glb" -w '%{http_code}' --data-binary @"$SCRIPT_DIR/smoke.png" \
    -H 'Content-Type: image/png' "$(https_url '/generate?quality=draft&name=smoke.png')" || true)"
  magic="$(head -c 4 "$glb" 2>/dev/null || true)"
  MESH_ID="$(sed -n 's/^[Xx]-[Mm]esh-[Ii]d: *\([0-9a-f]*\).*/\1/p' "$headers" 2>/dev/null | head -1)"
  local meta bad problem
  meta="$(api -o /dev/null -w '%{http_code}' "$(https_url "/meshes/$MESH_ID")" || true)"
  # bad input through nginx: text sent as a PNG is the app's 415 problem (and the dashboards' error panels get data)
  bad="$(api -o "$STACK_DIR/bad.json" -w '%{http_code}' --data-binary @"$ROOT_DIR/README.md" -H 'Content-Type: image/png' \
    "$(https_url /generate)" || true)"
  problem="$(jq -r '.type // empty' "$STACK_DIR/bad.json" 2>/dev/null || true)"
  if [[ "$code" == 200 && "$magic" == glTF && -n "$MESH_ID" && "$meta" == 200 && "$bad" == 415 \
        && "$problem" == urn:orfeas:problem:unsupported-image-type ]]; then
    row 5 pass "POST /generate 200, $(stat -c %s "$glb") bytes of GLB, mesh $MESH_ID; GET /meshes/{id} 200; text as a PNG: 415 $problem"
  else
    row 5 fail "POST /generate $code (magic '${magic}'), GET /meshes/${MESH_ID:-?} $meta, text as a PNG: $bad ${problem:-no problem type}"
  fi
}

check_websocket() {
  local headers="$STACK_DIR/jobs.headers" code location ws
  code="$(api -D "$headers" -o "$STACK_DIR/jobs.json" -w '%{http_code}' --data-binary @"$SCRIPT_DIR/smoke.png" \
    -H 'Content-Type: image/png' "$(https_url '/jobs?quality=draft')" || true)"
  location="$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$headers" | head -1)"
  location="${location#http*://*/}"; location="/${location#/}"
  if [[ "$code" != 202 || "$location" != /jobs/* ]]; then
    row 6 fail "POST /jobs → $code, Location '${location}'"
    return
  fi
  # HTTP/1.1: a WebSocket upgrade cannot ride on nginx's HTTP/2
  ws="$(api --http1.1 --max-time 5 -o /dev/null -w '%{http_code}' -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H "Sec-WebSocket-Key: $(openssl rand -base64 16)" \
    "$(https_url "$location/ws")" || true)"
  if [[ "$ws" == 101 ]]; then
    row 6 pass "POST /jobs 202 → GET $location/ws: 101 Switching Protocols through nginx"
  else
    row 6 fail "GET $location/ws → $ws (want 101)"
  fi
}

# prom_api PATH: Prometheus's HTTP API from inside its container (it publishes no port).
prom_api() {
  docker exec "$(service_containers prometheus | head -1)" wget -qO- "http://127.0.0.1:9090$1"
}

check_targets() {
  local deadline=$((SECONDS + 45)) targets
  # a fresh target is "unknown" until its first scrape (15 s interval)
  while :; do
    targets="$(prom_api /api/v1/targets | jq -r '.data.activeTargets[] | "\(.labels.job) \(.health)"' || true)"
    [[ -n "$targets" && "$targets" != *unknown* ]] && break
    ((SECONDS < deadline)) || break
    sleep 3
  done
  local down others replicas scraped
  # the S3Proxy stand-in has no metrics endpoint; MinIO has (production)
  others="$(grep -v '^minio ' <<<"$targets" || true)"
  down="$(grep -v ' up$' <<<"$others" || true)"
  # each generate replica is a target of its own (DNS service discovery), not one name that resolves to either
  replicas="$(service_containers generate | wc -l)"
  scraped="$(grep -c '^generate ' <<<"$targets" || true)"
  if ((scraped != replicas)); then
    row 7 fail "$scraped generate target(s) for $replicas replicas"
  elif [[ -n "$others" && -z "$down" ]]; then
    row 7 pass "$(wc -l <<<"$others") targets up ($(cut -d' ' -f1 <<<"$others" | sort -u | tr '\n' ' ' | sed 's/ $//'); generate: one per replica); minio: $(sed -n 's/^minio //p' <<<"$targets") — the S3Proxy stand-in has no metrics endpoint (MinIO in production has)"
  else
    row 7 fail "not up: $(tr '\n' ';' <<<"${down:-no targets}")"
  fi
}

# check_dashboards: every query of the dashboards that apply to this stack, run against its Prometheus with the
# substitutions Grafana makes ($__rate_interval → 1m, template variables → .*). Knative and GPU dashboards need a
# cluster and a GPU exporter: monitoring/'s own tests cover them with a synthetic exporter.
check_dashboards() {
  local file expr total=0 empty=() result
  rm -f "$STACK_DIR/empty-queries.txt"
  for file in "$ROOT_DIR"/monitoring/grafana/dashboards/*.json; do
    case "$(basename "$file")" in orfeas-knative.json|orfeas-gpu.json) continue ;; esac
    while IFS= read -r expr; do
      total=$((total + 1))
      # shellcheck disable=SC2016 # Grafana's $__names, replaced literally
      expr="$(sed -e 's/\$__rate_interval/1m/g' -e 's/\$__interval/15s/g' -e 's/\$__range/1h/g' \
        -e 's/\${\{0,1\}\(application\|instance\|namespace\|service\|node\)}\{0,1\}/.*/g' <<<"$expr")"
      result="$(prom_api "/api/v1/query?query=$(jq -rn --arg q "$expr" '$q|@uri')" \
        | jq -r '.data.result | length' 2>/dev/null || echo 0)"
      if [[ ! "$result" =~ ^[1-9] ]]; then
        empty+=("$(basename "$file" .json): $expr")
      fi
    done < <(jq -r '.. | objects | select(has("expr")) | .expr' "$file")
  done
  if ((total > 0 && ${#empty[@]} == 0)); then
    row 8 pass "$total queries of the service, pipeline, events and JVM dashboards have data (Knative, GPU: no cluster or GPU here)"
  else
    printf '%s\n' "${empty[@]}" >"$STACK_DIR/empty-queries.txt"
    row 8 fail "${#empty[@]} of $total queries without data (listed in $STACK_DIR/empty-queries.txt): ${empty[0]:-}"
  fi
}

check_load() {
  local summary="$STACK_DIR/loadtest-summary.md" model_before model_after
  model_before="$(model_generations)"
  log "row 12: scripts/loadtest.sh against $(https_url '') for $LOAD_SECONDS s ..."
  # no error allowed; job polls every 250 ms stay well under nginx's 10 r/s per client address
  if LOADTEST_API_KEY="$(api_key)" timeout 300 "$SCRIPT_DIR/loadtest.sh" --url "$(https_url '')" --rate "$LOAD_RATE" \
      --duration "$LOAD_SECONDS" --warmup 4 --sizes 128,192 --opaque-share "$LOAD_OPAQUE" --poll-ms 250 \
      --p99-ms 45000 --max-error-percent 0 --summary "$summary" >"$STACK_DIR/loadtest.log" 2>&1; then
    model_after="$(model_generations)"
    if ((model_after > model_before)); then
      row 12 pass "Gatling, $LOAD_RATE/s for $LOAD_SECONDS s through nginx (every $(awk -v s="$LOAD_OPAQUE" 'BEGIN {printf "%g", 1 / s}')th fresh image opaque: $((model_after - model_before)) through the learned model, the rest alpha), no errors, p99 ≤ 45 s: $(grep -m1 '^| all' "$summary" | tr -s ' ')"
    else
      row 12 fail "the load test passed but no generation went through the learned model (orfeas_generation_seconds_count{foreground=\"model\"}: $model_before → $model_after)"
    fi
  else
    row 12 fail "scripts/loadtest.sh failed (its assertions or the run; $STACK_DIR/loadtest.log): $(grep -m1 '^| all' "$summary" 2>/dev/null | tr -s ' '); errors: $(grep -E '^\| [0-9]{3} \|' "$summary" 2>/dev/null | tr -s ' ' | tr '\n' ' ')"
  fi
}

# replica_count CONTAINER PATTERN: the sum of the samples in that replica's own metrics whose line matches PATTERN.
replica_count() {
  # shellcheck disable=SC2016 # the $-free script runs in the container's bash
  docker exec "$1" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8081 && printf "GET /actuator/prometheus HTTP/1.0\r\n\r\n" >&3 && cat <&3' \
    | awk -v pattern="$2" '$0 ~ pattern {n += $NF} END {printf "%d\n", n}'
}

# model_generations: successful generations whose foreground the learned model found, over every replica.
model_generations() {
  local id n=0
  for id in $(service_containers generate); do
    n=$((n + $(replica_count "$id" '^orfeas_generation_seconds_count[{].*foreground="model".*outcome="success"')))
  done
  echo "$n"
}

# replica_requests CONTAINER: the GET /meshes that replica's own metrics count (all statuses).
replica_requests() { replica_count "$1" '^http_server_requests_seconds_count[{].*uri="/meshes"'; }

check_balancing() {
  local ids=() id before=() after=() i served=() code fails=0
  mapfile -t ids < <(service_containers generate)
  if ((${#ids[@]} < 2)); then
    row 13 fail "${#ids[@]} generate replica(s): run with --scale 2"
    return
  fi
  for id in "${ids[@]}"; do before+=("$(replica_requests "$id")"); done
  for i in $(seq 20); do
    code="$(api -o /dev/null -w '%{http_code}' "$(https_url '/meshes?limit=1')" || true)"
    [[ "$code" == 200 ]] || fails=$((fails + 1))
    sleep 0.15   # below nginx's 10 r/s limit
  done
  for i in "${!ids[@]}"; do
    after=("$(replica_requests "${ids[$i]}")")
    served+=("$(docker inspect -f '{{.Name}}' "${ids[$i]}" | sed 's|^/||'): $((after - before[i]))")
  done
  local zero
  zero="$(printf '%s\n' "${served[@]}" | grep -c ': 0$' || true)"
  if ((fails == 0 && zero == 0)); then
    row 13 pass "20 GET /meshes through nginx, per replica (its own http_server_requests count): ${served[*]}"
  else
    row 13 fail "$fails of 20 not 200; per replica: ${served[*]}"
  fi
}

check_restart() {
  local id pid started name restarts code fails=0 sent=0 health
  id="$(service_containers generate | head -1)"
  name="$(docker inspect -f '{{.Name}}' "$id" | sed 's|^/||')"
  pid="$(docker inspect -f '{{.State.Pid}}' "$id")"
  restarts="$(docker inspect -f '{{.RestartCount}}' "$id")"
  log "row 10: kill -9 of $name's JVM (pid $pid on this host)"
  started=$SECONDS
  kill -9 "$pid"
  # meanwhile safe requests go on: nginx takes the dead replica out and retries them on another one
  while :; do
    health="$(docker inspect -f '{{.RestartCount}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")"
    [[ "$health" == "$((restarts + 1)) running healthy" ]] && break
    ((SECONDS - started < 240)) || break
    if ((sent < 40)); then
      code="$(api -o /dev/null -w '%{http_code}' "$(https_url '/meshes?limit=1')" || true)"
      sent=$((sent + 1))
      [[ "$code" == 200 ]] || fails=$((fails + 1))
    fi
    sleep 0.5
  done
  local took=$((SECONDS - started))
  if [[ "$health" == "$((restarts + 1)) running healthy" ]]; then
    if ((fails == 0)); then
      row 10 pass "$name restarted by Docker (on-failure) and healthy again in $took s; $sent GET meanwhile, all 200"
    else
      row 10 fail "$name healthy again in $took s, but $fails of $sent GET meanwhile failed"
    fi
  else
    row 10 fail "$name not healthy $took s after kill -9: $health"
  fi
}

# app_full_backup: the events app's scheduled full backup, run now: the PingSource event its schedule stands for,
# POSTed to /backup from inside its container (it publishes no port). Prints the manifest key it wrote.
app_full_backup() {
  local id
  id="verify-stack-$(openssl rand -hex 6)"
  # shellcheck disable=SC2016 # expanded by the container's bash
  docker exec -e "CE_ID=$id" "$(service_containers events | head -1)" bash -c '
    exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
    printf "POST /backup HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nce-specversion: 1.0\r\nce-type: dev.knative.sources.ping\r\nce-source: /orfeas/verify-stack\r\nce-id: %s\r\n\r\n{}" "$CE_ID" >&3
    timeout 120 cat <&3' | grep -o '"manifest":"[^"]*"' | head -1 | cut -d'"' -f4
}

check_backup_restore() {
  if [[ -z "$MESH_ID" ]]; then
    row 11 fail "no mesh from row 5 to back up"
    return
  fi
  local key="$MESH_ID/model.glb" manifest
  S3_ENDPOINT="http://127.0.0.1:$(env_value ORFEAS_LOCAL_S3_PORT)"
  AWS_ACCESS_KEY_ID="$(env_value MINIO_ROOT_USER)" AWS_SECRET_ACCESS_KEY="$(env_value MINIO_ROOT_PASSWORD)"
  export S3_ENDPOINT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
  export AWS_DEFAULT_REGION=us-east-1 AWS_REQUEST_CHECKSUM_CALCULATION=when_required \
    AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
  local s3=(aws --endpoint-url "$S3_ENDPOINT" s3)
  manifest="$(app_full_backup || true)"
  if [[ -z "$manifest" ]]; then
    row 11 fail "the events app's full backup (POST /backup) named no manifest"
    return
  fi
  "${s3[@]}" cp "s3://meshes/$key" "$STACK_DIR/before.glb" --quiet
  "${s3[@]}" rm "s3://meshes/$key" --quiet
  if "${s3[@]}" ls "s3://meshes/$key" >/dev/null 2>&1; then
    row 11 fail "s3://meshes/$key still there after deleting it"
    return
  fi
  if ! MANIFEST="$manifest" "$SCRIPT_DIR/restore.sh" >"$STACK_DIR/restore.log" 2>&1; then
    row 11 fail "scripts/restore.sh failed: $(tail -1 "$STACK_DIR/restore.log")"
    return
  fi
  "${s3[@]}" cp "s3://meshes/$key" "$STACK_DIR/after.glb" --quiet
  if cmp -s "$STACK_DIR/before.glb" "$STACK_DIR/after.glb" && cmp -s "$STACK_DIR/after.glb" "$STACK_DIR/generated.glb"; then
    row 11 pass "the events app's full backup → $manifest; meshes/$key deleted, scripts/restore.sh put it back: byte-identical ($(stat -c %s "$STACK_DIR/after.glb") bytes, = the GLB of row 5)"
  else
    row 11 fail "restored meshes/$key differs from the one backed up"
  fi
}

# check_graceful_down: compose down while a slow generation is in flight through nginx; the generation must
# answer 200 with a GLB and every container that stops must exit 0 (read from Docker's die events).
check_graceful_down() {
  local events="$STACK_DIR/die-events.txt" watcher gen code
  docker events --filter "label=com.docker.compose.project=$PROJECT" --filter event=die \
    --format '{{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}' >"$events" &
  watcher=$!
  # a few seconds of work on an idle 2-CPU host (the image tests' slow request), with a face budget of its own:
  # never a cache hit, so it really runs while the stack stops
  api -o "$STACK_DIR/inflight.glb" -w '%{http_code}' --data-binary @/usr/lib/python3/dist-packages/skimage/data/astronaut.png \
    -H 'Content-Type: image/png' "$(https_url "/generate?quality=high&detail=1&faces=$((300000 + RANDOM))")" \
    >"$STACK_DIR/inflight.code" 2>/dev/null &
  gen=$!
  sleep 1   # the upload is in and the generation running
  local in_flight=no
  kill -0 "$gen" 2>/dev/null && in_flight=yes
  log "row 9: down with a generation in flight ($in_flight) ..."
  local started=$SECONDS
  compose down >"$STACK_DIR/down.log" 2>&1 || true
  local took=$((SECONDS - started))
  wait "$gen" || true
  sleep 1
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  code="$(cat "$STACK_DIR/inflight.code" 2>/dev/null || true)"
  local nonzero stopped
  stopped="$(wc -l <"$events")"
  nonzero="$(awk '$2 != 0' "$events" | tr '\n' ';')"
  if [[ "$in_flight" == yes && "$code" == 200 && "$(head -c 4 "$STACK_DIR/inflight.glb")" == glTF && -z "$nonzero" \
        && "$stopped" -gt 0 ]]; then
    row 9 pass "down in $took s; the generation in flight answered 200 with its GLB; $stopped containers exited 0"
  else
    row 9 fail "generation in flight when down began: $in_flight, it answered ${code:-nothing}; non-zero exits: ${nonzero:-none} ($stopped stopped, down took $took s)"
  fi
}

# --- run -------------------------------------------------------------------------------------------------------

mkdir -p "$STACK_DIR"
finish() {
  local status=$?
  if $DOWN; then teardown; fi
  print_table
  exit "$status"
}
trap finish EXIT

if $UP; then
  stack_up || exit 1
else
  [[ -f "$ENV_FILE" ]] || die "no stack state in $STACK_DIR: run with --up"
  row 1 pending "not built by this run (--up builds and times it)"
  stack_status
fi

# check N FUNCTION: runs row N's check unless --only leaves it out.
check() {
  if [[ -z "$ONLY" || "$ONLY" == *",$1,"* ]]; then "$2"; else row "$1" pending "not selected (--only)"; fi
}

check 3 check_health
check 4 check_tls
check 5 check_generation
check 6 check_websocket
check 13 check_balancing
check 11 check_backup_restore
check 12 check_load
check 7 check_targets
check 8 check_dashboards
check 10 check_restart
if $DOWN; then
  check 9 check_graceful_down
else
  row 9 pending "needs --down (it stops the stack)"
fi

failed=0
for n in $(seq 1 13); do
  [[ "${ROW_RESULT[$n]:-fail}" == fail ]] && failed=$((failed + 1))
done
((failed == 0))
