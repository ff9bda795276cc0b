package org.millgate.orders;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.paging.Cursors;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.orders.application.ConfirmOrder;
import org.millgate.orders.application.OrderQueries;
import org.millgate.orders.application.ReleaseOrder;
import org.millgate.orders.idempotency.IdempotencyStore;
import org.millgate.orders.idempotency.InMemoryIdempotencyStore;
import org.millgate.orders.idempotency.RedisIdempotencyStore;
import org.millgate.orders.web.ContractValidationFilter;
import org.millgate.orders.web.CorrelationFilter;
import org.millgate.orders.web.Problems;

/**
 * Wires the product: its contract, the use cases over the ERP ports, idempotency keys,
 * cursors, and the filters.
 */
@Configuration(proxyBeanMethods = false)
class ProductionOrderConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(ProductionOrderConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	// Every version the catalog routes (not drafts, not retired ones), served side by
	// side.
	@Bean
	ProductContracts productionOrdersContracts() {
		ContractCatalog catalog = ContractCatalog.load();
		Map<String, ContractDocument> contracts = new LinkedHashMap<>();
		catalog.product("production-orders")
			.orElseThrow()
			.versions()
			.stream()
			.filter((version) -> version.state().isReleased())
			.forEach((version) -> contracts.put(version.version(),
					catalog.contract("production-orders", version.version()).orElseThrow()));
		return new ProductContracts(contracts);
	}

	@Bean
	OperationScopes operationScopes(ProductContracts contracts) {
		return OperationScopes.of(contracts.byVersion().values());
	}

	@Bean
	Problems problems() {
		return new Problems(ProblemTypes.load());
	}

	@Bean
	Cursors cursors(ProductionOrderSettings settings) {
		byte[] secret = settings.cursorSecret().getBytes(StandardCharsets.UTF_8);
		if (secret.length == 0) {
			LOG.warn(
					"No cursor secret configured (MILLGATE_CURSOR_SECRET): using a random one; cursors issued before a "
							+ "restart or by another instance will be refused");
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		return new Cursors(secret);
	}

	@Bean
	OrderQueries orderQueries(ProductionOrders orders, Confirmations confirmations) {
		return new OrderQueries(orders, confirmations);
	}

	@Bean
	ReleaseOrder releaseOrder(OrderQueries queries, ProductionOrders orders, Clock clock) {
		return new ReleaseOrder(queries, orders, clock);
	}

	@Bean
	ConfirmOrder confirmOrder(OrderQueries queries, Confirmations confirmations, Materials materials,
			ProductionOrderSettings settings) {
		return new ConfirmOrder(queries, confirmations, materials, settings::toleranceOf, settings::zoneOf);
	}

	@Bean
	org.millgate.orders.web.Representations representations(ProductionOrderSettings settings) {
		return new org.millgate.orders.web.Representations(settings::zoneOf, settings::toleranceOf);
	}

	// Redis when MILLGATE_REDIS_URL is set, memory otherwise.
	@Bean
	IdempotencyStore idempotencyStore(ObjectProvider<ReactiveStringRedisTemplate> redis,
			ProductionOrderSettings settings, Clock clock) {
		ProductionOrderSettings.Idempotency idempotency = settings.idempotency();
		IdempotencyStore store = idempotency.redis().isBlank()
				? new InMemoryIdempotencyStore(idempotency.timeToLive(), idempotency.inFlightFor(), clock)
				: new RedisIdempotencyStore(redis.getObject(), idempotency.timeToLive(), idempotency.inFlightFor());
		LOG.info("Idempotency keys are kept in {} for {}", store.kind(), idempotency.timeToLive());
		return store;
	}

	@Bean
	CorrelationFilter correlationFilter() {
		return new CorrelationFilter();
	}

	@Bean
	ContractValidationFilter contractValidationFilter(ProductContracts contracts, Problems problems) {
		return new ContractValidationFilter(contracts.byVersion(), problems);
	}

	// The contract itself, the one document consumers read, and a Swagger UI (from
	// springdoc's bundled assets) that shows exactly it.
	@Bean
	RouterFunction<ServerResponse> contractRoute(ProductContracts contracts) {
		// Swagger UI's drop-down offers every version, newest first.
		StringBuilder urls = new StringBuilder();
		List<String> versions = new ArrayList<>(contracts.byVersion().keySet());
		Collections.reverse(versions);
		for (String version : versions) {
			urls.append("      {url: '/contracts/production-orders/")
				.append(version)
				.append(".yaml', name: 'production-orders ")
				.append(version)
				.append("'},\n");
		}
		String initializer = "window.onload = function() {\n  window.ui = SwaggerUIBundle({\n    urls: [\n" + urls
				+ "    ],\n    dom_id: '#swagger-ui',\n"
				+ "    deepLinking: true,\n    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
				+ "    layout: 'StandaloneLayout'\n  });\n};\n";
		RouterFunctions.Builder routes = RouterFunctions.route();
		contracts.byVersion()
			.forEach((version, contract) -> routes.GET("/contracts/production-orders/" + version + ".yaml",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("application/yaml"))
						.bodyValue(contract.source())));
		return routes
			.GET("/webjars/swagger-ui/swagger-initializer.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("text/javascript"))
						.bodyValue(initializer))
			.GET("/swagger-ui.html",
					(request) -> ServerResponse.temporaryRedirect(java.net.URI.create("/webjars/swagger-ui/index.html"))
						.build())
			.build();
	}

	/**
	 * The contracts of the versions this service serves.
	 *
	 * @param byVersion version → contract, oldest first
	 */
	record ProductContracts(Map<String, ContractDocument> byVersion) {

	}

}
