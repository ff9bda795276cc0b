package org.millgate.contracts.tools.governance;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.tools.fixtures.ContractFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.contracts.tools.fixtures.ContractFixture.yaml;

/**
 * Each rule, shown to catch what it exists for on a small mutated contract, and to name
 * the document and the JSON path when it does.
 */
class ContractRulesTests {

	private static final String LIST = "/paths/~1v1~1widgets/get";

	private static final String GET = "/paths/~1v1~1widgets~1{widgetId}/get";

	private static final String PAINT = "/paths/~1v1~1widgets~1{widgetId}~1paint-jobs/post";

	@Test
	void should_accept_the_minimal_contract_under_every_rule() {
		assertThat(ContractRules.check(List.of(ContractFixture.minimal().document()))).isEmpty();
	}

	@Test
	void should_report_a_document_that_is_not_openapi_3_0_or_has_parser_messages() {
		ContractDocument document = ContractFixture.minimal()
			.at("", (root) -> root.put("openapi", "3.1.0"))
			.at(LIST, (operation) -> operation.put("deprecatedd", true))
			.document();

		assertThat(violations("parses-cleanly", document)).anySatisfy(
				(violation) -> assertThat(violation).hasToString("widgets/v1.yaml $.openapi: is '3.1.0'; contracts are "
						+ "OpenAPI 3.0.x (3.0.3) until validators enforce 3.1 [parses-cleanly]"));
		assertThat(messages("parses-cleanly",
				ContractFixture.minimal().at(LIST, (operation) -> operation.put("deprecatedd", true)).document()))
			.anyMatch((message) -> message.contains("deprecatedd"));
	}

	@Test
	void should_report_an_example_that_does_not_match_its_schema() {
		ContractDocument document = ContractFixture.minimal()
			.at(GET + "/responses/200/content/application~1json",
					(media) -> media.set("example", yaml("{widgetId: W1, color: GREEN, weight: -1}")))
			.at("/components/schemas/Widget/properties/widgetId", (property) -> property.put("example", "X"))
			.document();

		List<Violation> violations = violations("examples-valid", document);

		assertThat(violations).extracting(Violation::at)
			.contains("$.paths['/v1/widgets/{widgetId}'].get.responses['200'].content['application/json'].example",
					"$.components.schemas.Widget.properties.widgetId.example");
		assertThat(violations).extracting(Violation::message)
			.anyMatch((message) -> message.contains("GREEN"))
			.anyMatch((message) -> message.contains("minimum"));
	}

