package org.millgate.orders.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.orders.idempotency.IdempotencyStore;
import org.millgate.testing.TestTokens;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.product.ProductTest;
import org.millgate.testing.redis.LocalRedisSentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * The failover drill of the confirmations: MES posts confirmations one after another,
 * retrying each with its key as its integration is told to, while the Redis primary of
 * the idempotency keys and the outbox is killed and Sentinel promotes its replica. No
 * confirmation is booked twice, each key ends with its booking, each booking has exactly
 * one event in the outbox, and the service serves again without a restart.
 */
@ProductTest
@DirtiesContext
class RedisFailoverTests {

	private static final String TOPIC = "millgate.production-orders.events.v1";

	private static final String MES_2000 = TestTokens.get()
		.token("mes-plant-2000", "production-orders:read production-orders:write", List.of("2000"));

	// released, 400 pieces: room for every confirmation of the drill, which books on
	// without resetting the simulator (whose confirmation numbers the other tests'
	// events must not share)
	private static final String ORDER = "2000001";

	private static final String CONFIRMATION = """
			{"operation":"0010","yield":{"value":1,"unit":"H87"},"finalConfirmation":false,"varianceReason":"SCR"}""";

	private static final int CONFIRMATIONS = 40;

	private static final LocalRedisSentinel sentinel = LocalRedisSentinel.start(directory());

	@Autowired
	WebTestClient client;

	@Autowired
	IdempotencyStore keys;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("millgate.production-orders.idempotency.redis", sentinel::url);
		registry.add("millgate.production-orders.idempotency.namespace", () -> "failover-" + UUID.randomUUID());
		// a key whose first request died with the primary is free again after this
		registry.add("millgate.production-orders.idempotency.in-flight-for", () -> "5s");
		// the events stay in the outbox, where the drill counts them (the relay to Kafka
		// has tests of its own; the drill's confirmation numbers would be other tests'
		// after the simulator's next reset, in the Kafka all tests share)
		registry.add("millgate.product.events.enabled", () -> "false");
	}

	@AfterAll
	static void stop() {
		sentinel.close();
	}

	@Test
	void should_book_every_confirmation_once_with_one_event_when_the_redis_primary_fails_over_under_load() {
		long before = ErpSimulator.shared().bookedConfirmations(ORDER);
		Map<String, String> bookedByKey = new LinkedHashMap<>();
		List<Integer> failures = new ArrayList<>();
		int killedPrimary = -1;

		for (int i = 0; i < CONFIRMATIONS; i++) {
			if (i == CONFIRMATIONS / 4) {
				killedPrimary = sentinel.killPrimary();
			}
			String key = "failover-" + UUID.randomUUID();
			bookedByKey.put(key, confirmRetrying(key, failures));
		}
		sentinel.awaitPrimaryOtherThan(killedPrimary, Duration.ofSeconds(30));
		System.out.println(
				"Redis Sentinel failover under " + CONFIRMATIONS + " confirmations: answers MES retried " + failures);

		assertThat(failures).as("answers while the primary was away (MES retried each)").isNotEmpty();
		assertThat(bookedByKey.values()).as("one booking per key").doesNotContainNull().doesNotHaveDuplicates();
		assertThat(ErpSimulator.shared().bookedConfirmations(ORDER) - before).as("bookings in the ERP")
			.isEqualTo(CONFIRMATIONS);
		List<String> events = this.keys.outbox()
			.next(10_000)
			.stream()
			.map((pending) -> JsonPath.<String>read(pending.event().data(), "$.idempotencyKey"))
			.filter(bookedByKey::containsKey)
			.toList();
		assertThat(events).as("events of these bookings in the outbox, one each")
			.hasSize(CONFIRMATIONS)
			.doesNotHaveDuplicates();
	}

	// MES's integration: the same key again after an unavailable or in-flight answer,
	// every 100 ms, for 30 s at most
	private String confirmRetrying(String key, List<Integer> failures) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			EntityExchangeResult<byte[]> answer = confirm(key);
			int status = answer.getStatus().value();
			if (status == 201) {
				return JsonPath.read(body(answer), "$.confirmationId");
			}
			assertThat(status).as("an answer MES retries: " + body(answer)).isIn(503, 409);
			if (status == 503) {
				assertThat(body(answer)).contains("\"code\":\"idempotency.unavailable\"");
				assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
			}
			failures.add(status);
			assertThat(System.nanoTime()).as("booked within 30 s; last answer " + status + " " + body(answer))
				.isLessThan(deadline);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

	private EntityExchangeResult<byte[]> confirm(String key) {
		return this.client.post().uri("/v2/production-orders/" + ORDER + "/confirmations").headers((headers) -> {
			headers.setBearerAuth(MES_2000);
			headers.set("Idempotency-Key", key);
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(CONFIRMATION).exchange().expectBody().returnResult();
	}

	private static Path directory() {
		try {
			return Files.createTempDirectory("millgate-redis-sentinel");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
