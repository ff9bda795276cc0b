package org.millgate.erpsim.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import org.millgate.erpsim.ErpSimulatorApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code erp.auth=mtls} over a server that does not demand a client certificate would let
 * anyone in: the simulator refuses to start and says what to set. (Logon with a
 * certificate is proven end to end in erp-facade's {@code SapMutualTlsTests}.)
 */
class MtlsSettingsTests {

	@Test
	void should_refuse_to_start_when_mtls_is_required_but_the_server_demands_no_certificate() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ErpSimulatorApplication.class)
			.run(ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.auth=mtls",
					"--spring.main.banner-mode=off")
			.close())
			.hasRootCauseMessage("erp.auth=mtls needs HTTPS that demands a client certificate: set "
					+ "server.ssl.key-store (the server's certificate), server.ssl.trust-store (the clients' "
					+ "certificates or their authority) and server.ssl.client-auth=need");
	}

}
