#!/usr/bin/env bash
# Builds the container images without any image registry: a Debian base bootstrapped here (debootstrap minbase +
# Debian's JRE 25, docker import), then the project's images on it. An image whose inputs (jar contents,
# Dockerfile, helper scripts, base image) did not change is skipped, so a second run takes seconds.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$SCRIPT_DIR/common.sh"

VERSION="${ORFEAS_IMAGE_VERSION:-0.1.0}"
SUITE="${ORFEAS_DEBIAN_SUITE:-trixie}"
BASE_IMAGE="${BASE_IMAGE:-orfeas/base-jre:25-$SUITE}"
JRE_PACKAGE="${ORFEAS_JRE_PACKAGE:-openjdk-25-jre-headless}"
STAGE_DIR="$ROOT_DIR/infra/target/images"
WITH_MODEL="${ORFEAS_IMAGE_MODEL:-true}"
# the ONNX Runtime version mesh-core uses (one definition: the root pom): the GPU image swaps in its CUDA build
ORT_VERSION="$(sed -n "s/.*<onnxruntime.version>\(.*\)<\/onnxruntime.version>.*/\1/p" "$ROOT_DIR/pom.xml")"
CUDA_DEB_CACHE="${ORFEAS_CUDA_DEB_CACHE:-$HOME/.cache/orfeas/cuda-debs}"
ALL_IMAGES=(generate events s3proxy nginx prometheus generate-gpu)

usage_details() {
  cat <<USAGE
Usage: scripts/build-images.sh [--no-gpu] [--rebuild] [--rebuild-base] [IMAGE...]

Builds orfeas/base-jre, then orfeas/{generate,events,s3proxy,nginx,prometheus,generate-gpu}:$VERSION (and
:latest) with the local Docker engine; nginx and prometheus are Debian-package stand-ins for the official images
(infra/compose/docker-compose.local.yml). IMAGE limits the build to some of: ${ALL_IMAGES[*]}. Needs root
(debootstrap), dockerd, and the jars (built with Maven when missing). Prints image sizes and the build time.

  --no-gpu        skip generate-gpu (it downloads the 2.5 GB CUDA PyTorch natives jar, the 490 MB ONNX Runtime GPU
                  jar and 212 MB of Debian's cuFFT/cuRAND once and makes a 4.72 GB image, as in docs/images.md)
  --rebuild       build the app images even when their inputs are unchanged
  --rebuild-base  bootstrap the base again even when $BASE_IMAGE exists

Environment (defaults):
  ORFEAS_IMAGE_VERSION=$VERSION
  ORFEAS_DEBIAN_SUITE=$SUITE          Debian release of the base (needs $JRE_PACKAGE)
  ORFEAS_DEBIAN_MIRROR              Debian mirror for debootstrap (default: the first one in this host's apt sources)
  BASE_IMAGE=$BASE_IMAGE
  ORFEAS_JRE_PACKAGE=$JRE_PACKAGE   Debian package of the base's JRE
  ORFEAS_IMAGE_MODEL=$WITH_MODEL            bake the IS-Net segmentation model (AGPL-3.0 package, MIT model: see
                                    docs/model-contract.md) into the generate image; false leaves it out
USAGE
}

GPU=true REBUILD=false REBUILD_BASE=false SELECTED=()
for arg in "$@"; do
  case "$arg" in
    --no-gpu) GPU=false ;;
    --rebuild) REBUILD=true ;;
    --rebuild-base) REBUILD_BASE=true ;;
    -h|--help) usage; exit 0 ;;
    generate|events|s3proxy|nginx|prometheus|generate-gpu) SELECTED+=("$arg") ;;
    *) usage; die "unknown argument: $arg" ;;
  esac
