package org.millgate.contracts.tools.compat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.tools.fixtures.ContractFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.millgate.contracts.tools.fixtures.ContractFixture.yaml;

/**
 * One test per kind of change, each on the minimal contract and a mutated copy of it.
 */
class CompatibilityCheckerTests {

	private static final String LIST = "/paths/~1v1~1widgets/get";

	private static final String GET = "/paths/~1v1~1widgets~1{widgetId}/get";

	private static final String PAINT = "/paths/~1v1~1widgets~1{widgetId}~1paint-jobs/post";

	private static final String PAINT_BODY = PAINT + "/requestBody/content/application~1json/schema";

	private static final String WIDGET = "/components/schemas/Widget";

	@Test
	void should_find_no_change_between_identical_documents() {
		assertThat(changes(ContractFixture.minimal())).isEmpty();
	}

	@Test
	void should_ignore_a_renamed_path_parameter() {
		ContractFixture renamed = ContractFixture.minimal().at("/paths", (paths) -> {
			paths.set("/v1/widgets/{id}", paths.remove("/v1/widgets/{widgetId}"));
		}).at("/paths/~1v1~1widgets~1{id}/get/parameters/0", (parameter) -> parameter.put("name", "id"));

		assertThat(changes(renamed)).isEmpty();
	}

