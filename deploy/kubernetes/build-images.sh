#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../..
# Builds the platform's container images with Jib (no Docker daemon needed) and pushes them
# to a registry, or writes them as tar files. One image per service of services.conf: the
# service's classes and dependencies in layers of their own on a JRE base image, run as the
# user the manifests demand, exposing the service's port.
#
#   deploy/kubernetes/build-images.sh --registry registry.example.com/millgate [--tag 1.4.0] [SERVICE ...]
#   deploy/kubernetes/build-images.sh --tar target/images --base scratch      # offline check
#
#   --registry R   push R/SERVICE:TAG (credentials: Jib reads docker's config.json and
#                  credential helpers, or -Djib.to.auth.* in MILLGATE_JIB_ARGS)
#   --tag T        the image tag (default: the project version, 0.1.0-SNAPSHOT)
#   --base IMAGE   the base image (default: MILLGATE_BASE_IMAGE or eclipse-temurin:17-jre);
#                  any image with a JRE 17+ whose `java` is on the PATH; `scratch` only
#                  checks the build configuration (the image then has no JVM)
#   --tar DIR      write DIR/SERVICE.tar (docker load -i) instead of pushing
#   --no-build     the modules were built and installed already (./mvnw install -DskipTests)
#   SERVICE ...    the services to build (default: every one of services.conf)
#
# The user id (IMAGE_USER) is the manifests' runAsUser and runAsGroup; deploy-tests checks
# that they agree.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/topology.sh
source "$ROOT/scripts/lib/topology.sh"

JIB_PLUGIN=com.google.cloud.tools:jib-maven-plugin:3.5.2
IMAGE_USER=10001:10001

registry="" tag="" base="${MILLGATE_BASE_IMAGE:-eclipse-temurin:17-jre}" tar_dir="" build=yes services=()
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry="${2:?--registry needs a value}"; shift 2 ;;
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --base) base="${2:?--base needs a value}"; shift 2 ;;
    --tar) tar_dir="${2:?--tar needs a directory}"; shift 2 ;;
    --no-build) build=no; shift ;;
    -h|--help) sed -n '3,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) fail "unknown option $1 (see --help)" ;;
    *) services+=("$1"); shift ;;
  esac
done
[ -n "$registry" ] || [ -n "$tar_dir" ] || fail "say where the images go: --registry REGISTRY or --tar DIR (see --help)"

load_topology
[ "${#services[@]}" -gt 0 ] || services=("${SERVICE_NAMES[@]}")
modules=()
for service in "${services[@]}"; do
  [ -n "${SERVICE_MODULE[$service]+set}" ] || fail "$service is no service of services.conf"
  modules+=("${SERVICE_MODULE[$service]}")
done

cd "$ROOT"
if [ "$build" = yes ]; then
  say "Building ${modules[*]} and what they need (tests skipped)..."
  ./mvnw -B -q -pl "$(IFS=,; echo "${modules[*]}")" -am install -DskipTests
fi
[ -n "$tag" ] || tag="$(./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout)"
if [ -n "$tar_dir" ]; then
  mkdir -p "$tar_dir"
  tar_dir="$(cd "$tar_dir" && pwd)"
fi

for service in "${services[@]}"; do
  module="${SERVICE_MODULE[$service]}"
  # the class that starts the service: the one @SpringBootApplication of its module
  main="$(grep -rl --include='*.java' '^@SpringBootApplication' "$module/src/main/java" | head -n 1)"
  [ -n "$main" ] || fail "$module has no @SpringBootApplication class"
  main="${main#"$module/src/main/java/"}" main="${main%.java}" main="${main//\//.}"
  image="${registry:-millgate}/$service:$tag"
  args=(-B -q -pl "$module" "-Djib.from.image=$base" "-Dimage=$image"
    "-Djib.container.user=$IMAGE_USER" "-Djib.container.ports=${SERVICE_PORT[$service]}"
    "-Djib.container.mainClass=$main" -Djib.container.workingDirectory=/tmp
    -Djib.container.creationTime=USE_CURRENT_TIMESTAMP)
  if [ -n "$tar_dir" ]; then
    args+=("$JIB_PLUGIN:buildTar" "-Djib.outputPaths.tar=$tar_dir/$service.tar")
  else
    args+=("$JIB_PLUGIN:build")
  fi
  # shellcheck disable=SC2086 # MILLGATE_JIB_ARGS: further -D options, split on purpose
  ./mvnw "${args[@]}" ${MILLGATE_JIB_ARGS:-}
  say "$service: $image${tar_dir:+ in $tar_dir/$service.tar} (base $base, user $IMAGE_USER, port ${SERVICE_PORT[$service]})"
done
