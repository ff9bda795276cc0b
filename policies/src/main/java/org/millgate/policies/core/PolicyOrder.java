package org.millgate.policies.core;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.Ordered;

/**
 * Every gateway policy, in the order a request meets them: first the web filters in front
 * of every request, then the filters of the API routes. The route policies all run before
 * the gateway writes the upstream response (order -1), so that response validation can
 * still withhold it. This is the one place where a policy's order is written.
 */
public enum PolicyOrder {

	/** {@code correlation}: first, so that every answer carries the ids. */
	CORRELATION(Chain.WEB, Ordered.HIGHEST_PRECEDENCE),

	/** {@code access-log}: times everything after it. */
	ACCESS_LOG(Chain.WEB, Ordered.HIGHEST_PRECEDENCE + 1),

	/** {@code hygiene}: headers cleaned before anything reads them. */
	HYGIENE(Chain.WEB, Ordered.HIGHEST_PRECEDENCE + 2),

	/** {@code cors}: preflights answered before anything else answers. */
	CORS(Chain.WEB, Ordered.HIGHEST_PRECEDENCE + 3),

	/**
	 * {@code management-guard}: {@code /actuator} beyond health for management clients.
	 */
	MANAGEMENT_GUARD(Chain.WEB, Ordered.HIGHEST_PRECEDENCE + 4),

	/**
	 * {@code not-found}: the only policy of the last route, which no API path reaches.
	 */
	NOT_FOUND(Chain.ROUTE, -100),

	/** {@code versioning}: the lifecycle, and the operation called. */
	VERSIONING(Chain.ROUTE, -100),

	/** {@code authentication}: before throttling, which needs the caller's plan. */
	AUTHENTICATION(Chain.ROUTE, -90),

	/** {@code throttling}. */
	THROTTLING(Chain.ROUTE, -80),

	/**
	 * {@code authorization}: after throttling, so that refused calls count against the
	 * caller's quota and carry the rate-limit headers too.
	 */
	AUTHORIZATION(Chain.ROUTE, -75),

	/** {@code request-validation}. */
	REQUEST_VALIDATION(Chain.ROUTE, -70),

	/** {@code circuit-breaker}: around the retries, so that it counts a call once. */
	CIRCUIT_BREAKER(Chain.ROUTE, -60),

	/** {@code retry}. */
	RETRY(Chain.ROUTE, -50),

	/** {@code response-validation}: last, closest to the upstream response. */
	RESPONSE_VALIDATION(Chain.ROUTE, -10);

	private final Chain chain;

	private final int value;

	PolicyOrder(Chain chain, int value) {
		this.chain = chain;
		this.value = value;
	}

	/**
	 * Which chain the policy runs in.
	 * @return the chain
	 */
	public Chain chain() {
		return this.chain;
	}

	/**
	 * The order within its chain, as Spring's {@link Ordered} reads it.
	 * @return the order value
	 */
	public int value() {
		return this.value;
	}

	/**
	 * A route filter at this order.
	 * @param filter the filter
	 * @return the filter, ordered
	 */
	public GatewayFilter filter(GatewayFilter filter) {
		if (this.chain != Chain.ROUTE) {
			throw new IllegalStateException(name() + " is not a route policy");
		}
		return new OrderedGatewayFilter(filter, this.value);
	}

	/**
	 * The two chains a request passes.
	 */
	public enum Chain {

		/** The web filters, in front of every request. */
		WEB,

		/** The filters of an API route, after the web filters. */
		ROUTE

	}

}
