#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../..
# ./millgate bench: what the gateway costs per request, side by side in one run on
# loopback, measured with wrk:
#   direct   a fixed-response backend (nginx answering a shipment from memory)
#   nginx    that backend behind nginx as a reverse proxy (upstream keepalive)
#   gateway  behind the Millgate gateway on a route without policies (the gateway's
#            global filters, correlation, hygiene, access log and CORS, still run)
#   full     behind the Millgate gateway on the shipments v1 route with the full chain:
#            JWT check (a real RS256 token from identity), scope and plant, Redis
#            throttle (limits too high to trigger), request validation, response
#            validation in report mode
# Each at saturation (MILLGATE_BENCH_CONNECTIONS, 64) and at 8 connections, after a
# warm-up. Also the time from ./millgate start to all healthy and each service's resident
# memory (when no platform runs), and on that platform the events: from an ERP change or an
# API confirmation to a consumer, beside a bare Kafka producer → consumer. Then the JMH micro-benchmarks of the hot policy steps
# (JWT check, throttle decision, contract validation; module benchmarks). Writes
# target/bench/report.md, throughput.svg and jmh.json.
# Needs wrk, nginx and a Redis on loopback; says what to install, installs nothing.
# The platform (services, modules, health paths, links) is services.conf's; the bench's
# own instances of identity and the gateway run on ports of their own (18180..).
# ./millgate bench jmh runs the micro-benchmarks alone (Redis only); ./millgate bench events the
# events' latencies and throughput alone (on the running platform, or one it starts and stops);
# ./millgate bench reconciliation a plant of 1,000 and of 10,000 stock positions counted, reported
# through the gateway and reconciled by an inventory run (likewise), also part of the whole bench;
# ./millgate bench throttle one client through two gateway instances and 10,000 clients, the
# Lua-script store beside the compare-and-swap one (Redis only), also part of the whole bench.
# For A/B runs while tuning: MILLGATE_BENCH_GATEWAY_ARGS (more gateway arguments, e.g.
# --millgate.gateway.redis-url= for local buckets), MILLGATE_BENCH_JAVA_OPTS (its JVM),
# MILLGATE_BENCH_PLATFORM=0 (skip the platform start and shielding), MILLGATE_BENCH_JMH=0
# (skip the micro-benchmarks), MILLGATE_BENCH_RESPONSE_VALIDATION (report; off or enforce),
# MILLGATE_BENCH_TAIL_RUNS (3: how many times the tail at 8 connections is measured).
# ./millgate bench growth measures how the cost grows alone: the full chain as the catalog holds
# 1, 10, 100 and 1,000 route versions and as 1, 1,000 and 100,000 distinct clients call (also
# part of the whole bench; MILLGATE_BENCH_GROWTH=0 skips it there). The whole bench also profiles
# the full chain with JFR under wrk (MILLGATE_BENCH_PROFILE=0 skips it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/topology.sh
source "$ROOT/scripts/lib/topology.sh"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"
require_java
# the bench's own failures exit 2, under its own name
fail() { printf 'millgate bench: %s\n' "$*" >&2; exit 2; }

OUT="$ROOT/target/bench"
SECONDS_PER_RUN="${MILLGATE_BENCH_SECONDS:-15}"
# the JIT compilers share the cores with the load: on 2 cores the C2 queue takes minutes to drain
WARMUP_SECONDS="${MILLGATE_BENCH_WARMUP:-90}"
CONNECTIONS="${MILLGATE_BENCH_CONNECTIONS:-64}"
REDIS_URL="${MILLGATE_REDIS_URL:-redis://127.0.0.1:6379}"
BACKEND_PORT=18181 NGINX_PORT=18182 GATEWAY_PORT=18180 IDENTITY_PORT=19190

MODE="${1:-all}"
case "$MODE" in all|jmh|events|reconciliation|throttle|growth) ;; *) fail "unknown argument '$MODE'; ./millgate bench [jmh|events|reconciliation|throttle|growth]" ;; esac

read -r redis_host redis_port <<<"$(url_host_port "$REDIS_URL" 6379)"
port_open "$redis_host" "$redis_port" \
  || fail "the throttle runs in Redis, and nothing answers at $REDIS_URL: start Redis (./millgate test starts an installed one) or set MILLGATE_REDIS_URL"

# --- JMH: one thread, microseconds per operation ------------------------------------------
run_jmh() {
  local classes="$ROOT/benchmarks/target/classes" classpath="$ROOT/benchmarks/target/runtime-classpath.txt"
  mkdir -p "$OUT/logs"
  say "Building the micro-benchmarks (module benchmarks)..."
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl benchmarks -am package) \
    >"$OUT/logs/jmh-build.log" 2>&1 || fail "building the micro-benchmarks failed; see $OUT/logs/jmh-build.log"
  say "Running the micro-benchmarks (about 3 minutes)..."
  java -cp "$classes:$(cat "$classpath")" org.openjdk.jmh.Main -f 1 -wi "${MILLGATE_JMH_WARMUPS:-4}" -w 2s \
    -i "${MILLGATE_JMH_ITERATIONS:-5}" -r 2s -rf json -rff "$OUT/jmh.json" \
    -jvmArgsAppend "-Dmillgate.bench.root=$ROOT -Dmillgate.bench.redis=$REDIS_URL" \
    >"$OUT/logs/jmh.txt" 2>&1 || fail "the micro-benchmarks failed; see $OUT/logs/jmh.txt"
  {
    say "## Micro-benchmarks (JMH $(sed -n 's/^# JMH version: //p' "$OUT/logs/jmh.txt" | head -n 1), one thread, µs per operation, mean ± 99.9 % error)"
    say ""
    say "| benchmark | µs/op | ± |"
    say "|---|---|---|"
    awk '/^Benchmark / {table=1; next} table && NF >= 6 {printf "| %s | %s | %s |\n", $1, $4, $6}' "$OUT/logs/jmh.txt"
    say ""
    local first remembered
    first="$(awk '$1 == "TokenCheckBenchmark.firstSight" {print $4}' "$OUT/logs/jmh.txt")"
    remembered="$(awk '$1 == "TokenCheckBenchmark.remembered" {print $4}' "$OUT/logs/jmh.txt")"
    say "A remembered token costs $(awk -v a="$remembered" -v b="$first" 'BEGIN { if (b > 0) printf "%.4f", a / b; else print "—" }') of a first sight (RS256 signature and claims); the Redis bucket's figure is a loopback round trip, which the gateway waits for without blocking a thread."
  } >"$OUT/jmh.md"
}

