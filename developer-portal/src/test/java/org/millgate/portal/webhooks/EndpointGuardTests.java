package org.millgate.portal.webhooks;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A partner's endpoint is no way into the platform's network: https only, and no internal
 * address, neither written in the URL nor resolved from its name before an attempt.
 */
class EndpointGuardTests {

	private final EndpointGuard production = new EndpointGuard(false, false);

	@Test
	void an_https_endpoint_on_the_internet_is_accepted() {
		assertThat(this.production.check("https://partner.example/millgate/shipments?key=1").getHost())
			.isEqualTo("partner.example");
		assertThat(this.production.refusal(URI.create("https://93.184.215.14/hook"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://partner.example/hook", "ftp://partner.example/hook", "partner.example/hook",
			"https:///hook", "https://user:secret@partner.example/hook", "https://partner.example/hook#part",
			"https://localhost/hook", "https://printer.local/hook", "https://metadata.google.internal/hook" })
	void other_endpoints_are_refused_with_the_reason(String url) {
		assertThatExceptionOfType(Webhooks.Refused.class).isThrownBy(() -> this.production.check(url))
			.withMessageStartingWith("The endpoint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0",
			"100.64.0.1", "198.18.0.7", "[::1]", "[fd00::1]", "[fe80::1]", "224.0.0.1" })
	void internal_addresses_are_refused_before_every_attempt(String host) {
		URI uri = this.production.check("https://" + host + "/hook");
		assertThat(this.production.refusal(uri)).contains("internal address");
	}

	@Test
	void a_demo_allows_http_and_this_machine() {
		EndpointGuard demo = new EndpointGuard(true, true);
		URI uri = demo.check("http://127.0.0.1:9999/hook");
		assertThat(demo.refusal(uri)).isNull();
		assertThatExceptionOfType(Webhooks.Refused.class).isThrownBy(() -> demo.check("ftp://127.0.0.1/hook"));
	}

	@Test
	void public_addresses_are_not_internal() throws Exception {
		assertThat(EndpointGuard.internal(InetAddress.getByName("8.8.8.8"))).isFalse();
		assertThat(EndpointGuard.internal(InetAddress.getByName("2001:4860:4860::8888"))).isFalse();
	}

}
