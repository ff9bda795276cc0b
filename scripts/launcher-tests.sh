#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/..
# Tests of the ./millgate launcher itself: exit codes, the contracts commands, the
# start/status/stop life cycle, stages and links against tiny stand-in services (a JDK
# HTTP server), so the machinery is proven before real services depend on it; and the
# launcher's scripts through shellcheck. Run by ./millgate test.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
export MILLGATE_STATE_DIR="$WORK/state"
export MILLGATE_SERVICES_FILE="$WORK/services.conf"
export MILLGATE_START_TIMEOUT=30
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
passed=0
failed=0

cleanup() {
  "$ROOT/millgate" stop >/dev/null 2>&1
  [ -n "${blocker:-}" ] && kill "$blocker" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# check NAME: the verdict is the status of the command just before it
check() {
  local status=$? name="$1"
  if [ "$status" -eq 0 ]; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name"; echo "--- output:"; cat "$WORK/out" 2>/dev/null; echo "---"; fi
}

run() { "$ROOT/millgate" "$@" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
rc_is() { [ "$(cat "$WORK/rc")" = "$1" ]; }
out_has() { grep -qF -- "$1" "$WORK/out"; }
healthy_lines() { grep -c "healthy (pid" "$WORK/out"; }
log_has() { grep -qxF -- "$2" "$MILLGATE_STATE_DIR/logs/$1.log"; }
# the time in ms a stand-in service logged: at SERVICE started|listening
at() {
  awk -v what="$2" '$1 == "fake" && $3 == what {print $NF}' "$MILLGATE_STATE_DIR/logs/$1.log" | tail -n 1
}
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    port_open 127.0.0.1 "$port" || { echo "$port"; return; }
  done
}
# runs bash code with the launcher's prerequisites library loaded
with_prerequisites() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  ROOT="$ROOT" bash -c 'set -euo pipefail
    source "$ROOT/scripts/lib/common.sh"; source "$ROOT/scripts/lib/prerequisites.sh"; eval "$1"' with "$1" \
    >"$WORK/out" 2>&1
  echo $? >"$WORK/rc"
}

# A stand-in service: logs when it started and its MILLGATE_ environment, answers
# /actuator/health after FAKE_DELAY_MS (1500). One named broken* exits at once, one named
# sleepy* never answers.
mkdir -p "$WORK/fake/src" "$WORK/fake/target"
cat >"$WORK/fake/src/FakeService.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.TreeMap;

public class FakeService {
	public static void main(String[] args) throws Exception {
		String name = System.getProperty("millgate.service", "service");
		int port = Integer.parseInt(args[0].substring("--server.port=".length()));
		System.out.println("fake " + name + " started at " + System.currentTimeMillis());
		new TreeMap<>(System.getenv()).forEach((key, value) -> {
			if (key.startsWith("MILLGATE_")) {
				System.out.println("env " + key + "=" + value);
			}
		});
		if (name.startsWith("broken")) {
			System.out.println("broken on purpose");
			System.exit(3);
		}
		Thread.sleep(Long.parseLong(System.getenv().getOrDefault("FAKE_DELAY_MS", "1500")));
		if (name.startsWith("sleepy")) {
			Thread.sleep(Long.MAX_VALUE);
		}
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("fake " + name + " listening on " + port + " at " + System.currentTimeMillis());
	}
}
JAVA
javac -d "$WORK/fake/classes" "$WORK/fake/src/FakeService.java"
jar --create --file "$WORK/fake/target/fake.jar" --main-class FakeService -C "$WORK/fake/classes" .
PORT_A=$(free_port); PORT_B=$(free_port)
# the four-column lines of before stages: each its own stage, in order
cat >"$MILLGATE_SERVICES_FILE" <<CONF
# test services
alpha $PORT_A $WORK/fake /actuator/health
beta  $PORT_B $WORK/fake /actuator/health
CONF

# --- commands and exit codes ----------------------------------------------------------------

run frobnicate
rc_is 2 && out_has "unknown command" && out_has "Usage: ./millgate"
check "an unknown command prints usage on stderr and exits 2"

run help
rc_is 0 && out_has "start" && out_has "stop" && out_has "status" && out_has "logs [SERVICE]" \
  && out_has "token CLIENT" && out_has "test" && out_has "contracts diff OLD NEW" && out_has "contracts lint" \
  && out_has "contracts impact" && out_has "contracts publish" && out_has "contracts review" \
  && out_has "contracts openapi-lint" && out_has "contracts asyncapi-lint" && out_has "erp-impact FROM TO" && out_has "drill" && out_has "bench [jmh|events|reconciliation|throttle]" \
  && out_has "events groups" && out_has "events replay GROUP TOPIC" && out_has "events dead-letters" \
  && out_has "events requeue SERVICE ID" && out_has "events webhooks" && out_has "events replay-webhook WEBHOOK"
