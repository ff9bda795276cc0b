package org.millgate.orders.support;

import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import org.millgate.contracts.catalog.ContractCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks an actual response (status, headers, body) against the production-orders
 * contract of its version.
 */
public final class ContractResponses {

	private static final java.util.Map<String, OpenApiInteractionValidator> VALIDATORS = java.util.Map.of("/v1/",
			validator("v1"), "/v2/", validator("v2"));

	private ContractResponses() {
	}

	private static OpenApiInteractionValidator validator(String version) {
		return OpenApiInteractionValidator
			.createForInlineApiSpecification(
					ContractCatalog.load().contract("production-orders", version).orElseThrow().source())
			.build();
	}

	/**
	 * Asserts that a response keeps the contract.
	 * @param result the exchange
	 */
	public static void assertKeepsContract(EntityExchangeResult<byte[]> result) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(result.getStatus().value());
		result.getResponseHeaders().forEach((name, values) -> response.withHeader(name, values));
		if (result.getResponseBody() != null && result.getResponseBody().length > 0) {
			response.withBody(new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8));
		}
		String path = result.getUrl().getRawPath();
		Request.Method method = Request.Method.valueOf(result.getMethod().name());
		OpenApiInteractionValidator validator = VALIDATORS.get(path.substring(0, path.indexOf('/', 1) + 1));
		assertThat(validator).as("a contract for %s", path).isNotNull();
		ValidationReport report = validator.validateResponse(path, method, response.build());
		List<String> errors = report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.toList();
		assertThat(errors).as("%s %s -> %s keeps the contract", method, path, result.getStatus()).isEmpty();
	}

}