# --- events: from what causes an event to a consumer, beside a bare producer → consumer ----------
# On a running platform (./millgate start's): module benchmarks' EventsBench posts stock transfers
# in the ERP and confirmations through the gateway and times their events on Kafka; writes
# $OUT/events.md, or says why not in EVENTS_LINES.
EVENTS_LINES=()
events_bench() {
  local classes="$ROOT/benchmarks/target/classes" classpath="$ROOT/benchmarks/target/runtime-classpath.txt" token
  mkdir -p "$OUT/logs"
  rm -f "$OUT/events.md"
  say "Building the events benchmark (module benchmarks)..."
  if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl benchmarks -am package) \
      >"$OUT/logs/events-build.log" 2>&1; then
    EVENTS_LINES+=("Events: building the benchmark failed; see $OUT/logs/events-build.log.")
    return 0
  fi
  token="$("$ROOT/millgate" token mes-plant-1000 2>/dev/null || true)"
  say "Timing events: a bare producer → consumer, ERP changes and API confirmations to a consumer (about 2 minutes)..."
  if java -cp "$classes:$(cat "$classpath")" org.millgate.benchmarks.events.EventsBench \
      "${MILLGATE_KAFKA_BOOTSTRAP:-127.0.0.1:${MILLGATE_KAFKA_PORT:-9092}}" "$(service_url erp-simulator)" \
      "$(service_url gateway)" "$token" "$OUT/events.md" >"$OUT/logs/events.txt" 2>&1; then
    EVENTS_LINES+=("" "$(cat "$OUT/events.md")")
  else
    EVENTS_LINES+=("Events: the benchmark failed; see $OUT/logs/events.txt.")
  fi
}

# --- reconciliation: a plant's stock counted, reported and reconciled -----------------------
# On a running platform: module benchmarks' ReconciliationBench books 1,000 and 10,000 stock
# positions in storage locations of its own, reports a WMS count of them through the gateway
# and times the inventory run; writes $OUT/reconciliation.md, or says why not.
RECONCILIATION_LINES=()
reconciliation_bench() {
  local classes="$ROOT/benchmarks/target/classes" classpath="$ROOT/benchmarks/target/runtime-classpath.txt" wms ops
  mkdir -p "$OUT/logs"
  rm -f "$OUT/reconciliation.md"
  if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl benchmarks -am package) \
      >"$OUT/logs/reconciliation-build.log" 2>&1; then
    RECONCILIATION_LINES+=("Reconciliation: building the benchmark failed; see $OUT/logs/reconciliation-build.log.")
    return 0
  fi
  wms="$("$ROOT/millgate" token wms-plant-1000 2>/dev/null || true)"
  ops="$("$ROOT/millgate" token ops-console 2>/dev/null || true)"
  say "Reconciling a plant of 1,000 and of 10,000 stock positions (about 2 minutes)..."
  if java -cp "$classes:$(cat "$classpath")" org.millgate.benchmarks.reconciliation.ReconciliationBench \
      "$(service_url erp-simulator)" "$(service_url gateway)" "$wms" "$ops" "$OUT/reconciliation.md" \
      >"$OUT/logs/reconciliation.txt" 2>&1; then
    RECONCILIATION_LINES+=("" "$(cat "$OUT/reconciliation.md")")
  else
    RECONCILIATION_LINES+=("Reconciliation: the benchmark failed; see $OUT/logs/reconciliation.txt.")
  fi
}

# --- throttling: one hot key through two instances, and 10,000 keys ---------------------------
# Module benchmarks' ThrottleScaleBench drives two stores (two gateway instances' worth) against
# the Redis above: the gateway's Lua-script store beside Bucket4j's compare-and-swap store it
# replaced, decisions a second and admitted against what the limit allows; writes
# $OUT/throttle.md, or says why not. MILLGATE_BENCH_THROTTLE_SECONDS per row (60).
THROTTLE_LINES=()
throttle_bench() {
  local classes="$ROOT/benchmarks/target/classes" classpath="$ROOT/benchmarks/target/runtime-classpath.txt"
  mkdir -p "$OUT/logs"
  rm -f "$OUT/throttle.md"
  if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl benchmarks -am package) \
      >"$OUT/logs/throttle-build.log" 2>&1; then
    THROTTLE_LINES+=("Throttling: building the benchmark failed; see $OUT/logs/throttle-build.log.")
    return 0
  fi
  say "Throttling through two instances: one key and 10,000 keys, script and compare-and-swap (about $((4 * (${MILLGATE_BENCH_THROTTLE_SECONDS:-60} + 3) / 60 + 1)) minutes)..."
  if java -cp "$classes:$(cat "$classpath")" org.millgate.benchmarks.throttle.ThrottleScaleBench \
      "$REDIS_URL" "${MILLGATE_BENCH_THROTTLE_SECONDS:-60}" 32 "$OUT/throttle.md" >"$OUT/logs/throttle.txt" 2>&1; then
    THROTTLE_LINES+=("" "$(cat "$OUT/throttle.md")")
  else
    THROTTLE_LINES+=("Throttling: the benchmark failed; see $OUT/logs/throttle.txt.")
  fi
}

if [ "$MODE" = throttle ]; then
  throttle_bench
  for line in "${THROTTLE_LINES[@]}"; do say "$line"; done
  [ -s "$OUT/throttle.md" ] || exit 2
  say ""
  say "Written: $OUT/throttle.md (output in $OUT/logs/throttle.txt)"
  exit 0
fi

if [ "$MODE" = reconciliation ]; then
  load_topology
  mkdir -p "$OUT/logs"
  if grep -q " healthy (pid" <<<"$("$ROOT/millgate" status 2>/dev/null || true)"; then
    reconciliation_bench
  else
    say "Starting the platform (./millgate start)..."
    "$ROOT/millgate" start >"$OUT/logs/platform-reconciliation.log" 2>&1 \
      || fail "./millgate start failed; see $OUT/logs/platform-reconciliation.log"
    reconciliation_bench
    "$ROOT/millgate" stop >/dev/null 2>&1 || true
  fi
  for line in "${RECONCILIATION_LINES[@]}"; do say "$line"; done
  [ -s "$OUT/reconciliation.md" ] || exit 2
  say ""
  say "Written: $OUT/reconciliation.md (output in $OUT/logs/reconciliation.txt)"
  exit 0
fi

if [ "$MODE" = events ]; then
  load_topology
  mkdir -p "$OUT"
  status="$("$ROOT/millgate" status 2>/dev/null || true)"
  if grep -q " healthy (pid" <<<"$status"; then
    events_bench
  else
    say "Starting the platform (./millgate start)..."
    mkdir -p "$OUT/logs"
    "$ROOT/millgate" start >"$OUT/logs/platform-events.log" 2>&1 || fail "./millgate start failed; see $OUT/logs/platform-events.log"
    events_bench
    "$ROOT/millgate" stop >/dev/null 2>&1 || true
  fi
  for line in "${EVENTS_LINES[@]}"; do say "$line"; done
  for line in "${RECONCILIATION_LINES[@]}"; do say "$line"; done
  [ -s "$OUT/events.md" ] || exit 2
  say ""
  say "Written: $OUT/events.md (output in $OUT/logs/events.txt)"
  exit 0
