package org.millgate.policies.hygiene;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

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
	void onlyARequestWithSomethingToDropIsCopied() {
		HygienePolicy policy = new HygienePolicy(new HygienePolicy.Config(""));
		MockServerWebExchange plain = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/shipments/1")
			.header("Authorization", "Bearer t")
			.header("Accept", "application/json")
			.header("X-Forwarded", "not a forwarding header")
			.header("X-Millgate", "no prefix"));
		assertThat(passed(policy, plain).getRequest()).isSameAs(plain.getRequest());

		for (String dropped : new String[] { "x-forwarded-for", "X-FORWARDED-HOST", "Forwarded", "X-Real-IP",
				"X-Millgate-Plant-Override", "x-MILLGATE-internal", "PROXY" }) {
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.get("/v1/shipments/1").header(dropped, "1").header("Accept", "*/*"));
			ServerWebExchange seen = passed(policy, exchange);
			assertThat(seen.getRequest()).as(dropped).isNotSameAs(exchange.getRequest());
			assertThat(seen.getRequest().getHeaders().headerNames()).as(dropped).containsExactly("Accept");
		}
		assertThat(HygienePolicy.needsCleaning(headers("X-Forwarded-For", "10.0.0.1"), true)).isFalse();
		assertThat(HygienePolicy.needsCleaning(headers("X-Millgate-Partner", "ACME"), true)).isTrue();
	}

	private static ServerWebExchange passed(HygienePolicy policy, ServerWebExchange exchange) {
		AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
		policy.filter(exchange, (passed) -> {
			seen.set(passed);
			return Mono.empty();
		}).block();
		return seen.get();
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
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

		HttpHeaders mixed = new HttpHeaders();
		mixed.set("SERVER", "nginx");
		mixed.set("x-millgate-upstream", "10.0.0.7");
		mixed.set("Content-Type", "application/json");
		HygienePolicy.secure(mixed, false);
		assertThat(mixed.containsHeader("Server")).isFalse();
		assertThat(mixed.containsHeader("X-Millgate-Upstream")).isFalse();
		assertThat(mixed.getFirst("Content-Type")).isEqualTo("application/json");
	}

}
