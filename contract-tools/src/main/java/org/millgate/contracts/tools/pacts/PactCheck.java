package org.millgate.contracts.tools.pacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.contracts.validation.ResponseValidator;

/**
 * Checks consumer interactions against one contract offline (what PactFlow sells as
 * bi-directional contracts): the request must be one the contract accepts (a quantity
 * too, by the units table, unless the interaction expects the refusal); the expected
 * response may name fewer fields and headers than the contract promises, but no field,
 * type or format it lacks. Validators are built once per check.
 */
public final class PactCheck {

	private final RequestValidator requests;

	private final ResponseValidator responses;

	public PactCheck(ContractDocument contract) {
		this.requests = new RequestValidator(contract);
		this.responses = ResponseValidator.forConsumerExpectations(contract);
	}

	/**
	 * The violations of one interaction.
	 * @param interaction the interaction
	 * @return one line per violation, naming consumer and interaction; empty when kept
	 */
	public List<String> violations(PactInteraction interaction) {
		List<String> broken = new ArrayList<>();
		String label = interaction.label() + ": ";
		for (RequestViolation violation : this.requests.validate(interaction.method(), interaction.path(),
				interaction.query(),
				withContentType(interaction.requestHeaders(), interaction.requestBody(), "application/json"),
				interaction.requestBody())) {
			broken.add(label + "request " + violation.pointer() + ": " + violation.message());
		}
		if (interaction.status() < 400) {
			// a quantity the gateway and the product refuse (1.5 pieces) cannot be
			// answered
			// with success, whatever the consumer expects
			for (RequestViolation violation : this.requests.quantities(interaction.method(), interaction.path(),
					interaction.requestBody())) {
				broken.add(label + "request " + violation.pointer() + ": " + violation.message()
						+ "; the platform answers 422 erp.limitExceeded, not " + interaction.status());
			}
		}
		String expectedType = (interaction.status() >= 400) ? "application/problem+json" : "application/json";
		for (RequestViolation violation : this.responses.validate(interaction.method(), interaction.path(),
				interaction.status(),
				withContentType(interaction.responseHeaders(), interaction.responseBody(), expectedType),
				interaction.responseBody())) {
			broken.add(label + "response " + violation.pointer() + ": " + violation.message());
		}
		return broken;
	}

	/**
	 * A body without a content type would go unchecked; consumers often leave the header
	 * out of their expectations. Millgate answers JSON, and problems for errors.
	 */
	private static Map<String, List<String>> withContentType(Map<String, List<String>> headers, byte[] body,
			String type) {
		if (body.length == 0 || headers.keySet().stream().anyMatch((name) -> name.equalsIgnoreCase("Content-Type"))) {
			return headers;
		}
		Map<String, List<String>> completed = new LinkedHashMap<>(headers);
		completed.put("Content-Type", List.of(type));
		return completed;
	}

}