done
if ((${#SELECTED[@]} == 0)); then
  SELECTED=(generate events s3proxy nginx prometheus)
  $GPU && SELECTED+=(generate-gpu)
fi

# The classic builder: this engine (Debian docker.io 20.10) has no buildx plugin.
export DOCKER_BUILDKIT=0
docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd; scripts/test.sh does)"
STARTED=$SECONDS

# debian_mirror: the mirror from the environment or from this host's apt configuration (never hard-coded).
debian_mirror() {
  if [[ -n "${ORFEAS_DEBIAN_MIRROR:-}" ]]; then
    echo "$ORFEAS_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\(.*\/debian\)\/\{0,1\} *$/\1/p' | head -1)"
  [[ -n "$uri" ]] || uri="$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\/debian\)\/\{0,1\} .*/\2/p' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1)"
  [[ -n "$uri" ]] || die "no Debian mirror in /etc/apt/sources.list*; set ORFEAS_DEBIAN_MIRROR"
  echo "$uri"
}

build_base() {
  if ! $REBUILD_BASE && docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base $BASE_IMAGE exists (--rebuild-base to make it again)"
    return
  fi
  command -v debootstrap >/dev/null || die "debootstrap is needed (apt-get install debootstrap)"
  [[ $(id -u) -eq 0 ]] || die "debootstrap needs root"
  local started=$SECONDS work rootfs mirror
  mirror="$(debian_mirror)"
  work="$(mktemp -d /tmp/orfeas-base.XXXXXX)"
  rootfs="$work/rootfs"
  log "bootstrapping Debian $SUITE (minbase + $JRE_PACKAGE) ..."
  debootstrap --variant=minbase --components=main --include="$JRE_PACKAGE" "$SUITE" "$rootfs" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed ($work)"; }
  # Slim down: package caches and lists, docs, locales; the JRE's CDS archives for heap layouts the images never
  # use (compact headers, >32 GB heaps): the images bring their own AOT cache.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
    "$rootfs"/usr/lib/jvm/java-*/lib/server/classes_*.jsa
  : >"$rootfs/etc/resolv.conf"
  # The unprivileged runtime user (numeric 10001 in every image; no login, no home).
  echo 'orfeas:x:10001:10001:orfeas:/nonexistent:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
  echo 'orfeas:x:10001:' >>"$rootfs/etc/group"
  install -m 0755 "$ROOT_DIR/infra/images/base/orfeas-health" "$rootfs/usr/local/bin/orfeas-health"
  local java_home
  java_home="$(cd "$rootfs" && echo usr/lib/jvm/java-[0-9][0-9]-openjdk-amd64)"
  tar -C "$rootfs" --numeric-owner -c . | docker import \
    --change "ENV JAVA_HOME=/$java_home LANG=C.UTF-8" \
    --change 'CMD ["/bin/bash"]' \
    --change "LABEL org.opencontainers.image.title=orfeas-base-jre" \
    --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase with $JRE_PACKAGE\"" \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$work"
  log "base $BASE_IMAGE made in $((SECONDS - started)) s"
}

# jars_present: the app jars and S3Proxy's runtime, built with Maven when missing.
ensure_jars() {
  local need=()
  [[ -f "$ROOT_DIR/functions/generate/target/generate-0.1.0-SNAPSHOT.jar" ]] || need+=(functions/generate)
  [[ -f "$ROOT_DIR/functions/events/target/events-0.1.0-SNAPSHOT.jar" ]] || need+=(functions/events)
  [[ -d "$ROOT_DIR/functions/local-s3/target/s3proxy" ]] || need+=(functions/local-s3)
  ((${#need[@]} == 0)) && return
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build ${need[*]}"
  use_jdk
  log "building ${need[*]} with Maven ..."
  (IFS=,; cd "$ROOT_DIR" && mvn_quiet -q -DskipTests -Djazzer.fuzz=0 -pl "${need[*]}" -am package) || die "build failed"
}

# gpu_natives: the CUDA 12.4 PyTorch natives from Maven Central (2.5 GB, cached in ~/.m2 after the first run).
gpu_natives() {
  local jar="$HOME/.m2/repository/ai/djl/pytorch/pytorch-native-cu124/2.5.1/pytorch-native-cu124-2.5.1-linux-x86_64.jar"
  if [[ ! -f "$jar" ]]; then
    log "downloading pytorch-native-cu124 2.5.1 (2.5 GB, once) ..."
    mvn_quiet -q dependency:get -Dartifact=ai.djl.pytorch:pytorch-native-cu124:2.5.1:jar:linux-x86_64 >&2 \
      || die "could not fetch pytorch-native-cu124"
  fi
  echo "$jar"
}

# ort_gpu: ONNX Runtime's CUDA build from Maven Central (490 MB, cached in ~/.m2 after the first run).
ort_gpu() {
  local jar="$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime_gpu/$ORT_VERSION/onnxruntime_gpu-$ORT_VERSION.jar"
  if [[ ! -f "$jar" ]]; then
    log "downloading onnxruntime_gpu $ORT_VERSION (490 MB, once) ..."
    mvn_quiet -q dependency:get -Dartifact="com.microsoft.onnxruntime:onnxruntime_gpu:$ORT_VERSION" >&2 \
      || die "could not fetch onnxruntime_gpu"
  fi
  echo "$jar"
}

# cuda_debs DIR: cuFFT and cuRAND (CUDA 12.4.1, what ONNX Runtime's CUDA provider links and PyTorch's bundle lacks)
# as Debian $SUITE non-free packages, fetched with apt-get from the same mirror as the base into a private apt state
# (this host's apt configuration is not touched), cached in $CUDA_DEB_CACHE.
cuda_debs() {
  local out="$1" state="$CUDA_DEB_CACHE/apt" mirror
  mkdir -p "$CUDA_DEB_CACHE"
  if ! ls "$CUDA_DEB_CACHE"/libcufft11_*.deb "$CUDA_DEB_CACHE"/libcurand10_*.deb >/dev/null 2>&1; then
    mirror="$(debian_mirror)"
    mkdir -p "$state/lists/partial" "$state/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SUITE non-free" >"$state/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state" -o Dir::State::status=/dev/null
      -o APT::Architecture=amd64 -o APT::Sandbox::User=root)
    log "downloading libcufft11 and libcurand10 (Debian $SUITE non-free, 212 MB, once) ..."
    apt-get "${apt_opts[@]}" update >/dev/null && (cd "$CUDA_DEB_CACHE" && apt-get "${apt_opts[@]}" download \
      libcufft11 libcurand10 >/dev/null) || die "could not fetch libcufft11/libcurand10 from $mirror"
  fi
  cp "$CUDA_DEB_CACHE"/libcufft11_*.deb "$CUDA_DEB_CACHE"/libcurand10_*.deb "$out/"
}

# stage NAME: fills $STAGE_DIR/NAME with the build context. App jars are copied (a build running meanwhile may
# rewrite them in place); the 2.5 GB CUDA jar from the local Maven repository is hard-linked when possible.
stage() {
  local name="$1" dir="$STAGE_DIR/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$ROOT_DIR/infra/images/$name/"* "$dir/"
  case "$name" in
    generate)
      cp "$ROOT_DIR/functions/generate/target/generate-0.1.0-SNAPSHOT.jar" "$dir/generate.jar"
      cp "$ROOT_DIR/infra/images/train.sh" "$dir/"
      cp "$ROOT_DIR/scripts/smoke.png" "$dir/train.png"
      use_jdk   # the training run's stand-in S3, compiled here: the runtime image has no compiler
      javac --release 21 -d "$dir/training-s3" "$ROOT_DIR/infra/images/generate/TrainingS3.java" && rm "$dir/TrainingS3.java"
      mkdir -p "$dir/models"
      if [[ "$WITH_MODEL" == true ]]; then
        "$SCRIPT_DIR/fetch-models.sh" >&2 || die "the segmentation model could not be installed (ORFEAS_IMAGE_MODEL=false leaves it out)"
        ln -f "${ORFEAS_MODELS:-$ROOT_DIR/models}/isnet-quint8.onnx" "$dir/models/" 2>/dev/null \
          || cp "${ORFEAS_MODELS:-$ROOT_DIR/models}/isnet-quint8.onnx" "$dir/models/"
      fi ;;
    generate-gpu)
      cp "$ROOT_DIR/functions/generate/target/generate-0.1.0-SNAPSHOT.jar" "$dir/generate.jar"
      local natives ort
      natives="$(gpu_natives)"
      ln -f "$natives" "$dir/pytorch-native-cu124.jar" 2>/dev/null || cp "$natives" "$dir/pytorch-native-cu124.jar"
      ort="$(ort_gpu)"
      ln -f "$ort" "$dir/onnxruntime_gpu.jar" 2>/dev/null || cp "$ort" "$dir/onnxruntime_gpu.jar"
      mkdir -p "$dir/cuda"
      cuda_debs "$dir/cuda" ;;
    events)
      cp "$ROOT_DIR/functions/events/target/events-0.1.0-SNAPSHOT.jar" "$dir/events.jar"
      cp "$ROOT_DIR/infra/images/train.sh" "$dir/" ;;
    s3proxy)
      cp -r "$ROOT_DIR/functions/local-s3/target/s3proxy" "$dir/lib"
      cp "$ROOT_DIR/functions/local-s3/logback.xml" "$dir/" ;;
    nginx|prometheus) ;;   # Debian packages, installed by the Dockerfile: the folder is the whole context
  esac
}

