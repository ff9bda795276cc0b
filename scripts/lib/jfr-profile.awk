# `jfr print --events jdk.ExecutionSample` of the gateway -> Markdown (./millgate bench): each
# sample given to the innermost layer on its stack (the frames nearest its top that belong to
# a layer of the table; every request runs on Netty's event loop, and each policy calls the rest
# of the chain, so only the innermost is telling), then the libraries by the share of samples
# they are anywhere on, the threads, and the methods on top of the stacks.
function flush(   i, c, seen, owner) {
  if (n == 0) return
  total++
  thread[tname]++
  split("", seen)
  owner = 0
  for (i = 1; i <= n; i++) {
    for (c = 1; c <= ncat; c++) {
      if (frame[i] ~ catre[c]) {
        if (!owner) owner = c
        if (!(c in seen)) { seen[c] = 1; incl[c]++ }
        break
      }
    }
  }
  if (owner) innermost[owner]++; else unowned++
  top[frame[1]]++
  n = 0
}
function layer(name, re, along) { cat[++ncat] = name; catre[ncat] = re; alongside[ncat] = along }
BEGIN {
  ncat = 0
  # along = 1: a library, whose share anywhere on the stack is told too (a policy's would hold
  # the rest of the chain it calls)
  layer("authentication (JWT check, scopes, plants)", "^org\\.millgate\\.policies\\.auth\\.", 0)
  layer("throttling (Redis script, lanes)", "^org\\.millgate\\.policies\\.throttle\\.", 0)
  layer("request validation", "^org\\.millgate\\.policies\\.validation\\.Request", 0)
  layer("response validation (report mode, sampled)", "^org\\.millgate\\.policies\\.validation\\.Response", 0)
  layer("the OpenAPI and JSON-schema libraries (both validations)", "^(com\\.atlassian\\.oai|com\\.github\\.fge|org\\.mozilla\\.javascript|com\\.google\\.common|io\\.swagger)\\.", 1)
  layer("the contracts' own validators (api-contracts)", "^org\\.millgate\\.contracts\\.", 1)
  layer("hygiene, correlation, access log", "^org\\.millgate\\.policies\\.(hygiene|observability)\\.", 0)
  layer("versioning, resilience, CORS, other policies", "^org\\.millgate\\.(policies|web)\\.", 0)
  layer("Redis client (Lettuce)", "^io\\.lettuce\\.", 1)
  layer("metrics (Micrometer)", "^io\\.micrometer\\.", 1)
  layer("logging", "^(ch\\.qos\\.logback|org\\.slf4j)\\.", 1)
  layer("JSON (Jackson)", "^(com\\.fasterxml\\.jackson|tools\\.jackson)\\.", 1)
  layer("token parsing and signatures (Nimbus, Spring Security)", "^(com\\.nimbusds|org\\.springframework\\.security)\\.", 1)
  layer("route lookup (predicates)", "^org\\.springframework\\.cloud\\.gateway\\.handler\\.|^org\\.millgate\\.gateway\\.CatalogRouteMapping", 0)
  layer("proxying to the product (gateway's HTTP client)", "^(org\\.springframework\\.cloud\\.gateway\\.filter\\.Netty|reactor\\.netty\\.http\\.client\\.)", 0)
  layer("the gateway's and WebFlux's own filter chain", "^org\\.springframework\\.(cloud\\.gateway|web|http)\\.", 0)
  layer("Reactor operators", "^reactor\\.(core|util)\\.", 0)
  layer("Netty and Reactor Netty (sockets, HTTP codec, buffers)", "^(io\\.netty|reactor\\.netty)\\.", 0)
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
  printf "%d samples of the gateway's Java threads. Each is given to the innermost layer on its stack (a JDK method counts for the layer that called it):\n\n", total
  print "| layer | share of samples |"
  print "|---|---:|"
  for (c = 1; c <= ncat; c++) if (innermost[c] > 0) printf "| %s | %.1f %% |\n", cat[c], 100 * innermost[c] / total
  if (unowned > 0) printf "| none of these (the JDK alone, the JIT's own frames) | %.1f %% |\n", 100 * unowned / total
  print ""
  print "The libraries, by the share of samples they are anywhere on (their own work and what they call):"
  print ""
  print "| library | share of samples |"
  print "|---|---:|"
  for (c = 1; c <= ncat; c++) if (alongside[c]) printf "| %s | %.1f %% |\n", cat[c], 100 * incl[c] / total
  print ""
  print "| thread | share |"
  print "|---|---:|"
  for (t in thread) printf "%d\t%s\n", thread[t], t | "sort -rn | head -n 4 | awk -F'\\t' -v n=" total " '{ printf \"| %s | %.1f %% |\\n\", $2, 100 * $1 / n }'"
  close("sort -rn | head -n 4 | awk -F'\\t' -v n=" total " '{ printf \"| %s | %.1f %% |\\n\", $2, 100 * $1 / n }'")
  print ""
  print "| method on top of the stack | share |"
  print "|---|---:|"
  for (m in top) printf "%d\t%s\n", top[m], m | "sort -rn | head -n 12 | awk -F'\\t' -v n=" total " '{ printf \"| `%s` | %.1f %% |\\n\", $2, 100 * $1 / n }'"
}
