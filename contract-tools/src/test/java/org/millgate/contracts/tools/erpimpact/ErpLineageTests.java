package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ApiField;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lineage files say the truth: every ERP element they name exists in a release, every
 * ERP name the SAP adapter's code uses is in them, every canonical name the products use
 * is the facade's, and every API field exists in its contract.
 */
class ErpLineageTests {

	@Test
	void should_follow_every_module_with_a_lineage_of_its_own(@TempDir Path root) throws IOException {
		// given two product modules with a lineage and a module without
		for (String module : List.of("b-api", "a-api")) {
			Path lineage = root.resolve(module).resolve(ErpLineage.PRODUCT_LINEAGE);
			Files.createDirectories(lineage.getParent());
			Files.writeString(lineage, "product: " + module + "\nfields: []\n");
		}
		Files.createDirectories(root.resolve("library/src/main/java"));
		// then the product modules are found, by name
		assertThat(ErpLineage.productModules(root)).containsExactly(root.resolve("a-api"), root.resolve("b-api"));
	}

	private static final Path ROOT = Path.of("..");

	private static final ErpLineage LINEAGE = ErpLineage.read(ROOT);

	private static final List<ErpMetadata> RELEASES = Stream.of("2020", "2022", "2023")
		.map(new MetadataSource(LINEAGE, SimulatorReleases.directory(), Map.of())::load)
		.toList();

	private static final ContractCatalog CATALOG = ContractCatalog
		.load(ROOT.resolve("api-contracts/src/main/resources/millgate/contracts"));

	@Test
	void should_name_only_elements_some_release_has() {
		List<String> missing = new ArrayList<>();
		LINEAGE.mappings()
			.forEach((canonical, elements) -> elements.stream()
				.filter((element) -> RELEASES.stream().noneMatch(element::existsIn))
				.forEach((element) -> missing.add(canonical + " ← " + element)));

		assertThat(LINEAGE.mappings()).hasSizeGreaterThan(50);
		assertThat(missing).isEmpty();
	}

	@Test
	void should_cover_every_erp_name_the_sap_adapter_uses() throws IOException {
		Set<String> erpNames = new TreeSet<>();
		for (ErpMetadata release : RELEASES) {
			release.services().values().forEach((service) -> {
				service.entitySets().forEach((set, properties) -> {
					erpNames.add(set);
					erpNames.addAll(properties.keySet());
				});
				erpNames.addAll(service.actions());
			});
		}
		Set<String> covered = new TreeSet<>();
		LINEAGE.mappings().values().forEach((elements) -> elements.forEach((element) -> {
			Stream.of(element.entitySet(), element.property(), element.action())
				.filter(Objects::nonNull)
				.forEach(covered::add);
		}));
		Set<String> used = literals();
		used.retainAll(erpNames);

		assertThat(used).as("ERP names in the SAP adapter's code").hasSizeGreaterThan(40);
		assertThat(used).as("ERP names the adapter uses but the lineage does not name").isSubsetOf(covered);
	}

	@Test
	void should_read_each_field_of_a_confirmation_from_the_erp_field_the_adapter_writes_it_to() {
		// a confirmation posted (ConfirmationRequest) and read back (Confirmation) must
		// mean the same: the adapter reads every field it writes from that same ERP field
		List<String> differing = new ArrayList<>();
		LINEAGE.mappings().forEach((canonical, written) -> {
			if (canonical.startsWith("ConfirmationRequest.")) {
				String read = "Confirmation." + canonical.substring("ConfirmationRequest.".length());
				List<ErpLineage.ErpElement> readFrom = LINEAGE.mappings().get(read);
				if (readFrom != null && !Set.copyOf(readFrom).equals(Set.copyOf(written))) {
					differing.add(canonical + " is written to " + written + " but " + read + " read from " + readFrom);
				}
			}
		});

		assertThat(LINEAGE.mappings()).containsKeys("ConfirmationRequest.finalConfirmation",
				"Confirmation.finalConfirmation");
		assertThat(differing).isEmpty();
	}