# jar_digest JAR: its entries' names and CRCs, not its bytes, so a jar Maven made again with new timestamps but the
# same contents counts as unchanged. The project's own modules nested in a Spring Boot jar are rebuilt with every
# build (new timestamps, so new CRCs): those are listed by their own entries instead.
jar_digest() {
  local jar="$1" nested tmp
  unzip -v "$jar" | awk 'NR > 3 && $8 != "" && $8 !~ /^BOOT-INF\/lib\/.*-SNAPSHOT\.jar$/ {print $7, $8}'
  tmp="$(mktemp)"
  for nested in $(unzip -Z1 "$jar" 'BOOT-INF/lib/*-SNAPSHOT.jar' 2>/dev/null); do
    echo "$nested"
    unzip -p "$jar" "$nested" >"$tmp"
    unzip -v "$tmp" | awk 'NR > 3 && $8 != "" {print $7, $8}'
  done
  rm -f "$tmp"
}

# inputs_hash NAME: what the image is made of (build context, base image, version).
inputs_hash() {
  local dir="$STAGE_DIR/$1" f
  {
    echo "$VERSION $(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")"
    for f in $(cd "$dir" && find . -type f | sort); do
      case "$f" in
        *.jar) echo "$f"; jar_digest "$dir/$f" ;;
        *) sha256sum "$dir/$f" | sed "s|$dir/||" ;;
      esac
    done
  } | sha256sum | cut -c1-32
}

