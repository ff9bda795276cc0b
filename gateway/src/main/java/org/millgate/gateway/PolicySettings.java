package org.millgate.gateway;

import org.millgate.gateway.GatewaySettings.CircuitBreakerSettings;
import org.millgate.gateway.GatewaySettings.ProductSettings;
import org.millgate.policies.auth.AuthenticationPolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.resilience.CircuitBreakerPolicy;
import org.millgate.policies.throttle.ThrottlingPolicy;
import org.millgate.policies.validation.RequestValidationPolicy;
import org.millgate.policies.validation.ResponseValidationPolicy;

/**
 * The route policies' configurations, read from the gateway's settings of each route's
 * product and version: each method is the {@code RouteConfigs} of one policy.
 *
 * @param settings the gateway's settings
 */
record PolicySettings(GatewaySettings settings) {

	AuthenticationPolicy.Config authentication(ApiRoute route) {
		return new AuthenticationPolicy.Config(this.settings.defaultPlan());
	}

	ThrottlingPolicy.Config throttling(ApiRoute route) {
		ProductSettings product = this.settings.product(route.productId());
		return new ThrottlingPolicy.Config(product.redisDown(), this.settings.throttleDecisionTimeout(),
				product.capacity(), this.settings.defaultPlan());
	}

	RequestValidationPolicy.Config requestValidation(ApiRoute route) {
		return new RequestValidationPolicy.Config(this.settings.product(route.productId()).maxBodyBytes());
	}

	ResponseValidationPolicy.Config responseValidation(ApiRoute route) {
		ProductSettings product = this.settings.product(route.productId());
		return new ResponseValidationPolicy.Config(product.responseValidation(route.versionName()),
				product.reportChecksPerSecond());
	}

	CircuitBreakerPolicy.Config circuitBreaker(ApiRoute route) {
		ProductSettings product = this.settings.product(route.productId());
		CircuitBreakerSettings breaker = product.circuitBreaker();
		return new CircuitBreakerPolicy.Config(product.timeout(), breaker.failureRatePercent(), breaker.window(),
				breaker.minimumCalls(), breaker.openFor());
	}

}
