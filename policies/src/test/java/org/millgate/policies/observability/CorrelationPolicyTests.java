package org.millgate.policies.observability;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.web.Correlation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation of a request through the policy: what the product gets, what the caller
 * gets back, and what the other policies read. The rule itself is web-core's.
 */
class CorrelationPolicyTests {

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	private final CorrelationPolicy policy = new CorrelationPolicy();

	@Test
	void should_keep_a_correlation_id_the_contracts_allow() {
		for (String allowed : new String[] { "plant-1000:line-4.42", "-plant-1000", "x".repeat(128), "12345678" }) {
			Passed passed = pass(MockServerHttpRequest.get("/v1/shipments/1").header(Correlation.HEADER, allowed));

			assertThat(passed.upstream().getFirst(Correlation.HEADER)).as(allowed).isEqualTo(allowed);
			assertThat(passed.response().getFirst(Correlation.HEADER)).as(allowed).isEqualTo(allowed);
		}
	}

	@Test
	void should_replace_a_correlation_id_the_contracts_do_not_allow() {
		for (String refused : new String[] { "bad id\r\nX-Injected: 1", "line-42", "x".repeat(129), "" }) {
			Passed passed = pass(MockServerHttpRequest.get("/v1/shipments/1").header(Correlation.HEADER, refused));

			String replaced = passed.upstream().getFirst(Correlation.HEADER);
			assertThat(replaced).as(refused).matches(UUID);
			assertThat(passed.response().getFirst(Correlation.HEADER)).isEqualTo(replaced);
		}
		assertThat(pass(MockServerHttpRequest.get("/v1/shipments/1")).upstream().getFirst(Correlation.HEADER))
			.matches(UUID);
	}

	@Test
	void should_continue_the_callers_trace_with_a_new_span_and_drop_its_state() {
		Passed passed = pass(MockServerHttpRequest.get("/v1/shipments/1")
			.header(Correlation.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.header("tracestate", "vendor=secret"));

		String forwarded = passed.upstream().getFirst(Correlation.TRACEPARENT);
		assertThat(forwarded).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
			.endsWith("-01")
			.doesNotContain("b7ad6b7169203331");
		assertThat(passed.response().getFirst(Correlation.TRACEPARENT)).isEqualTo(forwarded);
		assertThat(passed.upstream().containsHeader("tracestate")).isFalse();
	}

	@Test
	void should_replace_the_products_copies_on_the_answer() {
		Passed passed = pass(
				MockServerHttpRequest.get("/v1/shipments/1").header(Correlation.HEADER, "plant-1000-line-4"),
				(exchange) -> {
					exchange.getResponse().getHeaders().set(Correlation.HEADER, "product-made-id");
					exchange.getResponse().getHeaders().set(Correlation.TRACEPARENT, "00-product");
				});

		assertThat(passed.response().get(Correlation.HEADER)).containsExactly("plant-1000-line-4");
		assertThat(passed.response().getFirst(Correlation.TRACEPARENT))
			.isEqualTo(passed.upstream().getFirst(Correlation.TRACEPARENT));
	}

	@Test
	void should_tell_the_other_policies_the_correlation_and_trace_ids() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/shipments/1")
			.header(Correlation.HEADER, "plant-1000-line-4")
			.header(Correlation.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

		this.policy.filter(exchange, (passed) -> Mono.empty()).block();

		assertThat(Correlation.id(exchange)).isEqualTo("plant-1000-line-4");
		assertThat((String) exchange.getAttribute(Correlation.TRACE_ID_ATTRIBUTE))
			.isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	private Passed pass(MockServerHttpRequest.BaseBuilder<?> request) {
		return pass(request, (exchange) -> {
		});
	}

	// the request through the policy to a product that answers, then the answer sent
	private Passed pass(MockServerHttpRequest.BaseBuilder<?> request, Consumer<ServerWebExchange> product) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		AtomicReference<HttpHeaders> upstream = new AtomicReference<>();
		this.policy.filter(exchange, (passed) -> {
			upstream.set(HttpHeaders.readOnlyHttpHeaders(passed.getRequest().getHeaders()));
			product.accept(passed);
			return passed.getResponse().setComplete();
		}).block();
		return new Passed(upstream.get(), exchange.getResponse().getHeaders());
	}

	record Passed(HttpHeaders upstream, HttpHeaders response) {

	}

}
