package org.millgate.erp.sap;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.port.ErpFailure;

/**
 * An OAuth2 client-credentials token toward the ERP (SAP BTP or an API management layer
 * in front of S/4HANA), fetched when needed, shared by concurrent callers, and renewed
 * shortly before it expires.
 */
final class ClientCredentials {

	private static final Duration EARLY = Duration.ofSeconds(30);

	private final WebClient client;

	private final URI tokenUri;

	private final String clientId;

	private final String clientSecret;

	private final String scope;

	private final Clock clock;

	private final AtomicReference<Mono<Token>> current = new AtomicReference<>();

	ClientCredentials(WebClient client, URI tokenUri, String clientId, String clientSecret, String scope, Clock clock) {
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
	Mono<String> authorization() {
		return Mono.defer(() -> {
			Mono<Token> token = this.current.get();
			if (token == null) {
				token = this.current.updateAndGet((existing) -> (existing != null) ? existing : fetch());
			}
			return token;
		}).flatMap((token) -> {
			if (this.clock.instant().isBefore(token.expiresAt())) {
				return Mono.just("Bearer " + token.value());
			}
			this.current.set(null);
			return authorization();
		});
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
			.map((body) -> new Token(body.path("access_token").asString(),
					this.clock.instant().plusSeconds(body.path("expires_in").asLong(300)).minus(EARLY)))
			.onErrorMap((error) -> new ErpFailure.Unavailable("no OAuth2 token from " + this.tokenUri + ": " + error,
					Duration.ofSeconds(30), error))
			.doOnError((error) -> this.current.set(null))
			.cache();
	}

	private record Token(String value, Instant expiresAt) {

	}

}
