package org.millgate.portal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import org.millgate.portal.signin.SignInSettings;

/**
 * Who may see what: the catalog, the reference and the changelogs are public; apps are
 * for signed-in partners, reviews for API owners. People sign in at the provider of
 * {@link SignInConfiguration}; their roles come from the ID token.
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
							+ "form-action 'self' " + signInOrigins(settings.signIn())
							+ "; base-uri 'none'; object-src 'none'"))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.logout((logout) -> logout.logoutSuccessHandler(new SignOut(settings.signIn().logoutUri())));
		return http.build();
	}

	// signing out posts to the portal, which redirects to the provider: browsers hold
	// that redirect to form-action, which names origins (paths do not count after one)
	static String signInOrigins(SignInSettings signIn) {
		Set<String> origins = new LinkedHashSet<>();
		for (String uri : List.of(signIn.authorizationUri(), signIn.logoutUri())) {
			if (!uri.isBlank()) {
				URI parsed = URI.create(uri);
				origins.add(parsed.getScheme() + "://" + parsed.getRawAuthority());
			}
		}
		return String.join(" ", origins);
	}

	private static boolean loopback(HttpServletRequest request) {
		try {
			return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
