package org.millgate.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.millgate.gateway.support.TestCatalog;
import org.millgate.testing.net.LocalAddresses;
import org.millgate.testing.TestTokens;
import org.millgate.testing.tls.SelfSignedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The gateway's doors as a plant would open them: the public port over HTTPS with a
 * configured key store (finding 9 of the source review: plant networks are not trusted
 * networks), and a management port of its own, bound to loopback (finding 1: with
 * {@code MILLGATE_GATEWAY_MANAGEMENT_PORT} set, {@code /actuator} is served there, on
 * loopback only, and the public port answers it with 404).
 */
class GatewayDoorsTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.create();

	private static final HttpClient http = HttpClient.newHttpClient();

	static ConfigurableApplicationContext gateway;

	static int publicPort;

	static int managementPort;

	@BeforeAll
	static void start() {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--management.server.ssl.enabled=false", "--millgate.gateway.catalog-dir=" + TestCatalog.write(),
				"--millgate.gateway.issuers[0].issuer=" + TestTokens.ISSUER,
				"--millgate.gateway.issuers[0].jwk-set-uri=" + TestTokens.get().jwkSetUri()));
		arguments.addAll(certificate.serverArguments());
		gateway = new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
		publicPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
		managementPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.management.port"));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void finding1TheManagementPortServesMetricsOnLoopbackOnly() throws Exception {
		assertThat(managementPort).isNotEqualTo(publicPort);
		assertThat(get(managementPort, "/actuator/prometheus")).as("management port, from loopback").isEqualTo(200);
		assertThat(getTls(publicPort, "/actuator/prometheus").statusCode()).as("public port").isEqualTo(404);
		assertThat(getTls(publicPort, "/%61ctuator/prometheus").statusCode()).as("public port, encoded").isEqualTo(404);

		List<InetAddress> others = LocalAddresses.others();
		assumeFalse(others.isEmpty(), "this machine has no address besides loopback to try from");
		for (InetAddress address : others) {
			assertThat(LocalAddresses.connects(address, publicPort)).as("the public port on %s", address).isTrue();
			assertThat(LocalAddresses.connects(address, managementPort)).as("the management port on %s", address)
				.isFalse();
		}
	}

	@Test
	void finding9ThePublicPortServesHttpsWithAConfiguredKeyStore() throws Exception {
		HttpResponse<Void> health = getTls(publicPort, "/actuator/health");
		assertThat(health.statusCode()).as("health, on the management port").isEqualTo(404);
		HttpResponse<Void> api = getTls(publicPort, "/v1/shipments/80000001");
		assertThat(api.statusCode()).as("no token, over HTTPS").isEqualTo(401);
		assertThat(api.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
		assertThatThrownBy(() -> get(publicPort, "/v1/shipments/80000001")).as("plain HTTP on the HTTPS port")
			.isInstanceOf(IOException.class);
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + publicPort + "/v1/shipments/80000001"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding()))
			.as("a client that does not trust the certificate")
			.isInstanceOf(IOException.class);
	}

	private static HttpResponse<Void> getTls(int port, String rawPath) throws IOException, InterruptedException {
		return certificate.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + rawPath)).build(),
					HttpResponse.BodyHandlers.discarding());
	}

	private static int get(int port, String rawPath) throws IOException, InterruptedException {
		return http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
