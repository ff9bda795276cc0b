package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Every list a response returns is bounded: either it is the {@code items} of a page (the
 * operation takes {@code limit} and {@code cursor}, the page has {@code nextCursor}) or
 * the array declares {@code maxItems}. An unbounded list is an outage waiting for a big
 * plant.
 */
final class PaginatedListsRule implements ContractRule {

	@Override
	public String id() {
		return "paginated-lists";
	}

	@Override
	public String description() {
		return "Every response array is a cursor-paginated page's items (limit, cursor, nextCursor) or has maxItems.";
	}

	@Override
	public List<Violation> check(ReviewedContract contract) {
		List<Violation> violations = new ArrayList<>();
		OpenApiTree tree = contract.tree();
		SchemaWalker walker = new SchemaWalker(tree);
		for (Operation operation : tree.operations()) {
			boolean pagedOperation = hasParameter(tree, operation, "limit") && hasParameter(tree, operation, "cursor");
			tree.parameters(operation)
				.stream()
				.filter((parameter) -> parameter.node().path("name").asText().equals("limit"))
				.filter((parameter) -> !tree.resolve(parameter.node().path("schema")).has("maximum"))
				.forEach((parameter) -> violations.add(violation(contract.document(), parameter.at(),
						"parameter limit of " + operation.label() + " has no maximum: pages are unbounded")));
			for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(operation.node().path("responses"))) {
				if (!response.getKey().startsWith("2")) {
					continue;
				}
				JsonPath responseAt = operation.at().fields("responses", response.getKey(), "content");
				for (Map.Entry<String, JsonNode> media : OpenApiTree
					.fields(tree.resolve(response.getValue()).path("content"))) {
					JsonNode schema = media.getValue().path("schema");
					JsonNode page = tree.resolve(schema);
					JsonNode pageItems = tree.resolve(page.path("properties").path("items"));
					boolean isPage = pagedOperation && page.path("properties").has("nextCursor");
					walker.walk(schema, responseAt.fields(media.getKey(), "schema"), (node, at, property) -> {
						if (!node.path("type").asText().equals("array") || node.has("maxItems")) {
							return;
						}
						if (isPage && node == pageItems) {
							return;
						}
						violations.add(violation(contract.document(), at,
								"unbounded array in a response of " + operation.label()
										+ ": make it the items of a page (parameters limit and cursor, "
										+ "property nextCursor) or give it maxItems"));
					});
				}
			}
		}
		return violations;
	}

	private boolean hasParameter(OpenApiTree tree, Operation operation, String name) {
		return tree.parameters(operation)
			.stream()
			.anyMatch((parameter) -> parameter.node().path("name").asText().equals(name)
					&& parameter.node().path("in").asText().equals("query"));
	}

}
