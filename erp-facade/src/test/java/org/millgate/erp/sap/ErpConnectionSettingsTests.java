package org.millgate.erp.sap;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import org.millgate.erp.autoconfigure.ErpFacadeAutoConfiguration;
import org.millgate.erp.config.ErpProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose ERP connection is set up wrongly does not start, and says which setting
 * to change: before its first call, not in a failure per call. No password or secret
 * shows in the printed settings.
 */
class ErpConnectionSettingsTests {

	private static final TestKeys keys = TestKeys.shared();

	private final ApplicationContextRunner service = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErpFacadeAutoConfiguration.class))
		.withPropertyValues("millgate.erp.base-url=https://s4.example.com:44300");

	@Test
	void should_start_with_a_client_certificate_and_a_trust_store() {
		this.service.withPropertyValues(mtls(keys.clientKeyStore().toString(), TestKeys.PASSWORD))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SapErpFacade.class));
	}

	@Test
	void should_start_with_a_client_certificate_when_the_basic_credentials_are_left_empty() {
		// a Kubernetes Secret whose basic-only keys were left blank
		this.service.withPropertyValues(mtls(keys.clientKeyStore().toString(), TestKeys.PASSWORD))
			.withPropertyValues("millgate.erp.auth.mode=mtls", "millgate.erp.auth.user=", "millgate.erp.auth.password=")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SapErpFacade.class));
	}

	@Test
	void should_refuse_to_start_when_a_token_uri_and_a_key_store_leave_the_mode_ambiguous() {
		this.service
			.withPropertyValues("millgate.erp.auth.token-uri=https://s4.example.com/sap/bc/sec/oauth2/token",
					"millgate.erp.auth.client-id=MES", "millgate.erp.auth.client-secret=x")
			.withPropertyValues(mtls(keys.clientKeyStore().toString(), TestKeys.PASSWORD))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("both a token URI (auth.token-uri) and a client certificate (tls.key-store)")
				.hasMessageContaining("millgate.erp.auth.mode"));
	}

	@Test
	void should_refuse_to_start_when_mtls_has_no_key_store() {
		this.service.withPropertyValues("millgate.erp.auth.mode=mtls")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("auth.mode is mtls, which needs the client certificate's key store")
				.hasMessageContaining("MILLGATE_ERP_TLS_KEYSTORE"));
	}

	@Test
	void should_refuse_to_start_when_oauth2_lacks_its_client() {
		this.service.withPropertyValues("millgate.erp.auth.mode=oauth2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(
						"auth.mode is oauth2, which needs auth.token-uri, auth.client-id and " + "auth.client-secret"));
	}

	@Test
	void should_refuse_to_start_when_the_client_secret_would_go_to_another_host_in_clear() {
		this.service
			.withPropertyValues("millgate.erp.auth.token-uri=http://s4.example.com:8000/sap/bc/sec/oauth2/token",
					"millgate.erp.auth.client-id=MES", "millgate.erp.auth.client-secret=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("is plain http: the client secret would cross the network in clear"));
	}

	@Test
	void should_refuse_to_start_when_the_key_store_does_not_exist() {
		this.service.withPropertyValues(mtls("/nonexistent/client.p12", TestKeys.PASSWORD))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("millgate.erp: tls.key-store /nonexistent/client.p12 does not exist"));
	}

	@Test
	void should_refuse_to_start_when_the_key_store_password_is_wrong() {
		this.service.withPropertyValues(mtls(keys.clientKeyStore().toString(), "not-the-password"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tls.key-store " + keys.clientKeyStore())
				.hasMessageContaining("the password is wrong (MILLGATE_ERP_TLS_KEYSTOREPASSWORD)"));
	}

	@Test
	void should_refuse_to_start_when_the_key_store_holds_no_private_key() {
		this.service.withPropertyValues(mtls(keys.facadeTrustStore().toString(), TestKeys.PASSWORD))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("holds 0 private keys; it must hold exactly one"));
	}

	@Test
	void should_refuse_to_start_when_mtls_is_asked_over_plain_http() {
		this.service.withPropertyValues("millgate.erp.base-url=http://s4.example.com:8000")
			.withPropertyValues(mtls(keys.clientKeyStore().toString(), TestKeys.PASSWORD))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("auth.mode is mtls, which needs an https base-url"));
	}

	@Test
	void should_refuse_to_start_when_the_language_is_not_two_letters() {
		this.service
			.withPropertyValues("millgate.erp.auth.user=MES", "millgate.erp.auth.password=x",
					"millgate.erp.sap-language=English")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("sapLanguage"));
	}

	@Test
	void should_refuse_to_start_when_the_trust_store_password_is_wrong() {
		this.service
			.withPropertyValues("millgate.erp.auth.user=MES", "millgate.erp.auth.password=x",
					"millgate.erp.tls.trust-store=" + keys.facadeTrustStore(),
					"millgate.erp.tls.trust-store-password=not-the-password")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tls.trust-store " + keys.facadeTrustStore())
				.hasMessageContaining("the password is wrong (MILLGATE_ERP_TLS_TRUSTSTOREPASSWORD)"));
	}

	@Test
	void should_show_no_password_or_secret_when_the_settings_are_printed() {
		String oauth2 = bind("auth.token-uri", "https://s4.example.com/sap/bc/sec/oauth2/token", "auth.client-id",
				"MES", "auth.client-secret", "client-s3cret", "tls.trust-store", "/etc/erp-trust.p12",
				"tls.trust-store-password", "trust-s3cret", "tls.key-store-password", "key-s3cret")
			.toString();
		String basic = bind("auth.user", "MES", "auth.password", "basic-s3cret").toString();

		assertThat(oauth2).contains("clientId=MES", "trustStore=/etc/erp-trust.p12")
			.doesNotContain("client-s3cret", "trust-s3cret", "key-s3cret");
		assertThat(basic).contains("user=MES").doesNotContain("basic-s3cret");
	}

	private static ErpProperties bind(String... settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < settings.length; i += 2) {
			values.put("millgate.erp." + settings[i], settings[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(values)).bind("millgate.erp", ErpProperties.class)
			.orElseThrow(() -> new IllegalStateException("not bound"));
	}

	private static String[] mtls(String keyStore, String password) {
		return new String[] { "millgate.erp.tls.key-store=" + keyStore,
				"millgate.erp.tls.key-store-password=" + password,
				"millgate.erp.tls.trust-store=" + keys.facadeTrustStore(),
				"millgate.erp.tls.trust-store-password=" + TestKeys.PASSWORD };
	}

}
