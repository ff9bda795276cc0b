package org.millgate.product.web;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.util.StringUtils;

import org.millgate.web.CredentialRevocations;
import org.millgate.web.Problems;

/**
 * The product as an OAuth2 resource server: RS256 tokens of the configured issuers for
 * the configured audience, not of a revoked client nor of a rotated secret (identity's
 * revocation list, read in the background with web-core's {@link CredentialRevocations},
 * as the gateway reads it), the scope each operation's contract names, problem answers
 * for 401, 403 and, while the revocation list has never been read, 503
 * {@code auth.issuerUnavailable}. The gateway checks the same before; this is defence in
 * depth, for a caller that reaches a product around the gateway.
 */
// before Boot's own security auto-configuration, which backs off once a chain exists
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@EnableWebFluxSecurity
class ProductSecurityAutoConfiguration {

	private static final String INSUFFICIENT_SCOPE = "The access token lacks the scope this operation requires.";

	/**
	 * The issuer's revocation list, read every {@code revocation-refresh}.
	 * @param product the product's settings
	 * @return the list, or an empty holder when the issuer publishes none
	 */
	@Bean(destroyMethod = "close")
	Revocations productRevocations(ProductProperties product) {
		if (!StringUtils.hasText(product.revocationsUri())) {
			return new Revocations(null);
		}
		return new Revocations(new CredentialRevocations(product.issuer(), URI.create(product.revocationsUri()))
			.start(product.revocationRefresh()));
	}

	@Bean
	TrustedIssuers trustedIssuers(ProductProperties product, Revocations revocations) {
		return new TrustedIssuers(product,
				(decoder) -> (revocations.list() != null) ? revocations.checking(decoder) : decoder);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(TrustedIssuers issuers) {
		return issuers.decoder();
	}

	@Bean
	SecurityWebFilterChain productSecurity(ServerHttpSecurity http, ProductContracts contracts, Problems problems,
			ReactiveJwtDecoder decoder, TrustedIssuers issuers) {
		ServerAuthenticationEntryPoint invalidToken = (exchange, failure) -> {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof Revocations.Unread unread) {
					exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
					return problems.write(exchange, "auth.issuerUnavailable", unread.getMessage());
				}
				if (cause instanceof Revocations.Revoked revoked) {
					exchange.getResponse()
						.getHeaders()
						.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
					return problems.write(exchange, "auth.tokenInvalid", revoked.getMessage());
				}
			}
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			return problems.write(exchange, "auth.tokenInvalid",
					"A valid access token is required (missing, expired, or from an untrusted issuer).");
		};
		ServerAuthenticationEntryPoint noToken = (exchange, failure) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return problems.write(exchange, "auth.tokenInvalid", "A valid access token is required.");
		};
		ServerAccessDeniedHandler denied = (exchange, failure) -> problems.write(exchange, "auth.insufficientScope",
				INSUFFICIENT_SCOPE);
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchanges) -> {
				contracts.operations()
					.all()
					.forEach((operation) -> exchanges
						.pathMatchers(HttpMethod.valueOf(operation.method()), operation.template())
						.hasAuthority("SCOPE_" + operation.scope()));
				// the management endpoints beyond health answer management clients only
				// (ManagementFilter, by their address: loopback unless configured)
				exchanges
					.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/outbox",
							"/actuator/outbox/**", "/contracts/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
					.permitAll();
				// any other versioned path: a caller with a valid token learns from the
				// contract check that the version or operation does not exist (404)
				exchanges.pathMatchers("/v*/**").authenticated();
				exchanges.anyExchange().denyAll();
			})
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(issuers.authentication()))
				.authenticationEntryPoint(invalidToken)
				.accessDeniedHandler(denied))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(noToken).accessDeniedHandler(denied));
		return http.build();
	}

	/**
	 * The issuer's revocation list, closed with the application.
	 *
	 * @param list the list, or null when the issuer publishes none
	 */
	record Revocations(CredentialRevocations list) {

		void close() {
			if (this.list != null) {
				this.list.close();
			}
		}

		ReactiveJwtDecoder checking(ReactiveJwtDecoder decoder) {
			return (token) -> decoder.decode(token).flatMap((jwt) -> {
				try {
					String refusal = this.list.refusal(jwt.getClaims());
					return (refusal != null) ? Mono.error(new Revoked(refusal)) : Mono.just(jwt);
				}
				catch (CredentialRevocations.NotYetRead unread) {
					return Mono.error(new Unread(unread.getMessage()));
				}
			});
		}

		/** A verified token of a revoked client or a rotated secret. */
		static final class Revoked extends BadJwtException {

			Revoked(String message) {
				super(message);
			}

		}

		/** A token of the issuer, while its revocation list has never been read. */
		static final class Unread extends BadJwtException {

			Unread(String message) {
				super(message);
			}

		}

	}

}
