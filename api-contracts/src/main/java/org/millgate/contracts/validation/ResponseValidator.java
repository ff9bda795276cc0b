package org.millgate.contracts.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import org.millgate.contracts.catalog.ContractDocument;

/**
 * Checks responses against one contract: status documented for the operation, headers and
 * body schema. Built once per contract; {@link #validate} is thread-safe and does no I/O.
 */
public final class ResponseValidator {

	private static final int MAX_MESSAGE = 500;

	private final OpenApiInteractionValidator validator;

	public ResponseValidator(ContractDocument contract) {
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(contract.source()).build();
	}

	/**
	 * Validates a response.
	 * @param method the request's HTTP method
	 * @param path the request path, without query
	 * @param status the response status
	 * @param headers the response headers
	 * @param body the body, empty for none
	 * @return the violations, empty when the response keeps the contract
	 */
	public List<RequestViolation> validate(String method, String path, int status, Map<String, List<String>> headers,
			byte[] body) {
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		headers.forEach(response::withHeader);
		if (body.length > 0) {
			response.withBody(new String(body, StandardCharsets.UTF_8));
		}
		List<RequestViolation> violations = new ArrayList<>();
		ValidationReport report = this.validator.validateResponse(path,
				Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() == ValidationReport.Level.ERROR) {
				String text = message.getMessage();
				String pointer = message.getContext()
					.flatMap(ValidationReport.MessageContext::getPointers)
					.map(ValidationReport.MessageContext.Pointers::getInstance)
					.filter((instance) -> !instance.isEmpty())
					.orElse("/");
				violations.add(new RequestViolation(pointer,
						(text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) : text));
			}
		}
		return violations;
	}

}
