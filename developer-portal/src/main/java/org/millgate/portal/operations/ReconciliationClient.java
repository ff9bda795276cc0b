package org.millgate.portal.operations;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Reconciliation API as the operations pages read it: through the gateway, like any
 * consumer, with a client-credentials token of the portal's operations client (renewed
 * before it expires).
 */
public final class ReconciliationClient {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient gateway;

	private final RestClient identity;

	private final OperationsSettings settings;

	private final Clock clock;

	private String token;

	private Instant expires = Instant.EPOCH;

	/**
	 * A client.
	 * @param gatewayUrl the gateway
	 * @param issuerUrl identity
	 * @param settings the operations client's credentials
	 * @param clock the clock
	 */
	public ReconciliationClient(URI gatewayUrl, URI issuerUrl, OperationsSettings settings, Clock clock) {
		this.gateway = RestClient.builder().baseUrl(gatewayUrl.toString()).build();
		this.identity = RestClient.builder().baseUrl(issuerUrl.toString()).build();
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * What the API answered, or why it could not be read.
	 *
	 * @param body the body, or null
	 * @param status the HTTP status, or 0 when unreachable
	 * @param problem the problem's detail, or null
	 */
	public record Answer(Map<String, Object> body, int status, String problem) {

		public boolean ok() {
			return this.status == 200;
		}

	}

	public boolean configured() {
		return this.settings.hasClient();
	}

	public Answer lineage(String orderId) {
		return get("/v1/reconciliation/production-orders/{orderId}/lineage", orderId);
	}

	public Answer openMismatches() {
		return get("/v1/reconciliation/mismatches?state=OPEN&limit=200");
	}

	public Answer resolvedMismatches() {
		return get("/v1/reconciliation/mismatches?state=RESOLVED&limit=200");
	}

	public Answer runs() {
		return get("/v1/reconciliation/runs?limit=200");
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> items(Answer answer) {
		return (answer.ok() && answer.body().get("items") instanceof List<?> items) ? (List<Map<String, Object>>) items
				: List.of();
	}

	private Answer get(String path, Object... variables) {
		if (!configured()) {
			return new Answer(null, 0, "The portal has no operations client (MILLGATE_PORTAL_OPERATIONS_SECRET).");
		}
		String bearer;
		try {
			bearer = token();
		}
		catch (RestClientException ex) {
			return new Answer(null, 0, "The portal's operations client (" + this.settings.clientId()
					+ ") gets no token from identity; check MILLGATE_PORTAL_OPERATIONS_SECRET.");
		}
		try {
			Map<String, Object> body = this.gateway.get()
				.uri(path, variables)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(JSON);
			return new Answer(body, 200, null);
		}
		catch (RestClientResponseException ex) {
			Map<String, Object> problem = ex.getResponseBodyAs(JSON);
			Object detail = (problem != null) ? problem.get("detail") : null;
			return new Answer(null, ex.getStatusCode().value(),
					(detail != null) ? detail.toString() : "The gateway answered " + ex.getStatusCode().value() + ".");
		}
		catch (RestClientException ex) {
			return new Answer(null, 0, "The gateway cannot be reached.");
		}
	}

	private synchronized String token() {
		Instant now = this.clock.instant();
		if (this.token == null || now.isAfter(this.expires.minusSeconds(30))) {
			String basic = Base64.getEncoder()
				.encodeToString((this.settings.clientId() + ":" + this.settings.clientSecret())
					.getBytes(StandardCharsets.UTF_8));
			Map<String, Object> answer = this.identity.post()
				.uri("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body("grant_type=client_credentials&scope=reconciliation:read")
				.retrieve()
				.body(JSON);
			this.token = String.valueOf(answer.get("access_token"));
			Object seconds = answer.get("expires_in");
			this.expires = now.plusSeconds((seconds instanceof Number number) ? number.longValue() : 60);
		}
		return this.token;
	}

}
