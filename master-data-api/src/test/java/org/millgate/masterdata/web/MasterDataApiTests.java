package org.millgate.masterdata.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.contracts.units.UnitOfMeasure;
import org.millgate.contracts.units.UnitsOfMeasure;
import org.millgate.testing.TestTokens;
import org.millgate.testing.contracts.ContractResponses;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.contracts.ContractRouteAssertions.assertServesItsContracts;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * Every operation over HTTP against the ERP simulator, with real signed tokens; every
 * answer is checked against the contract. The simulator's plant 1000 keeps FG-100 and
 * FG-110 (FG-110 also in 2000), plant 2000 alone keeps FG-170; FG-100's granulate changes
 * from RM-200 to RM-220 on 2026-07-01.
 */
@ProductTest
class MasterDataApiTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("master-data");

	private static final ErpSimulator ERP = ErpSimulator.shared();

	private static final String MES_1000 = TestTokens.get()
		.token("mes-plant-1000", "master-data:read", List.of("1000"));

	private static final String WMS_ALL = TestTokens.get()
		.token("wms-central", "master-data:read", List.of("1000", "2000"));

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@AfterEach
	void clearFaults() {
		ERP.clearFaults();
	}

	@Test
	void should_answer_a_material_with_its_units_weights_and_only_the_callers_plants() {
		EntityExchangeResult<byte[]> result = get("/v1/materials/FG-110", MES_1000);

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(text(result, "$.description")).isEqualTo("Filter housing FH-110 with bypass");
		assertThat(text(result, "$.language")).isEqualTo("en");
		assertThat(text(result, "$.type")).isEqualTo("FINISHED");
		assertThat(text(result, "$.baseUnit")).isEqualTo("H87");
		assertThat(body(result)).contains("{\"unit\":\"CT\",\"numerator\":12,\"denominator\":1}")
			.contains("{\"unit\":\"KGM\",\"numerator\":4,\"denominator\":1}")
			.contains("\"netWeight\":{\"value\":0.250,\"unit\":\"KGM\"}");
		assertThat((List<String>) JsonPath.read(body(result), "$.plants[*].plant")).containsExactly("1000");
		assertThat(text(result, "$.plants[0].procurementType")).isEqualTo("IN_HOUSE");
		assertThat(text(result, "$.plants[0].mrpController")).isEqualTo("001");
		assertThat((List<String>) JsonPath.read(body(result), "$.plants[0].storageLocations")).contains("0003");
		HttpHeaders headers = result.getResponseHeaders();
		assertThat(headers.getETag()).startsWith("\"md-FG-110-");
		assertThat(headers.getCacheControl()).matches("private, max-age=\\d+");
		assertThat(headers.getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("en");
		assertThat((List<String>) JsonPath.read(body(get("/v1/materials/FG-110", WMS_ALL)), "$.plants[*].plant"))
			.containsExactly("1000", "2000");
	}

	@Test
	void should_describe_a_material_in_the_callers_language_or_the_erps() {
		EntityExchangeResult<byte[]> german = get("/v1/materials/FG-110", MES_1000,
				(headers) -> headers.set(HttpHeaders.ACCEPT_LANGUAGE, "fr-CH, de-DE;q=0.8, en;q=0.5"));
		EntityExchangeResult<byte[]> french = get("/v1/materials/FG-110", MES_1000,
				(headers) -> headers.set(HttpHeaders.ACCEPT_LANGUAGE, "fr"));
		EntityExchangeResult<byte[]> garbled = get("/v1/materials/FG-110", MES_1000,
				(headers) -> headers.set(HttpHeaders.ACCEPT_LANGUAGE, ";;;q=x"));

		assertThat(text(german, "$.description")).isEqualTo("Filtergehäuse FH-110 mit Bypass");
		assertThat(text(german, "$.language")).isEqualTo("de");
		assertThat(german.getResponseHeaders().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo("de");
		assertThat(german.getResponseHeaders().getETag()).isNotEqualTo(french.getResponseHeaders().getETag());
		assertThat(text(french, "$.language")).as("the ERP's own language").isEqualTo("en");
		assertThat(garbled.getStatus().value()).isEqualTo(200);
		assertThat(text(garbled, "$.language")).isEqualTo("en");
	}

	@Test
	void should_answer_304_while_the_answer_has_not_changed() {
		for (String uri : List.of("/v1/materials/FG-100", "/v1/materials/FG-100/bill-of-materials?plant=1000",
				"/v1/units-of-measure", "/v1/plants", "/v1/plants/1000/storage-locations",
				"/v1/materials?plant=1000&limit=5")) {
			EntityExchangeResult<byte[]> first = get(uri, MES_1000);
			String etag = first.getResponseHeaders().getETag();
			assertThat(etag).as(uri).isNotBlank();

			EntityExchangeResult<byte[]> again = get(uri, MES_1000,
					(headers) -> headers.set(HttpHeaders.IF_NONE_MATCH, etag));
			EntityExchangeResult<byte[]> other = get(uri, MES_1000,
					(headers) -> headers.set(HttpHeaders.IF_NONE_MATCH, "\"md-something-else\""));

			assertThat(again.getStatus().value()).as(uri).isEqualTo(304);
			assertThat(again.getResponseBody()).as(uri).isNullOrEmpty();
			assertThat(again.getResponseHeaders().getETag()).as(uri).isEqualTo(etag);
			assertThat(other.getStatus().value()).as(uri).isEqualTo(200);
		}
	}

	@Test
	void should_not_find_a_material_no_plant_of_the_caller_keeps() {
		assertProblem(get("/v1/materials/FG-170", MES_1000), 404, "material.notFound");
		assertProblem(get("/v1/materials/NOPE-1", MES_1000), 404, "material.notFound");
		Map<String, Object> noPlants = new HashMap<>();
		noPlants.put("plants", null);
		assertProblem(get("/v1/materials/FG-110", TestTokens.get().tokenWith("master-data:read", noPlants)), 404,
				"material.notFound");
		assertThat(get("/v1/materials/FG-170", WMS_ALL).getStatus().value()).isEqualTo(200);
		assertProblem(get("/v1/materials/fg-100", MES_1000), 400, "request.invalid");
		assertProblem(get("/v1/materials/FG-100", TestTokens.get().token("mes", "inventory:read", List.of("1000"))),
				403, "auth.insufficientScope");
	}

	@Test
	void should_page_through_the_materials_of_the_callers_plants_without_losing_or_repeating_one() {
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			EntityExchangeResult<byte[]> page = get(
					"/v1/materials?limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), MES_1000);
			assertThat(page.getStatus().value()).isEqualTo(200);
			assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("private, no-cache");
			List<List<String>> plants = JsonPath.read(body(page), "$.items[*].plants");
			assertThat(plants).allSatisfy((kept) -> assertThat(kept).containsExactly("1000"));
			seen.addAll(JsonPath.read(body(page), "$.items[*].material"));
			cursor = JsonPath.read(body(page), "$.nextCursor");
		}
		while (cursor != null);

		assertThat(seen).doesNotHaveDuplicates().contains("FG-100", "FG-110", "HB-420").doesNotContain("FG-170");
		EntityExchangeResult<byte[]> raw = get("/v1/materials?type=RAW&changedSince=2025-12-01T09:00:00Z", MES_1000);
		assertThat(raw.getStatus().value()).as(body(raw)).isEqualTo(200);
		assertThat((List<String>) JsonPath.read(body(raw), "$.items[*].type")).isNotEmpty().containsOnly("RAW");
		assertProblem(get("/v1/materials?plant=2000", MES_1000), 404, "resource.notFound");
		Map<String, Object> noPlants = new HashMap<>();
		noPlants.put("plants", null);
		EntityExchangeResult<byte[]> none = get("/v1/materials",
				TestTokens.get().tokenWith("master-data:read", noPlants));
		assertThat((List<?>) JsonPath.read(body(none), "$.items")).isEmpty();
		assertThat((Object) JsonPath.read(body(none), "$.nextCursor")).isNull();
	}

	@Test
	void should_refuse_a_forged_cursor_or_one_of_other_filters() {
		String cursor = JsonPath.read(body(get("/v1/materials?limit=2", MES_1000)), "$.nextCursor");

		assertProblem(get("/v1/materials?limit=2&type=RAW&cursor=" + cursor, MES_1000), 400, "cursor.invalid");
		assertProblem(get("/v1/materials?limit=2&cursor=" + cursor.substring(1) + "A", MES_1000), 400,
				"cursor.invalid");
		assertProblem(get("/v1/materials?limit=201", MES_1000), 400, "request.invalid");
	}

	@Test
	void should_answer_the_bill_of_materials_valid_on_a_day() {
		EntityExchangeResult<byte[]> before = get(
				"/v1/materials/FG-100/bill-of-materials?plant=1000&validOn=2026-06-30", MES_1000);
		EntityExchangeResult<byte[]> after = get(
				"/v1/materials/FG-100/bill-of-materials?plant=1000&usage=PRODUCTION&validOn=2026-07-01", MES_1000);

		assertThat(before.getStatus().value()).isEqualTo(200);
		assertThat(body(before)).contains("\"baseQuantity\":{\"value\":1.000,\"unit\":\"H87\"}");
		assertThat((List<String>) JsonPath.read(body(before), "$.items[*].component")).containsExactly("RM-200",
				"RM-310", "PK-500");
		assertThat((List<String>) JsonPath.read(body(after), "$.items[*].component")).containsExactly("RM-220",
				"RM-310", "PK-500");
		assertThat(text(before, "$.items[0].quantity.unit")).isEqualTo("KGM");
		assertThat(text(before, "$.items[0].category")).isEqualTo("STOCK");
		assertThat(before.getResponseHeaders().getETag()).isNotEqualTo(after.getResponseHeaders().getETag());
		assertProblem(get("/v1/materials/FG-100/bill-of-materials?plant=2000", MES_1000), 404, "resource.notFound");
		assertProblem(get("/v1/materials/FG-100/bill-of-materials?plant=1000&usage=ENGINEERING", MES_1000), 404,
				"bom.notFound");
		assertProblem(get("/v1/materials/RM-200/bill-of-materials?plant=1000", MES_1000), 404, "bom.notFound");
		assertProblem(get("/v1/materials/FG-170/bill-of-materials?plant=1000", MES_1000), 404, "material.notFound");
		assertProblem(get("/v1/materials/FG-100/bill-of-materials?plant=1000&validOn=2026-13-01", MES_1000), 400,
				"request.invalid");
		assertProblem(get("/v1/materials/FG-100/bill-of-materials", MES_1000), 400, "request.invalid");
	}

	@Test
	void should_list_the_units_with_the_decimals_a_quantity_may_have() {
		EntityExchangeResult<byte[]> result = get("/v1/units-of-measure", MES_1000);

		List<String> units = JsonPath.read(body(result), "$.items[*].unit");
		assertThat(units).contains("H87", "KGM", "CT").isSorted().doesNotHaveDuplicates();
		// one table: what the gateway and the contract check refuse quantities by
		List<Integer> decimals = JsonPath.read(body(result), "$.items[*].decimals");
		assertThat(units)
			.containsExactlyElementsOf(UnitsOfMeasure.standard().all().stream().map(UnitOfMeasure::code).toList());
		assertThat(decimals)
			.containsExactlyElementsOf(UnitsOfMeasure.standard().all().stream().map(UnitOfMeasure::decimals).toList());
		assertThat(body(result)).contains(
				"{\"unit\":\"H87\",\"isoCode\":\"PCE\",\"dimension\":\"COUNT\",\"decimals\":0,\"name\":\"piece\"}",
				"{\"unit\":\"KGM\",\"isoCode\":\"KGM\",\"dimension\":\"MASS\",\"decimals\":3,\"name\":\"kilogram\"}");
	}

	@Test
	void should_show_only_the_callers_plants_and_their_storage_locations() {
		assertThat((List<String>) JsonPath.read(body(get("/v1/plants", MES_1000)), "$.items[*].plant"))
			.containsExactly("1000");
		assertThat((List<String>) JsonPath.read(body(get("/v1/plants", WMS_ALL)), "$.items[*].name"))
			.containsExactly("Millgate Works Bremen", "Millgate Works Leipzig");
		assertThat((List<String>) JsonPath.read(body(get("/v1/plants/1000/storage-locations", MES_1000)),
				"$.items[*].storageLocation"))
			.containsExactly("0001", "0002", "0003");
		assertProblem(get("/v1/plants/2000/storage-locations", MES_1000), 404, "resource.notFound");
		assertProblem(get("/v1/plants/9999/storage-locations",
				TestTokens.get().token("odd", "master-data:read", List.of("9999"))), 404, "resource.notFound");
		assertProblem(get("/v1/plants/10000/storage-locations", MES_1000), 400, "request.invalid");
	}

	@Test
	void should_share_reads_of_one_material_instead_of_asking_the_erp_again() {
		get("/v1/materials/FG-150", MES_1000);
		long before = ERP.calls("products", "GET");

		for (int i = 0; i < 5; i++) {
			assertThat(get("/v1/materials/FG-150", MES_1000).getStatus().value()).isEqualTo(200);
		}

		assertThat(ERP.calls("products", "GET")).isEqualTo(before);
	}

	@Test
	void should_answer_503_when_the_erp_is_down() {
		ERP.fault("products", "{\"outage\":true}");

		EntityExchangeResult<byte[]> result = get("/v1/materials?plant=1000", MES_1000);

		assertProblem(result, 503, "erp.unavailable");
	}

	@Test
	void should_serve_its_contract() {
		assertServesItsContracts(this.port, "master-data", List.of("v1"));
	}

	private EntityExchangeResult<byte[]> get(String uri, String token) {
		return get(uri, token, (headers) -> {
		});
	}

	private EntityExchangeResult<byte[]> get(String uri, String token, Consumer<HttpHeaders> more) {
		EntityExchangeResult<byte[]> result = this.client.get().uri(uri).headers((headers) -> {
			headers.setBearerAuth(token);
			more.accept(headers);
		}).exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
		if (result.getStatus().value() != 304) {
			CONTRACT.assertKeepsContract(result);
		}
		return result;
	}

	private static String text(EntityExchangeResult<byte[]> result, String path) {
		return JsonPath.read(body(result), path);
	}

}
