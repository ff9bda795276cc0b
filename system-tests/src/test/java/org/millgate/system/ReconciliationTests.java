package org.millgate.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.events.EventContracts;
import org.millgate.testing.platform.Platform;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation on the whole platform, through the gateway: each kind of difference made
 * on purpose where it arises (a confirmation booked by a clerk in the ERP beside one MES
 * posts through the Production Orders API, a WMS count with stock in another stock
 * status, a goods movement while the count travels, a shipment the warehouse loaded
 * before the ERP considers it ready), and a run that finds exactly those, with no false
 * mismatch on the rest of the ERP's fixtures.
 */
class ReconciliationTests {

	private static final String STOCK = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod";

	private static final String MATERIAL_DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private static final String CONFIRMATIONS = "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV";

	// the WMS's own unit codes (UN/ECE) of the ERP's units the simulator uses
	private static final Map<String, String> UNITS = Map.of("PC", "H87", "ST", "H87", "KG", "KGM", "L", "LTR", "M",
			"MTR", "G", "GRM", "EA", "EA");

	static Platform platform;

	static ErpSimulator erp;

	static String mes;

	static String wms;

	static String ops;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
		erp = ErpSimulator.at(platform.url("erp-simulator"));
		mes = platform.token("mes-plant-1000");
		wms = platform.token("wms-plant-1000");
		ops = platform.token("ops-console");
	}

	@Test
	void confirmations_a_clerk_entered_in_the_erp_are_found_and_those_mes_posted_through_the_platform_are_not() {
		Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
		// a released order no one has locked in the ERP
		List<String> unlocked = JsonPath.read(
				get("/v1/production-orders?plant=1000&status=RELEASED&limit=50", mes).body(),
				"$.items[?(@.locked == false)].orderId");
		String orderId = unlocked.get(0);
		String order = get("/v1/production-orders/" + orderId, mes).body();
		String operation = JsonPath.read(order, "$.routing.operations[0].operation");
		String unit = JsonPath.read(order, "$.quantities.unit");
		HttpResponse<String> posted = post("/v1/production-orders/" + orderId + "/confirmations", mes,
				"{\"operation\":\"" + operation + "\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"" + unit
						+ "\",\"finalConfirmation\":false}",
				UUID.randomUUID().toString());
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
		Map<String, Object> clerk = erp.asClerk()
			.write(HttpMethod.POST, CONFIRMATIONS, "ProdnOrdConf2", """
					{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"2"}""".formatted(orderId,
					operation));
		String clerkId = clerk.get("ConfirmationGroup") + "-" + clerk.get("ConfirmationCount");

		String runId = run("CONFIRMATIONS", from);
		List<String> found = JsonPath.read(get("/v1/reconciliation/mismatches?runId=" + runId, ops).body(),
				"$.items[*].mismatchId");
		assertThat(found)
			.containsExactly("confirmation-not-posted-through-platform:" + orderId + ":" + operation + ":" + clerkId);
	}

	@Test
	void a_count_with_stock_in_another_status_is_found_and_a_movement_in_flight_is_accounted_for() {
		String location = "0002";
		List<Map<String, Object>> rows = erp.read(STOCK + "?$filter=Plant eq '1000' and StorageLocation eq '" + location
				+ "' and InventorySpecialStockType eq ''&$top=5000");
		Map<List<String>, BigDecimal> stock = new HashMap<>();
		Map<String, String> unitOf = new HashMap<>();
		for (Map<String, Object> row : rows) {
			stock.merge(
					List.of((String) row.get("Material"), (String) row.get("Batch"),
							status((String) row.get("InventoryStockType"))),
					new BigDecimal((String) row.get("MatlWrhsStkQtyInMatlBaseUnit")), BigDecimal::add);
			unitOf.put((String) row.get("Material"), UNITS.get((String) row.get("MaterialBaseUnit")));
		}
		List<List<String>> single = stock.keySet()
			.stream()
			.filter((key) -> "ON_HAND".equals(key.get(2)) && stock.get(key).compareTo(BigDecimal.TEN) > 0)
			.filter((key) -> stock.keySet()
				.stream()
				.noneMatch(
						(other) -> other != key && other.get(0).equals(key.get(0)) && other.get(1).equals(key.get(1))))
			.sorted((a, b) -> String.join("/", a).compareTo(String.join("/", b)))
			.toList();
		assertThat(single).as("unrestricted stock in plant 1000, storage location %s", location).hasSizeGreaterThan(1);
		List<String> inspected = single.get(0);
		List<String> moved = single.get(1);
		Instant countedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
		List<String> positions = new ArrayList<>();
		stock.forEach((key, quantity) -> positions
			.add("{\"material\":\"" + key.get(0) + "\",\"storageLocation\":\"" + location + "\",\"batch\":"
					+ (key.get(1).isEmpty() ? "null" : "\"" + key.get(1) + "\"") + ",\"stockStatus\":\""
					+ (key.equals(inspected) ? "QUALITY_HOLD" : key.get(2)) + "\",\"quantity\":{\"value\":"
					+ quantity.setScale(3) + ",\"unit\":\"" + unitOf.get(key.get(0)) + "\"}}"));
		HttpResponse<String> counted = post("/v1/reconciliation/stock-counts", wms,
				"{\"plant\":\"1000\",\"countedAt\":\"" + countedAt + "\",\"positions\":[" + String.join(",", positions)
						+ "]}",
				UUID.randomUUID().toString());
		assertThat(counted.statusCode()).as(counted.body()).isEqualTo(201);
		// scrapped while the count travelled
		erp.write(HttpMethod.POST, MATERIAL_DOCUMENTS, "A_MaterialDocumentHeader",
				"{\"GoodsMovementCode\":\"03\",\"to_MaterialDocumentItem\":[{\"Material\":\"" + moved.get(0)
						+ "\",\"Plant\":\"1000\",\"StorageLocation\":\"" + location + "\",\"Batch\":\"" + moved.get(1)
						+ "\",\"GoodsMovementType\":\"551\",\"QuantityInEntryUnit\":\"1\"}]}");

		String runId = run("INVENTORY", countedAt.minusSeconds(1));
		List<String> found = JsonPath.read(get("/v1/reconciliation/mismatches?runId=" + runId, ops).body(),
				"$.items[*].mismatchId");
		assertThat(found).containsExactly("stock-status:1000:" + inspected.get(0) + ":" + location + ":"
				+ (inspected.get(1).isEmpty() ? "-" : inspected.get(1)));
		String mismatch = get("/v1/reconciliation/mismatches/" + found.get(0), wms).body();
		assertThat(JsonPath.<String>read(mismatch, "$.evidence.erp.value.byStockStatus[0].stockStatus"))
			.isEqualTo("ON_HAND");
		assertThat(JsonPath.<String>read(mismatch, "$.evidence.reported.value.byStockStatus[0].stockStatus"))
			.isEqualTo("QUALITY_HOLD");
		// the opening reached the platform's Kafka as an integration event, valid by its
		// contract, read as any consumer reads it (committed records only)
		ConsumerRecord<String, String> event = openingEvent(found.get(0));
		assertThat(EventContracts.violations("integration", "v1", event)).isEmpty();
		assertThat(event.key()).isEqualTo("material/1000/" + inspected.get(0));
	}

	private static ConsumerRecord<String, String> openingEvent(String mismatchId) {
		Map<String, Object> config = Map.of("bootstrap.servers", platform.kafkaBootstrap(), "group.id",
				"reconciliation-tests-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "isolation.level",
				"read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of("millgate.integration.events.v1"));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.value() != null && record.value().contains("\"mismatchId\":\"" + mismatchId + "\"")) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("No reconciliation-mismatch event of " + mismatchId + " within 30 s");
	}

	@Test
	void a_shipment_the_warehouse_loaded_before_the_erp_considers_it_ready_is_found() {
		Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
		String page = get("/v1/shipments?plant=1000&status=PICKING&limit=1", wms).body();
		String shipmentId = JsonPath.read(page, "$.items[0].shipmentId");
		HttpResponse<String> reported = post("/v1/reconciliation/shipment-reports", wms,
				"{\"shipmentId\":\"" + shipmentId + "\",\"status\":\"LOADED\",\"system\":\"WMS\",\"reporter\":"
						+ "\"WMS-1000\",\"reportedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}",
				UUID.randomUUID().toString());
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
		String runId = run("SHIPMENTS", from);
		List<String> found = JsonPath.read(get("/v1/reconciliation/mismatches?runId=" + runId, ops).body(),
				"$.items[*].mismatchId");
		assertThat(found).containsExactly("shipment-status:" + shipmentId);
	}

	private static String run(String area, Instant from) {
		HttpResponse<String> queued = post("/v1/reconciliation/runs", ops,
				"{\"plant\":\"1000\",\"area\":\"" + area + "\",\"from\":\"" + from + "\"}", null);
		assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
		String location = queued.headers().firstValue("Location").orElseThrow();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			String run = get(location, ops).body();
			String state = JsonPath.read(run, "$.state");
			if ("FINISHED".equals(state)) {
				return JsonPath.read(run, "$.runId");
			}
			assertThat(state).as(run).isNotEqualTo("FAILED");
			assertThat(Instant.now()).as("run %s finished within 60 s", location).isBefore(deadline);
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String status(String type) {
		return switch (type) {
			case "01" -> "ON_HAND";
			case "02" -> "QUALITY_HOLD";
			case "04", "05", "06" -> "IN_TRANSIT";
			default -> "BLOCKED";
		};
	}

	private static HttpResponse<String> get(String path, String token) {
		return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.build());
	}

	private static HttpResponse<String> post(String path, String token, String json, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return platform.send(request.build());
	}

}
