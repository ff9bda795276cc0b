package org.millgate.policies.core;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the policies learned about one request, for the access log and the metrics. Kept
 * as an exchange attribute; each request has its own.
 */
public final class ApiCall {

	static final String ATTRIBUTE = ApiCall.class.getName();

	private volatile String product = "-";

	private volatile String version = "-";

	private volatile String operation = "-";

	private volatile String client = "-";

	private volatile String plan = "-";

	private volatile String outcome;

	private volatile boolean throttled;

	private volatile String validation = "-";

	/**
	 * The record of an exchange, created on first use.
	 * @param exchange the exchange
	 * @return its record
	 */
	public static ApiCall of(ServerWebExchange exchange) {
		return (ApiCall) exchange.getAttributes().computeIfAbsent(ATTRIBUTE, (key) -> new ApiCall());
	}

	public void route(ApiRoute route) {
		this.product = route.productId();
		this.version = route.versionName();
	}

	public void operation(String operationId) {
		this.operation = operationId;
	}

	public void client(String clientId, String planName) {
		this.client = clientId;
		this.plan = planName;
	}

	/**
	 * Records why the gateway answered itself: the failure code of a policy.
	 * @param code the problem code
	 */
	public void failed(String code) {
		if (this.outcome == null) {
			this.outcome = code;
		}
	}

	public void throttled() {
		this.throttled = true;
	}

	public void validation(String result) {
		this.validation = result;
	}

	public String product() {
		return this.product;
	}

	public String version() {
		return this.version;
	}

	public String operation() {
		return this.operation;
	}

	public String client() {
		return this.client;
	}

	public String plan() {
		return this.plan;
	}

	/**
	 * The failure code of the policy that answered, or null when the upstream answered.
	 * @return the code or null
	 */
	public String failure() {
		return this.outcome;
	}

	public boolean isThrottled() {
		return this.throttled;
	}

	public String validation() {
		return this.validation;
	}

}
