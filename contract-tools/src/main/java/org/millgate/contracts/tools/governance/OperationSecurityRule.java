package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Every operation declares its own security requirement naming a declared OAuth2 scheme
 * and at least one of that scheme's scopes: the gateway reads the scope per operation
 * from here, so an operation without one would be open or unreachable.
 */
final class OperationSecurityRule implements ContractRule {

	@Override
	public String id() {
		return "operation-security";
	}

	@Override
	public String description() {
		return "Every operation declares security with at least one scope declared by its OAuth2 scheme.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		JsonNode schemes = contract.tree().root().path("components").path("securitySchemes");
		for (Operation operation : contract.tree().operations()) {
			JsonNode security = operation.node().path("security");
			JsonPath at = operation.at().field("security");
			if (!security.isArray() || security.isEmpty()) {
				violations.add(violation(contract.document(), operation.at(),
						"declares no security; every operation needs security: [{oauth2: [<scope>]}]"));
				continue;
			}
			for (int i = 0; i < security.size(); i++) {
				if (security.get(i).isEmpty()) {
					violations.add(violation(contract.document(), at.index(i),
							"an empty security requirement lets anonymous callers in"));
				}
				for (Map.Entry<String, JsonNode> requirement : OpenApiTree.fields(security.get(i))) {
					JsonPath requirementAt = at.index(i).field(requirement.getKey());
					JsonNode scheme = contract.tree().resolve(schemes.path(requirement.getKey()));
					if (!scheme.path("type").asText().equals("oauth2")) {
						violations.add(violation(contract.document(), requirementAt,
								"'" + requirement.getKey() + "' is not a declared oauth2 security scheme"));
						continue;
					}
					Set<String> declared = declaredScopes(scheme);
					Set<String> used = OpenApiTree.texts(requirement.getValue());
					if (used.isEmpty()) {
						violations.add(violation(contract.document(), requirementAt, "names no scope"));
					}
					used.stream()
						.filter((scope) -> !declared.contains(scope))
						.forEach((scope) -> violations.add(violation(contract.document(), requirementAt,
								"scope '" + scope + "' is not declared by the scheme (declared: " + declared + ")")));
				}
			}
		}
		return violations;
	}

	private Set<String> declaredScopes(JsonNode scheme) {
		Set<String> scopes = new TreeSet<>();
		OpenApiTree.fields(scheme.path("flows"))
			.forEach((flow) -> flow.getValue().path("scopes").fieldNames().forEachRemaining(scopes::add));
		return scopes;
	}

}
