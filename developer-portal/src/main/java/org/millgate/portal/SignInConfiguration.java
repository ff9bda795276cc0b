package org.millgate.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

import org.millgate.portal.signin.People;
import org.millgate.portal.signin.SignInSettings;

/**
 * Signing in: the client registration {@code millgate} at the provider the sign-in
 * settings name (identity by default; OpenID Connect, authorization code with PKCE), the
 * check of its ID tokens, and the portal roles read from them.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	/**
	 * The one client registration, built from {@code millgate.portal.sign-in} rather than
	 * Spring Boot's {@code spring.security.oauth2.client}: the issuer and its endpoints
	 * then live in one validated place, with identity's as defaults.
	 * @param settings the portal's settings
	 * @return the registrations
	 */
	@Bean
	InMemoryClientRegistrationRepository clientRegistrationRepository(PortalSettings settings) {
		return new InMemoryClientRegistrationRepository(registration(settings.signIn()));
	}

	static ClientRegistration registration(SignInSettings signIn) {
		return ClientRegistration.withRegistrationId("millgate")
			.clientName("millgate")
			.clientId(signIn.clientId())
			.clientSecret(signIn.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(signIn.scopes())
			.issuerUri(signIn.issuer())
			.authorizationUri(signIn.authorizationUri())
			.tokenUri(signIn.tokenUri())
			.jwkSetUri(signIn.jwkSetUri())
			.userNameAttributeName("sub")
			.build();
	}

	@Bean
	People people(PortalSettings settings) {
		return new People(settings.signIn());
	}

	/**
	 * ID tokens must come from the sign-in provider: the issuer is checked besides
	 * signature, audience, expiry and nonce.
	 * @param settings names the provider
	 * @return the decoders of ID tokens
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoders(PortalSettings settings) {
		OidcIdTokenDecoderFactory decoders = new OidcIdTokenDecoderFactory();
		decoders.setJwtValidatorFactory((registration) -> idTokenValidator(registration, settings.signIn().issuer()));
		return decoders;
	}

	static OAuth2TokenValidator<Jwt> idTokenValidator(ClientRegistration registration, String issuer) {
		return new DelegatingOAuth2TokenValidator<>(new OidcIdTokenValidator(registration),
				new JwtIssuerValidator(issuer));
	}

	/**
	 * The portal roles the ID token grants ({@code partner}, {@code api-owner},
	 * {@code operations}, read by the sign-in settings) as {@code ROLE_PARTNER},
	 * {@code ROLE_API_OWNER} and {@code ROLE_OPERATIONS}; nothing else.
	 * @param people reads the claims
	 * @return the mapper
	 */
	@Bean
	GrantedAuthoritiesMapper rolesFromTheIdToken(People people) {
		return (authorities) -> {
			List<GrantedAuthority> mapped = new ArrayList<>(authorities);
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidc) {
					people.rolesIn(oidc.getAttributes())
						.forEach((role) -> mapped.add(
								new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_'))));
				}
			}
			return mapped;
		};
	}

}