	@Test
	void should_flag_a_removed_path_as_breaking_and_an_added_one_as_not() {
		ContractFixture mutated = ContractFixture.minimal().at("/paths", (paths) -> {
			paths.remove("/v1/widgets/{widgetId}/paint-jobs");
			paths.set("/v1/widgets/{widgetId}/wash-jobs", yaml("{}"));
		});

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::operation)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.PATH_REMOVED, "/v1/widgets/{widgetId}/paint-jobs"),
					tuple(Severity.NON_BREAKING, ChangeKind.PATH_ADDED, "/v1/widgets/{widgetId}/wash-jobs"));
	}

	@Test
	void should_flag_a_removed_operation_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at("/paths/~1v1~1widgets~1{widgetId}", (item) -> item.set("put", item.remove("get")));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::operation)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.OPERATION_REMOVED, "GET /v1/widgets/{widgetId}"),
					tuple(Severity.NON_BREAKING, ChangeKind.OPERATION_ADDED, "PUT /v1/widgets/{widgetId}"));
	}

	@Test
	void should_flag_a_removed_response_field_as_breaking_and_an_added_one_as_not() {
		ContractFixture mutated = ContractFixture.minimal().at(WIDGET + "/properties", (properties) -> {
			properties.remove("weight");
			properties.set("length", yaml("{type: number}"));
		}).at(WIDGET, (widget) -> widget.set("required", yaml("[widgetId, color]")));

		List<Change> changes = changes(mutated);

		assertThat(changes).filteredOn(Change::isBreaking)
			.extracting(Change::kind, Change::operation, Change::location)
			.contains(
					tuple(ChangeKind.PROPERTY_REMOVED, "GET /v1/widgets/{widgetId}",
							"response 200 application/json: weight"),
					tuple(ChangeKind.PROPERTY_REMOVED, "GET /v1/widgets",
							"response 200 application/json: items[].weight"));
		assertThat(changes).filteredOn((change) -> change.kind() == ChangeKind.PROPERTY_ADDED)
			.allMatch((change) -> change.severity() == Severity.NON_BREAKING)
			.isNotEmpty();
	}

	@Test
	void should_flag_a_removed_response_code_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(GET + "/responses", (responses) -> responses.remove("404"));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.RESPONSE_REMOVED, "response 404"));
	}

	@Test
	void should_flag_a_new_required_request_field_as_breaking_and_an_optional_one_as_not() {
		ContractFixture mutated = ContractFixture.minimal().at(PAINT_BODY, (schema) -> {
			((ObjectNode) schema.get("properties")).set("finish", yaml("{type: string, enum: [MATT, GLOSS]}"));
			((ObjectNode) schema.get("properties")).set("note", yaml("{type: string, maxLength: 50}"));
			schema.set("required", yaml("[color, finish]"));
		});

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location, Change::detail)
			.containsExactlyInAnyOrder(
					tuple(Severity.BREAKING, ChangeKind.PROPERTY_ADDED, "request body application/json: finish",
							"required property added"),
					tuple(Severity.NON_BREAKING, ChangeKind.PROPERTY_ADDED, "request body application/json: note",
							"optional property added"));
	}

	@Test
	void should_flag_a_new_required_parameter_as_breaking_and_an_optional_one_as_not() {
		ContractFixture mutated = ContractFixture.minimal().array(LIST + "/parameters", (parameters) -> {
			parameters.add(yaml("{name: plant, in: query, required: true, schema: {type: string, maxLength: 4}}"));
			parameters.add(yaml("{name: size, in: query, schema: {type: integer}}"));
		});

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.PARAMETER_ADDED, "query parameter plant"),
					tuple(Severity.NON_BREAKING, ChangeKind.PARAMETER_ADDED, "query parameter size"));
	}

	@Test
	void should_flag_a_parameter_that_became_required_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(LIST + "/parameters/2", (parameter) -> parameter.put("required", true));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.PARAMETER_REQUIRED, "query parameter color"));
	}

	@Test
	void should_flag_a_narrowed_request_enum_as_breaking_and_a_widened_one_as_not() {
		ContractFixture narrowed = ContractFixture.minimal()
			.at(PAINT_BODY + "/properties/color", (color) -> color.set("enum", yaml("[RED]")));
		ContractFixture widened = ContractFixture.minimal()
			.at(PAINT_BODY + "/properties/color", (color) -> color.set("enum", yaml("[RED, BLUE, GREEN]")));

		assertThat(changes(narrowed)).extracting(Change::severity, Change::kind, Change::detail)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.ENUM_NARROWED, "enum values removed: [BLUE]"));
		assertThat(changes(widened)).extracting(Change::severity, Change::kind)
			.containsExactly(tuple(Severity.NON_BREAKING, ChangeKind.ENUM_WIDENED));
	}

	@Test
	void should_flag_a_widened_response_enum_as_breaking_and_a_narrowed_one_as_not() {
		ContractFixture widened = ContractFixture.minimal()
			.at(WIDGET + "/properties/color", (color) -> color.set("enum", yaml("[RED, BLUE, GREEN]")));
		ContractFixture narrowed = ContractFixture.minimal()
			.at(WIDGET + "/properties/color", (color) -> color.set("enum", yaml("[RED]")));

		assertThat(changes(widened)).isNotEmpty()
			.allSatisfy((change) -> assertThat(change).extracting(Change::severity, Change::kind, Change::detail)
				.containsExactly(Severity.BREAKING, ChangeKind.ENUM_WIDENED, "enum values added: [GREEN]"));
		assertThat(changes(narrowed)).isNotEmpty().noneMatch(Change::isBreaking);
	}

	@Test
	void should_flag_type_and_format_changes_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal().at(WIDGET + "/properties/weight", (weight) -> {
			weight.put("type", "string");
			weight.put("format", "decimal");
		});

		assertThat(changes(mutated)).filteredOn((change) -> change.operation().equals("GET /v1/widgets/{widgetId}"))
			.extracting(Change::severity, Change::kind, Change::detail)
			.containsExactly(
					tuple(Severity.BREAKING, ChangeKind.TYPE_CHANGED, "type changed from \"number\" to \"string\""),
					tuple(Severity.BREAKING, ChangeKind.FORMAT_CHANGED, "format changed from none to \"decimal\""));
	}

	@Test
	void should_accept_integer_widened_to_number_in_a_request_only() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(PAINT_BODY + "/properties/coats", (coats) -> coats.put("type", "number"));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind)
			.containsExactly(tuple(Severity.NON_BREAKING, ChangeKind.TYPE_CHANGED));
	}

	@Test
	void should_flag_a_request_field_that_became_required_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(PAINT_BODY, (schema) -> schema.set("required", yaml("[color, coats]")));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(
					tuple(Severity.BREAKING, ChangeKind.PROPERTY_REQUIRED, "request body application/json: coats"));
	}

	@Test
	void should_flag_a_response_field_that_became_optional_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(WIDGET, (widget) -> widget.set("required", yaml("[widgetId, color]")));

		assertThat(changes(mutated)).isNotEmpty()
			.allSatisfy((change) -> assertThat(change).extracting(Change::severity, Change::kind)
				.containsExactly(Severity.BREAKING, ChangeKind.PROPERTY_OPTIONAL));
	}

	@Test
	void should_flag_a_changed_scope_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.set("security", yaml("[{oauth2: ['widgets:write']}]")));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::detail)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.SCOPE_CHANGED,
					"required security changed from [oauth2(widgets:read)] to [oauth2(widgets:write)]"));
	}

	@Test
	void should_flag_narrowed_parameter_constraints_as_breaking_and_widened_ones_as_not() {
		ContractFixture narrowed = ContractFixture.minimal()
			.at("/components/parameters/limit/schema", (limit) -> limit.put("maximum", 100))
			.at(GET + "/parameters/0/schema", (id) -> id.put("maxLength", 5));
		ContractFixture widened = ContractFixture.minimal()
			.at("/components/parameters/limit/schema", (limit) -> limit.put("maximum", 500));

		assertThat(changes(narrowed)).extracting(Change::severity, Change::kind, Change::location, Change::detail)
			.containsExactly(
					tuple(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED, "query parameter limit",
							"maximum changed from 200 to 100"),
					tuple(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED, "path parameter widgetId",
							"maxLength changed from 6 to 5"));
		assertThat(changes(widened)).extracting(Change::severity, Change::kind)
			.containsExactly(tuple(Severity.NON_BREAKING, ChangeKind.CONSTRAINT_WIDENED));
	}

	@Test
	void should_flag_a_changed_parameter_pattern_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(GET + "/parameters/0/schema", (id) -> id.put("pattern", "^W[0-9]{1,4}$"));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED));
	}

	@Test
	void should_flag_a_response_that_became_nullable_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(WIDGET + "/properties/color", (color) -> color.put("nullable", true));

		assertThat(changes(mutated)).isNotEmpty()
			.allSatisfy((change) -> assertThat(change.kind()).isEqualTo(ChangeKind.CONSTRAINT_WIDENED))
			.allMatch(Change::isBreaking);
	}

	@Test
	void should_flag_a_removed_response_header_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(GET + "/responses/200/headers", (headers) -> headers.remove("RateLimit"));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.HEADER_REMOVED, "response 200 header RateLimit"));
	}

	@Test
	void should_flag_a_closed_request_schema_that_drops_a_property_as_breaking() {
		ContractFixture mutated = ContractFixture.minimal()
			.at(PAINT_BODY + "/properties", (properties) -> properties.remove("coats"));

		assertThat(changes(mutated)).extracting(Change::severity, Change::kind)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.PROPERTY_REMOVED));
	}

	@Test
	void should_see_through_a_described_reference_that_becomes_nullable() {
		ContractFixture old = ContractFixture.minimal()
			.at(WIDGET + "/properties",
					(properties) -> properties.set("color",
							yaml("{description: The paint., allOf: [{$ref: '#/components/schemas/Color'}]}")))
			.at("/components/schemas", (schemas) -> schemas.set("Color", yaml("{type: string, enum: [RED, BLUE]}")));
		ContractFixture changed = ContractFixture.minimal()
			.at(WIDGET + "/properties", (properties) -> properties.set("color",
					yaml("{description: The paint., nullable: true, allOf: [{$ref: '#/components/schemas/Color'}]}")))
			.at("/components/schemas", (schemas) -> schemas.set("Color", yaml("{type: string, enum: [RED, BLUE]}")));

		assertThat(new CompatibilityChecker().compare(old.document(), changed.document())).isNotEmpty()
			.allSatisfy((change) -> assertThat(change).extracting(Change::severity, Change::kind, Change::detail)
				.containsExactly(Severity.BREAKING, ChangeKind.CONSTRAINT_WIDENED, "became nullable"));
	}

	@Test
	void should_see_a_property_required_in_another_all_of_part() {
		ContractFixture changed = ContractFixture.minimal()
			.at(PAINT + "/requestBody/content/application~1json",
					(media) -> media.set("schema",
							yaml("{allOf: [{$ref: '#/components/schemas/Paint'}, {required: [coats]}]}")))
			.at("/components/schemas", (schemas) -> schemas.set("Paint", yaml(
					"{type: object, additionalProperties: false, required: [color], properties: {color: {type: string, "
							+ "enum: [RED, BLUE]}, coats: {type: integer, minimum: 1, maximum: 3}}}")));

		assertThat(changes(changed)).extracting(Change::severity, Change::kind, Change::location)
			.containsExactly(
					tuple(Severity.BREAKING, ChangeKind.PROPERTY_REQUIRED, "request body application/json: coats"));
	}

	@Test
	void should_compare_the_values_of_a_map() {
		ContractFixture old = ContractFixture.minimal()
			.at(WIDGET + "/properties", (properties) -> properties.set("counts",
					yaml("{type: object, additionalProperties: {type: integer}}")));
		ContractFixture changed = ContractFixture.minimal()
			.at(WIDGET + "/properties", (properties) -> properties.set("counts",
					yaml("{type: object, additionalProperties: {type: string}}")));

		assertThat(new CompatibilityChecker().compare(old.document(), changed.document())).isNotEmpty()
			.allSatisfy((change) -> assertThat(change.location()).endsWith("counts{}"))
			.allMatch((change) -> change.kind() == ChangeKind.TYPE_CHANGED && change.isBreaking());
	}

	@Test
	void should_flag_alternative_scopes_that_became_both_required() {
		ContractFixture old = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.set("security",
					yaml("[{oauth2: ['widgets:read']}, {oauth2: ['widgets:write']}]")));
		ContractFixture changed = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.set("security", yaml("[{oauth2: ['widgets:read', 'widgets:write']}]")));

		assertThat(new CompatibilityChecker().compare(old.document(), changed.document()))
			.extracting(Change::severity, Change::kind, Change::detail)
			.containsExactly(tuple(Severity.BREAKING, ChangeKind.SCOPE_CHANGED,
					"required security changed from [oauth2(widgets:read), oauth2(widgets:write)] to "
							+ "[oauth2(widgets:read widgets:write)]"));
	}

	@Test
	void should_match_path_parameters_by_their_place_in_the_path_and_honour_overrides() {
		ContractFixture changed = ContractFixture.minimal()
			.at("/paths/~1v1~1widgets~1{widgetId}", (item) -> item.set("parameters",
					yaml("[{name: widgetId, in: path, required: true, schema: {type: string, maxLength: 99}}]")));

		assertThat(changes(changed)).isEmpty();
	}

	@Test
	void should_terminate_on_recursive_schemas() {
		ContractFixture recursive = ContractFixture.minimal()
			.at(WIDGET + "/properties", (properties) -> properties.set("parts",
					yaml("{type: array, maxItems: 5, items: {$ref: '#/components/schemas/Widget'}}")));
		ContractFixture changed = ContractFixture.minimal()
			.at(WIDGET + "/properties",
					(properties) -> properties.set("parts",
							yaml("{type: array, maxItems: 5, items: {$ref: '#/components/schemas/Widget'}}")))
			.at(WIDGET + "/properties/color", (color) -> color.set("enum", yaml("[RED, BLUE, GREEN]")));

		assertThat(new CompatibilityChecker().compare(recursive.document(), changed.document()))
			.filteredOn((change) -> change.operation().equals("GET /v1/widgets/{widgetId}"))
			.extracting(Change::location)
			.containsExactly("response 200 application/json: color");
	}

	private static List<Change> changes(ContractFixture changed) {
		return new CompatibilityChecker().compare(ContractFixture.minimal().document("old.yaml"),
				changed.document("new.yaml"));
	}

}
