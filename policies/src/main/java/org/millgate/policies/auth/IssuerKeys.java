package org.millgate.policies.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One issuer's public keys, fetched without blocking and cached for a lifetime. A token
 * naming a key id the cache does not know makes the keys be fetched again, but at most
 * once per {@code minRefresh}: forged tokens with random key ids cannot turn the gateway
 * into a flood of key-set requests against the issuer. Concurrent refreshes share one
 * request.
 * <p>
 * Once the keys are older than their lifetime, the next token makes them be fetched again
 * before it is verified, so that a key the issuer withdrew stops being trusted within the
 * lifetime. When the issuer cannot be reached then, the keys held are used on (the
 * issuer's outage must not stop every call) and the failure is logged; a changed key set
 * is reported to the listener, which forgets the tokens verified with the old one.
 */
final class IssuerKeys {

	private static final Logger logger = LoggerFactory.getLogger(IssuerKeys.class);

	private final String jwkSetUri;

	private final WebClient http;

	private final long minRefreshMillis;

	private final long lifetimeMillis;

	private final Clock clock;

	private final Runnable onChange;

	private final AtomicReference<Fetched> keys = new AtomicReference<>();

	private final AtomicLong lastFetch = new AtomicLong(Long.MIN_VALUE / 2);

	private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();

	IssuerKeys(String jwkSetUri, WebClient http, Duration minRefresh, Duration lifetime, Clock clock,
			Runnable onChange) {
		this.jwkSetUri = jwkSetUri;
		this.http = http;
		this.minRefreshMillis = minRefresh.toMillis();
		this.lifetimeMillis = lifetime.toMillis();
		this.clock = clock;
		this.onChange = onChange;
	}

	/**
	 * Whether the keys held are past their lifetime (or none are held): a token verified
	 * with them before must be verified again.
	 * @return true when they must be fetched before they are trusted again
	 */
	boolean stale() {
		Fetched current = this.keys.get();
		return current == null || this.clock.millis() - current.at() > this.lifetimeMillis;
	}

	/**
	 * The keys that may have signed a token.
	 * @param jwt the token
	 * @return its key (by key id), or every key when it names none; empty when unknown;
	 * an error {@link KeysUnavailable} when the issuer's keys cannot be fetched
	 */
	Flux<JWK> keysFor(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		Fetched current = this.keys.get();
		boolean triedLately = this.clock.millis() - this.lastFetch.get() < this.minRefreshMillis;
		if (current != null && stale() && !triedLately) {
			// past their lifetime: fetched again; when the issuer cannot answer, the keys
			// held are used on (and asked again at most once per minRefresh)
			return refresh().onErrorResume(KeysUnavailable.class, (failure) -> {
				logger.warn("The keys at {} are past their lifetime and cannot be fetched again ({}); "
						+ "the keys held are used on", this.jwkSetUri, failure.getCause().toString());
				return Mono.just(current.set());
			}).flatMapMany((set) -> Flux.fromIterable(select(set, kid)));
		}
		if (current != null && (kid == null || current.set().getKeyByKeyId(kid) != null)) {
			return Flux.fromIterable(select(current.set(), kid));
		}
		if (current != null && triedLately) {
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
			.doOnNext(this::keep)
			.onErrorMap((failure) -> !(failure instanceof KeysUnavailable),
					(failure) -> new KeysUnavailable(this.jwkSetUri, failure))
			// done before the keys (or the failure) reach anyone: a request that follows
			// at
			// once must not be handed this finished fetch again (doFinally would run only
			// after the waiting request went on, on another thread)
			.doOnNext((fresh) -> fetched())
			.doOnError((failure) -> fetched())
			.doFinally((signal) -> fetched())
			.cache();
		return this.inFlight.compareAndSet(null, fetch) ? fetch : this.inFlight.get();
	}

	private void fetched() {
		this.lastFetch.set(this.clock.millis());
		this.inFlight.set(null);
	}

	private void keep(JWKSet fresh) {
		Fetched before = this.keys.getAndSet(new Fetched(fresh, this.clock.millis()));
		if (before != null && !before.set().toJSONObject().equals(fresh.toJSONObject())) {
			logger.info("The keys at {} changed: {} → {}", this.jwkSetUri, keyIds(before.set()), keyIds(fresh));
			this.onChange.run();
		}
	}

	private static List<String> keyIds(JWKSet set) {
		return set.getKeys().stream().map(JWK::getKeyID).toList();
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
			return JWKSet.parse(body).toPublicJWKSet();
		}
		catch (ParseException ex) {
			throw new KeysUnavailable("a malformed key set", ex);
		}
	}

	private record Fetched(JWKSet set, long at) {

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
