package org.millgate.policies.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.ClaimMapping;
import org.millgate.web.CredentialRevocations;
import org.millgate.web.TokenIntrospection;

/**
 * Verifies access tokens of several trusted issuers. The issuer is read from the token
 * first (unverified) only to pick that issuer's keys and rules; the signature, algorithm
 * (allow-list), issuer, audience, expiry and not-before (with a small clock skew) are
 * then checked. Keys are fetched without blocking and cached by Nimbus per issuer.
 * <p>
 * A client sends the same token for its whole lifetime, so a verified token is remembered
 * by its exact text (signature included, so no other text can match it) until it expires:
 * later calls check only its expiry and the revocations, not the signature again
 * (measured with ./millgate bench: parsing and RSA verification were the largest cost of
 * the policy chain). At most {@link Config#rememberUpTo()} tokens are remembered
 * ({@value #REMEMBERED} unless configured otherwise), and all are forgotten when an
 * issuer's key set changes; an issuer's keys are fetched again once they are older than
 * {@link Config#keySetLifetime()}, and a token remembered meanwhile is verified again, so
 * that a key the issuer withdrew stops being trusted within that lifetime.
 * <p>
 * The revocation lists are checked on every call; while the list of a token's issuer has
 * never been read, the token is refused with {@link IssuerUnavailable} (fail closed).
 * Issuers that publish no list (Keycloak, Okta) may be asked about each token instead
 * ({@link TokenIntrospection}: once per token and cache time, not per call).
 */
public final class TokenVerifier {

	private static final Logger logger = LoggerFactory.getLogger(TokenVerifier.class);

	/** How often an unknown key id may make an issuer's keys be fetched again. */
	static final Duration KEY_REFRESH = Duration.ofSeconds(30);

	/** How many verified tokens are remembered at most, unless configured otherwise. */
	public static final int REMEMBERED = 20_000;

	private final Map<String, NimbusReactiveJwtDecoder> decoders;

	private final Map<String, IssuerKeys> keys;

	private final Map<String, ClaimMapping> claims;

	private final Set<String> algorithms;

	private final List<CredentialRevocations> revocations;

	private final Map<String, TokenIntrospection> introspections;

	/**
	 * The verified tokens in two generations of at most half the bound each: a new token
	 * goes into the recent one; when it is full, the older one is dropped and the recent
	 * one becomes the older. A token used again is moved back into the recent one, so a
	 * client that calls keeps its token remembered however many others pass once.
	 */
	private volatile ConcurrentHashMap<String, Jwt> recent = new ConcurrentHashMap<>();

	private volatile ConcurrentHashMap<String, Jwt> older = new ConcurrentHashMap<>();

	private final Object turning = new Object();

	private final Duration clockSkew;

	private final Clock clock;

	private final int rememberUpTo;

	/**
	 * A verifier.
	 * @param config the issuers and rules
	 */
	public TokenVerifier(Config config) {
		this(config, List.of());
	}

	/**
	 * A verifier that also refuses revoked credentials.
	 * @param config the issuers and rules
	 * @param revocations the issuers' revocation lists, kept fresh by their owner
	 */
	public TokenVerifier(Config config, List<CredentialRevocations> revocations) {
		this(config, revocations, List.of());
	}

	/**
	 * A verifier that also refuses revoked credentials and tokens their issuer no longer
	 * calls active.
	 * @param config the issuers and rules
	 * @param revocations the issuers' revocation lists, kept fresh by their owner
	 * @param introspections the issuers asked about each token, at most one per issuer
	 */
	public TokenVerifier(Config config, List<CredentialRevocations> revocations,
			List<TokenIntrospection> introspections) {
		this(config, revocations, introspections, Clock.systemUTC());
	}

	TokenVerifier(Config config, List<CredentialRevocations> revocations, Clock clock) {
		this(config, revocations, List.of(), clock);
	}

