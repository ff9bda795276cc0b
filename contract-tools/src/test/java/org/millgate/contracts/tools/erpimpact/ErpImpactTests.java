package org.millgate.contracts.tools.erpimpact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpServer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.erpimpact.ErpImpact.Difference;
import org.millgate.contracts.tools.erpimpact.ErpImpact.Kind;
import org.millgate.contracts.tools.pacts.PactInteraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code erp-impact} on the simulator's real releases (as its build exports them), on
 * saved documents with a deliberate break, and on an ERP over HTTP.
 */
class ErpImpactTests {

	private static final Path ROOT = Path.of("..");

	private static final ErpLineage LINEAGE = ErpLineage.read(ROOT);

	private static final MetadataSource SOURCE = new MetadataSource(LINEAGE, SimulatorReleases.directory(), Map.of());

	private static final ContractCatalog CATALOG = ContractCatalog
		.load(ROOT.resolve("api-contracts/src/main/resources/millgate/contracts"));

	private static final ErpImpact IMPACT = new ErpImpact(LINEAGE, CATALOG,
			PactInteraction.readAll(ROOT.resolve("contract-tests/pacts")));

	@TempDir
	Path dir;

	@Test
	void should_find_every_difference_from_2020_to_2022_and_the_facade_absorbing_them() {
		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2020"), SOURCE.load("2022"));

		assertThat(report.differences()).extracting(Difference::service, Difference::kind, Difference::what)
			.containsExactlyInAnyOrder(difference(Kind.REMOVED, "entity set A_ProductionOrderComponent_2"),
					difference(Kind.ADDED, "entity set A_ProductionOrderComponent_3"),
					difference(Kind.REMOVED, "property A_ProductionOrder_2.MfgOrderPlannedTotalQty"),
					difference(Kind.ADDED, "property A_ProductionOrder_2.TotalQuantity (Edm.Decimal[13,3])"),
					difference(Kind.REMOVED, "action ReleaseProductionOrder"),
					difference(Kind.ADDED, "action ReleaseOrder"), difference(Kind.ADDED, "action ReleaseOperation"),
					difference(Kind.REMOVED, "action CloseProdnOrd"), difference(Kind.ADDED, "action CloseOrder"),
					difference(Kind.REMOVED, "action CompleteTechnicallyProdnOrd"),
					difference(Kind.ADDED, "action TechlyCmpltOrder"),
					difference(Kind.REMOVED, "action SetDeltnFlagProdnOrd"),
					difference(Kind.CHANGED,
							"navigation A_ProductionOrder_2.to_ProductionOrderComponent now leads to "
									+ "A_ProductionOrderComponent_3 instead of A_ProductionOrderComponent_2"),
					difference(Kind.ADDED, "action DeletionFlagOrder"));
		assertThat(verdict(report, "property A_ProductionOrder_2.MfgOrderPlannedTotalQty"))
			.isEqualTo("absorbed: the facade reads the same 1 field(s) from A_ProductionOrder_2.TotalQuantity in 2022");
		assertThat(verdict(report, "action ReleaseProductionOrder")).contains("absorbed", "ReleaseOrder");
		assertThat(verdict(report, "entity set A_ProductionOrderComponent_2")).contains("absorbed",
				"A_ProductionOrderComponent_3");
		assertThat(verdict(report, "action CloseProdnOrd")).isEqualTo("not used by the facade");
		assertThat(report.apiAffected()).isFalse();
		assertThat(report.text()).contains("No consumer affected");
	}

	@Test
	void should_see_material_stock_move_to_odata_v4_in_2023_and_the_facade_follow() {
		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load("2023"));

