package org.millgate.portal.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.millgate.testing.events.EventContracts;
import org.millgate.testing.events.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.millgate.portal.PortalSignIns.partner;

/**
 * Partner webhooks end to end in one portal: shipment events on a real Kafka broker, a
 * partner's endpoint on loopback, real PostgreSQL. Deliveries are signed (checked here by
 * the Standard Webhooks reference library when ./millgate test provides it, and by the
 * specification's formula), carry only the partner's own shipments, go out in order per
 * shipment, are retried, dead-lettered with an integration event after the last attempt,
 * re-queued, replayed by the partner from a time and by an operator from an event; a
 * rotated secret signs beside the new one; bad input is refused with the reason.
 */
@SpringBootTest(properties = { "spring.profiles.active=demo", "millgate.portal.webhooks.enabled=true",
		"millgate.portal.webhooks.retry-delays=200ms,400ms,800ms", "millgate.portal.webhooks.poll-interval=100ms",
		"millgate.portal.webhooks.timeout=2s", "millgate.portal.webhooks.per-partner=8",
		"millgate.portal.webhooks.metrics-interval=100ms" })
@AutoConfigureMockMvc
class WebhooksTests {

	static final String TOPIC = "millgate.shipments.events.v1";

	static final String INTEGRATION = "millgate.integration.events.v1";

	static final String TYPE = "dev.millgate.shipments.";

	// partners and ship-to parties of this run only: the database outlives it
	static final String PARTNER = "W" + random(7);

	static final String SHIP_TO = "9" + random(7);

	static final String OTHER_PARTNER = "W" + random(7);

	static final String OTHER_SHIP_TO = "9" + random(7);

	// replays reach back in time: a partner of their own
	static final String REPLAYING_PARTNER = "W" + random(7);

	static final String REPLAYING_SHIP_TO = "9" + random(7);

	// a replay while a delivery is under way: a partner of its own too
	static final String RACING_PARTNER = "W" + random(7);

	static final String RACING_SHIP_TO = "9" + random(7);

	static final Duration WITHIN = Duration.ofSeconds(30);

	static final ObjectMapper JSON = new ObjectMapper();