	@Test
	void should_use_the_facades_canonical_names_and_fields_of_the_contracts() {
		List<String> wrong = new ArrayList<>();
		LINEAGE.apiFields().forEach((canonical, fields) -> {
			if (!LINEAGE.mappings().containsKey(canonical)) {
				wrong.add(canonical + ": not a canonical name of the facade's lineage");
			}
			for (ApiField field : fields) {
				if (!exists(field)) {
					wrong.add(canonical + " → " + field + ": not in the contract");
				}
			}
		});

		// every product of the catalog with a version beyond a draft (a service behind
		// it) has a lineage, and no lineage names another product
		assertThat(LINEAGE.apiFields().values().stream().flatMap(List::stream).map(ApiField::product).distinct())
			.containsExactlyInAnyOrderElementsOf(CATALOG.products()
				.stream()
				.filter((product) -> product.versions()
					.stream()
					.anyMatch((version) -> version.state() != Lifecycle.DRAFT))
				.map((product) -> product.id())
				.toList());
		assertThat(wrong).isEmpty();
	}

	@Test
	void should_promise_only_what_every_supported_erp_release_keeps() {
		List<String> misfits = ErpConstraints.check(LINEAGE, CATALOG, RELEASES)
			.stream()
			.map(ErpConstraints.Misfit::toString)
			.distinct()
			.toList();

		assertThat(misfits).as("API fields whose contract promises more than the ERP keeps").isEmpty();
	}

	@Test
	void should_follow_each_routed_version_of_each_product() {
		CATALOG.products()
			.forEach((product) -> product.versions()
				.stream()
				.filter((version) -> version.state().isReleased())
				.forEach((version) -> assertThat(LINEAGE.apiFields().values())
					.as("%s %s in the lineage", product.id(), version.version())
					.anyMatch((fields) -> fields.stream()
						.anyMatch((field) -> field.product().equals(product.id())
								&& field.version().equals(version.version())))));
	}

	/**
	 * Fields the product fills without the ERP: echoes of the request, the clock, the
	 * product's own paging and texts.
	 */
	private static final Set<String> NOT_FROM_THE_ERP = Set.of("inventory v1 getAvailability asOf",
			"inventory v1 getAvailability material", "inventory v1 getAvailability plant",
			"inventory v1 getAvailability storageLocation", "inventory v1 getAvailability batch",
			"inventory v1 queryAvailability asOf", "inventory v1 queryAvailability plant",
			"inventory v1 queryAvailability request:breakdown", "inventory v1 queryAvailability request:items[].batch",
			"inventory v1 queryAvailability request:items[].storageLocation",
			"inventory v1 queryAvailability request:items[].unit", "inventory v1 queryAvailability results[].material",
			"inventory v1 queryAvailability results[].storageLocation",
			"inventory v1 queryAvailability results[].batch", "inventory v1 queryAvailability results[].problem.detail",
			"production-orders v1 releaseProductionOrder orderId", "production-orders v1 releaseProductionOrder status",
			"production-orders v1 releaseProductionOrder releasedAt",
			"production-orders v2 releaseProductionOrder orderId", "production-orders v2 releaseProductionOrder status",
			"production-orders v2 releaseProductionOrder releasedAt",
			"production-orders v1 listConfirmations nextCursor", "production-orders v2 listConfirmations nextCursor",
			// master data: when the ERP was read, the day asked for, the path's plant;
			// the
			// units are the platform's units table (api-contracts' units-of-measure.yaml)
			"master-data v1 listMaterials asOf", "master-data v1 getMaterial asOf",
			"master-data v1 getBillOfMaterials asOf", "master-data v1 getBillOfMaterials validOn",
			"master-data v1 listPlants asOf", "master-data v1 listStorageLocations asOf",
			"master-data v1 listStorageLocations plant", "master-data v1 listUnitsOfMeasure asOf",
			"master-data v1 listUnitsOfMeasure items[].unit", "master-data v1 listUnitsOfMeasure items[].isoCode",
			"master-data v1 listUnitsOfMeasure items[].dimension", "master-data v1 listUnitsOfMeasure items[].decimals",
			"master-data v1 listUnitsOfMeasure items[].name");

	// What the reconciliation product keeps in its own store and answers from it:
	// what was reported to it or posted through the platform, as it was (but stock
	// quantities, converted into the material's base unit); its runs and their counts;
	// its mismatches' ids, kinds, systems of record, owners (the catalog), states and
	// history; when it read the ERP. The ERP's side of a mismatch (its evidence and
	// subject) is in the product's lineage.
	private static final List<String> RUN = List.of("area", "compared.erp", "compared.reported", "erpCalls", "failure",
			"finishedAt", "mismatches.closed", "mismatches.opened", "mismatches.stillOpen", "plant", "requestedAt",
			"runId", "startedAt", "state", "trigger.by.id", "trigger.by.kind", "trigger.kind", "window.from",
			"window.to");

