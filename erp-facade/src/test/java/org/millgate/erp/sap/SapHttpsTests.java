package org.millgate.erp.sap;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.millgate.erp.port.ErpFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facade reaches an ERP over HTTPS with basic authentication, trusting exactly the
 * configured trust store, and says so clearly when the password or the certificate is
 * wrong.
 */
class SapHttpsTests {

	private static final TestKeys keys = TestKeys.shared();

	private static final GuardedSimulator erp = GuardedSimulator.of(GuardedSimulator.https(keys));

	@Test
	void should_read_an_order_over_https_with_sap_client_and_language_when_the_erp_requires_basic_authentication() {
		SapErpFacade facade = facade("auth.user", "millgate", "auth.password", "millgate", "sap-language", "de");

		assertThat(facade.productionOrders().order("1000001", false).block().id()).isEqualTo("1000001");
		assertThat(erp.lastRequest("production-orders")).containsEntry("user", "millgate")
			.containsEntry("sapClient", "100")
			.containsEntry("sapLanguage", "DE")
			.containsEntry("acceptLanguage", "de");
	}

	@Test
	void should_send_no_language_when_none_is_configured() {
		facade("auth.user", "millgate", "auth.password", "millgate").productionOrders().order("1000001", false).block();

		assertThat(erp.lastRequest("production-orders")).containsEntry("sapLanguage", "")
			.containsEntry("acceptLanguage", "");
	}

	@Test
	void should_refuse_clearly_and_not_try_again_when_the_password_is_wrong() {
		SapErpFacade facade = facade("auth.user", "millgate", "auth.password", "guessed", "retry.max-attempts", "3");
		long before = erp.calls("production-orders", "GET");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOfSatisfying(ErpFailure.Unavailable.class,
					(failure) -> assertThat(failure.isTransient()).isFalse())
			.hasMessageContaining("the ERP refused the credentials (401); check millgate.erp.auth");
		assertThat(erp.calls("production-orders", "GET") - before).as("a refused password is sent once").isOne();
	}

	@Test
	void should_refuse_the_erp_when_its_certificate_is_not_in_the_trust_store() {
		// the JDK's authorities do not know the ERP's self-signed certificate
		SapErpFacade trustingTheJdk = Simulators.facade("2022", "base-url", erp.baseUrl(), "auth.user", "millgate",
				"auth.password", "millgate");
		// a trust store that holds another certificate than the ERP's
		SapErpFacade trustingAnother = Simulators.facade("2022", "base-url", erp.baseUrl(), "auth.user", "millgate",
				"auth.password", "millgate", "tls.trust-store", keys.erpTrustStore().toString(),
				"tls.trust-store-password", TestKeys.PASSWORD);
		long before = erp.calls("production-orders", "total");

		for (SapErpFacade facade : List.of(trustingTheJdk, trustingAnother)) {
			assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
				.isInstanceOfSatisfying(ErpFailure.Unavailable.class,
						(failure) -> assertThat(failure.isTransient()).isFalse())
				.hasMessageContaining("the TLS handshake with the ERP failed")
				.hasMessageContaining("millgate.erp.tls.trust-store");
		}
		assertThat(erp.calls("production-orders", "total")).as("nothing was sent to an ERP not trusted")
			.isEqualTo(before);
	}

	private static SapErpFacade facade(String... settings) {
		String[] all = new String[settings.length + 6];
		System.arraycopy(new String[] { "base-url", erp.baseUrl(), "tls.trust-store",
				keys.facadeTrustStore().toString(), "tls.trust-store-password", TestKeys.PASSWORD }, 0, all, 0, 6);
		System.arraycopy(settings, 0, all, 6, settings.length);
		return Simulators.facade("2022", all);
	}

}
