package org.millgate.product.web;

import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jwt.JWTParser;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.ClaimMapping;
import org.millgate.web.TokenIntrospection;

/**
 * The issuers a product trusts, each with its keys, audience and claim mapping:
 * Millgate's identity service ({@code millgate.product.issuer}) and the enterprise's
 * identity providers beside it ({@code millgate.product.more-issuers}). A token's issuer
 * is read first (unverified) only to pick that issuer's decoder, which then checks
 * signature, issuer, audience and times; its scopes (the authorities the contract's
 * operations ask for) and its caller are read by that issuer's mapping.
 */
final class TrustedIssuers {

	private final Map<String, ReactiveJwtDecoder> decoders;

	private final Map<String, ClaimMapping> claims;

	/**
	 * The product's issuers.
	 * @param product the product's settings
	 * @param revocations what the first issuer's revocation list adds to its decoder
	 */
	TrustedIssuers(ProductProperties product, UnaryOperator<ReactiveJwtDecoder> revocations) {
		Map<String, ReactiveJwtDecoder> decoders = new LinkedHashMap<>();
		Map<String, ClaimMapping> claims = new LinkedHashMap<>();
		decoders.put(product.issuer(), asking(product.issuer(), product.introspection(), revocations
			.apply(decoder(product.issuer(), product.jwkSetUri(), product.audience(), product.clockSkew()))));
		claims.put(product.issuer(), product.claims());
		for (ProductProperties.Issuer more : product.moreIssuers()) {
			decoders.put(more.issuer(),
					asking(more.issuer(), more.introspection(), decoder(more.issuer(), more.jwkSetUri(),
							(more.audience() != null) ? more.audience() : product.audience(), product.clockSkew())));
			claims.put(more.issuer(), more.claims());
		}
		this.decoders = Map.copyOf(decoders);
		this.claims = Map.copyOf(claims);
	}

	// the issuer asked whether each token is still active, where it is configured to be
	private static ReactiveJwtDecoder asking(String issuer, TokenIntrospection.Settings settings,
			ReactiveJwtDecoder decoder) {
		if (settings == null) {
			return decoder;
		}
		TokenIntrospection introspection = new TokenIntrospection(issuer, settings);
		return (token) -> decoder.decode(token)
			.flatMap((jwt) -> introspection.refusal(token, jwt.getExpiresAt())
				.<Jwt>flatMap(
						(refusal) -> Mono.error(new ProductSecurityAutoConfiguration.Revocations.Revoked(refusal)))
				.switchIfEmpty(Mono.just(jwt)))
			.onErrorMap(TokenIntrospection.Unavailable.class,
					(unavailable) -> new ProductSecurityAutoConfiguration.Revocations.Unread(unavailable.getMessage()));
	}

	private static ReactiveJwtDecoder decoder(String issuer, String jwkSetUri, String audience, Duration skew) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> audienceNamed = new JwtClaimValidator<List<String>>("aud",
				(values) -> values != null && values.contains(audience));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(skew),
				new JwtIssuerValidator(issuer), audienceNamed));
		return decoder;
	}

	/**
	 * The decoder of every trusted issuer's tokens.
	 * @return the decoder
	 */
	ReactiveJwtDecoder decoder() {
		if (this.decoders.size() == 1) {
			// one issuer: its decoder checks the issuer; no parse before it on every
			// request
			ReactiveJwtDecoder only = this.decoders.values().iterator().next();
			return (token) -> only.decode(token).flatMap(this::namingAClient);
		}
		return (token) -> {
			String issuer;
			try {
				issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
			}
			catch (ParseException | RuntimeException ex) {
				return Mono.error(new BadJwtException("The access token is not a well-formed JWT.", ex));
			}
			ReactiveJwtDecoder decoder = (issuer != null) ? this.decoders.get(issuer) : null;
			return (decoder != null) ? decoder.decode(token).flatMap(this::namingAClient)
					: Mono.error(new BadJwtException("The access token's issuer is not trusted."));
		};
	}

	// no client to answer idempotently for, or to name in events and audits
	private Mono<Jwt> namingAClient(Jwt jwt) {
		return Caller.NO_CLIENT.equals(caller(jwt).clientId()) ? Mono
			.error(new BadJwtException("The access token names no client in the claims its issuer's mapping reads."))
				: Mono.just(jwt);
	}

	/**
	 * The caller a verified token describes, by its issuer's mapping.
	 * @param jwt the verified token
	 * @return the caller
	 */
	Caller caller(Jwt jwt) {
		return mapping(jwt).caller(jwt.getClaims(), null);
	}

	/**
	 * Reads a verified token into an authentication whose authorities are
	 * {@code SCOPE_<scope>} for each scope it grants by its issuer's mapping.
	 * @return the converter
	 */
	Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> mapping(jwt).scopes(jwt.getClaims())
			.stream()
			.map((scope) -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + scope))
			.toList());
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}

	private ClaimMapping mapping(Jwt jwt) {
		return this.claims.getOrDefault(jwt.getClaimAsString("iss"), ClaimMapping.STANDARD);
	}

}
