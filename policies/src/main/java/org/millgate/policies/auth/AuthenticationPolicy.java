package org.millgate.policies.auth;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#AUTHENTICATION}: a bearer token verified
 * by the {@link TokenVerifier} (trusted issuers, algorithms, clock skew, revocations);
 * the caller its claims describe ({@link Caller#fromClaims}) is recorded for the later
 * policies. Configuration: {@link Config}. Failure codes: {@value #TOKEN_INVALID} (401,
 * with a {@code WWW-Authenticate} challenge), {@value #ISSUER_UNAVAILABLE} (503, with
 * {@code Retry-After}) while the token's issuer cannot be asked for its keys or its
 * revocation list has never been read.
 */
public final class AuthenticationPolicy extends AbstractRoutePolicy<AuthenticationPolicy.Config> {

	public static final String ID = "authentication";

	/** 401: no token, a malformed header, or a token that does not verify. */
	public static final String TOKEN_INVALID = "auth.tokenInvalid";

	/**
	 * 503: the issuer's keys or revocation list cannot be read, so the token is not
	 * judged.
	 */
	public static final String ISSUER_UNAVAILABLE = "auth.issuerUnavailable";

	private static final String RETRY_AFTER_SECONDS = "5";

	private static final Pattern BEARER = Pattern.compile("^Bearer ([A-Za-z0-9_\\-.~+/]+=*)$");

	private final TokenVerifier verifier;

	private final Problems problems;

	/**
	 * The policy.
	 * @param verifier the token verifier
	 * @param configs the configuration per route
	 * @param problems problem answers
	 */
	public AuthenticationPolicy(TokenVerifier verifier, RouteConfigs<Config> configs, Problems problems) {
		super(ID, PolicyOrder.AUTHENTICATION, configs);
		this.verifier = verifier;
		this.problems = problems;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		return (exchange, chain) -> filter(config, exchange, chain);
	}

	private Mono<Void> filter(Config config, ServerWebExchange exchange, GatewayFilterChain chain) {
		List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (authorization.isEmpty()) {
			return unauthorized(exchange, "An access token is required: send 'Authorization: Bearer <token>'.");
		}
		Matcher bearer = BEARER.matcher(authorization.get(0));
		if (authorization.size() > 1 || !bearer.matches()) {
			return unauthorized(exchange, "The Authorization header must be exactly 'Bearer <token>'.");
		}
		return this.verifier.verify(bearer.group(1)).flatMap((jwt) -> {
			ApiCall.of(exchange).caller(caller(jwt, config.defaultPlan()));
			return chain.filter(exchange);
		})
			.onErrorResume(TokenVerifier.InvalidToken.class, (invalid) -> unauthorized(exchange, invalid.getMessage()))
			.onErrorResume(TokenVerifier.IssuerUnavailable.class, (unavailable) -> {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
				return this.problems.write(exchange, ISSUER_UNAVAILABLE, unavailable.getMessage(),
						List.<RequestViolation>of(), headers);
			});
	}

	/**
	 * The caller a verified token describes, read by the one rule gateway and products
	 * share.
	 * @param jwt the verified token
	 * @param defaultPlan the plan when the token names none
	 * @return the caller
	 */
	static Caller caller(Jwt jwt, String defaultPlan) {
		return Caller.fromClaims(jwt.getClaims(), defaultPlan);
	}

	private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millgate\"");
		return this.problems.write(exchange, TOKEN_INVALID, detail, List.<RequestViolation>of(), headers);
	}

	/**
	 * Configuration of {@value #ID}.
	 *
	 * @param defaultPlan the plan of tokens that name none (tokens of other issuers)
	 */
	public record Config(String defaultPlan) {

	}

}
