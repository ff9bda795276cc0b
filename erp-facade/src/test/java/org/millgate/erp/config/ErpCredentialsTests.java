package org.millgate.erp.config;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 9 of the source review: the ERP simulator's demo credentials were the default
 * for any ERP, so a product pointed at a real system sent them there.
 */
class ErpCredentialsTests {

	private static final ErpProperties.Auth NONE = new ErpProperties.Auth(null, null, null, null, null, null, null);

	@Test
	void finding9TheDemoCredentialsAreNeverSentToAnotherHost() {
		assertThatThrownBy(() -> NONE.basicCredentials(URI.create("https://s4.example.com:44300")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("MILLGATE_ERP_AUTH_USER")
			.hasMessageContaining("on this machine only");
		assertThatThrownBy(() -> NONE.basicCredentials(URI.create("http://10.0.0.5:8089")))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> NONE.basicCredentials(URI.create("http://localhost.example.com:8089")))
			.isInstanceOf(IllegalStateException.class);
		ErpProperties.Auth passwordOnly = new ErpProperties.Auth(null, null, "s3cret", null, null, null, null);
		assertThatThrownBy(() -> passwordOnly.basicCredentials(URI.create("https://s4.example.com:44300")))
			.as("a password without its user")
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void theDemoCredentialsServeTheSimulatorOnThisMachine() {
		assertThat(NONE.basicCredentials(URI.create("http://localhost:8089"))).isEqualTo("millgate:millgate");
		assertThat(NONE.basicCredentials(URI.create("http://127.0.0.1:8089"))).isEqualTo("millgate:millgate");
		assertThat(NONE.basicCredentials(URI.create("http://[::1]:8089"))).isEqualTo("millgate:millgate");
		assertThat(new ErpProperties.Auth(null, null, "wrong", null, null, null, null)
			.basicCredentials(URI.create("http://localhost:8089"))).as("what is set is kept")
			.isEqualTo("millgate:wrong");
	}

	@Test
	void configuredCredentialsGoWhereverTheErpIs() {
		ErpProperties.Auth configured = new ErpProperties.Auth(null, "RFC_MES", "s3cret", null, null, null, null);
		assertThat(configured.basicCredentials(URI.create("https://s4.example.com:44300"))).isEqualTo("RFC_MES:s3cret");
	}

}
