package org.millgate.product.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The contract documents themselves, the one description consumers read
 * ({@code /contracts/<product>/<version>.yaml}), and a Swagger UI from springdoc's
 * bundled assets that shows exactly them, newest version first; springdoc's own generated
 * description stays off, so there is no second, drifting spec.
 */
final class ContractRoutes {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

	private ContractRoutes() {
	}

	static RouterFunction<ServerResponse> of(ProductContracts contracts) {
		String initializer = swaggerInitializer(contracts);
		RouterFunctions.Builder routes = RouterFunctions.route();
		contracts.byVersion()
			.forEach((version, contract) -> routes.GET(path(contracts.product(), version),
					(request) -> ServerResponse.ok().contentType(YAML).bodyValue(contract.source())));
		return routes
			.GET("/webjars/swagger-ui/swagger-initializer.js",
					(request) -> ServerResponse.ok().contentType(JAVASCRIPT).bodyValue(initializer))
			.GET("/swagger-ui.html",
					(request) -> ServerResponse.temporaryRedirect(URI.create("/webjars/swagger-ui/index.html")).build())
			.build();
	}

	private static String path(String product, String version) {
		return "/contracts/" + product + "/" + version + ".yaml";
	}

	private static String swaggerInitializer(ProductContracts contracts) {
		StringBuilder urls = new StringBuilder();
		List<String> versions = new ArrayList<>(contracts.versions());
		Collections.reverse(versions);
		for (String version : versions) {
			urls.append("      {url: '")
				.append(path(contracts.product(), version))
				.append("', name: '")
				.append(contracts.product())
				.append(' ')
				.append(version)
				.append("'},\n");
		}
		return "window.onload = function() {\n  window.ui = SwaggerUIBundle({\n    urls: [\n" + urls
				+ "    ],\n    dom_id: '#swagger-ui',\n    deepLinking: true,\n"
				+ "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
				+ "    layout: 'StandaloneLayout'\n  });\n};\n";
	}

}
