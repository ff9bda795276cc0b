#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR/../..
# ./millgate drill: the resilience drills at full length. They are system-tests'
# ResilienceDrillsTests, which ./millgate test runs in a bounded form; here each fault lasts
# MILLGATE_DRILL_FAULT, the soak MILLGATE_DRILL_SOAK (ISO-8601 durations) and the kill
# drill posts MILLGATE_DRILL_KEYS confirmations.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"

# whole minutes of an ISO-8601 duration such as PT10M, PT30S or PT1H, rounded up
duration_minutes() {
  local text="${1#PT}" total=0 number
  while [ -n "$text" ]; do
    number="${text%%[!0-9]*}"
    text="${text#"$number"}"
    case "${text:0:1}" in
      H) total=$((total + number * 3600)) ;;
      M) total=$((total + number * 60)) ;;
      S) total=$((total + number)) ;;
      *) say 1; return 0 ;;
    esac
    text="${text:1}"
  done
  say $(( (total + 59) / 60 ))
}

require_java
ensure_redis
fault="${MILLGATE_DRILL_FAULT:-PT30S}" soak="${MILLGATE_DRILL_SOAK:-PT10M}" keys="${MILLGATE_DRILL_KEYS:-60}"
verdicts="$ROOT/system-tests/target/drills/verdicts.txt"
cd "$ROOT"
mkdir -p "$STATE"
rm -f "$verdicts"
say "Building the services, then the drills on a platform of their own: each fault lasts $fault,"
say "the soak $soak, the kill drill posts $keys confirmations (about $(( 4 + $(duration_minutes "$soak") + $(duration_minutes "$fault") * 5 )) minutes in all)..."
# the whole output goes to the log; each verdict line is shown as its drill ends
set +e
./mvnw -B -pl system-tests -am verify -Dtest=ResilienceDrillsTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmillgate.drill.fault="$fault" -Dmillgate.drill.soak="$soak" -Dmillgate.drill.keys="$keys" 2>&1 \
  | tee "$STATE/drill.log" | grep --line-buffered '^DRILL '
rc="${PIPESTATUS[0]}"
set -e
if [ ! -s "$verdicts" ]; then
  grep -E '^\[ERROR\]' "$STATE/drill.log" | head -n 5 >&2 || true
  fail "no drill ran; see $STATE/drill.log"
fi
[ "$rc" -eq 0 ] || fail "a drill failed; its verdict says which check; see $STATE/drill.log and system-tests/target/platform/"
say "Every drill passed ($(wc -l <"$verdicts") verdicts in system-tests/target/drills/verdicts.txt)."
