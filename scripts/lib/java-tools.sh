# shellcheck shell=bash
# The design-time tools of module contract-tools (./millgate contracts, ./millgate
# erp-impact) and the independent OpenAPI lint. Needs common.sh and prerequisites.sh.

REDOCLY="@redocly/cli@2.77.0"
TOOLS_CLASSPATH="$ROOT/contract-tools/target/runtime-classpath.txt"
# the last build of erp-simulator's $metadata with the tools; contracts builds leave it alone
ERP_IMPACT_BUILT="$ROOT/contract-tools/target/erp-impact.built"

# tools_build MARKER MODULES SOURCE..: builds MODULES (and what they need) when MARKER is
# missing or a SOURCE file is newer than it. Build failures exit 2, as the tools do on
# unreadable input.
tools_build() {
  local marker="$1" modules="$2"
  shift 2
  if [ -f "$marker" ] && [ -f "$TOOLS_CLASSPATH" ] \
      && [ -z "$(find "$@" -newer "$marker" -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  say "Building ${modules//,/ and }..." >&2
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl "$modules" -am package) >&2 \
    || { say "millgate: building ${modules//,/ and } failed" >&2; exit 2; }
  [ -s "$TOOLS_CLASSPATH" ] || { say "millgate: the build wrote no $TOOLS_CLASSPATH" >&2; exit 2; }
  # Maven leaves an unchanged file alone; mark the build as fresh
  touch "$TOOLS_CLASSPATH" "$marker"
}

tools_java() {
  java -Dslf4j.internal.verbosity=ERROR -cp "$ROOT/contract-tools/target/classes:$(cat "$TOOLS_CLASSPATH")" "$@"
}

contracts_java() {
  tools_build "$TOOLS_CLASSPATH" contract-tools "$ROOT/contract-tools/src/main" "$ROOT/contract-tools/pom.xml" \
    "$ROOT/api-contracts/src/main" "$ROOT/api-contracts/pom.xml" "$ROOT/pom.xml"
  tools_java org.millgate.contracts.tools.cli.ContractsCli "$@"
}

cmd_contracts() {
  local sub="${1:-}"
  [ $# -eq 0 ] || shift
  case "$sub" in
    diff|lint) require_java; contracts_java "$sub" "$@" ;;
    publish)
      [ $# -eq 2 ] || { usage >&2; exit 2; }
      require_java
      contracts_java publish "$1" "$2" "$CONTRACTS_DIR" "$ROOT/api-contracts/released" ;;
    impact)
      [ $# -eq 2 ] || { usage >&2; exit 2; }
      require_java
      contracts_java impact "$1" "$2" "$ROOT/contract-tests/pacts" ;;
    review)
      [ $# -eq 1 ] || { usage >&2; exit 2; }
      require_java
      contracts_java review "$1" "$CONTRACTS_DIR" "$ROOT/api-contracts/released" "$ROOT/contract-tests/pacts" \
        "$ROOT/target/contract-review" ;;
    openapi-lint) openapi_lint ;;
    asyncapi-lint) ensure_asyncapi_parser; asyncapi_lint ;;
    *) usage >&2; exit 2 ;;
  esac
}

# ./millgate events: the operator's commands on the consumers of the platform's events
# (module event-broker's EventsCli), against MILLGATE_KAFKA_BOOTSTRAP or the embedded broker
# (127.0.0.1:MILLGATE_KAFKA_PORT, 9092).
EVENTS_CLASSPATH="$ROOT/event-broker/target/runtime-classpath.txt"
cmd_events() {
  case "${1:-}" in
    dead-letters)
      [ $# -le 2 ] || { usage >&2; exit 2; }
      outbox_call GET "${2:-production-order-api}" /actuator/outbox
      return ;;
    requeue)
      if [ $# -ne 3 ] || ! [[ "$3" =~ ^[0-9]{1,20}(-[0-9]{1,20})?$ ]]; then
        usage >&2
        exit 2
      fi
      outbox_call POST "$2" "/actuator/outbox/$3"
      return ;;
    webhooks)
      [ $# -eq 1 ] || { usage >&2; exit 2; }
      outbox_call GET developer-portal /actuator/webhooks
      return ;;
    replay-webhook)
      if [ $# -ne 4 ] || ! [[ "$2" =~ ^wh_[0-9a-f]{1,64}$ ]] || { [ "$3" != "--from" ] && [ "$3" != "--event" ]; } \
          || ! [[ "$4" =~ ^[A-Za-z0-9._:/+-]{1,200}$ ]]; then
        usage >&2
        exit 2
      fi
      local field=from
      [ "$3" = "--event" ] && field=event
      outbox_call POST developer-portal "/actuator/webhooks/$2" "{\"$field\":\"$4\"}"
      return ;;
    groups) [ $# -eq 1 ] || { usage >&2; exit 2; } ;;
    replay)
      if [ $# -ne 5 ] || { [ "$4" != "--from" ] && [ "$4" != "--event" ]; }; then
        usage >&2
        exit 2
      fi ;;
    *) usage >&2; exit 2 ;;
  esac
  require_java
  local marker="$ROOT/event-broker/target/events-cli.built"
  if [ ! -f "$marker" ] || [ ! -s "$EVENTS_CLASSPATH" ] \
      || [ -n "$(find "$ROOT/event-broker/src/main" "$ROOT/event-broker/pom.xml" -newer "$marker" -type f -print -quit 2>/dev/null)" ]; then
    say "Building event-broker..." >&2
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl event-broker -am package) >&2 \
      || { say "millgate: building event-broker failed" >&2; exit 2; }
    touch "$marker"
  fi
  java -Dslf4j.internal.verbosity=ERROR -cp "$ROOT/event-broker/target/classes:$(cat "$EVENTS_CLASSPATH")" \
    org.millgate.broker.cli.EventsCli "$@"
}

