package org.millgate.policies.observability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import org.millgate.contracts.access.Caller;
import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.web.Correlation;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#ACCESS_LOG}: one line per request (but
 * {@code /actuator}) on logger {@code millgate.access}, with the fields as key-value
 * pairs, so that structured (JSON) logging shows each as a field (client, product,
 * version, operation, status, latency, throttled, validation outcome, correlation and
 * trace ids); one sample of timer {@code millgate.gateway.requests} tagged by product,
 * version, client and outcome; and the call counted in the {@link UsageLedger}. The
 * outcome is the problem code the gateway answered with, or {@code ok},
 * {@code client_error} or {@code server_error} for the product's own answer.
 * <p>
 * The timer's series are bounded: the first {@code clientSeries} distinct clients get
 * series of their own, later ones are tagged {@value #OTHER_CLIENTS} (said once in the
 * log), so that an issuer minting a client id per user cannot grow the gateway's memory
 * without end. The usage ledger and the log line still name every client. Configuration:
 * the bound. No failure code.
 */
public final class AccessLogPolicy extends AbstractWebPolicy {

	public static final String ID = "access-log";

	/** How many distinct clients get timer series of their own, unless configured. */
	public static final int CLIENT_SERIES = 1_000;

	/** The client tag of the clients beyond the bound. */
	public static final String OTHER_CLIENTS = "(other)";

	private static final Logger logger = LoggerFactory.getLogger(AccessLogPolicy.class);

	private static final Logger access = LoggerFactory.getLogger("millgate.access");

	private static final Duration[] SLO = { Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(5) };

	private final MeterRegistry meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Set<String> clientsWithSeries = ConcurrentHashMap.newKeySet();

	private final int clientSeries;

	private final AtomicBoolean boundReached = new AtomicBoolean();

	private final UsageLedger usage;

	/**
	 * The policy.
	 * @param meters where the timer is registered
	 * @param usage where each client's calls per product version are counted, or null for
	 * nowhere
	 */
	public AccessLogPolicy(MeterRegistry meters, UsageLedger usage) {
		this(meters, usage, CLIENT_SERIES);
	}

	/**
	 * The policy, with its bound of timer series.
	 * @param meters where the timer is registered
	 * @param usage where each client's calls per product version are counted, or null for
	 * nowhere
	 * @param clientSeries how many distinct clients get series of their own (1 or more)
	 */
	public AccessLogPolicy(MeterRegistry meters, UsageLedger usage, int clientSeries) {
		super(ID, PolicyOrder.ACCESS_LOG);
		if (clientSeries < 1) {
			throw new IllegalArgumentException(
					"The clients with timer series of their own must be 1 or more, not " + clientSeries);
		}
		this.meters = meters;
		this.usage = usage;
		this.clientSeries = clientSeries;
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
		String outcome = outcome(Problems.answeredCode(exchange), code);
		timer(call, outcome, access(exchange.getRequest().getMethod()), statusClass(code)).record(nanos,
				TimeUnit.NANOSECONDS);
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
				.addKeyValue("correlationId", Correlation.id(exchange))
				.addKeyValue("traceId", (Object) exchange.getAttribute(Correlation.TRACE_ID_ATTRIBUTE))
				.log();
		}
	}

	// one timer per tag combination, found by a map lookup rather than built per request
	private Timer timer(ApiCall call, String outcome, String access, String statusClass) {
		String plan = call.plan();
		String plant = plant(call);
		String client = clientTag(call.client());
		String key = call.product() + '\n' + call.version() + '\n' + client + '\n' + outcome + '\n' + plan + '\n'
				+ plant + '\n' + access + '\n' + statusClass;
		return this.timers.computeIfAbsent(key,
				(name) -> Timer.builder("millgate.gateway.requests")
					.description("Requests through the gateway")
					.tag("product", call.product())
					.tag("version", call.version())
					.tag("client", client)
					.tag("outcome", outcome)
					// the service-level objectives (deploy/observability) are per plan
					// and
					// plant, for reads and writes, by status class
					.tag("plan", plan)
					.tag("plant", plant)
					.tag("access", access)
					.tag("status", statusClass)
					// a few fixed buckets (p95 per client is read from them), not a
					// full histogram per client and outcome
					.serviceLevelObjectives(SLO)
					.register(this.meters));
	}

	// the client's own tag while the bound holds, else the tag of all the others
	private String clientTag(String client) {
		if (this.clientsWithSeries.contains(client)) {
			return client;
		}
		if (this.clientsWithSeries.size() < this.clientSeries) {
			// a few more than the bound may pass when clients arrive at once: bounded
			// still
			this.clientsWithSeries.add(client);
			return client;
		}
		if (this.boundReached.compareAndSet(false, true)) {
			logger.warn("More than {} distinct clients called: timer millgate.gateway.requests counts the later ones "
					+ "as client=\"{}\" (millgate.gateway.metrics-client-series); the access log and the usage "
					+ "still name each", this.clientSeries, OTHER_CLIENTS);
		}
		return OTHER_CLIENTS;
	}

	/**
	 * The plants a request is made for, as the caller's token names them: a plant's
	 * machine clients carry their plant, so a plant's traffic is told apart.
	 * @param call the call
	 * @return the plant, the plants joined with {@code +} in order, or {@code -} for a
	 * token without plants (a partner) or a request without a valid token
	 */
	static String plant(ApiCall call) {
		Set<String> plants = call.caller().map(Caller::plants).orElse(Set.of());
		if (plants.isEmpty()) {
			return "-";
		}
		if (plants.size() == 1) {
			return plants.iterator().next();
		}
		return String.join("+", new TreeSet<>(plants));
	}

	// a CORS preflight (OPTIONS) changes nothing: a read
	static String access(HttpMethod method) {
		return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method))
				? "read" : "write";
	}

	static String statusClass(int status) {
		return (status >= 500) ? "5xx" : (status >= 400) ? "4xx" : (status >= 300) ? "3xx" : "2xx";
	}

	/**
	 * The outcome of a request.
	 * @param answeredCode the problem code the gateway answered with, or null
	 * @param status the status answered
	 * @return the code, or the kind of the product's answer
	 */
	static String outcome(String answeredCode, int status) {
		if (answeredCode != null) {
			return answeredCode;
		}
		if (status >= 500) {
			return "server_error";
		}
		return (status >= 400) ? "client_error" : "ok";
	}

	/**
	 * Configuration of {@value #ID}: none; the logger, timer and its buckets are fixed.
	 */
	public record Config() {

	}

}
