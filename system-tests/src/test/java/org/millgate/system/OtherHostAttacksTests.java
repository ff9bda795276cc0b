package org.millgate.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.system.net.NetworkNamespace;
import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Findings 1, 2 and 8 of the source review, attacked from another host: a network
 * namespace the test makes, joined to this machine by a veth pair, so that the requests
 * come from an address that is not loopback.
 * <ul>
 * <li>Finding 1, "management endpoints behind a raw-path check": the gateway's guard
 * tested the raw path while the actuator matches decoded segments, so
 * {@code /%61ctuator/prometheus} gave any host the metrics (every client and partner by
 * name) and {@code /%61ctuator/usage} their traffic.</li>
 * <li>Finding 2, "products reachable around the gateway": the products listened on every
 * interface.</li>
 * <li>Finding 8, "unthrottled failures": requests without a valid token were never
 * throttled at the gateway, since authentication runs before throttling.</li>
 * </ul>
 */
class OtherHostAttacksTests {

	private static final List<String> SPELLINGS = List.of("/actuator/prometheus", "/%61ctuator/prometheus",
			"/%61ctuator/%70rometheus", "/actuator/usage", "/%61ctuator/usage", "/actuator;x=1/prometheus",
			"//actuator/prometheus", "/%2e/actuator/prometheus", "/v1/../actuator/prometheus",
			"/v1/%2e%2e/actuator/prometheus", "/actuator%2fprometheus", "/actuator/health/../prometheus",
			"/actuator/health/%2e%2e/prometheus");

	static Platform platform;

	static NetworkNamespace otherHost;

	@BeforeAll
	static void platform() {
		String unavailable = NetworkNamespace.unavailable();
		assumeTrue(unavailable == null, () -> "no other host can be made here: " + unavailable);
		platform = Platform.get();
		otherHost = NetworkNamespace.create();
	}

	@AfterAll
	static void removeHost() {
		if (otherHost != null) {
			otherHost.close();
		}
	}

	@Test
	void finding1ManagementEndpointsCannotBeReadFromAnotherHostByAnySpellingOfTheirPath() {
		int gateway = platform.port("gateway");
		// the endpoints exist, and the encoded spelling reaches them: from loopback, a
		// management client, both are answered
		assertThat(fromLoopback("/actuator/prometheus")).isEqualTo(200);
		assertThat(fromLoopback("/%61ctuator/prometheus")).as("the actuator decodes the path").isEqualTo(200);

		assertThat(otherHost.get(gateway, "/actuator/health")).as("health, public").isEqualTo(200);
		for (String path : SPELLINGS) {
			assertThat(otherHost.get(gateway, path)).as("GET %s from %s", path, otherHost.peerAddress()).isEqualTo(404);
		}
	}

	@Test
	void finding2ProductsCannotBeReachedFromAnotherHost() {
		assertThat(otherHost.connects(platform.port("gateway"))).as("the gateway, the only door").isTrue();
		List<String> behind = new ArrayList<>(platform.products());
		behind.add("event-broker");
		assertThat(behind).contains("master-data-api");
		for (String product : behind) {
			assertThat(otherHost.connects(platform.port(product))).as("%s from %s", product, otherHost.peerAddress())
				.isFalse();
		}
		int kafka = Integer.parseInt(platform.kafkaBootstrap().substring(platform.kafkaBootstrap().indexOf(':') + 1));
		assertThat(otherHost.connects(kafka)).as("the embedded Kafka from %s", otherHost.peerAddress()).isFalse();
	}

	@Test
	void finding8AHostSendingForgedTokensIsThrottledAndOthersAreNot() {
		int gateway = platform.port("gateway");
		String forged = "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk";
		int unauthorized = 0;
		int throttled = 0;
		// the gateway's default: 20 at once, 5 a second after that
		for (int i = 0; i < 40; i++) {
			int status = otherHost.get(gateway, "/v1/shipments/80000001", forged);
			if (status == 401) {
				unauthorized++;
			}
			else if (status == 429) {
				throttled++;
			}
		}
		assertThat(unauthorized + throttled).as("every answer is 401 or 429").isEqualTo(40);
		assertThat(unauthorized).as("answered 401 before the address was throttled").isBetween(20, 35);
		assertThat(throttled).isPositive();
		// loopback, another address, is heard, and a valid token from there is served
		assertThat(platform
			.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/shipments/80000001"))
				.header("Authorization", "Bearer " + platform.token("partner-acme"))
				.build())
			.statusCode()).isEqualTo(200);
	}

	private static int fromLoopback(String rawPath) {
		return platform
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port("gateway") + rawPath)).build())
			.statusCode();
	}

}
