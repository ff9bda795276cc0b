package org.millgate.changefeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.changefeed.feed.ChangeFeed;
import org.millgate.changefeed.feed.FeedEvent;
import org.millgate.changefeed.feed.FeedState;
import org.millgate.changefeed.feed.Source;
import org.millgate.changefeed.sources.ConfirmationChanges;
import org.millgate.changefeed.sources.OrderChanges;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.EnteredConfirmation;
import org.millgate.erp.port.Confirmations;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.events.EventContracts;
import org.millgate.testing.events.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed against the ERP simulator and a real Kafka: what the ERP holds and what
 * changes in it becomes the contracts' events, once each for a read-committed consumer,
 * also when a feed dies in the middle of a page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "millgate.change-feed.settle=1s", "millgate.change-feed.interval=200ms",
				"millgate.change-feed.erp-calls-per-minute=1200", "millgate.change-feed.page-size=50" })
class ChangeFeedTests {

	private static final String ORDERS = "millgate.production-orders.events.v1";

	private static final String INVENTORY = "millgate.inventory.events.v1";

	private static final String WATERMARKS = "millgate.change-feed.watermarks";

	private static final String SHIPMENTS = "millgate.shipments.events.v1";

	private static final String STATE = "millgate.change-feed.state";

	// a transfer posting of one piece of a batch on shipment 80000001 (321 quality
	// inspection to unrestricted, 322 back)
	private static final String QUALITY_DECISION = """
			{"to_MaterialDocumentItem":{"results":[{"Material":"FG-130","Plant":"1000","StorageLocation":"0003",
			 "Batch":"FC260201","GoodsMovementType":"%s","QuantityInEntryUnit":"1"}]}}""";

	private static final String ORDER_SERVICE = "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV";

	private static final String DOCUMENT_SERVICE = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private static final String CONFIRMATION_SERVICE = "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV";

	private static final Duration WITHIN = Duration.ofSeconds(60);

	@Autowired
	ChangeFeed feed;

	@Autowired
	ChangeFeedSettings settings;

	@Autowired
	ChangeFeedConfiguration.Erp erp;

	@LocalServerPort
	int port;

	@BeforeAll
	static void erp() {
		ErpSimulator.shared();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("millgate.erp.base-url", () -> ErpSimulator.shared().baseUrl());
		registry.add("millgate.change-feed.kafka-bootstrap", () -> TestKafka.shared().bootstrap());
	}

	@Test
	void the_orders_the_erp_released_are_announced_once_each_valid_by_the_contract() {
		List<Map<String, Object>> released = ErpSimulator.shared()
			.read(ORDER_SERVICE + "/A_ProductionOrder_2?$filter=OrderIsReleased eq 'X' and "
					+ "(ProductionPlant eq '1000' or ProductionPlant eq '2000')&$top=5000");
		assertThat(released).as("the seed has released orders").isNotEmpty();

		List<ConsumerRecord<String, String>> events = read(ORDERS, (records) -> released.stream()
			.allMatch((order) -> has(records, "production-order/" + order.get("ManufacturingOrder") + "/released")));

		for (Map<String, Object> order : released) {
			String id = (String) order.get("ManufacturingOrder");
			assertThat(events).as("the release of %s", id)
				.filteredOn((record) -> ("production-order/" + id + "/released").equals(id(record)))
				.singleElement()
				.satisfies((record) -> {
					assertThat(record.key()).isEqualTo(id);
					assertThat(EventContracts.headers(record)).containsEntry("ce_source", "/millgate/erp-change-feed")
						.containsEntry("ce_subject", id);
					assertThat((String) JsonPath.read(record.value(), "$.plant"))
						.isEqualTo(order.get("ProductionPlant"));
				});
		}
		assertOncePerIdAndValid("production-orders", events);
	}

