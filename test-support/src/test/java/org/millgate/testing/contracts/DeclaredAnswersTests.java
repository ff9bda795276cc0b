package org.millgate.testing.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.millgate.testing.contracts.DeclaredAnswers.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The check every product's suite runs its answers through: an undeclared status or body
 * is reported, a declared one is not, and what is no operation of the contract is left
 * alone.
 */
class DeclaredAnswersTests {

	private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"),
			"X-Correlation-Id", List.of("c-12345678"));

	private static final String NOT_FOUND = """
			{"type":"https://millgate.dev/problems/not-found","title":"Resource not found","status":404,
			 "detail":"There is no production order 1.","instance":"/v1/production-orders/1","code":"resource.notFound",
			 "correlationId":"c-12345678"}""";

	@Test
	void should_report_a_status_the_operation_does_not_declare() {
		List<String> undeclared = DeclaredAnswers.undeclared("production-orders",
				List.of(exchange("GET", "/v1/production-orders/1", 418, NOT_FOUND.replace("404", "418"))));

		assertThat(undeclared).singleElement().asString().startsWith("GET /v1/production-orders/1 → 418");
	}

	@Test
	void should_report_a_body_other_than_the_declared_one() {
		List<String> undeclared = DeclaredAnswers.undeclared("production-orders",
				List.of(exchange("GET", "/v1/production-orders/1", 404, "{\"message\":\"nope\"}")));

		assertThat(undeclared).hasSize(1);
	}

	@Test
	void should_pass_a_declared_answer_and_leave_what_is_no_operation_alone() {
		List<String> undeclared = DeclaredAnswers.undeclared("production-orders",
				List.of(exchange("GET", "/v1/production-orders/1", 404, NOT_FOUND),
						exchange("GET", "/contracts/production-orders/v1.yaml", 200, "openapi: 3.0.3"),
						exchange("GET", "/v7/production-orders/1", 404, "{}"),
						exchange("GET", "/actuator/health", 200, "{}")));

		assertThat(undeclared).isEmpty();
	}

	@Test
	void should_refuse_to_check_against_a_product_it_does_not_know() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeclaredAnswers.undeclared(null, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> DeclaredAnswers.undeclared("nothing", List.of()));
	}

	private static Exchange exchange(String method, String path, int status, String body) {
		return new Exchange(method, path, status, PROBLEM, body.getBytes(StandardCharsets.UTF_8));
	}

}
