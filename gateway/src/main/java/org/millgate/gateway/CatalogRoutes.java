package org.millgate.gateway;

import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RoutePolicy;
import org.millgate.policies.versioning.NotFoundPolicy;

/**
 * One route per product version in the catalog (drafts excepted), each with every route
 * policy it is given, sorted by {@link PolicyOrder}; a last route answers everything else
 * with a problem ({@link NotFoundPolicy}). Adding a version is a catalog entry and a
 * contract, adding a policy a bean: neither is code here.
 */
@Configuration(proxyBeanMethods = false)
class CatalogRoutes {

	/**
	 * The metadata of a catalog route naming the path prefixes it routes, a list (its
	 * predicate matches those paths and the paths under them, nothing else): the first
	 * two segments of its operations' paths, one for most products, one per resource for
	 * a product of several ({@code /v1/materials}, {@code /v1/plants}, ...).
	 */
	static final String PATH_PREFIX = "millgate.path-prefix";

	private static final Logger logger = LoggerFactory.getLogger(CatalogRoutes.class);

	@Bean
	RouteLocator catalogRouteLocator(RouteLocatorBuilder builder, ContractCatalog catalog, GatewaySettings settings,
			List<RoutePolicy> policies, NotFoundPolicy notFound) {
		List<RoutePolicy> chain = inOrder(policies);
		logger.info("Route policies, in order: {}", chain.stream().map(Policy::id).toList());
		RouteLocatorBuilder.Builder routes = builder.routes();
		for (Product product : catalog.products()) {
			if (product.versions().stream().allMatch((version) -> version.state() == Lifecycle.DRAFT)) {
				// a contract written before its service: nothing to route yet
				logger.info("Product {} has drafts only: not routed", product.id());
				continue;
			}
			URI backend = (settings.backends() != null) ? settings.backends().get(product.id()) : null;
			if (backend == null) {
				throw new IllegalStateException("No backend configured for product " + product.id()
						+ ": set millgate.gateway.backends." + product.id());
			}
			for (ProductVersion version : product.versions()) {
				if (version.state() == Lifecycle.DRAFT) {
					continue;
				}
				ContractDocument contract = catalog.contract(product.id(), version.version())
					.orElseThrow(() -> new IllegalStateException(
							"No contract for " + product.id() + " " + version.version()));
				ApiRoute route = ApiRoute.of(product, version, contract);
				List<GatewayFilter> filters = chain.stream().map((policy) -> policy.apply(route)).toList();
				Map<String, Object> metadata = new HashMap<>();
				metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR,
						settings.product(product.id()).timeout().toMillis());
				metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 2000);
				metadata.put("product", product.id());
				metadata.put("version", version.version());
				metadata.put(PATH_PREFIX, route.pathPrefixes());
				String[] patterns = route.pathPrefixes()
					.stream()
					.flatMap((prefix) -> Stream.of(prefix, prefix + "/**"))
					.toArray(String[]::new);
				routes.route(product.id() + "-" + version.version(),
						(spec) -> spec.path(patterns)
							.filters((filterSpec) -> filterSpec.filters(filters))
							.metadata(metadata)
							.uri(backend));
				logger.info("Route {} {} ({}) {} -> {}", product.id(), version.version(), version.state().yamlName(),
						String.join(", ", route.pathPrefixes().stream().map((prefix) -> prefix + "/**").toList()),
						backend);
			}
		}
		routes.route(NotFoundPolicy.ID,
				(spec) -> spec.order(Integer.MAX_VALUE)
					.path("/**")
					.filters((filterSpec) -> filterSpec.filter(notFound.apply()))
					.uri("http://127.0.0.1:9"));
		return routes.build();
	}

	/**
	 * The gateway's route lookup, without a scan of every catalog route.
	 * @param webHandler the gateway's handler
	 * @param routes the routes
	 * @param cors the gateway's CORS settings
	 * @param environment the environment
	 * @param versions the API version strategy, if any
	 * @return the mapping, in place of the gateway's own
	 */
	@Bean
	CatalogRouteMapping catalogRouteMapping(FilteringWebHandler webHandler, RouteLocator routes,
			GlobalCorsProperties cors, Environment environment, ObjectProvider<ApiVersionStrategy> versions) {
		CatalogRouteMapping mapping = new CatalogRouteMapping(webHandler, routes, cors, environment);
		versions.ifAvailable(mapping::setApiVersionStrategy);
		return mapping;
	}

	/**
	 * The route policies in the order a request meets them, each once.
	 * @param policies the route policies
	 * @return them, sorted
	 */
	static List<RoutePolicy> inOrder(List<RoutePolicy> policies) {
		Map<PolicyOrder, List<RoutePolicy>> byOrder = policies.stream()
			.collect(Collectors.groupingBy(RoutePolicy::order));
		byOrder.forEach((order, same) -> {
			if (same.size() > 1) {
				throw new IllegalStateException("Route policies " + same.stream().map(Policy::id).toList()
						+ " share the order " + order + "; each policy has its own");
			}
		});
		return policies.stream().sorted(Comparator.comparing(RoutePolicy::order)).toList();
	}

}
