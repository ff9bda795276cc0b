# shellcheck shell=bash
# The services' life cycle: build, start stage by stage, wait until healthy, status, logs,
# stop. Needs common.sh and topology.sh.

START_TIMEOUT="${MILLGATE_START_TIMEOUT:-180}"
LAUNCH_ENV=()

module_dir() {
  case "$1" in /*) say "$1" ;; *) say "$ROOT/$1" ;; esac
}

# The runnable jar of a module: the Spring Boot "-exec" jar where there is one.
service_jar() {
  local dir jar
  dir="$(module_dir "$1")/target"
  for jar in "$dir"/*-exec.jar "$dir"/*.jar; do
    case "$jar" in *-plain.jar|*-sources.jar|*-javadoc.jar|*-tests.jar) continue ;; esac
    if [ -f "$jar" ]; then say "$jar"; return 0; fi
  done
}

pid_file() { say "$STATE/pids/$1.pid"; }
log_file() { say "$STATE/logs/$1.log"; }

# The pid of a service this launcher started, if it still runs; checked by the marker on
# its command line, so a recycled pid is never mistaken for ours.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-Dmillgate.service=$1 "; then
    say "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# Builds the given modules when a jar is missing or a main source or pom of any module (a
# service is built from the modules it depends on too, product-web or erp-facade) is newer.
build_modules() {
  local modules=() module jar stale=0
  for module in "$@"; do
    case "$module" in /*) continue ;; esac
    modules+=("$module")
    jar="$(service_jar "$module")"
    if [ -z "$jar" ] || [ -n "$(find "$ROOT" -newer "$jar" -type f \( -path '*/src/main/*' -o -name pom.xml \) \
        -not -path '*/target/*' -not -path '*/.git/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]; then
      stale=1
    fi
  done
  [ "${#modules[@]}" -gt 0 ] && [ "$stale" -eq 1 ] || return 0
  say "Building ${modules[*]} (tests skipped)..."
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true \
    -pl "$(IFS=,; say "${modules[*]}")" -am package) || fail "build failed; see the output above"
}

refuse_taken_port() {
  if port_open 127.0.0.1 "${SERVICE_PORT[$1]}"; then
    fail "port ${SERVICE_PORT[$1]}, needed by $1, is taken by a process this launcher did not start; stop it or change services.conf"
  fi
}

# The link variables every service is started with (LAUNCH_ENV); one set in the
# environment wins over services.conf.
link_launch_env() {
  local entries entry
  LAUNCH_ENV=()
  mapfile -t entries < <(link_env)
  for entry in "${entries[@]}"; do
    if printenv "${entry%%=*}" >/dev/null; then
      say "${entry%%=*} from the environment: $(printenv "${entry%%=*}") (services.conf would give ${entry#*=})"
    else
      LAUNCH_ENV+=("$entry")
    fi
  done
}

# Starts one service in the background unless it already runs; does not wait for it.
launch() {
  local name="$1" port="${SERVICE_PORT[$1]}" jar runnable pid java_opts=() archive=()
  if pid="$(running_pid "$name")"; then
    say "$name already runs (pid $pid) on port $port."
    return 0
  fi
  refuse_taken_port "$name"
  jar="$(service_jar "${SERVICE_MODULE[$name]}")"
  [ -n "$jar" ] || fail "no jar for $name in $(module_dir "${SERVICE_MODULE[$name]}")/target"
  choose_java
  mapfile -t java_opts < <(service_java_opts "$name")
  runnable="$(runnable_jar "$name" "$jar")"
  mapfile -t archive < <(archive_opts "$name" "$runnable" "${java_opts[@]}")
  # The demo profile gives identity its demo clients; nothing else uses it. Embedded
  # data (identity's H2 file) lives under .millgate/data.
  MILLGATE_DATA_DIR="${MILLGATE_DATA_DIR:-$STATE/data}" nohup env "${LAUNCH_ENV[@]}" \
    "$JAVA_BIN" -Dmillgate.service="$name" "${java_opts[@]}" "${archive[@]+"${archive[@]}"}" -jar "$runnable" \
    --server.port="$port" --spring.profiles.active="${MILLGATE_PROFILES:-demo}" \
    >>"$(log_file "$name")" 2>&1 </dev/null &
  local started=$! tries=0
  # Until the child has exec'd, its command line is still the shell's; wait for the
  # marker so that the health wait does not take the child for a stranger.
  while [ "$tries" -lt 100 ] && [ -r "/proc/$started/cmdline" ] \
      && ! tr '\0' ' ' <"/proc/$started/cmdline" | grep -q -- "-Dmillgate.service=$name "; do
    sleep 0.1
    tries=$((tries + 1))
  done
  say "$started" >"$(pid_file "$name")"
  case "${archive[0]:-}" in
    *.recording) say "Starting $name on port $port (pid $started, log $(log_file "$name")); it records its class-data archive, written when it stops" ;;
    -XX:*) say "Starting $name on port $port (pid $started, log $(log_file "$name")) from its class-data archive" ;;
    *) say "Starting $name on port $port (pid $started, log $(log_file "$name"))" ;;
  esac
}

