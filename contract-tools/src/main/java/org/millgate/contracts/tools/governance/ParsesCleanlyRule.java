package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.millgate.contracts.openapi.JsonPath;

/**
 * The document is OpenAPI 3.0.x and swagger-parser reads it without a single error or
 * warning: what the gateway's validator and the portal read must be what was written.
 */
final class ParsesCleanlyRule implements ContractRule {

	private static final Pattern ATTRIBUTE = Pattern.compile("^attribute (\\S+) is (?:unexpected|missing)");

	@Override
	public String id() {
		return "parses-cleanly";
	}

	@Override
	public String description() {
		return "The document is OpenAPI 3.0.x and parses with no errors or warnings.";
	}

	// swagger-parser says "attribute paths.'/v1/x'(get).foo is unexpected": turn its
	// attribute path into a JSON path where it names one.
	static String location(String message) {
		Matcher matcher = ATTRIBUTE.matcher(message);
		if (!matcher.find()) {
			return "$";
		}
		return "$." + matcher.group(1).replaceAll("\\((\\w+)\\)", ".$1").replaceAll("\\.'([^']*)'", "['$1']");
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		String version = contract.tree().root().path("openapi").asText("");
		if (!version.startsWith("3.0.")) {
			violations.add(violation(contract.document(), JsonPath.root().field("openapi"),
					"is '" + version + "'; contracts are OpenAPI 3.0.x (3.0.3) until validators enforce 3.1"));
		}
		SwaggerParseResult result = contract.document().parse();
		if (result.getMessages() != null) {
			result.getMessages()
				.forEach((message) -> violations.add(violation(contract.document(), location(message), message)));
		}
		if (result.getOpenAPI() == null && violations.isEmpty()) {
			violations.add(violation(contract.document(), JsonPath.root(), "cannot be parsed as OpenAPI"));
		}
		return violations;
	}

}
