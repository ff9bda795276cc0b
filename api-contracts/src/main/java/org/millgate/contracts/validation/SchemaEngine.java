package org.millgate.contracts.validation;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.keyword.syntax.dictionaries.CommonSyntaxCheckerDictionary;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.keyword.digest.helpers.NullDigester;
import com.github.fge.jsonschema.library.Keyword;
import com.github.fge.jsonschema.library.Library;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.msgsimple.load.MessageBundles;

/**
 * The JSON Schema engine of the contract validators: the OpenAPI library's own (its
 * formats and keywords, its messages), with {@code pattern} checked by
 * {@link PatternKeywordValidator} instead of a JavaScript engine.
 */
final class SchemaEngine {

	private static final Library LIBRARY = SwaggerV20Library.get()
		.thaw()
		.addKeyword(Keyword.newBuilder(PatternKeywordValidator.KEYWORD)
			.withSyntaxChecker(CommonSyntaxCheckerDictionary.get().entries().get(PatternKeywordValidator.KEYWORD))
			.withDigester(new NullDigester(PatternKeywordValidator.KEYWORD, NodeType.STRING))
			.withValidatorClass(PatternKeywordValidator.class)
			.freeze())
		.freeze();

	private SchemaEngine() {
	}

	/**
	 * A schema factory as the OpenAPI library builds it by default, with compiled
	 * patterns.
	 * @return a new factory
	 */
	static JsonSchemaFactory compiledPatterns() {
		return JsonSchemaFactory.newBuilder()
			.setValidationConfiguration(ValidationConfiguration.newBuilder()
				.setDefaultLibrary(SwaggerV20Library.OAI_V2_METASCHEMA_URI, LIBRARY)
				.setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
				.setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
				.freeze())
			.setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
			.freeze();
	}

}