		assertThat(report.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.service()).isEqualTo("material-stock");
			assertThat(difference.what()).contains("(OData 2.0)", "(OData 4.0)");
			assertThat(difference.verdict()).startsWith("absorbed");
			assertThat(difference.canonical()).contains("StockPosition.quantity");
		});
		assertThat(report.apiAffected()).isFalse();
		assertThat(IMPACT.compare(SOURCE.load("2023"), SOURCE.load("2023")).text())
			.contains("No differences in the services the facade uses.");
	}

	@Test
	void should_follow_a_removed_property_to_the_api_fields_and_the_consumers_that_rely_on_them() throws IOException {
		Path broken = saved("2022", Map.of("production-orders",
				(xml) -> xml.replaceFirst("\\s*<Property Name=\"TotalQuantity\"[^>]*/>", "")));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exit = ErpImpactCli.run(new String[] { ROOT.toString(), "2022", broken.toString() },
				SimulatorReleases.directory(), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(report + err).isEqualTo(1);
		assertThat(report).contains("- removed: property A_ProductionOrder_2.TotalQuantity",
				"the facade has no other source for ProductionOrder.planned",
				"production-orders v1 getProductionOrder quantities.planned",
				"production-orders v2 getProductionOrder quantities.planned.value",
				"production-orders v1 listProductionOrders items[].plannedQuantity",
				"mes → production-orders: \"production order 1000043 with its operations and components\" "
						+ "(GET /v1/production-orders/1000043)",
				"mes → production-orders: \"the released orders of plant 1000\" (GET /v1/production-orders)",
				"Consumers affected");
		assertThat(report).as("confirmations check the operation's quantities, not the order's")
			.doesNotContain("a confirmation of operation 0010 with an idempotency key");
		assertThat(report).as("consumers of other products").doesNotContain("wms →", "partner →");
	}

	@Test
	void should_follow_a_removed_master_data_property_to_the_warehouses_pact() throws IOException {
		Path broken = saved("2023", Map.of("products",
				// the only StorageLocation property of the product master is
				// A_ProductStorageLocation's
				(xml) -> xml.replaceFirst("\\s*<Property Name=\"StorageLocation\"[^>]*/>", "")));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2023"), SOURCE.load(broken.toString()));

		assertThat(report.text()).contains("- removed: property A_ProductStorageLocation.StorageLocation",
				"master-data v1 getMaterial plants[].storageLocations[]",
				"wms → master-data: \"RM-200 with its batch handling and storage locations\"");
		assertThat(report.text()).as("consumers of other products").doesNotContain("partner →");
	}

	@Test
	void should_report_api_fields_no_consumer_pact_relies_on() throws IOException {
		Path broken = saved("2022", Map.of("deliveries",
				(xml) -> xml.replaceFirst("\\s*<Property Name=\"ActualGoodsMovementDate\"[^>]*/>", "")));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load(broken.toString()));

		assertThat(report.apiAffected()).isTrue();
		Difference removed = report.differences().get(0);
		assertThat(removed.apiFields()).isNotEmpty().allMatch((field) -> field.product().equals("shipments"));
		assertThat(report.text()).contains("API fields affected, but no consumer pact relies on them");
	}

	@Test
	void should_compare_only_the_services_of_saved_documents() throws IOException {
		Path saved = Files.createDirectories(this.dir.resolve("only-orders"));
		Files.writeString(saved.resolve("production-orders.xml"),
				SimulatorReleases.documents("2022").get("production-orders"));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load(saved.toString()));

		assertThat(report.differences()).isEmpty();
		assertThat(report.notCompared()).containsExactly("bills-of-material", "confirmations", "deliveries",
				"material-documents", "material-stock", "plants", "products", "reservations");
		assertThat(report.text()).contains("Not compared (no saved document): bills-of-material, confirmations",
				"INCOMPLETE: 8 service(s) not compared.");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ErpImpactCli.run(new String[] { ROOT.toString(), "2022", saved.toString() },
				SimulatorReleases.directory(), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream())))
			.as("incomplete")
			.isEqualTo(3);
	}

	@Test
	void should_lose_everything_read_through_a_renamed_navigation() throws IOException {
		Path renamed = saved("2022",
				Map.of("production-orders",
						(xml) -> xml.replace("NavigationProperty Name=\"to_ProductionOrderOperation\"",
								"NavigationProperty Name=\"to_Operations\"")));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load(renamed.toString()));

		assertThat(report.apiAffected()).isTrue();
		assertThat(report.text()).contains("- removed: navigation A_ProductionOrder_2.to_ProductionOrderOperation",
				"the facade expands it and has no other way",
				"production-orders v2 getProductionOrder routing.operations[]",
				"mes → production-orders: \"production order 1000043 with its operations and components\"",
				"- added: navigation A_ProductionOrder_2.to_Operations (to A_ProductionOrderOperation_2)");
	}

	@Test
	void should_report_a_release_that_narrows_a_limit_as_a_break_of_the_fields_written_to_it() throws IOException {
		Path narrowed = saved("2022",
				Map.of("confirmations",
						(xml) -> xml.replace(
								"<Property Name=\"ConfirmationText\" Type=\"Edm.String\" MaxLength=\"40\"/>",
								"<Property Name=\"ConfirmationText\" Type=\"Edm.String\" MaxLength=\"30\"/>")));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load(narrowed.toString()));

		assertThat(report.apiAffected()).isTrue();
		assertThat(report.text())
			.contains("property ProdnOrdConf2.ConfirmationText changed type from Edm.String(40) to Edm.String(30)"
					+ " (narrowed: MaxLength 40 → 30)", "production-orders v2 createConfirmation request:note");
		// and the contracts' documented limit no longer is the ERP's
		assertThat(ErpConstraints.check(LINEAGE, CATALOG, List.of(SOURCE.load(narrowed.toString()))))
			.map(Object::toString)
			.anySatisfy((misfit) -> assertThat(misfit).contains("production-orders v1 createConfirmation request:note",
					"ProdnOrdConf2.ConfirmationText", "x-millgate-erp-limit.maxLength 40", "MaxLength 30"));
	}

	@Test
	void should_count_a_field_the_facade_reads_but_no_api_field_shows_as_a_break() throws IOException {
		// the facade reads a delivery's warehouse activity status; no product shows it
		Path broken = saved("2022", Map.of("deliveries",
				(xml) -> xml.replaceFirst("\\s*<Property Name=\"OverallWarehouseActivityStatus\"[^>]*/>", "")));

		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2022"), SOURCE.load(broken.toString()));

		assertThat(report.apiAffected()).isTrue();
		assertThat(report.differences()).singleElement()
			.satisfies((difference) -> assertThat(difference.unmapped()).contains("Shipment.warehouseActivity"));
		assertThat(report.text()).contains("no product lineage maps them to an API field",
				"Shipment.warehouseActivity");
	}

	@Test
	void should_refuse_saved_documents_named_after_no_service() throws IOException {
		Path saved = Files.createDirectories(this.dir.resolve("misnamed"));
		Files.writeString(saved.resolve("API_PRODUCTION_ORDER_2_SRV.xml"),
				SimulatorReleases.documents("2022").get("production-orders"));

		assertThatIllegalArgumentException().isThrownBy(() -> SOURCE.load(saved.toString()))
			.withMessageContaining("name the file after the service it describes, one of production-orders");
	}

	@Test
	void should_read_an_exported_release_given_as_a_directory_as_a_whole_release() {
		ErpMetadata directory = SOURCE.load(SimulatorReleases.directory().resolve("2023").toString());

		assertThat(directory.complete()).isTrue();
		assertThat(directory.service("material-stock")).get()
			.satisfies((service) -> assertThat(service.path())
				.isEqualTo("/sap/opu/odata4/sap/api_materialstock/srvd_a2x/sap/materialstock/0001"));
		ErpImpact.Report report = IMPACT.compare(SOURCE.load("2023"), directory);
		assertThat(report.differences()).isEmpty();
		assertThat(report.notCompared()).isEmpty();
	}

	@Test
	void should_name_the_exported_releases_when_a_spec_is_none_of_the_accepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> SOURCE.load("2021"))
			.withMessageContaining("'2021' is neither an http(s) URL of an ERP, nor a directory of saved")
			.withMessageContaining("nor a release the simulator plays (2020, 2022, 2023, exported to ");
	}

	@Test
	void should_say_to_build_the_simulator_when_no_release_is_exported() {
		MetadataSource unbuilt = new MetadataSource(LINEAGE, this.dir.resolve("erp-simulator/target/erp-metadata"),
				Map.of());
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exit = ErpImpactCli.run(new String[] { ROOT.toString(), "2022", "2023" },
				this.dir.resolve("erp-simulator/target/erp-metadata"), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exit).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("'2022' is neither",
				"none is exported to " + this.dir.resolve("erp-simulator/target/erp-metadata"),
				"Build erp-simulator (./mvnw -pl erp-simulator package)");
		assertThat(unbuilt.simulatorReleases()).isEmpty();
	}

	@Test
	void should_refuse_an_exported_release_whose_index_and_documents_disagree() throws IOException {
		Path release = Files.createDirectories(this.dir.resolve("2022-copy"));
		Files.writeString(release.resolve(MetadataSource.INDEX),
				"production-orders=/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV\n"
						+ "deliveries=/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002\n");
		Files.writeString(release.resolve("production-orders.xml"),
				SimulatorReleases.documents("2022").get("production-orders"));

		assertThatIllegalArgumentException().isThrownBy(() -> SOURCE.load(release.toString()))
			.withMessageContaining("lists the service deliveries but")
			.withMessageContaining("deliveries.xml does not exist");

		Files.writeString(release.resolve("deliveries.xml"), SimulatorReleases.documents("2022").get("deliveries"));
		assertThat(SOURCE.load(release.toString()).service("deliveries")).get()
			.satisfies((service) -> assertThat(service.path())
				.isEqualTo("/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002"));
	}

	@Test
	void should_read_a_real_erp_over_http_and_say_when_it_refuses() throws IOException {
		Map<String, String> documents = SimulatorReleases.documents("2020");
		boolean[] failing = { false };
		HttpServer erp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		erp.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath().replace("/$metadata", "");
			String id = LINEAGE.serviceAt(path).orElse("");
			boolean authorized = "Basic cGxhbnQ6c2VjcmV0"
				.equals(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = documents.getOrDefault(id, "").getBytes(StandardCharsets.UTF_8);
			int status = path.contains("API_PRODUCT_SRV") && failing[0] ? 500
					: !authorized ? 401 : documents.containsKey(id) && !path.contains("odata4") ? 200 : 404;
			exchange.sendResponseHeaders(status, (status == 200) ? body.length : -1);
			if (status == 200) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		erp.start();
		try {
			String url = "http://127.0.0.1:" + erp.getAddress().getPort() + "/";
			ErpMetadata fetched = new MetadataSource(LINEAGE, SimulatorReleases.directory(),
					Map.of("MILLGATE_ERP_AUTH_USER", "plant", "MILLGATE_ERP_AUTH_PASSWORD", "secret"))
				.load(url);
			assertThat(fetched.services()).containsOnlyKeys("production-orders", "confirmations", "material-stock",
					"material-documents", "reservations", "deliveries", "products", "bills-of-material", "plants");
			assertThat(IMPACT.compare(SOURCE.load("2020"), fetched).differences()).isEmpty();

			assertThatIllegalArgumentException().isThrownBy(() -> SOURCE.load(url))
				.withMessageContaining("answered 401; set MILLGATE_ERP_AUTH_USER and MILLGATE_ERP_AUTH_PASSWORD");
			failing[0] = true;
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MetadataSource(LINEAGE, SimulatorReleases.directory(),
						Map.of("MILLGATE_ERP_AUTH_USER", "plant", "MILLGATE_ERP_AUTH_PASSWORD", "secret"))
					.load(url))
				.withMessageContaining("API_PRODUCT_SRV/$metadata answered 500; cannot tell whether the release has");
		}
		finally {
			erp.stop(0);
		}
	}

	private Path saved(String release, Map<String, UnaryOperator<String>> edits) throws IOException {
		Path directory = Files.createDirectories(this.dir.resolve(release + "-edited"));
		for (Map.Entry<String, String> document : SimulatorReleases.documents(release).entrySet()) {
			String xml = edits.getOrDefault(document.getKey(), (text) -> text).apply(document.getValue());
			if (edits.containsKey(document.getKey())) {
				assertThat(xml).as("the edit changed the document").isNotEqualTo(document.getValue());
			}
			Files.writeString(directory.resolve(document.getKey() + ".xml"), xml);
		}
		return directory;
	}

	private static String verdict(ErpImpact.Report report, String what) {
		return report.differences()
			.stream()
			.filter((difference) -> difference.what().equals(what))
			.findFirst()
			.orElseThrow()
			.verdict();
	}

	private static Tuple difference(Kind kind, String what) {
		return Tuple.tuple("production-orders", kind, what);
	}

}