check "help lists every command"

run bench frobnicate
rc_is 2 && out_has "unknown argument 'frobnicate'"
check "bench refuses an unknown argument and exits 2"

run token
rc_is 2 && out_has "Usage: ./millgate token CLIENT"
check "token without a client prints its usage and exits 2"

PORT_C=$(free_port)
printf 'identity %s identity /actuator/health\n' "$PORT_C" >"$WORK/token.conf"
MILLGATE_SERVICES_FILE="$WORK/token.conf" run token partner-acme
rc_is 1 && out_has "identity does not answer on port $PORT_C"
check "token says to start identity when it does not answer"

run contracts
rc_is 2 && out_has "Usage: ./millgate"
check "contracts without a subcommand prints usage and exits 2"

run contracts publish production-orders
rc_is 2 && out_has "contracts publish PRODUCT VERSION"
check "contracts publish without a version prints usage and exits 2"

run erp-impact 2020
rc_is 2 && out_has "erp-impact FROM TO"
check "erp-impact with one release prints usage and exits 2"

run events replay mes-production-orders millgate.production-orders.events.v1 --since yesterday
rc_is 2 && out_has "events replay GROUP TOPIC --from TIME | --event ID"
check "events replay without --from or --event prints usage and exits 2"

run events requeue production-order-api 'x; rm -rf /'
rc_is 2 && out_has "events requeue SERVICE ID"
check "events requeue with an id that is no outbox id prints usage and exits 2"

run events replay-webhook 'wh_1; rm -rf /' --from 2026-12-05T08:00:00Z
rc_is 2 && out_has "events replay-webhook WEBHOOK --from TIME | --event ID"
check "events replay-webhook with an id that is no webhook id prints usage and exits 2"

run events replay-webhook wh_0a1b --from 'yesterday"}'
rc_is 2 && out_has "events replay-webhook WEBHOOK"
check "events replay-webhook with a time that could break out of its JSON prints usage and exits 2"

PORT_W=$(free_port)
printf 'developer-portal %s developer-portal /actuator/health\n' "$PORT_W" >"$WORK/portal.conf"
MILLGATE_SERVICES_FILE="$WORK/portal.conf" run events webhooks
rc_is 1 && out_has "developer-portal does not answer on port $PORT_W"
check "events webhooks says to start the platform when the portal does not answer"

# --- the contract tools (module contract-tools; built here when stale) -----------------------

released="$ROOT/api-contracts/released/production-orders/v1.yaml"
current="$ROOT/api-contracts/src/main/resources/millgate/contracts/production-orders/v1.yaml"
run contracts diff "$released" "$current"
rc_is 0
check "contracts diff exits 0 when the current contract keeps its released promise"

awk '/^  \/v1\/production-orders\/\{orderId\}\/release:/{skip=1; next} skip && /^  \//{skip=0} !skip' "$current" \
  | sed 's/^\(\s*\)- PARTIALLY_DELIVERED$/\1- PARTIALLY_DELIVERED\n\1- CANCELLED/' >"$WORK/breaking.yaml"
run contracts diff "$current" "$WORK/breaking.yaml"
rc_is 1 && out_has "BREAKING     /v1/production-orders/{orderId}/release: path removed" && out_has "enum values added: [CANCELLED]"
check "contracts diff exits 1 and names a removed path and a widened response enum"

run contracts diff "$current" "$WORK/missing.yaml"
rc_is 2 && out_has "missing.yaml: no such file"
check "contracts diff exits 2 on unreadable input"

# --- the life cycle ---------------------------------------------------------------------------

run start
rc_is 0 && out_has "Starting alpha on port $PORT_A" && out_has "done" && [ "$(healthy_lines)" = 2 ]
check "start starts every service and waits until healthy"

! out_has "class-data archive" && [ ! -d "$MILLGATE_STATE_DIR/jvm/alpha/app" ]
check "a jar that is no Spring Boot jar runs as it is, without an archive"

[ "$(at beta started)" -gt "$(at alpha listening)" ]
check "a service line without a stage starts once the line before it is healthy"

