package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.millgate.contracts.openapi.JsonPath;

/**
 * Paths start with the major version and are kebab-case, with camelCase path parameters:
 * {@code /v1/production-orders/{orderId}/confirmations}.
 */
final class KebabCasePathsRule implements ContractRule {

	private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*");

	private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern PARAMETER = Pattern.compile("\\{[a-z][a-zA-Z0-9]*\\}");

	@Override
	public String id() {
		return "kebab-case-paths";
	}

	@Override
	public String description() {
		return "Paths are /v<major>/ followed by kebab-case segments or {camelCase} parameters.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		contract.tree().root().path("paths").fieldNames().forEachRemaining((path) -> {
			JsonPath at = JsonPath.root().fields("paths", path);
			String[] segments = path.split("/", -1);
			if (segments.length < 3 || !segments[0].isEmpty() || !VERSION.matcher(segments[1]).matches()) {
				violations.add(violation(contract.document(), at, "a path must start with /v<major>/"));
				return;
			}
			for (int i = 2; i < segments.length; i++) {
				String segment = segments[i];
				if (!SEGMENT.matcher(segment).matches() && !PARAMETER.matcher(segment).matches()) {
					violations.add(violation(contract.document(), at, "segment '" + segment
							+ "' is neither kebab-case (lower-case words joined by '-') nor a {camelCase} parameter"));
				}
			}
		});
		return violations;
	}

}
