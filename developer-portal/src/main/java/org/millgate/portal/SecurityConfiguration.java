package org.millgate.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: the catalog, the reference and the changelogs are public; apps are
 * for signed-in partners, reviews for API owners. People sign in at identity (OpenID
 * Connect, authorization code with PKCE); their roles come from the ID token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain portal(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/products/**", "/css/**", "/js/**", "/webjars/**", "/actuator/health",
					"/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers("/apps/**")
			.hasRole("PARTNER")
			.requestMatchers("/owner/**")
			.hasRole("API_OWNER")
			// everything else is public (an unknown page answers 404, not a sign-in)
			.anyRequest()
			.permitAll())
			.oauth2Login((login) -> login.loginPage("/oauth2/authorization/millgate"))
			.logout((logout) -> logout.logoutSuccessUrl("/"));
		return http.build();
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
						roles.forEach((role) -> mapped.add(new SimpleGrantedAuthority(
								"ROLE_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
					}
				}
			}
			return mapped;
		};
	}

}