run start
rc_is 0 && out_has "alpha already runs" && out_has "beta already runs"
check "a second start says what already runs"

run status
rc_is 0 && out_has "http://localhost:$PORT_B" && [ "$(healthy_lines)" = 2 ]
check "status shows each service healthy with its URL"

run logs alpha
rc_is 0 && out_has "fake alpha listening on $PORT_A"
check "logs shows a service's log"

run logs gamma
rc_is 1 && out_has "unknown service 'gamma'"
check "logs of an unknown service fails clearly"

pid_a=$(cat "$MILLGATE_STATE_DIR/pids/alpha.pid")
run stop
rc_is 0 && out_has "Stopped alpha" && out_has "Stopped beta" && ! kill -0 "$pid_a" 2>/dev/null
check "stop stops what start started"

run stop
rc_is 0 && out_has "Nothing to stop"
check "a second stop has nothing to stop"

# --- stages and links ---------------------------------------------------------------------------

PORT_1=$(free_port); PORT_2=$(free_port); PORT_3=$(free_port)
cat >"$WORK/stages.conf" <<CONF
one   $PORT_1 $WORK/fake /actuator/health  1
two   $PORT_2 $WORK/fake /actuator/health  1
three $PORT_3 $WORK/fake /actuator/health  2
link MILLGATE_ISSUER        one
link MILLGATE_JWK_SET_URI   one   /oauth2/jwks
link MILLGATE_THREE_URL     three
link MILLGATE_MINE_URL      two
CONF
MILLGATE_SERVICES_FILE="$WORK/stages.conf" FAKE_DELAY_MS=3000 MILLGATE_START_PARALLEL=4 MILLGATE_MINE_URL=http://mine.example:1234 run start
rc_is 0 && out_has "Starting one on port $PORT_1" && out_has "Starting three on port $PORT_3" && [ "$(healthy_lines)" = 3 ]
check "start starts a platform of stages"

out_has "Profile: demo. Demo clients, users and secrets published in the README sign in" \
  && out_has "never a plant network"
check "start says plainly that it runs the demo profile"

[ "$(at one started)" -lt "$(at two listening)" ] && [ "$(at two started)" -lt "$(at one listening)" ]
check "the services of one stage start together"

[ "$(at three started)" -gt "$(at one listening)" ] && [ "$(at three started)" -gt "$(at two listening)" ]
check "a stage starts once every service of the stage before it is healthy"

log_has one "env MILLGATE_ISSUER=http://localhost:$PORT_1" \
  && log_has three "env MILLGATE_JWK_SET_URI=http://localhost:$PORT_1/oauth2/jwks" \
  && log_has one "env MILLGATE_THREE_URL=http://localhost:$PORT_3"
check "every service gets each link as http://localhost:PORT-OF-SERVICE[PATH]"

log_has two "env MILLGATE_MINE_URL=http://mine.example:1234" && out_has "MILLGATE_MINE_URL from the environment"
check "a variable set in the environment wins over its link, saying so"

MILLGATE_SERVICES_FILE="$WORK/stages.conf" run stop
rc_is 0 && out_has "Stopped one" && out_has "Stopped two" && out_has "Stopped three"
check "stop stops every stage"

MILLGATE_SERVICES_FILE="$WORK/stages.conf" FAKE_DELAY_MS=1500 MILLGATE_START_PARALLEL=1 run start
rc_is 0 && [ "$(healthy_lines)" = 3 ] && [ "$(at two started)" -gt "$(at one listening)" ]
check "with MILLGATE_START_PARALLEL=1 the services of a stage start one after the other"
MILLGATE_SERVICES_FILE="$WORK/stages.conf" run stop

MILLGATE_SERVICES_FILE="$WORK/stages.conf" MILLGATE_START_PARALLEL=many run start
rc_is 1 && out_has "MILLGATE_START_PARALLEL must be a whole number, not 'many'"
check "a start parallelism that is no number fails clearly"

printf 'alpha %s %s /actuator/health 1\n\nlink MILLGATE_ISSUER nowhere\n' "$PORT_A" "$WORK/fake" >"$WORK/unknown.conf"
MILLGATE_SERVICES_FILE="$WORK/unknown.conf" run start
rc_is 1 && out_has "line 3: link MILLGATE_ISSUER names the unknown service 'nowhere'" && [ ! -e "$MILLGATE_STATE_DIR/pids/alpha.pid" ]
check "a link to an unknown service fails clearly, naming the line, before anything starts"

