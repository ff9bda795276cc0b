package org.millgate.web;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tokens that verify but are no longer good: those of a client its registrar revoked, and
 * those a client got before its secret was rotated or its grants (scopes, plants, plan)
 * changed (a lower {@code credential_generation} than the client's current one). The list
 * is read from the issuer (Millgate identity's {@code /oauth2/revocations}) in the
 * background, every few seconds, never on a request's path; a failed read keeps the last
 * list (tokens expire by themselves within their short lifetime).
 * <p>
 * Until the list has been read once, nothing is known about the issuer's revocations:
 * {@link #refusal} then throws {@link NotYetRead} for the issuer's tokens, so that the
 * gateway and the products fail closed (503, {@code auth.issuerUnavailable}) rather than
 * accept a revoked client's token because identity was slow to answer at start.
 * <p>
 * The gateway's authentication policy and every product's resource server use this one
 * component, so that a token the gateway refuses is refused by the product as well.
 */
public final class CredentialRevocations implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CredentialRevocations.class);

	private static final State NOTHING = new State(Set.of(), Map.of());

	private final String issuer;

	private final URI uri;

	private final WebClient client;

	private volatile State state;

	private volatile boolean failing;

	private Disposable polling;

	/**
	 * Revocations of one issuer, not read yet.
	 * @param issuer the {@code iss} of the tokens they apply to
	 * @param uri where the issuer lists them
	 */
	public CredentialRevocations(String issuer, URI uri) {
		this.issuer = issuer;
		this.uri = uri;
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
				.responseTimeout(Duration.ofSeconds(3))))
			.build();
	}

	/**
	 * The issuer these revocations apply to.
	 * @return its {@code iss}
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * Whether the list has been read at least once.
	 * @return true once read
	 */
	public boolean isRead() {
		return this.state != null;
	}

	/**
	 * Why a verified token is refused.
	 * @param claims the verified token's claims
	 * @return the reason, safe to show to the caller, or null when it is good
	 * @throws NotYetRead when the token is of this issuer and the list has never been
	 * read
	 */
	public String refusal(Map<String, Object> claims) {
		Object tokenIssuer = claims.get("iss");
		if (tokenIssuer == null || !this.issuer.equals(tokenIssuer.toString())) {
			return null;
		}
		State current = this.state;
		if (current == null) {
			throw new NotYetRead(this.issuer);
		}
		Object clientId = claims.get("client_id");
		if (current == NOTHING || clientId == null) {
			return null;
		}
		if (current.revoked().contains(clientId.toString())) {
			return "The access token's client has been revoked.";
		}
		Long generation = current.generations().get(clientId.toString());
		if (generation != null) {
			Object claimed = claims.get("credential_generation");
			long tokenGeneration = (claimed instanceof Number number) ? number.longValue() : 0;
			if (tokenGeneration < generation) {
				return "The access token was issued before the client's secret was rotated or its grants "
						+ "changed; get a new token (with the new secret, if it was rotated).";
			}
		}
		return null;
	}

	/**
	 * Reads the list once.
	 * @return completes when read (or when reading failed: the last list stays)
	 */
	public Mono<Void> refresh() {
		return this.client.get().uri(this.uri).retrieve().bodyToMono(Map.class).doOnNext((body) -> {
			boolean first = this.state == null;
			this.state = parse(body);
			if (this.failing || first) {
				logger.info("Revocations of {} read{} at {}", this.issuer, this.failing ? " again" : "", this.uri);
				this.failing = false;
			}
		}).onErrorResume((failure) -> {
			if (!this.failing) {
				if (this.state == null) {
					logger.error(
							"Revocations of {} not readable at {} ({}); until they are, the issuer's tokens "
									+ "are refused with 503 auth.issuerUnavailable",
							this.issuer, this.uri, failure.toString());
				}
				else {
					logger.warn("Revocations of {} not readable at {} ({}); the last list stays in force", this.issuer,
							this.uri, failure.toString());
				}
				this.failing = true;
			}
			return Mono.empty();
		}).then();
	}

	/**
	 * Reads the list now and then every interval, in the background.
	 * @param every the interval
	 * @return this
	 */
	public synchronized CredentialRevocations start(Duration every) {
		if (this.polling == null) {
			// a slow read skips ticks rather than queueing them
			this.polling = Flux.interval(Duration.ZERO, every)
				.onBackpressureDrop()
				.concatMap((tick) -> refresh(), 1)
				.subscribe(null, (failure) -> logger.error("Reading revocations stopped", failure));
		}
		return this;
	}

	@Override
	public synchronized void close() {
		if (this.polling != null) {
			try {
				this.polling.dispose();
			}
			catch (RuntimeException ex) {
				// the event loops may already be gone at shutdown
				logger.debug("Revocation polling stopped with {}", ex.toString());
			}
		}
	}

	static State parse(Map<?, ?> body) {
		Set<String> revoked = Set.of();
		if (body.get("revoked") instanceof Collection<?> ids) {
			revoked = Set.copyOf(ids.stream().map(String::valueOf).toList());
		}
		Map<String, Long> generations = new HashMap<>();
		if (body.get("generations") instanceof Map<?, ?> values) {
			values.forEach((id, generation) -> {
				if (generation instanceof Number number) {
					generations.put(String.valueOf(id), number.longValue());
				}
			});
		}
		return (revoked.isEmpty() && generations.isEmpty()) ? NOTHING : new State(revoked, Map.copyOf(generations));
	}

	record State(Set<String> revoked, Map<String, Long> generations) {

	}

	/**
	 * The issuer's revocation list has not been read yet, so no token of the issuer can
	 * be judged; the message is safe to show to the caller.
	 */
	public static final class NotYetRead extends RuntimeException {

		NotYetRead(String issuer) {
			super("The revocation list of token issuer '" + issuer + "' has not been read yet; retry shortly.", null,
					false, false);
		}

	}

}
