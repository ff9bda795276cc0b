package org.millgate.contracts.openapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An OpenAPI 3.0 document as a tree, with local {@code $ref} resolution. Millgate
 * contracts are self-contained, so only {@code #/...} references are followed; any other
 * reference resolves to a missing node.
 */
public final class OpenApiTree {

	/** HTTP methods an OpenAPI path item may hold, in document order. */
	public static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private final JsonNode root;

	public OpenApiTree(JsonNode root) {
		this.root = root;
	}

	/**
	 * The document's root object.
	 * @return the root
	 */
	public JsonNode root() {
		return this.root;
	}

	/**
	 * Follows {@code $ref}s until a node that is not a reference. Cycles end in a missing
	 * node.
	 * @param node any node of this document
	 * @return the node it stands for
	 */
	public JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; hops < 32 && current != null && current.has("$ref"); hops++) {
			current = target(current.get("$ref").asText());
		}
		if (current == null || current.has("$ref")) {
			return MissingNode.getInstance();
		}
		return current;
	}

	/**
	 * The name of the component a node refers to, for messages.
	 * @param node a node that may be a {@code $ref}
	 * @return e.g. {@code Problem}, or null when the node is not a reference
	 */
	public static String refName(JsonNode node) {
		if (node == null || !node.has("$ref")) {
			return null;
		}
		String ref = node.get("$ref").asText();
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

	private JsonNode target(String ref) {
		if (!ref.startsWith("#/")) {
			return MissingNode.getInstance();
		}
		JsonNode node = this.root;
		for (String token : ref.substring(2).split("/")) {
			node = node.path(token.replace("~1", "/").replace("~0", "~"));
		}
		return node;
	}

	/**
	 * Every operation of the document, in document order.
	 * @return the operations
	 */
	public List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		JsonPath paths = JsonPath.root().field("paths");
		for (Map.Entry<String, JsonNode> path : fields(this.root.path("paths"))) {
			JsonNode item = resolve(path.getValue());
			for (String method : METHODS) {
				if (item.has(method)) {
					operations.add(new Operation(path.getKey(), method, item.get(method),
							paths.field(path.getKey()).field(method)));
				}
			}
		}
		return operations;
	}

	/**
	 * The parameters of an operation, each resolved: those declared on its path item,
	 * except where the operation overrides one of the same name and location, and its
	 * own.
	 * @param operation the operation
	 * @return parameter objects with the path where each is declared
	 */
	public List<Located> parameters(Operation operation) {
		Map<String, Located> parameters = new LinkedHashMap<>();
		JsonNode item = resolve(this.root.path("paths").path(operation.path()));
		JsonPath itemAt = JsonPath.root().fields("paths", operation.path());
		addParameters(item.path("parameters"), itemAt.field("parameters"), parameters);
		addParameters(operation.node().path("parameters"), operation.at().field("parameters"), parameters);
		return new ArrayList<>(parameters.values());
	}

	private void addParameters(JsonNode list, JsonPath at, Map<String, Located> into) {
		for (int i = 0; i < list.size(); i++) {
			JsonNode parameter = resolve(list.get(i));
			into.put(parameter.path("in").asText() + ":" + parameter.path("name").asText(),
					new Located(parameter, at.index(i)));
		}
	}

	/**
	 * The members of an object node in document order; none for any other node.
	 * @param node an object node or anything else
	 * @return the members
	 */
	public static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
		List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
		if (node != null && node.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> it = node.fields();
			it.forEachRemaining(fields::add);
		}
		return fields;
	}

	/**
	 * The texts of an array node; empty for any other node.
	 * @param node an array of texts or anything else
	 * @return the texts
	 */
	public static Set<String> texts(JsonNode node) {
		Set<String> texts = new LinkedHashSet<>();
		if (node != null && node.isArray()) {
			node.forEach((item) -> texts.add(item.asText()));
		}
		return texts;
	}

	/**
	 * A resolved node and the place in the document where it is used.
	 *
	 * @param node the resolved node
	 * @param at where it is used
	 */
	public record Located(JsonNode node, JsonPath at) {

	}

}