printf 'alpha %s %s /actuator/health first\n' "$PORT_A" "$WORK/fake" >"$WORK/stage.conf"
MILLGATE_SERVICES_FILE="$WORK/stage.conf" run start
rc_is 1 && out_has "line 1: the stage of alpha, 'first', is not a number"
check "a stage that is not a number fails clearly"

PORT_D=$(free_port)
printf 'broken %s %s /actuator/health\n' "$PORT_D" "$WORK/fake" >"$WORK/broken.conf"
MILLGATE_SERVICES_FILE="$WORK/broken.conf" run start
rc_is 1 && out_has "broken exited while starting; the end of its log:" && out_has "broken on purpose"
check "a service that exits while starting shows the end of its log"

printf 'sleepy %s %s /actuator/health\n' "$PORT_D" "$WORK/fake" >"$WORK/sleepy.conf"
MILLGATE_SERVICES_FILE="$WORK/sleepy.conf" MILLGATE_START_TIMEOUT=2 run start
rc_is 1 && out_has "not healthy after 2s: sleepy"
check "start gives up on a service that does not become healthy in time"
run stop
rc_is 0 && out_has "Stopped sleepy"
check "stop stops a service that never became healthy"

# --- a real service from its class-data archive -------------------------------------------------

# one of the platform's own jars (./millgate test builds them first): the first start records
# the archive, the stop writes it, the next start loads it
if [ -n "$(ls "$ROOT"/erp-simulator/target/*-exec.jar 2>/dev/null)" ]; then
  PORT_S=$(free_port)
  printf 'simulator %s %s /actuator/health\n' "$PORT_S" "$ROOT/erp-simulator" >"$WORK/real.conf"
  archives() { find "$MILLGATE_STATE_DIR/jvm/simulator" -maxdepth 1 \( -name '*.jsa' -o -name '*.aot' \) | wc -l; }
  MILLGATE_SERVICES_FILE="$WORK/real.conf" MILLGATE_START_TIMEOUT=120 run start
  rc_is 0 && out_has "Starting simulator on port $PORT_S" && out_has "it records its class-data archive, written when it stops" \
    && [ -d "$MILLGATE_STATE_DIR/jvm/simulator/app/lib" ] && [ "$(archives)" = 0 ]
  check "a Spring Boot service runs extracted and records its class-data archive on its first start"
  MILLGATE_SERVICES_FILE="$WORK/real.conf" run stop
  rc_is 0 && out_has "1 of 1 services write their class-data archive as they stop" && out_has "Stopped simulator (pid" \
    && [ "$(archives)" = 1 ] && [ -z "$(find "$MILLGATE_STATE_DIR/jvm/simulator" -name '*.recording')" ]
  check "stop waits while the archive is written and keeps it"
  # the JVM's own log says which archive it opened (logging options leave the archive as it is)
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  if [ "${major%%.*}" -ge 25 ]; then tag=aot opened="Opened AOT cache"; else tag=cds opened="Opened archive"; fi
  : >"$MILLGATE_STATE_DIR/logs/simulator.log"
  MILLGATE_SERVICES_FILE="$WORK/real.conf" MILLGATE_JAVA_OPTS="-Xlog:$tag" MILLGATE_START_TIMEOUT=120 run start
  pid_s="$(cat "$MILLGATE_STATE_DIR/pids/simulator.pid" 2>/dev/null)"
  rc_is 0 && out_has "Starting simulator on port $PORT_S (pid $pid_s, log $MILLGATE_STATE_DIR/logs/simulator.log) from its class-data archive" \
    && grep -qE "\\[$tag\\] $opened $MILLGATE_STATE_DIR/jvm/simulator/[0-9]+\\.(jsa|aot)\\.\$" "$MILLGATE_STATE_DIR/logs/simulator.log" \
    && ! grep -qE '\[(warning|error)\]\[(cds|aot)' "$MILLGATE_STATE_DIR/logs/simulator.log"
  check "the next start loads the archive, and the JVM opens it"
  MILLGATE_SERVICES_FILE="$WORK/real.conf" run stop
  rc_is 0 && ! out_has "class-data archive" && [ "$(archives)" = 1 ]
  check "a service that loaded its archive stops at once"
  MILLGATE_SERVICES_FILE="$WORK/real.conf" MILLGATE_JAVA_OPTS=-Xmx200m MILLGATE_START_TIMEOUT=120 run start
  rc_is 0 && out_has "it records its class-data archive"
  check "other JVM options record an archive of their own"
  MILLGATE_SERVICES_FILE="$WORK/real.conf" run stop
  [ "$(archives)" = 1 ]
  check "a service keeps one archive: the new one replaces the old"
