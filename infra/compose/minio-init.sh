#!/bin/sh
# minio-init (docker-compose.production.yml): prepares MinIO for ORFEAS; safe to run again.
# The same steps as scripts/cluster-minio.sh, for one host: buckets, versioning on backups, lifecycle rules, one
# user per app with its policy (/init/policies = minio/policies), and uploads → webhook target "orfeas".
# Secrets come from the environment and are never echoed.
set -eu
export MC_HOST_local="http://${MINIO_ROOT_USER}:${MINIO_ROOT_PASSWORD}@minio:9000"

for bucket in uploads meshes backups failed; do
  mc mb --ignore-existing "local/$bucket"
done
mc version enable local/backups
for rules in uploads backups failed; do
  mc ilm import "local/$rules" < "/init/lifecycle/$rules.json"
done

for policy in /init/policies/*.json; do
  name="$(basename "$policy" .json)"
  mc admin policy create local "$name" "$policy"
done
add_user() { # USER SECRET POLICY
  mc admin user add local "$1" "$2" >/dev/null
  mc admin policy attach local "$3" --user "$1" >/dev/null 2>&1 || true   # "already attached" is fine
  echo "user $1 with policy $3"
}
add_user orfeas-generate "$ORFEAS_GENERATE_S3_SECRET_KEY" orfeas-generate
add_user orfeas-events "$ORFEAS_EVENTS_S3_SECRET_KEY" orfeas-events

if ! mc event list local/uploads arn:minio:sqs::orfeas:webhook | grep -q 'arn:minio:sqs::orfeas:webhook'; then
  mc event add local/uploads arn:minio:sqs::orfeas:webhook --event put,delete
fi
echo "MinIO ready for ORFEAS"
