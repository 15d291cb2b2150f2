#!/usr/bin/env bash
# The earlier interface of the container cold-start bench, kept for the commands in docs/benchmarks.md:
#   infra/images/bench-start.sh [RUNS=5] [IMAGE=orfeas/generate:0.1.0] [JDK_JAVA_OPTIONS] [ENV=VALUE]
# It runs scripts/bench-cold-start.sh, which measures the same (docker run → ready → first mesh) and more.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
args=(--runs "${1:-5}" --image "${2:-orfeas/generate:0.1.0}")
[[ -n "${3:-}" ]] && args+=(--jvm "$3")
[[ -n "${4:-}" ]] && args+=(--env "$4")
exec "$SCRIPT_DIR/../../scripts/bench-cold-start.sh" "${args[@]}"
