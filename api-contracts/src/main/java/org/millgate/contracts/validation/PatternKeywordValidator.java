package org.millgate.contracts.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.processing.Processor;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.keyword.validator.AbstractKeywordValidator;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;

/**
 * The JSON Schema {@code pattern} keyword with {@link EcmaPattern}: the same verdict and
 * message as the library's own validator, without a JavaScript engine per check. Public
 * because the library builds keyword validators by reflection.
 */
public final class PatternKeywordValidator extends AbstractKeywordValidator {

	static final String KEYWORD = "pattern";

	/**
	 * Built by the library, once per digest.
	 * @param digest the keyword's digest (none for {@code pattern})
	 */
	public PatternKeywordValidator(JsonNode digest) {
		super(KEYWORD);
	}

	@Override
	public void validate(Processor<FullData, FullData> processor, ProcessingReport report, MessageBundle bundle,
			FullData data) throws ProcessingException {
		String regex = data.getSchema().getNode().get(this.keyword).textValue();
		String value = data.getInstance().getNode().textValue();
		if (!EcmaPattern.of(regex).test(value)) {
			report.error(newMsg(data, bundle, "err.common.pattern.noMatch").putArgument("regex", regex)
				.putArgument("string", value));
		}
	}

	@Override
	public String toString() {
		return this.keyword;
	}

}
