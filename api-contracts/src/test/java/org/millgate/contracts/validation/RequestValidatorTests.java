package org.millgate.contracts.validation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.units.UnitsOfMeasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestValidatorTests {

	private static final RequestValidator VALIDATOR = new RequestValidator(
			ContractCatalog.load().contract("production-orders", "v1").orElseThrow());

	private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
			"Idempotency-Key", List.of("abcdefgh-1"));

	@Test
	void should_accept_a_request_that_keeps_the_contract() {
		assertThat(VALIDATOR.validate("GET", "/v1/production-orders", Map.of("plant", List.of("1000")), Map.of(),
				new byte[0]))
			.isEmpty();
	}

	@Test
	void should_point_at_each_bad_parameter() {
		List<RequestViolation> violations = VALIDATOR.validate("GET", "/v1/production-orders",
				Map.of("limit", List.of("1000000"), "plant", List.of("1000' or 1=1")), Map.of(), new byte[0]);

		assertThat(violations).extracting(RequestViolation::pointer).contains("#/query/limit", "#/query/plant");
	}

	@Test
	void should_refuse_unknown_query_parameters_and_body_fields() {
		assertThat(VALIDATOR.validate("GET", "/v1/production-orders", Map.of("plnt", List.of("1000")), Map.of(),
				new byte[0]))
			.isNotEmpty();
		byte[] body = "{\"operation\":\"0010\",\"yieldQuantity\":1,\"unit\":\"H87\",\"finalConfirmation\":false,\"plant\":\"2000\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.validate("POST", "/v1/production-orders/1000001/confirmations", Map.of(), JSON, body))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.message()).contains("plant"));
	}

	@Test
	void should_refuse_and_accept_as_the_library_does_with_its_javascript_engine() {
		RequestValidator onScript = new RequestValidator(
				ContractCatalog.load().contract("production-orders", "v1").orElseThrow(), false);
		List<Map<String, List<String>>> queries = List.of(Map.of("plant", List.of("1000")),
				Map.of("plant", List.of("1000\n")), Map.of("plant", List.of("10")), Map.of("plant", List.of("10OO")),
				Map.of("plant", List.of("1000"), "status", List.of("RELEASED")), Map.of("plant", List.of("\u0031000")));
		for (Map<String, List<String>> query : queries) {
			assertThat(VALIDATOR.validate("GET", "/v1/production-orders", query, Map.of(), new byte[0])).as("%s", query)
				.isEqualTo(onScript.validate("GET", "/v1/production-orders", query, Map.of(), new byte[0]));
		}
		// java.util.regex's own $ would have let a line break through
		assertThat(VALIDATOR.validate("GET", "/v1/production-orders", Map.of("plant", List.of("1000\n")), Map.of(),
				new byte[0]))
			.extracting(RequestViolation::pointer)
			.isNotEmpty()
			.containsOnly("#/query/plant");
		byte[] body = "{\"operation\":\"001\\n\",\"yieldQuantity\":1,\"unit\":\"H87\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.validate("POST", "/v1/production-orders/1000001/confirmations", Map.of(), JSON, body))
			.isEqualTo(onScript.validate("POST", "/v1/production-orders/1000001/confirmations", Map.of(), JSON, body))
			.extracting(RequestViolation::pointer)
			.contains("/operation");
	}

	@Test
	void should_point_into_the_body() {
		byte[] body = "{\"operation\":\"10\",\"yieldQuantity\":-1,\"unit\":\"H87\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(VALIDATOR.validate("POST", "/v1/production-orders/1000001/confirmations", Map.of(), JSON, body))
			.extracting(RequestViolation::pointer)
			.contains("/operation", "/yieldQuantity");
	}

	@Test
	void should_refuse_a_quantity_with_more_decimals_than_its_unit_has() {
		String path = "/v1/production-orders/1000001/confirmations";
		byte[] piece = "{\"operation\":\"0010\",\"yieldQuantity\":1.5,\"scrapQuantity\":0.25,\"unit\":\"H87\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.validate("POST", path, Map.of(), JSON, piece)).isEmpty();

		assertThat(VALIDATOR.quantities("POST", path, piece)).extracting(RequestViolation::pointer)
			.containsExactly("/yieldQuantity", "/scrapQuantity");
		byte[] kilogram = "{\"operation\":\"0010\",\"yieldQuantity\":1.10,\"unit\":\"KGM\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.quantities("POST", path, kilogram)).isEmpty();
		byte[] whole = "{\"operation\":\"0010\",\"yieldQuantity\":2.000,\"unit\":\"H87\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.quantities("POST", path, whole)).isEmpty();
		assertThat(VALIDATOR.quantities("GET", "/v1/production-orders", new byte[0])).isEmpty();
		byte[] extreme = "{\"operation\":\"0010\",\"yieldQuantity\":1e-99999999,\"scrapQuantity\":1e30,\"unit\":\"KGM\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.quantities("POST", path, extreme)).extracting(RequestViolation::message)
			.containsExactly(
					"1E-99999999 KGM has 99999999 decimals; a quantity in KGM (kilogram) has at most 3 (GET /v1/units-of-measure of master-data)",
					"1000000000000000000000000000000 KGM has 31 digits before the decimal point; the ERP keeps at most 9999999999.999");
	}

	@Test
	void should_match_a_request_to_its_operation_as_the_scopes_do_and_refuse_a_recursive_body_with_quantities() {
		String paths = """
				openapi: 3.0.3
				info: {title: t, version: '1'}
				paths:
				  /v1/lots/search:
				    post:
				      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Search'}}}}
				      security: [{oauth2: ['lots:write']}]
				      responses: {'200': {description: ok}}
				  /v1/lots/{lot}:
				    post:
				      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Lot'}}}}
				      security: [{oauth2: ['lots:write']}]
				      responses: {'200': {description: ok}}
				components:
				  schemas:
				    Search:
				      type: object
				      properties: {value: {type: number}, unit: {type: string}}
				    Lot:
				      type: object
				      x-millgate-quantities: [{value: value, unit: unit}]
				      properties: {value: {type: number}, unit: {type: string}, parts: %s}
				""";
		QuantityDecimals quantities = QuantityDecimals.of(
				ContractDocument.of("lots/v1.yaml", paths.formatted("{type: array, items: {type: string}}")),
				UnitsOfMeasure.standard());
		byte[] half = "{\"value\":1.5,\"unit\":\"H87\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(quantities.check("POST", "/v1/lots/L1", half)).extracting(RequestViolation::pointer)
			.containsExactly("/value");
		assertThat(quantities.check("POST", "/v1/lots/search", half)).as("the literal path, declared first").isEmpty();
		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> QuantityDecimals.of(
				ContractDocument.of("lots/v1.yaml",
						paths.formatted("{type: array, items: {$ref: '#/components/schemas/Lot'}}")),
				UnitsOfMeasure.standard()))
			.withMessageContaining("contains itself and names quantities");
	}

	@Test
	void should_tell_a_number_beyond_any_range_plainly() {
		byte[] body = "{\"operation\":\"0010\",\"yieldQuantity\":1e5000,\"unit\":\"H87\",\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(VALIDATOR.validate("POST", "/v1/production-orders/1000001/confirmations", Map.of(), JSON, body))
			.extracting(RequestViolation::message)
			.containsExactly("a number in the body is larger than any number this contract accepts");
	}

	@Test
	void should_find_quantities_nested_in_the_body() {
		RequestValidator v2 = new RequestValidator(
				ContractCatalog.load().contract("production-orders", "v2").orElseThrow());
		byte[] body = "{\"operation\":\"0010\",\"yield\":{\"value\":3,\"unit\":\"H87\"},\"scrap\":{\"value\":0.5,\"unit\":\"H87\"},\"finalConfirmation\":false}"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(v2.quantities("POST", "/v2/production-orders/1000001/confirmations", body)).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.pointer()).isEqualTo("/scrap/value");
				assertThat(violation.message())
					.startsWith("0.5 H87 has 1 decimal; a quantity in H87 (piece) has no decimals");
			});
	}

}
