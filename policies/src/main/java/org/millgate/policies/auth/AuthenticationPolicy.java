package org.millgate.policies.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriTemplate;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.Caller;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;
import org.millgate.policies.versioning.VersioningPolicy;

/**
 * Policy {@code authentication}: a bearer token verified against the trusted issuers; the
 * scope the contract's security requirement names for the called operation; a plant named
 * in the path or query must be one of the token's {@code plants} (when the token has that
 * claim; services decide what its absence means). Failure codes:
 * {@code auth.tokenInvalid} (401), {@code auth.insufficientScope} (403),
 * {@code resource.notFound} (404 for a plant out of reach, as the products answer, so
 * that existence does not leak).
 */
public final class AuthenticationPolicy implements Policy {

	public static final String ID = "authentication";

	private static final Pattern BEARER = Pattern.compile("^Bearer ([A-Za-z0-9_\\-.~+/]+=*)$");

	private static final String PLANT = "plant";

	private final TokenVerifier verifier;

	private final Problems problems;

	private final String defaultPlan;

	/**
	 * The policy.
	 * @param verifier the token verifier
	 * @param problems problem answers
	 * @param defaultPlan the plan of tokens that name none
	 */
	public AuthenticationPolicy(TokenVerifier verifier, Problems problems, String defaultPlan) {
		this.verifier = verifier;
		this.problems = problems;
		this.defaultPlan = defaultPlan;
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Verifies the token and records the caller, before throttling (which needs the
	 * caller's plan).
	 * @return the filter
	 */
	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.AUTHENTICATION);
	}

	/**
	 * Checks scope and plant, after throttling, so that refused calls count against the
	 * caller's quota and carry the rate-limit headers too.
	 * @return the filter
	 */
	public OrderedGatewayFilter authorization() {
		return new OrderedGatewayFilter(this::authorize, PolicyOrder.AUTHORIZATION);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (authorization.isEmpty()) {
			return unauthorized(exchange, "An access token is required: send 'Authorization: Bearer <token>'.");
		}
		var bearer = BEARER.matcher(authorization.get(0));
		if (authorization.size() > 1 || !bearer.matches()) {
			return unauthorized(exchange, "The Authorization header must be exactly 'Bearer <token>'.");
		}
		return this.verifier.verify(bearer.group(1)).flatMap((jwt) -> {
			caller(jwt, this.defaultPlan).bind(exchange);
			return chain.filter(exchange);
		}).onErrorResume(TokenVerifier.InvalidToken.class, (invalid) -> unauthorized(exchange, invalid.getMessage()));
	}

	Mono<Void> authorize(ServerWebExchange exchange, GatewayFilterChain chain) {
		Caller caller = Caller.of(exchange)
			.orElseThrow(() -> new IllegalStateException("authorization runs after authentication"));
		OperationScopes.Entry operation = exchange.getAttribute(VersioningPolicy.OPERATION);
		if (operation == null) {
			throw new IllegalStateException("authentication runs after versioning");
		}
		if (!caller.scopes().contains(operation.scope())) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", scope=\"" + operation.scope() + "\"");
			return this.problems.write(exchange, "auth.insufficientScope",
					operation.operationId() + " requires scope " + operation.scope() + ".", List.<RequestViolation>of(),
					headers);
		}
		Optional<String> foreign = foreignPlant(caller, plantsRequested(exchange, operation));
		if (foreign.isPresent()) {
			return this.problems.write(exchange, "resource.notFound",
					"No plant '" + TokenVerifier.printable(foreign.get()) + "' is visible to the caller.");
		}
		return chain.filter(exchange);
	}

	/**
	 * The caller a verified token describes.
	 * @param jwt the token
	 * @param defaultPlan the plan when the token names none
	 * @return the caller
	 */
	static Caller caller(Jwt jwt, String defaultPlan) {
		String clientId = Optional.ofNullable(jwt.getClaimAsString("client_id")).orElse(jwt.getSubject());
		String plan = Optional.ofNullable(jwt.getClaimAsString("plan")).orElse(defaultPlan);
		Optional<Set<String>> plants = Optional.empty();
		Object claim = jwt.getClaims().get("plants");
		if (claim != null) {
			Set<String> values = new LinkedHashSet<>();
			if (claim instanceof Collection<?> list) {
				list.forEach((value) -> values.add(String.valueOf(value)));
			}
			else if (claim instanceof String text && !text.isBlank()) {
				// space separated, as the products accept it too
				values.addAll(List.of(text.trim().split("\\s+")));
			}
			// any other shape grants no plant
			plants = Optional.of(Set.copyOf(values));
		}
		String issuer = (jwt.getIssuer() != null) ? jwt.getIssuer().toString() : "-";
		return new Caller(issuer, (clientId != null) ? clientId : "-", plan,
				Optional.ofNullable(jwt.getClaimAsString("partner_id")), plants, scopes(jwt));
	}

	private static Set<String> scopes(Jwt jwt) {
		Object scope = jwt.getClaims().get("scope");
		Set<String> scopes = new LinkedHashSet<>();
		if (scope instanceof String text) {
			scopes.addAll(List.of(text.trim().split("\\s+")));
		}
		else if (scope instanceof Collection<?> list) {
			list.forEach((value) -> scopes.add(String.valueOf(value)));
		}
		return Set.copyOf(scopes);
	}

	/**
	 * The plants a request names: the {@code plant} query parameter and a {@code plant}
	 * path variable.
	 * @param exchange the exchange
	 * @param operation the called operation
	 * @return the plants named
	 */
	static List<String> plantsRequested(ServerWebExchange exchange, OperationScopes.Entry operation) {
		List<String> plants = new java.util.ArrayList<>();
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
	 * @return that plant, or empty when all are visible or the token has no plants claim
	 */
	static Optional<String> foreignPlant(Caller caller, List<String> requested) {
		if (caller.plants().isEmpty()) {
			return Optional.empty();
		}
		Set<String> visible = caller.plants().get();
		return requested.stream().filter((plant) -> !visible.contains(plant)).findFirst();
	}

	private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millgate\"");
		return this.problems.write(exchange, "auth.tokenInvalid", detail, List.<RequestViolation>of(), headers);
	}

}