# outbox_call METHOD SERVICE PATH [BODY]: a service's management endpoint on this machine
# (loopback may read /actuator: a product's outbox, the portal's webhooks); prints the answer's
# body; exit 1 when the service refuses, 2 when it does not answer.
outbox_call() {
  local method="$1" service="$2" path="$3" body="${4:-{\}}" port response status
  load_topology
  port="${SERVICE_PORT[$service]:-}"
  [ -n "$port" ] || fail "no service '$service' in ${SERVICES_FILE#"$ROOT"/}"
  port_open 127.0.0.1 "$port" || fail "$service does not answer on port $port; run ./millgate start first"
  # the bash -c program takes its arguments as $0, $1..: expanded there, not here
  # shellcheck disable=SC2016
  response="$(timeout 15 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "%s %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s" "$1" "$2" "${#3}" "$3" >&3
    cat <&3' "$port" "$method" "$path" "$body")" || fail "$service did not answer"
  status="$(printf '%s' "$response" | head -n 1 | cut -d' ' -f2)"
  printf '%s\n' "$(printf '%s' "$response" | sed '1,/^\r\{0,1\}$/d')"
  case "$status" in
    2*) return 0 ;;
    404)
      case "$path" in
        /actuator/outbox*) say "millgate events: $service has no such dead letter (or no outbox)" >&2 ;;
        *) say "millgate events: $service has no such webhook or event" >&2 ;;
      esac
      exit 1 ;;
    400) say "millgate events: $service refused: check the time (e.g. 2026-12-05T08:00:00Z) or the id" >&2; exit 1 ;;
    *) say "millgate events: $service answered $status" >&2; exit 1 ;;
  esac
}

# erp-impact reads the simulator's releases ($metadata the simulator's build writes under
# erp-simulator/target/erp-metadata/<release>/), the lineage of the facade and the
# products, the contracts and the pacts.
cmd_erp_impact() {
  [ $# -eq 2 ] || { usage >&2; exit 2; }
  require_java
  [ -d "$ROOT/erp-simulator/target/erp-metadata" ] || rm -f "$ERP_IMPACT_BUILT"
  tools_build "$ERP_IMPACT_BUILT" contract-tools,erp-simulator "$ROOT/contract-tools/src/main" \
    "$ROOT/contract-tools/pom.xml" "$ROOT/api-contracts/src/main" "$ROOT/api-contracts/pom.xml" \
    "$ROOT/erp-simulator/src/main" "$ROOT/erp-simulator/pom.xml" "$ROOT/pom.xml"
  tools_java org.millgate.contracts.tools.erpimpact.ErpImpactCli "$ROOT" "$1" "$2"
}

# Redocly CLI comes through npx: fetched into npx's cache when missing, so announced first
# and not fetched at all with MILLGATE_INSTALL=never.
openapi_lint() {
  if ! command -v npx >/dev/null 2>&1; then
    say "Skipping the independent OpenAPI lint: npx (Node.js) is not installed."
    return 0
  fi
  if ! (cd "$ROOT/api-contracts" && npx --no -- "$REDOCLY" --version) >/dev/null 2>&1; then
    if ! install_allowed; then
      say "Skipping the independent OpenAPI lint: Redocly CLI ($REDOCLY) is not in npx's cache, and MILLGATE_INSTALL=never installs nothing."
      say "To run it: npx --yes $REDOCLY --version (fetches it), then ./millgate contracts openapi-lint."
      return 0
    fi
    announce_install "$REDOCLY from the npm registry, into npx's cache" \
      "the independent OpenAPI lint of the contracts runs Redocly CLI" \
      "set MILLGATE_INSTALL=never to skip this lint"
  fi
  say "Linting the contracts with Redocly CLI ($REDOCLY)..."
  (cd "$ROOT/api-contracts" && npx --yes "$REDOCLY" lint --format=stylish \
    src/main/resources/millgate/contracts/*/v*.yaml) || fail "the independent OpenAPI lint failed"
}

# The event contracts through AsyncAPI's own parser (installed by ensure_asyncapi_parser).
asyncapi_lint() {
  if [ "$ASYNCAPI_TESTS" = skip ]; then
    return 0
  fi
  say "Checking the event contracts with AsyncAPI's parser (@asyncapi/parser $ASYNCAPI_PARSER_VERSION)..."
  (cd "$ROOT/api-contracts" && NODE_PATH="$ASYNCAPI_PARSER_DIR/node_modules" node src/test/node/validate-asyncapi.cjs \
    src/main/resources/millgate/contracts/events/*/v*.yaml) || fail "the independent AsyncAPI check failed"
}

# The Prometheus rules: their syntax, and their unit tests (which alerts fire on which series).
# That every metric the rules and the Grafana dashboard name exists, and that the dashboard's
# queries are valid PromQL (promtool again), is system-tests' ObservabilityTests.
observability_check() {
  if [ "$PROMTOOL_TESTS" = skip ]; then
    return 0
  fi
  local rules="$ROOT/deploy/observability/prometheus"
  say "Checking the Prometheus rules and running their unit tests with promtool..."
  "$PROMTOOL" check rules "$rules/millgate-rules.yaml" || fail "promtool finds the Prometheus rules invalid"
  (cd "$rules" && "$PROMTOOL" test rules millgate-rules.test.yaml) || fail "the Prometheus rules' unit tests failed"
  "$PROMTOOL" check config "$rules/prometheus.yml" || fail "promtool finds the example Prometheus configuration invalid"
}
