package org.millgate.policies.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code access-log}: one line per request on logger {@code millgate.access}, with
 * the fields as key-value pairs, so that structured (JSON) logging shows each as a field
 * (client, product, version, operation, status, latency, throttled, validation outcome,
 * correlation and trace ids) and one sample of timer {@code millgate.gateway.requests}
 * tagged by product, version, client and outcome. The outcome is the failure code of the
 * policy that answered, or {@code ok}, {@code client_error} or {@code server_error} for
 * the product's own answer.
 */
public final class AccessLogPolicy implements Policy, WebFilter, Ordered {

	public static final String ID = "access-log";

	private static final Logger access = LoggerFactory.getLogger("millgate.access");

	private static final Duration[] SLO = { Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(5) };

	private final MeterRegistry meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final UsageLedger usage;

	public AccessLogPolicy(MeterRegistry meters) {
		this(meters, null);
	}

	/**
	 * A policy that also counts each client's calls per product version.
	 * @param meters the meters
	 * @param usage the usage ledger, or null for none
	 */
	public AccessLogPolicy(MeterRegistry meters, UsageLedger usage) {
		this.meters = meters;
		this.usage = usage;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator")) {
			return chain.filter(exchange);
		}
		long start = System.nanoTime();
		ApiCall call = ApiCall.of(exchange);
		return chain.filter(exchange).doFinally((signal) -> record(exchange, call, System.nanoTime() - start));
	}

	private void record(ServerWebExchange exchange, ApiCall call, long nanos) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		int code = (status != null) ? status.value() : 200;
		String outcome = outcome(call, code);
		timer(call, outcome).record(nanos, TimeUnit.NANOSECONDS);
		if (this.usage != null && !"-".equals(call.client()) && !"-".equals(call.product())) {
			this.usage.record(call.client(), call.product(), call.version(), code, nanos);
		}
		if (access.isInfoEnabled()) {
			String method = exchange.getRequest().getMethod().name();
			String path = exchange.getRequest().getPath().value();
			access.atInfo()
				.setMessage(() -> method + " " + path + " " + code + " " + outcome)
				.addKeyValue("method", method)
				.addKeyValue("path", path)
				.addKeyValue("status", code)
				.addKeyValue("latencyMs", Math.round(nanos / 10_000.0) / 100.0)
				.addKeyValue("client", call.client())
				.addKeyValue("plan", call.plan())
				.addKeyValue("product", call.product())
				.addKeyValue("version", call.version())
				.addKeyValue("operation", call.operation())
				.addKeyValue("outcome", outcome)
				.addKeyValue("throttled", call.isThrottled())
				.addKeyValue("validation", call.validation())
				.addKeyValue("correlationId", (Object) exchange.getAttribute(Problems.CORRELATION_ID))
				.addKeyValue("traceId", (Object) exchange.getAttribute(CorrelationPolicy.TRACE_ID))
				.log();
		}
	}

	// one timer per tag combination, found by a map lookup rather than built per request
	private Timer timer(ApiCall call, String outcome) {
		String key = call.product() + '\n' + call.version() + '\n' + call.client() + '\n' + outcome;
		return this.timers.computeIfAbsent(key,
				(name) -> Timer.builder("millgate.gateway.requests")
					.description("Requests through the gateway")
					.tag("product", call.product())
					.tag("version", call.version())
					.tag("client", call.client())
					.tag("outcome", outcome)
					// a few fixed buckets (p95 per client is read from them), not a full
					// histogram
					// per client and outcome
					.serviceLevelObjectives(SLO)
					.register(this.meters));
	}

	static String outcome(ApiCall call, int status) {
		if (call.failure() != null) {
			return call.failure();
		}
		if (status >= 500) {
			return "server_error";
		}
		return (status >= 400) ? "client_error" : "ok";
	}

}
