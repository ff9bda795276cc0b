package org.millgate.testing.problems;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every problem answer must be, from a product or the gateway: the status, an
 * {@code application/problem+json} body with the documented code, and nothing internal.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Asserts a problem answer of a WebTestClient exchange.
	 * @param result the exchange
	 * @param status the status expected
	 * @param code the problem code expected
	 */
	public static void assertProblem(EntityExchangeResult<byte[]> result, int status, String code) {
		String body = body(result);
		assertThat(result.getStatus().value()).as(body).isEqualTo(status);
		assertThat(result.getResponseHeaders().getContentType()).hasToString("application/problem+json");
		assertProblemBody(body, code);
	}

	/**
	 * Asserts a problem answer of a JDK HTTP client exchange.
	 * @param response the response
	 * @param status the status expected
	 * @param code the problem code expected
	 */
	public static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertProblemBody(response.body(), code);
	}

	/**
	 * The body of an exchange as text.
	 * @param result the exchange
	 * @return its body, empty when it had none
	 */
	public static String body(EntityExchangeResult<byte[]> result) {
		return (result.getResponseBody() != null) ? new String(result.getResponseBody(), StandardCharsets.UTF_8) : "";
	}

	private static void assertProblemBody(String body, String code) {
		assertThat((String) JsonPath.read(body, "$.code")).as(body).isEqualTo(code);
		assertThat((Integer) JsonPath.read(body, "$.status")).as(body).isBetween(400, 599);
		assertThat(body).doesNotContain("Exception", "at org.", "at java.");
	}

}
