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

	/**
	 * Compares two versions of an event product's AsyncAPI contract, as its consumers see
	 * them: the topic, each event type (matched by its CloudEvents {@code ce_type}) kept
	 * or removed, and each kept type's headers, payload and Kafka key compared as a
	 * response is (consumers read events: a value the producer may now send that it did
	 * not promise before breaks them).
	 * @param oldDocument the released version consumers rely on
	 * @param newDocument the proposed version
	 * @return every change, in document order
	 */
	public List<Change> compareEvents(ContractDocument oldDocument, ContractDocument newDocument) {
		OpenApiTree oldTree = new OpenApiTree(oldDocument.tree());
		OpenApiTree newTree = new OpenApiTree(newDocument.tree());
		List<Change> changes = new ArrayList<>();
		List<String> oldTopics = topics(oldTree);
		List<String> newTopics = topics(newTree);
		if (!oldTopics.equals(newTopics)) {
			changes.add(new Change(Severity.BREAKING, ChangeKind.TOPIC_CHANGED, String.join(", ", newTopics), "",
					"topic " + oldTopics + " became " + newTopics));
		}
		Map<String, JsonNode> oldMessages = eventTypes(oldTree);
		Map<String, JsonNode> newMessages = eventTypes(newTree);
		oldMessages.forEach((type, message) -> {
			JsonNode updated = newMessages.get(type);
			if (updated == null) {
				changes.add(new Change(Severity.BREAKING, ChangeKind.MESSAGE_REMOVED, type, "", "event type removed"));
				return;
			}
			for (String part : List.of("headers", "payload")) {
				eventSchemas(oldTree, newTree, type, part, message.path(part), updated.path(part), changes);
			}
			eventSchemas(oldTree, newTree, type, "key", message.at("/bindings/kafka/key"),
					updated.at("/bindings/kafka/key"), changes);
		});
		newMessages.keySet()
			.stream()
			.filter((type) -> !oldMessages.containsKey(type))
			.forEach((type) -> changes
				.add(new Change(Severity.NON_BREAKING, ChangeKind.MESSAGE_ADDED, type, "", "event type added")));
		return changes;
	}

	private static void eventSchemas(OpenApiTree oldTree, OpenApiTree newTree, String type, String part,
			JsonNode oldSchema, JsonNode newSchema, List<Change> changes) {
		new SchemaDiff(oldTree, newTree,
				(found) -> changes.add(new Change(found.severity(), found.kind(), type,
						found.at().isEmpty() ? part : part + ": " + found.at(), found.detail())))
			.compare(oldSchema, newSchema, Direction.RESPONSE, "");
	}

	private static List<String> topics(OpenApiTree tree) {
		List<String> topics = new ArrayList<>();
		tree.root().path("channels").forEach((channel) -> topics.add(tree.resolve(channel).path("address").asText()));
		return topics;
	}

	// the messages by their CloudEvents type, the identity consumers subscribe to; a
	// message without one by its name
	private static Map<String, JsonNode> eventTypes(OpenApiTree tree) {
		Map<String, JsonNode> types = new LinkedHashMap<>();
		tree.root().path("components").path("messages").fields().forEachRemaining((entry) -> {
			JsonNode message = tree.resolve(entry.getValue());
			String type = tree.resolve(message.path("headers")).at("/properties/ce_type/const").asText("");
			types.put(type.isEmpty() ? entry.getKey() : type, message);
		});
		return types;
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
