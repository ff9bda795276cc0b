package org.millgate.orders.security;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.orders.ProductionOrderSettings;
import org.millgate.orders.web.Problems;

/**
 * The resource server: RS256 tokens of the configured issuer for the configured audience,
 * the scope each operation's contract requires, problem responses for 401 and 403. The
 * gateway checks the same again; this is defense in depth.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	@Bean
	ReactiveJwtDecoder jwtDecoder(ProductionOrderSettings settings) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				(values) -> values != null && values.contains(settings.audience()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ofSeconds(30)),
				new JwtIssuerValidator(settings.issuer()), audience));
		return decoder;
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, OperationScopes scopes, Problems problems,
			ReactiveJwtDecoder decoder) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchanges) -> {
				scopes.all()
					.forEach((operation) -> exchanges
						.pathMatchers(HttpMethod.valueOf(operation.method()), operation.template())
						.hasAuthority("SCOPE_" + operation.scope()));
				exchanges
					.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/contracts/**",
							"/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
					.permitAll();
				// any other versioned path: a caller with a valid token learns from the
				// contract
				// filter that the version or operation does not exist (404), never more
				exchanges.pathMatchers("/v*/**").authenticated();
				exchanges.anyExchange().denyAll();
			})
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtDecoder(decoder))
				.authenticationEntryPoint((exchange, failure) -> {
					exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
					return problems.write(exchange, "auth.tokenInvalid",
							"A valid access token is required (missing, expired, or from an untrusted issuer).");
				})
				.accessDeniedHandler((exchange, denied) -> problems.write(exchange, "auth.insufficientScope",
						"The access token lacks the scope this operation requires.")))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint((exchange, failure) -> {
				exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
				return problems.write(exchange, "auth.tokenInvalid", "A valid access token is required.");
			})
				.accessDeniedHandler((exchange, denied) -> problems.write(exchange, "auth.insufficientScope",
						"The access token lacks the scope this operation requires.")));
		return http.build();
	}

}
