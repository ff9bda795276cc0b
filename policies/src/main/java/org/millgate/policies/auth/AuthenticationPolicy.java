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
 * revocation list has never been read; {@code rateLimit.exceeded} (429, with
 * {@code Retry-After}) for an address whose requests without a valid token exhausted its
 * {@link FailedAuthentications} bucket.
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

	/** 429: too many requests without a valid token from one address. */
	public static final String TOO_MANY_FAILURES = "rateLimit.exceeded";

	private static final String RETRY_AFTER_SECONDS = "5";

	private static final Pattern BEARER = Pattern.compile("^Bearer ([A-Za-z0-9_\\-.~+/]+=*)$");

	private final TokenVerifier verifier;

	private final Problems problems;

	private final FailedAuthentications failures;

	/**
	 * The policy, without limits on failed requests.
	 * @param verifier the token verifier
	 * @param configs the configuration per route
	 * @param problems problem answers
	 */
	public AuthenticationPolicy(TokenVerifier verifier, RouteConfigs<Config> configs, Problems problems) {
		this(verifier, configs, problems, null);
	}

	/**
	 * The policy.
	 * @param verifier the token verifier
	 * @param configs the configuration per route
	 * @param problems problem answers
	 * @param failures requests without a valid token per client address, or null to not
	 * limit them
	 */
	public AuthenticationPolicy(TokenVerifier verifier, RouteConfigs<Config> configs, Problems problems,
			FailedAuthentications failures) {
		super(ID, PolicyOrder.AUTHENTICATION, configs);
		this.verifier = verifier;
		this.problems = problems;
		this.failures = failures;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		return (exchange, chain) -> filter(config, exchange, chain);
	}

	private Mono<Void> filter(Config config, ServerWebExchange exchange, GatewayFilterChain chain) {
		List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		Matcher bearer = authorization.isEmpty() ? null : BEARER.matcher(authorization.get(0));
		boolean wellFormed = bearer != null && authorization.size() == 1 && bearer.matches();
		String address = null;
		if (this.failures != null) {
			address = this.failures.addressOf(exchange.getRequest());
			long wait = this.failures.waitSeconds(address);
			if (wait > 0 && !(wellFormed && this.verifier.remembers(bearer.group(1)))) {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
				return this.problems.write(exchange, TOO_MANY_FAILURES,
						"Too many requests without a valid access token from " + address + "; retry after " + wait
								+ " s.",
						List.<RequestViolation>of(), headers);
			}
		}
		String from = address;
		if (authorization.isEmpty()) {
			return unauthorized(exchange, from, "An access token is required: send 'Authorization: Bearer <token>'.");
		}
		if (!wellFormed) {
			return unauthorized(exchange, from, "The Authorization header must be exactly 'Bearer <token>'.");
		}
		return this.verifier.verify(bearer.group(1)).flatMap((jwt) -> {
			Caller caller = this.verifier.caller(jwt, config.defaultPlan());
			if (Caller.NO_CLIENT.equals(caller.clientId())) {
				// no client to count, limit or answer idempotently for
				return unauthorized(exchange, from,
						"The access token names no client in the claims its issuer's mapping reads.");
			}
			ApiCall.of(exchange).caller(caller);
			return chain.filter(exchange);
		})
			.onErrorResume(TokenVerifier.InvalidToken.class,
					(invalid) -> unauthorized(exchange, from, invalid.getMessage()))
			.onErrorResume(TokenVerifier.IssuerUnavailable.class, (unavailable) -> {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
				return this.problems.write(exchange, ISSUER_UNAVAILABLE, unavailable.getMessage(),
						List.<RequestViolation>of(), headers);
			});
	}

	/**
	 * The caller a verified token of Millgate's identity service describes, read by the
	 * one rule gateway and products share (another issuer's by its own mapping,
	 * {@link TokenVerifier#caller}).
	 * @param jwt the verified token
	 * @param defaultPlan the plan when the token names none
	 * @return the caller
	 */
	static Caller caller(Jwt jwt, String defaultPlan) {
		return Caller.fromClaims(jwt.getClaims(), defaultPlan);
	}

	private Mono<Void> unauthorized(ServerWebExchange exchange, String address, String detail) {
		if (address != null) {
			this.failures.failed(address);
		}
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
