package org.millgate.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.policies.core.RouteConfigs;
import org.millgate.policies.resilience.CircuitBreakerPolicy;
import org.millgate.policies.resilience.RetryPolicy;
import org.millgate.web.Problems;

/**
 * Resilience toward the product services: the policies {@code circuit-breaker} and
 * {@code retry}.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	CircuitBreakerPolicy circuitBreakerPolicy(PolicySettings settings, Problems problems) {
		return new CircuitBreakerPolicy(settings::circuitBreaker, problems);
	}

	@Bean
	RetryPolicy retryPolicy() {
		return new RetryPolicy(RouteConfigs.same(RetryPolicy.Config.DEFAULTS));
	}

}
