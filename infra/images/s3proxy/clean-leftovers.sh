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
has_md5_xattr() {
  # where python3 is there, keep a file that has the xattr (a real object whose key ends in a UUID); Java names
  # it user.user.content-md5 on Linux (its UserDefinedFileAttributeView adds "user.")
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -c 'import os,sys; os.getxattr(sys.argv[1], "user.user.content-md5")' "$1" 2>/dev/null
}
while IFS= read -r -d '' file; do
  if has_md5_xattr "$file"; then
    continue
  fi
  rm -f -- "$file"
  echo "removed S3Proxy leftover: ${file#"$basedir"/}"
done < <(find "$basedir" -regextype posix-extended -type f -regex ".*-$uuid" -print0)