fi

if [ "$MODE" = jmh ]; then
  rm -f "$OUT/jmh.json" "$OUT/jmh.md"
  run_jmh
  cat "$OUT/jmh.md"
  say ""
  say "Written: $OUT/jmh.md, $OUT/jmh.json (JMH output in $OUT/logs/jmh.txt)"
  exit 0
fi

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  fail "needs ${missing[*]}, not installed here. Install them (Debian/Ubuntu: apt-get install ${missing[*]/nginx/nginx-light}) and run it again; nothing was installed."
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

load_topology
require_service identity
require_service gateway
IDENTITY_MODULE="${SERVICE_MODULE[identity]}" GATEWAY_MODULE="${SERVICE_MODULE[gateway]}"

rm -rf "$OUT"; mkdir -p "$OUT/nginx" "$OUT/data" "$OUT/logs"
PIDS=()
cleanup() {
  "$NGINX" -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" -s quit 2>/dev/null || true
  for pid in "${PIDS[@]:-}"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for port in $BACKEND_PORT $NGINX_PORT $GATEWAY_PORT $IDENTITY_PORT; do
  if port_open 127.0.0.1 "$port"; then
    fail "port $port is taken; stop what runs there"
  fi
done

# --- ERP shielding, on the started platform: many clients read the same hot inventory; how many
# ERP calls per 100 answered client calls (the simulator's /_sim/stats), and the most ERP calls
# in flight at once against the facade's bulkhead cap (millgate.erp.bulkhead, 16 per product).
erp_shielding() {
  local sim gateway url tokens=() client
  sim="$(service_url erp-simulator)"
  gateway="$(service_url gateway)"
  url="$gateway/v1/inventory/availability?material=FG-100&plant=1000"
  for client in mes-plant-1000 wms-plant-1000; do
    tokens+=("$("$ROOT/millgate" token "$client" 2>/dev/null || true)")
  done
  curl -s -o /dev/null -X POST "$sim/_sim/reset"
  local before after answered=0
  before="$(curl -s "$gateway/actuator/prometheus" | awk -F'[{}]' '/^millgate_gateway_requests_seconds_count\{/ && /product="inventory"/ && /outcome="ok"/ {n += $3} END {printf "%d", n}')"
  for token in "${tokens[@]}"; do
    [ -n "$token" ] && wrk -t1 -c16 -d"$SECONDS_PER_RUN"s -H "Authorization: Bearer $token" "$url" >>"$OUT/logs/wrk-erp-shielding.txt" 2>&1 &
  done
  wait
  after="$(curl -s "$gateway/actuator/prometheus" | awk -F'[{}]' '/^millgate_gateway_requests_seconds_count\{/ && /product="inventory"/ && /outcome="ok"/ {n += $3} END {printf "%d", n}')"
  answered=$((after - before))
  local stats erp peak
  stats="$(curl -s "$sim/_sim/stats")"
  printf '%s\n' "$stats" >"$OUT/logs/sim-stats.json"
  erp="$(printf '%s' "$stats" | grep -o '"total":[0-9]*' | awk -F: '{n += $2} END {printf "%d", n}')"
  peak="$(printf '%s' "$stats" | grep -o '"peakConcurrent":[0-9]*' | awk -F: '$2 > m {m = $2} END {printf "%d", m}')"
  PLATFORM_LINES+=("")
  PLATFORM_LINES+=("ERP shielding: 2 clients × 16 connections reading the same availability for ${SECONDS_PER_RUN} s through the gateway (their plans throttle them): $answered answered, $erp ERP calls → $(awk -v e="$erp" -v a="$answered" 'BEGIN { if (a > 0) printf "%.2f", e * 100 / a; else print "—" }') ERP calls per 100 answered client calls; at most $peak ERP calls in flight at once (bulkhead cap 16 per product).")
}

# ERP calls per 100 answered client calls as the distinct materials read grow: the same two
# clients read 1, 10 and all materials with stock in plant 1000 in turn (the facade keeps stock 2 s)
erp_shielding_by_materials() {
  local sim gateway materials=() tokens=() client count token script before after answered erp
  sim="$(service_url erp-simulator)"
  gateway="$(service_url gateway)"
  mapfile -t materials < <(curl -s -u millgate:millgate -H 'sap-client: 100' \
    "$sim/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod?\$filter=Plant%20eq%20%271000%27&\$select=Material&\$format=json" \
    | grep -o '"Material":"[^"]*"' | cut -d'"' -f4 | sort -u)
  for client in mes-plant-1000 wms-plant-1000; do
    tokens+=("$("$ROOT/millgate" token "$client" 2>/dev/null || true)")
  done
  PLATFORM_LINES+=("" "ERP calls per 100 answered client calls as the distinct materials read grow (the same 2 clients × 16 connections, ${SECONDS_PER_RUN} s each, plant 1000 of the simulator's ${#materials[@]} materials with stock there):" ""
    "| distinct materials | answered | ERP calls | per 100 answered |" "|---:|---:|---:|---:|")
  for count in 1 10 "${#materials[@]}"; do
    if [ "${#materials[@]}" -lt "$count" ]; then
      PLATFORM_LINES+=("| $count | — | — | the simulator has only ${#materials[@]} |")
      continue
    fi
    script="$OUT/logs/materials-$count.lua"
    {
      printf 'local materials = {'
      printf '"%s",' "${materials[@]:0:$count}"
      printf '}\nlocal i = 0\n'
      printf 'request = function()\n  i = i + 1\n'
      printf '  return wrk.format("GET", "/v1/inventory/availability?material=" .. materials[(i %% #materials) + 1] .. "&plant=1000")\nend\n'
    } >"$script"
    sleep 3 # the facade's stock cache of the round before has expired
    curl -s -o /dev/null -X POST "$sim/_sim/reset"
    before="$(curl -s "$gateway/actuator/prometheus" | awk -F'[{}]' '/^millgate_gateway_requests_seconds_count\{/ && /product="inventory"/ && /outcome="ok"/ {n += $3} END {printf "%d", n}')"
    for token in "${tokens[@]}"; do
      [ -n "$token" ] && wrk -t1 -c16 -d"$SECONDS_PER_RUN"s -s "$script" -H "Authorization: Bearer $token" "$gateway" \
        >>"$OUT/logs/wrk-erp-materials-$count.txt" 2>&1 &
    done
    wait
    after="$(curl -s "$gateway/actuator/prometheus" | awk -F'[{}]' '/^millgate_gateway_requests_seconds_count\{/ && /product="inventory"/ && /outcome="ok"/ {n += $3} END {printf "%d", n}')"
    answered=$((after - before))
    erp="$(curl -s "$sim/_sim/stats" | grep -o '"total":[0-9]*' | awk -F: '{n += $2} END {printf "%d", n}')"
    PLATFORM_LINES+=("| $count | $answered | $erp | $(awk -v e="$erp" -v a="$answered" 'BEGIN { if (a > 0) printf "%.2f", e * 100 / a; else print "—" }') |")
  done
}

# --- the platform: time from ./millgate start to all healthy, memory per service ---------------
PLATFORM_LINES=()
if [ "$MODE" = growth ]; then
  PLATFORM_LINES+=("Platform start and memory: skipped (./millgate bench growth).")
elif [ "${MILLGATE_BENCH_PLATFORM:-1}" = 0 ]; then
  PLATFORM_LINES+=("Platform start and memory: skipped (MILLGATE_BENCH_PLATFORM=0).")
elif grep -q " healthy (pid" <<<"$("$ROOT/millgate" status 2>/dev/null || true)"; then
  PLATFORM_LINES+=("Platform start and memory: skipped, a platform started by ./millgate already runs.")
else
  say "Starting the platform once to build what it needs, then timing a second start..."
  if "$ROOT/millgate" start >"$OUT/logs/platform-build.log" 2>&1 && "$ROOT/millgate" stop >/dev/null 2>&1; then
    started_at="$(date +%s%N)"
    if "$ROOT/millgate" start >"$OUT/logs/platform-start.log" 2>&1; then
      took="$(awk -v a="$started_at" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
      PLATFORM_LINES+=("\`./millgate start\` to all services healthy (nothing to build): ${took} s.")
      PLATFORM_LINES+=("" "| service | resident memory after start, MiB |" "|---|---|")
      seven=0 all=0
      for name in "${SERVICE_NAMES[@]}"; do
        pid="$(running_pid "$name" || true)"
        rss="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/${pid:-none}/status" 2>/dev/null || true)"
        PLATFORM_LINES+=("| $name | ${rss:-?} |")
        all=$((all + ${rss:-0}))
        case "$name" in
          identity|erp-simulator|production-order-api|inventory-api|shipment-api|gateway|developer-portal)
            seven=$((seven + ${rss:-0})) ;;
        esac
      done
      PLATFORM_LINES+=("| all | $all |" ""
        "Goals: start ≤ 20 s: ${took} s → $(awk -v t="$took" 'BEGIN { print (t <= 20) ? "met" : "MISSED" }');"
        "the seven services of issue 21's table (identity, erp-simulator, the three products of then, gateway, developer-portal) ≤ 1,600 MiB: $seven MiB → $([ "$seven" -le 1600 ] && echo met || echo MISSED).")
      erp_shielding
      erp_shielding_by_materials
      events_bench
      reconciliation_bench

    else
      PLATFORM_LINES+=("Platform start: ./millgate start failed; see $OUT/logs/platform-start.log.")
    fi
  else
    PLATFORM_LINES+=("Platform start: ./millgate start failed; see $OUT/logs/platform-build.log.")
  fi
  "$ROOT/millgate" stop >/dev/null 2>&1 || true
