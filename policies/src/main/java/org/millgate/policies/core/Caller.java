package org.millgate.policies.core;

import java.util.Optional;
import java.util.Set;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who calls, as the verified access token says.
 *
 * @param issuer the token's issuer
 * @param clientId the OAuth2 client
 * @param plan the plan the client subscribed to
 * @param partnerId the partner, for partner clients
 * @param plants the plants the client may see; empty when the token has no {@code plants}
 * claim (the product decides what that means)
 * @param scopes the granted scopes
 */
public record Caller(String issuer, String clientId, String plan, Optional<String> partnerId,
		Optional<Set<String>> plants, Set<String> scopes) {

	static final String ATTRIBUTE = Caller.class.getName();

	/**
	 * Records the caller of an exchange.
	 * @param exchange the exchange
	 */
	public void bind(ServerWebExchange exchange) {
		exchange.getAttributes().put(ATTRIBUTE, this);
		ApiCall.of(exchange).client(this.clientId, this.plan);
	}

	/**
	 * The caller of an exchange, once authenticated.
	 * @param exchange the exchange
	 * @return the caller, or empty before authentication
	 */
	public static Optional<Caller> of(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
	}

}
