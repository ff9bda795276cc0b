package org.millgate.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ProductVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's pages over real HTTP, on the built-in catalog plus a draft version that
 * must never show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.profiles.active=demo")
class PortalPagesTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		registry.add("millgate.portal.gateway-url", () -> "http://gateway.test:8080");
		registry.add("millgate.portal.catalog-dir", catalogWithADraft()::toString);
	}

	@Test
	void the_catalog_lists_every_product_with_lifecycle_badges_and_sunsets() {
		HttpResponse<String> page = get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"en\"", "Skip to content", "Production orders",
				"Inventory availability", "Shipment status", "badge-deprecated", "2027-06-30", ", use v2",
				"badge-published");
		assertThat(page.body()).as("a draft never shows").doesNotContain("/products/shipments/v2/reference");
		assertSelfContained(page.body());
	}

	@Test
	void a_product_page_shows_versions_plans_and_how_to_call_it() {
		HttpResponse<String> page = get("/products/production-orders");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<caption>Versions of", "class=\"badge badge-deprecated\">deprecated<",
				"line-critical", "200", "100 / s", "plant-standard",
				"<code>production-orders:read</code><span>, </span><code>production-orders:write</code>",
				"curl -H &quot;Authorization: Bearer $TOKEN&quot; &quot;http://gateway.test:8080/v2/production-orders",
				"/products/production-orders/changelog");
		assertThat(page.body()).containsPattern("\\(\\d+ days left\\)");
	}

	@Test
	void a_product_page_shows_a_call_its_contract_answers() {
		assertThat(get("/products/master-data").body()).contains(
				"curl -H &quot;Authorization: Bearer $TOKEN&quot; &quot;http://gateway.test:8080/v1/materials&quot;");
		assertThat(get("/products/inventory").body())
			.contains("http://gateway.test:8080/v1/inventory/availability?material=FG-100&amp;plant=1000&quot;");
	}

	@Test
	void the_changelog_flags_the_breaking_changes_from_v1_to_v2() {
		HttpResponse<String> page = get("/products/production-orders/changelog");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("v1 → v2", "badge-breaking", "items[].plannedQuantity",
				"response property removed", "badge-compatible");
		assertThat(get("/products/shipments/changelog").body())
			.as("the draft v2 of shipments is no version to compare with")
			.contains("One version so far");
	}

	@Test
	void the_reference_renders_the_contract_from_the_portal_itself_pointed_at_the_gateway() {
		HttpResponse<String> page = get("/products/production-orders/v1/reference");
		HttpResponse<String> contract = get("/products/production-orders/v2/openapi.yaml");
		HttpResponse<String> script = get("/webjars/swagger-ui/swagger-ui-bundle.js");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-spec=\"/products/production-orders/v1/openapi.yaml\"",
				"/webjars/swagger-ui/swagger-ui-bundle.js", "/js/reference.js", "its sunset is",
				"/products/production-orders/v2/reference");
		assertSelfContained(page.body());
		assertThat(contract.statusCode()).isEqualTo(200);
		assertThat(contract.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/yaml"));
		assertThat(contract.body()).contains("url: http://gateway.test:8080", "/v2/production-orders")
			.doesNotContain("http://localhost:8080");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("SwaggerUIBundle");
	}

	@Test
	void the_event_catalog_shows_each_event_product_with_its_topic_events_and_how_to_read_them() {
		HttpResponse<String> catalog = get("/");
		assertThat(catalog.body())
			.contains("Event products", "href=\"/events/shipments\"", "millgate.production-orders.events.v1")
			.as("a draft is not shown")
			.doesNotContain("href=\"/events/integration\"");

		HttpResponse<String> page = get("/events/shipments");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("millgate.shipments.events.v1", "read_committed",
				"dev.millgate.shipments.ready-for-shipment", "dev.millgate.shipments.delivered", "transport-shipments",
				"<code>shipmentId</code>", "http://gateway.test:8080/v1/shipments/events", "AsyncAPI document");
		assertSelfContained(page.body());

		HttpResponse<String> contract = get("/events/shipments/v1/asyncapi.yaml");
		assertThat(contract.statusCode()).isEqualTo(200);
		assertThat(contract.body()).startsWith("# AsyncAPI contract of the shipments event product")
			.contains("asyncapi: 3.0.0");
		for (String path : List.of("/events/integration", "/events/widgets", "/events/shipments/v9/asyncapi.yaml")) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void unknown_products_versions_and_drafts_answer_a_404_page_without_internals() {
		for (String path : List.of("/products/widgets", "/products/production-orders/v9/reference",
				"/products/shipments/v2/reference", "/products/shipments/v2/openapi.yaml", "/no/such/page")) {
			HttpResponse<String> page = get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(404);
			assertThat(page.body()).as(path).contains("Not found").doesNotContain("Exception", "at org.");
		}
		assertThat(get("/products/widgets").body()).contains("There is no API product &#39;widgets&#39;.");
	}

	@Test
	void every_page_forbids_foreign_scripts_framing_and_sniffing() {
		HttpResponse<String> page = get("/");

		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'",
					"connect-src 'self' http://gateway.test:8080"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	// No script, style sheet or image from anywhere but the portal.
	private static void assertSelfContained(String html) {
		Matcher references = Pattern.compile("<(script|link|img)[^>]+(src|href)=\"([^\"]+)\"").matcher(html);
		int count = 0;
		while (references.find()) {
			count++;
			assertThat(references.group(3)).as(references.group()).startsWith("/");
		}
		assertThat(count).isPositive();
	}

	private HttpResponse<String> get(String path) {
		try {
			// as a browser asks
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// The built-in catalog with a draft shipments v2, which the portal must not show.
	private static Path catalogWithADraft() throws IOException {
		Path dir = Files.createTempDirectory("portal-catalog");
		String catalog = resource("catalog.yaml");
		String shipmentsV1 = "      - version: v1\n        state: published\n        released: 2026-11-26\n"
				+ "        sunset: null\n        successor: null\n    consumers:\n      - id: wms";
		assertThat(catalog).contains(shipmentsV1);
		catalog = catalog.replace(shipmentsV1,
				shipmentsV1.replace("    consumers:",
						"      - version: v2\n        state: draft\n        released: null\n"
								+ "        sunset: null\n        successor: null\n    consumers:"));
		Files.writeString(dir.resolve("catalog.yaml"), catalog);
		// every contract of the built-in catalog, so that a product added there is here
		// too
		ContractCatalog builtIn = ContractCatalog.load();
		List<ProductVersion> versions = new ArrayList<>();
		builtIn.products().forEach((product) -> versions.addAll(product.versions()));
		builtIn.eventProducts().forEach((product) -> versions.addAll(product.versions()));
		for (ProductVersion version : versions) {
			Files.createDirectories(dir.resolve(version.contract()).getParent());
			Files.writeString(dir.resolve(version.contract()), resource(version.contract()));
		}
		Files.writeString(dir.resolve("shipments/v2.yaml"), resource("shipments/v1.yaml").replace("/v1/", "/v2/"));
		return dir;
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = PortalPagesTests.class.getClassLoader()
			.getResourceAsStream("millgate/contracts/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
