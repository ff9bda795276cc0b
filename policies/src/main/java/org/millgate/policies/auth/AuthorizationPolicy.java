package org.millgate.policies.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriTemplate;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#AUTHORIZATION}: the caller's token must
 * grant the scope the contract's security requirement names for the called operation, and
 * a plant named in the path or query must be one the caller sees ({@link Caller#sees}): a
 * token without a {@code plants} claim sees none. A partner token without a
 * {@code plants} claim is not checked by plant here; its product decides
 * ({@link Caller#reachedThroughPartnerOnly()}). Configuration: none, the scopes come from
 * the contract. Failure codes: {@value #INSUFFICIENT_SCOPE} (403),
 * {@value #RESOURCE_NOT_FOUND} (404 for a plant out of reach, as the products answer, so
 * that existence does not leak).
 */
public final class AuthorizationPolicy extends AbstractRoutePolicy<AuthorizationPolicy.Config> {

	public static final String ID = "authorization";

	/** 403: the token lacks the operation's scope. */
	public static final String INSUFFICIENT_SCOPE = "auth.insufficientScope";

	/** 404: a plant the caller does not see. */
	public static final String RESOURCE_NOT_FOUND = "resource.notFound";

	private static final String PLANT = "plant";

	private final Problems problems;

	public AuthorizationPolicy(Problems problems) {
		super(ID, PolicyOrder.AUTHORIZATION, RouteConfigs.same(new Config()));
		this.problems = problems;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ApiCall call = ApiCall.of(exchange);
		Caller caller = call.caller()
			.orElseThrow(() -> new IllegalStateException("authorization runs after authentication"));
		OperationScopes.Entry operation = call.calledOperation()
			.orElseThrow(() -> new IllegalStateException("authorization runs after versioning"));
		if (!caller.scopes().contains(operation.scope())) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", scope=\"" + operation.scope() + "\"");
			return this.problems.write(exchange, INSUFFICIENT_SCOPE,
					operation.operationId() + " requires scope " + operation.scope() + ".", List.<RequestViolation>of(),
					headers);
		}
		Optional<String> foreign = foreignPlant(caller, plantsRequested(exchange, operation));
		if (foreign.isPresent()) {
			return this.problems.write(exchange, RESOURCE_NOT_FOUND,
					"No plant '" + TokenVerifier.printable(foreign.get()) + "' is visible to the caller.");
		}
		return chain.filter(exchange);
	}

	/**
	 * The plants a request names: the {@code plant} query parameter and a {@code plant}
	 * path variable.
	 * @param exchange the exchange
	 * @param operation the called operation
	 * @return the plants named
	 */
	static List<String> plantsRequested(ServerWebExchange exchange, OperationScopes.Entry operation) {
		List<String> plants = new ArrayList<>();
		// a bare "?plant" has no value: the contract check answers it
		exchange.getRequest()
			.getQueryParams()
			.getOrDefault(PLANT, List.of())
			.stream()
			.filter((plant) -> plant != null && !plant.isEmpty())
			.forEach(plants::add);
		if (operation.template().contains("{" + PLANT + "}")) {
			Map<String, String> variables = new UriTemplate(operation.template())
				.match(exchange.getRequest().getPath().value());
			Optional.ofNullable(variables.get(PLANT)).ifPresent(plants::add);
		}
		return plants;
	}

	/**
	 * The first requested plant the caller may not see.
	 * @param caller the caller
	 * @param requested the plants the request names
	 * @return that plant, or empty when it sees them all or its partner decides its reach
	 */
	static Optional<String> foreignPlant(Caller caller, List<String> requested) {
		if (caller.reachedThroughPartnerOnly()) {
			return Optional.empty();
		}
		return requested.stream().filter((plant) -> !caller.sees(plant)).findFirst();
	}

	/**
	 * Configuration of {@value #ID}: none; each operation's scope comes from the
	 * contract, the caller's plants from its token.
	 */
	public record Config() {

	}

}
