package org.millgate.system.drills;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.http.HttpMethod;

import org.millgate.system.PortalSession;
import org.millgate.system.ShipmentAnnouncements;
import org.millgate.system.drills.LoadLoop.Outcome;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.platform.Platform;

/**
 * The platform's worst days, under a steady load from a bounded load loop on loopback:
 * the ERP down, the ERP slow, Redis down, a gateway instance killed while MES systems
 * retry their confirmations, the change feed killed while it publishes, a partner's
 * webhook endpoint down, and a soak. Each drill prints a one-line verdict with its
 * figures ({@code target/drills/verdicts.txt}).
 *
 * <p>
 * Bounded here (seconds per fault, a soak under a minute); {@code ./millgate drill} runs
 * the same drills at full length through the system properties
 * {@code millgate.drill.fault} (how long a fault lasts), {@code millgate.drill.soak} and
 * {@code millgate.drill.keys} (confirmations in the kill drill).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceDrillsTests {

	private static final Duration FAULT = Duration.parse(System.getProperty("millgate.drill.fault", "PT14S"));

	private static final Duration SOAK = Duration.parse(System.getProperty("millgate.drill.soak", "PT45S"));

	private static final int KEYS = Integer.getInteger("millgate.drill.keys", 24);

	/** The facade's bulkhead: concurrent ERP calls per product instance. */
	private static final int BULKHEAD = 16;

	/** The facade's circuit breaker stays open this long. */
	private static final Duration ERP_CIRCUIT_OPEN = Duration.ofSeconds(10);

	/** The gateway's response timeout per product. */
	private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(15);

	private static final List<String> MATERIALS_1000 = List.of("FG-100", "FG-110", "FG-120", "FG-130", "FG-150",
			"FG-160", "FG-190", "FG-200", "FG-210", "FG-230", "HB-400", "HB-410", "HB-420", "HB-430", "HB-440",
			"HB-450", "RM-200", "RM-210", "RM-220", "RM-230", "RM-240", "RM-270", "RM-280", "RM-310", "RM-320",
			"RM-330", "RM-340", "RM-350", "RM-370", "RM-380", "RM-410", "RM-420", "RM-430", "RM-440", "RM-450",
			"PK-500", "PK-510", "PK-520");

	/** Calls sent this close to a change of phase may see either side of it. */
	private static final long MARGIN = TimeUnit.MILLISECONDS.toNanos(500);

	private static Platform platform;

	private static List<String> orders1000;

	@BeforeAll
	static void platform() throws IOException {
		// the verdicts of this run only, not of earlier runs in the same tree
		Files.deleteIfExists(Verdict.FILE);
		platform = Platform.get();
		String mes = platform.token("mes-plant-1000");
		orders1000 = JsonPath.read(get(platform.gateway(), "/v1/production-orders?plant=1000&limit=20", mes).body(),
				"$.items[*].orderId");
	}

	@Test
	@Order(1)
	void erpDown() throws Exception {
		Verdict verdict = new Verdict("erp-down");
		String mes = platform.token("mes-plant-1000");
		LoadLoop load = new LoadLoop(10, 200, (n) -> request(platform.gateway(),
				"/v1/production-orders/" + orders1000.get((int) (n % orders1000.size())), mes));
		try {
			pause(Duration.ofSeconds(3));
			long cut = load.now();
			long refusedBefore = platform.erpLink().refused();
			platform.erpLink().cut();
			pause(FAULT.dividedBy(2));
			long secondHalf = load.now();
			long refusedHalfway = platform.erpLink().refused();
			pause(FAULT.dividedBy(2));
			long refusedAtEnd = platform.erpLink().refused();
			long restored = load.now();
			platform.erpLink().restore();
			long recovered = awaitOk(load, restored, ERP_CIRCUIT_OPEN.plusSeconds(20));
			pause(Duration.ofSeconds(3));
			long end = load.now();
			List<Outcome> all = load.stop(Duration.ofSeconds(20));
			// a call sent just before the cut may be answered during the outage
			List<Outcome> before = LoadLoop.between(all, load.startedAt(), cut - MARGIN);
			// a call sent just before the cut may still be answered; from one second on,
			// the ERP is down for every call
			List<Outcome> down = LoadLoop.between(all, cut + seconds(1), restored);
			List<Outcome> secondHalfCalls = LoadLoop.between(all, secondHalf, restored);
			List<Outcome> after = LoadLoop.between(all, (recovered > 0) ? recovered + seconds(2) : end, end);
			long refusals = LoadLoop.count(down, ResilienceDrillsTests::unavailableWithRetryAfter);
			long erpAttemptsSecondHalf = refusedAtEnd - refusedHalfway;
			verdict.figure(all.size() + " calls at 10/s")
				.figure("ERP down " + FAULT.toSeconds() + " s: " + refusals + "/" + down.size()
						+ " answered 503 with Retry-After (" + retryAfters(down) + "), p99 "
						+ ms(LoadLoop.percentile(down, 0.99)))
				.figure("ERP connection attempts " + (refusedHalfway - refusedBefore) + " in the first half, "
						+ erpAttemptsSecondHalf + " in the second (" + secondHalfCalls.size() + " client calls)")
				.figure("recovered " + ((recovered > 0) ? ms((recovered - restored) / 1e6) : "never")
						+ " after the ERP returned")
				.check("every call before the outage answered 200: " + LoadLoop.summary(before, load.startedAt()),
						allOk(before) && !before.isEmpty())
				.check("every call during the outage answered 503 with Retry-After",
						!down.isEmpty() && refusals == down.size())
				.check("the circuit opened: ERP attempts in the outage's second half under a quarter of the calls",
						erpAttemptsSecondHalf * 4 < secondHalfCalls.size())
				.check("recovered by itself within " + ERP_CIRCUIT_OPEN.plusSeconds(20).toSeconds() + " s",
						recovered > 0)
				.check("every call after recovery answered 200: " + LoadLoop.summary(after, load.startedAt()),
						!after.isEmpty() && allOk(after))
				.conclude();
		}
		finally {
			platform.erpLink().restore();
			load.close();
		}
	}

	@Test
	@Order(2)
	void erpSlow() throws Exception {
		Verdict verdict = new Verdict("erp-slow");
		String mes = platform.token("mes-plant-1000");
		String sim = platform.url("erp-simulator");
		// longer than the facade's read timeout (5 s): every read attempt times out
		long latency = 6000;
		AtomicInteger next = new AtomicInteger();
		simulator("POST", sim + "/_sim/reset", "");
		LoadLoop load = null;
		try {
			simulator("PUT", sim + "/_sim/faults/material-stock", "{\"latencyMs\":" + latency + "}");
			// distinct materials: every read a cache miss, pressing the bulkhead
			load = new LoadLoop(20, 400, (n) -> request(platform.gateway(), "/v1/inventory/availability?material="
					+ MATERIALS_1000.get(next.getAndIncrement() % MATERIALS_1000.size()) + "&plant=1000", mes));
			pause(FAULT);
			long healed = load.now();
			simulator("DELETE", sim + "/_sim/faults/material-stock", "");
			long recovered = awaitOk(load, healed, Duration.ofSeconds(30));
			// the slowest ERP call in flight when the ERP sped up ends within its
			// latency, and a call queued behind it waits at most the bulkhead's 2 s:
			// from then on, all are fast
			long settled = healed + TimeUnit.MILLISECONDS.toNanos(latency) + seconds(2);
			pause(Duration.ofNanos(Math.max(0, settled - load.now())).plusSeconds(3));
			long end = load.now();
			List<Outcome> all = load.stop(GATEWAY_TIMEOUT.plusSeconds(5));
			long unanswered = load.unanswered();
			List<Outcome> slow = LoadLoop.between(all, load.startedAt(), healed);
			long bound = GATEWAY_TIMEOUT.plusSeconds(2).toMillis();
			long late = LoadLoop.count(slow, (outcome) -> outcome.millis() > bound);
			long timeouts = LoadLoop.count(slow, (outcome) -> outcome.status() == 504 && isProblem(outcome));
			long unavailable = LoadLoop.count(slow, ResilienceDrillsTests::unavailableWithRetryAfter);
			// the gateway's capacity per product:
			// calls beyond it are shed by priority lane
			long shed = LoadLoop.count(slow, (outcome) -> outcome.status() == 429 && outcome.retryAfter() != null
					&& isProblem(outcome) && outcome.body().contains("is saturated"));
			// a call sent while the ERP was slow may still be answered 200 by a retry
			// after it sped up; none may be answered 200 while it is slow
			long okWhileSlow = LoadLoop.count(slow, (outcome) -> outcome.ok() && outcome.end() < healed);
			long okAfter = LoadLoop.count(slow, (outcome) -> outcome.ok() && outcome.end() >= healed);
			long other = slow.size() - timeouts - unavailable - shed - okWhileSlow - okAfter;
			Map<String, Long> peaks = peaks(sim);
			long stockPeak = peaks.getOrDefault("material-stock", 0L);
			List<Outcome> after = LoadLoop.between(all, settled, end);
			verdict
				.figure("ERP stock answers after " + latency + " ms for " + FAULT.toSeconds() + " s, " + slow.size()
						+ " reads of distinct materials at 20/s")
				.figure(timeouts + " answered 504, " + unavailable + " 503 with Retry-After, " + shed
						+ " 429 shed by the gateway's capacity, " + okWhileSlow + " 200 while slow, " + okAfter
						+ " 200 by a retry after it sped up, " + other + " otherwise, " + unanswered
						+ " unanswered; slowest " + ms(LoadLoop.max(slow)))
				.figure("most ERP stock calls in flight " + stockPeak + " (bulkhead " + BULKHEAD + ")")
				.figure("recovered " + ((recovered > 0) ? ms((recovered - healed) / 1e6) : "never")
						+ " after the ERP sped up")
				.check("every call answered within the gateway's timeout plus 2 s", late == 0 && unanswered == 0)
				.check("every call answered 504, 503 or shed, as problems: " + LoadLoop.summary(slow, load.startedAt()),
						other == 0 && okWhileSlow == 0)
				.check("the bulkhead reached and held its cap", stockPeak == BULKHEAD)
				.check("every read answers 200 once the slow calls are through: "
						+ LoadLoop.summary(after, load.startedAt()), recovered > 0 && !after.isEmpty() && allOk(after))
				.conclude();
		}
		finally {
			simulator("DELETE", sim + "/_sim/faults", "");
			if (load != null) {
				load.close();
			}
		}
	}

	@Test
	@Order(3)
	void redisDown() throws Exception {
		Verdict verdict = new Verdict("redis-down");
		String mes = platform.token("mes-plant-1000");
		String wms = platform.token("wms-plant-1000");
		String usage = "millgate:usage:inventory:v1:mes-plant-1000";
		try (RedisProbe redis = new RedisProbe(Platform.REDIS)) {
			// what earlier calls left in the gateway's ledger reaches Redis first
			pause(Duration.ofSeconds(2));
			long usageBefore = redis.hashNumber(usage, "requests");
			// inventory throttles fail-open, shipments fail-closed
			LoadLoop open = new LoadLoop(10, 100,
					(n) -> request(platform.gateway(), "/v1/inventory/availability?material=FG-100&plant=1000", mes));
			LoadLoop closed = new LoadLoop(5, 100, (n) -> request(platform.gateway(), "/v1/shipments/80000001", wms));
			try {
				pause(Duration.ofSeconds(3));
				String bucketBefore = bucket(redis, "shipments", "wms-plant-1000");
				long cut = open.now();
				platform.redisLink().cut();
				pause(FAULT);
				long restored = open.now();
				platform.redisLink().restore();
				long resumed = awaitOk(closed, restored, Duration.ofSeconds(30));
				pause(Duration.ofSeconds(3));
				long end = open.now();
				String bucketAfter = bucket(redis, "shipments", "wms-plant-1000");
				List<Outcome> openAll = open.stop(Duration.ofSeconds(10));
				List<Outcome> closedAll = closed.stop(Duration.ofSeconds(10));
				List<Outcome> openBefore = LoadLoop.between(openAll, open.startedAt(), cut - MARGIN);
				// the outage as the gateway sees it: from half a second after the cut
				long down = cut + MARGIN;
				List<Outcome> openDown = LoadLoop.between(openAll, down, restored);
				List<Outcome> closedBefore = LoadLoop.between(closedAll, closed.startedAt(), cut - MARGIN);
				List<Outcome> closedDown = LoadLoop.between(closedAll, down, restored);
				long after = (resumed > 0) ? resumed + seconds(1) : end;
				List<Outcome> openAfter = LoadLoop.between(openAll, after, end);
				List<Outcome> closedAfter = LoadLoop.between(closedAll, after, end);
				long refusedDown = LoadLoop.count(closedDown, ResilienceDrillsTests::unavailableWithRetryAfter);
				double addedP99 = LoadLoop.percentile(openDown, 0.99) - LoadLoop.percentile(openBefore, 0.99);
				long counted = awaitUsage(redis, usage, usageBefore + openAll.size(), Duration.ofSeconds(15))
						- usageBefore;
				verdict.figure("Redis down " + FAULT.toSeconds() + " s")
					.figure("inventory (fail-open): " + LoadLoop.count(openDown, Outcome::ok) + "/" + openDown.size()
							+ " answered 200, p99 " + ms(LoadLoop.percentile(openBefore, 0.99)) + " before, "
							+ ms(LoadLoop.percentile(openDown, 0.99)) + " during, slowest "
							+ ms(LoadLoop.max(openDown)))
					.figure("shipments (fail-closed): " + refusedDown + "/" + closedDown.size()
							+ " answered 503 with Retry-After, p99 " + ms(LoadLoop.percentile(closedDown, 0.99)))
					.figure("throttling through Redis again "
							+ ((resumed > 0) ? ms((resumed - restored) / 1e6) : "never") + " after it returned")
					.figure("usage counted " + counted + " of " + openAll.size() + " inventory calls")
					.check("every call before the outage answered 200: "
							+ LoadLoop.summary(openBefore, open.startedAt()) + ", "
							+ LoadLoop.summary(closedBefore, closed.startedAt()),
							allOk(openBefore) && allOk(closedBefore))
					.check("fail-open: every inventory call answered 200 during the outage",
							!openDown.isEmpty() && allOk(openDown))
					.check("fail-open: p99 within 100 ms of before (decisions time out at 50 ms)", addedP99 <= 100)
					.check("fail-closed: every shipments call answered 503 with Retry-After during the outage",
							!closedDown.isEmpty() && refusedDown == closedDown.size())
					.check("fail-closed refusals answered within 250 ms", LoadLoop.max(closedDown) <= 250)
					.check("throttling resumed through Redis within 10 s",
							resumed > 0 && resumed - restored <= seconds(10) && bucketAfter != null
									&& !bucketAfter.equals(bucketBefore))
					.check("every call after recovery answered 200: " + LoadLoop.summary(openAfter, open.startedAt())
							+ ", " + LoadLoop.summary(closedAfter, closed.startedAt()),
							!closedAfter.isEmpty() && allOk(openAfter) && allOk(closedAfter))
					.check("no usage lost", counted >= openAll.size())
					.conclude();
			}
			finally {
				platform.redisLink().restore();
				open.close();
				closed.close();
			}
		}
	}

	@Test
	@Order(4)
	void gatewayKilled() throws Exception {
		Verdict verdict = new Verdict("gateway-killed");
		String mes = platform.token("mes-plant-1000");
		String sim = platform.url("erp-simulator");
		String survivor = platform.gateway();
		String doomed = platform.startGateway("gateway-b");
		Room room = roomiest(mes, KEYS);
		simulator("POST", sim + "/_sim/reset", "");
		// confirmations take a moment in the ERP, so that the kill finds some in flight
		simulator("PUT", sim + "/_sim/faults/confirmations", "{\"latencyMs\":1000}");
		Map<String, String> confirmations = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
		AtomicLong cutInFlight = new AtomicLong();
		AtomicLong refusedAfter = new AtomicLong();
		AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
		AtomicLong inFlightAnswers = new AtomicLong();
		AtomicLong replays = new AtomicLong();
		AtomicInteger answered = new AtomicInteger();
		int answeredAtKill;
		CountDownLatch third = new CountDownLatch(Math.max(1, KEYS / 3));
		AtomicBoolean killed = new AtomicBoolean();
		ExecutorService mesClients = Executors.newFixedThreadPool(6);
		try {
			for (int i = 0; i < KEYS; i++) {
				String key = "drill-" + UUID.randomUUID();
				mesClients.submit(() -> {
					// a plant's load balancer: gateway-b
					// until it is gone, then the survivor
					long deadline = System.nanoTime() + seconds(120);
					while (System.nanoTime() < deadline) {
						String base = killed.get() ? survivor : doomed;
						long sent = System.nanoTime();
						HttpResponse<String> response;
						try {
							response = platform.send(room.confirmation(base, mes, key));
						}
						catch (RuntimeException ex) {
							// cut while in flight, or refused by the dead instance
							((sent < killedAt.get()) ? cutInFlight : refusedAfter).incrementAndGet();
							pause(Duration.ofMillis(100));
							continue;
						}
						if (response.statusCode() == 201) {
							confirmations.put(key, JsonPath.read(response.body(), "$.confirmationId"));
							if (response.headers().firstValue("Idempotency-Replayed").isPresent()) {
								replays.incrementAndGet();
							}
							answered.incrementAndGet();
							third.countDown();
							return;
						}
						if (response.statusCode() == 409 || response.statusCode() == 503
								|| response.statusCode() == 504) {
							inFlightAnswers.incrementAndGet();
							pause(Duration.ofMillis(200));
							continue;
						}
						unexpected.add(response.statusCode() + " " + response.body());
						return;
					}
					unexpected.add(key + " not confirmed within 120 s");
				});
			}
			third.await(120, TimeUnit.SECONDS);
			killedAt.set(System.nanoTime());
			platform.kill("gateway-b");
			answeredAtKill = answered.get();
			killed.set(true);
			mesClients.shutdown();
			mesClients.awaitTermination(180, TimeUnit.SECONDS);
		}
		finally {
			mesClients.shutdownNow();
			platform.kill("gateway-b");
			simulator("DELETE", sim + "/_sim/faults", "");
		}
		Room after = room(room.orderId(), room.operation(), mes);
		long booked = Math.round(after.confirmedYield() - room.confirmedYield());
		long posts = erpCount(sim, "confirmations", "POST");
		verdict.figure(KEYS + " confirmations by 6 MES clients, gateway-b killed after " + answeredAtKill + " answers")
			.figure(cutInFlight.get() + " calls cut in flight by the kill, " + refusedAfter.get()
					+ " refused by the dead instance, " + inFlightAnswers.get() + " answers to retry later, "
					+ replays.get() + " replayed")
			.figure(confirmations.size() + " keys confirmed, " + booked + " booked in the ERP, " + posts
					+ " ERP confirmation POSTs")
			.check("the kill cut calls in flight", cutInFlight.get() > 0)
			.check("every key confirmed (none lost): " + unexpected,
					confirmations.size() == KEYS && unexpected.isEmpty())
			.check("each key has a confirmation of its own",
					Set.copyOf(confirmations.values()).size() == confirmations.size())
			.check("exactly one ERP confirmation per key", booked == KEYS)
			.conclude();
	}

	@Test
	@Order(5)
	void changeFeedKilled() throws Exception {
		Verdict verdict = new Verdict("change-feed-killed");
		ErpSimulator erp = ErpSimulator.at(platform.url("erp-simulator"));
		// a stock line with room for transfers back and forth between two storage
		// locations: the ERP's stock stays as it was, every transfer is an event
		Map<String, Object> stock = erp
			.read("/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod"
					+ "?$filter=Plant eq '1000' and InventoryStockType eq '01' and Batch eq ''"
					+ " and InventorySpecialStockType eq '' and MatlWrhsStkQtyInMatlBaseUnit ge 10M&$top=1")
			.get(0);
		String material = (String) stock.get("Material");
		String here = (String) stock.get("StorageLocation");
		String there = here.equals("0001") ? "0002" : "0001";
		int documents = Math.max(60, KEYS * 10);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < documents; i++) {
			String from = (i % 2 == 0) ? here : there;
			String to = (i % 2 == 0) ? there : here;
			Map<String, Object> document = erp.write(HttpMethod.POST, "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV",
					"A_MaterialDocumentHeader", """
							{"to_MaterialDocumentItem":{"results":[{"Material":"%s","Plant":"1000",
							 "StorageLocation":"%s","IssuingOrReceivingStorageLoc":"%s","GoodsMovementType":"311",
							 "QuantityInEntryUnit":"1"}]}}""".formatted(material, from, to));
			ids.add("material-document/" + document.get("MaterialDocumentYear") + "/" + document.get("MaterialDocument")
					+ "/0001");
		}
		Set<String> wanted = Set.copyOf(ids);
		Map<String, Integer> seen = new ConcurrentHashMap<>();
		// pages of material documents come slowly, so that the kill falls between them
		// (ChangeFeedTests kills a feed inside a page's transaction)
		String sim = platform.url("erp-simulator");
		simulator("PUT", sim + "/_sim/faults/material-documents", "{\"latencyMs\":300}");
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = new Thread(() -> consume("millgate.inventory.events.v1", wanted, seen, reading),
				"drill-consumer");
		consumer.start();
		try {
			// killed once some of the movements are published and before all are
			long deadline = System.nanoTime() + seconds(120);
			while (seen.size() < Math.max(1, documents / 10) && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(20));
			}
			int atKill = seen.size();
			platform.kill("change-feed");
			long killed = System.nanoTime();
			pause(Duration.ofSeconds(2));
			int whileDead = seen.size();
			platform.restart("change-feed");
			long restarted = System.nanoTime();
			deadline = System.nanoTime() + seconds(120);
			while (seen.size() < documents && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(50));
			}
			long caughtUp = System.nanoTime();
			pause(Duration.ofSeconds(2));
			reading.set(false);
			consumer.join(10_000);
			long twice = seen.values().stream().filter((count) -> count > 1).count();
			verdict.figure(documents + " transfers posted; the feed killed after " + atKill + " of their events")
				.figure(whileDead + " published while it was dead")
				.figure("restarted in " + TimeUnit.NANOSECONDS.toMillis(restarted - killed) + " ms, all published "
						+ TimeUnit.NANOSECONDS.toMillis(caughtUp - restarted) + " ms later")
				.figure(seen.size() + "/" + documents + " events, " + twice + " twice")
				.check("the feed was killed in the middle of the movements", atKill < documents)
				.check("every movement's event, after the restart", seen.size() == documents)
				.check("no event twice for a read-committed consumer", twice == 0);
		}
		finally {
			reading.set(false);
			simulator("DELETE", sim + "/_sim/faults/material-documents", null);
			try {
				platform.restart("change-feed");
			}
			catch (IllegalStateException running) {
				// as it should be
			}
		}
		verdict.conclude();
	}

	/**
	 * A partner's webhook endpoint down for the length of a fault while its shipment is
	 * announced ready again and again (quality puts a batch back into inspection and
	 * releases it): once the endpoint is back, every announcement arrives, in the order
	 * it was published, none twice.
	 */
	@Test
	@Order(7)
	void webhookEndpointDown() throws Exception {
		Verdict verdict = new Verdict("webhook-endpoint-down");
		int port;
		try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = reserved.getLocalPort();
		}
		PortalSession partner = PortalSession.signIn(platform.url("developer-portal"), "acme-dev");
		partner.get("/webhooks");
		HttpResponse<String> created = partner.post("/webhooks", "url", "http://127.0.0.1:" + port + "/acme/shipments",
				"type", "dev.millgate.shipments.ready-for-shipment");
		String webhook = created.uri().getPath().substring("/webhooks/".length());
		long createdAt = System.nanoTime();
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer endpoint = null;
		try (ShipmentAnnouncements announcements = new ShipmentAnnouncements(platform)) {
			List<String> wanted = new ArrayList<>();
			int cycles = (int) Math.max(2, FAULT.toSeconds() / 7);
			for (int cycle = 0; cycle < cycles; cycle++) {
				wanted.add(announcements.announceAgain());
			}
			// down for the length of a fault, then back
			long downFor = FAULT.toNanos() - (System.nanoTime() - createdAt);
			if (downFor > 0) {
				pause(Duration.ofNanos(downFor));
			}
			endpoint = webhookEndpoint(port, received);
			long back = System.nanoTime();
			long outage = back - createdAt;
			long deadline = back + TimeUnit.MINUTES.toNanos(3);
			while (!received.containsAll(wanted) && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(100));
			}
			long delivered = System.nanoTime();
			pause(Duration.ofSeconds(2));
			String page = partner.get("/webhooks/" + webhook).body();
			int failed = page.split("not reachable", -1).length - 1;
			List<String> ours = received.stream().filter(wanted::contains).toList();
			long twice = ours.size() - Set.copyOf(ours).size();
			verdict
				.figure(wanted.size() + " announcements of shipment 80000001 while the endpoint was down "
						+ TimeUnit.NANOSECONDS.toSeconds(outage) + " s")
				.figure(failed + " failed attempts recorded, all delivered "
						+ TimeUnit.NANOSECONDS.toMillis(delivered - back) + " ms after the endpoint returned")
				.figure(ours.size() + " deliveries, " + twice + " twice")
				.check("the portal tried and recorded the failures", failed > 0)
				.check("every announcement delivered, in the order published: " + ours + " of " + wanted,
						ours.stream().distinct().toList().equals(wanted))
				.check("none delivered twice", twice == 0);
		}
		finally {
			if (endpoint != null) {
				endpoint.stop(0);
			}
			partner.post("/webhooks/" + webhook + "/delete", "confirm", "yes");
		}
		verdict.conclude();
	}

	/**
	 * Kafka down (the broker killed) while MES posts confirmations: every booking answers
	 * 201, and once the broker is back every booking's {@code order-confirmed} event
	 * arrives, none twice.
	 */
	@Test
	@Order(8)
	void kafkaDownWhileConfirming() throws Exception {
		Verdict verdict = new Verdict("kafka-down");
		String mes = platform.token("mes-plant-1000");
		int keys = Math.max(10, KEYS / 2);
		Room room = roomiest(mes, keys);
		List<String> booked = new ArrayList<>();
		List<String> unexpected = new ArrayList<>();
		platform.kill("event-broker");
		long down = System.nanoTime();
		for (int i = 0; i < keys; i++) {
			HttpResponse<String> answer = platform
				.send(room.confirmation(platform.gateway(), mes, "kafka-down-" + UUID.randomUUID()));
			if (answer.statusCode() == 201) {
				booked.add("confirmation/" + JsonPath.read(answer.body(), "$.confirmationId"));
			}
			else {
				unexpected.add(answer.statusCode() + " " + answer.body());
			}
		}
		long left = FAULT.toNanos() - (System.nanoTime() - down);
		if (left > 0) {
			pause(Duration.ofNanos(left));
		}
		platform.restart("event-broker");
		long back = System.nanoTime();
		Map<String, Integer> seen = new ConcurrentHashMap<>();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread consumer = new Thread(
				() -> consume("millgate.production-orders.events.v1", Set.copyOf(booked), seen, reading),
				"drill-consumer");
		consumer.start();
		try {
			long deadline = System.nanoTime() + seconds(120);
			while (!seen.keySet().containsAll(booked) && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(100));
			}
			long arrived = System.nanoTime();
			pause(Duration.ofSeconds(3));
			reading.set(false);
			consumer.join(10_000);
			long twice = seen.values().stream().filter((count) -> count > 1).count();
			verdict
				.figure(keys + " confirmations posted with Kafka down " + TimeUnit.NANOSECONDS.toSeconds(back - down)
						+ " s: " + booked.size() + " booked (201)")
				.figure(seen.size() + "/" + booked.size() + " events " + TimeUnit.NANOSECONDS.toMillis(arrived - back)
						+ " ms after Kafka returned, " + twice + " twice")
				.check("every confirmation booked while Kafka was down: " + unexpected,
						booked.size() == keys && unexpected.isEmpty())
				.check("every booking's event after Kafka returned", seen.keySet().containsAll(booked))
				.check("no event twice", twice == 0);
		}
		finally {
			reading.set(false);
		}
		verdict.conclude();
	}

	/**
	 * Poison messages on a topic the platform consumes: two records on the shipments
	 * topic, keyed by shipment 80000001, that are no events (no CloudEvents headers; a
	 * value that is no JSON), then the shipment announced ready again. The portal's
	 * webhook intake dead-letters both (an {@code integration} event-dead-lettered each,
	 * naming where they are) and delivers the announcement behind them; the events over
	 * HTTP through the gateway pass over them and carry the announcement.
	 */
	@Test
	@Order(9)
	void poisonMessage() throws Exception {
		Verdict verdict = new Verdict("poison-message");
		String shipments = "millgate.shipments.events.v1";
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer endpoint = webhookEndpoint(0, received);
		PortalSession partner = PortalSession.signIn(platform.url("developer-portal"), "acme-dev");
		partner.get("/webhooks");
		HttpResponse<String> created = partner.post("/webhooks", "url",
				"http://127.0.0.1:" + endpoint.getAddress().getPort() + "/acme/shipments", "type",
				"dev.millgate.shipments.ready-for-shipment");
		String webhook = created.uri().getPath().substring("/webhooks/".length());
		try (ShipmentAnnouncements announcements = new ShipmentAnnouncements(platform);
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", platform.kafkaBootstrap(), "acks", "all"), new StringSerializer(),
						new StringSerializer())) {
			String poisonId = "drill/poison/" + UUID.randomUUID();
			RecordMetadata bare = producer
				.send(new ProducerRecord<>(shipments, ShipmentAnnouncements.SHIPMENT, "this is not an event"))
				.get(30, TimeUnit.SECONDS);
			ProducerRecord<String, String> broken = new ProducerRecord<>(shipments, ShipmentAnnouncements.SHIPMENT,
					"{\"shipmentId\":\"" + ShipmentAnnouncements.SHIPMENT + "\",");
			Map.of("ce_specversion", "1.0", "ce_id", poisonId, "ce_source", "/drill", "ce_type",
					"dev.millgate.shipments.ready-for-shipment", "ce_subject", ShipmentAnnouncements.SHIPMENT,
					"ce_time", Instant.now().toString())
				.forEach((name, value) -> broken.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
			RecordMetadata unreadable = producer.send(broken).get(30, TimeUnit.SECONDS);
			long poisoned = System.nanoTime();

			String wanted = announcements.announceAgain();
			long deadline = System.nanoTime() + seconds(90);
			while (!received.contains(wanted) && System.nanoTime() < deadline) {
				pause(Duration.ofMillis(100));
			}
			long delivered = System.nanoTime();
			Set<Long> offsets = Set.of(bare.offset(), unreadable.offset());
			List<String> letters = deadLetters(shipments, bare.partition(), offsets);
			// the events over HTTP: ACME's, read from the start of the topic through the
			// gateway
			String acme = platform.token("partner-acme");
			List<String> statuses = new ArrayList<>();
			List<String> ids = new ArrayList<>();
			String cursor = null;
			for (int page = 0; page < 50 && !ids.contains(wanted); page++) {
				HttpResponse<String> answer = platform.send(HttpRequest
					.newBuilder(URI.create(platform.gateway() + "/v1/shipments/events?limit=100&wait=1"
							+ ((cursor != null) ? "&cursor=" + cursor : "")))
					.header("Authorization", "Bearer " + acme)
					.build());
				statuses.add(Integer.toString(answer.statusCode()));
				if (answer.statusCode() != 200) {
					break;
				}
				ids.addAll(JsonPath.read(answer.body(), "$.items[*].id"));
				cursor = JsonPath.read(answer.body(), "$.nextCursor");
			}
			verdict.figure("2 poison records on " + shipments + "-" + bare.partition() + " at offsets " + offsets)
				.figure(letters.size() + " dead-lettered by the portal's intake (integration event-dead-lettered)")
				.figure("the announcement behind them delivered to ACME's webhook "
						+ TimeUnit.NANOSECONDS.toMillis(delivered - poisoned) + " ms after the poison")
				.figure("events over HTTP: " + statuses.size() + " pages, answers " + Set.copyOf(statuses))
				.check("both poison records dead-lettered with their place: " + letters, letters.size() == 2)
				.check("the announcement behind them delivered to the webhook", received.contains(wanted))
				.check("the events over HTTP answered 200 and carry the announcement, not the poison",
						Set.copyOf(statuses).equals(Set.of("200")) && ids.contains(wanted) && !ids.contains(poisonId));
		}
		finally {
			endpoint.stop(0);
			partner.post("/webhooks/" + webhook + "/delete", "confirm", "yes");
		}
		verdict.conclude();
	}

	// ACME's webhook endpoint at /acme/shipments, noting each delivery's webhook-id
	private static HttpServer webhookEndpoint(int port, List<String> received) throws IOException {
		HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		endpoint.createContext("/acme/shipments", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		endpoint.start();
		return endpoint;
	}

	// the integration events that dead-letter the records at these offsets, as a
	// read-committed consumer sees them within a minute
	private static List<String> deadLetters(String topic, int partition, Set<Long> offsets) {
		List<String> found = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", platform.kafkaBootstrap(), "group.id", "drill-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("millgate.integration.events.v1"));
			long deadline = System.nanoTime() + seconds(60);
			while (found.size() < offsets.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					Header type = record.headers().lastHeader("ce_type");
					if (type == null || !"dev.millgate.integration.event-dead-lettered"
						.equals(new String(type.value(), StandardCharsets.UTF_8))) {
						continue;
					}
					String letteredTopic = JsonPath.read(record.value(), "$.topic");
					int letteredPartition = JsonPath.read(record.value(), "$.partition");
					Number offset = JsonPath.read(record.value(), "$.offset");
					if (topic.equals(letteredTopic) && letteredPartition == partition
							&& offsets.contains(offset.longValue())) {
						found.add(offset + ": " + JsonPath.read(record.value(), "$.reason") + " ("
								+ JsonPath.read(record.value(), "$.consumer.id") + ")");
					}
				}
			}
		}
		return found;
	}

	// counts the events of the wanted ids, as a consumer of the platform's events
	// does: committed records only
	private static void consume(String topic, Set<String> wanted, Map<String, Integer> seen, AtomicBoolean reading) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", platform.kafkaBootstrap(), "group.id", "drill-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			while (reading.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					Header id = record.headers().lastHeader("ce_id");
					String text = (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : "";
					if (wanted.contains(text)) {
						seen.merge(text, 1, Integer::sum);
					}
				}
			}
		}
	}

	@Test
	@Order(6)
	void soak() throws Exception {
		Verdict verdict = new Verdict("soak");
		String mes = platform.token("mes-plant-1000");
		String wms = platform.token("wms-plant-1000");
		Room room = roomiest(mes, 1);
		String key = "soak-" + UUID.randomUUID();
		HttpRequest confirmation = room.confirmation(platform.gateway(), mes, key);
		HttpResponse<String> first = platform.send(confirmation);
		List<String> services = List.of("gateway", "production-order-api", "inventory-api", "shipment-api");
		// a plant's steady mix: availability, orders,
		// shipments and a repeated confirmation
		LoadLoop load = new LoadLoop(20, 200, (n) -> switch ((int) (n % 4)) {
			case 0 -> request(platform.gateway(), "/v1/inventory/availability?material="
					+ MATERIALS_1000.get((int) (n / 4 % MATERIALS_1000.size())) + "&plant=1000", mes);
			case 1 -> request(platform.gateway(),
					"/v1/production-orders/" + orders1000.get((int) (n / 4 % orders1000.size())), mes);
			case 2 -> request(platform.gateway(), "/v1/shipments/80000001", wms);
			default -> confirmation;
		});
		Duration warmUp = (SOAK.compareTo(Duration.ofMinutes(4)) > 0) ? Duration.ofMinutes(1) : SOAK.dividedBy(4);
		Map<String, Long> heapBefore = new LinkedHashMap<>();
		Map<String, Long> heapAfter = new LinkedHashMap<>();
		List<Outcome> all;
		try {
			pause(warmUp);
			services.forEach((service) -> heapBefore.put(service, Heap.afterFullGc(platform, service)));
			pause(SOAK.minus(warmUp));
			all = load.stop(Duration.ofSeconds(20));
			services.forEach((service) -> heapAfter.put(service, Heap.afterFullGc(platform, service)));
		}
		finally {
			load.close();
		}
		List<Outcome> errors = all.stream().filter((outcome) -> !outcome.ok()).toList();
		List<String> grown = new ArrayList<>();
		StringBuilder heaps = new StringBuilder();
		for (String service : services) {
			long before = heapBefore.get(service);
			long after = heapAfter.get(service);
			heaps.append((heaps.length() > 0) ? ", " : "")
				.append(service)
				.append(' ')
				.append(before >> 20)
				.append("→")
				.append(after >> 20)
				.append(" MiB");
			// a leak grows with every call; noise of a few MiB (caches filling) does not
			if (after > before + before / 10 + (4 << 20)) {
				grown.add(service);
			}
		}
		verdict
			.figure(all.size() + " calls in " + SOAK.toSeconds() + " s at 20/s, " + errors.size() + " errors, p99 "
					+ ms(LoadLoop.percentile(all, 0.99)) + ", " + load.skipped() + " ticks skipped")
			.figure("heap after full GC, after warm-up → at the end: " + heaps)
			.check("the first confirmation was booked", first.statusCode() == 201)
			.check("error rate 0" + (errors.isEmpty() ? "" : " (first: " + errors.get(0) + ")"), errors.isEmpty())
			.check("no heap growth beyond 10 % + 4 MiB: " + grown, grown.isEmpty())
			.conclude();
	}

	/**
	 * An operation of a released order in plant 1000 and how much it can still take.
	 */
	private record Room(String orderId, String operation, String unit, double confirmedYield, double room) {

		/**
		 * A confirmation of one unit of yield, as MES posts it.
		 */
		HttpRequest confirmation(String base, String token, String key) {
			String body = "{\"operation\":\"" + this.operation + "\",\"yieldQuantity\":1,\"scrapQuantity\":0,"
					+ "\"unit\":\"" + this.unit + "\",\"finalConfirmation\":false}";
			return HttpRequest.newBuilder(URI.create(base + "/v1/production-orders/" + this.orderId + "/confirmations"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		}

	}

	private static Room roomiest(String token, int needed) {
		List<String> released = JsonPath.read(
				get(platform.gateway(), "/v1/production-orders?plant=1000&status=RELEASED&limit=50", token).body(),
				"$.items[*].orderId");
		Room best = null;
		for (String orderId : released) {
			String order = get(platform.gateway(), "/v1/production-orders/" + orderId, token).body();
			List<Map<String, Object>> operations = JsonPath.read(order, "$.routing.operations[*]");
			for (Map<String, Object> operation : operations) {
				if ("CONFIRMED".equals(operation.get("status"))) {
					continue;
				}
				Room room = room(orderId, operation);
				if (best == null || room.room() > best.room()) {
					best = room;
				}
			}
		}
		if (best == null || best.room() < needed) {
			throw new IllegalStateException("No released order in plant 1000 takes " + needed + " more: " + best);
		}
		return best;
	}

	private static Room room(String orderId, String operation, String token) {
		String order = get(platform.gateway(), "/v1/production-orders/" + orderId, token).body();
		List<Map<String, Object>> operations = JsonPath.read(order,
				"$.routing.operations[?(@.operation == '" + operation + "')]");
		return room(orderId, operations.get(0));
	}

	private static Room room(String orderId, Map<String, Object> operation) {
		double planned = ((Number) operation.get("plannedQuantity")).doubleValue();
		double yield = ((Number) operation.get("confirmedYieldQuantity")).doubleValue();
		double scrap = ((Number) operation.get("confirmedScrapQuantity")).doubleValue();
		return new Room(orderId, (String) operation.get("operation"), (String) operation.get("unit"), yield,
				planned - yield - scrap);
	}

	private static long erpCount(String sim, String service, String kind) {
		String stats = simulator("GET", sim + "/_sim/stats", null);
		Map<String, Map<String, Number>> services = JsonPath.read(stats, "$");
		Map<String, Number> kinds = services.getOrDefault(service, Map.of());
		return kinds.containsKey(kind) ? kinds.get(kind).longValue() : 0;
	}

	// the bucket of this platform's issuer (earlier runs leave theirs until they expire)
	private static String bucket(RedisProbe redis, String product, String client) {
		@SuppressWarnings("unchecked")
		List<Object> keys = (List<Object>) redis.command("KEYS",
				"millgate:throttle:" + product + ":*:" + platform.url("identity") + ":" + client);
		// the time of its last refill: moves with every decision taken in Redis
		return keys.isEmpty() ? null : (String) redis.command("HGET", (String) keys.get(0), "bt");
	}

	private static long awaitUsage(RedisProbe redis, String key, long expected, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		long counted = redis.hashNumber(key, "requests");
		while (counted < expected && System.nanoTime() < deadline) {
			pause(Duration.ofMillis(250));
			counted = redis.hashNumber(key, "requests");
		}
		return counted;
	}

	private static long seconds(long seconds) {
		return TimeUnit.SECONDS.toNanos(seconds);
	}

	// --- helpers -----------------------------------------------------------------------

	/**
	 * Waits until an answer sent after {@code from} is 200.
	 * @return the send time of that answer, or 0 when none came in time
	 */
	private static long awaitOk(LoadLoop load, long from, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			long first = load.firstOkSince(from);
			if (first > 0) {
				return first;
			}
			pause(Duration.ofMillis(100));
		}
		return 0;
	}

	private static boolean unavailableWithRetryAfter(Outcome outcome) {
		return outcome.status() == 503 && outcome.retryAfter() != null && outcome.retryAfter().matches("\\d+")
				&& isProblem(outcome);
	}

	private static boolean isProblem(Outcome outcome) {
		return outcome.body() != null && outcome.body().contains("\"code\":\"")
				&& outcome.body().contains("\"correlationId\":\"");
	}

	private static boolean allOk(List<Outcome> outcomes) {
		return outcomes.stream().allMatch(Outcome::ok);
	}

	private static String retryAfters(List<Outcome> outcomes) {
		return "Retry-After " + String.join("/",
				outcomes.stream()
					.map(Outcome::retryAfter)
					.filter((value) -> value != null)
					.distinct()
					.sorted()
					.toList())
				+ " s";
	}

	private static String ms(double millis) {
		return (millis >= 1000) ? String.format("%.1f s", millis / 1000) : String.format("%.0f ms", millis);
	}

	private static Map<String, Long> peaks(String sim) {
		String stats = simulator("GET", sim + "/_sim/stats", null);
		Map<String, Long> peaks = new TreeMap<>();
		Map<String, Map<String, Number>> services = JsonPath.read(stats, "$");
		services.forEach((service, kinds) -> peaks.put(service,
				kinds.containsKey("peakConcurrent") ? kinds.get("peakConcurrent").longValue() : 0L));
		return peaks;
	}

	private static String simulator(String method, String url, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json");
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = platform.send(request.build());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static HttpRequest request(String base, String path, String token) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
	}

	static HttpResponse<String> get(String base, String path, String token) {
		return platform.send(request(base, path, token));
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
