# jfr print --events jdk.ExecutionSample output -> Markdown: where the samples are, inclusive by
# layer, and the methods on top of the stack
function flush(   i, f, c, seen) {
  if (n == 0) return
  total++
  thread[tname]++
  split("", seen)
  for (i = 1; i <= n; i++) {
    f = frame[i]
    for (c = 1; c <= ncat; c++) {
      if (!(c in seen) && f ~ catre[c]) { seen[c] = 1; incl[c]++ }
    }
  }
  top[frame[1]]++
  n = 0
}
BEGIN {
  ncat = 0
  cat[++ncat] = "authentication (JWT check, scopes, plants)"; catre[ncat] = "^org\\.millgate\\.policies\\.auth\\."
  cat[++ncat] = "throttling (Redis script, lanes)"; catre[ncat] = "^org\\.millgate\\.policies\\.throttle\\."
  cat[++ncat] = "request validation"; catre[ncat] = "^org\\.millgate\\.policies\\.validation\\.Request"
  cat[++ncat] = "response validation (report mode, sampled)"; catre[ncat] = "^org\\.millgate\\.policies\\.validation\\.Response"
  cat[++ncat] = "the OpenAPI / JSON-schema libraries (in either validation)"; catre[ncat] = "^(com\\.atlassian\\.oai|com\\.github\\.fge|org\\.mozilla\\.javascript)\\."
  cat[++ncat] = "hygiene, correlation, access log"; catre[ncat] = "^org\\.millgate\\.policies\\.(hygiene|observability)\\."
  cat[++ncat] = "versioning, resilience, CORS"; catre[ncat] = "^org\\.millgate\\.policies\\.(versioning|resilience|cors)\\."
  cat[++ncat] = "route lookup (predicates)"; catre[ncat] = "^org\\.springframework\\.cloud\\.gateway\\.handler\\."
  cat[++ncat] = "proxying to the product (HTTP client)"; catre[ncat] = "^(org\\.springframework\\.cloud\\.gateway\\.filter\\.Netty|reactor\\.netty\\.http\\.client\\.)"
  cat[++ncat] = "Redis client (Lettuce)"; catre[ncat] = "^io\\.lettuce\\."
  cat[++ncat] = "metrics (Micrometer)"; catre[ncat] = "^io\\.micrometer\\."
  cat[++ncat] = "logging"; catre[ncat] = "^(ch\\.qos\\.logback|org\\.slf4j)\\."
  cat[++ncat] = "JSON (Jackson)"; catre[ncat] = "^(com\\.fasterxml\\.jackson|tools\\.jackson)\\."
  cat[++ncat] = "Netty I/O (sockets, HTTP codec)"; catre[ncat] = "^io\\.netty\\."
}
/^jdk\.ExecutionSample/ { flush(); inside = 0; next }
/sampledThread = / { t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); sub(/-?[0-9]+$/, "", t); tname = t; next }
/stackTrace = \[/ { inside = 1; next }
inside && /^[ \t]*\]/ { inside = 0; next }
inside {
  f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); sub(/\(.*/, "", f)
  if (f != "...") frame[++n] = f
}
END {
  flush()
  if (total == 0) { print "No samples."; exit }
  printf "%d samples of the gateway's Java threads.\n\n", total
  print "| layer (a sample counts for each layer on its stack) | share of samples |"
  print "|---|---:|"
  for (c = 1; c <= ncat; c++) printf "| %s | %.1f %% |\n", cat[c], 100 * incl[c] / total
  print ""
  print "| thread | share |"
  print "|---|---:|"
  for (t in thread) printf "%d\t%s\n", thread[t], t | "sort -rn | head -n 6 | awk -F'\\t' -v n=" total " '{ printf \"| %s | %.1f %% |\\n\", $2, 100 * $1 / n }'"
  close("sort -rn | head -n 6 | awk -F'\\t' -v n=" total " '{ printf \"| %s | %.1f %% |\\n\", $2, 100 * $1 / n }'")
  print ""
  print "| method on top of the stack | share |"
  print "|---|---:|"
  for (m in top) printf "%d\t%s\n", top[m], m | "sort -rn | head -n 15 | awk -F'\\t' -v n=" total " '{ printf \"| `%s` | %.1f %% |\\n\", $2, 100 * $1 / n }'"
}