	TokenVerifier(Config config, List<CredentialRevocations> revocations, List<TokenIntrospection> introspections,
			Clock clock) {
		this.rememberUpTo = config.rememberUpTo();
		this.revocations = List.copyOf(revocations);
		Map<String, TokenIntrospection> introspectionByIssuer = new LinkedHashMap<>();
		introspections.forEach((introspection) -> {
			if (introspectionByIssuer.put(introspection.issuer(), introspection) != null) {
				throw new IllegalArgumentException("Two token introspections for issuer " + introspection.issuer());
			}
		});
		this.introspections = Map.copyOf(introspectionByIssuer);
		this.clockSkew = config.clockSkew();
		this.clock = clock;
		this.algorithms = config.algorithms();
		WebClient keysClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
				.responseTimeout(Duration.ofSeconds(3))))
			.build();
		Map<String, NimbusReactiveJwtDecoder> byIssuer = new LinkedHashMap<>();
		Map<String, IssuerKeys> keysByIssuer = new LinkedHashMap<>();
		Map<String, ClaimMapping> claimsByIssuer = new LinkedHashMap<>();
		for (TrustedIssuer issuer : config.issuers()) {
			claimsByIssuer.put(issuer.issuer(), issuer.claims());
			IssuerKeys keys = new IssuerKeys(issuer.jwkSetUri(), keysClient, KEY_REFRESH, config.keySetLifetime(),
					clock, this::forgetAll);
			keysByIssuer.put(issuer.issuer(), keys);
			NimbusReactiveJwtDecoder.JwkSourceReactiveJwtDecoderBuilder builder = NimbusReactiveJwtDecoder
				.withJwkSource(keys::keysFor);
			this.algorithms.forEach((name) -> builder.jwsAlgorithm(SignatureAlgorithm.from(name)));
			NimbusReactiveJwtDecoder decoder = builder.build();
			JwtTimestampValidator timestamps = new JwtTimestampValidator(this.clockSkew);
			timestamps.setClock(clock);
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(timestamps, expiryRequired(),
					new JwtIssuerValidator(issuer.issuer()), audience(issuer.audience()))));
			byIssuer.put(issuer.issuer(), decoder);
		}
		this.decoders = Map.copyOf(byIssuer);
		this.keys = Map.copyOf(keysByIssuer);
		this.claims = Map.copyOf(claimsByIssuer);
	}

	/**
	 * The caller a verified token describes, read by its issuer's claim mapping.
	 * @param jwt a token this verifier verified
	 * @param defaultPlan the plan when the token names none
	 * @return the caller
	 */
	public Caller caller(Jwt jwt, String defaultPlan) {
		ClaimMapping mapping = this.claims.getOrDefault(jwt.getClaimAsString("iss"), ClaimMapping.STANDARD);
		return mapping.caller(jwt.getClaims(), defaultPlan);
	}

	/**
	 * Verifies a token.
	 * @param token the compact JWS
	 * @return the verified token, or an error {@link InvalidToken} saying why not
	 */
	public Mono<Jwt> verify(String token) {
		Jwt remembered = recalled(token);
		if (remembered != null) {
			if (isCurrent(remembered) && !this.keys.get(remembered.getClaimAsString("iss")).stale()) {
				return notRevoked(remembered).flatMap((jwt) -> stillActive(token, jwt));
			}
			this.recent.remove(token);
			this.older.remove(token);
		}
		JWT parsed;
		String issuer;
		try {
			parsed = JWTParser.parse(token);
			if (!(parsed instanceof SignedJWT)) {
				return Mono.error(new InvalidToken("The access token is not signed."));
			}
			issuer = (parsed.getJWTClaimsSet() != null) ? parsed.getJWTClaimsSet().getIssuer() : null;
		}
		catch (ParseException ex) {
			return Mono.error(new InvalidToken("The access token is not a well-formed JWT."));
		}
		SignedJWT signed = (SignedJWT) parsed;
		JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
		if (!this.algorithms.contains(algorithm.getName())) {
			return Mono.error(new InvalidToken(
					"The access token's algorithm " + printable(algorithm.getName()) + " is not accepted; accepted: "
							+ String.join(", ", this.algorithms.stream().sorted().toList()) + "."));
		}
		NimbusReactiveJwtDecoder decoder = (issuer != null) ? this.decoders.get(issuer) : null;
		if (decoder == null) {
			return Mono.error(new InvalidToken("The access token's issuer "
					+ ((issuer != null) ? "'" + printable(issuer) + "' " : "") + "is not trusted."));
		}
		return decoder.decode(token)
			.onErrorMap(TokenVerifier::isKeysUnavailable, (failure) -> IssuerUnavailable.keysOf(issuer))
			.onErrorMap(JwtException.class, TokenVerifier::explain)
			.doOnNext((jwt) -> remember(token, jwt))
			.flatMap(this::notRevoked)
			.flatMap((jwt) -> stillActive(token, jwt));
	}

	// the issuer's word, for issuers asked about their tokens
	private Mono<Jwt> stillActive(String token, Jwt jwt) {
		TokenIntrospection introspection = this.introspections.get(jwt.getClaimAsString("iss"));
		if (introspection == null) {
			return Mono.just(jwt);
		}
		return introspection.refusal(token, jwt.getExpiresAt())
			.<Jwt>flatMap((refusal) -> Mono.error(new InvalidToken(refusal)))
			.switchIfEmpty(Mono.just(jwt))
			.onErrorMap(TokenIntrospection.Unavailable.class,
					(unavailable) -> IssuerUnavailable.introspection(unavailable));
	}

	/**
	 * Whether a token was verified before and is remembered (it may since have expired or
	 * been revoked: {@link #verify} says).
	 * @param token the compact JWS
	 * @return true when remembered
	 */
	public boolean remembers(String token) {
		return this.recent.containsKey(token) || this.older.containsKey(token);
	}

	/**
	 * How many verified tokens are remembered now: never more than the bound.
	 * @return the count
	 */
	public int rememberedCount() {
		return this.recent.size() + this.older.size();
	}

	// a remembered token, moved into the recent generation when found in the older one
	private Jwt recalled(String token) {
		Jwt jwt = this.recent.get(token);
		if (jwt == null) {
			jwt = this.older.remove(token);
			if (jwt != null) {
				remember(token, jwt);
			}
		}
		return jwt;
	}

	private void remember(String token, Jwt jwt) {
		if (this.rememberUpTo == 0) {
			return;
		}
		ConcurrentHashMap<String, Jwt> generation = this.recent;
		if (generation.size() >= Math.max(1, this.rememberUpTo / 2)) {
			synchronized (this.turning) {
				if (this.recent == generation) {
					this.older = (this.rememberUpTo > 1) ? generation : new ConcurrentHashMap<>();
					this.recent = new ConcurrentHashMap<>();
				}
			}
		}
		this.recent.put(token, jwt);
	}

	// the issuer's keys changed: every token is verified again
	private void forgetAll() {
		synchronized (this.turning) {
			this.recent = new ConcurrentHashMap<>();
			this.older = new ConcurrentHashMap<>();
		}
	}

	// expiry and not-before again, with the clock skew, for a token verified before
	private boolean isCurrent(Jwt jwt) {
		Instant now = this.clock.instant();
		return jwt.getExpiresAt() != null && now.minus(this.clockSkew).isBefore(jwt.getExpiresAt())
				&& (jwt.getNotBefore() == null || !now.plus(this.clockSkew).isBefore(jwt.getNotBefore()));
	}

	private Mono<Jwt> notRevoked(Jwt jwt) {
		for (CredentialRevocations list : this.revocations) {
			try {
				String refusal = list.refusal(jwt.getClaims());
				if (refusal != null) {
					return Mono.error(new InvalidToken(refusal));
				}
			}
			catch (CredentialRevocations.NotYetRead unread) {
				return Mono.error(IssuerUnavailable.revocations(unread));
			}
		}
		return Mono.just(jwt);
	}

	private static InvalidToken explain(JwtException failure) {
		if (failure instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
			return new InvalidToken("The access token is not valid: " + invalid.getErrors()
				.stream()
				.map(OAuth2Error::getDescription)
				.map(TokenVerifier::printable)
				.collect(Collectors.joining("; ")) + ".");
		}
		logger.debug("Token refused", failure);
		return new InvalidToken(
				"The access token's signature does not verify with the issuer's keys, or its claims are malformed.");
	}

	private static boolean isKeysUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IssuerKeys.KeysUnavailable) {
				return true;
			}
		}
		return false;
	}

	private static OAuth2TokenValidator<Jwt> expiryRequired() {
		return (jwt) -> (jwt.getExpiresAt() != null) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no expiry", null));
	}

	private static OAuth2TokenValidator<Jwt> audience(String audience) {
		return new JwtClaimValidator<List<String>>("aud", (values) -> values != null && values.contains(audience));
	}

	static String printable(String text) {
		String cut = (text.length() > 100) ? text.substring(0, 100) + "…" : text;
		return cut.replaceAll("[^\\x20-\\x7E]", "?");
	}

	/**
	 * What a verifier accepts.
	 *
	 * @param issuers the trusted issuers, at least one
	 * @param clockSkew the tolerated clock difference for {@code exp} and {@code nbf}
	 * @param algorithms the accepted JWS algorithms, e.g. {@code RS256}
	 * @param rememberUpTo how many verified tokens to remember; 0 verifies the signature
	 * of every call (as the micro-benchmarks measure it)
	 * @param keySetLifetime how long an issuer's keys are trusted before they are fetched
	 * again ({@value #KEY_SET_LIFETIME_MINUTES} minutes unless configured otherwise)
	 */
	public record Config(List<TrustedIssuer> issuers, Duration clockSkew, Set<String> algorithms, int rememberUpTo,
			Duration keySetLifetime) {

		/** How long an issuer's keys are trusted, unless configured otherwise. */
		public static final long KEY_SET_LIFETIME_MINUTES = 5;

		public Config {
			if (keySetLifetime.isNegative() || keySetLifetime.isZero()) {
				throw new IllegalArgumentException("keySetLifetime must be positive");
			}
			if (issuers.isEmpty()) {
				throw new IllegalArgumentException("At least one trusted issuer is needed");
			}
			if (rememberUpTo < 0) {
				throw new IllegalArgumentException("rememberUpTo must be 0 or more");
			}
			issuers = List.copyOf(issuers);
			algorithms = Set.copyOf(algorithms);
		}

		/**
		 * A configuration that remembers up to {@value TokenVerifier#REMEMBERED} verified
		 * tokens.
		 * @param issuers the trusted issuers, at least one
		 * @param clockSkew the tolerated clock difference for {@code exp} and {@code nbf}
		 * @param algorithms the accepted JWS algorithms, e.g. {@code RS256}
		 */
		public Config(List<TrustedIssuer> issuers, Duration clockSkew, Set<String> algorithms) {
			this(issuers, clockSkew, algorithms, REMEMBERED);
		}

		/**
		 * A configuration with the default key-set lifetime.
		 * @param issuers the trusted issuers, at least one
		 * @param clockSkew the tolerated clock difference for {@code exp} and {@code nbf}
		 * @param algorithms the accepted JWS algorithms, e.g. {@code RS256}
		 * @param rememberUpTo how many verified tokens to remember
		 */
		public Config(List<TrustedIssuer> issuers, Duration clockSkew, Set<String> algorithms, int rememberUpTo) {
			this(issuers, clockSkew, algorithms, rememberUpTo, Duration.ofMinutes(KEY_SET_LIFETIME_MINUTES));
		}

	}

	/**
	 * The token's issuer cannot be asked for its keys right now; the message is safe to
	 * show to the caller.
	 */
	public static final class IssuerUnavailable extends RuntimeException {

		private IssuerUnavailable(String message) {
			super(message, null, false, false);
		}

		static IssuerUnavailable keysOf(String issuer) {
			return new IssuerUnavailable(
					"The keys of token issuer '" + printable(issuer) + "' cannot be fetched right now.");
		}

		static IssuerUnavailable revocations(CredentialRevocations.NotYetRead unread) {
			return new IssuerUnavailable(unread.getMessage());
		}

		static IssuerUnavailable introspection(TokenIntrospection.Unavailable unavailable) {
			return new IssuerUnavailable(unavailable.getMessage());
		}

	}

	/**
	 * A token that is not accepted; the message is safe to show to the caller.
	 */
	public static final class InvalidToken extends RuntimeException {

		InvalidToken(String message) {
			super(message, null, false, false);
		}

	}

}
