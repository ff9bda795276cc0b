package org.millgate.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

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
 * answer. Only an answer 2xx with a boolean {@code active} counts: a redirect, an empty
 * answer or an error is a failure, never "active". While the issuer cannot be asked, a
 * token it called active before stays accepted (asked again every {@link #RETRY}, not on
 * every call), and a token it never answered for is refused with {@link Unavailable}
 * (fail closed, 503 {@code auth.issuerUnavailable}), at once for {@link #QUIET} after a
 * failure; a warning (an error when the issuer refuses the client Millgate asks as) is
 * logged once per outage. Answers are kept by the token's SHA-256, never the token
 * itself; at most {@link Settings#rememberUpTo()} of them, beyond which all are forgotten
 * and asked for again.
 * <p>
 * The gateway's authentication policy and every product's resource server use this one
 * component, as they use {@link CredentialRevocations}.
 */
public final class TokenIntrospection {

	private static final Logger logger = LoggerFactory.getLogger(TokenIntrospection.class);

	/**
	 * How long after a failed ask the issuer is not asked again about the same tokens.
	 */
	public static final Duration RETRY = Duration.ofSeconds(5);

	/**
	 * How long after a failed ask tokens never answered for are refused without asking,
	 * so that while the issuer is away not every new token waits out the timeout.
	 */
	public static final Duration QUIET = Duration.ofSeconds(2);

	private final String issuer;

	private final Settings settings;

	private final String authorization;

	private final WebClient client;

	private final Clock clock;

	private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Mono<Answer>> asking = new ConcurrentHashMap<>();

	private volatile boolean failing;

	// after a failure: tokens never answered for are refused without asking until then
	private volatile Instant quietUntil = Instant.MIN;

	/**
	 * Introspection at one issuer.
	 * @param issuer the {@code iss} of the tokens it applies to
	 * @param settings where and as whom to ask
	 */
	public TokenIntrospection(String issuer, Settings settings) {
		this(issuer, settings, Clock.systemUTC());
	}

	TokenIntrospection(String issuer, Settings settings, Clock clock) {
		if (!settings.enabled()) {
			throw new IllegalArgumentException("Token introspection of " + issuer + " has no uri");
		}
		this.issuer = issuer;
		this.settings = settings;
		this.clock = clock;
		// RFC 6749 2.3.1: id and secret form-encoded before the basic authentication
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((formEncoded(settings.clientId()) + ":" + formEncoded(settings.clientSecret()))
				.getBytes(StandardCharsets.UTF_8));
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
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
		String key = digest(token);
		Answer known = this.answers.get(key);
		if (known != null && now.isBefore(known.goodUntil())) {
			return verdict(known);
		}
		if (known == null && now.isBefore(this.quietUntil)) {
			return Mono.error(new Unavailable(this.issuer));
		}
		return this.asking.computeIfAbsent(key, (digest) -> ask(token, digest, expiresAt, known)
			// before the answer reaches anyone: a call after it reads the answers
			.doOnTerminate(() -> this.asking.remove(digest))
			.cache()).flatMap(this::verdict);
	}

	private Mono<String> verdict(Answer answer) {
		return answer.active() ? Mono.empty() : Mono.just("The access token is no longer active at its issuer "
				+ "(its client was disabled or the token revoked); get a new token.");
	}

	private Mono<Answer> ask(String token, String key, Instant expiresAt, Answer known) {
		return this.client.post()
			.uri(this.settings.endpoint())
			.header(HttpHeaders.AUTHORIZATION, this.authorization)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData("token", token).with("token_type_hint", "access_token"))
			.retrieve()
			// a redirect is no answer (an http address behind an https-only door)
			.onStatus((status) -> !status.is2xxSuccessful(), ClientResponse::createException)
			.bodyToMono(Map.class)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("an empty answer")))
			// the whole ask, connection pool and name lookup included
			.timeout(this.settings.timeout())
			.map((body) -> {
				if (!(body.get("active") instanceof Boolean active)) {
					throw new IllegalStateException("the answer has no boolean 'active'");
				}
				Instant now = this.clock.instant();
				// not active: never again, so until the token expires
				Answer answer = new Answer(active, active ? now.plus(this.settings.cacheFor())
						: (expiresAt != null) ? expiresAt : now.plus(Duration.ofDays(1)));
				remember(key, answer);
				if (this.failing) {
					logger.info("Token introspection of {} at {} answers again", this.issuer, this.settings.endpoint());
					this.failing = false;
				}
				return answer;
			})
			.onErrorResume((failure) -> {
				Instant now = this.clock.instant();
				this.quietUntil = now.plus(QUIET);
				if (!this.failing) {
					this.failing = true;
					if (failure instanceof WebClientResponseException refused
							&& (refused.getStatusCode().value() == 401 || refused.getStatusCode().value() == 403)) {
						logger.error("Token introspection of {} at {} refuses the client {} ({}): check the "
								+ "introspection client-id and client-secret; tokens it called active before stay "
								+ "accepted, others are refused with 503", this.issuer, this.settings.endpoint(),
								this.settings.clientId(), refused.getStatusCode().value());
					}
					else {
						logger.warn(
								"Token introspection of {} at {} failed ({}); tokens it called active before "
										+ "stay accepted, others are refused with 503 until it answers",
								this.issuer, this.settings.endpoint(), failure.toString());
					}
				}
				if (known == null) {
					return Mono.error(new Unavailable(this.issuer));
				}
				// asked again after RETRY, not on every call while the issuer is away
				Answer kept = new Answer(known.active(), now.plus(RETRY));
				remember(key, kept);
				return Mono.just(kept);
			});
	}

	private void remember(String key, Answer answer) {
		if (this.answers.size() >= this.settings.rememberUpTo()) {
			// bounded: forget them all rather than track their age
			this.answers.clear();
		}
		this.answers.put(key, answer);
	}

	// the token's SHA-256: no bearer token kept in the heap, and a small key
	private static String digest(String token) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	private static String formEncoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record Answer(boolean active, Instant goodUntil) {

	}

	/**
	 * Where and as whom an issuer is asked about its tokens; bound from configuration as
	 * {@code introspection} of a trusted issuer (one constructor, the defaults applied to
	 * what is left out). Without a {@code uri} it is off ({@link #enabled()} false), so
	 * that an environment variable left empty turns it off; with one, the client id and
	 * secret are required.
	 *
	 * @param uri its introspection endpoint, e.g. Keycloak's
	 * {@code .../realms/<realm>/protocol/openid-connect/token/introspect} or Okta's
	 * {@code .../v1/introspect}; blank for none
	 * @param clientId the client Millgate asks as (client secret basic authentication)
	 * @param clientSecret its secret
	 * @param cacheFor how long an answer {@code active} is trusted before the token is
	 * asked about again: the longest a disabled client's token is still accepted (30 s
	 * when left out)
	 * @param timeout how long one ask may take in all, connecting included (3 s when left
	 * out)
	 * @param rememberUpTo how many answers are kept at most (20,000 when left out)
	 */
	public record Settings(String uri, String clientId, String clientSecret, Duration cacheFor, Duration timeout,
			Integer rememberUpTo) {

		/** How long an answer {@code active} is trusted, unless configured otherwise. */
		public static final Duration CACHE_FOR = Duration.ofSeconds(30);

		public Settings {
			uri = (uri != null) ? uri.strip() : "";
			if (!uri.isEmpty()) {
				String missing = (clientId == null || clientId.isBlank()) ? "client-id"
						: (clientSecret == null || clientSecret.isBlank() || clientSecret.startsWith("${"))
								? "client-secret" : null;
				if (missing != null) {
					throw new IllegalArgumentException("Token introspection at " + uri
							+ " needs its client-id and client-secret; " + missing + " is missing");
				}
				URI endpoint = URI.create(uri);
				if (!endpoint.isAbsolute()
						|| !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
					throw new IllegalArgumentException(
							"Token introspection's uri must be an http(s) address, not '" + uri + "'");
				}
			}
			cacheFor = (cacheFor != null) ? cacheFor : CACHE_FOR;
			timeout = (timeout != null) ? timeout : Duration.ofSeconds(3);
			rememberUpTo = (rememberUpTo != null) ? rememberUpTo : 20_000;
			if (cacheFor.isNegative() || timeout.isNegative() || timeout.isZero() || rememberUpTo < 1) {
				throw new IllegalArgumentException(
						"Token introspection's cache-for must not be negative, its timeout and remember-up-to positive");
			}
		}

		/**
		 * Whether an endpoint is configured.
		 * @return true with a {@code uri}
		 */
		public boolean enabled() {
			return !this.uri.isEmpty();
		}

		URI endpoint() {
			return URI.create(this.uri);
		}

		@Override
		public String toString() {
			// never the secret, e.g. in the gateway's start-up log
			return enabled()
					? "introspection at " + this.uri + " as " + this.clientId + ", answers trusted for " + this.cacheFor
					: "no introspection";
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