	@Test
	void a_release_movements_a_confirmation_and_a_technical_completion_in_the_erp_become_events_in_order() {
		ErpSimulator erp = ErpSimulator.shared();
		String order = (String) erp
			.read(ORDER_SERVICE + "/A_ProductionOrder_2?$filter=ProductionPlant eq '1000' and OrderIsReleased eq '' "
					+ "and OrderIsMarkedForDeletion eq '' and OrderIsLocked eq ''&$top=1")
			.get(0)
			.get("ManufacturingOrder");

		erp.write(HttpMethod.POST, ORDER_SERVICE, "ReleaseOrder?ManufacturingOrder='" + order + "'", "");
		// a component withdrawn for the order and some stock scrapped, in one document
		Map<String, Object> stock = erp
			.read("/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod"
					+ "?$filter=Plant eq '1000' and InventoryStockType eq '01' and Batch eq ''"
					+ " and InventorySpecialStockType eq '' and MatlWrhsStkQtyInMatlBaseUnit ge 10M&$top=1")
			.get(0);
		Map<String, Object> document = erp.write(HttpMethod.POST, DOCUMENT_SERVICE, "A_MaterialDocumentHeader", """
				{"GoodsMovementCode":"03","to_MaterialDocumentItem":{"results":[
				{"Material":"%1$s","Plant":"1000","StorageLocation":"%2$s","GoodsMovementType":"261",
				 "ManufacturingOrder":"%3$s","QuantityInEntryUnit":"1"},
				{"Material":"%1$s","Plant":"1000","StorageLocation":"%2$s","GoodsMovementType":"551",
				 "GoodsMovementReasonCode":"0001","QuantityInEntryUnit":"1"}]}}""".formatted(stock.get("Material"),
				stock.get("StorageLocation"), order));
		String number = (String) document.get("MaterialDocument");
		String year = (String) document.get("MaterialDocumentYear");
		erp.write(HttpMethod.POST, ORDER_SERVICE, "TechlyCmpltOrder?ManufacturingOrder='" + order + "'", "");

		List<ConsumerRecord<String, String>> orderEvents = read(ORDERS,
				(records) -> has(records, "production-order/" + order + "/technically-completed"));
		ConsumerRecord<String, String> release = only(orderEvents, "production-order/" + order + "/released");
		ConsumerRecord<String, String> completion = only(orderEvents,
				"production-order/" + order + "/technically-completed");
		assertThat(release.partition()).isEqualTo(completion.partition());
		assertThat(release.offset()).as("the release before the technical completion").isLessThan(completion.offset());
		assertThat(EventContracts.violations("production-orders", "v1", release)).isEmpty();
		assertThat(EventContracts.violations("production-orders", "v1", completion)).isEmpty();
		// what a confirmation's event waits for: the feed's watermark passes the release
		Instant released = Instant.parse(EventContracts.headers(release).get("ce_time"));
		assertThat(read(WATERMARKS, (records) -> records.stream()
			.anyMatch((record) -> "orders".equals(record.key()) && !Instant.parse(record.value()).isBefore(released))))
			.isNotEmpty();

		String prefix = "material-document/" + year + "/" + number + "/";
		List<ConsumerRecord<String, String>> movementEvents = read(INVENTORY,
				(records) -> has(records, prefix + "0001") && has(records, prefix + "0002"));
		ConsumerRecord<String, String> issue = only(movementEvents, prefix + "0001");
		assertThat(EventContracts.headers(issue)).containsEntry("ce_type",
				"dev.millgate.inventory.goods-issued-to-order");
		assertThat(issue.key()).isEqualTo("1000/" + stock.get("Material"));
		assertThat((String) JsonPath.read(issue.value(), "$.orderId")).isEqualTo(order);
		assertThat((String) JsonPath.read(issue.value(), "$.fromStockStatus")).isEqualTo("ON_HAND");
		assertThat((Object) JsonPath.read(issue.value(), "$.toStockStatus")).isNull();
		ConsumerRecord<String, String> scrap = only(movementEvents, prefix + "0002");
		assertThat(EventContracts.headers(scrap)).containsEntry("ce_type", "dev.millgate.inventory.scrap-posted");
		assertThat((String) JsonPath.read(scrap.value(), "$.reason")).isEqualTo("0001");
		assertThat(scrap.value()).contains("\"quantity\":{\"value\":1.000,");
		assertOncePerIdAndValid("inventory", movementEvents);
	}