fi

say "Building identity and gateway (tests skipped) if needed..."
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true \
  -pl "$IDENTITY_MODULE,$GATEWAY_MODULE" -am package) || fail "build failed"
IDENTITY_JAR="$(service_jar "$IDENTITY_MODULE")" GATEWAY_JAR="$(service_jar "$GATEWAY_MODULE")"
if [ -z "$IDENTITY_JAR" ] || [ -z "$GATEWAY_JAR" ]; then fail "no jar of identity or gateway after the build"; fi

# --- how the cost grows: tokens of many distinct clients, minted before anything is measured ----
GROWTH=0
if [ "$MODE" = growth ] || { [ "$MODE" = all ] && [ "${MILLGATE_BENCH_GROWTH:-1}" != 0 ]; }; then GROWTH=1; fi
read -r -a GROWTH_ROUTES <<<"${MILLGATE_BENCH_GROWTH_ROUTES:-1 10 100 1000}"
read -r -a GROWTH_TOKENS <<<"${MILLGATE_BENCH_GROWTH_TOKENS:-1 1000 100000}"
for count in "${GROWTH_ROUTES[@]}" "${GROWTH_TOKENS[@]}"; do
  case "$count" in ''|*[!0-9]*|0) fail "MILLGATE_BENCH_GROWTH_ROUTES and _TOKENS are whole numbers of 1 or more, not '$count'" ;; esac
done
BENCH_ISSUER="http://bench-issuer.test"
mkdir -p "$OUT/growth"
if [ "$GROWTH" = 1 ]; then
  most="$(printf '%s\n' "${GROWTH_TOKENS[@]}" | sort -n | tail -n 1)"
  say "Building the token mint (module benchmarks), then signing the tokens of $most distinct clients..."
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true -pl benchmarks -am package) \
    >"$OUT/logs/growth-build.log" 2>&1 || fail "building the token mint failed; see $OUT/logs/growth-build.log"
  java -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/runtime-classpath.txt")" \
    org.millgate.benchmarks.growth.TokenMint "$BENCH_ISSUER" "$most" "$OUT/growth" >"$OUT/logs/growth-mint.txt" 2>&1 \
    || fail "minting the tokens failed; see $OUT/logs/growth-mint.txt"
else
  # trusted but never used: a key set without keys
  printf '{"keys":[]}' >"$OUT/growth/jwks.json"
fi

# --- the backend and nginx ----------------------------------------------------------------
BODY="$(tr -d '\n' <"$(module_dir "$GATEWAY_MODULE")/src/test/resources/stub/shipment.json")"
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  # the fixed-response backend: a shipment, from memory
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    location / {
      default_type application/json;
      # what the contract promises on every answer: the caller's correlation id, an ETag
      add_header X-Correlation-Id \$http_x_correlation_id always;
      add_header ETag '"sh-80000001-1"' always;
      return 200 '$BODY';
    }
  }
  # nginx as a reverse proxy, as a tuned one would be: HTTP/1.1 keepalive upstream
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
    # the key set of the bench's own issuer (tokens of many distinct clients)
    location = /bench-issuer/jwks.json {
      default_type application/json;
      alias $OUT/growth/jwks.json;
    }
  }
}
EOF
"$NGINX" -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" || fail "nginx did not start; see $OUT/logs/nginx-error.log"

