package org.millgate.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.policies.cors.CorsPolicy;
import org.millgate.policies.hygiene.HygienePolicy;
import org.millgate.web.Problems;

/**
 * The gateway's edge, in front of every request: the policies {@code hygiene},
 * {@code cors} and {@code management-guard}, and the problem answer of failures no policy
 * answered.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	HygienePolicy hygienePolicy(GatewaySettings settings) {
		return new HygienePolicy(new HygienePolicy.Config(settings.trustedProxies()));
	}

	@Bean
	CorsPolicy corsPolicy(GatewaySettings settings) {
		return new CorsPolicy(new CorsPolicy.Config(settings.portalOrigin()));
	}

	@Bean
	ManagementGuard managementGuard(GatewaySettings settings, Problems problems) {
		return new ManagementGuard(new ManagementGuard.Config(settings.managementClients()), problems);
	}

	@Bean
	ProblemErrorHandler problemErrorHandler(Problems problems) {
		return new ProblemErrorHandler(problems);
	}

}
