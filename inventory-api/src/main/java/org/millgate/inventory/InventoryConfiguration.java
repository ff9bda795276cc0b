package org.millgate.inventory;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.erp.config.ErpProperties;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.port.StockLevels;
import org.millgate.inventory.availability.AvailabilityService;
import org.millgate.inventory.web.ContractValidationFilter;
import org.millgate.inventory.web.CorrelationFilter;
import org.millgate.inventory.web.InventoryFreshness;
import org.millgate.inventory.web.Problems;

/**
 * Wires the product: its contract, availability over the ERP ports, and the filters.
 */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ContractDocument inventoryContract() {
		return ContractCatalog.load().contract("inventory", "v1").orElseThrow();
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
	AvailabilityService availabilityService(StockLevels stock, Reservations reservations, Materials materials,
			InventorySettings settings) {
		return new AvailabilityService(stock, reservations, materials, settings::productionSupplyOf);
	}

	@Bean
	InventoryFreshness inventoryFreshness(ErpProperties erp) {
		return new InventoryFreshness(erp.cache().stock());
	}

	@Bean
	CorrelationFilter correlationFilter() {
		return new CorrelationFilter();
	}

	@Bean
	ContractValidationFilter contractValidationFilter(ContractDocument contract, Problems problems) {
		return new ContractValidationFilter(contract, problems);
	}

	// The contract itself, and a Swagger UI (springdoc's bundled assets) that shows it.
	@Bean
	RouterFunction<ServerResponse> contractRoute(ContractDocument contract) {
		String initializer = "window.onload = function() {\n  window.ui = SwaggerUIBundle({\n"
				+ "    url: '/contracts/inventory/v1.yaml',\n    dom_id: '#swagger-ui',\n    deepLinking: true,\n"
				+ "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
				+ "    layout: 'StandaloneLayout'\n  });\n};\n";
		return RouterFunctions.route()
			.GET("/contracts/inventory/v1.yaml",
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
