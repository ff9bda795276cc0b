package org.millgate.contracts.tools.compat;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.OpenApiTree;

/**
 * Compares the properties of two object schemas: added, removed, newly required or
 * optional, each judged by direction.
 */
final class PropertyDiff {

	private final SchemaDiff schemas;

	private final JsonNode before;

	private final JsonNode after;

	private final Direction direction;

	private final String at;

	PropertyDiff(SchemaDiff schemas, JsonNode before, JsonNode after, Direction direction, String at) {
		this.schemas = schemas;
		this.before = before;
		this.after = after;
		this.direction = direction;
		this.at = at;
	}

	void compare() {
		JsonNode oldProperties = this.before.path("properties");
		JsonNode newProperties = this.after.path("properties");
		Set<String> oldRequired = OpenApiTree.texts(this.before.path("required"));
		Set<String> newRequired = OpenApiTree.texts(this.after.path("required"));
		for (Map.Entry<String, JsonNode> property : OpenApiTree.fields(oldProperties)) {
			String name = property.getKey();
			String where = child(name);
			if (!newProperties.has(name)) {
				removed(where);
				continue;
			}
			if (!oldRequired.contains(name) && newRequired.contains(name)) {
				this.schemas.report(this.direction.ofNarrowing(), ChangeKind.PROPERTY_REQUIRED, where,
						"property became required");
			}
			else if (oldRequired.contains(name) && !newRequired.contains(name)) {
				this.schemas.report(this.direction.ofWidening(), ChangeKind.PROPERTY_OPTIONAL, where,
						"property became optional");
			}
			this.schemas.compare(property.getValue(), newProperties.get(name), this.direction, where);
		}
		for (Map.Entry<String, JsonNode> property : OpenApiTree.fields(newProperties)) {
			String name = property.getKey();
			if (oldProperties.has(name)) {
				continue;
			}
			boolean required = newRequired.contains(name);
			Severity severity = (this.direction == Direction.REQUEST && required) ? Severity.BREAKING
					: Severity.NON_BREAKING;
			this.schemas.report(severity, ChangeKind.PROPERTY_ADDED, child(name),
					required ? "required property added" : "optional property added");
		}
		// A required name without a declared property (legal in JSON Schema) still binds.
		for (String name : newRequired) {
			if (!oldRequired.contains(name) && !oldProperties.has(name) && !newProperties.has(name)) {
				this.schemas.report(this.direction.ofNarrowing(), ChangeKind.PROPERTY_REQUIRED, child(name),
						"property became required");
			}
		}
		if (this.direction == Direction.REQUEST && !isClosed(this.before) && isClosed(this.after)) {
			this.schemas.report(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED, this.at,
					"additionalProperties became false: properties not listed are now rejected");
		}
	}

	// A request property may be dropped only where unknown properties are still accepted.
	private void removed(String where) {
		if (this.direction == Direction.RESPONSE) {
			this.schemas.report(Severity.BREAKING, ChangeKind.PROPERTY_REMOVED, where, "response property removed");
		}
		else if (isClosed(this.after)) {
			this.schemas.report(Severity.BREAKING, ChangeKind.PROPERTY_REMOVED, where,
					"request property removed; consumers that send it are rejected (additionalProperties: false)");
		}
		else {
			this.schemas.report(Severity.NON_BREAKING, ChangeKind.PROPERTY_REMOVED, where,
					"request property removed; it is ignored when sent");
		}
	}

	private String child(String name) {
		return this.at.isEmpty() ? name : this.at + "." + name;
	}

	private static boolean isClosed(JsonNode schema) {
		return schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean();
	}

}
