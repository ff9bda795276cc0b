package org.millgate.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.contracts.validation.RequestViolation;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTests {

	private final Problems problems = new Problems(ProblemTypes.load());

	@Test
	void should_build_a_problem_of_the_documented_type_with_code_and_correlation_id() {
		// given
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/shipments/1"));
		Correlation.bind(exchange, "corr-0001", Correlation.continueTrace(null));
		// when
		ProblemDetail problem = this.problems.problem("resource.notFound", "No such shipment.", exchange, List.of());
		// then
		assertThat(problem.getStatus()).isEqualTo(404);
		assertThat(problem.getType()).hasToString("https://millgate.dev/problems/not-found");
		assertThat(problem.getInstance()).hasToString("/v1/shipments/1");
		assertThat(problem.getProperties()).containsEntry("code", "resource.notFound")
			.containsEntry("correlationId", "corr-0001")
			.doesNotContainKey("errors");
	}

	@Test
	void should_write_a_problem_with_its_members_in_order_and_one_error_per_violation() {
		// given
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/x?limit=0"));
		HttpHeaders extra = new HttpHeaders();
		extra.set(HttpHeaders.RETRY_AFTER, "3");
		// when
		this.problems
			.write(exchange, "request.invalid", "One invalid field.",
					List.of(new RequestViolation("/query/limit", "must be at least 1")), extra)
			.block();
		// then
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(400);
		assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
		String body = exchange.getResponse().getBodyAsString().block();
		JsonNode json = JsonText.read(body.getBytes(StandardCharsets.UTF_8));
		assertThat(json.propertyNames()).containsExactly("type", "title", "status", "detail", "instance", "code",
				"errors");
		assertThat(json.path("errors").get(0).path("pointer").asString()).isEqualTo("/query/limit");
		assertThat(Problems.answeredCode(exchange)).isEqualTo("request.invalid");
	}

	@Test
	void should_keep_the_first_code_an_exchange_was_answered_with() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/x"));
		this.problems.write(exchange, "rateLimit.exceeded", "Too many calls.").block();
		this.problems.write(exchange, "server.internalError", "Late failure.").then(Mono.empty()).block();
		assertThat(Problems.answeredCode(exchange)).isEqualTo("rateLimit.exceeded");
		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(429);
	}

	@Test
	void should_name_an_instance_even_for_a_path_a_uri_may_not_hold() {
		assertThat(Problems.instance("/v1/a|b{c}")).hasToString("/v1/a%7Cb%7Bc%7D");
		assertThat(Problems.instance("/v1/100%")).hasToString("/v1/100%25");
	}

}
