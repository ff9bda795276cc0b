# shellcheck shell=bash
# The platform's topology, read from services.conf (its header describes the lines): the
# services with their ports, modules, health paths and stages, and the links that tell
# every service where the others are. ./millgate and ./millgate bench read it only here.

SERVICES_FILE="${MILLGATE_SERVICES_FILE:-$ROOT/services.conf}"

SERVICE_NAMES=()   # in services.conf order
LINK_VARS=()       # in services.conf order
declare -gA SERVICE_PORT=() SERVICE_MODULE=() SERVICE_HEALTH=() SERVICE_STAGE=()
declare -gA LINK_SERVICE=() LINK_PATH=()

topology_error() { fail "${SERVICES_FILE#"$ROOT"/} line $1: $2"; }

# Fills the arrays above from services.conf; a missing file is an empty platform.
# SERVICE_STAGE is a sort key "STAGE.STEP": a line without a stage gets the previous
# line's stage and the next step, so it starts on its own, after that line.
load_topology() {
  SERVICE_NAMES=() LINK_VARS=()
  SERVICE_PORT=() SERVICE_MODULE=() SERVICE_HEALTH=() SERVICE_STAGE=() LINK_SERVICE=() LINK_PATH=()
  [ -f "$SERVICES_FILE" ] || return 0
  local number=0 line fields=() stage=0 step=0 name var
  local -A link_line=()
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    read -r -a fields <<<"$line"
    if [ "${#fields[@]}" -eq 0 ] || [[ ${fields[0]} == \#* ]]; then
      continue
    fi
    if [ "${fields[0]}" = link ]; then
      var="${fields[1]:-}"
      if [ "${#fields[@]}" -lt 3 ] || [ "${#fields[@]}" -gt 4 ]; then
        topology_error "$number" "a link line is: link ENVIRONMENT-VARIABLE SERVICE [PATH]"
      fi
      [[ $var =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || topology_error "$number" "'$var' is not an environment variable name"
      [ -z "${LINK_SERVICE[$var]+set}" ] || topology_error "$number" "$var is linked twice (first on line ${link_line[$var]})"
      case "${fields[3]:-/}" in /*) ;; *) topology_error "$number" "the path of link $var must start with /" ;; esac
      LINK_VARS+=("$var")
      LINK_SERVICE[$var]="${fields[2]}"
      LINK_PATH[$var]="${fields[3]:-}"
      link_line[$var]="$number"
      continue
    fi
    name="${fields[0]}"
    if [ "${#fields[@]}" -lt 4 ] || [ "${#fields[@]}" -gt 5 ]; then
      topology_error "$number" "a service line is: NAME PORT MODULE HEALTH-PATH [STAGE]"
    fi
    [ -z "${SERVICE_PORT[$name]+set}" ] || topology_error "$number" "$name is listed twice"
    if ! [[ ${fields[1]} =~ ^[0-9]{1,5}$ ]] || [ "$((10#${fields[1]}))" -lt 1 ] || [ "$((10#${fields[1]}))" -gt 65535 ]; then
      topology_error "$number" "the port of $name, '${fields[1]}', is not a port number"
    fi
    case "${fields[3]}" in /*) ;; *) topology_error "$number" "the health path of $name must start with /" ;; esac
    if [ "${#fields[@]}" -eq 5 ]; then
      [[ ${fields[4]} =~ ^[0-9]+$ ]] || topology_error "$number" "the stage of $name, '${fields[4]}', is not a number"
      stage=$((10#${fields[4]})) step=0
    else
      step=$((step + 1))
    fi
    SERVICE_NAMES+=("$name")
    SERVICE_PORT[$name]="${fields[1]}"
    # shellcheck disable=SC2034 # read by services.sh and bench.sh
    SERVICE_MODULE[$name]="${fields[2]}"
    # shellcheck disable=SC2034 # read by services.sh and bench.sh
    SERVICE_HEALTH[$name]="${fields[3]}"
    SERVICE_STAGE[$name]="$stage.$step"
  done <"$SERVICES_FILE"
  for var in "${LINK_VARS[@]}"; do
    [ -n "${SERVICE_PORT[${LINK_SERVICE[$var]}]+set}" ] || topology_error "${link_line[$var]}" \
      "link $var names the unknown service '${LINK_SERVICE[$var]}' (services: ${SERVICE_NAMES[*]:-none})"
  done
}

# Fails unless services.conf lists the service.
require_service() {
  [ -n "${SERVICE_PORT[$1]+set}" ] || fail "services.conf lists no service '$1'; see $SERVICES_FILE"
}

# The stage keys, first to start first.
stages() {
  [ "${#SERVICE_NAMES[@]}" -gt 0 ] || return 0
  printf '%s\n' "${SERVICE_STAGE[@]}" | sort -u -t. -k1,1n -k2,2n
}

# The services of one stage, in services.conf order.
stage_services() {
  local name
  for name in "${SERVICE_NAMES[@]}"; do
    if [ "${SERVICE_STAGE[$name]}" = "$1" ]; then say "$name"; fi
  done
}

service_url() {
  require_service "$1"
  say "http://localhost:${SERVICE_PORT[$1]}"
}

# VAR=URL for every link line. Arguments SERVICE=PORT put a service on another port (the
# benchmark's own instances).
link_env() {
  local -A port=()
  local moved var service
  for moved in "$@"; do port[${moved%%=*}]="${moved#*=}"; done
  for var in "${LINK_VARS[@]}"; do
    service="${LINK_SERVICE[$var]}"
    say "$var=http://localhost:${port[$service]:-${SERVICE_PORT[$service]}}${LINK_PATH[$var]}"
  done
}
