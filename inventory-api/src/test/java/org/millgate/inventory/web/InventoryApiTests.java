package org.millgate.inventory.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Collections;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.contracts.ContractResponses;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.contracts.ContractRouteAssertions.assertServesItsContracts;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * Both operations over HTTP against the ERP simulator, with real signed tokens; every
 * response is checked against the contract.
 */
@ProductTest
class InventoryApiTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("inventory");

	private static final ErpSimulator ERP = ErpSimulator.shared();

	private static final String WMS_1000 = TestTokens.get().token("wms-plant-1000", "inventory:read", List.of("1000"));

	private static final String AVAILABILITY = "/v1/inventory/availability";

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@BeforeEach
	void resetErp() {
		ERP.reset();
	}

	@Test
	void should_split_fg_100_into_the_contract_buckets() {
		EntityExchangeResult<byte[]> result = get(AVAILABILITY + "?material=FG-100&plant=1000", WMS_1000);

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(number(result, "$.quantities.onHand")).isEqualByComparingTo("500");
		assertThat(number(result, "$.quantities.qualityHold")).isEqualByComparingTo("40");
		assertThat(number(result, "$.quantities.blocked")).isEqualByComparingTo("10");
		assertThat(number(result, "$.quantities.inTransit")).isEqualByComparingTo("25");
		assertThat(number(result, "$.quantities.allocated")).isEqualByComparingTo("120");
		assertThat(number(result, "$.quantities.available")).isEqualByComparingTo("380");
		assertThat((String) JsonPath.read(body(result), "$.unit")).isEqualTo("H87");
		assertThat((Boolean) JsonPath.read(body(result), "$.overAllocated")).isFalse();
		assertThat(result.getResponseHeaders().getCacheControl()).matches("max-age=\\d+");
	}

	@Test
	void should_break_down_by_storage_location_and_by_batch() {
		EntityExchangeResult<byte[]> byLocation = get(
				AVAILABILITY + "?material=FG-100&plant=1000&breakdown=STORAGE_LOCATION", WMS_1000);
		EntityExchangeResult<byte[]> byBatch = get(AVAILABILITY + "?material=RM-200&plant=1000&breakdown=BATCH",
				WMS_1000);

		assertThat((List<String>) JsonPath.read(body(byLocation), "$.breakdown[*].storageLocation")).contains("0001",
				"0003");
		assertThat(number(byBatch, "$.breakdown[?(@.batch == 'B1')].quantities.onHand")).isPositive();
		assertThat(number(byBatch, "$.breakdown[?(@.batch == 'B2')].quantities.qualityHold")).isPositive();
		assertThat(number(byBatch, "$.breakdown[?(@.batch == 'B2')].quantities.onHand")).isZero();
	}

	@Test
	void should_convert_units_and_refuse_units_without_conversion() {
		EntityExchangeResult<byte[]> kilograms = get(AVAILABILITY + "?material=RM-200&plant=1000", WMS_1000);
		EntityExchangeResult<byte[]> grams = get(AVAILABILITY + "?material=RM-200&plant=1000&unit=GRM", WMS_1000);

		assertThat(number(grams, "$.quantities.qualityHold"))
			.isEqualByComparingTo(number(kilograms, "$.quantities.qualityHold").multiply(BigDecimal.valueOf(1000)));
		assertThat((String) JsonPath.read(body(grams), "$.unit")).isEqualTo("GRM");
		assertProblem(get(AVAILABILITY + "?material=FG-100&plant=1000&unit=KGM", WMS_1000), 422, "unit.notConvertible");
	}

	@Test
	void should_hide_other_plants_and_name_unknown_materials() {
		assertProblem(get(AVAILABILITY + "?material=FG-100&plant=2000", WMS_1000), 404, "resource.notFound");
		assertProblem(get(AVAILABILITY + "?material=NOPE-1&plant=1000", WMS_1000), 404, "material.notFound");
		assertProblem(get(AVAILABILITY + "?material=FG-100' or 1 eq 1&plant=1000", WMS_1000), 400, "request.invalid");
		// an encoded version segment is checked as the controllers see it
		assertProblem(this.client.get()
			.uri(URI
				.create("http://127.0.0.1:" + this.port + "/%761/inventory/availability?material=FG-100&plant=10000"))
			.headers((headers) -> headers.setBearerAuth(WMS_1000))
			.exchange()
			.expectBody()
			.returnResult(), 400, "request.invalid");
	}

	@Test
	void should_answer_a_bill_of_materials_with_one_stock_read_and_one_reservation_read() {
		String query = """
				{"plant":"1000","items":[{"material":"FG-100"},{"material":"RM-200","unit":"GRM"},
				 {"material":"RM-999"},{"material":"RM-200","unit":"LTR"}]}""";

		EntityExchangeResult<byte[]> result = post(AVAILABILITY + "/queries", WMS_1000, query);

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat((List<String>) JsonPath.read(body(result), "$.results[*].outcome")).containsExactly("FOUND", "FOUND",
				"MATERIAL_NOT_FOUND", "UNIT_NOT_CONVERTIBLE");
		assertThat(number(result, "$.results[0].availability.quantities.available")).isEqualByComparingTo("380");
		assertThat(ERP.calls("material-stock", "total")).isEqualTo(1);
		assertThat(ERP.calls("reservations", "total")).isEqualTo(1);
	}

	@Test
	void should_refuse_more_than_100_materials() {
		String items = String.join(",", Collections.nCopies(101, "{\"material\":\"FG-100\"}"));

		assertProblem(post(AVAILABILITY + "/queries", WMS_1000, "{\"plant\":\"1000\",\"items\":[" + items + "]}"), 400,
				"request.invalid");
	}

	@Test
	void should_refuse_missing_tokens_and_other_scopes() {
		assertProblem(get(AVAILABILITY + "?material=FG-100&plant=1000", null), 401, "auth.tokenInvalid");
		assertProblem(
				get(AVAILABILITY + "?material=FG-100&plant=1000",
						TestTokens.get().token("partner-acme", "shipments:read", List.of("1000"))),
				403, "auth.insufficientScope");
	}

	@Test
	void should_serve_its_contract_and_a_swagger_ui_pointed_at_it() {
		assertServesItsContracts(this.port, "inventory", List.of("v1"));
	}

	@Test
	void should_answer_503_when_the_erp_is_down() {
		ERP.fault("material-stock", "{\"outage\":true}");

		EntityExchangeResult<byte[]> result = get(AVAILABILITY + "?material=FG-100&plant=1000", WMS_1000);

		assertProblem(result, 503, "erp.unavailable");
		assertThat(result.getResponseHeaders().getFirst("Retry-After")).matches("\\d+");
	}

	@Test
	void should_answer_504_when_the_erp_is_too_slow() {
		ERP.fault("material-stock", "{\"latencyMs\":1500}");

		assertProblem(get(AVAILABILITY + "?material=FG-100&plant=1000", WMS_1000), 504, "erp.timeout");
	}

	private EntityExchangeResult<byte[]> get(String uri, String token) {
		return exchange(this.client.method(HttpMethod.GET).uri(uri).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}));
	}

	private EntityExchangeResult<byte[]> post(String uri, String token, String body) {
		return exchange(this.client.post()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body));
	}

	private static EntityExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> request) {
		EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
		CONTRACT.assertKeepsContract(result);
		return result;
	}

	private static BigDecimal number(EntityExchangeResult<byte[]> result, String path) {
		Object value = JsonPath.read(body(result), path);
		if (value instanceof List<?> list) {
			value = list.get(0);
		}
		return new BigDecimal(value.toString());
	}

}
