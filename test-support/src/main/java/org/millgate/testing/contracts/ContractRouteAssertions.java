package org.millgate.testing.contracts;

import java.util.List;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every product serves beside its API: each version's contract document itself, and
 * a Swagger UI pointed at exactly those documents.
 */
public final class ContractRouteAssertions {

	private ContractRouteAssertions() {
	}

	/**
	 * Asserts that a running product serves its contracts and a Swagger UI of them.
	 * @param port the product's port
	 * @param product the product id
	 * @param versions the versions it must serve
	 */
	public static void assertServesItsContracts(int port, String product, List<String> versions) {
		// documentation fetches go over connections of their own: right after them, an
		// API
		// request on WebTestClient's pooled connection was at times never answered (the
		// same sequence over one raw keep-alive connection is answered fine)
		WebTestClient docs = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + port)
			.build();
		for (String version : versions) {
			docs.get()
				.uri("/contracts/{product}/{version}.yaml", product, version)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((yaml) -> assertThat(yaml).startsWith("openapi: 3.0.3")
					.contains("x-millgate-product: " + product)
					.contains("/" + version + "/"));
		}
		docs.get()
			.uri("/webjars/swagger-ui/swagger-initializer.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((script) -> versions
				.forEach((version) -> assertThat(script).contains("/contracts/" + product + "/" + version + ".yaml")));
		docs.get()
			.uri("/webjars/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("swagger-ui"));
		docs.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.location("/webjars/swagger-ui/index.html")
			.expectBody()
			.isEmpty();
	}

}
