package org.millgate.erp.sap;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.millgate.erp.port.ErpFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS toward an ERP that logs on by client certificate only (an S/4HANA
 * communication user with an X.509 certificate): reads and writes with the facade's
 * certificate, whose subject the ERP takes as the user; a facade without a certificate,
 * or with one the ERP does not trust, is refused in the handshake.
 */
class SapMutualTlsTests {

	private static final TestKeys keys = TestKeys.shared();

	private static final GuardedSimulator erp = GuardedSimulator.of(GuardedSimulator.mutualTls(keys),
			"--erp.auth=mtls");

	@Test
	void should_read_and_write_with_its_client_certificate_when_the_erp_requires_mtls() {
		SapErpFacade facade = facade(keys.clientKeyStore(), "sap-language", "EN");

		assertThat(facade.productionOrders().order("1000001", false).block().id()).isEqualTo("1000001");
		assertThat(erp.lastRequest("production-orders")).containsEntry("user", TestKeys.CLIENT_USER)
			.containsEntry("sapClient", "100")
			.containsEntry("sapLanguage", "EN");
		facade.productionOrders().release("1000002").block();
		assertThat(facade.productionOrders().order("1000002", false).block().progress().released()).isTrue();
	}

	@Test
	void should_be_refused_in_the_handshake_when_it_presents_no_certificate() {
		SapErpFacade withoutCertificate = Simulators.facade("2022", "base-url", erp.baseUrl(), "auth.user", "millgate",
				"auth.password", "millgate", "tls.trust-store", keys.facadeTrustStore().toString(),
				"tls.trust-store-password", TestKeys.PASSWORD, "retry.max-attempts", "1");
		long before = erp.calls("production-orders", "total");

		assertThatThrownBy(() -> withoutCertificate.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("the TLS handshake with the ERP failed");
		assertThat(erp.calls("production-orders", "total")).as("no request got past the handshake").isEqualTo(before);
	}

	@Test
	void should_be_refused_in_the_handshake_when_the_erp_does_not_trust_its_certificate() {
		long before = erp.calls("production-orders", "total");

		assertThatThrownBy(() -> facade(keys.strangerKeyStore()).productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("the TLS handshake with the ERP failed");
		assertThat(erp.calls("production-orders", "total")).isEqualTo(before);
	}

	private static SapErpFacade facade(Path keyStore, String... settings) {
		String[] base = { "base-url", erp.baseUrl(), "tls.trust-store", keys.facadeTrustStore().toString(),
				"tls.trust-store-password", TestKeys.PASSWORD, "tls.key-store", keyStore.toString(),
				"tls.key-store-password", TestKeys.PASSWORD, "retry.max-attempts", "1" };
		String[] all = new String[base.length + settings.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(settings, 0, all, base.length, settings.length);
		return Simulators.facade("2022", all);
	}

}
