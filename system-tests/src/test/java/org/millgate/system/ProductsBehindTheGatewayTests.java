package org.millgate.system;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.net.LocalAddresses;
import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Finding 2 of the source review, "products reachable around the gateway": the product
 * services listened on every interface, so a host on the plant network could call them
 * directly, past the gateway's revocation check, throttling and plant rules. They listen
 * on loopback now: from any other address of this machine their ports refuse the
 * connection, while the gateway's answers.
 */
class ProductsBehindTheGatewayTests {

	static Platform platform;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
	}

	@Test
	void finding2ProductsCannotBeReachedAroundTheGateway() {
		List<InetAddress> others = LocalAddresses.others();
		assumeFalse(others.isEmpty(), "this machine has no address besides loopback to try from");
		for (InetAddress address : others) {
			assertThat(LocalAddresses.connects(address, platform.port("gateway"))).as("the gateway on %s", address)
				.isTrue();
			assertThat(platform.products()).contains("master-data-api");
			for (String product : platform.products()) {
				assertThat(LocalAddresses.connects(address, platform.port(product))).as("%s on %s", product, address)
					.isFalse();
			}
		}
	}

}
