package org.millgate.contracts.catalog;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An inconsistent catalog fails to load with a message that names the file and the place.
 */
class CatalogConsistencyTests {

	private static final String PLANS = """
			plans:
			  - {name: basic, description: Basic., priority: low, burst: 10, sustainedPerSecond: 5, dailyQuota: 100}
			""";

	private static final String CONTRACT = """
			openapi: 3.0.3
			info: {title: Widgets, version: 1.0.0, x-millgate-product: widgets}
			paths:
			  /v1/widgets: {}
			components:
			  securitySchemes:
			    oauth2:
			      type: oauth2
			      flows:
			        clientCredentials:
			          tokenUrl: http://localhost:9000/oauth2/token
			          scopes: {'widgets:read': Read.}
			""";

	@TempDir
	Path root;

	@Test
	void should_reject_a_plan_reference_that_does_not_exist() throws IOException {
		writeCatalog(product("plans: [gold]", "- {version: v1, state: published, released: 2026-01-01}"));

		assertThatThrownBy(this::load)
			.hasMessage("catalog.yaml /products/0/plans: plan 'gold' is not defined under /plans");
	}

	@Test
	void should_reject_a_deprecated_version_without_sunset() throws IOException {
		writeCatalog(
				product("plans: [basic]", "- {version: v1, state: deprecated, released: 2026-01-01, successor: v1}"));

		assertThatThrownBy(this::load)
			.hasMessage("catalog.yaml /products/0/versions/0/sunset: a deprecated version needs a sunset date");
	}

	@Test
	void should_reject_an_unknown_lifecycle_state() throws IOException {
		writeCatalog(product("plans: [basic]", "- {version: v1, state: live, released: 2026-01-01}"));

		assertThatThrownBy(this::load).hasMessage("catalog.yaml /products/0/versions/0/state: 'live' is not one of "
				+ "draft, published, deprecated, retired");
	}

	@Test
	void should_reject_a_version_whose_contract_is_missing() throws IOException {
		writeCatalog(product("plans: [basic]", "- {version: v2, state: draft}"));

		assertThatThrownBy(this::load).hasMessage("classpath:millgate/contracts/widgets/v2.yaml does not exist");
	}

	@Test
	void should_reject_a_contract_whose_scopes_differ_from_the_catalog() throws IOException {
		writeCatalog(product("plans: [basic]", "- {version: v1, state: published, released: 2026-01-01}")
			.replace("scopes: ['widgets:read']", "scopes: ['widgets:read', 'widgets:write']"));

		assertThatThrownBy(this::load).hasMessageStartingWith(
				"widgets/v1.yaml $.components.securitySchemes.oauth2.flows.clientCredentials.scopes: declares "
						+ "[widgets:read] but the catalog gives product 'widgets' the scopes [widgets:read, widgets:write]");
	}

	@Test
	void should_reject_a_contract_of_another_product() throws IOException {
		writeCatalog(product("plans: [basic]", "- {version: v1, state: published, released: 2026-01-01}"));
		write("widgets/v1.yaml", CONTRACT.replace("x-millgate-product: widgets", "x-millgate-product: gadgets"));

		assertThatThrownBy(this::load).hasMessage("widgets/v1.yaml $.info['x-millgate-product']: is 'gadgets' but "
				+ "the catalog lists this document under product 'widgets'");
	}

	@Test
	void should_reject_an_event_contract_on_another_topic_than_its_product_and_version() throws IOException {
		writeCatalog(product("plans: [basic]", "- {version: v1, state: published, released: 2026-01-01}") + """
				eventProducts:
				  - id: widgets
				    title: Widget events
				    description: Widget events.
				    owner: {team: Team, email: team@millgate.dev}
				    scopes: ['widgets:read']
				    versions:
				      - {version: v1, state: draft}
				    consumers: []
				""");
		write("events/widgets/v1.yaml", """
				asyncapi: 3.0.0
				info: {title: Widget events, version: 1.0.0}
				channels:
				  widgetEvents: {address: millgate.widgets.v1}
				""");
		assertThatThrownBy(this::load).hasMessage("events/widgets/v1.yaml $.channels: addresses [millgate.widgets.v1] "
				+ "but the catalog gives event product 'widgets' v1 the one topic millgate.widgets.events.v1");
		write("events/widgets/v1.yaml", """
				openapi: 3.0.3
				info: {title: Widget events, version: 1.0.0}
				""");
		assertThatThrownBy(this::load)
			.hasMessage("events/widgets/v1.yaml $.asyncapi: is '' but event contracts are AsyncAPI 3 documents");
	}

	private static String product(String plans, String version) {
		return PLANS + """
				products:
				  - id: widgets
				    title: Widgets
				    description: Widgets.
				    owner: {team: Team, email: team@millgate.dev}
				    scopes: ['widgets:read']
				    %s
				    versions:
				      %s
				    consumers: []
				""".formatted(plans, version);
	}

	private void writeCatalog(String catalog) throws IOException {
		write("catalog.yaml", catalog);
		write("widgets/v1.yaml", CONTRACT);
	}

	private void write(String name, String content) throws IOException {
		Path file = this.root.resolve(ContractCatalog.LOCATION).resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private ContractCatalog load() throws MalformedURLException {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null)) {
			return ContractCatalog.load(loader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
