package org.millgate.contracts.tools.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * Compares two versions of a contract and lists every change, classified as breaking or
 * not for consumers of the old version.
 *
 * <p>
 * Paths are matched by their template with parameter names ignored, so renaming
 * {@code {id}} to {@code {orderId}} is no change to consumers. Request schemas must keep
 * accepting what they accepted; response schemas must not produce what they did not
 * promise. The rules per kind of change are in {@link ChangeKind}'s users and the README.
 */
public final class CompatibilityChecker {

	/**
	 * Compares two major versions of one product, their paths without the version prefix
	 * ({@code /v1/x} and {@code /v2/x} are the same operation): what consumers of the
	 * older one meet when they move.
	 * @param older the older version's contract
	 * @param olderVersion its version, e.g. {@code v1}
	 * @param newer the newer version's contract
	 * @param newerVersion its version, e.g. {@code v2}
	 * @return every change, in document order
	 */
	public List<Change> compareAcrossVersions(ContractDocument older, String olderVersion, ContractDocument newer,
			String newerVersion) {
		ContractDocument moved = ContractDocument.of(older.name(),
				older.source().replace("/" + olderVersion + "/", "/" + newerVersion + "/"));
		return compare(moved, newer);
	}

	/**
	 * Compares two documents.
	 * @param oldDocument the released version consumers rely on
	 * @param newDocument the proposed version
	 * @return every change, in document order
	 */
	public List<Change> compare(ContractDocument oldDocument, ContractDocument newDocument) {
		OpenApiTree oldTree = new OpenApiTree(oldDocument.tree());
		OpenApiTree newTree = new OpenApiTree(newDocument.tree());
		List<Change> changes = new ArrayList<>();
		Map<String, String> oldPaths = templates(oldTree);
		Map<String, String> newPaths = templates(newTree);
		oldPaths.forEach((template, path) -> {
			if (!newPaths.containsKey(template)) {
				changes.add(new Change(Severity.BREAKING, ChangeKind.PATH_REMOVED, path, "", "path removed"));
			}
		});
		newPaths.forEach((template, path) -> {
			if (!oldPaths.containsKey(template)) {
				changes.add(new Change(Severity.NON_BREAKING, ChangeKind.PATH_ADDED, path, "", "path added"));
			}
		});
		oldPaths.forEach((template, path) -> {
			if (newPaths.containsKey(template)) {
				comparePathItems(oldTree, newTree, path, newPaths.get(template), changes);
			}
		});
		return changes;
	}

	private void comparePathItems(OpenApiTree oldTree, OpenApiTree newTree, String oldPath, String newPath,
			List<Change> changes) {
		JsonNode oldItem = oldTree.resolve(oldTree.root().path("paths").path(oldPath));
		JsonNode newItem = newTree.resolve(newTree.root().path("paths").path(newPath));
		for (String method : OpenApiTree.METHODS) {
			String label = method.toUpperCase(Locale.ROOT) + " " + newPath;
			if (oldItem.has(method) && !newItem.has(method)) {
				changes
					.add(new Change(Severity.BREAKING, ChangeKind.OPERATION_REMOVED, label, "", "operation removed"));
			}
			else if (!oldItem.has(method) && newItem.has(method)) {
				changes
					.add(new Change(Severity.NON_BREAKING, ChangeKind.OPERATION_ADDED, label, "", "operation added"));
			}
			else if (oldItem.has(method)) {
				OperationDiff diff = new OperationDiff(oldTree, newTree, label, changes);
				diff.security(scopes(oldTree, oldItem.get(method)), scopes(newTree, newItem.get(method)));
				diff.parameters(oldTree.parameters(operation(oldTree, oldPath, method)), oldPath,
						newTree.parameters(operation(newTree, newPath, method)), newPath);
				diff.requestBody(oldItem.get(method).path("requestBody"), newItem.get(method).path("requestBody"));
				diff.responses(oldItem.get(method).path("responses"), newItem.get(method).path("responses"));
			}
		}
	}

	private static Operation operation(OpenApiTree tree, String path, String method) {
		return tree.operations()
			.stream()
			.filter((operation) -> operation.path().equals(path) && operation.method().equals(method))
			.findFirst()
			.orElseThrow();
	}

	// Operation security, or the document's default when the operation declares none:
	// alternatives (any one suffices), each the schemes and scopes it requires together.
	private static Set<String> scopes(OpenApiTree tree, JsonNode operation) {
		JsonNode security = operation.has("security") ? operation.get("security") : tree.root().path("security");
		Set<String> alternatives = new TreeSet<>();
		security.forEach((requirement) -> {
			Set<String> together = new TreeSet<>();
			OpenApiTree.fields(requirement)
				.forEach((scheme) -> together.add(scheme.getKey() + "("
						+ String.join(" ", new TreeSet<>(OpenApiTree.texts(scheme.getValue()))) + ")"));
			alternatives.add(together.isEmpty() ? "anonymous" : String.join(" + ", together));
		});
		return alternatives;
	}

	private static Map<String, String> templates(OpenApiTree tree) {
		Map<String, String> templates = new LinkedHashMap<>();
		tree.root()
			.path("paths")
			.fieldNames()
			.forEachRemaining((path) -> templates.put(path.replaceAll("\\{[^}]*}", "{}"), path));
		return templates;
	}

}
