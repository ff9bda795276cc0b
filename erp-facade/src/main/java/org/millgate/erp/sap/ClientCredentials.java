package org.millgate.erp.sap;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import org.millgate.erp.port.ErpFailure;

/**
 * An OAuth2 client-credentials token toward the ERP (SAP BTP, an S/4HANA Cloud
 * communication arrangement, or an API management layer in front of S/4HANA), fetched
 * when needed, shared by concurrent callers, renewed shortly before it expires, and
 * renewed at once when the ERP refuses it. The secret goes to the token endpoint only and
 * appears in no message.
 */
final class ClientCredentials implements Credentials {

	private static final Duration EARLY = Duration.ofSeconds(30);

	private final WebClient client;

	private final URI tokenUri;

	private final String clientId;

	private final String clientSecret;

	private final String scope;

	private final Clock clock;

	// a token endpoint that accepts the connection and never answers must not hold every
	// caller behind the one shared fetch
	private final Duration timeout;

	private final AtomicReference<Mono<Token>> current = new AtomicReference<>();

	ClientCredentials(WebClient client, URI tokenUri, String clientId, String clientSecret, String scope, Clock clock,
			Duration timeout) {
		this.timeout = timeout;
		this.client = client;
		this.tokenUri = tokenUri;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.scope = scope;
		this.clock = clock;
	}

	/**
	 * The Authorization header value.
	 * @return {@code Bearer ...}
	 */
	@Override
	public Mono<String> authorization() {
		return Mono.defer(() -> {
			Mono<Token> token = this.current.get();
			if (token == null) {
				token = this.current.updateAndGet((existing) -> (existing != null) ? existing : fetch());
			}
			Mono<Token> used = token;
			return used.flatMap((value) -> {
				if (this.clock.instant().isBefore(value.expiresAt())) {
					return Mono.just("Bearer " + value.value());
				}
				// Only the caller that sees this expired token replaces it;
				// the others get the replacement.
				this.current.compareAndSet(used, null);
				return authorization();
			}).onErrorResume((error) -> {
				// A failed fetch is not kept: the next caller tries again.
				this.current.compareAndSet(used, null);
				return Mono.error(error);
			});
		});
	}

	/**
	 * Forgets the token the ERP refused, so that the next call fetches a new one; but
	 * only while it is still the current one: calls refused together fetch one successor,
	 * not one each.
	 * @param refused the {@code Authorization} value the ERP refused
	 * @return true
	 */
	@Override
	public boolean renew(String refused) {
		Mono<Token> cached = this.current.get();
		if (cached == null) {
			return true;
		}
		Token token;
		try {
			// resolved already, or null while a successor is being fetched
			token = cached.toFuture().getNow(null);
		}
		catch (RuntimeException failedFetch) {
			token = null;
			this.current.compareAndSet(cached, null);
		}
		if (token != null && refused.equals("Bearer " + token.value())) {
			this.current.compareAndSet(cached, null);
		}
		return true;
	}

	private Mono<Token> fetch() {
		var form = BodyInserters.fromFormData("grant_type", "client_credentials");
		if (this.scope != null) {
			form = form.with("scope", this.scope);
		}
		return this.client.post()
			.uri(this.tokenUri)
			.headers((headers) -> headers.setBasicAuth(this.clientId, this.clientSecret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((body) -> {
				Duration lifetime = Duration.ofSeconds(Math.max(1, body.path("expires_in").asLong(300)));
				// Renew early, but never so early that
				// a short-lived token is renewed at once.
				Duration early = (lifetime.compareTo(EARLY.multipliedBy(2)) > 0) ? EARLY : lifetime.dividedBy(2);
				return new Token(body.path("access_token").asString(),
						this.clock.instant().plus(lifetime).minus(early));
			})
			.timeout(this.timeout)
			.onErrorMap(this::unavailable)
			.cache();
	}

	private ErpFailure unavailable(Throwable error) {
		if (error instanceof WebClientResponseException refused && refused.getStatusCode().is4xxClientError()) {
			// the endpoint answered: asking again with the same client id and secret
			// gets the same answer
			return new ErpFailure.Unavailable("no OAuth2 token from " + this.tokenUri + ": the token endpoint refused "
					+ "the client (" + refused.getStatusCode().value() + "); check millgate.erp.auth.client-id and "
					+ "client-secret", Duration.ofSeconds(60), error, false);
		}
		String reason = (error instanceof TimeoutException) ? "no answer within " + this.timeout : error.toString();
		return new ErpFailure.Unavailable("no OAuth2 token from " + this.tokenUri + ": " + reason,
				Duration.ofSeconds(30), error);
	}

	private record Token(String value, Instant expiresAt) {

	}

}
