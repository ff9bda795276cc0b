package org.millgate.contracts.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.units.UnitsOfMeasure;

/**
 * Checks requests against one contract. Built once per contract (building parses the
 * document); {@link #validate} is thread-safe and does no I/O.
 *
 * <p>
 * Security requirements are not checked here (the resource server or gateway does), and
 * query parameters the contract does not know are refused, so that a typo is told rather
 * than silently ignored.
 */
public final class RequestValidator {

	private static final int MAX_MESSAGE = 500;

	private static final String INFINITE_NUMBER = "Character I is neither a decimal digit number";

	private final OpenApiInteractionValidator validator;

	private final QuantityDecimals quantities;

	public RequestValidator(ContractDocument contract) {
		this(contract, true);
	}

	/**
	 * A validator whose {@code pattern} checks run on {@code java.util.regex} compiled
	 * once ({@link EcmaPattern}), or on the JavaScript engine the JSON Schema library
	 * uses by itself (slower; for comparison in the benchmarks).
	 * @param contract the contract
	 * @param compiledPatterns false for the library's JavaScript engine
	 */
	public RequestValidator(ContractDocument contract, boolean compiledPatterns) {
		OpenApiInteractionValidator.Builder builder = OpenApiInteractionValidator
			.createForInlineApiSpecification(contract.source());
		if (compiledPatterns) {
			builder.withSchemaFactorySupplier(SchemaEngine::compiledPatterns);
		}
		this.validator = builder
			.withLevelResolver(LevelResolver.create()
				.withLevel("validation.request.security", ValidationReport.Level.IGNORE)
				.withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
				.build())
			.build();
		this.quantities = QuantityDecimals.of(contract, UnitsOfMeasure.standard());
	}

	/**
	 * Validates a request.
	 * @param method the HTTP method, e.g. {@code POST}
	 * @param path the request path, without query
	 * @param query query parameters
	 * @param headers request headers
	 * @param body the body, empty for none
	 * @return the violations, empty when the request keeps the contract
	 */
	public List<RequestViolation> validate(String method, String path, Map<String, List<String>> query,
			Map<String, List<String>> headers, byte[] body) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
		query.forEach(request::withQueryParam);
		headers.forEach(request::withHeader);
		if (body.length > 0) {
			request.withBody(new String(body, StandardCharsets.UTF_8));
		}
		List<RequestViolation> violations = new ArrayList<>();
		for (ValidationReport.Message message : this.validator.validateRequest(request.build()).getMessages()) {
			if (message.getLevel() == ValidationReport.Level.ERROR) {
				String text = message.getMessage();
				if (text.contains(INFINITE_NUMBER)) {
					// the schema library read a number such as 1e5000 as infinity and
					// failed
					text = "a number in the body is larger than any number this contract accepts";
				}
				violations.add(new RequestViolation(pointer(message),
						(text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) : text));
			}
		}
		return violations;
	}

	/**
	 * Checks the quantities of a body that keeps the contract by the ERP's rule and the
	 * units table: those the contract names ({@code x-millgate-quantities}) with more
	 * decimals than their unit has, such as 1.5 pieces, or more than 10 digits before the
	 * decimal point. The ERP would refuse them, so they are refused with
	 * {@code erp.limitExceeded} before they reach it, by the gateway and the product
	 * alike.
	 * @param method the HTTP method
	 * @param path the request path, without query
	 * @param body the body, empty for none
	 * @return the violations, empty when every quantity fits its unit
	 */
	public List<RequestViolation> quantities(String method, String path, byte[] body) {
		return this.quantities.check(method, path, body);
	}

	private static String pointer(ValidationReport.Message message) {
		if ("validation.request.contentType.notAllowed".equals(message.getKey())) {
			return RequestViolation.CONTENT_TYPE;
		}
		var context = message.getContext();
		if (context.isPresent() && context.get().getParameter().isPresent()) {
			var parameter = context.get().getParameter().get();
			return "#/" + parameter.getIn() + "/" + parameter.getName();
		}
		String instance = context.flatMap(ValidationReport.MessageContext::getPointers)
			.map(ValidationReport.MessageContext.Pointers::getInstance)
			.orElse("");
		return instance.isEmpty() ? "/" : instance;
	}

}
