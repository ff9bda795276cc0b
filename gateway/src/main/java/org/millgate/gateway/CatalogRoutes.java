package org.millgate.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.policies.auth.AuthenticationPolicy;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.Problems;
import org.millgate.policies.resilience.ResiliencePolicy;
import org.millgate.gateway.GatewayConfiguration.Plans;
import org.millgate.policies.throttle.PlanLimits;
import org.millgate.policies.throttle.PriorityLanes;
import org.millgate.policies.throttle.ThrottlingPolicy;
import org.millgate.policies.validation.RequestValidationPolicy;
import org.millgate.policies.validation.ResponseValidationPolicy;
import org.millgate.policies.versioning.VersioningPolicy;

/**
 * One route per product version in the catalog (drafts excepted), each with its policy
 * chain; a last route answers everything else with a problem. Adding a version is a
 * catalog entry and a contract, not code here.
 */
@Configuration(proxyBeanMethods = false)
class CatalogRoutes {

	private static final Logger logger = LoggerFactory.getLogger(CatalogRoutes.class);

	/**
	 * One circuit breaker per product service.
	 * @param catalog the catalog
	 * @param settings the settings
	 * @param problems problem answers
	 * @return the policies by product
	 */
	@Bean
	Breakers breakers(ContractCatalog catalog, GatewaySettings settings, Problems problems) {
		Map<String, ResiliencePolicy> policies = new HashMap<>();
		for (Product product : catalog.products()) {
			GatewaySettings.ProductSettings productSettings = settings.product(product.id());
			GatewaySettings.CircuitBreakerSettings breaker = productSettings.breaker();
			policies.put(product.id(),
					new ResiliencePolicy(product.id(), new ResiliencePolicy.Config(productSettings.timeout(),
							breaker.failureRatePercent(), breaker.window(), breaker.minimumCalls(), breaker.openFor()),
							problems));
		}
		return new Breakers(Map.copyOf(policies));
	}

	@Bean
	RouteLocator catalogRouteLocator(RouteLocatorBuilder builder, ContractCatalog catalog, GatewaySettings settings,
			Problems problems, AuthenticationPolicy authentication, Plans plans, ThrottleStores stores,
			Breakers breakers, MeterRegistry meters) {
		Map<String, PlanLimits> planLimits = plans.byName();
		RouteLocatorBuilder.Builder routes = builder.routes();
		PlanLimits fallbackPlan = planLimits.get(settings.defaultPlan());
		if (fallbackPlan == null) {
			throw new IllegalStateException("millgate.gateway.default-plan '" + settings.defaultPlan()
					+ "' is not a plan of the catalog; plans: " + planLimits.keySet());
		}
		for (Product product : catalog.products()) {
			URI backend = (settings.backends() != null) ? settings.backends().get(product.id()) : null;
			if (backend == null) {
				throw new IllegalStateException("No backend configured for product " + product.id()
						+ ": set millgate.gateway.backends." + product.id());
			}
			GatewaySettings.ProductSettings productSettings = settings.product(product.id());
			PriorityLanes lanes = new PriorityLanes(productSettings.capacity());
			ThrottlingPolicy throttling = new ThrottlingPolicy(product.id(),
					new ThrottlingPolicy.Config(productSettings.redisDown(), settings.throttleDecisionTimeout()),
					planLimits, fallbackPlan, stores.shared(), stores.local(), lanes, problems);
			for (ProductVersion version : product.versions()) {
				if (version.state() == Lifecycle.DRAFT) {
					continue;
				}
				ContractDocument contract = catalog.contract(product.id(), version.version())
					.orElseThrow(() -> new IllegalStateException(
							"No contract for " + product.id() + " " + version.version()));
				ApiRoute route = ApiRoute.of(product, version, contract);
				List<GatewayFilter> filters = new ArrayList<>();
				filters.add(new VersioningPolicy(route, problems).filter());
				filters.add(authentication.filter());
				filters.add(throttling.filter());
				filters.add(authentication.authorization());
				filters.add(new RequestValidationPolicy(route,
						new RequestValidationPolicy.Config(productSettings.maxBodyBytes()), problems)
					.filter());
				filters.add(breakers.byProduct().get(product.id()).filter());
				filters.add(ResiliencePolicy.retries());
				filters.add(new ResponseValidationPolicy(route, productSettings.responseValidation(version.version()),
						productSettings.reportChecksPerSecond(), problems, meters)
					.filter());
				Map<String, Object> metadata = new HashMap<>();
				metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, productSettings.timeout().toMillis());
				metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 2000);
				metadata.put("product", product.id());
				metadata.put("version", version.version());
				routes.route(product.id() + "-" + version.version(),
						(spec) -> spec.path(route.pathPrefix(), route.pathPrefix() + "/**")
							.filters((filterSpec) -> filterSpec.filters(filters))
							.metadata(metadata)
							.uri(backend));
				logger.info("Route {} {} ({}) {}/** -> {}", product.id(), version.version(), version.state().yamlName(),
						route.pathPrefix(), backend);
			}
		}
		VersioningPolicy.NotFound notFound = new VersioningPolicy.NotFound(catalog, problems);
		routes.route("not-found",
				(spec) -> spec.order(Integer.MAX_VALUE)
					.path("/**")
					.filters((filterSpec) -> filterSpec.filter(notFound.filter()))
					.uri("http://127.0.0.1:9"));
		return routes.build();
	}

	/**
	 * The circuit breakers, by product.
	 *
	 * @param byProduct the resilience policy of each product
	 */
	record Breakers(Map<String, ResiliencePolicy> byProduct) {

	}

}