# --- identity (for a real token) and the gateway --------------------------------------------
mkdir -p "$OUT/catalog"
cp -r "$CONTRACTS_DIR/." "$OUT/catalog/"
# the plan of the bench client with limits no run reaches
awk '/- name: plant-standard/ {p=1} /- name: partner-basic/ {p=0}
     p && /burst:/ {sub(/burst: .*/, "burst: 1000000000")}
     p && /sustainedPerSecond:/ {sub(/sustainedPerSecond: .*/, "sustainedPerSecond: 1000000000")}
     {print}' "$CONTRACTS_DIR/catalog.yaml" >"$OUT/catalog/catalog.yaml"

ISSUER="http://localhost:$IDENTITY_PORT"
# services.conf's links, with identity and the gateway on the bench's ports; the shipments
# product is the fixed backend
mapfile -t LINKS < <(link_env identity="$IDENTITY_PORT" gateway="$GATEWAY_PORT")
read -r -a JAVA_OPTS <<<"${MILLGATE_BENCH_JAVA_OPTS:-}"
read -r -a GATEWAY_ARGS <<<"${MILLGATE_BENCH_GATEWAY_ARGS:-}"
env "${LINKS[@]}" MILLGATE_DATA_DIR="$OUT/data" \
  java -jar "$IDENTITY_JAR" --server.port=$IDENTITY_PORT --spring.profiles.active=demo \
  >"$OUT/logs/identity.log" 2>&1 &
