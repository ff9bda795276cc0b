package org.millgate.shipments.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
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
 * response is checked against the contract. The fixtures: 80000001 (ACME, ready),
 * 80000002 (BETA, shipped), 80000003 (ACME, picking), 81000001 (never changed since its
 * creation), 81000002 (through plant 1000's second shipping point, 1010), all from plant
 * 1000.
 */
@ProductTest
class ShipmentApiTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("shipments");

	private static final ErpSimulator ERP = ErpSimulator.shared();

	private static final String WMS_1000 = TestTokens.get().token("wms-plant-1000", "shipments:read", List.of("1000"));

	private static final String WMS_ALL = TestTokens.get()
		.token("wms-central", "shipments:read", List.of("1000", "2000"));

	private static final String ACME = partner("ACME");

	private static final String SHIPMENTS = "/v1/shipments";

	private static final String MATERIAL_DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@BeforeEach
	void resetErp() {
		ERP.reset();
	}

	@Test
	void should_derive_status_and_checks_of_the_fixtures() {
		EntityExchangeResult<byte[]> ready = get(SHIPMENTS + "/80000001", WMS_1000);
		EntityExchangeResult<byte[]> shipped = get(SHIPMENTS + "/80000002", WMS_1000);
		EntityExchangeResult<byte[]> picking = get(SHIPMENTS + "/80000003", WMS_1000);

		assertThat(ready.getStatus().value()).isEqualTo(200);
		assertThat(text(ready, "$.status")).isEqualTo("READY_FOR_SHIPMENT");
		assertThat((Boolean) JsonPath.read(body(ready), "$.readyForShipment")).isTrue();
		assertThat((Map<String, Object>) JsonPath.read(body(ready), "$.checks")).containsEntry("picking", "COMPLETED")
			.containsEntry("packing", "COMPLETED")
			.containsEntry("goodsIssue", "NOT_STARTED")
			.containsEntry("qualityReleased", true)
			.containsEntry("blocked", false);
		assertThat((List<String>) JsonPath.read(body(ready), "$.items[*].batch")).containsExactly("FC260201",
				"FC260202");
		assertThat((List<Boolean>) JsonPath.read(body(ready), "$.items[*].qualityReleased")).containsOnly(true);
		assertThat(text(ready, "$.shipTo")).isEqualTo("17100001");
		assertThat(ready.getResponseHeaders().getETag()).matches("\"sh-80000001-[0-9a-f]{24}\"");

		assertThat(text(shipped, "$.status")).isEqualTo("SHIPPED");
		assertThat(text(shipped, "$.checks.goodsIssue")).isEqualTo("COMPLETED");
		assertThat(text(shipped, "$.actualGoodsIssueDate")).isEqualTo("2026-02-27");
		assertThat((Boolean) JsonPath.read(body(shipped), "$.readyForShipment")).isTrue();

		assertThat(text(picking, "$.status")).isEqualTo("PICKING");
		assertThat(text(picking, "$.checks.picking")).isEqualTo("IN_PROGRESS");
		assertThat((Boolean) JsonPath.read(body(picking), "$.readyForShipment")).isFalse();
		assertThat((List<String>) JsonPath.read(body(picking), "$.items[*].item")).containsExactly("10", "20");
	}

	@Test
	void should_keep_the_etag_while_nothing_changes() {
		String first = get(SHIPMENTS + "/80000001", WMS_1000).getResponseHeaders().getETag();
		String second = get(SHIPMENTS + "/80000001", WMS_1000).getResponseHeaders().getETag();
		String other = get(SHIPMENTS + "/80000003", WMS_1000).getResponseHeaders().getETag();

		assertThat(second).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
		assertThat(second).startsWith("\"sh-80000001-");
	}

	@Test
	void should_show_a_partner_only_its_own_ship_to_parties() {
		assertThat(get(SHIPMENTS + "/80000001", ACME).getStatus().value()).isEqualTo(200);
		assertProblem(get(SHIPMENTS + "/80000002", ACME), 404, "resource.notFound");
		assertThat((List<String>) JsonPath.read(body(get(SHIPMENTS + "?limit=200", ACME)), "$.items[*].shipTo"))
			.isNotEmpty()
			.containsOnly("17100001");
		assertThat((List<?>) JsonPath.read(body(get(SHIPMENTS + "?shipTo=17100002", ACME)), "$.items")).isEmpty();
		// A partner nobody registered sees nothing at all.
		assertThat((List<?>) JsonPath.read(body(get(SHIPMENTS, partner("GAMMA"))), "$.items")).isEmpty();
		assertProblem(get(SHIPMENTS + "/80000001", partner("GAMMA")), 404, "resource.notFound");
	}

	@Test
	void should_show_nothing_to_a_plant_or_warehouse_token_without_a_plants_claim() {
		// given a token that is no partner's and lists no plant
		Map<String, Object> claims = new HashMap<>();
		claims.put("plants", null);
		String token = TestTokens.get().tokenWith("shipments:read", claims);
		// then it sees no plant's shipments, as in every product
		assertThat((List<?>) JsonPath.read(body(get(SHIPMENTS, token)), "$.items")).isEmpty();
		assertProblem(get(SHIPMENTS + "/80000001", token), 404, "resource.notFound");
	}

	@Test
	void should_show_nothing_to_a_token_whose_plants_claim_is_empty_or_malformed() {
		for (Object plants : List.of(List.of(), 1000)) {
			String token = TestTokens.get().tokenWith("shipments:read", Map.of("plants", plants));
			assertThat((List<?>) JsonPath.read(body(get(SHIPMENTS, token)), "$.items")).as("plants=" + plants)
				.isEmpty();
			assertProblem(get(SHIPMENTS + "/80000001", token), 404, "resource.notFound");
		}
	}

	@Test
	void should_hide_the_shipments_of_other_plants() {
		List<String> plants = JsonPath.read(body(get(SHIPMENTS + "?limit=200", WMS_1000)), "$.items[*].plant");
		String elsewhere = JsonPath.read(body(get(SHIPMENTS + "?plant=2000&limit=1", WMS_ALL)),
				"$.items[0].shipmentId");

		assertThat(plants).isNotEmpty().containsOnly("1000");
		assertThat((List<?>) JsonPath.read(body(get(SHIPMENTS + "?plant=2000", WMS_1000)), "$.items")).isEmpty();
		assertProblem(get(SHIPMENTS + "/" + elsewhere, WMS_1000), 404, "resource.notFound");
		assertThat(get(SHIPMENTS + "/" + elsewhere, WMS_ALL).getStatus().value()).isEqualTo(200);
	}

	@Test
	void should_page_through_all_shipments_in_order_with_signed_cursors() {
		List<String> all = JsonPath.read(body(get(SHIPMENTS + "?plant=1000&limit=200", WMS_ALL)),
				"$.items[*].shipmentId");
		List<String> paged = new ArrayList<>();
		List<String> order = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			EntityExchangeResult<byte[]> page = get(
					SHIPMENTS + "?plant=1000&limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), WMS_ALL);
			paged.addAll(JsonPath.read(body(page), "$.items[*].shipmentId"));
			List<String> changed = JsonPath.read(body(page), "$.items[*].lastChangedAt");
			List<String> ids = JsonPath.read(body(page), "$.items[*].shipmentId");
			for (int i = 0; i < ids.size(); i++) {
				order.add(changed.get(i) + " " + String.format("%10s", ids.get(i)));
			}
			cursor = JsonPath.read(body(page), "$.nextCursor");
			pages++;
		}
		while (cursor != null && pages < 100);

		assertThat(all).hasSizeLessThan(200);
		assertThat(pages).isGreaterThan(2);
		assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates();
		assertThat(order).isSorted();
	}

	@Test
	void should_refuse_forged_and_foreign_cursors() {
		String cursor = JsonPath.read(body(get(SHIPMENTS + "?plant=1000&limit=2", WMS_ALL)), "$.nextCursor");
		// A character in the middle carries six bits of the payload (the last one may
		// carry padding bits a decoder ignores).
		int middle = cursor.length() / 2;
		String forged = cursor.substring(0, middle) + ((cursor.charAt(middle) == 'A') ? 'B' : 'A')
				+ cursor.substring(middle + 1);

		assertThat(get(SHIPMENTS + "?plant=1000&limit=2&cursor=" + cursor, WMS_ALL).getStatus().value()).isEqualTo(200);
		assertProblem(get(SHIPMENTS + "?plant=1000&limit=2&cursor=" + forged, WMS_ALL), 400, "cursor.invalid");
		assertProblem(get(SHIPMENTS + "?plant=2000&limit=2&cursor=" + cursor, WMS_ALL), 400, "cursor.invalid");
	}

	@Test
	void should_hold_back_shipments_with_unreleased_batches_or_blocks() {
		Set<String> heldBack = new LinkedHashSet<>();
		for (String status : List.of("PICKED", "PACKED")) {
			EntityExchangeResult<byte[]> page = get(SHIPMENTS + "?status=" + status + "&limit=200", WMS_ALL);
			assertThat((List<String>) JsonPath.read(body(page), "$.items[*].status")).containsOnly(status);
			heldBack.addAll(JsonPath.read(body(page), "$.items[*].shipmentId"));
		}
		boolean batchInInspection = false;
		for (String id : heldBack) {
			String shipment = body(get(SHIPMENTS + "/" + id, WMS_ALL));
			boolean released = JsonPath.read(shipment, "$.checks.qualityReleased");
			boolean blocked = JsonPath.read(shipment, "$.checks.blocked");
			String packing = JsonPath.read(shipment, "$.checks.packing");
			List<Boolean> items = JsonPath.read(shipment, "$.items[*].qualityReleased");
			assertThat(released).as(id).isEqualTo(!items.contains(false));
			if (packing.equals("COMPLETED") || packing.equals("NOT_RELEVANT")) {
				// Packed (or nothing to pack) and still not ready: something must hold
				// it.
				assertThat(!released || blocked).as(id).isTrue();
			}
			List<String> inspected = JsonPath.read(shipment,
					"$.items[?(@.batch =~ /QI.*/ && @.qualityReleased == false)].batch");
			batchInInspection |= !inspected.isEmpty();
		}
		assertThat(batchInInspection).as("a seeded quality hold among " + heldBack).isTrue();
	}

	@Test
	void should_read_a_first_page_with_two_delivery_reads_one_stock_read_per_plant_and_one_of_quality_decisions() {
		EntityExchangeResult<byte[]> page = get(SHIPMENTS + "?limit=100", WMS_ALL);

		assertThat((List<?>) JsonPath.read(body(page), "$.items")).hasSize(100);
		// the changed deliveries and those never changed since their creation
		assertThat(ERP.calls("deliveries", "total")).isEqualTo(2);
		assertThat(ERP.calls("material-stock", "total")).isBetween(1L, 2L);
		assertThat(ERP.calls("material-documents", "total")).isEqualTo(1);
	}

	@Test
	void should_list_and_page_a_shipment_never_changed_since_its_creation_on_its_creation_day() {
		// the ERP has no change date for 81000001, created on 2026-02-27
		EntityExchangeResult<byte[]> shipment = get(SHIPMENTS + "/81000001", WMS_1000);
		List<String> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			EntityExchangeResult<byte[]> page = get(
					SHIPMENTS + "?plant=1000&limit=5" + ((cursor != null) ? "&cursor=" + cursor : ""), WMS_1000);
			paged.addAll(JsonPath.read(body(page), "$.items[*].shipmentId"));
			cursor = JsonPath.read(body(page), "$.nextCursor");
			pages++;
		}
		while (cursor != null && pages < 100);

		assertThat(shipment.getStatus().value()).as(body(shipment)).isEqualTo(200);
		assertThat(text(shipment, "$.lastChangedAt")).isEqualTo("2026-02-27T00:00:00Z");
		assertThat(text(shipment, "$.status")).isEqualTo("PLANNED");
		assertThat(paged).containsOnlyOnce("81000001").doesNotHaveDuplicates();
		assertThat(paged).containsExactlyElementsOf(
				JsonPath.read(body(get(SHIPMENTS + "?plant=1000&limit=200", WMS_1000)), "$.items[*].shipmentId"));
		assertThat((List<String>) JsonPath.read(
				body(get(SHIPMENTS + "?limit=200&changedSince=2026-02-27T00:00:00Z", WMS_1000)),
				"$.items[*].shipmentId"))
			.contains("81000001");
		assertThat((List<String>) JsonPath.read(
				body(get(SHIPMENTS + "?limit=200&changedSince=2026-02-28T00:00:00Z", WMS_1000)),
				"$.items[*].shipmentId"))
			.doesNotContain("81000001");
	}

	@Test
	void should_take_a_shipments_plant_from_the_plant_its_shipping_point_belongs_to() {
		// 81000002 ships from plant 1000 through shipping point 1010
		EntityExchangeResult<byte[]> shipment = get(SHIPMENTS + "/81000002", WMS_1000);
		String plant2000 = TestTokens.get().token("wms-plant-2000", "shipments:read", List.of("2000"));

		assertThat(shipment.getStatus().value()).as(body(shipment)).isEqualTo(200);
		assertThat(text(shipment, "$.plant")).isEqualTo("1000");
		assertThat(text(shipment, "$.shippingPoint")).isEqualTo("1010");
		assertThat((List<String>) JsonPath.read(body(shipment), "$.items[*].plant")).containsOnly("1000");
		assertThat((List<String>) JsonPath.read(body(get(SHIPMENTS + "?plant=1000&limit=200", WMS_ALL)),
				"$.items[?(@.shipmentId == '81000002')].plant"))
			.containsExactly("1000");
		assertThat((List<String>) JsonPath.read(body(get(SHIPMENTS + "?plant=2000&limit=200", WMS_ALL)),
				"$.items[*].shipmentId"))
			.doesNotContain("81000002");
		assertProblem(get(SHIPMENTS + "/81000002", plant2000), 404, "resource.notFound");
	}

	@Test
	void should_move_last_changed_at_to_the_day_a_batch_on_the_shipment_is_quality_released() {
		// a shipment of plant 1000 held back by a batch in quality inspection
		String held = null;
		Map<String, Object> batchItem = null;
		List<String> candidates = new ArrayList<>();
		for (String status : List.of("PACKED", "PICKED")) {
			candidates.addAll(JsonPath.read(body(get(SHIPMENTS + "?status=" + status + "&limit=200", WMS_1000)),
					"$.items[*].shipmentId"));
		}
		for (String id : candidates) {
			List<Map<String, Object>> inspected = JsonPath.read(body(get(SHIPMENTS + "/" + id, WMS_1000)),
					"$.items[?(@.batch =~ /QI.*/ && @.qualityReleased == false)]");
			if (inspected.size() == 1) {
				held = id;
				batchItem = inspected.get(0);
				break;
			}
		}
		assertThat(held).as("a seeded quality hold in plant 1000").isNotNull();
		String shipmentId = held;
		EntityExchangeResult<byte[]> before = get(SHIPMENTS + "/" + held, WMS_1000);
		String changedBefore = text(before, "$.lastChangedAt");

		// quality releases the batch: 321, quality inspection to unrestricted, all of it
		Map<String, Object> document = ERP.write(HttpMethod.POST, MATERIAL_DOCUMENTS, "A_MaterialDocumentHeader",
				"{\"GoodsMovementCode\":\"04\",\"to_MaterialDocumentItem\":[{\"Material\":\""
						+ batchItem.get("material") + "\",\"Plant\":\"1000\",\"StorageLocation\":\""
						+ batchItem.get("storageLocation") + "\",\"Batch\":\"" + batchItem.get("batch")
						+ "\",\"GoodsMovementType\":\"321\"," + "\"QuantityInEntryUnit\":\"" + batchItem.get("quantity")
						+ "\"}]}");
		String released = Instant
			.ofEpochMilli(Long.parseLong(((String) document.get("PostingDate")).replaceAll("\\D", "")))
			.toString();
		EntityExchangeResult<byte[]> after = get(SHIPMENTS + "/" + held, WMS_1000);

		assertThat(text(after, "$.status")).isEqualTo("READY_FOR_SHIPMENT");
		assertThat((Boolean) JsonPath.read(body(after), "$.checks.qualityReleased")).isTrue();
		assertThat(text(after, "$.lastChangedAt")).isEqualTo(released).isGreaterThan(changedBefore);
		assertThat(after.getResponseHeaders().getETag()).isNotEqualTo(before.getResponseHeaders().getETag());
		// a synchronisation from the greatest lastChangedAt seen since gets it
		List<String> changed = JsonPath.read(
				body(get(SHIPMENTS + "?plant=1000&limit=200&changedSince=" + released, WMS_1000)),
				"$.items[*].shipmentId");
		assertThat(changed).containsExactly(held);
		// and a walk through all pages lists it once, last, where its change puts it
		List<String> order = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			EntityExchangeResult<byte[]> page = get(
					SHIPMENTS + "?plant=1000&limit=6" + ((cursor != null) ? "&cursor=" + cursor : ""), WMS_1000);
			List<String> ids = JsonPath.read(body(page), "$.items[*].shipmentId");
			List<String> moments = JsonPath.read(body(page), "$.items[*].lastChangedAt");
			for (int i = 0; i < ids.size(); i++) {
				order.add(moments.get(i) + " " + ids.get(i));
			}
			cursor = JsonPath.read(body(page), "$.nextCursor");
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(order).isSorted().doesNotHaveDuplicates().last().isEqualTo(released + " " + held);
		assertThat(order).filteredOn((entry) -> entry.endsWith(" " + shipmentId)).hasSize(1);
	}

	@Test
	void should_fill_pages_of_a_status_filter_and_page_through_all_matches() {
		List<String> all = JsonPath.read(body(get(SHIPMENTS + "?status=READY_FOR_SHIPMENT&limit=200", WMS_ALL)),
				"$.items[*].shipmentId");
		List<String> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			EntityExchangeResult<byte[]> page = get(
					SHIPMENTS + "?status=READY_FOR_SHIPMENT&limit=3" + ((cursor != null) ? "&cursor=" + cursor : ""),
					WMS_ALL);
			List<String> ids = JsonPath.read(body(page), "$.items[*].shipmentId");
			cursor = JsonPath.read(body(page), "$.nextCursor");
			if (cursor != null) {
				assertThat(ids).as("a full page while more follow").hasSize(3);
			}
			paged.addAll(ids);
			pages++;
		}
		while (cursor != null && pages < 100);

		assertThat(all).hasSizeGreaterThan(6);
		assertThat(paged).containsExactlyElementsOf(all);
	}

	@Test
	void should_filter_by_status_and_by_change() {
		List<String> shipped = JsonPath.read(body(get(SHIPMENTS + "?status=SHIPPED&limit=200", WMS_ALL)),
				"$.items[*].status");
		String since = "2026-03-01T10:00:00Z";
		List<String> changed = JsonPath.read(body(get(SHIPMENTS + "?limit=200&changedSince=" + since, WMS_ALL)),
				"$.items[*].lastChangedAt");

		assertThat(shipped).isNotEmpty().containsOnly("SHIPPED");
		assertThat(changed).isNotEmpty()
			.allMatch((moment) -> !OffsetDateTime.parse(moment).isBefore(OffsetDateTime.parse(since)));
	}

	@Test
	void should_answer_bad_requests_with_problems() {
		assertProblem(get(SHIPMENTS + "/80000001", null), 401, "auth.tokenInvalid");
		assertProblem(
				get(SHIPMENTS + "/80000001",
						TestTokens.get().token("mes-plant-1000", "inventory:read", List.of("1000"))),
				403, "auth.insufficientScope");
		assertProblem(get(SHIPMENTS + "/8000000A", WMS_1000), 400, "request.invalid");
		assertProblem(get(SHIPMENTS + "?limit=0", WMS_1000), 400, "request.invalid");
		assertProblem(get(SHIPMENTS + "?status=LOST", WMS_1000), 400, "request.invalid");
		assertProblem(get(SHIPMENTS + "?changedSince=yesterday", WMS_1000), 400, "request.invalid");
		assertProblem(get(SHIPMENTS + "/99999999", WMS_1000), 404, "resource.notFound");
		// an encoded version segment is checked as the controllers see it
		assertProblem(this.client.get()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/%761/shipments?limit=0"))
			.headers((headers) -> headers.setBearerAuth(WMS_1000))
			.exchange()
			.expectBody()
			.returnResult(), 400, "request.invalid");
	}

	@Test
	void should_serve_its_contract_and_a_swagger_ui_pointed_at_it() {
		assertServesItsContracts(this.port, "shipments", List.of("v1"));
	}

	@Test
	void should_answer_503_when_the_erp_is_down() {
		ERP.fault("deliveries", "{\"outage\":true}");

		EntityExchangeResult<byte[]> result = get(SHIPMENTS + "/80000001", WMS_1000);

		assertProblem(result, 503, "erp.unavailable");
		assertThat(result.getResponseHeaders().getFirst("Retry-After")).matches("\\d+");
	}

	@Test
	void should_refuse_tokens_that_were_tampered_with_or_are_not_for_this_api() {
		String[] parts = ACME.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String widened = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.replace("\"ACME\"", "\"BETA\"").getBytes(StandardCharsets.UTF_8));
		String unsigned = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
		Map<String, Object> expired = new HashMap<>();
		expired.put("exp", new Date(System.currentTimeMillis() - 120_000));

		assertThat(payload).contains("\"ACME\"");
		for (String token : List.of(parts[0] + "." + widened + "." + parts[2], unsigned,
				TestTokens.get().tokenWith("shipments:read", Map.of("aud", "someone-else")),
				TestTokens.get().tokenWith("shipments:read", Map.of("iss", "https://issuer.elsewhere")),
				TestTokens.get().tokenWith("shipments:read", expired))) {
			assertProblem(get(SHIPMENTS + "/80000002", token), 401, "auth.tokenInvalid");
		}
	}

	@Test
	void should_answer_504_when_the_erp_is_too_slow() {
		ERP.fault("deliveries", "{\"latencyMs\":1500}");

		assertProblem(get(SHIPMENTS + "/80000001", WMS_1000), 504, "erp.timeout");
	}

	@Test
	void should_carry_correlation_id_and_trace_to_the_erp_and_back() {
		String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		EntityExchangeResult<byte[]> result = this.client.get().uri(SHIPMENTS + "/80000001").headers((headers) -> {
			headers.setBearerAuth(WMS_1000);
			headers.set("X-Correlation-Id", "dock-7-scan-000123");
			headers.set("traceparent", parent);
		}).exchange().expectBody().returnResult();

		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isEqualTo("dock-7-scan-000123");
		assertThat(result.getResponseHeaders().getFirst("traceparent"))
			.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
		Map<?, ?> erpCall = ERP.lastRequest("deliveries");
		assertThat(erpCall.get("correlationId")).isEqualTo("dock-7-scan-000123");
		assertThat((String) erpCall.get("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
	}

	private static String partner(String partner) {
		Map<String, Object> claims = new HashMap<>();
		claims.put("client_id", "partner-" + partner.toLowerCase());
		claims.put("sub", "partner-" + partner.toLowerCase());
		claims.put("scope", "shipments:read");
		claims.put("partner_id", partner);
		claims.put("plants", null);
		return TestTokens.get().tokenWith("shipments:read", claims);
	}

	private EntityExchangeResult<byte[]> get(String uri, String token) {
		EntityExchangeResult<byte[]> result = this.client.get().uri(uri).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
		CONTRACT.assertKeepsContract(result);
		return result;
	}

	private static String text(EntityExchangeResult<byte[]> result, String path) {
		return JsonPath.read(body(result), path);
	}

}
