#!/usr/bin/env bash
# Tests of the ./millgate launcher itself: exit codes, the contracts commands, and the
# start/status/stop life cycle against two tiny stand-in services (a JDK HTTP server),
# so the machinery is proven before real services depend on it. Run by ./millgate test.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
export MILLGATE_STATE_DIR="$WORK/state"
export MILLGATE_SERVICES_FILE="$WORK/services.conf"
export MILLGATE_START_TIMEOUT=30
passed=0
failed=0

cleanup() {
  "$ROOT/millgate" stop >/dev/null 2>&1
  [ -n "${blocker:-}" ] && kill "$blocker" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name"; echo "--- output:"; cat "$WORK/out" 2>/dev/null; echo "---"; fi
}

run() { "$ROOT/millgate" "$@" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
rc_is() { [ "$(cat "$WORK/rc")" = "$1" ]; }
out_has() { grep -qF -- "$1" "$WORK/out"; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$port" 2>/dev/null || { echo "$port"; return; }
  done
}

# A stand-in service: answers /actuator/health after a short start-up delay.
mkdir -p "$WORK/fake/src" "$WORK/fake/target"
cat >"$WORK/fake/src/FakeService.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class FakeService {
	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0].substring("--server.port=".length()));
		Thread.sleep(1500);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("fake service listening on " + port);
	}
}
JAVA
javac -d "$WORK/fake/classes" "$WORK/fake/src/FakeService.java"
jar --create --file "$WORK/fake/target/fake.jar" --main-class FakeService -C "$WORK/fake/classes" .
PORT_A=$(free_port); PORT_B=$(free_port)
cat >"$MILLGATE_SERVICES_FILE" <<CONF
# test services
alpha $PORT_A $WORK/fake /actuator/health
beta  $PORT_B $WORK/fake /actuator/health
CONF

run frobnicate
check "an unknown command prints usage on stderr and exits 2" eval 'rc_is 2 && out_has "unknown command" && out_has "Usage: ./millgate"'

run help
check "help lists every command" eval 'rc_is 0 && out_has "start" && out_has "contracts diff OLD NEW" && out_has "logs [SERVICE]" && out_has "drill" && out_has "bench [jmh]"'

run bench frobnicate
check "bench refuses an unknown argument and exits 2" eval 'rc_is 2 && out_has "unknown argument '"'"'frobnicate'"'"'"'

run token
check "token without a client prints its usage and exits 2" eval 'rc_is 2 && out_has "Usage: ./millgate token CLIENT"'

PORT_C=$(free_port)
printf 'identity %s identity /actuator/health\n' "$PORT_C" >"$WORK/token.conf"
MILLGATE_SERVICES_FILE="$WORK/token.conf" run token partner-acme
check "token says to start identity when it does not answer" eval 'rc_is 1 && out_has "identity does not answer on port $PORT_C"'

released="$ROOT/api-contracts/released/production-orders/v1.yaml"
current="$ROOT/api-contracts/src/main/resources/millgate/contracts/production-orders/v1.yaml"
run contracts diff "$released" "$current"
check "contracts diff exits 0 when the current contract keeps its released promise" rc_is 0

awk '/^  \/v1\/production-orders\/\{orderId\}\/release:/{skip=1; next} skip && /^  \//{skip=0} !skip' "$current" \
  | sed 's/^\(\s*\)- PARTIALLY_DELIVERED$/\1- PARTIALLY_DELIVERED\n\1- CANCELLED/' >"$WORK/breaking.yaml"
run contracts diff "$current" "$WORK/breaking.yaml"
check "contracts diff exits 1 and names a removed path and a widened response enum" \
  eval 'rc_is 1 && out_has "BREAKING     /v1/production-orders/{orderId}/release: path removed" && out_has "enum values added: [CANCELLED]"'

run contracts diff "$current" "$WORK/missing.yaml"
check "contracts diff exits 2 on unreadable input" eval 'rc_is 2 && out_has "missing.yaml: no such file"'

run start
check "start starts every service and waits until healthy" \
  eval 'rc_is 0 && out_has "Starting alpha on port $PORT_A" && out_has "done" && [ "$(grep -c "healthy (pid" "$WORK/out")" = 2 ]'

run start
check "a second start says what already runs" eval 'rc_is 0 && out_has "alpha already runs" && out_has "beta already runs"'

run status
check "status shows each service healthy with its URL" eval 'rc_is 0 && out_has "http://localhost:$PORT_B" && [ "$(grep -c "healthy (pid" "$WORK/out")" = 2 ]'

run logs alpha
check "logs shows a service's log" eval 'rc_is 0 && out_has "fake service listening on $PORT_A"'

run logs gamma
check "logs of an unknown service fails clearly" eval 'rc_is 1 && out_has "unknown service '"'"'gamma'"'"'"'

pid_a=$(cat "$MILLGATE_STATE_DIR/pids/alpha.pid")
run stop
check "stop stops what start started" eval 'rc_is 0 && out_has "Stopped alpha" && out_has "Stopped beta" && ! kill -0 '"$pid_a"' 2>/dev/null'

run stop
check "a second stop has nothing to stop" eval 'rc_is 0 && out_has "Nothing to stop"'

java -cp "$WORK/fake/classes" FakeService --server.port="$PORT_A" >/dev/null 2>&1 &
blocker=$!
for _ in $(seq 1 20); do timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$PORT_A" 2>/dev/null && break; sleep 0.5; done
run start
check "start refuses a port taken by a process it did not start" eval 'rc_is 1 && out_has "port $PORT_A, needed by alpha, is taken"'
check "stop leaves processes it did not start alone" eval '"$ROOT/millgate" stop >/dev/null 2>&1; kill -0 '"$blocker"

echo "launcher: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
