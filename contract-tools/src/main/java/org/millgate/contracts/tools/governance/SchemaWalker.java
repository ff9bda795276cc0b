package org.millgate.contracts.tools.governance;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.JsonPath;
import org.millgate.contracts.openapi.OpenApiTree;

/**
 * Visits a schema and every schema nested in it (properties, items, additional
 * properties, compositions), following local references once each, so recursive schemas
 * terminate. Used by the rules that judge schemas (paginated lists, valid examples).
 */
final class SchemaWalker {

	private static final String[] COMPOSITIONS = { "allOf", "oneOf", "anyOf" };

	private final OpenApiTree tree;

	private final boolean followReferences;

	/**
	 * A walker that follows references.
	 * @param tree the document the schemas belong to
	 */
	public SchemaWalker(OpenApiTree tree) {
		this(tree, true);
	}

	private SchemaWalker(OpenApiTree tree, boolean followReferences) {
		this.tree = tree;
		this.followReferences = followReferences;
	}

	/**
	 * A walker that visits only the schemas written inline, not those a reference points
	 * to: for checks that visit every component anyway.
	 * @param tree the document the schemas belong to
	 * @return the walker
	 */
	public static SchemaWalker inlineOnly(OpenApiTree tree) {
		return new SchemaWalker(tree, false);
	}

	/**
	 * Walks a schema.
	 * @param schema the schema node, possibly a reference
	 * @param at where the schema is used
	 * @param visitor called once per schema, with the resolved node
	 */
	public void walk(JsonNode schema, JsonPath at, Visitor visitor) {
		walk(schema, at, null, visitor, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private void walk(JsonNode schema, JsonPath at, String propertyName, Visitor visitor, Set<JsonNode> seen) {
		if (!this.followReferences && schema.has("$ref")) {
			return;
		}
		JsonNode resolved = this.tree.resolve(schema);
		if (resolved.isMissingNode() || !seen.add(resolved)) {
			return;
		}
		visitor.visit(resolved, at, propertyName);
		for (Map.Entry<String, JsonNode> property : OpenApiTree.fields(resolved.path("properties"))) {
			walk(property.getValue(), at.fields("properties", property.getKey()), property.getKey(), visitor, seen);
		}
		if (resolved.has("items")) {
			walk(resolved.get("items"), at.field("items"), null, visitor, seen);
		}
		if (resolved.path("additionalProperties").isObject()) {
			walk(resolved.get("additionalProperties"), at.field("additionalProperties"), null, visitor, seen);
		}
		for (String composition : COMPOSITIONS) {
			JsonNode parts = resolved.path(composition);
			for (int i = 0; i < parts.size(); i++) {
				walk(parts.get(i), at.field(composition).index(i), propertyName, visitor, seen);
			}
		}
	}

	/**
	 * Receives each schema of a walk.
	 */
	@FunctionalInterface
	public interface Visitor {

		/**
		 * Called for one schema.
		 * @param schema the resolved schema
		 * @param at where it is used
		 * @param propertyName the property it describes, or null
		 */
		void visit(JsonNode schema, JsonPath at, String propertyName);

	}

}
