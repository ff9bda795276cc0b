package org.millgate.governance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.governance.ErpLineage.ApiField;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lineage files say the truth: every ERP element they name exists in a release, every
 * ERP name the SAP adapter's code uses is in them, every canonical name the products use
 * is the facade's, and every API field exists in its contract.
 */
class ErpLineageTests {

	private static final Path ROOT = Path.of("..");

	private static final ErpLineage LINEAGE = ErpLineage.read(ROOT);

	private static final List<ErpMetadata> RELEASES = Stream.of("2020", "2022", "2023")
		.map(new MetadataSource(LINEAGE, Map.of())::load)
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
				.filter(java.util.Objects::nonNull)
				.forEach(covered::add);
		}));
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
		used.retainAll(erpNames);

		assertThat(used).as("ERP names in the SAP adapter's code").hasSizeGreaterThan(40);
		assertThat(used).as("ERP names the adapter uses but the lineage does not name").isSubsetOf(covered);
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

		assertThat(LINEAGE.apiFields().values().stream().flatMap(List::stream).map(ApiField::product).distinct())
			.containsExactlyInAnyOrder("production-orders", "inventory", "shipments");
		assertThat(wrong).isEmpty();
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

	private static boolean exists(ApiField field) {
		var contract = CATALOG.contract(field.product(), field.version());
		if (contract.isEmpty()) {
			return false;
		}
		OpenApiTree tree = new OpenApiTree(contract.get().tree());
		var operation = tree.operations()
			.stream()
			.filter((candidate) -> field.operation().equals(candidate.node().path("operationId").asText()))
			.findFirst();
		if (operation.isEmpty()) {
			return false;
		}
		String path = field.field();
		if (path.equals("*")) {
			return true;
		}
		if (path.startsWith("query:")) {
			String name = path.substring("query:".length());
			return tree.parameters(operation.get())
				.stream()
				.anyMatch((parameter) -> name.equals(parameter.node().path("name").asText())
						&& "query".equals(parameter.node().path("in").asText()));
		}
		JsonNode schema;
		if (path.startsWith("request:")) {
			path = path.substring("request:".length());
			schema = operation.get().node().path("requestBody");
			schema = tree.resolve(schema).path("content").path("application/json").path("schema");
		}
		else {
			JsonNode responses = operation.get().node().path("responses");
			JsonNode success = responses.has("200") ? responses.get("200") : responses.path("201");
			schema = tree.resolve(success).path("content").path("application/json").path("schema");
		}
		for (String segment : path.split("\\.")) {
			boolean array = segment.endsWith("[]");
			String name = array ? segment.substring(0, segment.length() - 2) : segment;
			schema = property(tree, schema, name);
			if (schema == null) {
				return false;
			}
			if (array) {
				schema = tree.resolve(schema).path("items");
			}
		}
		return true;
	}

	// A property of an object schema, through $ref and allOf.
	private static JsonNode property(OpenApiTree tree, JsonNode schema, String name) {
		JsonNode resolved = tree.resolve(schema);
		JsonNode direct = resolved.path("properties").get(name);
		if (direct != null) {
			return direct;
		}
		for (JsonNode part : resolved.path("allOf")) {
			JsonNode found = property(tree, part, name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
