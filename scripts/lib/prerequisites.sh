# shellcheck shell=bash
# What the tests need besides a JDK: Redis, PostgreSQL (an installed one is started), and
# for the portal's browser tests Chromium with ChromeDriver. Needs common.sh.
#
# Nothing is installed without a banner first saying what, why and how to avoid it, and
# with MILLGATE_INSTALL=never nothing is installed at all.

# run or skip: whether the browser tests can run (set by ensure_chromium)
# shellcheck disable=SC2034 # read by scripts/cmd/test.sh
BROWSER_TESTS=run

# Whether the launcher may install a missing package: MILLGATE_INSTALL unset (announced
# first) or never.
install_allowed() {
  case "${MILLGATE_INSTALL:-}" in
    "") return 0 ;;
    never) return 1 ;;
    *) fail "MILLGATE_INSTALL is '$MILLGATE_INSTALL': leave it unset (install what a command needs, announced first) or set it to never" ;;
  esac
}

# announce_install WHAT WHY HOW-TO-AVOID
announce_install() {
  local rule
  rule="$(printf '%78s' '' | tr ' ' '=')"
  printf '%s\n' "$rule" \
    "millgate is about to install $1" \
    "  why:          $2" \
    "  to avoid it:  $3" \
    "$rule"
}

ensure_redis() {
  local host port url="${MILLGATE_REDIS_URL:-redis://127.0.0.1:6379}"
  read -r host port <<<"$(url_host_port "$url" 6379)"
  port_open "$host" "$port" && { say "Redis answers on $host:$port."; return 0; }
  case "$url" in
    redis-sentinel://* | rediss-sentinel://* | redis-cluster://* | rediss-cluster://*)
      # a topology of its own: never replaced by a single server started here
      fail "the first node of MILLGATE_REDIS_URL ($host:$port) does not answer: start the Sentinel or Cluster it names" ;;
  esac
  is_loopback "$host" || fail "Redis at $host:$port (MILLGATE_REDIS_URL) does not answer"
  command -v redis-server >/dev/null 2>&1 || fail "Redis is not installed and nothing answers on $host:$port. Install it (Debian/Ubuntu: apt-get install redis-server) or set MILLGATE_REDIS_URL to a reachable Redis."
  say "Redis does not answer on $host:$port; starting the installed redis-server..."
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "${TMPDIR:-/tmp}" >/dev/null
  await_port "$host" "$port" || fail "redis-server was started but does not answer on $host:$port"
  say "Redis started on $host:$port."
}

