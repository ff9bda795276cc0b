#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../..
# ./millgate test: makes sure Redis, PostgreSQL and (for the portal's browser tests)
# Chromium with ChromeDriver are there, then every test: ./mvnw verify, the independent
# OpenAPI lint and the launcher's own tests. With MILLGATE_INSTALL=never nothing is
# installed, and the browser tests are skipped where Chromium is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"
# shellcheck source=scripts/lib/java-tools.sh
source "$ROOT/scripts/lib/java-tools.sh"

require_java
ensure_redis
ensure_postgres
ensure_chromium
maven=(-B verify)
if [ "$BROWSER_TESTS" = skip ]; then maven+=(-Dmillgate.browser.skip=true); fi
cd "$ROOT"
./mvnw "${maven[@]}"
openapi_lint
bash "$ROOT/scripts/launcher-tests.sh"