	static Receiver receiver;

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestKafka kafka = TestKafka.shared();
		kafka.createTopic(TOPIC, 3);
		registry.add("millgate.portal.webhooks.kafka-bootstrap", kafka::bootstrap);
		registry.add("millgate.portal.webhooks.partner-ship-tos." + PARTNER + "[0]", () -> SHIP_TO);
		registry.add("millgate.portal.webhooks.partner-ship-tos." + OTHER_PARTNER + "[0]", () -> OTHER_SHIP_TO);
		registry.add("millgate.portal.webhooks.partner-ship-tos." + REPLAYING_PARTNER + "[0]", () -> REPLAYING_SHIP_TO);
		registry.add("millgate.portal.webhooks.partner-ship-tos." + RACING_PARTNER + "[0]", () -> RACING_SHIP_TO);
	}

	@BeforeAll
	static void endpoint() throws IOException {
		receiver = new Receiver();
	}

	@AfterAll
	static void stop() {
		receiver.close();
	}

	@Test
	void delivers_the_partners_own_shipment_events_signed_and_in_order() throws Exception {
		String webhook = create(PARTNER, "/own", List.of(TYPE + "ready-for-shipment", TYPE + "shipped"));
		String secret = secret(PARTNER, webhook);
		String other = create(OTHER_PARTNER, "/other", List.of(TYPE + "ready-for-shipment"));
		String shipment = shipment();
		String foreign = shipment();

		publish(shipment, "ready-for-shipment", SHIP_TO);
		publish(foreign, "ready-for-shipment", OTHER_SHIP_TO);
		publish(shipment, "shipped", SHIP_TO);
		publish(shipment, "delivered", SHIP_TO);

		List<Receiver.Received> own = receiver.await("/own", (requests) -> requests.size() >= 2, WITHIN);
		assertThat(own).extracting((request) -> type(request))
			.containsExactly(TYPE + "ready-for-shipment", TYPE + "shipped");
		Receiver.Received first = own.get(0);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
		assertThat(first.headers().get("content-type")).startsWith("application/cloudevents+json");
		JsonNode event = JSON.readTree(first.body());
		assertThat(event.path("id").asText()).isEqualTo(first.headers().get("webhook-id"));
		assertThat(event.path("specversion").asText()).isEqualTo("1.0");
		assertThat(event.path("subject").asText()).isEqualTo(shipment);
		assertThat(event.path("data").path("shipTo").asText()).isEqualTo(SHIP_TO);
		assertThat(first.body()).as("the data as published, its decimals kept").contains("\"value\":42.000");
		assertThat(Math.abs(Long.parseLong(first.headers().get("webhook-timestamp")) - Instant.now().getEpochSecond()))
			.isLessThan(60);
		assertThat(signedBy(first, secret)).as("signature by the specification's formula").isTrue();
		assertThat(signedBy(first, Signatures.newSecret())).isFalse();
		verifiedByTheReferenceLibrary(first, secret);

		// the other partner's webhook has the foreign shipment only
		List<Receiver.Received> others = receiver.await("/other", (requests) -> requests.size() >= 1, WITHIN);
		assertThat(JSON.readTree(others.get(0).body()).path("subject").asText()).isEqualTo(foreign);
		assertThat(receiver.at("/own")).noneMatch((request) -> request.body().contains(foreign));
		// a type not chosen is not sent
		Thread.sleep(500);
		assertThat(receiver.at("/own")).hasSize(2);

		String page = pageOnceItShows("/webhooks/" + webhook, PARTNER, "2</span> delivered");
		assertThat(page).contains(first.headers().get("webhook-id"));
		assertThat(status(get("/webhooks/" + webhook), OTHER_PARTNER)).as("another partner's").isEqualTo(404);
		assertThat(page(get("/webhooks"), OTHER_PARTNER)).contains(other).doesNotContain(webhook);
	}

	@Test
	void failed_attempts_are_retried_one_shipment_in_order_and_dead_lettered_after_the_last() throws Exception {
		// fails twice, then takes everything
		AtomicInteger failures = new AtomicInteger(2);
		receiver.answer("/flaky", () -> (failures.getAndDecrement() > 0) ? 503 : 200);
		String flaky = create(PARTNER, "/flaky", List.of(TYPE + "ready-for-shipment", TYPE + "shipped"));
		String shipment = shipment();
		String ready = publish(shipment, "ready-for-shipment", SHIP_TO);
		String shipped = publish(shipment, "shipped", SHIP_TO);

		List<Receiver.Received> flakyRequests = receiver.await("/flaky",
				(requests) -> requests.stream().filter(Receiver.Received::accepted).count() >= 2, WITHIN);
		assertThat(flakyRequests).extracting((request) -> request.headers().get("webhook-id") + " " + request.status())
			.as("the shipped event waits until the ready event is through")
			.containsExactly(ready + " 503", ready + " 503", ready + " 200", shipped + " 200");
		Duration firstRetry = Duration.between(flakyRequests.get(0).at(), flakyRequests.get(1).at());
		Duration secondRetry = Duration.between(flakyRequests.get(1).at(), flakyRequests.get(2).at());
		assertThat(firstRetry).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(secondRetry).as("backing off").isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(pageOnceItShows("/webhooks/" + flaky, PARTNER, "2</span> delivered")).contains("<span>503</span>",
				"<span>200</span>");

		// down for good: dead after the fourth attempt, and the shipment's next event
		// goes on
		AtomicInteger down = new AtomicInteger(500);
		receiver.answer("/down", down::get);
		String webhook = create(PARTNER, "/down", List.of(TYPE + "ready-for-shipment", TYPE + "shipped"));
		String other = shipment();
		String lost = publish(other, "ready-for-shipment", SHIP_TO);
		receiver.await("/down", (requests) -> requests.size() >= 4, WITHIN);
		ConsumerRecord<String, String> deadLetter = deadLetter(lost);
		assertThat(EventContracts.violations("integration", "v1", deadLetter)).isEmpty();
		JsonNode data = JSON.readTree(deadLetter.value());
		assertThat(data.path("consumer").path("kind").asText()).isEqualTo("WEBHOOK_SUBSCRIPTION");
		assertThat(data.path("consumer").path("id").asText()).isEqualTo(webhook);
		assertThat(data.path("reason").asText()).isEqualTo("DELIVERY_FAILED");
		assertThat(data.path("attempts").asInt()).isEqualTo(4);
		assertThat(data.path("topic").asText()).isEqualTo(TOPIC);
		assertThat(deadLetter.key()).isEqualTo("shipment/" + other);
		String page = pageOnceItShows("/webhooks/" + webhook, PARTNER, "1</span> dead");
		assertThat(page).contains("state-dead");
		assertThat(receiver.at("/down")).hasSize(4);
		// and the operators' metrics say so, per subscription
		await(() -> deliveries(webhook, "DEAD") == 1.0, "the metric of the dead delivery");
		assertThat(deliveries(webhook, "PENDING")).isZero();
		assertThat(this.meters.find("millgate.portal.webhook.oldest.pending").tag("webhook", webhook).gauge())
			.isNotNull();

		// an endpoint that does not listen: no answer, and why
		int closed;
		try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = reserved.getLocalPort();
		}
		MockHttpServletRequestBuilder unreachable = post("/webhooks").with(csrf())
			.param("url", "http://127.0.0.1:" + closed + "/gone")
			.param("type", TYPE + "delivered");
		String gone = as(PARTNER, unreachable).getResponse().getRedirectedUrl();
		publish(shipment(), "delivered", SHIP_TO);
		assertThat(pageOnceItShows(gone, PARTNER, "no answer")).contains("(not reachable");

		// back: a re-queued dead delivery goes out
		down.set(204);
		long deliveryId = Long.parseLong(page.replaceAll("(?s).*/deliveries/([0-9]+)/requeue.*", "$1"));
		MvcResult requeued = as(PARTNER,
				post("/webhooks/" + webhook + "/deliveries/" + deliveryId + "/requeue").with(csrf()));
		assertThat(requeued.getFlashMap().get("notice")).isEqualTo("Delivery queued again.");
		List<Receiver.Received> after = receiver.await("/down",
				(requests) -> requests.stream().anyMatch(Receiver.Received::accepted), WITHIN);
		assertThat(after.get(after.size() - 1).headers().get("webhook-id")).isEqualTo(lost);
		MvcResult again = as(PARTNER,
				post("/webhooks/" + webhook + "/deliveries/" + deliveryId + "/requeue").with(csrf()));
		assertThat(again.getFlashMap().get("error")).asString().contains("Only a dead delivery");
	}

	private double deliveries(String webhook, String state) {
		Gauge gauge = this.meters.find("millgate.portal.webhook.deliveries")
			.tag("webhook", webhook)
			.tag("state", state)
			.gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("%s within %s", what, WITHIN).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	@Test
	void a_replay_while_the_event_is_being_delivered_sends_it_again() throws Exception {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
		String webhook = create(RACING_PARTNER, "/racing", List.of(TYPE + "delivered"));
		CountDownLatch underWay = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// the endpoint holds the first delivery's answer until the replay is queued
		receiver.answer("/racing", () -> {
			underWay.countDown();
			try {
				release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return 204;
		});
		String delivered = publish(shipment(), "delivered", RACING_SHIP_TO);
		assertThat(underWay.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).as("the delivery under way").isTrue();

		MvcResult replayed = as(RACING_PARTNER, post("/webhooks/" + webhook + "/replay").with(csrf())
			.param("from", LocalDateTime.ofInstant(before, ZoneOffset.UTC).toString()));
		release.countDown();

		assertThat(replayed.getFlashMap().get("notice")).asString().startsWith("1 event since");
		List<Receiver.Received> requests = receiver.await("/racing", (all) -> all.size() >= 2, WITHIN);
		assertThat(requests).extracting((request) -> request.headers().get("webhook-id"))
			.as("the replay is not undone by the answer to the delivery it overtook")
			.containsExactly(delivered, delivered);
	}

	@Test
	void the_partner_replays_from_a_time_and_an_operator_from_an_event() throws Exception {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
		String webhook = create(REPLAYING_PARTNER, "/replay", List.of(TYPE + "shipped", TYPE + "delivered"));
		String shipment = shipment();
		String shipped = publish(shipment, "shipped", REPLAYING_SHIP_TO);
		String delivered = publish(shipment, "delivered", REPLAYING_SHIP_TO);
		receiver.await("/replay", (requests) -> requests.size() >= 2, WITHIN);

		MvcResult replayed = as(REPLAYING_PARTNER, post("/webhooks/" + webhook + "/replay").with(csrf())
			.param("from", LocalDateTime.ofInstant(before, ZoneOffset.UTC).toString()));
		assertThat(replayed.getFlashMap().get("notice")).asString().startsWith("2 events since");
		List<Receiver.Received> requests = receiver.await("/replay", (all) -> all.size() >= 4, WITHIN);
		assertThat(requests).extracting((request) -> request.headers().get("webhook-id"))
			.containsExactly(shipped, delivered, shipped, delivered);

		MvcResult operator = this.mvc.perform(operator(webhook, "event", delivered)).andReturn();
		assertThat(operator.getResponse().getStatus()).isEqualTo(200);
		assertThat(operator.getResponse().getContentAsString()).contains("\"queued\":1");
		assertThat(receiver.await("/replay", (all) -> all.size() >= 5, WITHIN).get(4).headers().get("webhook-id"))
			.isEqualTo(delivered);
		assertThat(this.mvc.perform(operator(webhook, "event", "no-such-event")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(
				this.mvc.perform(operator(webhook, "from", "yesterday")).andReturn().getResponse().getContentAsString())
			.contains("from is no instant");
		assertThat(this.mvc.perform(operator(webhook, "event", delivered).with((request) -> {
			request.setRemoteAddr("198.18.0.7");
			return request;
		})).andReturn().getResponse().getStatus()).as("from another host").isIn(401, 403, 404);
		assertThat(this.mvc.perform(get("/actuator/webhooks")).andReturn().getResponse().getContentAsString())
			.contains(webhook);

		MvcResult future = as(REPLAYING_PARTNER, post("/webhooks/" + webhook + "/replay").with(csrf())
			.param("from", LocalDateTime.now(ZoneOffset.UTC).plusDays(1).toString()));
		assertThat(future.getFlashMap().get("error")).asString().contains("in the future");
		MvcResult garbage = as(REPLAYING_PARTNER,
				post("/webhooks/" + webhook + "/replay").with(csrf()).param("from", "soon"));
		assertThat(garbage.getFlashMap().get("error")).asString().contains("date and time");
	}

	@Test
	void a_rotated_secret_signs_beside_the_new_one_during_the_overlap() throws Exception {
		String webhook = create(PARTNER, "/rotate", List.of(TYPE + "ready-for-shipment"));
		String old = secret(PARTNER, webhook);
		MvcResult rotated = as(PARTNER, post("/webhooks/" + webhook + "/rotate").with(csrf()));
		assertThat(rotated.getFlashMap().get("notice")).asString().contains("New signing secret");
		String current = secret(PARTNER, webhook);
		assertThat(current).isNotEqualTo(old).startsWith("whsec_");
		assertThat(page(get("/webhooks/" + webhook), PARTNER)).contains("previous secret signs too");

		publish(shipment(), "ready-for-shipment", SHIP_TO);
		Receiver.Received request = receiver.await("/rotate", (requests) -> !requests.isEmpty(), WITHIN).get(0);
		assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2);
		assertThat(signedBy(request, current)).isTrue();
		assertThat(signedBy(request, old)).isTrue();
		verifiedByTheReferenceLibrary(request, old);
	}

	@Test
	void a_record_that_is_no_event_is_set_aside_and_the_rest_flows() throws Exception {
		create(PARTNER, "/poison", List.of(TYPE + "ready-for-shipment"));
		TestKafka.shared().send(TOPIC, "garbage", "not json at all");
		String shipment = shipment();
		String ready = publish(shipment, "ready-for-shipment", SHIP_TO);
		assertThat(
				receiver.await("/poison", (requests) -> !requests.isEmpty(), WITHIN).get(0).headers().get("webhook-id"))
			.isEqualTo(ready);
		List<ConsumerRecord<String, String>> integration = TestKafka.shared()
			.readUntil(INTEGRATION,
					(records) -> records.stream().anyMatch((record) -> record.value().contains("UNREADABLE")), WITHIN);
		ConsumerRecord<String, String> unreadable = integration.stream()
			.filter((record) -> record.value().contains("UNREADABLE"))
			.findFirst()
			.orElseThrow();
		assertThat(EventContracts.violations("integration", "v1", unreadable)).isEmpty();
		assertThat(unreadable.key()).startsWith("record/" + TOPIC + "/");
	}

	@Test
	void bad_input_is_refused_with_the_reason_and_changes_nothing() throws Exception {
		String partner = "W" + random(7);
		assertThat(refusal(partner, "ftp://partner.example/hook", List.of(TYPE + "shipped")))
			.contains("http or https URL");
		assertThat(refusal(partner, "https://user:pw@partner.example/hook", List.of(TYPE + "shipped")))
			.contains("must not carry a user name");
		assertThat(refusal(partner, "https://partner.example/hook", List.of("dev.millgate.shipments.lost")))
			.contains("Unknown event type 'dev.millgate.shipments.lost'");
		assertThat(refusal(partner, "https://partner.example/hook", List.of())).contains("at least one event type");
		assertThat(refusal(partner, "not a url", List.of(TYPE + "shipped"))).contains("not a URL");
		assertThat(page(get("/webhooks"), partner)).contains("No webhooks yet", "No ship-to parties are registered");
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			created.add(create(partner, "/limit", List.of(TYPE + "shipped")));
		}
		assertThat(refusal(partner, receiver.url("/limit"), List.of(TYPE + "shipped"))).contains("at most 8 webhooks");

		assertThat(this.mvc.perform(get("/webhooks")).andReturn().getResponse().getStatus()).as("signed out")
			.isEqualTo(302);
		assertThat(this.mvc.perform(post("/webhooks").with(partner(partner)).param("url", receiver.url("/x")))
			.andReturn()
			.getResponse()
			.getStatus()).as("no CSRF token").isEqualTo(403);
		assertThat(this.mvc
			.perform(get("/webhooks").with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_API_OWNER"))))
			.andReturn()
			.getResponse()
			.getStatus()).as("an API owner has no webhooks").isEqualTo(403);
		assertThat(status(get("/webhooks/wh_000000000000000000000000"), partner)).isEqualTo(404);
		String webhook = created.get(0);
		MvcResult unconfirmed = as(partner, post("/webhooks/" + webhook + "/delete").with(csrf()));
		assertThat(unconfirmed.getFlashMap().get("error")).asString().contains("Yes, delete it");
		as(partner, post("/webhooks/" + webhook + "/delete").with(csrf()).param("confirm", "yes"));
		assertThat(status(get("/webhooks/" + webhook), partner)).isEqualTo(404);
		assertThat(page(get("/webhooks"), partner)).doesNotContain(webhook);
		create(partner, "/limit", List.of(TYPE + "shipped"));
	}

	// the integration event that reports the dead letter of an event
	private static ConsumerRecord<String, String> deadLetter(String eventId) {
		return TestKafka.shared()
			.readUntil(INTEGRATION,
					(records) -> records.stream().anyMatch((record) -> record.value().contains("\"" + eventId + "\"")),
					WITHIN)
			.stream()
			.filter((record) -> record.value().contains("\"" + eventId + "\""))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no dead letter of " + eventId));
	}

	private static String type(Receiver.Received request) {
		try {
			return JSON.readTree(request.body()).path("type").asText();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	// Standard Webhooks' signature, computed here from the specification
	private static boolean signedBy(Receiver.Received request, String secret) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		String content = request.headers().get("webhook-id") + "." + request.headers().get("webhook-timestamp") + "."
				+ request.body();
		String expected = "v1,"
				+ Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		return List.of(request.headers().get("webhook-signature").split(" ")).contains(expected);
	}

	// the reference implementation (npm's standardwebhooks), where ./millgate test
	// installed it
	private static void verifiedByTheReferenceLibrary(Receiver.Received request, String secret) throws Exception {
		String dir = System.getProperty("millgate.standardwebhooks.dir", "");
		Assumptions.assumeFalse(dir.isBlank(),
				"millgate.standardwebhooks.dir is not set: ./millgate test installs Standard Webhooks' reference "
						+ "library and passes its directory");
		Path input = Files.createTempFile("webhook", ".json");
		Map<String, Object> delivery = new LinkedHashMap<>();
		delivery.put("secret", secret);
		delivery.put("body", request.body());
		delivery.put("headers",
				Map.of("webhook-id", request.headers().get("webhook-id"), "webhook-timestamp",
						request.headers().get("webhook-timestamp"), "webhook-signature",
						request.headers().get("webhook-signature")));
		Files.writeString(input, JSON.writeValueAsString(delivery));
		String script = "const {Webhook} = require(process.argv[1] + '/node_modules/standardwebhooks');"
				+ "const d = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
				+ "new Webhook(d.secret).verify(d.body, d.headers); console.log('verified');";
		Process node = new ProcessBuilder("node", "-e", script, dir, input.toString()).redirectErrorStream(true)
			.start();
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Files.delete(input);
		assertThat(node.exitValue()).as(output).isZero();
		assertThat(output).contains("verified");
	}

	private static String publish(String shipment, String type, String shipTo) {
		String id = "shipment/" + shipment + "/" + type + "/" + UUID.randomUUID();
		String value = "{\"shipmentId\":\"" + shipment + "\",\"plant\":\"1000\",\"shipTo\":\"" + shipTo
				+ "\",\"quantity\":{\"value\":42.000,\"unit\":\"H87\"}}";
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", id);
		headers.put("ce_source", "/millgate/erp-change-feed");
		headers.put("ce_type", TYPE + type);
		headers.put("ce_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		headers.put("ce_subject", shipment);
		headers.put("content-type", "application/json");
		headers.put("ce_correlationid", "test:" + UUID.randomUUID());
		TestKafka.shared().send(TOPIC, shipment, value, headers);
		return id;
	}

	// what ./millgate events replay-webhook sends
	private static MockHttpServletRequestBuilder operator(String webhook, String name, String value) throws Exception {
		return post("/actuator/webhooks/" + webhook).contentType("application/json")
			.content(JSON.writeValueAsString(Map.of(name, value)));
	}

	private String create(String partner, String path, List<String> types) throws Exception {
		MockHttpServletRequestBuilder request = post("/webhooks").with(csrf()).param("url", receiver.url(path));
		types.forEach((type) -> request.param("type", type));
		MvcResult created = as(partner, request);
		assertThat(created.getResponse().getStatus()).as(String.valueOf(created.getFlashMap())).isEqualTo(302);
		assertThat(created.getResponse().getRedirectedUrl()).startsWith("/webhooks/wh_");
		return created.getResponse().getRedirectedUrl().substring("/webhooks/".length());
	}

	private String refusal(String partner, String url, List<String> types) throws Exception {
		MockHttpServletRequestBuilder request = post("/webhooks").with(csrf()).param("url", url);
		types.forEach((type) -> request.param("type", type));
		MvcResult refused = as(partner, request);
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/webhooks");
		return String.valueOf(refused.getFlashMap().get("error"));
	}

	private String secret(String partner, String webhook) throws Exception {
		return page(get("/webhooks/" + webhook), partner).replaceAll("(?s).*<code id=\"secret\">([^<]+)</code>.*",
				"$1");
	}

	// the endpoint has its answer a moment before the portal has recorded it
	private String pageOnceItShows(String path, String partner, String text) throws Exception {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		String page = page(get(path), partner);
		while (!page.contains(text) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			page = page(get(path), partner);
		}
		assertThat(page).contains(text);
		return page;
	}

	private String page(MockHttpServletRequestBuilder request, String partner) throws Exception {
		MvcResult result = as(partner, request);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private int status(MockHttpServletRequestBuilder request, String partner) throws Exception {
		return as(partner, request).getResponse().getStatus();
	}

	private MvcResult as(String partner, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(partner(partner))).andReturn();
	}

	private static String shipment() {
		return "8" + random(7);
	}

	private static String random(int digits) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < digits; i++) {
			text.append(ThreadLocalRandom.current().nextInt(10));
		}
		return text.toString();
	}

}
