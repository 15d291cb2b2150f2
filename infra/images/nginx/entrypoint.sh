#!/bin/bash
# Renders /etc/nginx/templates/*.template into /etc/nginx/conf.d as the official nginx image does (envsubst, only the
# variables named ORFEAS_* in the environment, so nginx's own $variables stay), then execs nginx as PID 1.
set -euo pipefail
templates="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
out="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
names="$(env | sed -n 's/^\(ORFEAS_[A-Z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')"
for template in "$templates"/*.template; do
  [[ -e "$template" ]] || continue
  target="$out/$(basename "$template" .template)"
  envsubst "$names" <"$template" >"$target"
  echo "orfeas-nginx: rendered $template to $target" >&2
done
exec "$@"
