package org.millgate.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.millgate.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Deployments' preStop pause and termination grace period rely on: a gateway
 * that gets SIGTERM (as the kubelet sends it after the pause) finishes the calls in
 * flight and refuses new connections (Spring Boot's graceful shutdown, on by default
 * since Boot 3.4, which no service turns off), then exits well within
 * terminationGracePeriodSeconds. The gateway runs as its executable jar, in front of a
 * product that holds its answer until the test lets it go.
 */
class GatewayDrainTests {

	private static final Duration HELD_AFTER_SIGTERM = Duration.ofSeconds(8);

	private static final String PATH = "/v1/inventory/availability?plant=1000&material=";

	@Test
	void should_finish_the_calls_in_flight_and_refuse_new_ones_once_the_gateway_gets_sigterm() throws Exception {
		// given
		HeldProduct product = HeldProduct.start();
		TestTokens tokens = TestTokens.get();
		String token = tokens.token("mes-plant-1000", "inventory:read", List.of("1000"));
		int port = freePort();
		Process gateway = startGateway(port, product.url(), tokens);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		try {
			awaitAnswers(client, port, token);

			// when: a call is in flight when the gateway is told to stop
			CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(call(port, token, "FG-HELD"),
					HttpResponse.BodyHandlers.ofString());
			assertThat(product.arrived.await(10, TimeUnit.SECONDS)).as("the call reached the product").isTrue();
			long stopped = System.nanoTime();
			gateway.destroy();
			boolean refused = awaitRefusal(port);
			// longer than a server's own disposal waits (Reactor Netty: 3 s), well within
			// Spring's shutdown phase (30 s)
			TimeUnit.NANOSECONDS.sleep(Math.max(0, stopped + HELD_AFTER_SIGTERM.toNanos() - System.nanoTime()));
			product.release.countDown();

			// then
			assertThat(refused).as("a new connection refused after SIGTERM").isTrue();
			assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the call in flight").isEqualTo(200);
			assertThat(gateway.waitFor(40, TimeUnit.SECONDS)).as("the gateway stopped within the grace period")
				.isTrue();
		}
		finally {
			product.release.countDown();
			gateway.destroyForcibly();
			product.stop();
		}
	}

	private static Process startGateway(int port, String product, TestTokens tokens) throws IOException {
		Path jar = Path.of(System.getProperty("millgate.gateway.jar", "../gateway/target/gateway-exec.jar"));
		assertThat(jar).as("the gateway's executable jar (./mvnw package -pl gateway)").isRegularFile();
		Path log = Files.createDirectories(Path.of("target")).resolve("gateway-drain.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + port, "--server.address=127.0.0.1",
				"--millgate.gateway.issuers[0].issuer=" + tokens.issuer(),
				"--millgate.gateway.issuers[0].jwk-set-uri=" + tokens.jwkSetUri(),
				"--millgate.gateway.issuers[0].revocations-uri=" + tokens.revocationsUri(),
				"--millgate.gateway.revocation-refresh=500ms", "--millgate.gateway.backends.inventory=" + product));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// the platform's settings of this machine (./millgate test's Redis, a profile)
		// stay out
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("MILLGATE_") || name.startsWith("SPRING_") || name.startsWith("SERVER_")
					|| name.startsWith("MANAGEMENT_"));
		return builder.start();
	}

	/**
	 * Until the gateway answers a call through to the product (routes up, revocations
	 * read).
	 */
	private static void awaitAnswers(HttpClient client, int port, String token) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			try {
				if (client.send(call(port, token, "FG-100"), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the gateway did not answer within 120 s; see target/gateway-drain.log");
	}

	/** Whether new connections are refused within 5 s (the listening socket closed). */
	private static boolean awaitRefusal(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			}
			catch (IOException ex) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	private static HttpRequest call(int port, String token, String material) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH + material))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.build();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** A product whose answer to material FG-HELD waits until released. */
	private static final class HeldProduct {

		private final HttpServer server;

		private final CountDownLatch arrived = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private HeldProduct(HttpServer server) {
			this.server = server;
		}

		static HeldProduct start() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			HeldProduct product = new HeldProduct(server);
			server.createContext("/", product::answer);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return product;
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		private void answer(HttpExchange exchange) throws IOException {
			try {
				if (exchange.getRequestURI().getQuery().contains("FG-HELD")) {
					this.arrived.countDown();
					this.release.await(30, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// the contract's example: the gateway checks the product's answers too
			byte[] body = ("{\"material\":\"FG-100\",\"plant\":\"1000\",\"storageLocation\":null,\"batch\":null,"
					+ "\"unit\":\"H87\",\"quantities\":{\"onHand\":500,\"allocated\":120,\"qualityHold\":40,"
					+ "\"blocked\":10,\"inTransit\":25,\"productionConsumable\":0,\"available\":380},"
					+ "\"overAllocated\":false,\"asOf\":\"2026-03-12T08:15:02Z\",\"breakdown\":[]}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Cache-Control", "private, max-age=5");
			String correlation = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
			if (correlation != null) {
				exchange.getResponseHeaders().add("X-Correlation-Id", correlation);
			}
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
