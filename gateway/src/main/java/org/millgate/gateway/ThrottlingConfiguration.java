package org.millgate.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.policies.throttle.LocalRateLimitStore;
import org.millgate.policies.throttle.PlanLimits;
import org.millgate.policies.throttle.RedisRateLimitStore;
import org.millgate.policies.throttle.ThrottlingPolicy;
import org.millgate.web.Problems;

/**
 * Throttling: the catalog's plans as limits, the stores of the buckets and the policy
 * {@code throttling}.
 */
@Configuration(proxyBeanMethods = false)
class ThrottlingConfiguration {

	@Bean(destroyMethod = "close")
	ThrottleStores throttleStores(GatewaySettings settings) {
		// commands may take longer than a decision waits; the throttling policy bounds
		// each decision itself (see ThrottlingPolicy)
		RedisRateLimitStore shared = StringUtils.hasText(settings.redisUrl())
				? new RedisRateLimitStore(settings.redisUrl(), Duration.ofSeconds(2)) : null;
		return new ThrottleStores(shared, new LocalRateLimitStore());
	}

	@Bean
	ThrottlingPolicy throttlingPolicy(ContractCatalog catalog, GatewaySettings settings, PolicySettings policies,
			ThrottleStores stores, Problems problems) {
		Map<String, PlanLimits> plans = catalog.plans()
			.stream()
			.map(PlanLimits::of)
			.collect(Collectors.toUnmodifiableMap(PlanLimits::plan, Function.identity()));
		if (!plans.containsKey(settings.defaultPlan())) {
			throw new IllegalStateException("millgate.gateway.default-plan '" + settings.defaultPlan()
					+ "' is not a plan of the catalog; plans: " + plans.keySet());
		}
		Map<String, PlanLimits> partnerPlans = new HashMap<>();
		catalog.plans()
			.forEach((plan) -> PlanLimits.partnerOf(plan).ifPresent((limits) -> partnerPlans.put(plan.name(), limits)));
		return new ThrottlingPolicy(policies::throttling, plans, partnerPlans, stores.shared(), stores.local(),
				problems);
	}

}
