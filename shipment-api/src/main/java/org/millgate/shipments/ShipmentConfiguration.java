package org.millgate.shipments;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.paging.Cursors;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.StockLevels;
import org.millgate.shipments.tracking.ShipmentTracking;
import org.millgate.shipments.web.ContractValidationFilter;
import org.millgate.shipments.web.CorrelationFilter;
import org.millgate.shipments.web.Problems;

/**
 * Wires the product: its contract, shipment tracking over the ERP ports, cursors and the
 * filters.
 */
@Configuration(proxyBeanMethods = false)
class ShipmentConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(ShipmentConfiguration.class);

	@Bean
	ContractDocument shipmentsContract() {
		return ContractCatalog.load().contract("shipments", "v1").orElseThrow();
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
	Cursors cursors(ShipmentSettings settings) {
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
	ShipmentTracking shipmentTracking(Deliveries deliveries, StockLevels stock, Materials materials,
			ShipmentSettings settings) {
		return new ShipmentTracking(deliveries, stock, materials, settings::shipTosOf);
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
				+ "    url: '/contracts/shipments/v1.yaml',\n    dom_id: '#swagger-ui',\n    deepLinking: true,\n"
				+ "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
				+ "    layout: 'StandaloneLayout'\n  });\n};\n";
		return RouterFunctions.route()
			.GET("/contracts/shipments/v1.yaml",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("application/yaml"))
						.bodyValue(contract.source()))
			.GET("/webjars/swagger-ui/swagger-initializer.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("text/javascript"))
						.bodyValue(initializer))
			.GET("/swagger-ui.html",
					(request) -> ServerResponse.temporaryRedirect(URI.create("/webjars/swagger-ui/index.html")).build())
			.build();
	}

}