# Stage by stage: the next stage starts once every service of the one before is healthy
# (the products read the ERP's $metadata as they start). Within a stage, up to
# MILLGATE_START_PARALLEL services start together; by default half the cores: JVMs
# starting side by side on two cores took longer together than one after the other
# (three products: 17 s each, against 4.5 s each in turn).
# The simulated ERP starts from its seed on every start, while the embedded Kafka keeps its
# data: the events of an earlier run would then name documents and confirmations the ERP
# now gives out again, and the change feed's position would be ahead of the ERP. So with the
# simulator as the ERP and the embedded broker (neither running yet), the broker's data starts
# over too. A real ERP (MILLGATE_ERP_BASEURL) or an external Kafka keeps everything.
fresh_events() {
  [ -n "${SERVICE_PORT[erp-simulator]:-}" ] && [ -n "${SERVICE_PORT[event-broker]:-}" ] || return 0
  [ -z "${MILLGATE_ERP_BASEURL:-}" ] && [ -z "${MILLGATE_KAFKA_BOOTSTRAP:-}" ] || return 0
  running_pid erp-simulator >/dev/null && return 0
  running_pid event-broker >/dev/null && return 0
  local kafka="${MILLGATE_DATA_DIR:-$STATE/data}/kafka"
  if [ -d "$kafka" ]; then
    rm -rf "$kafka"
    say "The simulated ERP starts from its seed, so the embedded Kafka's events start over with it."
  fi
  # and so do the confirmations' outbox and idempotency keys in Redis: a namespace of this run
  mkdir -p "$STATE"
  say "run-$(date +%s)" >"$STATE/outbox-namespace"
}

# The outbox namespace of the simulated ERP's run (see fresh_events); none with a real ERP.
outbox_namespace() {
  [ -z "${MILLGATE_ERP_BASEURL:-}" ] || return 0
  [ -f "$STATE/outbox-namespace" ] && cat "$STATE/outbox-namespace"
  return 0
}

cmd_start() {
  require_java
  choose_java
  load_topology
  if [ "${#SERVICE_NAMES[@]}" -eq 0 ]; then
    say "No runnable services are defined in services.conf yet."
    say "The API contracts and their tools are ready: ./millgate contracts lint"
    return 0
  fi
  mkdir -p "$STATE/pids" "$STATE/logs"
  local name stage stage_keys=() members=() modules=() waiting
  for name in "${SERVICE_NAMES[@]}"; do
    running_pid "$name" >/dev/null || refuse_taken_port "$name"
    modules+=("${SERVICE_MODULE[$name]}")
  done
  build_modules "${modules[@]}"
  profile_notice
  say "Java $JAVA_MAJOR: $JAVA_BIN"
  fresh_events
  link_launch_env
  local namespace
  namespace="$(outbox_namespace)"
  if [ -n "$namespace" ] && [ -z "${MILLGATE_OUTBOX_NAMESPACE:-}" ]; then
    LAUNCH_ENV+=("MILLGATE_OUTBOX_NAMESPACE=$namespace")
  fi
  mapfile -t stage_keys < <(stages)
  local parallel
  parallel="$(start_parallel)"
  for stage in "${stage_keys[@]}"; do
    mapfile -t members < <(stage_services "$stage")
    waiting=()
    for name in "${members[@]}"; do
      launch "$name"
      waiting+=("$name ${SERVICE_PORT[$name]} ${SERVICE_HEALTH[$name]}")
      if [ "${#waiting[@]}" -ge "$parallel" ]; then
        wait_healthy "${waiting[@]}"
        waiting=()
      fi
    done
    wait_healthy "${waiting[@]+"${waiting[@]}"}"
  done
  cmd_status
  profile_notice
}

# Says plainly which profile the services run: the demo profile's clients, users and
# secrets are published in the README, so it is for a laptop, never for a plant network.
profile_notice() {
  local profiles="${MILLGATE_PROFILES:-demo}"
  case ",$profiles," in
    *,demo,*)
      say "Profile: demo. Demo clients, users and secrets published in the README sign in; plain HTTP."
      say "  For this machine only, never a plant network: set MILLGATE_PROFILES (e.g. 'default') and your own"
      say "  secrets, TLS and identity provider (README, 'Running it for real')." ;;
    *)
      say "Profile: $profiles (no demo clients, users or secrets)." ;;
  esac
}

