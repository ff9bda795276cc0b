package org.millgate.contracts.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.fixtures.ContractFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.contracts.tools.fixtures.ContractFixture.yaml;

class ContractsCliTests {

	// the real contracts and released baselines, in api-contracts
	private static final String CONTRACTS = "../api-contracts/src/main/resources/millgate/contracts";

	private static final String RELEASED = "../api-contracts/released";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private ContractsCli cli;

	@BeforeEach
	void setUp() {
		this.cli = new ContractsCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static final String PACT = """
			{"consumer": {"name": "mes"}, "provider": {"name": "production-orders"},
			 "interactions": [
			  {"description": "released orders of plant 1000",
			   "request": {"method": "GET", "path": "/v1/production-orders",
			               "query": {"plant": ["1000"], "status": ["RELEASED"]}},
			   "response": {"status": 200,
			                "body": {"content": {"items": [{"orderId": "1000043", "plannedQuantity": 180.0}]}}}},
			  {"description": "one order",
			   "request": {"method": "GET", "path": "/v1/production-orders/1000043"},
			   "response": {"status": 200, "body": {"content": {"orderId": "1000043"}}}}]}
			""";

	@Test
	void should_name_the_consumer_interactions_a_contract_change_breaks() throws IOException {
		Path pacts = Files.createDirectories(this.dir.resolve("pacts"));
		Files.writeString(pacts.resolve("mes-production-orders.json"), PACT);
		String current = new String(
				getClass().getResourceAsStream("/millgate/contracts/production-orders/v1.yaml").readAllBytes(),
				StandardCharsets.UTF_8);
		Path old = write("old.yaml", current);
		Path renamed = write("new.yaml", current.replace("plannedQuantity", "quantityPlanned"));

		assertThat(this.cli.run("impact", old.toString(), renamed.toString(), pacts.toString()))
			.as(this.out.toString(StandardCharsets.UTF_8))
			.isEqualTo(1);
		assertThat(out())
			.contains("BREAKS mes → production-orders: \"released orders of plant 1000\" "
					+ "(GET /v1/production-orders)", "plannedQuantity", "1 of 2 consumer interaction(s)")
			.doesNotContain("BREAKS mes → production-orders: \"one order\"");

		this.out.reset();
		assertThat(this.cli.run("impact", old.toString(), old.toString(), pacts.toString())).isZero();
		assertThat(out()).contains("0 of 2 consumer interaction(s) of production-orders v1 would break");
	}

	@Test
	void should_name_the_consumer_messages_an_event_contract_change_breaks() throws IOException {
		Path pacts = Files.createDirectories(this.dir.resolve("pacts"));
		Path messages = Files.createDirectories(pacts.resolve("messages"));
		Files.writeString(messages.resolve("mes-production-orders-events.json"),
				"""
						{"consumer": {"name": "mes"}, "provider": {"name": "production-orders-events"},
						 "interactions": [
						  {"type": "Asynchronous/Messages", "description": "the release of production order 1000043",
						   "contents": {"content": {"orderId": "1000043", "releasedAt": "2026-02-27T08:34:08Z"}},
						   "metadata": {"ce_type": "dev.millgate.production-orders.order-released", "contentType": "application/json"}},
						  {"type": "Asynchronous/Messages", "description": "a technical completion",
						   "contents": {"content": {"orderId": "1000043"}},
						   "metadata": {"ce_type": "dev.millgate.production-orders.order-technically-completed"}}]}
						""");
		String current = new String(
				getClass().getResourceAsStream("/millgate/contracts/events/production-orders/v1.yaml").readAllBytes(),
				StandardCharsets.UTF_8);
		Path old = write("old-events.yaml", current);
		Path renamed = write("new-events.yaml", current.replace("releasedAt", "releaseTime"));

		assertThat(this.cli.run("impact", old.toString(), renamed.toString(), pacts.toString()))
			.as(this.out.toString(StandardCharsets.UTF_8))
			.isEqualTo(1);
		assertThat(out())
			.contains("BREAKS mes → production-orders-events: \"the release of production order 1000043\"",
					"releasedAt", "1 of 2 consumer message(s)")
			.doesNotContain("BREAKS mes → production-orders-events: \"a technical completion\"");

		this.out.reset();
		assertThat(this.cli.run("impact", old.toString(), old.toString(), pacts.toString())).isZero();
		assertThat(out()).contains("0 of 2 consumer message(s) of the production-orders events would break");
	}

	@Test
	void should_review_an_event_product_with_the_event_types_each_consumer_relies_on() throws IOException {
		Path pacts = Files.createDirectories(this.dir.resolve("pacts"));
		Path messages = Files.createDirectories(pacts.resolve("messages"));
		Files.writeString(messages.resolve("transport-shipments-events.json"), """
				{"consumer": {"name": "transport"}, "provider": {"name": "shipments-events"},
				 "interactions": [
				  {"type": "Asynchronous/Messages", "description": "shipment 80000001 ready for shipment",
				   "contents": {"content": {"shipmentId": "80000001"}},
				   "metadata": {"ce_type": "dev.millgate.shipments.ready-for-shipment"}}]}
				""");
		Path out = this.dir.resolve("review");

		assertThat(this.cli.run("review", "events/shipments", CONTRACTS, RELEASED, pacts.toString(), out.toString()))
			.as(this.err.toString(StandardCharsets.UTF_8))
			.isZero();
		assertThat(Files.readString(out.resolve("events/shipments").resolve("v1.md"))).contains(
				"millgate.shipments.events.v1", "Identical in behaviour to the released baseline",
				"| transport | `dev.millgate.shipments.ready-for-shipment` | \"shipment 80000001 ready for shipment\" |",
				"partner", "no message pact");
	}

	@Test
	void should_exit_0_and_list_non_breaking_changes() throws IOException {
		Path old = write("old.yaml", ContractFixture.minimal());
		Path changed = write("new.yaml",
				ContractFixture.minimal()
					.array("/paths/~1v1~1widgets/get/parameters",
							(parameters) -> parameters.add(yaml("{name: size, in: query, schema: {type: integer}}"))));

		assertThat(this.cli.run("diff", old.toString(), changed.toString())).isZero();
		assertThat(out()).contains("non-breaking GET /v1/widgets query parameter size: optional parameter added",
				"0 breaking, 1 non-breaking change(s)");
	}

	@Test
	void should_exit_1_when_any_change_is_breaking() throws IOException {
		Path old = write("old.yaml", ContractFixture.minimal());
		Path changed = write("new.yaml",
				ContractFixture.minimal().at("/paths", (paths) -> paths.remove("/v1/widgets/{widgetId}")));

		assertThat(this.cli.run("diff", old.toString(), changed.toString())).isEqualTo(1);
		assertThat(out()).contains("BREAKING     /v1/widgets/{widgetId}: path removed", "1 breaking",
				"need a new major version");
	}

	@Test
	void should_exit_2_with_a_clear_message_on_unreadable_input() throws IOException {
		Path old = write("old.yaml", ContractFixture.minimal());
		Path notYaml = Files.writeString(this.dir.resolve("broken.yaml"), "openapi: [3.0.3\n");
		Path notOpenApi = Files.writeString(this.dir.resolve("pom.yaml"), "name: widgets\n");

		assertThat(this.cli.run("diff", old.toString(), this.dir.resolve("missing.yaml").toString())).isEqualTo(2);
		assertThat(this.cli.run("diff", old.toString(), notYaml.toString())).isEqualTo(2);
		assertThat(this.cli.run("diff", notOpenApi.toString(), old.toString())).isEqualTo(2);
		assertThat(err()).contains("missing.yaml: no such file", "broken.yaml: not valid YAML",
				"pom.yaml: not an OpenAPI 3 document");
		assertThat(out()).isEmpty();
	}

	@Test
	void should_exit_2_with_usage_on_a_wrong_call() {
		assertThat(this.cli.run("diff", "only-one.yaml")).isEqualTo(2);
		assertThat(this.cli.run("frobnicate")).isEqualTo(2);
		assertThat(err()).contains("Usage: ./millgate contracts <command>");
	}

	@Test
	void should_lint_the_catalog_contracts_clean() {
		assertThat(this.cli.run("lint")).isZero();
		ContractCatalog catalog = ContractCatalog.load();
		long contracts = catalog.products().stream().mapToLong((product) -> product.versions().size()).sum();
		long events = catalog.eventProducts().stream().mapToLong((product) -> product.versions().size()).sum();
		assertThat(contracts).isGreaterThanOrEqualTo(4);
		assertThat(events).as("the event contracts, linted too").isGreaterThanOrEqualTo(4);
		assertThat(out()).contains("0 violation(s) in " + (contracts + events) + " contract(s).");
	}

	@Test
	void should_publish_a_compatible_version_and_refuse_a_breaking_one() throws IOException {
		Path contracts = this.dir.resolve("contracts");
		Path released = this.dir.resolve("released");
		write("contracts/widgets/v1.yaml", ContractFixture.minimal());

		assertThat(this.cli.run("publish", "widgets", "v1", contracts.toString(), released.toString())).isZero();
		assertThat(released.resolve("widgets/v1.yaml")).hasSameTextualContentAs(contracts.resolve("widgets/v1.yaml"));

		write("contracts/widgets/v1.yaml",
				ContractFixture.minimal()
					.at("/components/schemas/Widget/properties/color",
							(color) -> color.set("enum", yaml("[RED, BLUE, GREEN]"))));

		assertThat(this.cli.run("publish", "widgets", "v1", contracts.toString(), released.toString())).isEqualTo(1);
		assertThat(out()).contains("color: enum values added: [GREEN]", "Not published");
		assertThat(Files.readString(released.resolve("widgets/v1.yaml"))).doesNotContain("GREEN");
	}

	@Test
	void should_refuse_to_publish_a_contract_that_clashes_with_another_product() throws IOException {
		Path contracts = this.dir.resolve("contracts");
		write("contracts/widgets/v1.yaml", ContractFixture.minimal()
			.at("/paths/~1v1~1widgets/get", (operation) -> operation.put("operationId", "listShipments")));

		assertThat(
				this.cli.run("publish", "widgets", "v1", contracts.toString(), this.dir.resolve("released").toString()))
			.isEqualTo(1);
		assertThat(out()).contains("operationId 'listShipments' is already used by shipments/v1.yaml GET /v1/shipments",
				"Not published: fix the violations above first.");
		assertThat(this.dir.resolve("released/widgets/v1.yaml")).doesNotExist();
	}

	@Test
	void should_review_each_version_with_lifecycle_changes_and_consumers() throws IOException {
		Path pacts = Files.createDirectories(this.dir.resolve("pacts"));
		Files.writeString(pacts.resolve("mes-production-orders.json"), PACT);
		Path reviews = this.dir.resolve("reviews");

		assertThat(
				this.cli.run("review", "production-orders", CONTRACTS, RELEASED, pacts.toString(), reviews.toString()))
			.as(err())
			.isZero();

		String v1 = Files.readString(reviews.resolve("production-orders/v1.md"));
		assertThat(v1).contains("| deprecated | 2026-11-26 | 2027-06-30 | v2 |", "The first version",
				"Identical in behaviour to the released baseline",
				"| mes | `listProductionOrders` GET /v1/production-orders | \"released orders of plant 1000\" |");
		String v2 = Files.readString(reviews.resolve("production-orders/v2.md"));
		assertThat(v2).contains("| published | 2026-11-26 | — | — |",
				"| **BREAKING** | `GET /v2/production-orders response 200 application/json: items[].plannedQuantity` "
						+ "| response property removed |",
				"No consumer pact calls this version", "| mes | \"released orders of plant 1000\" | **must adapt**: ",
				"| mes | \"one order\" | works unchanged |");
		String html = Files.readString(reviews.resolve("production-orders/v2.html"));
		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains("<span class=\"breaking\">BREAKING</span>", "<th scope=\"col\">Severity</th>",
					"&quot;released orders of plant 1000&quot;")
			.doesNotContain("**");

		assertThat(this.cli.run("review", "widgets", CONTRACTS, RELEASED, pacts.toString(), reviews.toString()))
			.isEqualTo(2);
		assertThat(err())
			.contains("no product 'widgets' in the catalog; known: production-orders, inventory, shipments");
	}

	private Path write(String name, ContractFixture fixture) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, fixture.document().source());
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.dir.resolve(name), text);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
