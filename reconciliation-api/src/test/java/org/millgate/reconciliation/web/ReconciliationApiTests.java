package org.millgate.reconciliation.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.millgate.erp.model.Shipment;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.Materials;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.TrackedShipment;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.reconciliation.reconcile.Runs;
import org.millgate.testing.TestTokens;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.events.EventContracts;
import org.millgate.testing.events.TestKafka;
import org.millgate.testing.product.ProductTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * The Reconciliation API over real HTTP, with the ERP simulator, a real Kafka and the
 * PostgreSQL on loopback: each kind of mismatch made on purpose and found, exactly those
 * and nothing on the rest of the fixtures; a movement in flight during a count accounted
 * for; reports idempotent; mismatches acknowledged and resolved, audited; the opened ones
 * published as integration events.
 */
@ProductTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationApiTests {

	private static final String SCHEMA = "millgate_reconciliation_test";

	private static final String STOCK = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod";

	private static final String MATERIAL_DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private static final String CONFIRMATIONS = "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV";

	private static final String ORDERS = "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV";

	private static final String ORDER_EVENTS = "millgate.production-orders.events.v1";

	private static final String INTEGRATION = "millgate.integration.events.v1";

	private static final String WMS = TestTokens.get()
		.token("wms-plant-1000", "reconciliation:report reconciliation:read", List.of("1000"));

	private static final String OPS = TestTokens.get()
		.token("ops-console", "reconciliation:read reconciliation:manage", List.of("1000", "2000"));

	private static final String OTHER_PLANT = TestTokens.get()
		.token("ops-2000", "reconciliation:read reconciliation:manage reconciliation:report", List.of("2000"));

	private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);

	@Autowired
	WebTestClient client;

	@Autowired
	Runs runs;

	@Autowired
	ReconciliationStore store;

	@Autowired
	Materials materials;

	@Autowired
	Deliveries deliveries;

	@Autowired
	ShipmentTracker tracker;

	@BeforeAll
	static void emptySchema() {
		String url = env("MILLGATE_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
		try (Connection connection = DriverManager.getConnection(url, env("MILLGATE_TEST_DB_USER", "postgres"),
				env("MILLGATE_TEST_DB_PASSWORD", "")); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + url + " is not reachable; ./millgate test starts it",
					ex);
		}
		TestKafka.shared().createTopic(ORDER_EVENTS, 6);
		TestKafka.shared().createTopic(INTEGRATION, 3);
	}

	@Test
	@Order(1)
	void an_inventory_run_finds_the_stock_counted_differently_and_accounts_for_a_movement_in_flight() {
		ErpSimulator erp = ErpSimulator.shared();
		String location = "0001";
		List<Map<String, Object>> rows = erp.read(STOCK + "?$filter=Plant eq '1000' and StorageLocation eq '" + location
				+ "' and InventorySpecialStockType eq ''&$top=5000");
		// what the WMS counts: the ERP's own stock of the storage location, by material,
		// batch and stock status, in each material's base unit
		Map<List<String>, BigDecimal> stock = new HashMap<>();
		for (Map<String, Object> row : rows) {
			stock.merge(
					List.of((String) row.get("Material"), (String) row.get("Batch"),
							status((String) row.get("InventoryStockType"))),
					new BigDecimal((String) row.get("MatlWrhsStkQtyInMatlBaseUnit")), BigDecimal::add);
		}
		List<List<String>> onHand = stock.keySet()
			.stream()
			.filter((key) -> "ON_HAND".equals(key.get(2)) && stock.get(key).compareTo(BigDecimal.TEN) > 0)
			.filter((key) -> stock.keySet()
				.stream()
				.noneMatch(
						(other) -> other != key && other.get(0).equals(key.get(0)) && other.get(1).equals(key.get(1))))
			.sorted((a, b) -> String.join("/", a).compareTo(String.join("/", b)))
			.toList();
		assertThat(onHand).as("unrestricted positions of plant 1000, storage location 0001").hasSizeGreaterThan(4);
		List<String> asQualityHold = onHand.get(0);
		List<String> countedShort = onHand.get(1);
		List<String> notCounted = onHand.get(2);
		List<String> movedAfterCount = onHand.get(3);

		Instant countedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
		List<String> positions = new ArrayList<>();
		stock.forEach((key, quantity) -> {
			if (key.equals(notCounted)) {
				return;
			}
			String status = key.equals(asQualityHold) ? "QUALITY_HOLD" : key.get(2);
			BigDecimal counted = key.equals(countedShort) ? quantity.subtract(BigDecimal.ONE) : quantity;
			positions.add(position(key.get(0), location, key.get(1), status, counted));
		});
		positions.add(position("ZZ-NOT-IN-ERP", location, "", "ON_HAND", BigDecimal.TEN));
		EntityExchangeResult<byte[]> counted = post("/v1/reconciliation/stock-counts", WMS,
				UUID.randomUUID().toString(), "{\"plant\":\"1000\",\"countedAt\":\"" + countedAt + "\",\"positions\":["
						+ String.join(",", positions) + "]}");
		assertThat(counted.getStatus().value()).as(body(counted)).isEqualTo(201);
		String countId = JsonPath.read(body(counted), "$.countId");

		// scrapped after the count: the ERP's stock has 2 less, the count was right
		erp.write(HttpMethod.POST, MATERIAL_DOCUMENTS, "A_MaterialDocumentHeader",
				"{\"GoodsMovementCode\":\"03\",\"to_MaterialDocumentItem\":[{\"Material\":\"" + movedAfterCount.get(0)
						+ "\",\"Plant\":\"1000\",\"StorageLocation\":\"" + location + "\",\"Batch\":\""
						+ movedAfterCount.get(1) + "\",\"GoodsMovementType\":\"551\",\"QuantityInEntryUnit\":\"2\"}]}");

		String runId = run("INVENTORY", STARTED);
		Map<String, Object> run = JsonPath.read(body(get("/v1/reconciliation/runs/" + runId, OPS)), "$");
		assertThat(run).containsEntry("state", "FINISHED");
		assertThat(JsonPath.<Integer>read(run, "$.mismatches.opened")).isEqualTo(4);
		assertThat(JsonPath.<Integer>read(run, "$.compared.erp")).isEqualTo(rows.size());
		assertThat(JsonPath.<Integer>read(run, "$.erpCalls")).isPositive();

		List<String> found = JsonPath.read(
				body(get("/v1/reconciliation/mismatches?runId=" + runId + "&limit=200", OPS)), "$.items[*].mismatchId");
		assertThat(found).containsExactlyInAnyOrder(
				"stock-status:1000:" + id(asQualityHold.get(0)) + ":0001:" + batch(asQualityHold),
				"stock-quantity:1000:" + id(countedShort.get(0)) + ":0001:" + batch(countedShort) + ":ON_HAND",
				"stock-missing-in-wms:1000:" + id(notCounted.get(0)) + ":0001:" + batch(notCounted) + ":ON_HAND",
				"stock-missing-in-erp:1000:ZZ-NOT-IN-ERP:0001:-:ON_HAND");

		String shortId = "stock-quantity:1000:" + id(countedShort.get(0)) + ":0001:" + batch(countedShort) + ":ON_HAND";
		String detail = body(get("/v1/reconciliation/mismatches/" + shortId, WMS));
		assertThat(JsonPath.<String>read(detail, "$.systemOfRecord")).isEqualTo("WMS");
		assertThat(JsonPath.<String>read(detail, "$.owner.team")).isEqualTo("Warehouse & Logistics Integration");
		assertThat(JsonPath.<String>read(detail, "$.evidence.reported.reportId")).isEqualTo(countId);
		assertThat(new BigDecimal(JsonPath.read(detail, "$.evidence.erp.value.quantity.value").toString())
			.subtract(new BigDecimal(JsonPath.read(detail, "$.evidence.reported.value.quantity.value").toString())))
			.isEqualByComparingTo(BigDecimal.ONE);

		// another plant's caller sees none of it
		assertProblem(get("/v1/reconciliation/mismatches/" + shortId, OTHER_PLANT), 404, "resource.notFound");
		assertThat(JsonPath.<List<Object>>read(body(get("/v1/reconciliation/mismatches?plant=1000", OTHER_PLANT)),
				"$.items"))
			.isEmpty();
	}

	@Test
	@Order(2)
	void mismatches_are_acknowledged_resolved_audited_and_published_once_per_opening() {
		String id = JsonPath.read(body(get("/v1/reconciliation/mismatches?kind=STOCK_STATUS&state=OPEN", OPS)),
				"$.items[0].mismatchId");
		EntityExchangeResult<byte[]> acknowledged = post("/v1/reconciliation/mismatches/" + id + "/acknowledgement",
				OPS, null, "{\"note\":\"Recount requested\"}");
		assertThat(acknowledged.getStatus().value()).as(body(acknowledged)).isEqualTo(200);
		assertThat(JsonPath.<String>read(body(acknowledged), "$.state")).isEqualTo("ACKNOWLEDGED");
		EntityExchangeResult<byte[]> resolved = post("/v1/reconciliation/mismatches/" + id + "/resolution", OPS, null,
				"{\"resolution\":\"FIXED_IN_WMS\",\"note\":\"Moved back to quality inspection\"}");
		assertThat(resolved.getStatus().value()).as(body(resolved)).isEqualTo(200);
		List<Map<String, Object>> history = JsonPath.read(body(resolved), "$.history");
		assertThat(history).extracting((entry) -> entry.get("state"))
			.containsExactly("OPEN", "ACKNOWLEDGED", "RESOLVED");
		assertThat(JsonPath.<String>read(body(resolved), "$.history[2].by.id")).isEqualTo("ops-console");
		assertThat(JsonPath.<String>read(body(acknowledged), "$.resolvedAt")).isNull();
		assertThat(Instant.parse(JsonPath.<String>read(body(resolved), "$.resolvedAt")))
			.isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
		assertThat(JsonPath.<String>read(body(resolved), "$.history[2].note"))
			.isEqualTo("Moved back to quality inspection");
		assertProblem(post("/v1/reconciliation/mismatches/" + id + "/resolution", OPS, null,
				"{\"resolution\":\"ACCEPTED\",\"note\":\"again\"}"), 409, "mismatch.alreadyResolved");
		assertProblem(post("/v1/reconciliation/mismatches/" + id + "/acknowledgement", OPS, null, "{}"), 409,
				"mismatch.alreadyResolved");
		// a reader may not manage
		assertProblem(post("/v1/reconciliation/mismatches/" + id + "/resolution", WMS, null,
				"{\"resolution\":\"ACCEPTED\",\"note\":\"no\"}"), 403, "auth.insufficientScope");

		// every opening was published, valid by the integration contract, keyed by the
		// business object
		List<ConsumerRecord<String, String>> events = TestKafka.shared()
			.readUntil(INTEGRATION,
					(records) -> records.stream().anyMatch((record) -> record.value().contains("\"" + id + "\"")),
					Duration.ofSeconds(20));
		ConsumerRecord<String, String> event = events.stream()
			.filter((record) -> record.value().contains("\"mismatchId\":\"" + id + "\""))
			.findFirst()
			.orElseThrow();
		assertThat(EventContracts.violations("integration", "v1", event)).isEmpty();
		assertThat(EventContracts.headers(event)).containsEntry("ce_type",
				"dev.millgate.integration.reconciliation-mismatch");
		assertThat(event.key()).startsWith("material/1000/");
	}

	@Test
	@Order(3)
	void a_confirmations_run_finds_each_confirmation_that_differs_from_what_was_posted_through_the_platform() {
		ErpSimulator erp = ErpSimulator.shared();
		String[] released = releasedOperation(erp, "1000");
		String order = released[0];
		String operation = released[1];
		Map<String, Object> agreed = confirm(erp, order, operation, "3", "0");
		Map<String, Object> differs = confirm(erp, order, operation, "4", "0");
		Map<String, Object> reversed = confirm(erp, order, operation, "5", "0");
		erp.write(HttpMethod.POST, CONFIRMATIONS, "CancelProdnOrdConf?ConfirmationGroup='"
				+ reversed.get("ConfirmationGroup") + "'&ConfirmationCount='" + reversed.get("ConfirmationCount") + "'",
				"");
		Map<String, Object> clerk = erp.asClerk().write(HttpMethod.POST, CONFIRMATIONS, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"2"}""".formatted(order, operation));
		String unit = (String) agreed.get("ConfirmationUnit");
		String isoUnit = this.materials.material(material(erp, order)).block().baseUnit().code();
		// what the platform posted, as its events tell: the agreed one, the one MES
		// booked
		// with another yield, the reversed one, and one the ERP never booked
		publish(order, operation, id(agreed), "3", isoUnit);
		publish(order, operation, id(differs), "6", isoUnit);
		publish(order, operation, id(reversed), "5", isoUnit);
		String missing = agreed.get("ConfirmationGroup") + "-99999";
		publish(order, operation, missing, "1", isoUnit);
		awaitPosted(4, order);

		String runId = run("CONFIRMATIONS", STARTED);
		List<String> found = JsonPath.read(
				body(get("/v1/reconciliation/mismatches?runId=" + runId + "&limit=200", OPS)), "$.items[*].mismatchId");
		String prefix = ":" + order + ":" + operation + ":";
		assertThat(found).as("unit %s", unit)
			.containsExactlyInAnyOrder("confirmation-quantity" + prefix + id(differs),
					"confirmation-reversed-in-erp" + prefix + id(reversed),
					"confirmation-missing-in-erp" + prefix + missing,
					"confirmation-not-posted-through-platform" + prefix + id(clerk));
		String notPosted = body(get(
				"/v1/reconciliation/mismatches/confirmation-not-posted-through-platform" + prefix + id(clerk), OPS));
		assertThat(JsonPath.<String>read(notPosted, "$.systemOfRecord")).isEqualTo("ERP");
		assertThat((Object) JsonPath.read(notPosted, "$.evidence.reported")).isNull();
		assertThat(JsonPath.<String>read(notPosted, "$.owner.team")).isEqualTo("Manufacturing Execution Integration");
	}

	@Test
	@Order(4)
	void a_shipments_run_finds_a_status_the_warehouse_reports_differently_from_the_erp() {
		List<Shipment> shipments = this.deliveries
			.shipments(new org.millgate.erp.port.ShipmentQuery(java.util.Set.of("1000", "1010"), java.util.Set.of(),
					null, null, null, 50, true))
			.block()
			.items();
		List<TrackedShipment> tracked = this.tracker.track(shipments).block();
		TrackedShipment agreeing = tracked.stream()
			.filter((s) -> "1000".equals(s.plant()) && s.status().name().equals("PICKING"))
			.findFirst()
			.orElseThrow();
		TrackedShipment differing = tracked.stream()
			.filter((s) -> "1000".equals(s.plant()) && s.status().name().matches("PICKING|PACKED")
					&& !s.shipment().id().equals(agreeing.shipment().id()))
			.findFirst()
			.orElseThrow();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(report(agreeing.shipment().id(), "PICKING", now).getStatus().value()).isEqualTo(201);
		assertThat(report(differing.shipment().id(), "LOADED", now).getStatus().value()).isEqualTo(201);

		String runId = run("SHIPMENTS", STARTED);
		List<String> found = JsonPath.read(body(get("/v1/reconciliation/mismatches?runId=" + runId, OPS)),
				"$.items[*].mismatchId");
		assertThat(found).containsExactly("shipment-status:" + differing.shipment().id());
		String detail = body(get("/v1/reconciliation/mismatches/" + found.get(0), OPS));
		assertThat(JsonPath.<String>read(detail, "$.evidence.reported.value.shipmentStatus")).isEqualTo("LOADED");
		assertThat(JsonPath.<String>read(detail, "$.evidence.erp.value.shipmentStatus"))
			.isEqualTo(differing.status().name());
	}

	@Test
	@Order(5)
	void a_mismatch_no_longer_found_is_closed_by_the_next_run() {
		// the shipment is reported again, now as the ERP has it
		String id = JsonPath.read(body(get("/v1/reconciliation/mismatches?kind=SHIPMENT_STATUS&state=OPEN", OPS)),
				"$.items[0].subject.shipmentId");
		TrackedShipment tracked = this.tracker.track(List.of(this.deliveries.shipment(id, true).block()))
			.block()
			.get(0);
		// picking or packed (see the run before): reported now as the ERP has it
		String agreeing = tracked.status().name();
		assertThat(agreeing).isIn("PICKING", "PACKED");
		assertThat(report(id, agreeing, Instant.now().truncatedTo(ChronoUnit.SECONDS)).getStatus().value())
			.isEqualTo(201);
		String runId = run("SHIPMENTS", null);
		String mismatch = body(get("/v1/reconciliation/mismatches/shipment-status:" + id, OPS));
		assertThat(JsonPath.<String>read(mismatch, "$.state")).isEqualTo("RESOLVED");
		assertThat(JsonPath.<String>read(mismatch, "$.resolution")).isEqualTo("NO_LONGER_FOUND");
		assertThat(JsonPath.<String>read(mismatch, "$.resolvedAt")).isNotNull();
		assertThat(JsonPath.<String>read(mismatch, "$.history[1].by.id")).isEqualTo(runId);
	}

	@Test
	void reports_are_idempotent_and_their_rules_answered_clearly() {
		String count = "{\"plant\":\"1000\",\"countedAt\":\"" + Instant.now().minusSeconds(60) + "\",\"positions\":["
				+ position("RM-200", "0002", "", "ON_HAND", BigDecimal.ONE) + "]}";
		String key = UUID.randomUUID().toString();
		EntityExchangeResult<byte[]> first = post("/v1/reconciliation/stock-counts", WMS, key, count);
		assertThat(first.getStatus().value()).as(body(first)).isEqualTo(201);
		EntityExchangeResult<byte[]> again = post("/v1/reconciliation/stock-counts", WMS, key, count);
		assertThat(again.getStatus().value()).isEqualTo(201);
		assertThat(again.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat(body(again)).isEqualTo(body(first));
		assertProblem(post("/v1/reconciliation/stock-counts", WMS, key, count.replace("ON_HAND", "BLOCKED")), 422,
				"idempotency.keyReused");
		assertProblem(post("/v1/reconciliation/stock-counts", WMS, null, count), 400, "idempotency.keyMissing");
		// another plant: not found, as if it did not exist
		assertProblem(post("/v1/reconciliation/stock-counts", WMS, UUID.randomUUID().toString(),
				count.replace("\"1000\"", "\"2000\"")), 404, "resource.notFound");
		// counted in the future
		EntityExchangeResult<byte[]> future = post("/v1/reconciliation/stock-counts", WMS, UUID.randomUUID().toString(),
				count.replaceFirst("\"countedAt\":\"[^\"]+\"",
						"\"countedAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\""));
		assertProblem(future, 400, "request.invalid");
		assertThat(JsonPath.<String>read(body(future), "$.errors[0].pointer")).isEqualTo("/countedAt");
		// the same position twice
		String twice = count.replace("]}", "," + position("RM-200", "0002", "", "ON_HAND", BigDecimal.ONE) + "]}");
		EntityExchangeResult<byte[]> duplicate = post("/v1/reconciliation/stock-counts", WMS,
				UUID.randomUUID().toString(), twice);
		assertProblem(duplicate, 400, "request.invalid");
		assertThat(JsonPath.<String>read(body(duplicate), "$.errors[0].pointer")).isEqualTo("/positions/1");
		// a piece has no decimals (the units table every part checks quantities by)
		String pieces = "{\"plant\":\"1000\",\"countedAt\":\"" + Instant.now().minusSeconds(60) + "\",\"positions\":["
				+ position("FG-100", "0003", "", "ON_HAND", BigDecimal.ONE) + "]}";
		EntityExchangeResult<byte[]> half = post("/v1/reconciliation/stock-counts", WMS, UUID.randomUUID().toString(),
				pieces.replace("1.000", "1.500"));
		assertProblem(half, 400, "request.invalid");
		assertThat(JsonPath.<String>read(body(half), "$.errors[0].message"))
			.startsWith("1.5 H87 has 1 decimal; a quantity in H87 (piece) has no decimals");
		assertThat(JsonPath.<String>read(body(half), "$.errors[0].pointer")).isEqualTo("/positions/0/quantity/value");
		// a unit the material cannot be converted from
		assertProblem(post("/v1/reconciliation/stock-counts", WMS, UUID.randomUUID().toString(),
				count.replace("\"unit\":\"" + this.materials.material("RM-200").block().baseUnit().code() + "\"",
						"\"unit\":\"LTR\"")),
				422, "unit.notConvertible");
		// a shipment of an unknown number
		assertProblem(report("9999999999", "PICKING", Instant.now()), 404, "resource.notFound");
	}

	@Test
	void a_count_of_10000_positions_is_recorded_whole() {
		String unit = this.materials.material("RM-200").block().baseUnit().code();
		StringBuilder positions = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			positions.append((i > 0) ? "," : "")
				.append("{\"material\":\"RM-200\",\"storageLocation\":\"Z")
				.append(String.format("%03d", i % 100))
				.append("\",\"batch\":\"B")
				.append(String.format("%05d", i))
				.append("\",\"stockStatus\":\"ON_HAND\",\"quantity\":{\"value\":1.000,\"unit\":\"")
				.append(unit)
				.append("\"}}");
		}
		String count = "{\"plant\":\"1000\",\"countedAt\":\"" + Instant.now().minusSeconds(60) + "\",\"positions\":["
				+ positions + "]}";
		assertThat(count.length()).as("larger than Spring's default codec buffer of 256 KiB").isGreaterThan(1_000_000);
		EntityExchangeResult<byte[]> recorded = post("/v1/reconciliation/stock-counts", WMS,
				UUID.randomUUID().toString(), count);
		assertThat(recorded.getStatus().value()).as(body(recorded)).isEqualTo(201);
		assertThat(JsonPath.<Integer>read(body(recorded), "$.positions")).isEqualTo(10_000);
	}

	@Test
	void a_second_run_of_a_plant_and_area_waits_for_the_first_and_the_window_is_checked() {
		EntityExchangeResult<byte[]> first = post("/v1/reconciliation/runs", OPS, null,
				"{\"plant\":\"2000\",\"area\":\"SHIPMENTS\"}");
		assertThat(first.getStatus().value()).as(body(first)).isEqualTo(202);
		String runId = JsonPath.read(body(first), "$.runId");
		assertThat(first.getResponseHeaders().getLocation()).hasToString("/v1/reconciliation/runs/" + runId);
		EntityExchangeResult<byte[]> second = post("/v1/reconciliation/runs", OPS, null,
				"{\"plant\":\"2000\",\"area\":\"SHIPMENTS\"}");
		assertProblem(second, 409, "run.alreadyRunning");
		assertThat(JsonPath.<String>read(body(second), "$.detail")).contains(runId);
		this.runs.runQueued();
		assertThat(JsonPath.<String>read(body(get("/v1/reconciliation/runs/" + runId, OPS)), "$.state"))
			.isEqualTo("FINISHED");
		assertProblem(post("/v1/reconciliation/runs", WMS, null, "{\"plant\":\"1000\",\"area\":\"SHIPMENTS\"}"), 403,
				"auth.insufficientScope");
		assertProblem(post("/v1/reconciliation/runs", OPS, null,
				"{\"plant\":\"1000\",\"area\":\"SHIPMENTS\",\"to\":\"" + Instant.now().plusSeconds(3600) + "\"}"), 400,
				"request.invalid");
		assertProblem(post("/v1/reconciliation/runs", OTHER_PLANT, null, "{\"plant\":\"1000\",\"area\":\"SHIPMENTS\"}"),
				404, "resource.notFound");
		// the runs, newest first, paged
		String page = body(get("/v1/reconciliation/runs?plant=2000&limit=1", OPS));
		assertThat(JsonPath.<String>read(page, "$.items[0].runId")).isEqualTo(runId);
	}

	@Test
	void the_lineage_of_an_order_shows_each_hop_with_its_event_and_which_is_late_or_failed() {
		ErpSimulator erp = ErpSimulator.shared();
		String[] released = releasedOperation(erp, "1000");
		String order = released[0];
		String operation = released[1];
		String unit = this.materials.material(material(erp, order)).block().baseUnit().code();
		// the release's event reached the stream ten minutes after the release
		TestKafka.shared()
			.send(ORDER_EVENTS, order, "{\"orderId\":\"" + order + "\",\"plant\":\"1000\"}",
					Map.of("ce_specversion", "1.0", "ce_id", "production-order/" + order + "/released", "ce_source",
							"/millgate/erp-change-feed", "ce_type", "dev.millgate.production-orders.order-released",
							"ce_time", Instant.now().minus(Duration.ofMinutes(10)).toString(), "ce_subject", order));
		// MES posts one through the platform; a clerk enters one in the ERP; the ERP
		// refuses
		// another posting of MES
		Map<String, Object> posted = confirm(erp, order, operation, "1", "0");
		publish(order, operation, id(posted), "1", unit);
		Map<String, Object> clerk = erp.asClerk().write(HttpMethod.POST, CONFIRMATIONS, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"1"}""".formatted(order, operation));
		TestKafka.shared()
			.send(INTEGRATION, "production-order/" + order,
					"""
							{"plant":"1000","apiProduct":"production-orders","apiVersion":"v1",
							 "apiOperation":"createConfirmation","orderId":"%s","operation":"%s","problemCode":"erp.rejected",
							 "erpMessage":{"code":"RU/503","text":"Order is locked"},"clientId":"mes-plant-1000",
							 "idempotencyKey":"k-1","correlationId":"corr-refused","refusedAt":"%s"}"""
						.formatted(order, operation, Instant.now()),
					Map.of("ce_specversion", "1.0", "ce_id", "erp-refusal/corr-refused-" + order, "ce_source",
							"/millgate/production-order-api", "ce_type", "dev.millgate.integration.erp-refusal",
							"ce_time", Instant.now().toString(), "ce_subject", "production-order/" + order));
		// a component returned from the order to stock (262), a goods movement of the
		// order
		String component = (String) erp
			.read("/sap/opu/odata/sap/API_PRODUCT_SRV/A_ProductPlant?$filter=Plant eq '1000' and "
					+ "IsBatchManagementRequired eq false&$top=1")
			.get(0)
			.get("Product");
		Map<String, Object> returned = erp.write(HttpMethod.POST, MATERIAL_DOCUMENTS, "A_MaterialDocumentHeader",
				"{\"GoodsMovementCode\":\"03\",\"to_MaterialDocumentItem\":[{\"Material\":\"" + component
						+ "\",\"Plant\":\"1000\",\"StorageLocation\":\"0001\",\"GoodsMovementType\":\"262\","
						+ "\"ManufacturingOrder\":\"" + order + "\",\"QuantityInEntryUnit\":\"1\"}]}");
		String postedId = id(posted);
		Instant deadline = Instant.now().plusSeconds(30);
		String lineage;
		while (true) {
			EntityExchangeResult<byte[]> answer = get("/v1/reconciliation/production-orders/" + order + "/lineage",
					OPS);
			assertThat(answer.getStatus().value()).as(body(answer)).isEqualTo(200);
			lineage = body(answer);
			List<String> hops = JsonPath.read(lineage, "$.hops[*].hop");
			List<Object> postedHop = JsonPath.read(lineage,
					"$.hops[?(@.confirmation.confirmationId == '" + postedId + "' && @.publishedAt != null)]");
			if (hops.contains("ERP_REFUSAL") && hops.contains("RELEASED") && !postedHop.isEmpty()) {
				break;
			}
			assertThat(Instant.now()).as("the events reached the lineage: %s", lineage).isBefore(deadline);
			pause();
		}
		Map<String, Object> release = JsonPath
			.<List<Map<String, Object>>>read(lineage, "$.hops[?(@.hop == 'RELEASED')]")
			.get(0);
		assertThat(release).containsEntry("state", "LATE")
			.containsEntry("eventId", "production-order/" + order + "/released");
		assertThat((String) release.get("reason"))
			.isEqualTo("Its event was published 10 minutes after the ERP booked it.");
		Map<String, Object> mes = JsonPath
			.<List<Map<String, Object>>>read(lineage, "$.hops[?(@.confirmation.confirmationId == '" + postedId + "')]")
			.get(0);
		assertThat(mes).containsEntry("hop", "CONFIRMED").containsEntry("state", "ON_TIME");
		assertThat(JsonPath.<Boolean>read(mes, "$.confirmation.postedThroughPlatform")).isTrue();
		assertThat(JsonPath.<String>read(mes, "$.confirmation.idempotencyKey")).isNotBlank();
		assertThat(JsonPath.<String>read(mes, "$.confirmation.correlationId")).startsWith("corr-");
		Map<String, Object> entered = JsonPath
			.<List<Map<String, Object>>>read(lineage, "$.hops[?(@.confirmation.confirmationId == '" + id(clerk) + "')]")
			.get(0);
		assertThat(JsonPath.<Boolean>read(entered, "$.confirmation.postedThroughPlatform")).isFalse();
		assertThat(entered).containsEntry("state", "PENDING").containsEntry("publishedAt", null);
		Map<String, Object> refusal = JsonPath
			.<List<Map<String, Object>>>read(lineage, "$.hops[?(@.hop == 'ERP_REFUSAL')]")
			.get(0);
		assertThat(refusal).containsEntry("state", "FAILED");
		assertThat((String) refusal.get("reason")).contains("erp.rejected").contains("RU/503").doesNotContain("locked");
		// failed: the refusal, and any confirmation posted for the order that the ERP
		// does not
		// hold (an earlier test posts one for the same order)
		List<Map<String, Object>> failed = JsonPath.read(lineage, "$.hops[?(@.state == 'FAILED')]");
		assertThat(JsonPath.<Integer>read(lineage, "$.failed")).isEqualTo(failed.size());
		assertThat(failed).allSatisfy((hop) -> assertThat(hop.get("hop")).isIn("ERP_REFUSAL", "CONFIRMED"));
		assertThat(failed).filteredOn((hop) -> "CONFIRMED".equals(hop.get("hop")))
			.allSatisfy((hop) -> assertThat((String) hop.get("reason")).contains("the ERP does not hold it"));
		// the goods movement of the order, booked in the ERP: no event yet
		List<Map<String, Object>> movements = JsonPath.read(lineage,
				"$.hops[?(@.movement.materialDocument.number == '" + returned.get("MaterialDocument") + "')]");
		assertThat(movements).singleElement().satisfies((hop) -> {
			assertThat(hop).containsEntry("hop", "COMPONENTS_ISSUED").containsEntry("state", "PENDING");
			assertThat(JsonPath.<String>read(hop, "$.movement.movementType")).isEqualTo("262");
			assertThat(JsonPath.<String>read(hop, "$.movement.material")).isEqualTo(component);
		});
		// another plant's caller, and an order that does not exist
		assertProblem(get("/v1/reconciliation/production-orders/" + order + "/lineage", OTHER_PLANT), 404,
				"resource.notFound");
		assertProblem(get("/v1/reconciliation/production-orders/999999999/lineage", OPS), 404, "resource.notFound");
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

	private String run(String area, Instant from) {
		String body = "{\"plant\":\"1000\",\"area\":\"" + area + "\""
				+ ((from != null) ? ",\"from\":\"" + from + "\"" : "") + "}";
		EntityExchangeResult<byte[]> queued = post("/v1/reconciliation/runs", OPS, null, body);
		assertThat(queued.getStatus().value()).as(body(queued)).isEqualTo(202);
		assertThat(this.runs.runQueued()).isPositive();
		String runId = JsonPath.read(body(queued), "$.runId");
		String run = body(get("/v1/reconciliation/runs/" + runId, OPS));
		assertThat(JsonPath.<String>read(run, "$.state")).as(run).isEqualTo("FINISHED");
		return runId;
	}

	private EntityExchangeResult<byte[]> report(String shipmentId, String status, Instant at) {
		return post("/v1/reconciliation/shipment-reports", WMS, UUID.randomUUID().toString(),
				"{\"shipmentId\":\"" + shipmentId + "\",\"status\":\"" + status
						+ "\",\"system\":\"WMS\",\"reporter\":\"WMS-1000\",\"reportedAt\":\"" + at + "\"}");
	}

	private String position(String material, String location, String batch, String status, BigDecimal quantity) {
		String unit = this.materials.material(material).map((m) -> m.baseUnit().code()).onErrorReturn("H87").block();
		return "{\"material\":\"" + material + "\",\"storageLocation\":\"" + location + "\",\"batch\":"
				+ ((batch == null || batch.isEmpty()) ? "null" : "\"" + batch + "\"") + ",\"stockStatus\":\"" + status
				+ "\",\"quantity\":{\"value\":" + quantity.setScale(3) + ",\"unit\":\"" + unit + "\"}}";
	}

	private void publish(String order, String operation, String confirmationId, String yield, String unit) {
		String[] parts = confirmationId.split("-");
		String data = """
				{"confirmationId":"%s","confirmationGroup":"%s","confirmationCounter":"%s","orderId":"%s",
				 "plant":"1000","material":"%s","operation":"%s","yield":{"value":%s,"unit":"%s"},
				 "scrap":{"value":0.000,"unit":"%s"},"finalConfirmation":false,"executionStart":null,
				 "executionEnd":null,"postingDate":"2026-12-05","postedAt":"%s","varianceReason":null,
				 "idempotencyKey":"%s","correlationId":"corr-%s"}""".formatted(confirmationId, parts[0], parts[1],
				order, material(ErpSimulator.shared(), order), operation, new BigDecimal(yield).setScale(3), unit, unit,
				Instant.now(), UUID.randomUUID(), UUID.randomUUID());
		TestKafka.shared()
			.send(ORDER_EVENTS, order, data,
					Map.of("ce_specversion", "1.0", "ce_id", "confirmation/" + confirmationId, "ce_source",
							"/millgate/production-order-api", "ce_type",
							"dev.millgate.production-orders.order-confirmed", "ce_time", Instant.now().toString(),
							"ce_subject", order));
	}

	private void awaitPosted(int wanted, String order) {
		Instant deadline = Instant.now().plusSeconds(30);
		while (this.store.postedFor(List.of(order)).size() < wanted) {
			assertThat(Instant.now()).as("the posted confirmations reached the service").isBefore(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static Map<String, Object> confirm(ErpSimulator erp, String order, String operation, String yield,
			String scrap) {
		return erp.write(HttpMethod.POST, CONFIRMATIONS, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"%s",
				 "ConfirmationScrapQuantity":"%s","ExternalSystemConfirmation":"%s"}""".formatted(order, operation,
				yield, scrap, UUID.randomUUID()));
	}

	private static String id(Map<String, Object> confirmation) {
		return confirmation.get("ConfirmationGroup") + "-" + confirmation.get("ConfirmationCount");
	}

	private static String material(ErpSimulator erp, String order) {
		return (String) erp.read(ORDERS + "/A_ProductionOrder_2('" + order + "')").get(0).get("Material");
	}

	private static String[] releasedOperation(ErpSimulator erp, String plant) {
		String order = (String) erp
			.read(ORDERS + "/A_ProductionOrder_2?$filter=ProductionPlant eq '" + plant + "' and OrderIsReleased eq 'X' "
					+ "and OrderIsTechnicallyCompleted eq '' and OrderIsLocked eq ''&$top=1")
			.get(0)
			.get("ManufacturingOrder");
		String operation = (String) erp
			.read(ORDERS + "/A_ProductionOrderOperation_2?$filter=ManufacturingOrder eq '" + order + "'")
			.get(0)
			.get("ManufacturingOrderOperation");
		return new String[] { order, operation };
	}

	private static String status(String type) {
		return switch (type) {
			case "01" -> "ON_HAND";
			case "02" -> "QUALITY_HOLD";
			case "04", "05", "06" -> "IN_TRANSIT";
			default -> "BLOCKED";
		};
	}

	private static String id(String material) {
		return material.replace('/', '_');
	}

	private static String batch(List<String> key) {
		return key.get(1).isEmpty() ? "-" : key.get(1);
	}

	private EntityExchangeResult<byte[]> get(String path, String token) {
		return this.client.get()
			.uri(path)
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private EntityExchangeResult<byte[]> post(String path, String token, String key, String json) {
		return this.client.post().uri(path).headers((h) -> {
			h.setBearerAuth(token);
			if (key != null) {
				h.set("Idempotency-Key", key);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectBody().returnResult();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