	@Test
	void should_report_a_date_time_as_the_example_of_a_date_only_field() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/schemas/Widget/properties",
					(properties) -> properties.set("paintedOn",
							yaml("{type: string, format: date, example: '2026-03-03T21:41:09Z'}")))
			.document();

		assertThat(violations("examples-valid", document)).singleElement()
			.satisfies((violation) -> assertThat(violation.at())
				.isEqualTo("$.components.schemas.Widget.properties.paintedOn.example"));
	}

	@Test
	void should_report_an_invalid_named_example_of_a_request_body() {
		ContractDocument document = ContractFixture.minimal()
			.at(PAINT + "/requestBody/content/application~1json", (media) -> {
				media.remove("example");
				media.set("examples", yaml("{twoCoats: {value: {color: BLUE, coats: 2, gloss: true}}}"));
			})
			.document();

		assertThat(violations("examples-valid", document)).singleElement()
			.satisfies((violation) -> assertThat(violation.at())
				.isEqualTo("$.paths['/v1/widgets/{widgetId}/paint-jobs'].post.requestBody.content['application/json']"
						+ ".examples.twoCoats.value"));
	}

	@Test
	void should_report_a_quantity_written_to_the_erp_that_is_not_named_for_the_decimals_check() {
		ContractDocument unnamed = ContractFixture.minimal()
			.at(PAINT + "/requestBody/content/application~1json/schema/properties", (properties) -> {
				properties.set("litres", yaml("{type: number, minimum: 0, x-millgate-erp-limit: {decimals: 3}}"));
				properties.set("unit", yaml("{type: string, maxLength: 3}"));
			})
			.document();
		ContractDocument named = ContractFixture.minimal()
			.at(PAINT + "/requestBody/content/application~1json/schema", (schema) -> {
				((ObjectNode) schema.get("properties")).set("litres",
						yaml("{type: number, minimum: 0, x-millgate-erp-limit: {decimals: 3}}"));
				((ObjectNode) schema.get("properties")).set("unit", yaml("{type: string, maxLength: 3}"));
				schema.set("x-millgate-quantities", yaml("[{value: litres, unit: unit}]"));
			})
			.document();
		ContractDocument wrong = ContractFixture.minimal()
			.at(PAINT + "/requestBody/content/application~1json/schema",
					(schema) -> schema.set("x-millgate-quantities", yaml("[{value: coats, unit: color}]")))
			.document();

		assertThat(violations("quantities-named", unnamed)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("'litres'", "x-millgate-quantities"));
		assertThat(violations("quantities-named", named)).isEmpty();
		assertThat(messages("quantities-named", wrong))
			.containsExactly("x-millgate-quantities entry {\"value\":\"coats\",\"unit\":\"color\"} "
					+ "does not name a number and a text of this object");
	}

	@Test
	void should_report_a_response_body_without_example() {
		ContractDocument document = ContractFixture.minimal()
			.at(GET + "/responses/200/content/application~1json", (media) -> media.remove("example"))
			.document();

		assertThat(violations("examples-present", document)).singleElement()
			.extracting(Violation::at)
			.isEqualTo("$.paths['/v1/widgets/{widgetId}'].get.responses['200'].content['application/json']");
	}

	@Test
	void should_report_a_duplicate_operation_id_even_across_documents() {
		ContractDocument first = ContractFixture.minimal().document("widgets/v1.yaml");
		ContractDocument second = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.put("operationId", "listGadgets"))
			.at(GET, (operation) -> operation.put("operationId", "getGadget"))
			.at("/info", (info) -> info.put("x-millgate-product", "gadgets"))
			.document("gadgets/v1.yaml");

		List<Violation> violations = ContractRules.byId("unique-operation-ids")
			.orElseThrow()
			.checkAll(List.of(ReviewedContract.of(first), ReviewedContract.of(second)));

		assertThat(violations).singleElement()
			.hasToString("gadgets/v1.yaml $.paths['/v1/widgets/{widgetId}/paint-jobs'].post.operationId: "
					+ "operationId 'paintWidget' is already used by widgets/v1.yaml "
					+ "POST /v1/widgets/{widgetId}/paint-jobs [unique-operation-ids]");
	}

	@Test
	void should_let_the_major_versions_of_one_product_keep_their_operation_ids() {
		ContractDocument v1 = ContractFixture.minimal().document("widgets/v1.yaml");
		ContractDocument v2 = ContractFixture.minimal().document("widgets/v2.yaml");
		ContractDocument twice = ContractFixture.minimal()
			.at(GET, (operation) -> operation.put("operationId", "listWidgets"))
			.document("widgets/v3.yaml");

		List<Violation> violations = ContractRules.byId("unique-operation-ids")
			.orElseThrow()
			.checkAll(List.of(ReviewedContract.of(v1), ReviewedContract.of(v2), ReviewedContract.of(twice)));

		assertThat(violations).singleElement()
			.satisfies((violation) -> assertThat(violation.toString()).startsWith("widgets/v3.yaml")
				.contains("operationId 'listWidgets' is already used by widgets/v3.yaml"));
	}

	@Test
	void should_report_an_error_response_that_is_not_a_problem() {
		ContractDocument document = ContractFixture.minimal().at(PAINT + "/responses/429", (response) -> {
			ObjectNode content = (ObjectNode) response.get("content");
			content.set("application/json", content.remove("application/problem+json"));
		}).document();

		assertThat(violations("problem-responses", document)).singleElement().satisfies((violation) -> {
			assertThat(violation.at()).isEqualTo("$.paths['/v1/widgets/{widgetId}/paint-jobs'].post.responses['429']");
			assertThat(violation.message()).contains("application/problem+json", "[application/json]");
		});
	}

	@Test
	void should_report_a_problem_response_with_another_schema() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/responses/BadRequest/content/application~1problem+json",
					(media) -> media.set("schema", yaml("{$ref: '#/components/schemas/Widget'}")))
			.document();

		assertThat(violations("problem-responses", document)).hasSize(14)
			.allSatisfy((violation) -> assertThat(violation.message()).contains("#/components/schemas/Problem"));
	}

	@Test
	void should_report_a_problem_schema_that_differs_between_documents() {
		ContractDocument first = ContractFixture.minimal().document("widgets/v1.yaml");
		ContractDocument second = ContractFixture.minimal()
			.at("/components/schemas/Problem/properties", (properties) -> properties.remove("title"))
			.document("gadgets/v1.yaml");

		List<Violation> violations = ContractRules.byId("shared-problem-schema")
			.orElseThrow()
			.checkAll(List.of(ReviewedContract.of(first), ReviewedContract.of(second)));

		assertThat(violations).singleElement()
			.hasToString("gadgets/v1.yaml $.components.schemas.Problem: differs from Problem in widgets/v1.yaml; "
					+ "the shared schemas must be identical everywhere [shared-problem-schema]");
	}

	@Test
	void should_report_paths_that_are_not_kebab_case_or_not_versioned() {
		ContractDocument document = ContractFixture.minimal().at("/paths", (paths) -> {
			paths.set("/v1/paintJobs", paths.get("/v1/widgets"));
			paths.set("/widgets/{widget_id}", paths.get("/v1/widgets"));
		}).document();

		assertThat(violations("kebab-case-paths", document)).extracting(Violation::toString)
			.containsExactly(
					"widgets/v1.yaml $.paths['/v1/paintJobs']: segment 'paintJobs' is neither kebab-case "
							+ "(lower-case words joined by '-') nor a {camelCase} parameter [kebab-case-paths]",
					"widgets/v1.yaml $.paths['/widgets/{widget_id}']: a path must start with /v<major>/ "
							+ "[kebab-case-paths]");
	}

	@Test
	void should_report_a_property_that_is_not_camel_case_also_inline() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/schemas/Widget/properties",
					(properties) -> properties.set("paint_color", yaml("{type: string, maxLength: 5}")))
			.at(PAINT + "/requestBody/content/application~1json/schema/properties",
					(properties) -> properties.set("Coats", yaml("{type: integer}")))
			.document();

		assertThat(violations("camel-case-properties", document)).extracting(Violation::at)
			.containsExactlyInAnyOrder("$.components.schemas.Widget.properties.paint_color",
					"$.paths['/v1/widgets/{widgetId}/paint-jobs'].post.requestBody.content['application/json']"
							+ ".schema.properties.Coats");
	}

	@Test
	void should_report_an_operation_without_security_or_with_an_undeclared_scope() {
		ContractDocument document = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.remove("security"))
			.at(GET, (operation) -> operation.set("security", yaml("[{oauth2: ['widgets:admin']}]")))
			.at(PAINT, (operation) -> operation.set("security", yaml("[{oauth2: []}]")))
			.document();

		assertThat(violations("operation-security", document)).extracting(Violation::toString)
			.containsExactly(
					"widgets/v1.yaml $.paths['/v1/widgets'].get: declares no security; every operation needs "
							+ "security: [{oauth2: [<scope>]}] [operation-security]",
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}'].get.security[0].oauth2: scope 'widgets:admin' "
							+ "is not declared by the scheme (declared: [widgets:read, widgets:write]) [operation-security]",
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}/paint-jobs'].post.security[0].oauth2: names no "
							+ "scope [operation-security]");
	}

	@Test
	void should_report_a_list_without_cursor_pagination() {
		ContractDocument document = ContractFixture.minimal()
			.array(LIST + "/parameters", (parameters) -> parameters.remove(1))
			.document();

		assertThat(violations("paginated-lists", document)).singleElement().satisfies((violation) -> {
			assertThat(violation.at()).isEqualTo("$.paths['/v1/widgets'].get.responses['200'].content"
					+ "['application/json'].schema.properties.items");
			assertThat(violation.message()).contains("GET /v1/widgets", "limit and cursor", "maxItems");
		});
	}

	@Test
	void should_report_an_unbounded_array_nested_in_a_response() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/schemas/Widget/properties/tags", (tags) -> tags.remove("maxItems"))
			.document();

		assertThat(violations("paginated-lists", document)).isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation.at()).endsWith(".properties.tags"));
	}

	@Test
	void should_report_an_unconstrained_string_parameter() {
		ContractDocument document = ContractFixture.minimal()
			.array(LIST + "/parameters",
					(parameters) -> parameters.add(yaml("{name: search, in: query, schema: {type: string}}")))
			.at("/components/parameters/cursor/schema", (schema) -> schema.remove("maxLength"))
			.document();

		assertThat(violations("constrained-string-parameters", document)).extracting(Violation::toString)
			.containsExactly("widgets/v1.yaml $.components.parameters.cursor.schema: string parameter 'cursor' is "
					+ "unconstrained: give it an enum, a date/date-time/uuid format, or a maxLength (with a pattern) "
					+ "[constrained-string-parameters]",
					"widgets/v1.yaml $.paths['/v1/widgets'].get.parameters[3].schema: string parameter 'search' is "
							+ "unconstrained: give it an enum, a date/date-time/uuid format, or a maxLength (with a pattern) "
							+ "[constrained-string-parameters]");
	}

	@Test
	void should_report_success_and_throttling_responses_without_the_platform_headers() {
		ContractDocument document = ContractFixture.minimal()
			.at(GET + "/responses/200/headers", (headers) -> headers.remove("RateLimit"))
			.at(PAINT + "/responses/429/headers", (headers) -> headers.remove("Retry-After"))
			.document();

		assertThat(violations("standard-response-headers", document)).extracting(Violation::toString)
			.containsExactly(
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}'].get.responses['200'].headers: does not "
							+ "document [RateLimit] [standard-response-headers]",
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}/paint-jobs'].post.responses['429'].headers: "
							+ "does not document [Retry-After] [standard-response-headers]");
	}

	@Test
	void should_report_an_empty_security_requirement_that_lets_anonymous_callers_in() {
		ContractDocument document = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.set("security", yaml("[{oauth2: ['widgets:read']}, {}]")))
			.document();

		assertThat(violations("operation-security", document)).extracting(Violation::toString)
			.containsExactly("widgets/v1.yaml $.paths['/v1/widgets'].get.security[1]: an empty security requirement "
					+ "lets anonymous callers in [operation-security]");
	}

	@Test
	void should_report_a_page_size_without_maximum() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/parameters/limit/schema", (limit) -> limit.remove("maximum"))
			.document();

		assertThat(violations("paginated-lists", document)).extracting(Violation::toString)
			.containsExactly("widgets/v1.yaml $.paths['/v1/widgets'].get.parameters[0]: parameter limit of "
					+ "GET /v1/widgets has no maximum: pages are unbounded [paginated-lists]");
	}

	@Test
	void should_report_a_parameter_without_a_typed_schema() {
		ContractDocument document = ContractFixture.minimal()
			.array(LIST + "/parameters",
					(parameters) -> parameters
						.add(yaml("{name: query, in: query, content: {application/json: {schema: {type: object}}}}")))
			.document();

		assertThat(violations("constrained-string-parameters", document)).extracting(Violation::message)
			.containsExactly("parameter 'query' has no typed schema (content-typed or empty schemas cannot be "
					+ "checked or validated)");
	}

	@Test
	void should_check_a_string_parameter_behind_a_described_reference() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/schemas", (schemas) -> schemas.set("Free", yaml("{type: string}")))
			.array(LIST + "/parameters", (parameters) -> parameters.add(yaml(
					"{name: note, in: query, schema: {description: A note., allOf: [{$ref: '#/components/schemas/Free'}]}}")))
			.document();

		assertThat(violations("constrained-string-parameters", document)).singleElement()
			.extracting(Violation::at)
			.isEqualTo("$.paths['/v1/widgets'].get.parameters[3].schema");
	}

	@Test
	void should_report_a_query_parameter_that_is_not_camel_case() {
		ContractDocument document = ContractFixture.minimal()
			.at(LIST + "/parameters/2", (parameter) -> parameter.put("name", "paint_color"))
			.document();

		assertThat(violations("camel-case-properties", document)).extracting(Violation::toString)
			.containsExactly("widgets/v1.yaml $.paths['/v1/widgets'].get.parameters[2]: query parameter 'paint_color' "
					+ "is not lowerCamelCase [camel-case-properties]");
	}

	@Test
	void should_report_a_correlation_header_that_is_not_required() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/headers/X-Correlation-Id", (header) -> header.remove("required"))
			.document();

		assertThat(violations("standard-response-headers", document)).isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation.message())
				.isEqualTo("X-Correlation-Id must be required: every response carries it"));
	}

	@Test
	void should_not_count_a_named_example_without_value() {
		ContractDocument document = ContractFixture.minimal()
			.at(GET + "/responses/200/content/application~1json", (media) -> {
				media.remove("example");
				media.set("examples", yaml("{empty: {summary: Nothing here}}"));
			})
			.document();

		assertThat(violations("examples-present", document)).singleElement()
			.extracting(Violation::at)
			.isEqualTo("$.paths['/v1/widgets/{widgetId}'].get.responses['200'].content['application/json']");
	}

	@Test
	void should_place_a_parser_message_at_the_attribute_it_names() {
		ContractDocument document = ContractFixture.minimal()
			.at(LIST, (operation) -> operation.put("deprecatedd", true))
			.document();

		assertThat(violations("parses-cleanly", document)).singleElement()
			.extracting(Violation::at)
			.isEqualTo("$.paths['/v1/widgets'].get.deprecatedd");
	}

	@Test
	void should_report_an_operation_that_does_not_declare_the_platform_errors() {
		ContractDocument document = ContractFixture.minimal().at(GET + "/responses", (responses) -> {
			responses.remove("404");
			responses.remove("429");
		}).document();

		assertThat(violations("error-responses-declared", document)).extracting(Violation::toString)
			.containsExactly(
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}'].get.responses: GET /v1/widgets/{widgetId} "
							+ "does not declare the responses [429, 404] [error-responses-declared]");
	}

	@Test
	void should_report_a_problem_example_with_an_undocumented_code_or_another_title() {
		ContractDocument document = ContractFixture.minimal()
			.at("/components/responses/BadRequest/content/application~1problem+json/example",
					(example) -> example.put("code", "request.wrong"))
			.at(PAINT + "/responses/429/content/application~1problem+json/example",
					(example) -> example.put("title", "Slow down"))
			.document();

		assertThat(violations("problem-types-registered", document)).extracting(Violation::toString)
			.containsExactlyInAnyOrder(
					"widgets/v1.yaml $.components.responses.BadRequest.content['application/problem+json'].example.code: "
							+ "problem code 'request.wrong' is not documented in problems.yaml [problem-types-registered]",
					"widgets/v1.yaml $.paths['/v1/widgets/{widgetId}/paint-jobs'].post.responses['429'].content"
							+ "['application/problem+json'].example: problem rateLimit.exceeded: title must be "
							+ "'Too many requests' [problem-types-registered]");
	}

	private static List<Violation> violations(String rule, ContractDocument document) {
		return ContractRules.byId(rule).orElseThrow().check(ReviewedContract.of(document));
	}

	private static List<String> messages(String rule, ContractDocument document) {
		return violations(rule, document).stream().map(Violation::message).toList();
	}

}