	@Test
	void a_confirmation_s_backflush_and_goods_receipt_become_inventory_events_of_its_order() {
		ErpSimulator erp = ErpSimulator.shared();
		// a released order of plant 1000 with operations, confirmed on its last one
		Map<String, Object> order = erp
			.read(ORDER_SERVICE + "/A_ProductionOrder_2?$filter=ProductionPlant eq '1000' and OrderIsReleased eq 'X' "
					+ "and OrderIsTechnicallyCompleted eq '' and OrderIsLocked eq ''&$top=1")
			.get(0);
		String id = (String) order.get("ManufacturingOrder");
		List<Map<String, Object>> operations = erp
			.read(ORDER_SERVICE + "/A_ProductionOrderOperation_2?$filter=ManufacturingOrder eq '" + id + "'");
		String last = operations.stream()
			.map((operation) -> (String) operation.get("ManufacturingOrderOperation"))
			.max(String::compareTo)
			.orElseThrow();
		long before = countOf(INVENTORY);

		erp.write(HttpMethod.POST, "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV", "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"2"}""".formatted(id, last));

		List<ConsumerRecord<String, String>> events = read(
				INVENTORY, (
						records) -> records.size() > before
								&& records.stream()
									.anyMatch((record) -> ("dev.millgate.inventory.goods-received")
										.equals(EventContracts.headers(record).get("ce_type"))
											&& record.value().contains(id)));
		ConsumerRecord<String, String> receipt = events.stream()
			.filter((record) -> "dev.millgate.inventory.goods-received"
				.equals(EventContracts.headers(record).get("ce_type")) && record.value().contains("\"" + id + "\""))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat((String) JsonPath.read(receipt.value(), "$.movementType")).isEqualTo("101");
		assertThat((String) JsonPath.read(receipt.value(), "$.toStockStatus")).isEqualTo("ON_HAND");
		assertThat(receipt.value()).contains("\"quantity\":{\"value\":2.000,");
		assertThat(receipt.key()).isEqualTo("1000/" + order.get("Material"));
		assertOncePerIdAndValid("inventory", events);
	}

	@Test
	void a_confirmation_reversed_in_the_erp_becomes_its_confirmation_reversed_event() {
		ErpSimulator erp = ErpSimulator.shared();
		String[] released = releasedOperation(erp, "2000");
		String order = released[0];
		String operation = released[1];
		Map<String, Object> confirmed = erp.write(HttpMethod.POST, CONFIRMATION_SERVICE, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"3",
				 "ConfirmationScrapQuantity":"1"}""".formatted(order, operation));
		String group = (String) confirmed.get("ConfirmationGroup");
		String counter = (String) confirmed.get("ConfirmationCount");

		Map<String, Object> reversal = erp.write(HttpMethod.POST, CONFIRMATION_SERVICE,
				"CancelProdnOrdConf?ConfirmationGroup='" + group + "'&ConfirmationCount='" + counter + "'", "");

		String id = "confirmation/" + group + "-" + counter + "/reversed";
		ConsumerRecord<String, String> event = only(read(ORDERS, (records) -> has(records, id)), id);
		assertThat(event.key()).isEqualTo(order);
		assertThat(EventContracts.headers(event)).containsEntry("ce_type",
				"dev.millgate.production-orders.confirmation-reversed");
		assertThat((String) JsonPath.read(event.value(), "$.confirmationId")).isEqualTo(group + "-" + counter);
		assertThat((String) JsonPath.read(event.value(), "$.reversalConfirmationId")).startsWith(group + "-")
			.isNotEqualTo(group + "-" + counter);
		assertThat((String) JsonPath.read(event.value(), "$.plant")).isEqualTo("2000");
		assertThat(event.value()).contains("\"yield\":{\"value\":3.000,").contains("\"scrap\":{\"value\":1.000,");
		assertThat(EventContracts.violations("production-orders", "v1", event)).isEmpty();
		assertThat(reversal).isNotNull();
	}

	@Test
	void confirmations_entered_in_the_erp_become_order_confirmed_events_each_after_its_order_s_release() {
		ErpSimulator erp = ErpSimulator.shared();
		// the seed's confirmations: by MES's own ERP user and by clerks, none through the
		// API
		List<Map<String, Object>> entered = erp.read(CONFIRMATION_SERVICE
				+ "/ProdnOrdConf2?$filter=IsReversal eq false and (Plant eq '1000' or Plant eq '2000') "
				+ "and EnteredByUser ne 'MILLGATE'&$top=5000");
		assertThat(entered).as("the seed has confirmations entered in the ERP").isNotEmpty();
		// and one the Production Orders API books (its ERP user is the simulator's)
		String[] released = releasedOperation(erp, "1000");
		String order = released[0];
		String operation = released[1];
		Map<String, Object> booked = erp.write(HttpMethod.POST, CONFIRMATION_SERVICE, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"1"}""".formatted(order, operation));
		String api = "confirmation/" + booked.get("ConfirmationGroup") + "-" + booked.get("ConfirmationCount");
		Instant bookedAt = Instant.now();
		// and one a clerk enters in the ERP itself, now
		entered = new ArrayList<>(entered);
		entered.add(erp.asClerk().write(HttpMethod.POST, CONFIRMATION_SERVICE, "ProdnOrdConf2", """
				{"OrderID":"%s","OrderOperation":"%s","ConfirmationYieldQuantity":"2",
				 "ConfirmationScrapQuantity":"1","VarianceReasonCode":"0001"}""".formatted(order, operation)));

