package org.millgate.portal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may see what: the catalog, the reference and the changelogs are public; apps are
 * for signed-in partners, reviews for API owners. People sign in at identity (OpenID
 * Connect, authorization code with PKCE); their roles come from the ID token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The actuator: health for everyone; the rest (the operators' webhook endpoint) from
	 * this machine only, where ./millgate calls it; from elsewhere 403, never a sign-in.
	 * @param http the security builder
	 * @return the actuator's chain, before the portal's
	 * @throws Exception when it cannot be built
	 */
	@Bean
	@Order(1)
	SecurityFilterChain actuator(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.access((authentication, context) -> new AuthorizationDecision(loopback(context.getRequest()))))
			.csrf((csrf) -> csrf.disable())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain portal(HttpSecurity http, PortalSettings settings) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/products/**", "/css/**", "/js/**", "/webjars/**", "/actuator/health",
					"/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers("/apps/**", "/webhooks/**")
			.hasRole("PARTNER")
			.requestMatchers("/owner/**")
			.hasRole("API_OWNER")
			.requestMatchers("/operations", "/operations/**")
			.hasRole("OPERATIONS")
			// everything else is public (an unknown page answers 404, not a sign-in)
			.anyRequest()
			.permitAll())
			// the actuator is called by ./millgate on this machine, never from a
			// browser's form
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/actuator/**"))
			.oauth2Login((login) -> login.loginPage("/oauth2/authorization/millgate"))
			// scripts and styles from the portal only (Swagger UI sets style attributes,
			// hence 'unsafe-inline' for styles, never for scripts); try-it calls reach
			// only the gateway; no framing, no referrer beyond the origin
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
							+ "connect-src 'self' " + settings.gatewayUrl() + "; frame-ancestors 'none'; "
							+ "form-action 'self' " + settings.issuerUrl() + "; base-uri 'none'; object-src 'none'"))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.logout((logout) -> logout.logoutSuccessHandler(new SignOut(settings.issuerUrl().toString())));
		return http.build();
	}

	private static boolean loopback(HttpServletRequest request) {
		try {
			return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * ID tokens must come from identity: the issuer is checked besides signature,
	 * audience, expiry and nonce.
	 * @param settings names identity
	 * @return the decoders of ID tokens
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoders(PortalSettings settings) {
		OidcIdTokenDecoderFactory decoders = new OidcIdTokenDecoderFactory();
		decoders
			.setJwtValidatorFactory((registration) -> idTokenValidator(registration, settings.issuerUrl().toString()));
		return decoders;
	}

	static OAuth2TokenValidator<Jwt> idTokenValidator(ClientRegistration registration, String issuer) {
		return new DelegatingOAuth2TokenValidator<>(new OidcIdTokenValidator(registration),
				new JwtIssuerValidator(issuer));
	}

	/**
	 * The ID token's {@code roles} ({@code partner}, {@code api-owner}) as
	 * {@code ROLE_PARTNER} and {@code ROLE_API_OWNER}.
	 * @return the mapper
	 */
	@Bean
	GrantedAuthoritiesMapper rolesFromTheIdToken() {
		return (authorities) -> {
			List<GrantedAuthority> mapped = new ArrayList<>(authorities);
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidc) {
					Collection<String> roles = oidc.getIdToken().getClaimAsStringList("roles");
					if (roles != null) {
						roles.forEach((role) -> mapped.add(
								new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_'))));
					}
				}
			}
			return mapped;
		};
	}

}
