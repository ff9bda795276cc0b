package org.millgate.contracts.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import org.millgate.contracts.catalog.ContractDocument;

/**
 * Checks responses against one contract: status documented for the operation, headers and
 * body schema. Built once per contract; {@link #validate} is thread-safe and does no I/O.
 */
public final class ResponseValidator {

	private static final int MAX_MESSAGE = 500;

	private static final String REQUIRED = "validation.response.body.schema.required";

	private final OpenApiInteractionValidator validator;

	private final boolean partial;

	public ResponseValidator(ContractDocument contract) {
		this(contract, true);
	}

	/**
	 * A validator whose {@code pattern} checks run on {@code java.util.regex} compiled
	 * once ({@link EcmaPattern}), or on the JavaScript engine the JSON Schema library
	 * uses by itself (slower; for comparison in the benchmarks).
	 * @param contract the contract
	 * @param compiledPatterns false for the library's JavaScript engine
	 */
	public ResponseValidator(ContractDocument contract, boolean compiledPatterns) {
		this(engine(OpenApiInteractionValidator.createForInlineApiSpecification(contract.source()), compiledPatterns)
			.build(), false);
	}

	private static OpenApiInteractionValidator.Builder engine(OpenApiInteractionValidator.Builder builder,
			boolean compiledPatterns) {
		return compiledPatterns ? builder.withSchemaFactorySupplier(SchemaEngine::compiledPatterns) : builder;
	}

	private ResponseValidator(OpenApiInteractionValidator validator, boolean partial) {
		this.validator = validator;
		this.partial = partial;
	}

	/**
	 * A validator for what a consumer expects of responses (a pact): the expectation may
	 * name fewer properties and headers than the contract promises, but every property it
	 * names must exist in the contract with a matching type and format.
	 * @param contract the contract
	 * @return the validator
	 */
	public static ResponseValidator forConsumerExpectations(ContractDocument contract) {
		return new ResponseValidator(
				engine(OpenApiInteractionValidator.createForInlineApiSpecification(contract.source()), true)
					.withLevelResolver(LevelResolver.create()
						.withLevel(REQUIRED, ValidationReport.Level.IGNORE)
						.withLevel("validation.response.header.missing", ValidationReport.Level.IGNORE)
						.build())
					.build(),
				true);
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
			if (message.getLevel() == ValidationReport.Level.ERROR && !(this.partial && onlyMissing(message))) {
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

	// A composed schema (allOf, ...) reports missing required properties as its own
	// failure, with the missing ones as nested messages.
	private static boolean onlyMissing(ValidationReport.Message message) {
		if (message.getKey().equals(REQUIRED)) {
			return true;
		}
		List<ValidationReport.Message> nested = message.getNestedMessages();
		return !nested.isEmpty() && nested.stream().allMatch(ResponseValidator::onlyMissing);
	}

}