else
  echo "skip   a Spring Boot service's class-data archive: no erp-simulator jar (./millgate test builds it first)"
fi

# --- a port taken by a stranger ---------------------------------------------------------------

java -cp "$WORK/fake/classes" FakeService --server.port="$PORT_A" >/dev/null 2>&1 &
blocker=$!
for _ in $(seq 1 20); do port_open 127.0.0.1 "$PORT_A" && break; sleep 0.5; done
run start
rc_is 1 && out_has "port $PORT_A, needed by alpha, is taken"
check "start refuses a port taken by a process it did not start"
"$ROOT/millgate" stop >/dev/null 2>&1; kill -0 "$blocker"
check "stop leaves processes it did not start alone"

# --- nothing installs unasked -----------------------------------------------------------------

# shellcheck disable=SC2016 # expanded by with_prerequisites
with_prerequisites 'url_host_port "redis-sentinel://:secret@127.0.0.1:26379,127.0.0.2:26380/0#millgate" 6379;
  url_host_port "redis-cluster://127.0.0.1:7000,127.0.0.1:7001" 6379; url_host_port "redis://10.0.0.5" 6379'
rc_is 0 && [ "$(cat "$WORK/out")" = "$(printf '127.0.0.1 26379\n127.0.0.1 7000\n10.0.0.5 6379')" ]
check "a Sentinel or Cluster URL's first node is the one checked, without password or primary name"

MILLGATE_REDIS_URL="redis-sentinel://127.0.0.1:$(free_port)#millgate" with_prerequisites 'ensure_redis'
rc_is 1 && out_has "start the Sentinel or Cluster it names" && ! out_has "starting the installed redis-server"
check "a Sentinel URL whose first node does not answer fails and starts no single Redis in its place"

# shellcheck disable=SC2016 # expanded by with_prerequisites
MILLGATE_INSTALL=never MILLGATE_CHROMIUM="$WORK/no-chromium" MILLGATE_CHROMEDRIVER="$WORK/no-chromedriver" \
  with_prerequisites 'ensure_chromium; echo "browser tests: $BROWSER_TESTS"'
rc_is 0 && out_has "browser tests: skip" && out_has "$WORK/no-chromium and $WORK/no-chromedriver missing" \
  && out_has "apt-get install chromium chromium-driver" && ! out_has "about to install"
check "with MILLGATE_INSTALL=never a missing Chromium skips the browser tests and says how to get it"

# shellcheck disable=SC2016 # expanded by with_prerequisites
MILLGATE_INSTALL=never MILLGATE_PACT_CORE_DIR="$WORK/no-pact-core" \
  with_prerequisites 'ensure_pact_core; echo "reference core: $PACT_CORE_TESTS"'
rc_is 0 && out_has "reference core: skip" && out_has "npm install --prefix $WORK/no-pact-core @pact-foundation/pact-core@" \
  && ! out_has "about to install" && [ ! -e "$WORK/no-pact-core" ]
check "with MILLGATE_INSTALL=never a missing reference core skips its verification and says how to get it"

# shellcheck disable=SC2016 # expanded by with_prerequisites
MILLGATE_INSTALL=never MILLGATE_PROMTOOL="$WORK/no-promtool" \
  with_prerequisites 'ensure_promtool; echo "promtool checks: $PROMTOOL_TESTS"'
rc_is 0 && out_has "promtool checks: skip" && out_has "apt-get install prometheus" && ! out_has "about to install"
check "with MILLGATE_INSTALL=never a missing promtool skips the rules' checks and says how to get it"

MILLGATE_INSTALL=always MILLGATE_CHROMIUM="$WORK/no-chromium" with_prerequisites 'ensure_chromium'
rc_is 1 && out_has "MILLGATE_INSTALL is 'always'"
check "an unknown MILLGATE_INSTALL fails before installing anything"

# --- shellcheck -------------------------------------------------------------------------------

if command -v shellcheck >/dev/null 2>&1; then
  (cd "$ROOT" && shellcheck -x millgate scripts/lib/*.sh scripts/cmd/*.sh scripts/launcher-tests.sh) >"$WORK/out" 2>&1
  check "shellcheck finds nothing in the launcher's scripts"
else
  echo "skip   shellcheck finds nothing in the launcher's scripts: shellcheck is not installed"
fi

echo "launcher: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
