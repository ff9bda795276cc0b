package org.millgate.gateway;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import org.millgate.policies.auth.AuthenticationPolicy;
import org.millgate.policies.auth.AuthorizationPolicy;
import org.millgate.policies.auth.FailedAuthentications;
import org.millgate.policies.auth.TokenVerifier;
import org.millgate.policies.auth.TrustedIssuer;
import org.millgate.web.CredentialRevocations;
import org.millgate.web.Problems;
import org.millgate.web.TokenIntrospection;

/**
 * Who may call what: the trusted issuers' tokens, their revocation lists, and the
 * policies {@code authentication} and {@code authorization}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	TokenVerifier tokenVerifier(GatewaySettings settings, Revocations revocations) {
		List<TrustedIssuer> issuers = settings.issuers()
			.stream()
			.map((issuer) -> new TrustedIssuer(issuer.issuer(), issuer.jwkSetUri(), issuer.audience(), issuer.claims()))
			.toList();
		settings.issuers()
			.forEach((issuer) -> logger.info("Trusting the tokens of {} (keys {}, audience {}), read by {}; {}",
					issuer.issuer(), issuer.jwkSetUri(), issuer.audience(), issuer.claims(),
					StringUtils.hasText(issuer.revocationsUri()) ? "revocations at " + issuer.revocationsUri()
							: (issuer.introspection() != null) ? issuer.introspection()
									: "no revocations: its tokens are good until they expire"));
		List<TokenIntrospection> introspections = settings.issuers()
			.stream()
			.filter((issuer) -> issuer.introspection() != null)
			.map((issuer) -> new TokenIntrospection(issuer.issuer(), issuer.introspection()))
			.toList();
		return new TokenVerifier(new TokenVerifier.Config(issuers, settings.clockSkew(),
				Set.copyOf(settings.algorithms()), TokenVerifier.REMEMBERED, settings.keySetLifetime()),
				revocations.lists(), introspections);
	}

	/**
	 * The issuers' lists of revoked and rotated clients, read every
	 * {@code revocation-refresh} in the background.
	 * @param settings the settings
	 * @return the lists
	 */
	@Bean(destroyMethod = "close")
	Revocations revocations(GatewaySettings settings) {
		return new Revocations(settings.issuers()
			.stream()
			.filter((issuer) -> StringUtils.hasText(issuer.revocationsUri()))
			.map((issuer) -> new CredentialRevocations(issuer.issuer(), URI.create(issuer.revocationsUri()))
				.start(settings.revocationRefresh()))
			.toList());
	}

	@Bean
	AuthenticationPolicy authenticationPolicy(TokenVerifier verifier, PolicySettings settings, GatewaySettings gateway,
			Problems problems) {
		FailedAuthentications failures = new FailedAuthentications(
				new FailedAuthentications.Config(gateway.failedAuthentications().burst(),
						gateway.failedAuthentications().perSecond(), gateway.trustedProxies()));
		return new AuthenticationPolicy(verifier, settings::authentication, problems, failures);
	}

	@Bean
	AuthorizationPolicy authorizationPolicy(Problems problems) {
		return new AuthorizationPolicy(problems);
	}

	/**
	 * The revocation lists, closed with the application.
	 *
	 * @param lists one per issuer that publishes one
	 */
	record Revocations(List<CredentialRevocations> lists) {

		void close() {
			this.lists.forEach(CredentialRevocations::close);
		}

	}

}
