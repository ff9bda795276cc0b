package org.millgate.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Identity's own tokens for client registration and management: those naming the
 * management audience, which only tokens with {@code client.*} scopes do. API tokens name
 * the APIs' audience and are refused here, even with a scope of the same name, as are the
 * access tokens of a sign-in (they name the client).
 */
final class ManagementTokens {

	private ManagementTokens() {
	}

	/**
	 * A decoder that takes what {@code tokens} takes and names {@code audience}.
	 * @param tokens checks issuer, signature and lifetime
	 * @param audience the management audience
	 * @return the decoder
	 */
	static JwtDecoder decoder(JwtDecoder tokens, String audience) {
		OAuth2TokenValidator<Jwt> forManagement = (
				jwt) -> (jwt.getAudience() != null && jwt.getAudience().contains(audience))
						? OAuth2TokenValidatorResult.success()
						: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
								"The token's audience is not " + audience + ": client registration and management "
										+ "take only the registrar's tokens (client.* scopes), never API tokens",
								null));
		return (token) -> {
			Jwt jwt = tokens.decode(token);
			OAuth2TokenValidatorResult result = forManagement.validate(jwt);
			if (result.hasErrors()) {
				throw new JwtValidationException(result.getErrors().iterator().next().getDescription(),
						result.getErrors());
			}
			return jwt;
		};
	}

	/**
	 * Client registration that takes only management tokens as initial access tokens: the
	 * registration endpoint answers 401 {@code invalid_token} to any other, before Spring
	 * Authorization Server checks its scope and looks it up.
	 * @param registration Spring Authorization Server's registration
	 * @param audience the management audience
	 * @return the registration, checking the audience first
	 */
	static AuthenticationProvider atRegistration(AuthenticationProvider registration, String audience) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				if (authentication.getPrincipal() instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer
						&& bearer.getToken() instanceof Jwt jwt) {
					OAuth2TokenValidatorResult result = forManagement(audience).validate(jwt);
					if (result.hasErrors()) {
						throw new OAuth2AuthenticationException(result.getErrors().iterator().next());
					}
				}
				return registration.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return registration.supports(authentication);
			}

		};
	}

	private static OAuth2TokenValidator<Jwt> forManagement(String audience) {
		return (jwt) -> (jwt.getAudience() != null && jwt.getAudience().contains(audience))
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
								"The token's audience is not " + audience + ": client registration and management "
										+ "take only the registrar's tokens (client.* scopes), never API tokens",
								null));
	}

}
