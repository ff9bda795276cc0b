package org.millgate.portal.apps;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The portal's side of identity: registers apps as clients (RFC 7591, with an initial
 * access token of scope {@code client.create}), changes their scopes and plan, rotates
 * their secrets and revokes them (scope {@code client.manage}), and gets tokens with an
 * app's credentials for the try-it console. Secrets pass through, never kept or logged.
 */
public class Registrar {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final String clientId;

	private final String clientSecret;

	private final Clock clock;

	private volatile Token manager;

	/**
	 * A registrar.
	 * @param issuer identity's base URL
	 * @param clientId the portal's client id at identity
	 * @param clientSecret its secret
	 */
	public Registrar(URI issuer, String clientId, String clientSecret) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(5));
		this.http = RestClient.builder()
			.baseUrl(issuer.toString())
			.requestFactory(requests)
			// identity's answers are read here, whatever their status
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Registers an app's client.
	 * @param name the app's name
	 * @param scopes its scopes
	 * @param plan its plan
	 * @param partnerId its partner
	 * @param plants the plants it may see, empty for none
	 * @return its client id and secret (the secret, this once)
	 */
	public Credentials register(String name, List<String> scopes, String plan, String partnerId, List<String> plants) {
		// an initial access token serves one registration
		String initial = token(this.clientId, this.clientSecret, "client.create").value();
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("client_name", name);
		request.put("grant_types", List.of("client_credentials"));
		request.put("token_endpoint_auth_method", "client_secret_basic");
		request.put("scope", String.join(" ", scopes));
		request.put("plan", plan);
		request.put("partner_id", partnerId);
		if (!plants.isEmpty()) {
			request.put("plants", plants);
		}
		Map<String, Object> answer = call(() -> this.http.post()
			.uri("/oauth2/register")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + initial)
			.contentType(MediaType.APPLICATION_JSON)
			.body(request)
			.retrieve()
			.toEntity(JSON), 201, "register the app's client");
		return new Credentials(String.valueOf(answer.get("client_id")), String.valueOf(answer.get("client_secret")));
	}

	/**
	 * Gives a client new scopes, plan and plants.
	 * @param client the client id
	 * @param scopes its scopes
	 * @param plan its plan
	 * @param plants its plants, empty for none
	 */
	public void update(String client, List<String> scopes, String plan, List<String> plants) {
		call(() -> this.http.put()
			.uri("/oauth2/clients/{id}", client)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + manager())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("scope", String.join(" ", scopes), "plan", plan, "plants", plants))
			.retrieve()
			.toEntity(JSON), 200, "change the app's scopes");
	}

	/**
	 * A new secret for a client; the old one stops working.
	 * @param client the client id
	 * @return the new credentials (the secret, this once)
	 */
	public Credentials rotate(String client) {
		Map<String, Object> answer = call(() -> this.http.post()
			.uri("/oauth2/clients/{id}/secret", client)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + manager())
			.retrieve()
			.toEntity(JSON), 200, "rotate the app's secret");
		return new Credentials(client, String.valueOf(answer.get("client_secret")));
	}

	/**
	 * Revokes a client: it gets no more tokens, and the gateway refuses those it has.
	 * @param client the client id
	 */
	public void revoke(String client) {
		try {
			call(() -> this.http.delete()
				.uri("/oauth2/clients/{id}", client)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + manager())
				.retrieve()
				.toEntity(JSON), 204, "revoke the app's client");
		}
		catch (Gone gone) {
			// revoked before (a retry after a lost answer): the client is gone either way
		}
	}

	/**
	 * An access token for a client, with its own credentials (the try-it console).
	 * @param client the client id
	 * @param secret its secret
	 * @return the token
	 * @throws Refused when identity refuses the credentials
	 */
	public Token token(String client, String secret) {
		return token(client, secret, null);
	}

	private synchronized String manager() {
		Token current = this.manager;
		if (current == null || current.expiresAt().isBefore(this.clock.instant().plusSeconds(30))) {
			current = token(this.clientId, this.clientSecret, "client.manage");
			this.manager = current;
		}
		return current.value();
	}

	private Token token(String client, String secret, String scope) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		if (scope != null) {
			form.add("scope", scope);
		}
		Map<String, Object> answer = call(() -> this.http.post()
			.uri("/oauth2/token")
			.headers((headers) -> headers.setBasicAuth(client, secret, StandardCharsets.UTF_8))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.toEntity(JSON), 200, "get a token");
		Object expiresIn = answer.get("expires_in");
		long seconds = (expiresIn instanceof Number number) ? number.longValue() : 300;
		return new Token(String.valueOf(answer.get("access_token")), this.clock.instant().plusSeconds(seconds), seconds,
				String.valueOf(answer.getOrDefault("scope", "")));
	}

	private static Map<String, Object> call(Supplier<ResponseEntity<Map<String, Object>>> exchange, int expected,
			String what) {
		ResponseEntity<Map<String, Object>> response;
		try {
			response = exchange.get();
		}
		catch (RestClientResponseException ex) {
			throw new Unavailable("Identity could not " + what + " (HTTP " + ex.getStatusCode().value() + ").");
		}
		catch (RestClientException ex) {
			if (notConnected(ex)) {
				throw new Unavailable(
						"Identity is not reachable to " + what + "; nothing was changed. Try again shortly.");
			}
			throw new Unavailable("Identity did not answer in time to " + what
					+ "; the change may or may not have been made. Reload the page to see, then try again.");
		}
		Map<String, Object> body = (response.getBody() != null) ? response.getBody() : Map.of();
		if (response.getStatusCode().value() == expected) {
			return body;
		}
		Object description = body.getOrDefault("error_description", body.getOrDefault("error", ""));
		if (response.getStatusCode().value() == 404 && "invalid_client".equals(body.get("error"))) {
			throw new Gone("Identity knows no such client: it was revoked before.");
		}
		if (response.getStatusCode().is4xxClientError()) {
			throw new Refused("Identity refused to " + what + ": " + description);
		}
		throw new Unavailable("Identity could not " + what + " (HTTP " + response.getStatusCode().value()
				+ "); nothing was changed.");
	}

	private static boolean notConnected(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A client's id and secret.
	 *
	 * @param clientId the client id
	 * @param clientSecret the secret
	 */
	public record Credentials(String clientId, String clientSecret) {

		@Override
		public String toString() {
			return "Credentials[clientId=" + this.clientId + ", clientSecret=***]";
		}

	}

	/**
	 * An access token.
	 *
	 * @param value the token
	 * @param expiresAt when it expires
	 * @param expiresIn its lifetime in seconds
	 * @param scope its scopes
	 */
	public record Token(String value, Instant expiresAt, long expiresIn, String scope) {

		@Override
		public String toString() {
			return "Token[expiresAt=" + this.expiresAt + ", scope=" + this.scope + "]";
		}

	}

	/**
	 * Identity cannot be reached or failed; nothing was changed.
	 */
	public static class Unavailable extends RuntimeException {

		Unavailable(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Identity no longer knows the client.
	 */
	public static class Gone extends Refused {

		Gone(String message) {
			super(message);
		}

	}

	/**
	 * Identity refused the request (for example wrong credentials).
	 */
	public static class Refused extends RuntimeException {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

}