		List<String> ids = entered.stream()
			.map((row) -> "confirmation/" + row.get("ConfirmationGroup") + "-" + row.get("ConfirmationCount"))
			.toList();
		List<ConsumerRecord<String, String>> events = read(ORDERS,
				(records) -> ids.stream().allMatch((id) -> has(records, id)));
		for (Map<String, Object> row : entered) {
			String id = "confirmation/" + row.get("ConfirmationGroup") + "-" + row.get("ConfirmationCount");
			ConsumerRecord<String, String> event = only(events, id);
			String orderId = (String) row.get("OrderID");
			assertThat(event.key()).isEqualTo(orderId);
			assertThat(EventContracts.headers(event)).containsEntry("ce_type",
					"dev.millgate.production-orders.order-confirmed");
			assertThat((Object) JsonPath.read(event.value(), "$.idempotencyKey")).as("not posted through the API")
				.isNull();
			assertThat((String) JsonPath.read(event.value(), "$.plant")).isEqualTo(row.get("Plant"));
			ConsumerRecord<String, String> release = only(events, "production-order/" + orderId + "/released");
			assertThat(release.partition()).isEqualTo(event.partition());
			assertThat(release.offset()).as("the release of %s before its confirmation %s", orderId, id)
				.isLessThan(event.offset());
		}
		assertOncePerIdAndValid("production-orders", events);