	private static final List<String> MISMATCH_SUMMARY = List.of("kind", "lastSeenRunId", "mismatchId", "openedAt",
			"owner.email", "owner.plant", "owner.team", "plant", "resolution", "resolvedAt", "state", "systemOfRecord");

	private static final List<String> MISMATCH = Stream.concat(MISMATCH_SUMMARY.stream(),
			Stream.of("evidence.erp.at", "evidence.reported.at", "evidence.reported.reportId",
					"evidence.reported.reporter", "evidence.reported.system",
					"evidence.reported.value.byStockStatus[].stockStatus", "evidence.reported.value.reversed",
					"evidence.reported.value.scrap.unit", "evidence.reported.value.scrap.value",
					"evidence.reported.value.shipmentStatus", "evidence.reported.value.yield.unit",
					"evidence.reported.value.yield.value", "history[].at", "history[].by.id", "history[].by.kind",
					"history[].note", "history[].resolution", "history[].state"))
		.toList();

	private static final Set<String> KEPT_BY_RECONCILIATION = keptBy("reconciliation v1", Map.of(
			List.of("reportStockCount"),
			List.of("countId", "countedAt", "plant", "positions", "receivedAt", "request:countedAt", "request:plant",
					"request:positions[].batch", "request:positions[].quantity.value",
					"request:positions[].stockStatus", "request:positions[].storageLocation"),
			List.of("reportShipmentStatus"),
			List.of("receivedAt", "reportId", "reportedAt", "reporter", "status", "system", "request:reportedAt",
					"request:reporter", "request:status", "request:system"),
			List.of("startReconciliationRun"), List.of("request:area", "request:from", "request:plant", "request:to"),
			List.of("getReconciliationRun"), RUN, List.of("listReconciliationRuns"), items(RUN),
			List.of("listMismatches"), items(MISMATCH_SUMMARY),
			List.of("getMismatch", "acknowledgeMismatch", "resolveMismatch"), MISMATCH,
			List.of("acknowledgeMismatch", "resolveMismatch"), List.of("request:note"), List.of("resolveMismatch"),
			List.of("request:resolution"), List.of("getProductionOrderLineage"),
			// the objective, the states and the events' times are the platform's own; the
			// confirmation's correlation id and key are what MES sent through the
			// platform
			List.of("failed", "late", "lateAfterSeconds", "tracedAt", "hops[].atPrecision", "hops[].eventId",
					"hops[].publishedAt", "hops[].reason", "hops[].state", "hops[].confirmation.correlationId",
					"hops[].confirmation.idempotencyKey", "hops[].confirmation.postedThroughPlatform")));

	// a page's items and its cursor
	private static List<String> items(List<String> fields) {
		return Stream.concat(fields.stream().map((field) -> "items[]." + field), Stream.of("nextCursor")).toList();
	}

	// "<product> <version> <operation> <field>" for each field of each operation
	private static Set<String> keptBy(String productVersion, Map<List<String>, List<String>> fields) {
		Set<String> names = new TreeSet<>();
		fields.forEach((operations, leaves) -> operations.forEach(
				(operation) -> leaves.forEach((leaf) -> names.add(productVersion + " " + operation + " " + leaf))));
		return Set.copyOf(names);
	}

	// the event stream serves the events the change feed publishes: not read from the ERP
	// by the product; the events' own fields go back to the ERP through the change feed
	private static final Set<String> EVENT_STREAMS = Set.of("shipments v1 readShipmentEvents ",
			"production-orders v2 readProductionOrderEvents ", "inventory v1 readInventoryEvents ");