PIDS+=($!)
# the bench's gateway: a catalog directory, its log, then more environment (NAME=value) for it;
# trusts identity and, for the distinct clients of the growth rows, the bench's own issuer
# (its keys served by nginx); sets GATEWAY_PID
start_gateway() {
  local catalog="$1" log="$2"
  shift 2
  env "${LINKS[@]}" MILLGATE_REDIS_URL="$REDIS_URL" MILLGATE_CATALOG_DIR="$catalog" \
    MILLGATE_SHIPMENTS_URL="http://127.0.0.1:$BACKEND_PORT" "$@" \
    java "${JAVA_OPTS[@]}" -jar "$GATEWAY_JAR" --server.port=$GATEWAY_PORT \
    --millgate.gateway.products.shipments.response-validation.v1="${MILLGATE_BENCH_RESPONSE_VALIDATION:-report}" \
    --millgate.gateway.products.shipments.capacity=100000 \
    --logging.level.millgate.access=WARN \
    --millgate.gateway.issuers[0].issuer="$ISSUER" \
    --millgate.gateway.issuers[0].jwk-set-uri="$ISSUER/oauth2/jwks" \
    --millgate.gateway.issuers[0].revocations-uri="$ISSUER/oauth2/revocations" \
    --millgate.gateway.issuers[1].issuer="$BENCH_ISSUER" \
    --millgate.gateway.issuers[1].jwk-set-uri="http://127.0.0.1:$NGINX_PORT/bench-issuer/jwks.json" \
    --spring.cloud.gateway.server.webflux.routes[0].id=bench-bare \
    --spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:$BACKEND_PORT \
    --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/bare/** \
    "${GATEWAY_ARGS[@]}" \
    >"$log" 2>&1 &
  GATEWAY_PID=$!
  PIDS+=("$GATEWAY_PID")
}
start_gateway "$OUT/catalog" "$OUT/logs/gateway.log"

await() {
  local url="$1" tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do
    tries=$((tries + 1)); [ "$tries" -lt 240 ] || fail "$url did not answer 200; see $OUT/logs"
    sleep 0.5
  done
}
await "$ISSUER${SERVICE_HEALTH[identity]}"
await "http://127.0.0.1:$GATEWAY_PORT${SERVICE_HEALTH[gateway]}"
TOKEN="$(curl -s -u wms-plant-1000:wms-plant-1000-secret -d grant_type=client_credentials "$ISSUER/oauth2/token" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[ -n "$TOKEN" ] || fail "no token from identity; see $OUT/logs/identity.log"

NAMES=(direct nginx gateway full)
declare -A URL=(
  [direct]="http://127.0.0.1:$BACKEND_PORT/v1/shipments/80000001"
  [nginx]="http://127.0.0.1:$NGINX_PORT/v1/shipments/80000001"
  [gateway]="http://127.0.0.1:$GATEWAY_PORT/bare/v1/shipments/80000001"
  [full]="http://127.0.0.1:$GATEWAY_PORT/v1/shipments/80000001")
declare -A LABEL=(
  [direct]="backend direct"
  [nginx]="nginx reverse proxy"
  [gateway]="Millgate gateway, no policies"
  [full]="Millgate gateway, full policy chain")
for name in "${NAMES[@]}"; do
  status="$(curl -s -o "$OUT/logs/smoke-$name.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${URL[$name]}")"
  [ "$status" = 200 ] || fail "${LABEL[$name]} answered $status, not 200: $(head -c 300 "$OUT/logs/smoke-$name.json")"
done

# --- runs ----------------------------------------------------------------------------------
field() { awk -v i="$2" '{print $i}' <<<"$1"; }
# wrk's latency figures, in ms
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.3f", n }'
}
run() { # name connections threads seconds -> "rps p50 p99 errors"
  local out
  out="$(wrk -t"$3" -c"$2" -d"$4"s --latency -H "Authorization: Bearer $TOKEN" "${URL[$1]}")"
  printf '%s\n' "$out" >>"$OUT/logs/wrk-$1-c$2.txt"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {e += $NF} /Socket errors:/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' <<<"$out")"
  printf '%s %s %s %s\n' "$rps" "$p50" "$p99" "$errors"
}

# --- how the cost grows ----------------------------------------------------------------------
# Route versions: catalogs of N route versions, the measured one (shipments v1) last, the others
# small products of their own ahead of it (each its own contract, scope and backend entry).
# Distinct clients: 1, 1,000, 100,000 tokens of the bench's issuer, cycled by wrk (each a client
# of its own: its own verification, bucket and timer series). After each row, the gateway's heap
# after a full GC and its resident memory. MILLGATE_BENCH_GROWTH=0 skips it;
# MILLGATE_BENCH_GROWTH_ROUTES / _TOKENS / _WARMUP change the rows and the warm-up (that of
# MILLGATE_BENCH_WARMUP, 90 s: the optimising compiler needs minutes on two cores).
GROWTH_LINES=()
JCMD="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"

# "heap-MiB rss-MiB" of the running gateway, the heap measured after a full GC
gateway_memory() {
  local heap rss
  "$JCMD" "$GATEWAY_PID" GC.run >/dev/null 2>&1 || true
  heap="$("$JCMD" "$GATEWAY_PID" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -n 1 | awk '{printf "%.0f", $2 / 1024}')"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$GATEWAY_PID/status" 2>/dev/null || true)"
  printf '%s %s\n' "${heap:-?}" "${rss:-?}"
}

stop_gateway() {
  kill "$GATEWAY_PID" 2>/dev/null || true
  wait "$GATEWAY_PID" 2>/dev/null || true
}

# starts the gateway on a catalog and waits for it: TOOK, the seconds it took
restart_gateway() { # catalog log env...
  local started tries=0
  stop_gateway
  started="$(date +%s%N)"
  start_gateway "$@"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT${SERVICE_HEALTH[gateway]}")" = 200 ]; do
    tries=$((tries + 1))
    if [ "$tries" -ge 2400 ] || ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      fail "the gateway on $1 did not start; see $2"
    fi
    sleep 0.25
  done
  TOOK="$(awk -v a="$started" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
}

# a catalog of $1 route versions in $2: the bench's catalog with shipments v1 as its only API
# product, after $1 - 1 products of one route version each; their backends in $2/backends.json
routes_catalog() {
  local count="$1" dir="$2" i id
  rm -rf "$dir"; mkdir -p "$dir"
  cp -r "$OUT/catalog/." "$dir/"
  {
    awk '/^products:/ {print; exit} {print}' "$OUT/catalog/catalog.yaml"
    for ((i = 1; i < count; i++)); do
      id="$(printf 'bench-route-%04d' "$i")"
      printf '  - id: %s\n    title: Bench route %d\n    description: A product of the bench, routed ahead of shipments.\n' "$id" "$i"
      printf '    owner: {team: Bench, email: bench@millgate.dev}\n    scopes: [%s:read]\n    plans: [plant-standard]\n' "$id"
      printf '    versions:\n      - {version: v1, state: published, released: 2026-12-06, sunset: null, successor: null}\n    consumers: []\n'
      mkdir -p "$dir/$id"
      cat >"$dir/$id/v1.yaml" <<EOF
openapi: 3.0.3
info:
  title: Bench route $i
  version: 1.0.0
  x-millgate-product: $id
paths:
  /v1/$id/{item}:
    get:
      operationId: getItem$i
      security: [{oauth2: ['$id:read']}]
      parameters:
        - {name: item, in: path, required: true, schema: {type: string, pattern: '^[0-9]{1,10}\$'}}
      responses:
        '200':
          description: The item.
          content:
            application/json:
              schema: {type: object, required: [item], properties: {item: {type: string}}}
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: http://localhost:9000/oauth2/token
          scopes:
            '$id:read': Read the bench's items
EOF
    done
    # shipments among the products, then the event products as they are
    awk '/^products:/ {p = 1; next} /^[a-zA-Z]/ {p = 0} p && /^  - id: / {s = ($3 == "shipments")} p && s {print}' "$OUT/catalog/catalog.yaml"
    awk '/^eventProducts:/ {p = 1} p {print}' "$OUT/catalog/catalog.yaml"
  } >"$dir/catalog.yaml"
  {
    printf '{"millgate":{"gateway":{"backends":{"shipments":"http://127.0.0.1:%s"' "$BACKEND_PORT"
    for ((i = 1; i < count; i++)); do printf ',"bench-route-%04d":"http://127.0.0.1:%s"' "$i" "$BACKEND_PORT"; done
    printf '}}}}\n'
  } >"$dir/backends.json"
}

# a wrk script cycling through the first $1 minted tokens, each thread from its own place
tokens_script() {
  cat >"$OUT/growth/tokens-$1.lua" <<EOF
local tokens = {}
local i = 0
local threads = 0
setup = function(thread) thread:set("place", threads); threads = threads + 1 end
init = function(args)
  for line in io.lines("$OUT/growth/tokens.txt") do
    if #tokens >= $1 then break end
    tokens[#tokens + 1] = line
  end
  i = ((place or 0) * 7919) % #tokens
end
request = function()
  i = (i % #tokens) + 1
  return wrk.format("GET", "/v1/shipments/80000001", { ["Authorization"] = "Bearer " .. tokens[i] })
end
EOF
  printf '%s' "$OUT/growth/tokens-$1.lua"
}

run_script() { # script connections threads seconds label -> "rps p50 p99 errors"
  local out rps p50 p99 errors
  out="$(wrk -t"$3" -c"$2" -d"$4"s --latency -s "$1" "http://127.0.0.1:$GATEWAY_PORT")"
  printf '%s\n' "$out" >>"$OUT/logs/wrk-growth-$5.txt"
  rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {e += $NF} /Socket errors:/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' <<<"$out")"
  printf '%s %s %s %s\n' "$rps" "$p50" "$p99" "$errors"
}

growth_bench() {
  local warmup="${MILLGATE_BENCH_GROWTH_WARMUP:-$WARMUP_SECONDS}" count dir sat low memory script row status
  GROWTH_LINES+=("" "### How the cost grows" ""
    "Route versions in the catalog: the full chain on shipments v1, the last of them (the others are products of one route version each, routed ahead of it); the gateway restarted on each catalog, ${warmup} s of warm-up, then ${SECONDS_PER_RUN} s at $CONNECTIONS connections and at 8." ""
    "| route versions | gateway start, s | req/s at $CONNECTIONS conns | p99 ms | req/s at 8 conns | p99 ms | heap after GC, MiB | resident, MiB | errors |"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
  for count in "${GROWTH_ROUTES[@]}"; do
    say "How the cost grows: $count route versions in the catalog..."
    dir="$OUT/growth/routes-$count"
    routes_catalog "$count" "$dir"
    # identity's tokens live minutes; the rows take longer
    TOKEN="$(curl -s -u wms-plant-1000:wms-plant-1000-secret -d grant_type=client_credentials "$ISSUER/oauth2/token" \
      | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
    [ -n "$TOKEN" ] || fail "no token from identity for $count route versions; see $OUT/logs/identity.log"
    restart_gateway "$dir" "$OUT/logs/gateway-routes-$count.log" SPRING_APPLICATION_JSON="$(cat "$dir/backends.json")"
    status="$(curl -s -o "$OUT/logs/smoke-routes-$count.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${URL[full]}")"
    [ "$status" = 200 ] || fail "shipments v1 among $count route versions answered $status: $(head -c 300 "$OUT/logs/smoke-routes-$count.json")"
    run full "$CONNECTIONS" 2 "$warmup" >/dev/null
    sat="$(run full "$CONNECTIONS" 2 "$SECONDS_PER_RUN")"
    low="$(run full 8 1 "$SECONDS_PER_RUN")"
    memory="$(gateway_memory)"
    GROWTH_LINES+=("| $count | $TOOK | $(field "$sat" 1) | $(field "$sat" 3) | $(field "$low" 1) | $(field "$low" 3) | $(field "$memory" 1) | $(field "$memory" 2) | $(( $(field "$sat" 4) + $(field "$low" 4) )) |")
  done

  GROWTH_LINES+=("" "Distinct clients: tokens of 1, 1,000 and 100,000 clients of an issuer of the bench (RS256, as an enterprise identity provider signs them), cycled by wrk, each client with its own verification, throttle bucket in Redis and timer series (the first 1,000 only); one gateway on the bench's catalog, the rows in this order, ${warmup} s of warm-up with one client first. The gateway remembers 20,000 verified tokens at most, in two generations." ""
    "| distinct clients | req/s at $CONNECTIONS conns | p99 ms | req/s at 8 conns | p99 ms | heap after GC, MiB | resident, MiB | errors |"
    "|---:|---:|---:|---:|---:|---:|---:|---:|")
  restart_gateway "$OUT/catalog" "$OUT/logs/gateway-tokens.log"
  script="$(tokens_script 1)"
  row="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -n 1 "$OUT/growth/tokens.txt")" "${URL[full]}")"
  [ "$row" = 200 ] || fail "a token of the bench's issuer answered $row, not 200; see $OUT/logs/gateway-tokens.log"
  run_script "$script" "$CONNECTIONS" 2 "$warmup" warmup >/dev/null
  for count in "${GROWTH_TOKENS[@]}"; do
    say "How the cost grows: $count distinct clients..."
    script="$(tokens_script "$count")"
    sat="$(run_script "$script" "$CONNECTIONS" 2 "$SECONDS_PER_RUN" "tokens-$count")"
    low="$(run_script "$script" 8 1 "$SECONDS_PER_RUN" "tokens-$count")"
    memory="$(gateway_memory)"
    GROWTH_LINES+=("| $count | $(field "$sat" 1) | $(field "$sat" 3) | $(field "$low" 1) | $(field "$low" 3) | $(field "$memory" 1) | $(field "$memory" 2) | $(( $(field "$sat" 4) + $(field "$low" 4) )) |")
  done
}

# --- where the full chain's time goes: a JFR profile of the gateway under wrk -----------------
# One more run of the full chain at saturation with JFR recording (after the measured runs, so
# the recording costs them nothing); the samples summed by layer (scripts/lib/jfr-profile.awk).
# MILLGATE_BENCH_PROFILE=0 skips it.
PROFILE_LINES=()
profile_gateway() {
  local jfr gc
  jfr="$(dirname "$JCMD")/jfr"
  say "Profiling the full chain (JFR, ${SECONDS_PER_RUN}s at $CONNECTIONS connections)..."
  if ! "$JCMD" "$GATEWAY_PID" JFR.start name=millgate-bench settings=profile filename="$OUT/profile.jfr" \
      >"$OUT/logs/jfr.txt" 2>&1; then
    PROFILE_LINES+=("" "Profile: JFR did not start; see $OUT/logs/jfr.txt.")
    return 0
  fi
  run full "$CONNECTIONS" 2 "$SECONDS_PER_RUN" >/dev/null
  "$JCMD" "$GATEWAY_PID" JFR.stop name=millgate-bench >>"$OUT/logs/jfr.txt" 2>&1 || true
  if [ ! -s "$OUT/profile.jfr" ]; then
    PROFILE_LINES+=("" "Profile: JFR wrote no recording; see $OUT/logs/jfr.txt.")
    return 0
  fi
  gc="$("$jfr" print --events jdk.GarbageCollection "$OUT/profile.jfr" | awk '/sumOfPauses = / {
      v = $3; u = $4; if (u == "s") v *= 1000; else if (u == "us") v /= 1000; else if (u == "ns") v /= 1e6; s += v; n++ }
      END { printf "%d collections, %.1f ms paused in all", n, s }')"
  PROFILE_LINES+=("" "### Where the full chain's time goes" ""
    "JFR (settings=profile) on the gateway during one more ${SECONDS_PER_RUN} s run of the full chain at $CONNECTIONS connections, after the measured runs; garbage collection: $gc. The recording is $OUT/profile.jfr." "")
  mapfile -t -O "${#PROFILE_LINES[@]}" PROFILE_LINES < <("$jfr" print --events jdk.ExecutionSample --stack-depth 128 "$OUT/profile.jfr" \
    | awk -f "$ROOT/scripts/lib/jfr-profile.awk")
}

if [ "$MODE" = growth ]; then
  growth_bench
  for line in "${GROWTH_LINES[@]}"; do say "$line"; done >"$OUT/growth.md"
  cleanup
  trap - EXIT
  cat "$OUT/growth.md"
  say ""
  say "Written: $OUT/growth.md (wrk output in $OUT/logs)"
  exit 0
fi

say "Warming up the gateway (${WARMUP_SECONDS}s per route)..."
run gateway "$CONNECTIONS" 2 "$WARMUP_SECONDS" >/dev/null
run full "$CONNECTIONS" 2 "$WARMUP_SECONDS" >/dev/null

declare -A SAT LOW
for name in "${NAMES[@]}"; do
  say "Measuring ${LABEL[$name]}: $CONNECTIONS connections, then 8, ${SECONDS_PER_RUN}s each..."
  SAT[$name]="$(run "$name" "$CONNECTIONS" 2 "$SECONDS_PER_RUN")"
  LOW[$name]="$(run "$name" 8 1 "$SECONDS_PER_RUN")"
done
# the tail again: the direct backend and the full chain at 8 connections, run after run
TAIL_RUNS="${MILLGATE_BENCH_TAIL_RUNS:-3}"
case "$TAIL_RUNS" in ''|*[!0-9]*|0) fail "MILLGATE_BENCH_TAIL_RUNS must be a whole number of 1 or more, not '$TAIL_RUNS'" ;; esac
TAIL_ADDED=()
tail_added() { awk -v a="$(awk '{print $3}' <<<"$2")" -v b="$(awk '{print $3}' <<<"$1")" 'BEGIN { printf "%.3f", a - b }'; }
TAIL_ADDED+=("$(tail_added "${LOW[direct]}" "${LOW[full]}")")
for ((i = 2; i <= TAIL_RUNS; i++)); do
  say "The tail, run $i of $TAIL_RUNS: backend direct and the full chain at 8 connections, ${SECONDS_PER_RUN}s each..."
  direct="$(run direct 8 1 "$SECONDS_PER_RUN")"
  full="$(run full 8 1 "$SECONDS_PER_RUN")"
  TAIL_ADDED+=("$(tail_added "$direct" "$full")")
done

# what the gateway answered on the full chain, by outcome (its access-log timer)
OUTCOMES="$(curl -s "http://127.0.0.1:$GATEWAY_PORT/actuator/prometheus" \
  | awk -F'[{}]' '/^millgate_gateway_requests_seconds_count\{/ && /product="shipments"/ {
      match($2, /outcome="[^"]*"/); o = substr($2, RSTART + 9, RLENGTH - 10); n[o] += $3 }
      END { for (o in n) printf "%s %d, ", o, n[o] }' | sed 's/, $//')"

if [ "${MILLGATE_BENCH_PROFILE:-1}" != 0 ]; then profile_gateway; fi
if [ "$GROWTH" = 1 ]; then growth_bench; fi

# --- report --------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
nginx_rps="$(field "${SAT[nginx]}" 1)"
direct_p99_low="$(field "${LOW[direct]}" 3)"
cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
java_version="$(java -version 2>&1 | head -n 1)"
{
  say "# Millgate gateway benchmark"
  say ""
  say "$(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);"
  say "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1 | sed 's/.*: //'), $java_version, Spring Cloud Gateway $(unzip -l "$GATEWAY_JAR" 2>/dev/null | grep -o 'spring-cloud-gateway-server-webflux-[0-9.]*[0-9]' | head -n 1 | sed 's/.*webflux-//')."
  say "Everything on one machine, loopback: wrk, the backend, nginx and the gateway share the cores."
  [ -z "${MILLGATE_BENCH_GATEWAY_ARGS:-}${MILLGATE_BENCH_JAVA_OPTS:-}" ] \
    || say "Not the defaults: gateway arguments '${MILLGATE_BENCH_GATEWAY_ARGS:-}', JVM options '${MILLGATE_BENCH_JAVA_OPTS:-}'."
  say "Each figure is one ${SECONDS_PER_RUN}s run after a ${WARMUP_SECONDS}s warm-up of each gateway route; saturation is $CONNECTIONS connections (2 wrk threads), then 8 (1 thread)."
  say ""
  say "| setup | req/s at $CONNECTIONS conns | vs nginx | p50 ms | p99 ms | req/s at 8 conns | p50 ms | p99 ms | p99 added over direct (8 conns) | errors |"
  say "|---|---|---|---|---|---|---|---|---|---|"
  for name in "${NAMES[@]}"; do
    s="${SAT[$name]}"; l="${LOW[$name]}"
    say "| ${LABEL[$name]} | $(field "$s" 1) | $(ratio "$(field "$s" 1)" "$nginx_rps") | $(field "$s" 2) | $(field "$s" 3) | $(field "$l" 1) | $(field "$l" 2) | $(field "$l" 3) | $(minus "$(field "$l" 3)" "$direct_p99_low") | $(( $(field "$s" 4) + $(field "$l" 4) )) |"
  done
  full_ratio="$(ratio "$(field "${SAT[full]}" 1)" "$nginx_rps")"
  say ""
  say "Answers of the full chain (warm-up included), by outcome: ${OUTCOMES:-none recorded}."
  say ""
  for line in "${PLATFORM_LINES[@]}"; do say "$line"; done
  for line in "${EVENTS_LINES[@]}"; do say "$line"; done
  for line in "${RECONCILIATION_LINES[@]}"; do say "$line"; done
  full_vs_bare="$(ratio "$(field "${SAT[full]}" 1)" "$(field "${SAT[gateway]}" 1)")"
  tail_worst="$(printf '%s\n' "${TAIL_ADDED[@]}" | sort -g | tail -n 1)"
  tail_spread="$(printf '%s\n' "${TAIL_ADDED[@]}" | sort -g | awk 'NR == 1 {min = $1} {max = $1} END { if (min > 0) printf "%.2f", max / min; else print "—" }')"
  say ""
  say "The full chain's p99 added over the direct backend at 8 connections, run by run: $(printf '%s ms, ' "${TAIL_ADDED[@]}" | sed 's/, $//') (largest ÷ smallest: ${tail_spread}×)."
  say ""
  say "Goals (issue 21): full chain ÷ gateway without policies ≥ 0.80: $full_vs_bare → $(awk -v r="$full_vs_bare" 'BEGIN { print (r >= 0.80) ? "met" : "MISSED" }');"
  say "full chain ÷ nginx ≥ 0.20: $full_ratio → $(awk -v r="$full_ratio" 'BEGIN { print (r >= 0.20) ? "met" : "MISSED" }');"
  say "p99 added over the direct backend at 8 connections ≤ 1.0 ms in every run: at most $tail_worst ms → $(awk -v a="$tail_worst" 'BEGIN { print (a <= 1.0) ? "met" : "MISSED" }'), and the same within 2× across the runs: ${tail_spread}× → $(awk -v r="$tail_spread" 'BEGIN { print (r != "—" && r <= 2.0) ? "met" : "MISSED" }')."
  for line in "${PROFILE_LINES[@]}"; do say "$line"; done
  for line in "${GROWTH_LINES[@]}"; do say "$line"; done
} >"$OUT/report.md"

# the micro-benchmarks, once the gateway and nginx have stopped
cleanup
trap - EXIT
# one hot key through two instances, with nothing else running (MILLGATE_BENCH_THROTTLE=0 skips it)
if [ "${MILLGATE_BENCH_THROTTLE:-1}" != 0 ]; then
  throttle_bench
  for line in "${THROTTLE_LINES[@]}"; do say "$line"; done >>"$OUT/report.md"
fi
if [ "${MILLGATE_BENCH_JMH:-1}" != 0 ]; then
  run_jmh
  { say ""; cat "$OUT/jmh.md"; } >>"$OUT/report.md"
fi

# a bar chart of throughput at saturation
{
  max="$(for name in "${NAMES[@]}"; do field "${SAT[$name]}" 1; done | sort -n | tail -n 1)"
  say '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="260" font-family="sans-serif" font-size="13">'
  say "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Requests per second at $CONNECTIONS connections ($(nproc) cores, loopback)</text>"
  y=45
  for name in "${NAMES[@]}"; do
    rps="$(field "${SAT[$name]}" 1)"
    width="$(awk -v r="$rps" -v m="$max" 'BEGIN { printf "%d", (m > 0) ? r / m * 420 : 0 }')"
    say "<text x=\"10\" y=\"$((y + 20))\">${LABEL[$name]}</text>"
    say "<rect x=\"250\" y=\"$((y + 5))\" width=\"$width\" height=\"24\" fill=\"#0b5cad\"/>"
    say "<text x=\"$((255 + width))\" y=\"$((y + 22))\">$rps</text>"
    y=$((y + 45))
  done
  say '</svg>'
} >"$OUT/throughput.svg"

cat "$OUT/report.md"
say ""
say "Written: $OUT/report.md, $OUT/throughput.svg, $OUT/jmh.json (wrk and JMH output in $OUT/logs)"