ensure_postgres() {
  local host port clusters=() cluster
  read -r host port <<<"$(url_host_port "${MILLGATE_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}" 5432)"
  port_open "$host" "$port" && { say "PostgreSQL answers on $host:$port."; return 0; }
  is_loopback "$host" || fail "PostgreSQL at $host:$port (MILLGATE_DB_URL) does not answer"
  for cluster in /etc/postgresql/*/; do
    if [ -d "$cluster" ]; then clusters+=("$(basename "$cluster")"); fi
  done
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ "${#clusters[@]}" -gt 0 ]; then
    say "PostgreSQL does not answer on $host:$port; starting the installed cluster..."
    for cluster in "${clusters[@]}"; do
      pg_ctlcluster --skip-systemctl-redirect "$cluster" main start >/dev/null 2>&1 || true
    done
    await_port "$host" "$port" || fail "PostgreSQL was started but does not answer on $host:$port; check /var/log/postgresql"
    say "PostgreSQL started on $host:$port."
    return 0
  fi
  fail "PostgreSQL is not installed and nothing answers on $host:$port. Install it (Debian/Ubuntu: apt-get install postgresql) or set MILLGATE_DB_URL to a reachable server."
}

# apt_install WHY HOW-TO-AVOID PACKAGE...: Debian's packages, after a banner, through sudo
# when not root; fails saying how to install them by hand.
apt_install() {
  local why="$1" avoid="$2" sudo=()
  shift 2
  command -v apt-get >/dev/null 2>&1 \
    || fail "Needed: $*, and there is no apt-get here: install them by hand, or set MILLGATE_INSTALL=never."
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 \
      || fail "Needed: $* ($why): install them as root (apt-get install $*), or set MILLGATE_INSTALL=never."
    sudo=(sudo)
  fi
  announce_install "Debian's packages $* (apt-get install --no-install-recommends${sudo[*]:+, through sudo})" "$why" "$avoid"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
  if ! "${apt[@]}" install -y -q --no-install-recommends "$@" >/dev/null; then
    # the package lists may be stale or missing (a fresh container)
    if ! { "${apt[@]}" update -q >/dev/null && "${apt[@]}" install -y -q --no-install-recommends "$@" >/dev/null; }; then
      fail "Installing $* failed; install them by hand (apt-get install $*), or set MILLGATE_INSTALL=never"
    fi
  fi
}

# The developer portal's browser tests drive Debian's Chromium through ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver). Where they are missing: installed with
# apt-get after a banner, or with MILLGATE_INSTALL=never the browser tests are skipped.
ensure_chromium() {
  local browser="${MILLGATE_CHROMIUM:-/usr/bin/chromium}" driver="${MILLGATE_CHROMEDRIVER:-/usr/bin/chromedriver}"
  local missing=() packages=(chromium chromium-driver)
  BROWSER_TESTS=run
  [ -x "$browser" ] || missing+=("$browser")
  [ -x "$driver" ] || missing+=("$driver")
  [ "${#missing[@]}" -gt 0 ] || return 0
  local absent get
  absent="$(printf '%s and ' "${missing[@]}")" absent="${absent% and }"
  get="install them (Debian/Ubuntu: apt-get install ${packages[*]}) or point MILLGATE_CHROMIUM and MILLGATE_CHROMEDRIVER at a Chromium and its driver"
  if ! install_allowed; then
    say "Skipping the portal's browser tests: $absent missing, and MILLGATE_INSTALL=never installs nothing."
    say "To run them, $get."
    BROWSER_TESTS=skip
    return 0
  fi
  apt_install "the developer portal's browser tests drive Chromium through ChromeDriver; $absent missing" \
    "install them yourself, point MILLGATE_CHROMIUM and MILLGATE_CHROMEDRIVER at a Chromium and its driver, or set MILLGATE_INSTALL=never (skips the browser tests)" \
    "${packages[@]}"
  if [ ! -x "$browser" ] || [ ! -x "$driver" ]; then
    fail "${packages[*]} installed, but $browser or $driver is missing"
  fi
  say "Installed $("$browser" --version 2>/dev/null | head -n 1) and its driver."
}

# Prometheus's promtool checks the platform's recording and alerting rules and runs their
# unit tests (deploy/observability/prometheus), and the Grafana dashboard's queries; from
# Debian's prometheus package where missing. Skipped, saying so, with MILLGATE_INSTALL=never.
# run or skip, and which promtool (set by ensure_promtool; read by scripts/cmd/test.sh)
# shellcheck disable=SC2034
PROMTOOL_TESTS=run
PROMTOOL="${MILLGATE_PROMTOOL:-promtool}"
ensure_promtool() {
  PROMTOOL_TESTS=run
  command -v "$PROMTOOL" >/dev/null 2>&1 && return 0
  if ! install_allowed; then
    say "Skipping the checks of the Prometheus rules and the Grafana dashboard: promtool is missing, and MILLGATE_INSTALL=never installs nothing."
    say "To run them, install it (Debian/Ubuntu: apt-get install prometheus) or point MILLGATE_PROMTOOL at one."
    PROMTOOL_TESTS=skip
    return 0
  fi
  apt_install "the platform's Prometheus rules and their unit tests are checked with promtool; it is missing" \
    "install it yourself, point MILLGATE_PROMTOOL at one, or set MILLGATE_INSTALL=never (skips these checks)" \
    prometheus
  command -v "$PROMTOOL" >/dev/null 2>&1 || fail "prometheus installed, but there is no $PROMTOOL"
  say "Installed $("$PROMTOOL" --version 2>&1 | head -n 1)."
}

# Pact's reference core (the Rust verifier behind PactNet, pact-js, pact-python and pact-go),
# from npm's @pact-foundation/pact-core, verifies every pact beside Pact JVM. It runs on
# Node.js (Debian's nodejs and npm where missing) and lives in the user's cache, outside the
# checkout. Where it cannot be had and MILLGATE_INSTALL=never, its tests are skipped.
PACT_CORE_VERSION=20.2.0
# run or skip, and where it is (set by ensure_pact_core; read by scripts/cmd/test.sh)
# shellcheck disable=SC2034
PACT_CORE_TESTS=run
PACT_CORE_DIR="${MILLGATE_PACT_CORE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/millgate/pact-core-$PACT_CORE_VERSION}"
ensure_pact_core() {
  PACT_CORE_TESTS=run
  ensure_npm_package @pact-foundation/pact-core "$PACT_CORE_VERSION" "$PACT_CORE_DIR" \
    "the pact verification by Pact's reference core" \
    "every pact is verified with Pact's reference core (the verifier of PactNet, pact-js, pact-python, pact-go) beside Pact JVM" \
    || PACT_CORE_TESTS=skip
}

# An npm package in a directory of the user's cache, with Node.js (Debian's nodejs and npm
# where missing), installed after a banner; returns 1 (the caller skips what needs it) when
# it is missing and MILLGATE_INSTALL=never.
# ensure_npm_package PACKAGE VERSION DIR WHAT-IS-SKIPPED WHY
ensure_npm_package() {
  local package="$1" version="$2" dir="$3" what="$4" why="$5"
  [ -d "$dir/node_modules/$package" ] && command -v node >/dev/null 2>&1 && return 0
  local avoid="install $package@$version with npm into $dir yourself (npm install --prefix $dir $package@$version), or set MILLGATE_INSTALL=never (skips $what)"
  if ! install_allowed; then
    say "Skipping $what: $package $version is not in $dir (or Node.js is missing), and MILLGATE_INSTALL=never installs nothing."
    say "To run it: npm install --prefix $dir $package@$version"
    return 1
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install "$why; it runs on Node.js, and node or npm is missing" "$avoid" nodejs npm
  fi
  announce_install "$package@$version from the npm registry, into $dir" "$why" "$avoid"
  mkdir -p "$dir"
  SCARF_ANALYTICS=false npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package@$version" >/dev/null \
    || fail "Installing $package failed; install it by hand ($avoid)"
  say "Installed $package $version into $dir."
}

# Standard Webhooks' reference library (npm's standardwebhooks), which verifies the
# signatures of the portal's webhook deliveries in its tests beside the specification's formula.
STANDARD_WEBHOOKS_VERSION=1.3.0
# run or skip, and where it is (set by ensure_standard_webhooks; read by scripts/cmd/test.sh)
# shellcheck disable=SC2034
STANDARD_WEBHOOKS_TESTS=run
STANDARD_WEBHOOKS_DIR="${MILLGATE_STANDARD_WEBHOOKS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/millgate/standardwebhooks-$STANDARD_WEBHOOKS_VERSION}"
ensure_standard_webhooks() {
  STANDARD_WEBHOOKS_TESTS=run
  ensure_npm_package standardwebhooks "$STANDARD_WEBHOOKS_VERSION" "$STANDARD_WEBHOOKS_DIR" \
    "the webhook signatures' check by Standard Webhooks' reference library" \
    "the portal's webhook signatures are verified by Standard Webhooks' reference library, not only by the project's own code" \
    || STANDARD_WEBHOOKS_TESTS=skip
}

# AsyncAPI's own parser, for the independent check of the event contracts (asyncapi_lint).
ASYNCAPI_PARSER_VERSION=3.6.3
# run or skip, and where it is (set by ensure_asyncapi_parser; read by asyncapi_lint)
# shellcheck disable=SC2034
ASYNCAPI_TESTS=run
ASYNCAPI_PARSER_DIR="${MILLGATE_ASYNCAPI_PARSER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/millgate/asyncapi-parser-$ASYNCAPI_PARSER_VERSION}"
ensure_asyncapi_parser() {
  ASYNCAPI_TESTS=run
  ensure_npm_package @asyncapi/parser "$ASYNCAPI_PARSER_VERSION" "$ASYNCAPI_PARSER_DIR" \
    "the independent AsyncAPI check" \
    "the event contracts are checked with AsyncAPI's own parser beside the build's JSON Schema check" \
    || ASYNCAPI_TESTS=skip
}
