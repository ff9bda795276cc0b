package org.millgate.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.gateway.support.StubBackend.Answer;
import org.millgate.gateway.support.StubBackend;
import org.millgate.gateway.support.TestCatalog;
import org.millgate.testing.TestTokens;
import org.millgate.testing.net.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateway instances as separate applications on one Redis: the shared limit holds across
 * them, and one instance whose Redis connection is cut follows each product's Redis-down
 * mode and resumes throttling through Redis when the connection is back.
 */
class ScaleOutTests {

	static final String REDIS = System.getenv().getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	static final StubBackend backend = new StubBackend();

	static final TestTokens tokens = TestTokens.get();

	static final TcpProxy redisLink = new TcpProxy("redis", URI.create(REDIS).getHost(), URI.create(REDIS).getPort());

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static ConfigurableApplicationContext cutOff;

	@BeforeAll
	static void start() {
		backend.answer("/v1/shipments/80000001",
				Answer.json(TestCatalog.stub("shipment.json")).header("ETag", "\"sh-80000001-1\""));
		backend.answer("/v1/production-orders", Answer.json(TestCatalog.stub("orders-page.json")));
		String catalog = TestCatalog.write().toString();
		first = gateway(catalog, REDIS);
		second = gateway(catalog, REDIS);
		cutOff = gateway(catalog, "redis://127.0.0.1:" + redisLink.port());
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second, cutOff }) {
			if (context != null) {
				context.close();
			}
		}
		backend.close();
		redisLink.close();
	}

	@Test
	void twoInstancesOnOneRedisEnforceOneLimit() {
		String token = tokens.signed(tokens.claims("scale-" + UUID.randomUUID(), "shipments:read")
			.claim("plan", "scale-test")
			.claim("plants", List.of("1000"))
			.build());
		List<WebClient> instances = List.of(client(first), client(second));
		long start = System.nanoTime();
		List<Integer> statuses = Flux.range(0, 1500)
			.flatMap(
					(i) -> instances.get(i % 2)
						.get()
						.uri("/v1/shipments/80000001")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					64)
			.collectList()
			.block(Duration.ofSeconds(120));
		double seconds = (System.nanoTime() - start) / 1e9;
		long admitted = statuses.stream().filter((status) -> status == 200).count();
		long refused = statuses.stream().filter((status) -> status == 429).count();
		// burst 500 plus one token per second of the run
		long limit = 500 + (long) Math.ceil(seconds);
		double overAdmission = Math.max(0, admitted - limit) * 100.0 / limit;
		System.out.printf("Shared limit over two gateway instances: %d of 1500 admitted, limit %d (%.1f s),"
				+ " over-admission %.2f %%%n", admitted, limit, seconds, overAdmission);
		assertThat(admitted + refused).as("only 200 and 429: %s", statuses.stream().distinct().toList())
			.isEqualTo(1500);
		assertThat(admitted).isGreaterThanOrEqualTo(500);
		assertThat(overAdmission).isLessThanOrEqualTo(1.0);
	}

	@Test
	void whenRedisIsCutEachProductFollowsItsModeAndThrottlingResumesWhenItIsBack() {
		WebClient gateway = client(cutOff);
		String partner = partnerToken();
		String mes = mesToken();
		assertThat(status(gateway, "/v1/shipments/80000001", partner)).isEqualTo(200);
		redisLink.cut();
		try {
			// shipments fail closed, production orders fail open, each decided
			// without waiting
			awaitStatus(gateway, "/v1/shipments/80000001", partner, 503);
			AtomicLong slowest = new AtomicLong();
			for (int i = 0; i < 20; i++) {
				long begin = System.nanoTime();
				assertThat(status(gateway, "/v1/shipments/80000001", partner)).isEqualTo(503);
				slowest.accumulateAndGet((System.nanoTime() - begin) / 1_000_000, Math::max);
				assertThat(status(gateway, "/v1/production-orders?plant=1000", mes)).isEqualTo(200);
			}
			System.out.printf("Redis cut: slowest fail-closed answer %d ms (whole request)%n", slowest.get());
			assertThat(slowest.get()).as("whole request, decision bound 50 ms").isLessThan(250);
		}
		finally {
			redisLink.restore();
		}
		awaitStatus(gateway, "/v1/shipments/80000001", partner, 200);
	}

	@Test
	void whenRedisHangsDecisionsAreBoundedAndFollowEachProductsMode() {
		WebClient gateway = client(cutOff);
		String partner = partnerToken();
		String mes = mesToken();
		awaitStatus(gateway, "/v1/shipments/80000001", partner, 200);
		redisLink.hold(true);
		try {
			long begin = System.nanoTime();
			assertThat(status(gateway, "/v1/shipments/80000001", partner)).isEqualTo(503);
			long first = (System.nanoTime() - begin) / 1_000_000;
			long slowest = 0;
			for (int i = 0; i < 10; i++) {
				begin = System.nanoTime();
				assertThat(status(gateway, "/v1/shipments/80000001", partner)).isEqualTo(503);
				slowest = Math.max(slowest, (System.nanoTime() - begin) / 1_000_000);
				assertThat(status(gateway, "/v1/production-orders?plant=1000", mes)).isEqualTo(200);
			}
			System.out.printf("Redis hung: first fail-closed answer %d ms (busy bound 500 ms), later ones at most %d ms"
					+ " (decision bound 50 ms)%n", first, slowest);
			assertThat(first).isLessThan(900);
			assertThat(slowest).as("whole request, decision bound 50 ms").isLessThan(250);
		}
		finally {
			redisLink.hold(false);
		}
		awaitStatus(gateway, "/v1/shipments/80000001", partner, 200);
	}

	private static String partnerToken() {
		return tokens.signed(tokens.claims("partner-" + UUID.randomUUID(), "shipments:read")
			.claim("plan", "partner-basic")
			.claim("partner_id", "ACME")
			.build());
	}

	private static String mesToken() {
		return tokens.signed(tokens.claims("mes-" + UUID.randomUUID(), "production-orders:read")
			.claim("plan", "line-critical")
			.claim("plants", List.of("1000"))
			.build());
	}

	private static int status(WebClient client, String uri, String token) {
		return client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(10));
	}

	private static void awaitStatus(WebClient client, String uri, String token, int expected) {
		List<Integer> seen = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			int status = status(client, uri, token);
			seen.add(status);
			if (status == expected) {
				return;
			}
			Mono.delay(Duration.ofMillis(100)).block();
		}
		throw new AssertionError("never " + expected + " from " + uri + "; saw " + seen);
	}

	private static WebClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port);
	}

	private static ConfigurableApplicationContext gateway(String catalog, String redis) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--millgate.gateway.catalog-dir=" + catalog,
				"--millgate.gateway.issuers[0].issuer=" + TestTokens.ISSUER,
				"--millgate.gateway.issuers[0].jwk-set-uri=" + tokens.jwkSetUri(),
				"--millgate.gateway.redis-url=" + redis,
				"--millgate.gateway.products.shipments.response-validation.v1=off",
				"--millgate.gateway.products.shipments.capacity=256", "--logging.level.millgate.access=warn"));
		TestCatalog.products()
			.forEach((product) -> arguments.add("--millgate.gateway.backends." + product + "=" + backend.url()));
		return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
	}

}
