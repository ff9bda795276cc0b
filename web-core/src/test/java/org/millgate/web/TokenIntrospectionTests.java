package org.millgate.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIntrospectionTests {

	private static final String ISSUER = "http://sso.test/realms/plants";

	// a secret with the characters RFC 6749 2.3.1 wants form-encoded before Basic
	private static final String SECRET = "s3cr:et +&";

	/** How the issuer answers. */
	enum Mode {

		ANSWERS, DOWN, REDIRECTS, EMPTY, HANGS

	}

	/** What the issuer says per token; a missing token is inactive. */
	private final Map<String, Boolean> active = new ConcurrentHashMap<>();

	private final AtomicInteger asked = new AtomicInteger();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	private volatile Mode mode = Mode.ANSWERS;

	private volatile CountDownLatch hold;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));

	private HttpServer server;

	private TokenIntrospection introspection;

	@BeforeEach
	void issuer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/introspect", (exchange) -> {
			this.asked.incrementAndGet();
			this.authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			CountDownLatch latch = this.hold;
			if (latch != null) {
				await(latch);
			}
			switch (this.mode) {
				case DOWN -> exchange.sendResponseHeaders(503, -1);
				case REDIRECTS -> {
					exchange.getResponseHeaders().set("Location", "https://sso.test/introspect");
					exchange.sendResponseHeaders(301, -1);
				}
				case EMPTY -> exchange.sendResponseHeaders(204, -1);
				case HANGS -> await(new CountDownLatch(1));
				case ANSWERS -> {
					String token = "";
					for (String field : form.split("&")) {
						if (field.startsWith("token=")) {
							token = URLDecoder.decode(field.substring(6), StandardCharsets.UTF_8);
						}
					}
					byte[] body = ("{\"active\":" + this.active.getOrDefault(token, false) + "}")
						.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
				}
			}
			exchange.close();
		});
		this.server.start();
		// time enough for a first call on a busy machine (a cold client took over 500 ms
		// once)
		this.introspection = introspection(Duration.ofSeconds(5));
	}

	private TokenIntrospection introspection(Duration timeout) {
		return new TokenIntrospection(ISSUER,
				new TokenIntrospection.Settings(
						"http://127.0.0.1:" + this.server.getAddress().getPort() + "/introspect", "millgate-gateway",
						SECRET, Duration.ofSeconds(30), timeout, null),
				this.clock);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void anActiveTokenIsAskedAboutOncePerCacheTimeAndRefusedOnceTheIssuerSaysItIsNoLongerActive() {
		this.active.put("t1", true);
		assertThat(refusal("t1")).isNull();
		assertThat(refusal("t1")).isNull();
		assertThat(this.asked).as("asked once within the cache time").hasValue(1);
		assertThat(this.authorization.get()).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString("millgate-gateway:s3cr%3Aet+%2B%26".getBytes(StandardCharsets.UTF_8)));

		this.active.put("t1", false);
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(refusal("t1")).as("still within the cache time").isNull();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(refusal("t1")).contains("no longer active");
		assertThat(this.asked).hasValue(2);

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(refusal("t1")).as("an inactive token is never asked about again").contains("no longer active");
		assertThat(this.asked).hasValue(2);
	}

	@Test
	void callsWithTheSameTokenWhileItIsBeingAskedAboutWaitForTheOneAnswer() throws Exception {
		this.active.put("t2", true);
		this.hold = new CountDownLatch(1);
		List<CompletableFuture<String>> calls = new ArrayList<>();
		calls.add(check("t2").toFuture());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.asked.get() == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.asked).as("the first ask is at the issuer, held there").hasValue(1);
		// three more calls while it is held: they wait for its answer
		for (int i = 0; i < 3; i++) {
			calls.add(check("t2").toFuture());
		}
		this.hold.countDown();

		for (CompletableFuture<String> call : calls) {
			assertThat(call.get(5, TimeUnit.SECONDS)).as("no refusal").isNull();
		}
		assertThat(this.asked).hasValue(1);
	}

	@Test
	void whileTheIssuerIsDownTokensItCalledActiveStayAcceptedAndOthersAreRefusedAsUnavailable() {
		this.active.put("known", true);
		this.active.put("new", true);
		assertThat(refusal("known")).isNull();
		this.mode = Mode.DOWN;
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(refusal("known")).isNull();
		assertThat(this.asked).as("asked again, the answer failed").hasValue(2);
		assertThat(refusal("known")).as("not asked on every call while the issuer is away").isNull();
		assertThat(this.asked).hasValue(2);
		assertThatThrownBy(() -> refusal("new")).isInstanceOf(TokenIntrospection.Unavailable.class)
			.hasMessageContaining(ISSUER)
			.hasMessageContaining("try again");
		assertThat(this.asked).as("a token never answered for is refused without asking right after a failure")
			.hasValue(2);

		this.mode = Mode.ANSWERS;
		this.active.put("known", false);
		this.clock.advance(TokenIntrospection.RETRY);
		assertThat(refusal("known")).as("asked again once it answers").contains("no longer active");
		assertThat(refusal("new")).isNull();
	}

	@Test
	void aRedirectOrAnEmptyAnswerIsNeverTakenForActive() {
		this.active.put("t3", true);
		this.mode = Mode.REDIRECTS;
		assertThatThrownBy(() -> refusal("t3")).isInstanceOf(TokenIntrospection.Unavailable.class);

		this.mode = Mode.EMPTY;
		this.clock.advance(TokenIntrospection.RETRY);
		assertThatThrownBy(() -> refusal("t3")).isInstanceOf(TokenIntrospection.Unavailable.class);
		assertThat(this.asked).hasValue(2);
	}

	@Test
	void anIssuerThatDoesNotAnswerIsGivenUpOnWithinTheTimeout() {
		this.mode = Mode.HANGS;
		this.introspection = introspection(Duration.ofMillis(500));
		long started = System.nanoTime();
		assertThatThrownBy(() -> refusal("t4")).isInstanceOf(TokenIntrospection.Unavailable.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void settingsWithAnEndpointNeedItsClientAndSecretAndSettingsWithoutOneAreOff() {
		String uri = "http://127.0.0.1:1/introspect";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenIntrospection.Settings(uri, "id", " ", null, null, null))
			.withMessageContaining("client-secret is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenIntrospection.Settings(uri, null, "s", null, null, null))
			.withMessageContaining("client-id is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new TokenIntrospection.Settings("sso.example.com/introspect", "id", "s", null, null, null))
			.withMessageContaining("http(s)");
		assertThat(new TokenIntrospection.Settings(uri, "id", "s", null, null, null).cacheFor())
			.isEqualTo(TokenIntrospection.Settings.CACHE_FOR);
		TokenIntrospection.Settings off = new TokenIntrospection.Settings("", "", "from-the-environment", null, null,
				null);
		assertThat(off.enabled()).isFalse();
		assertThat(new TokenIntrospection.Settings(uri, "id", "the-secret", null, null, null).toString())
			.doesNotContain("the-secret");
	}

	private String refusal(String token) {
		return check(token).block(Duration.ofSeconds(10));
	}

	private Mono<String> check(String token) {
		return this.introspection.refusal(token, this.clock.instant().plus(Duration.ofMinutes(5)));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
