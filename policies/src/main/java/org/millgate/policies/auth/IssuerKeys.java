package org.millgate.policies.auth;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One issuer's public keys, fetched without blocking and cached. A token naming a key id
 * the cache does not know makes the keys be fetched again, but at most once per
 * {@code minRefresh}: forged tokens with random key ids cannot turn the gateway into a
 * flood of key-set requests against the issuer. Concurrent refreshes share one request.
 */
final class IssuerKeys {

	private final String jwkSetUri;

	private final WebClient http;

	private final long minRefreshNanos;

	private final AtomicReference<JWKSet> keys = new AtomicReference<>();

	private final AtomicLong lastFetch = new AtomicLong();

	private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();

	IssuerKeys(String jwkSetUri, WebClient http, Duration minRefresh) {
		this.jwkSetUri = jwkSetUri;
		this.http = http;
		this.minRefreshNanos = minRefresh.toNanos();
	}

	/**
	 * The keys that may have signed a token.
	 * @param jwt the token
	 * @return its key (by key id), or every key when it names none; empty when unknown;
	 * an error {@link KeysUnavailable} when the issuer's keys cannot be fetched
	 */
	Flux<JWK> keysFor(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		JWKSet current = this.keys.get();
		if (current != null && (kid == null || current.getKeyByKeyId(kid) != null)) {
			return Flux.fromIterable(select(current, kid));
		}
		if (current != null && System.nanoTime() - this.lastFetch.get() < this.minRefreshNanos) {
			return Flux.empty();
		}
		return refresh().flatMapMany((fresh) -> Flux.fromIterable(select(fresh, kid)));
	}

	private Mono<JWKSet> refresh() {
		Mono<JWKSet> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		Mono<JWKSet> fetch = this.http.get()
			.uri(this.jwkSetUri)
			.retrieve()
			.bodyToMono(String.class)
			.map(IssuerKeys::parse)
			.doOnNext((fresh) -> this.keys.set(fresh))
			.onErrorMap((failure) -> !(failure instanceof KeysUnavailable),
					(failure) -> new KeysUnavailable(this.jwkSetUri, failure))
			.doFinally((signal) -> {
				this.lastFetch.set(System.nanoTime());
				this.inFlight.set(null);
			})
			.cache();
		return this.inFlight.compareAndSet(null, fetch) ? fetch : this.inFlight.get();
	}

	private static List<JWK> select(JWKSet set, String kid) {
		if (kid == null) {
			return set.getKeys();
		}
		JWK key = set.getKeyByKeyId(kid);
		return (key != null) ? List.of(key) : List.of();
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new KeysUnavailable("a malformed key set", ex);
		}
	}

	/**
	 * The issuer's keys could not be fetched.
	 */
	static final class KeysUnavailable extends RuntimeException {

		KeysUnavailable(String where, Throwable cause) {
			super("The keys at " + where + " cannot be fetched", cause);
		}

	}

}
