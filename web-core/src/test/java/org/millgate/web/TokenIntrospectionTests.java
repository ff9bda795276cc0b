package org.millgate.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIntrospectionTests {

	private static final String ISSUER = "http://sso.test/realms/plants";

	// a secret with the characters RFC 6749 2.3.1 wants form-encoded before Basic
	private static final String SECRET = "s3cr:et +&";

	/** What the issuer says per token; a missing token is inactive. */
	private final Map<String, Boolean> active = new ConcurrentHashMap<>();

	private final AtomicInteger asked = new AtomicInteger();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	private volatile boolean down;

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
				try {
					latch.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.down) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
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
			exchange.close();
		});
		this.server.start();
		this.introspection = new TokenIntrospection(ISSUER,
				new TokenIntrospection.Settings(
						URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/introspect"),
						"millgate-gateway", SECRET, Duration.ofSeconds(30), null, null),
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
	void callsWithTheSameTokenWhileItIsBeingAskedAboutWaitForTheOneAnswer() {
		this.active.put("t2", true);
		this.hold = new CountDownLatch(1);
		List<Mono<String>> calls = List.of(check("t2"), check("t2"), check("t2"), check("t2"));
		Mono<List<String>> all = Flux.merge(calls).collectList();
		Thread release = new Thread(() -> {
			while (this.asked.get() == 0) {
				Thread.onSpinWait();
			}
			this.hold.countDown();
		});
		release.start();
		assertThat(all.block(Duration.ofSeconds(10))).as("no refusal").isEmpty();
		assertThat(this.asked).hasValue(1);
	}

	@Test
	void whileTheIssuerIsDownTokensItCalledActiveStayAcceptedAndOthersAreRefusedAsUnavailable() {
		this.active.put("known", true);
		this.active.put("new", true);
		assertThat(refusal("known")).isNull();
		this.down = true;
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(refusal("known")).isNull();
		assertThat(this.asked).as("asked again, the answer failed").hasValue(2);
		assertThatThrownBy(() -> refusal("new")).isInstanceOf(TokenIntrospection.Unavailable.class)
			.hasMessageContaining(ISSUER)
			.hasMessageContaining("try again");

		this.down = false;
		this.active.put("known", false);
		assertThat(refusal("known")).as("asked again once it answers").contains("no longer active");
		assertThat(refusal("new")).isNull();
	}

	@Test
	void settingsWithoutAClientOrSecretAreRefusedAtStart() {
		URI uri = URI.create("http://127.0.0.1:1/introspect");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenIntrospection.Settings(uri, "id", " ", null, null, null))
			.withMessageContaining("client-secret is missing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenIntrospection.Settings(uri, null, "s", null, null, null))
			.withMessageContaining("client-id");
		assertThat(new TokenIntrospection.Settings(uri, "id", "s", null, null, null).cacheFor())
			.isEqualTo(TokenIntrospection.Settings.CACHE_FOR);
	}

	private String refusal(String token) {
		return check(token).block(Duration.ofSeconds(10));
	}

	private Mono<String> check(String token) {
		return this.introspection.refusal(token, this.clock.instant().plus(Duration.ofMinutes(5)));
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
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
