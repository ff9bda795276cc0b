package org.millgate.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks an issuer whether a token it signed is still active (OAuth 2.0 token
 * introspection, RFC 7662), for issuers that publish no revocation list: a Keycloak or
 * Okta whose client was disabled or whose session was revoked still has valid-looking
 * JWTs out there until they expire, and only the issuer knows.
 * <p>
 * Each distinct token is asked about once per {@link Settings#cacheFor()} (30 s unless
 * configured otherwise), not on every call: the answer {@code active} is remembered that
 * long, the answer "not active" until the token expires (a token never becomes active
 * again). Calls with the same token while it is being asked about wait for that one
 * answer. While the issuer cannot be asked, a token it called active before stays
 * accepted (and a warning is logged once); a token it never answered for is refused with
 * {@link Unavailable} (fail closed, 503 {@code auth.issuerUnavailable}). At most
 * {@link Settings#rememberUpTo()} answers are kept; beyond that all are forgotten and
 * asked for again.
 * <p>
 * The gateway's authentication policy and every product's resource server use this one
 * component, as they use {@link CredentialRevocations}.
 */
public final class TokenIntrospection {

	private static final Logger logger = LoggerFactory.getLogger(TokenIntrospection.class);

	private final String issuer;

	private final Settings settings;

	private final String authorization;

	private final WebClient client;

	private final Clock clock;

	private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Mono<Answer>> asking = new ConcurrentHashMap<>();

	private volatile boolean failing;

	/**
	 * Introspection at one issuer.
	 * @param issuer the {@code iss} of the tokens it applies to
	 * @param settings where and as whom to ask
	 */
	public TokenIntrospection(String issuer, Settings settings) {
		this(issuer, settings, Clock.systemUTC());
	}

	TokenIntrospection(String issuer, Settings settings, Clock clock) {
		this.issuer = issuer;
		this.settings = settings;
		this.clock = clock;
		// RFC 6749 2.3.1: id and secret form-encoded before the basic authentication
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((formEncoded(settings.clientId()) + ":" + formEncoded(settings.clientSecret()))
				.getBytes(StandardCharsets.UTF_8));
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
				.responseTimeout(settings.timeout())))
			.build();
	}

	/**
	 * The issuer whose tokens this asks about.
	 * @return its {@code iss}
	 */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * Why a verified token of this issuer is refused.
	 * @param token the token as the caller sent it
	 * @param expiresAt its verified expiry
	 * @return empty when the issuer calls it active; the reason, safe to show to the
	 * caller, when not; the error {@link Unavailable} when the issuer cannot be asked and
	 * never answered for this token
	 */
	public Mono<String> refusal(String token, Instant expiresAt) {
		Instant now = this.clock.instant();
		Answer known = this.answers.get(token);
		if (known != null && (!known.active() || now.isBefore(known.askedAt().plus(this.settings.cacheFor())))) {
			return verdict(known);
		}
		return this.asking.computeIfAbsent(token, (key) -> ask(key, expiresAt, known)
			// before the answer reaches anyone: a call after it reads the answers
			.doOnTerminate(() -> this.asking.remove(key))
			.cache()).flatMap(this::verdict);
	}

	private Mono<String> verdict(Answer answer) {
		return answer.active() ? Mono.empty() : Mono.just("The access token is no longer active at its issuer "
				+ "(its client was disabled or the token revoked); get a new token.");
	}

	private Mono<Answer> ask(String token, Instant expiresAt, Answer known) {
		return this.client.post()
			.uri(this.settings.uri())
			.header(HttpHeaders.AUTHORIZATION, this.authorization)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData("token", token).with("token_type_hint", "access_token"))
			.retrieve()
			.bodyToMono(Map.class)
			.map((body) -> {
				if (!(body.get("active") instanceof Boolean active)) {
					throw new IllegalStateException("the answer has no boolean 'active'");
				}
				Answer answer = new Answer(active, this.clock.instant());
				remember(token, answer, expiresAt);
				if (this.failing) {
					logger.info("Token introspection at {} answers again", this.settings.uri());
					this.failing = false;
				}
				return answer;
			})
			.onErrorResume((failure) -> {
				if (!this.failing) {
					logger.warn(
							"Token introspection of {} at {} failed ({}); tokens it called active before stay "
									+ "accepted, others are refused with 503 until it answers",
							this.issuer, this.settings.uri(), failure.toString());
					this.failing = true;
				}
				return (known != null) ? Mono.just(known) : Mono.error(new Unavailable(this.issuer));
			});
	}

	private void remember(String token, Answer answer, Instant expiresAt) {
		if (this.answers.size() >= this.settings.rememberUpTo()) {
			// bounded: forget them all rather than track their age
			this.answers.clear();
		}
		if (answer.active() || expiresAt == null || this.clock.instant().isBefore(expiresAt)) {
			this.answers.put(token, answer);
		}
	}

	private static String formEncoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Answer(boolean active, Instant askedAt) {

	}

	/**
	 * Where and as whom an issuer is asked about its tokens; bound from configuration as
	 * {@code introspection} of a trusted issuer (one constructor, the defaults applied to
	 * what is left out).
	 *
	 * @param uri its introspection endpoint, e.g. Keycloak's
	 * {@code .../realms/<realm>/protocol/openid-connect/token/introspect} or Okta's
	 * {@code .../v1/introspect}
	 * @param clientId the client Millgate asks as (client secret basic authentication)
	 * @param clientSecret its secret
	 * @param cacheFor how long an answer {@code active} is trusted before the token is
	 * asked about again: the longest a disabled client's token is still accepted (30 s
	 * when left out)
	 * @param timeout how long one answer may take (3 s when left out)
	 * @param rememberUpTo how many answers are kept at most (20,000 when left out)
	 */
	public record Settings(URI uri, String clientId, String clientSecret, Duration cacheFor, Duration timeout,
			Integer rememberUpTo) {

		/** How long an answer {@code active} is trusted, unless configured otherwise. */
		public static final Duration CACHE_FOR = Duration.ofSeconds(30);

		public Settings {
			if (uri == null || clientId == null || clientId.isBlank() || clientSecret == null
					|| clientSecret.isBlank()) {
				throw new IllegalArgumentException("Token introspection needs its uri, client-id and client-secret; "
						+ ((uri == null) ? "uri"
								: (clientId == null || clientId.isBlank()) ? "client-id" : "client-secret")
						+ " is missing");
			}
			cacheFor = (cacheFor != null) ? cacheFor : CACHE_FOR;
			timeout = (timeout != null) ? timeout : Duration.ofSeconds(3);
			rememberUpTo = (rememberUpTo != null) ? rememberUpTo : 20_000;
			if (cacheFor.isNegative() || timeout.isNegative() || timeout.isZero() || rememberUpTo < 1) {
				throw new IllegalArgumentException(
						"Token introspection's cache-for must not be negative, its timeout and remember-up-to positive");
			}
		}

		@Override
		public String toString() {
			// never the secret, e.g. in the gateway's start-up log
			return "introspection at " + this.uri + " as " + this.clientId + ", answers trusted for " + this.cacheFor;
		}

	}

	/**
	 * The issuer cannot be asked about a token it never answered for; the message is safe
	 * to show to the caller.
	 */
	public static final class Unavailable extends RuntimeException {

		Unavailable(String issuer) {
			super("Token issuer '" + issuer + "' cannot be asked whether the access token is still active; "
					+ "try again shortly.", null, false, false);
		}

	}

}
