package org.millgate.policies.hygiene;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class HygienePolicyTests {

	@Test
	void forwardingHeadersOfUntrustedPeersAreDropped() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", "10.0.0.1");
		headers.set("Forwarded", "for=10.0.0.1");
		headers.set("X-Millgate-Plant-Override", "2000");
		headers.set("Proxy", "http://evil");
		headers.set("Accept", "application/json");
		HygienePolicy.clean(headers, false);
		assertThat(headers.headerNames()).containsExactly("Accept");
	}

	@Test
	void forwardingHeadersOfTrustedPeersAreKept() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", "10.0.0.1");
		HygienePolicy.clean(headers, true);
		assertThat(headers.getFirst("X-Forwarded-For")).isEqualTo("10.0.0.1");
	}

	@Test
	void onlyPeersMatchingTheTrustedPatternAreTrusted() {
		HygienePolicy policy = new HygienePolicy(new HygienePolicy.Config("10\\.1\\.\\d+\\.\\d+"));
		assertThat(policy.isTrusted(new InetSocketAddress("10.1.2.3", 1234))).isTrue();
		assertThat(policy.isTrusted(new InetSocketAddress("127.0.0.1", 1234))).isFalse();
		assertThat(new HygienePolicy(new HygienePolicy.Config("")).isTrusted(new InetSocketAddress("127.0.0.1", 1234)))
			.isFalse();
	}

	@Test
	void responsesLoseServerDetailsAndGainSecurityHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Server", "Apache/2.4");
		headers.set("X-Powered-By", "Spring");
		headers.set("X-Millgate-Internal", "1");
		HygienePolicy.secure(headers, false);
		assertThat(headers.containsHeader("Server")).isFalse();
		assertThat(headers.containsHeader("X-Powered-By")).isFalse();
		assertThat(headers.containsHeader("X-Millgate-Internal")).isFalse();
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("Cache-Control")).isEqualTo("no-store");
		assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
		HygienePolicy.secure(headers, true);
		assertThat(headers.containsHeader("Strict-Transport-Security")).isTrue();
	}

}
