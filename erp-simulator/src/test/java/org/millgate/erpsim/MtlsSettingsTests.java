package org.millgate.erpsim;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import org.millgate.erpsim.faults.CallStatistics;
import org.millgate.erpsim.release.ErpRelease;
import org.millgate.erpsim.web.AuthMode;
import org.millgate.erpsim.web.BearerTokens;
import org.millgate.erpsim.web.CsrfTokens;
import org.millgate.erpsim.web.ServiceRegistry;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code erp.auth=mtls} over a server that does not demand a client certificate would let
 * anyone in: the simulator refuses to start and says what to set. (Logon with a
 * certificate is proven end to end in erp-facade's {@code SapMutualTlsTests}.) The wiring
 * is called directly: a context that fails to start in this JVM would dispose Reactor
 * Netty's event loops under the other tests' servers.
 */
class MtlsSettingsTests {

	private static final SimulatorProperties MTLS = new SimulatorProperties("2022", new SimulatorProperties.Seed(1),
			100, "millgate", "millgate", "100", "erp-clerk", "erp-clerk", AuthMode.MTLS);

	@Test
	void should_refuse_to_start_when_mtls_is_required_but_the_server_demands_no_certificate() {
		assertThatThrownBy(() -> securityFilter(new MockEnvironment().withProperty("server.ssl.client-auth", "want")))
			.hasMessage("erp.auth=mtls needs HTTPS that demands a client certificate: set server.ssl.key-store (the "
					+ "server's certificate), server.ssl.trust-store (the clients' certificates or their authority) "
					+ "and server.ssl.client-auth=need");
	}

	@Test
	void should_start_when_mtls_is_required_and_the_server_demands_a_certificate() {
		assertThatNoException()
			.isThrownBy(() -> securityFilter(new MockEnvironment().withProperty("server.ssl.client-auth", "need")));
	}

	private static void securityFilter(MockEnvironment environment) {
		CallStatistics statistics = new CallStatistics();
		new SimulatorConfiguration().securityFilter(MTLS, new CsrfTokens(), statistics,
				new ServiceRegistry(ErpRelease.of("2022").services()),
				new BearerTokens("millgate", "millgate", Clock.systemUTC(), statistics), environment);
	}

}
