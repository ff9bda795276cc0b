package org.millgate.orders;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

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

	@Bean
	ContractDocument productionOrdersContract() {
		return ContractCatalog.load().contract("production-orders", "v1").orElseThrow();
	}

	@Bean
	OperationScopes operationScopes(ContractDocument contract) {
		return OperationScopes.of(contract);
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
	ContractValidationFilter contractValidationFilter(ContractDocument contract, Problems problems) {
		return new ContractValidationFilter(contract, problems);
	}

	// The contract itself, the one document consumers read, and a Swagger UI (from
	// springdoc's bundled assets) that shows exactly it.
	@Bean
	RouterFunction<ServerResponse> contractRoute(ContractDocument contract) {
		String initializer = "window.onload = function() {\n  window.ui = SwaggerUIBundle({\n"
				+ "    url: '/contracts/production-orders/v1.yaml',\n    dom_id: '#swagger-ui',\n"
				+ "    deepLinking: true,\n    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
				+ "    layout: 'StandaloneLayout'\n  });\n};\n";
		return RouterFunctions.route()
			.GET("/contracts/production-orders/v1.yaml",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("application/yaml"))
						.bodyValue(contract.source()))
			.GET("/webjars/swagger-ui/swagger-initializer.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("text/javascript"))
						.bodyValue(initializer))
			.GET("/swagger-ui.html",
					(request) -> ServerResponse.temporaryRedirect(java.net.URI.create("/webjars/swagger-ui/index.html"))
						.build())
			.build();
	}

}
