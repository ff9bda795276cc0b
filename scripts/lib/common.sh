# shellcheck shell=bash
# Helpers every launcher script shares. Sourced by ./millgate and scripts/cmd/*.sh, which
# set ROOT (the repository) and set -euo pipefail first.

# Read by the scripts that source this file:
# shellcheck disable=SC2034
STATE="${MILLGATE_STATE_DIR:-$ROOT/.millgate}"
# shellcheck disable=SC2034
CONTRACTS_DIR="$ROOT/api-contracts/src/main/resources/millgate/contracts"

say() { printf '%s\n' "$*"; }
fail() { printf 'millgate: %s\n' "$*" >&2; exit 1; }

# HTTP status of GET http://127.0.0.1:PORT/PATH with bash alone (no curl needed).
# The bash -c programs take their arguments as $0, $1..: expanded there, not here.
# shellcheck disable=SC2016
http_status() {
  local port="$1" path="$2"
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$1" >&3
    IFS=" " read -r _ status _ <&3 && printf "%s" "${status%$'"'"'\r'"'"'}"' "$port" "$path" 2>/dev/null || true
}

# shellcheck disable=SC2016
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

await_port() {
  for _ in $(seq 1 30); do port_open "$1" "$2" && return 0; sleep 1; done
  return 1
}

require_java() {
  command -v java >/dev/null 2>&1 || fail "no 'java' on the PATH: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || fail "Java $major found; Millgate needs a JDK 17 or newer"
}

# "HOST PORT" of URLs like redis://[user:pass@]host:port/0 or jdbc:postgresql://host:port/db
url_host_port() {
  local url="$1" default_port="$2" rest hostport
  rest="${url#*://}"
  rest="${rest#*@}"
  hostport="${rest%%/*}"
  hostport="${hostport%%\?*}"
  # a Sentinel or Cluster URL lists several nodes: the first, without the primary's name
  hostport="${hostport%%#*}"
  hostport="${hostport%%,*}"
  case "$hostport" in
    *:*) say "${hostport%%:*} ${hostport##*:}" ;;
    *) say "$hostport $default_port" ;;
  esac
}

is_loopback() { case "$1" in localhost|127.*|::1|"[::1]") return 0 ;; *) return 1 ;; esac; }