build_image() {
  local name="$1" image="orfeas/$1:$VERSION" started=$SECONDS hash current
  stage "$name"
  hash="$(inputs_hash "$name")"
  current="$(docker image inspect -f '{{index .Config.Labels "dev.orfeas.inputs"}}' "$image" 2>/dev/null || true)"
  if ! $REBUILD && [[ "$current" == "$hash" ]]; then
    log "$image is up to date"
    return
  fi
  log "building $image ..."
  local model_arg=()
  [[ "$name" == generate && "$WITH_MODEL" != true ]] && model_arg=(--build-arg SEGMENTATION_MODEL=)
  docker build --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg VERSION="$VERSION" "${model_arg[@]}" \
    --build-arg REVISION="$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --label dev.orfeas.inputs="$hash" -t "$image" -t "orfeas/$name:latest" "$STAGE_DIR/$name" \
    >"$STAGE_DIR/$name.log" 2>&1 || { tail -40 "$STAGE_DIR/$name.log" >&2; die "docker build of $image failed"; }
  log "$image built in $((SECONDS - started)) s"
  docker image prune -f --filter label=dev.orfeas.inputs >/dev/null || true   # the replaced, now dangling, one
}

build_base
ensure_jars
for name in "${SELECTED[@]}"; do
  build_image "$name"
done
rm -rf "$STAGE_DIR"

log "done in $((SECONDS - STARTED)) s"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' \
  | grep -E "^(${BASE_IMAGE%%:*}|orfeas/($(IFS='|'; echo "${SELECTED[*]}"))):" | grep -v ':latest' | column -t >&2
