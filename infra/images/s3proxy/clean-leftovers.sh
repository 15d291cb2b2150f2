#!/bin/bash
# Removes what S3Proxy (filesystem-nio2) leaves when it, or a writer, is killed mid-write: it writes each object to
# "<key>-<random UUID>" beside its final name, sets the object's xattrs, then renames it. A leftover has no
# user.content-md5 xattr, and ListObjects answers 500 on such a file, so GET /meshes and backups would fail until it
# is gone. Run before S3Proxy starts (scripts/run.sh, the s3proxy image's entrypoint): nothing is writing then.
#   clean-leftovers.sh <basedir>     prints one line per removed file
set -euo pipefail
basedir="${1:?usage: clean-leftovers.sh <basedir>}"
[[ -d "$basedir" ]] || exit 0
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
# A file with the xattr is a real object whose key happens to end in a UUID: kept. Java names the xattr
# user.user.content-md5 on Linux (its UserDefinedFileAttributeView adds "user.").
if command -v getfattr >/dev/null 2>&1; then
  has_md5_xattr() { getfattr --only-values -n user.user.content-md5 -- "$1" >/dev/null 2>&1; }
elif command -v python3 >/dev/null 2>&1; then
  has_md5_xattr() { python3 -c 'import os,sys; os.getxattr(sys.argv[1], "user.user.content-md5")' "$1" 2>/dev/null; }
else
  # without a way to read xattrs a leftover cannot be told from a real object: delete nothing (listings may stay
  # broken until someone removes the leftover by hand; a lost object would be worse)
  has_md5_xattr() { echo "kept (no getfattr or python3 to check its xattrs): ${1#"$basedir"/}" >&2; }
fi
while IFS= read -r -d '' file; do
  if has_md5_xattr "$file"; then
    continue
  fi
  rm -f -- "$file"
  echo "removed S3Proxy leftover: ${file#"$basedir"/}"
done < <(find "$basedir" -regextype posix-extended -type f -regex ".*-$uuid" -print0)
