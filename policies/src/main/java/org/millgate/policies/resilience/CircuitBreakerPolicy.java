package org.millgate.policies.resilience;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.gateway.filter.GatewayFilter;

import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#CIRCUIT_BREAKER}: a circuit breaker per
 * product service (shared by its versions). It counts calls that fail to reach the
 * service, time out (the route's response timeout), or answer 500, 502 or 504; a 503 is
 * the service telling about the ERP behind it and is passed on as it is. A caller that
 * hangs up before its answer is sent is no failure of the service. While the circuit is
 * open, calls are answered at once; state changes are logged at WARN. Configuration:
 * {@link Config}, per product. Failure codes: {@value #SERVICE_UNAVAILABLE} (503 with
 * {@code Retry-After}), {@value #SERVICE_TIMEOUT} (504).
 */
public final class CircuitBreakerPolicy extends AbstractRoutePolicy<CircuitBreakerPolicy.Config> {

	public static final String ID = "circuit-breaker";

	/** 503: the service cannot be reached, or its circuit is open. */
	public static final String SERVICE_UNAVAILABLE = "service.unavailable";

	/** 504: the service did not answer within the route's timeout. */
	public static final String SERVICE_TIMEOUT = "service.timeout";

	private final Problems problems;

	private final Map<String, ProductCircuit> circuits = new ConcurrentHashMap<>();

	public CircuitBreakerPolicy(RouteConfigs<Config> configs, Problems problems) {
		super(ID, PolicyOrder.CIRCUIT_BREAKER, configs);
		this.problems = problems;
	}

	// the first route of a product makes its breaker, with that route's configuration
	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		ProductCircuit circuit = this.circuits.computeIfAbsent(route.productId(),
				(product) -> new ProductCircuit(product, config, this.problems));
		return circuit::filter;
	}

	/**
	 * The breakers made so far, one per product of the routes this policy was applied to.
	 * @return the breakers
	 */
	public Collection<CircuitBreaker> breakers() {
		return this.circuits.values().stream().map(ProductCircuit::breaker).toList();
	}

	/**
	 * Configuration of {@value #ID} for a product.
	 *
	 * @param timeout the response timeout of its routes
	 * @param failureRatePercent the failure rate that opens the circuit
	 * @param slidingWindow the calls the rate is computed over
	 * @param minimumCalls the calls needed before the rate counts
	 * @param openFor how long the circuit stays open before trying again
	 */
	public record Config(Duration timeout, float failureRatePercent, int slidingWindow, int minimumCalls,
			Duration openFor) {

	}

}
