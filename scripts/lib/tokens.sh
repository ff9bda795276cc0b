# shellcheck shell=bash
# ./millgate token: an access token of a demo client. Needs common.sh and topology.sh.

# By the client-credentials grant against identity's port in services.conf, with bash
# alone. The demo secret is CLIENT-secret unless MILLGATE_CLIENT_SECRET says otherwise.
cmd_token() {
  [ $# -ge 1 ] || { say "Usage: ./millgate token CLIENT [SCOPE..]  (clients: mes-plant-1000, mes-plant-2000, wms-plant-1000, ops-console, partner-acme, partner-beta)" >&2; exit 2; }
  local client="$1" port
  shift
  load_topology
  port="${SERVICE_PORT[identity]:-9000}"
  port_open 127.0.0.1 "$port" || fail "identity does not answer on port $port; run ./millgate start first"
  local secret="${MILLGATE_CLIENT_SECRET:-$client-secret}" form="grant_type=client_credentials"
  [ $# -eq 0 ] || form="$form&scope=$(IFS=+; say "$*")"
  local basic response token
  basic="$(printf '%s:%s' "$client" "$secret" | base64 | tr -d '\n')"
  # the bash -c program takes its arguments as $0, $1..: expanded there, not here
  # shellcheck disable=SC2016
  response="$(timeout 10 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "POST /oauth2/token HTTP/1.0\r\nHost: localhost\r\nAuthorization: Basic %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s" "$1" "${#2}" "$2" >&3
    cat <&3' "$port" "$basic" "$form")" || fail "identity did not answer"
  token="$(printf '%s' "$response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || fail "no token for '$client': $(printf '%s' "$response" | tail -n 1)"
  say "$token"
}