	@Test
	void should_trace_every_field_of_every_routed_version_to_the_erp_or_say_why_not() {
		List<String> untraced = new ArrayList<>();
		CATALOG.products()
			.forEach((
					product) -> product.versions().stream().filter((v) -> v.state().isReleased()).forEach((version) -> {
						OpenApiTree tree = new OpenApiTree(
								CATALOG.contract(product.id(), version.version()).orElseThrow().tree());
						tree.operations().forEach((operation) -> {
							String operationId = operation.node().path("operationId").asText();
							Set<String> fields = new TreeSet<>();
							LINEAGE.apiFields()
								.values()
								.forEach((list) -> list.stream()
									.filter((field) -> field.product().equals(product.id())
											&& field.version().equals(version.version())
											&& field.operation().equals(operationId))
									.forEach((field) -> fields.add(field.field())));
							Set<String> leaves = new TreeSet<>();
							JsonNode responses = operation.node().path("responses");
							for (String status : List.of("200", "201")) {
								leaves(tree,
										tree.resolve(responses.path(status))
											.path("content")
											.path("application/json")
											.path("schema"),
										"", leaves, 0);
							}
							Set<String> requestLeaves = new TreeSet<>();
							leaves(tree,
									tree.resolve(operation.node().path("requestBody"))
										.path("content")
										.path("application/json")
										.path("schema"),
									"", requestLeaves, 0);
							requestLeaves.forEach((leaf) -> leaves.add("request:" + leaf));
							for (String leaf : leaves) {
								boolean traced = fields.stream()
									.anyMatch((field) -> leaf.equals(field) || leaf.startsWith(field + ".")
											|| leaf.startsWith(field + "[]"));
								String name = product.id() + " " + version.version() + " " + operationId + " " + leaf;
								if (!traced && !NOT_FROM_THE_ERP.contains(name)
										&& !KEPT_BY_RECONCILIATION.contains(name)
										&& EVENT_STREAMS.stream().noneMatch(name::startsWith)) {
									untraced.add(name);
								}
							}
						});
					}));

		assertThat(untraced).as("API fields no lineage traces to the ERP").isEmpty();
	}

	// The leaf fields of a schema: a.b, items[].c; through $ref and allOf.
	private static void leaves(OpenApiTree tree, JsonNode node, String at, Set<String> leaves, int depth) {
		JsonNode schema = tree.resolve(node);
		if (schema.isMissingNode() || depth > 12) {
			return;
		}
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (JsonNode part : schema.path("allOf")) {
			JsonNode resolved = tree.resolve(part);
			resolved.path("properties").fields().forEachRemaining((e) -> properties.put(e.getKey(), e.getValue()));
		}
		schema.path("properties").fields().forEachRemaining((e) -> properties.put(e.getKey(), e.getValue()));
		if (!properties.isEmpty()) {
			properties.forEach((name, property) -> leaves(tree, property, at.isEmpty() ? name : at + "." + name, leaves,
					depth + 1));
		}
		else if ("array".equals(schema.path("type").asText())) {
			leaves(tree, schema.path("items"), at + "[]", leaves, depth + 1);
		}
		else if (!at.isEmpty()) {
			leaves.add(at);
		}
	}

	@Test
	void should_name_navigations_some_release_has_and_every_navigation_the_adapter_expands() throws IOException {
		List<String> missing = LINEAGE.navigations()
			.stream()
			.filter((navigation) -> RELEASES.stream()
				.noneMatch((release) -> release.service(navigation.service())
					.map((service) -> service.navigations()
						.getOrDefault(navigation.entitySet(), Map.of())
						.containsKey(navigation.navigation()))
					.orElse(false)))
			.map(Object::toString)
			.toList();
		Set<String> declared = new TreeSet<>();
		RELEASES.forEach((release) -> release.services()
			.values()
			.forEach((service) -> service.navigations().values().forEach((links) -> declared.addAll(links.keySet()))));
		Set<String> used = literals();
		used.retainAll(declared);
		Set<String> listed = new TreeSet<>();
		LINEAGE.navigations().forEach((navigation) -> listed.add(navigation.navigation()));

		assertThat(missing).isEmpty();
		assertThat(used).as("navigations the adapter expands").hasSizeGreaterThanOrEqualTo(6).isSubsetOf(listed);
	}

	// the string literals of the SAP adapter's code
	private static Set<String> literals() throws IOException {
		Set<String> used = new TreeSet<>();
		Pattern literal = Pattern.compile("\"([A-Za-z][A-Za-z0-9_]*)\"");
		try (Stream<Path> sources = Files.list(ROOT.resolve("erp-facade/src/main/java/org/millgate/erp/sap"))) {
			for (Path source : sources.toList()) {
				Matcher matcher = literal.matcher(Files.readString(source));
				while (matcher.find()) {
					used.add(matcher.group(1));
				}
			}
		}
		return used;
	}

	private static boolean exists(ApiField field) {
		if (!"*".equals(field.field())) {
			return ApiFieldSchema.of(CATALOG, field).isPresent();
		}
		return CATALOG.contract(field.product(), field.version())
			.map((contract) -> new OpenApiTree(contract.tree()).operations()
				.stream()
				.anyMatch((operation) -> field.operation().equals(operation.node().path("operationId").asText())))
			.orElse(false);
	}

}
