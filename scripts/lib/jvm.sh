# shellcheck shell=bash
# How ./millgate start runs a service's JVM: which Java, which options, and from which
# class-data archive. Needs common.sh.
#
# Java: the JDK in MILLGATE_JAVA_HOME, else in JAVA_HOME, else the java on the PATH; 17 or newer.
# (JDK 25 started the platform no faster than 17 here and took more memory: README, "What a
# governed call costs".)
#
# Options: sized for services of this size on one machine: the serial collector, a heap that
# starts small and grows to a bound, half-size thread stacks; every service but the gateway
# compiles with C1 alone (less memory and a faster start; the gateway, on every call's path,
# keeps the optimising compiler). MILLGATE_JAVA_OPTS comes after them, so it wins.
#
# Archive: a Spring Boot jar is run extracted (lib/ beside the application jar) under
# $STATE/jvm/SERVICE, so that the JVM can keep its classes in an archive: class-data sharing
# (JDK 17 to 24) or the ahead-of-time cache (JDK 25+). The first start records it, and it is
# written when the service stops normally (./millgate stop); later starts load it. A new
# build, another JDK or other options record a new one. MILLGATE_JVM_ARCHIVE=off runs the jars
# as they are.

JVM_BASE_OPTS=(-XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError)
declare -gA JVM_SERVICE_OPTS=(
  [gateway]="-Xms64m -Xmx384m"
  [event-broker]="-Xms64m -Xmx384m -XX:TieredStopAtLevel=1"
)
JVM_DEFAULT_OPTS="-Xms48m -Xmx256m -XX:TieredStopAtLevel=1"

JAVA_BIN=""
JAVA_MAJOR=""
JAVA_VM_VERSION=""

# Sets JAVA_BIN, JAVA_MAJOR and JAVA_VM_VERSION (see the header), asking the JVM once.
choose_java() {
  [ -z "$JAVA_BIN" ] || return 0
  local home="${MILLGATE_JAVA_HOME:-${JAVA_HOME:-}}" from=JAVA_HOME
  [ -z "${MILLGATE_JAVA_HOME:-}" ] || from=MILLGATE_JAVA_HOME
  if [ -n "$home" ]; then
    [ -x "$home/bin/java" ] || fail "$from=$home has no bin/java"
    JAVA_BIN="$home/bin/java"
  else
    JAVA_BIN="$(command -v java 2>/dev/null)" || fail "no 'java' on the PATH: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  fi
  local settings
  settings="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1)"
  JAVA_MAJOR="$(awk -F'= ' '/java.specification.version/ {print $2; exit}' <<<"$settings")"
  JAVA_MAJOR="${JAVA_MAJOR%%.*}"
  JAVA_VM_VERSION="$(awk -F'= ' '/java.vm.version/ {print $2; exit}' <<<"$settings")"
  [ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null || fail "$JAVA_BIN is Java $JAVA_MAJOR; Millgate needs 17 or newer"
}

# The JVM options of a service, MILLGATE_JAVA_OPTS last; one per line.
service_java_opts() {
  local sized extra=()
  read -r -a sized <<<"${JVM_SERVICE_OPTS[$1]:-$JVM_DEFAULT_OPTS}"
  read -r -a extra <<<"${MILLGATE_JAVA_OPTS:-}"
  printf '%s\n' "${JVM_BASE_OPTS[@]}" "${sized[@]}" "${extra[@]+"${extra[@]}"}"
}

# What a service's archive depends on besides its jar: the JVM's exact version and the options
# (but logging, -Xlog:..).
archive_key() {
  local option kept=()
  for option in "$@"; do
    case "$option" in -Xlog:*) ;; *) kept+=("$option") ;; esac
  done
  printf '%s %s\n' "$JAVA_VM_VERSION" "${kept[*]}" | cksum | awk '{print $1}'
}

# Prints the jar to run for SERVICE: the extracted one under $STATE/jvm/SERVICE (extracted
# again when the jar changed), or JAR itself when it is no Spring Boot jar or archives are off.
runnable_jar() {
  local name="$1" jar="$2" dir="$STATE/jvm/$1" stamp
  if [ "${MILLGATE_JVM_ARCHIVE:-on}" = off ]; then say "$jar"; return 0; fi
  stamp="$jar $(stat -c '%s %Y' "$jar")"
  if [ ! -f "$dir/source" ] || [ "$(cat "$dir/source")" != "$stamp" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    if ! "$JAVA_BIN" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1; then
      # not a Spring Boot jar: run it as it is (and do not try again until it changes)
      rm -rf "$dir/app"
    fi
    say "$stamp" >"$dir/source"
  fi
  if [ -d "$dir/app" ]; then
    say "$dir/app/$(basename "$jar")"
  else
    say "$jar"
  fi
}

# The archive options of SERVICE running RUNNABLE with OPTIONS..: load the archive when there
# is one, else record it into FILE.recording (kept by stop_archive once the JVM wrote it).
archive_opts() {
  local name="$1" runnable="$2" file
  shift 2
  case "$runnable" in "$STATE/jvm/$name/app/"*) ;; *) return 0 ;; esac
  file="$STATE/jvm/$name/$(archive_key "$@")"
  if [ "$JAVA_MAJOR" -ge 25 ]; then
    file="$file.aot"
    if [ -s "$file" ]; then say "-XX:AOTCache=$file"; else say "-XX:AOTCacheOutput=$file.recording"; fi
  else
    file="$file.jsa"
    if [ -s "$file" ]; then say "-XX:SharedArchiveFile=$file"; else say "-XX:ArchiveClassesAtExit=$file.recording"; fi
  fi
}

# Whether the service's command line records an archive (it writes it as it exits).
records_archive() {
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qE -- '^-XX:(ArchiveClassesAtExit|AOTCacheOutput)='
}

# After SERVICE's JVM exited: keeps the archive it recorded, or drops a partial one.
keep_archive() {
  local name="$1" how="$2" recording
  for recording in "$STATE/jvm/$name"/*.recording; do
    [ -e "$recording" ] || continue
    if [ "$how" = normal ] && [ -s "$recording" ]; then
      # one archive per service: the one of another JDK or other options goes
      find "$STATE/jvm/$name" -maxdepth 1 \( -name '*.jsa' -o -name '*.aot' \) -delete
      mv -f "$recording" "${recording%.recording}"
    else
      rm -f "$recording"
    fi
  done
  rm -f "$STATE/jvm/$name"/*.recording.config 2>/dev/null || true
}