# Waits until every "NAME PORT HEALTH-PATH" answers 200 on its health path.
# How many services of a stage start at once: MILLGATE_START_PARALLEL, else half the cores.
start_parallel() {
  local parallel="${MILLGATE_START_PARALLEL:-}"
  if [ -z "$parallel" ]; then
    parallel=$(( $(nproc 2>/dev/null || echo 2) / 2 ))
  fi
  case "$parallel" in
    ''|*[!0-9]*) fail "MILLGATE_START_PARALLEL must be a whole number, not '$parallel'" ;;
  esac
  [ "$parallel" -ge 1 ] || parallel=1
  say "$parallel"
}

wait_healthy() {
  local deadline=$((SECONDS + START_TIMEOUT)) pending=("$@") next entry name port health shown=$SECONDS
  [ "${#pending[@]}" -gt 0 ] || return 0
  printf 'Waiting for %s to become healthy' "${pending[*]%% *}"
  while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for entry in "${pending[@]}"; do
      read -r name port health <<<"$entry"
      if ! running_pid "$name" >/dev/null; then
        printf '\n'
        say "$name exited while starting; the end of its log:" >&2
        tail -n 30 "$(log_file "$name")" >&2 || true
        exit 1
      fi
      [ "$(http_status "$port" "$health")" = "200" ] || next+=("$entry")
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      printf '\n'
      fail "not healthy after ${START_TIMEOUT}s: ${pending[*]%% *}; see ./millgate logs"
    fi
    # a dot a second, a look four times a second
    [ "$SECONDS" = "$shown" ] || { printf '.'; shown=$SECONDS; }
    sleep 0.25
  done
  printf ' done\n'
}

# Stops what the pid files name, so a service removed from services.conf since it was
# started is stopped too.
cmd_stop() {
  local file name pid stopped=0 recording=0 deadline entry
  local -a stopping=()
  for file in "$STATE"/pids/*.pid; do
    [ -e "$file" ] || continue
    name="$(basename "$file" .pid)"
    if pid="$(running_pid "$name")"; then
      records_archive "$pid" && recording=$((recording + 1))
      kill "$pid" 2>/dev/null || true
      stopping+=("$name $pid")
    fi
  done
  if [ "${#stopping[@]}" -eq 0 ]; then
    say "Nothing to stop: no service started by ./millgate start is running."
    return 0
  fi
  # all at once; a JVM that writes its class-data archive as it exits takes longer (once)
  if [ "$recording" -gt 0 ]; then
    say "$recording of ${#stopping[@]} services write their class-data archive as they stop (once after a build; later starts are faster)."
    deadline=$((SECONDS + 150))
  else
    deadline=$((SECONDS + 30))
  fi
  for entry in "${stopping[@]}"; do
    read -r name pid <<<"$entry"
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      keep_archive "$name" killed
      say "Stopped $name (pid $pid) by force: it did not exit in time."
    else
      keep_archive "$name" normal
      say "Stopped $name (pid $pid)."
    fi
    rm -f "$(pid_file "$name")"
    stopped=$((stopped + 1))
  done
}

cmd_status() {
  local name port pid verdict
  load_topology
  if [ "${#SERVICE_NAMES[@]}" -eq 0 ]; then
    say "No services are defined in services.conf yet."
    return 0
  fi
  printf '%-22s %-6s %-34s %s\n' SERVICE PORT URL STATE
  for name in "${SERVICE_NAMES[@]}"; do
    port="${SERVICE_PORT[$name]}"
    if pid="$(running_pid "$name")"; then
      if [ "$(http_status "$port" "${SERVICE_HEALTH[$name]}")" = "200" ]; then
        verdict="healthy (pid $pid)"
      else
        verdict="starting or unhealthy (pid $pid)"
      fi
    else
      verdict="stopped"
    fi
    printf '%-22s %-6s %-34s %s\n' "$name" "$port" "$(service_url "$name")" "$verdict"
  done
}

cmd_logs() {
  local follow=() names=() files=() arg name
  for arg in "$@"; do
    case "$arg" in -f|--follow) follow=(-F) ;; *) names+=("$arg") ;; esac
  done
  load_topology
  [ "${#names[@]}" -gt 0 ] || names=("${SERVICE_NAMES[@]}")
  for name in "${names[@]}"; do
    [ -n "${SERVICE_PORT[$name]+set}" ] || fail "unknown service '$name'; see services.conf"
    if [ -f "$(log_file "$name")" ]; then files+=("$(log_file "$name")"); fi
  done
  [ "${#files[@]}" -gt 0 ] || { say "No logs yet: start the platform with ./millgate start."; return 0; }
  tail -n 100 "${follow[@]}" "${files[@]}"
}
