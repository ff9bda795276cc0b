#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../..
# ./millgate test: makes sure Redis, PostgreSQL, (for the portal's browser tests)
# Chromium with ChromeDriver, (for the pacts) Pact's reference core and (for the webhook
# signatures) Standard Webhooks' reference library, (for the Prometheus rules) promtool
# and (for the Kubernetes manifests) kubectl with kustomize v5 are there, then every test: ./mvnw verify, the independent OpenAPI lint, the independent
# AsyncAPI check, the rules' unit tests and the launcher's own tests.
# With MILLGATE_INSTALL=never nothing is installed, and the browser tests and the
# reference core's verification are skipped where what they need is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"
# shellcheck source=scripts/lib/java-tools.sh
source "$ROOT/scripts/lib/java-tools.sh"
# shellcheck source=deploy/kubernetes/kubectl.sh
source "$ROOT/deploy/kubernetes/kubectl.sh"

require_java
ensure_redis
ensure_postgres
ensure_chromium
ensure_pact_core
ensure_asyncapi_parser
ensure_standard_webhooks
ensure_promtool
ensure_kubectl
maven=(-B verify)
if [ "$BROWSER_TESTS" = skip ]; then maven+=(-Dmillgate.browser.skip=true); fi
if [ "$PACT_CORE_TESTS" = skip ]; then
  maven+=(-Dmillgate.pactcore.skip=true)
else
  maven+=("-Dmillgate.pactcore.dir=$PACT_CORE_DIR")
fi
if [ "$STANDARD_WEBHOOKS_TESTS" = run ]; then
  maven+=("-Dmillgate.standardwebhooks.dir=$STANDARD_WEBHOOKS_DIR")
fi
if [ "$KUBECTL_TESTS" = skip ]; then
  maven+=(-Dmillgate.kubernetes.skip=true)
else
  maven+=("-Dmillgate.kubectl=$(command -v "$KUBECTL")")
fi
if [ "$PROMTOOL_TESTS" = run ]; then
  maven+=("-Dmillgate.promtool=$(command -v "$PROMTOOL")")
fi
cd "$ROOT"
./mvnw "${maven[@]}"
openapi_lint
asyncapi_lint
observability_check
bash "$ROOT/scripts/launcher-tests.sh"
