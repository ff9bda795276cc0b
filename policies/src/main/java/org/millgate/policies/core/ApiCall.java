package org.millgate.policies.core;

import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.OperationScopes;

/**
 * What the policies learned about one request, for the later policies, the access log and
 * the metrics: the route and operation called and who calls. Kept as an exchange
 * attribute; each request has its own. (The code of a problem the gateway answered with
 * is web-core's {@code Problems.answeredCode}.)
 */
public final class ApiCall {

	static final String ATTRIBUTE = ApiCall.class.getName();

	private volatile String product = "-";

	private volatile String version = "-";

	private volatile OperationScopes.Entry operation;

	private volatile Caller caller;

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

	/**
	 * Records the operation the request calls.
	 * @param called the operation and its scope
	 */
	public void operation(OperationScopes.Entry called) {
		this.operation = called;
	}

	/**
	 * Records who calls, once the token is verified.
	 * @param verified the caller
	 */
	public void caller(Caller verified) {
		this.caller = verified;
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

	/**
	 * The operation called.
	 * @return it, or empty before versioning found it
	 */
	public Optional<OperationScopes.Entry> calledOperation() {
		return Optional.ofNullable(this.operation);
	}

	/**
	 * Who calls.
	 * @return the caller, or empty before authentication
	 */
	public Optional<Caller> caller() {
		return Optional.ofNullable(this.caller);
	}

	public String operation() {
		OperationScopes.Entry called = this.operation;
		return (called != null) ? called.operationId() : "-";
	}

	public String client() {
		Caller current = this.caller;
		return (current != null) ? current.clientId() : "-";
	}

	public String plan() {
		Caller current = this.caller;
		return (current != null) ? current.plan() : "-";
	}

	public boolean isThrottled() {
		return this.throttled;
	}

	public String validation() {
		return this.validation;
	}

}