		// the API's own booking: the feed has read past it and left its event to the API
		read(WATERMARKS,
				(records) -> records.stream()
					.anyMatch((record) -> "confirmations".equals(record.key())
							&& Instant.parse(record.value()).isAfter(bookedAt)));
		assertThat(read(ORDERS, (records) -> true, Duration.ofSeconds(1))).as("no feed event of %s", api)
			.noneMatch((record) -> api.equals(id(record)));
	}

	@Test
	void a_confirmation_whose_order_changed_again_before_the_feed_read_it_brings_its_order_s_release_first() {
		ChangeFeedConfiguration.Erp erp = this.erp;
		OrderChanges orders = new OrderChanges(erp.orders(), this.settings.plants(), 50, Duration.ZERO, null,
				this.settings::zoneOf, ORDERS, "v1");
		ConfirmationChanges confirmations = new ConfirmationChanges(erp.confirmations(), erp.orders(), orders,
				Set.of("MILLGATE"), this.settings.plants(), 20, Duration.ZERO, null, this.settings::zoneOf, ORDERS,
				"v1");
		// the orders are read up to now, yet none of their releases is known: each order
		// changed again after its release
		FeedState state = FeedState.of(Map.of("position/orders", Instant.now() + "|999999999999"));

		Source.Poll poll = confirmations.poll(state, Instant.now(), "test");

		List<String> published = poll.events().stream().map(FeedEvent::id).toList();
		assertThat(published).as("releases and confirmations").isNotEmpty();
		assertThat(published).doesNotHaveDuplicates();
		for (FeedEvent event : poll.events()) {
			if (event.id().startsWith("confirmation/")) {
				assertThat(published.indexOf("production-order/" + event.key() + "/released"))
					.as("the release of %s before %s", event.key(), event.id())
					.isBetween(0, published.indexOf(event.id()));
			}
		}
		long releases = published.stream().filter((id) -> id.endsWith("/released")).count();
		assertThat(poll.calls()).as("one call for the page, one per order read").isEqualTo(1 + (int) releases);
		assertThat(poll.updates()).containsKey("position/confirmations");
	}

	@Test
	void confirmations_read_a_few_at_a_time_are_those_read_many_at_a_time_also_where_several_share_an_entry_time() {
		List<EnteredConfirmation> many = readEntered(100);
		assertThat(many.stream().map((entered) -> entered.confirmation().enteredAt()).distinct().count())
			.as("the seed has confirmations sharing an entry time")
			.isLessThan(many.size());
		List<String> ids = many.stream().map((entered) -> entered.confirmation().id()).toList();
		assertThat(ids).doesNotHaveDuplicates();

		assertThat(readEntered(3)).as("three at a time, the ERP going on after the last one read")
			.extracting((entered) -> entered.confirmation().id())
			.containsExactlyElementsOf(ids);
	}

	// every confirmation of the plants, read page by page as the feed reads them
	private List<EnteredConfirmation> readEntered(int pageSize) {
		List<EnteredConfirmation> all = new ArrayList<>();
		Confirmations.EntryKey after = null;
		for (int page = 0; page < 10_000; page++) {
			List<EnteredConfirmation> read = this.erp.confirmations()
				.entered(this.settings.plants(), after, pageSize)
				.block(Duration.ofMinutes(1));
			if (read.isEmpty()) {
				return all;
			}
			all.addAll(read);
			Confirmation last = read.get(read.size() - 1).confirmation();
			after = new Confirmations.EntryKey(last.enteredAt(), last.id(), false);
		}
		throw new AssertionError("more than 10,000 pages of confirmations");
	}

	@Test
	void a_shipment_is_announced_ready_once_its_checks_pass_and_again_after_a_quality_decision_withdrew_it() {
		ErpSimulator erp = ErpSimulator.shared();
		String ready = "shipment/80000001/ready/";
		List<ConsumerRecord<String, String>> first = read(SHIPMENTS,
				(records) -> records.stream().anyMatch((record) -> id(record).startsWith(ready))
						&& has(records, "shipment/80000002/shipped"));
		assertThat(first).as("80000001 is ready: picked, packed, its batches released, nothing blocks it")
			.filteredOn((record) -> id(record).startsWith(ready))
			.singleElement()
			.satisfies((record) -> {
				assertThat(record.key()).isEqualTo("80000001");
				assertThat((Boolean) JsonPath.read(record.value(), "$.checks.qualityReleased")).isTrue();
				assertThat((String) JsonPath.read(record.value(), "$.items[0].batch")).startsWith("FC2602");
			});
		assertThat(first).as("80000002 was issued before the feed first saw it: shipped, never announced ready")
			.noneMatch((record) -> id(record).startsWith("shipment/80000002/ready/"));
		assertThat(first).as("80000003 is still being picked").noneMatch((record) -> "80000003".equals(record.key()));
		assertOncePerIdAndValid("shipments", first);

		// quality puts some of a batch back into inspection: no longer ready
		erp.write(HttpMethod.POST, DOCUMENT_SERVICE, "A_MaterialDocumentHeader", QUALITY_DECISION.formatted("322"));
		read(STATE,
				(records) -> records.stream()
					.filter((record) -> "shipment/80000001".equals(record.key()))
					.reduce((one, other) -> other)
					.map((record) -> record.value() != null && !record.value().contains("R"))
					.orElse(false));
		// and releases it again: ready again, announced again with an id of its own
		erp.write(HttpMethod.POST, DOCUMENT_SERVICE, "A_MaterialDocumentHeader", QUALITY_DECISION.formatted("321"));

		List<ConsumerRecord<String, String>> events = read(SHIPMENTS,
				(records) -> records.stream().filter((record) -> id(record).startsWith(ready)).count() == 2);
		List<ConsumerRecord<String, String>> announced = events.stream()
			.filter((record) -> id(record).startsWith(ready))
			.toList();
		assertThat(announced).extracting(ChangeFeedTests::id).doesNotHaveDuplicates();
		assertOncePerIdAndValid("shipments", events);
	}

	@Test
	void a_feed_that_dies_in_the_middle_of_a_page_loses_and_repeats_nothing() throws Exception {
		ErpSimulator erp = ErpSimulator.shared();
		// everything so far published: the feed's own position is where the drill starts
		this.feed.stop();
		try {
			Map<String, Object> stock = erp
				.read("/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod"
						+ "?$filter=Plant eq '2000' and InventoryStockType eq '01' and Batch eq ''"
						+ " and InventorySpecialStockType eq '' and MatlWrhsStkQtyInMatlBaseUnit ge 10M&$top=1")
				.get(0);
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Map<String, Object> document = erp.write(HttpMethod.POST, DOCUMENT_SERVICE, "A_MaterialDocumentHeader",
						"""
								{"to_MaterialDocumentItem":{"results":[{"Material":"%s","Plant":"2000",
								 "StorageLocation":"%s","GoodsMovementType":"551","QuantityInEntryUnit":"1"}]}}"""
							.formatted(stock.get("Material"), stock.get("StorageLocation")));
				ids.add("material-document/" + document.get("MaterialDocumentYear") + "/"
						+ document.get("MaterialDocument") + "/0001");
			}
			Thread.sleep(this.settings.settle().toMillis() + 200);

			// the first feed hangs after two of the three events, its transaction open
			ChangeFeed dying = ChangeFeedConfiguration.feed(this.settings, this.erp, new SimpleMeterRegistry(),
					Clock.systemUTC());
			CountDownLatch hanging = new CountDownLatch(1);
			dying.hangAfter(2, hanging::countDown);
			AtomicReference<Throwable> died = new AtomicReference<>();
			Thread dyingThread = new Thread(() -> {
				try {
					dying.round();
				}
				catch (Throwable ex) {
					died.set(ex);
				}
			}, "dying-feed");
			dyingThread.start();
			assertThat(hanging.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).as("the feed hangs mid-transaction")
				.isTrue();
			assertThat(read(INVENTORY, (records) -> false, Duration.ofSeconds(2)))
				.as("nothing of an open transaction is read")
				.noneMatch((record) -> ids.contains(id(record)));

			// its successor fences it, aborts what it left open and publishes every
			// change
			ChangeFeed successor = ChangeFeedConfiguration.feed(this.settings, this.erp, new SimpleMeterRegistry(),
					Clock.systemUTC());
			successor.round();
			dyingThread.interrupt();
			dyingThread.join(30_000);
			assertThat(died.get()).as("the first feed, woken, cannot go on").isNotNull();
			dying.stop();
			successor.stop();

			List<ConsumerRecord<String, String>> events = read(INVENTORY,
					(records) -> ids.stream().allMatch((id) -> has(records, id)));
			for (String id : ids) {
				assertThat(events).as("the event %s, once", id)
					.filteredOn((record) -> id.equals(id(record)))
					.hasSize(1);
			}
			assertOncePerIdAndValid("inventory", events);
			assertThat(successor.status().fenced()).isFalse();
		}
		finally {
			this.feed.start();
		}
	}

	@Test
	void the_changes_made_while_kafka_was_away_are_published_once_it_is_back() throws InterruptedException {
		ErpSimulator erp = ErpSimulator.shared();
		TestKafka kafka = TestKafka.shared();
		Map<String, Object> stock = erp
			.read("/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod"
					+ "?$filter=Plant eq '2000' and InventoryStockType eq '01' and Batch eq ''"
					+ " and InventorySpecialStockType eq '' and MatlWrhsStkQtyInMatlBaseUnit ge 10M&$top=1")
			.get(0);
		List<String> ids = new ArrayList<>();
		kafka.stop();
		try {
			for (int i = 0; i < 3; i++) {
				Map<String, Object> document = erp.write(HttpMethod.POST, DOCUMENT_SERVICE, "A_MaterialDocumentHeader",
						"""
								{"to_MaterialDocumentItem":{"results":[{"Material":"%s","Plant":"2000",
								 "StorageLocation":"%s","GoodsMovementType":"551","QuantityInEntryUnit":"1"}]}}"""
							.formatted(stock.get("Material"), stock.get("StorageLocation")));
				ids.add("material-document/" + document.get("MaterialDocumentYear") + "/"
						+ document.get("MaterialDocument") + "/0001");
			}
			// the feed finds them and cannot publish: it says so and waits
			long deadline = System.nanoTime() + WITHIN.toNanos();
			while (this.feed.status().failure() == null && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(this.feed.status().failure()).as("the feed reports that it cannot publish").isNotNull();
		}
		finally {
			kafka.start();
		}
		List<ConsumerRecord<String, String>> events = read(INVENTORY,
				(records) -> ids.stream().allMatch((id) -> has(records, id)));
		for (String id : ids) {
			assertThat(events).as("the event %s, once", id).filteredOn((record) -> id.equals(id(record))).hasSize(1);
		}
		assertOncePerIdAndValid("inventory", events);
	}

	@Test
	void the_health_says_where_the_feed_is_and_how_much_it_asks_of_the_erp() {
		read(ORDERS, (records) -> !records.isEmpty());
		WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.changeFeed.status")
			.isEqualTo("UP")
			.jsonPath("$.components.changeFeed.details.erpCallsPerMinute")
			.isEqualTo(1200)
			.jsonPath("$.components.changeFeed.details.sources.orders.position")
			.isNotEmpty()
			.jsonPath("$.components.changeFeed.details.sources['material-documents'].position")
			.isNotEmpty();
		assertThat(this.feed.status().erpCallsLastMinute()).isBetween(1, 1200);
	}

	// a released order of a plant that takes confirmations, and its first operation
	private static String[] releasedOperation(ErpSimulator erp, String plant) {
		String order = (String) erp
			.read(ORDER_SERVICE + "/A_ProductionOrder_2?$filter=ProductionPlant eq '" + plant
					+ "' and OrderIsReleased eq 'X' "
					+ "and OrderIsTechnicallyCompleted eq '' and OrderIsLocked eq ''&$top=1")
			.get(0)
			.get("ManufacturingOrder");
		String operation = (String) erp
			.read(ORDER_SERVICE + "/A_ProductionOrderOperation_2?$filter=ManufacturingOrder eq '" + order + "'")
			.get(0)
			.get("ManufacturingOrderOperation");
		return new String[] { order, operation };
	}

	private static void assertOncePerIdAndValid(String product, List<ConsumerRecord<String, String>> events) {
		Map<String, Integer> counts = new HashMap<>();
		for (ConsumerRecord<String, String> record : events) {
			if (!"/millgate/erp-change-feed".equals(EventContracts.headers(record).get("ce_source"))) {
				continue;
			}
			counts.merge(id(record), 1, Integer::sum);
			assertThat(EventContracts.violations(product, "v1", record)).as("%s %s", id(record), record.value())
				.isEmpty();
		}
		assertThat(counts).as("every change published once").allSatisfy((id, count) -> assertThat(count).isOne());
	}

	private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String id) {
		List<ConsumerRecord<String, String>> found = records.stream()
			.filter((record) -> id.equals(id(record)))
			.toList();
		assertThat(found).as("the event %s, once", id).hasSize(1);
		return found.get(0);
	}

	private static boolean has(List<ConsumerRecord<String, String>> records, String id) {
		return records.stream().anyMatch((record) -> id.equals(id(record)));
	}

	private static String id(ConsumerRecord<String, String> record) {
		return EventContracts.headers(record).get("ce_id");
	}

	private static long countOf(String topic) {
		return read(topic, (records) -> false, Duration.ofSeconds(1)).size();
	}

	private static List<ConsumerRecord<String, String>> read(String topic,
			Predicate<List<ConsumerRecord<String, String>>> enough) {
		List<ConsumerRecord<String, String>> records = read(topic, enough, WITHIN);
		assertThat(enough.test(records))
			.as("the awaited events on %s within %s (%d records)", topic, WITHIN, records.size())
			.isTrue();
		return records;
	}

	private static List<ConsumerRecord<String, String>> read(String topic,
			Predicate<List<ConsumerRecord<String, String>>> enough, Duration within) {
		return TestKafka.shared().readUntil(topic, enough, within);
	}

}
