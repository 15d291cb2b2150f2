#!/usr/bin/env bash
# Runs every test of the project: installs what the tests need when it is missing (Debian and npm packages, a
# JDK >= 21 check), then `mvn -B verify` over every module. Extra arguments go to Maven (e.g. -pl functions/mesh-core).
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

usage_details() {
  cat <<USAGE
Usage: scripts/test.sh [MAVEN ARGUMENT...]    e.g. scripts/test.sh -pl functions/mesh-core
USAGE
}

on_help "$@"

# command -> Debian package providing it, for the tools the tests drive as real peers.
declare -A DEBIAN_TOOLS=(
  [mvn]=maven
  [node]=nodejs
  [npm]=npm
  [aws]=awscli
  [dockerd]=docker.io
  [debootstrap]=debootstrap
  [nginx]=nginx
  [shellcheck]=shellcheck
  [curl]=curl
  [promtool]=prometheus
  [docker-compose]=docker-compose
  [jq]=jq
  [chromium]=chromium
)
# Debian packages the tests read data from (checked by a file they ship).
declare -A DEBIAN_DATA=(
  [/usr/lib/python3/dist-packages/skimage/data/chelsea.png]=python3-skimage
  [/usr/share/icons/Adwaita/512x512/devices/phone.png]=adwaita-icon-theme
)

install_missing_debian_packages() {
  local missing=() tool
  for tool in "${!DEBIAN_TOOLS[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${DEBIAN_TOOLS[$tool]}")
  done
  local file
  for file in "${!DEBIAN_DATA[@]}"; do
    [[ -e "$file" ]] || missing+=("${DEBIAN_DATA[$file]}")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    die "missing ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_npm_tools() {
  local dir="$ROOT_DIR/scripts/gltf-validate"
  if [[ ! -d "$dir/node_modules/gltf-validator" ]]; then
    log "installing the Khronos glTF-Validator (npm ci)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

# start_docker_engine: the image tests build and run containers; start Debian's dockerd when no engine answers.
start_docker_engine() {
  docker info >/dev/null 2>&1 && return 0
  [[ $(id -u) -eq 0 ]] || die "no Docker engine answers and only root can start one: start dockerd"
  log "starting dockerd (log: /tmp/orfeas-dockerd.log)"
  nohup dockerd >/tmp/orfeas-dockerd.log 2>&1 &
  wait_for "the Docker engine" 60 docker info || die "dockerd did not start; see /tmp/orfeas-dockerd.log"
}

# require_kubectl: the manifest checks build the overlays with kubectl's kustomize (v5+); Debian's kubernetes-client
# is far too old, so it cannot be installed here: say so instead of failing deep inside a test.
require_kubectl() {
  command -v kubectl >/dev/null 2>&1 \
    || die "kubectl (1.27 or newer, with kustomize v5) is needed by infra/manifest-tests; install it and rerun"
}

install_missing_debian_packages
install_npm_tools
"$SCRIPT_DIR/fetch-models.sh" || die "the segmentation models could not be installed (the real-model tests need them)"
require_kubectl
start_docker_engine
# Testcontainers against the local engine: no Ryuk (its image cannot be pulled here) and loopback for mapped ports.
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
use_jdk
log "JDK: $JAVA_HOME"
cd "$ROOT_DIR"
mvn_quiet verify "$@"   # mvn -B verify, without Maven's raw ANSI escapes (common.sh)
