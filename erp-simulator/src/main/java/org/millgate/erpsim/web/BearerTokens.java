package org.millgate.erpsim.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.erpsim.faults.CallStatistics;

/**
 * OAuth2 client credentials as an API management layer or SAP BTP puts them in front of
 * S/4HANA: {@code POST /_sim/oauth2/token} issues bearer tokens to the configured user as
 * client, and the OData services accept them instead of basic authentication.
 */
public final class BearerTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration LIFETIME = Duration.ofHours(1);

	private final Map<String, Instant> issued = new ConcurrentHashMap<>();

	private final String clientCredentials;

	private final Clock clock;

	private final CallStatistics statistics;

	/**
	 * The token endpoint.
	 * @param clientId the one client's id
	 * @param clientSecret its secret
	 * @param clock the clock
	 * @param statistics where issued tokens are counted ({@code oauth2}, {@code token})
	 */
	public BearerTokens(String clientId, String clientSecret, Clock clock, CallStatistics statistics) {
		this.statistics = statistics;
		this.clientCredentials = "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		this.clock = clock;
	}

	/**
	 * Whether a bearer token was issued here and has not expired.
	 * @param token the token
	 * @return true when valid
	 */
	public boolean valid(String token) {
		Instant expiry = this.issued.get(token);
		return expiry != null && this.clock.instant().isBefore(expiry);
	}

	/**
	 * Forgets every issued token.
	 */
	public void expireAll() {
		this.issued.clear();
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route().POST("/_sim/oauth2/token", this::token).build();
	}

	private Mono<ServerResponse> token(ServerRequest request) {
		if (!this.clientCredentials.equals(request.headers().firstHeader("Authorization"))) {
			return error(HttpStatus.UNAUTHORIZED, "invalid_client");
		}
		return request.formData().flatMap((form) -> {
			if (!"client_credentials".equals(form.getFirst("grant_type"))) {
				return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type");
			}
			byte[] bytes = new byte[24];
			RANDOM.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			this.issued.put(token, this.clock.instant().plus(LIFETIME));
			this.statistics.count("oauth2", "token");
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("access_token", token);
			body.put("token_type", "Bearer");
			body.put("expires_in", LIFETIME.toSeconds());
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		});
	}

	private static Mono<ServerResponse> error(HttpStatus status, String error) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("error", error));
	}

}
