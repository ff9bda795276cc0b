package org.millgate.testing.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import org.millgate.contracts.catalog.ContractCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks actual responses (status, headers, body) against the contract of the product
 * version their path names ({@code /v1/...}), with a validator the project did not write.
 */
public final class ContractResponses {

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

	private final String product;

	private ContractResponses(String product) {
		this.product = product;
	}

	/**
	 * The checks for one product.
	 * @param product the product id, e.g. {@code inventory}
	 * @return its checks
	 */
	public static ContractResponses of(String product) {
		return new ContractResponses(product);
	}

	/**
	 * Asserts that a response keeps the contract of its version.
	 * @param result the exchange
	 */
	public void assertKeepsContract(EntityExchangeResult<byte[]> result) {
		String path = result.getUrl().getRawPath();
		String version = path.substring(1, Math.max(1, path.indexOf('/', 1)));
		OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(this.product + "/" + version,
				(key) -> CATALOG.contract(this.product, version)
					.map((contract) -> OpenApiInteractionValidator.createForInlineApiSpecification(contract.source())
						.build())
					.orElse(null));
		assertThat(validator).as("a contract of %s for %s", this.product, path).isNotNull();
		SimpleResponse.Builder response = SimpleResponse.Builder.status(result.getStatus().value());
		result.getResponseHeaders().forEach(response::withHeader);
		if (result.getResponseBody() != null && result.getResponseBody().length > 0) {
			response.withBody(new String(result.getResponseBody(), StandardCharsets.UTF_8));
		}
		Request.Method method = Request.Method.valueOf(result.getMethod().name());
		ValidationReport report = validator.validateResponse(path, method, response.build());
		List<String> errors = report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.toList();
		assertThat(errors).as("%s %s -> %s keeps the contract", method, path, result.getStatus()).isEmpty();
	}

}
