package org.millgate.contracts.tools.compat;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.openapi.OpenApiTree;

/**
 * Compares two schemas in one direction, recursively, reporting each change with the
 * property path where it happened ({@code items[].status}).
 */
final class SchemaDiff {

	private static final List<String> UPPER_BOUNDS = List.of("maxLength", "maxItems", "maximum", "maxProperties");

	private static final List<String> LOWER_BOUNDS = List.of("minLength", "minItems", "minimum", "minProperties");

	private static final List<String> COMPOSITIONS = List.of("oneOf", "anyOf");

	private final OpenApiTree oldTree;

	private final OpenApiTree newTree;

	private final Consumer<Found> sink;

	private final Set<Pair> inProgress = new HashSet<>();

	SchemaDiff(OpenApiTree oldTree, OpenApiTree newTree, Consumer<Found> sink) {
		this.oldTree = oldTree;
		this.newTree = newTree;
		this.sink = sink;
	}

	void compare(JsonNode oldSchema, JsonNode newSchema, Direction direction, String at) {
		// Only recursion is cut short: a schema used in several places is compared in
		// each. Identity of the resolved nodes detects the cycle.
		Pair pair = new Pair(this.oldTree.resolve(oldSchema), this.newTree.resolve(newSchema), direction);
		JsonNode before = FlatSchema.of(this.oldTree, oldSchema);
		JsonNode after = FlatSchema.of(this.newTree, newSchema);
		if (!this.inProgress.add(pair)) {
			return;
		}
		try {
			compareResolved(before, after, direction, at);
		}
		finally {
			this.inProgress.remove(pair);
		}
	}

	private void compareResolved(JsonNode before, JsonNode after, Direction direction, String at) {
		type(before, after, direction, at);
		if (!before.path("format").asText("").equals(after.path("format").asText(""))) {
			report(Severity.BREAKING, ChangeKind.FORMAT_CHANGED, at,
					"format changed from " + describe(before.path("format")) + " to " + describe(after.path("format")));
		}
		nullable(before, after, direction, at);
		enumeration(before, after, direction, at);
		bounds(before, after, direction, at);
		pattern(before, after, direction, at);
		new PropertyDiff(this, before, after, direction, at).compare();
		if (before.has("items") && after.has("items")) {
			compare(before.get("items"), after.get("items"), direction, at + "[]");
		}
		if (before.path("additionalProperties").isObject() && after.path("additionalProperties").isObject()) {
			compare(before.get("additionalProperties"), after.get("additionalProperties"), direction, at + "{}");
		}
		compositions(before, after, direction, at);
	}

	private void type(JsonNode before, JsonNode after, Direction direction, String at) {
		String oldType = before.path("type").asText("");
		String newType = after.path("type").asText("");
		if (oldType.equals(newType)) {
			return;
		}
		boolean widened = oldType.equals("integer") && newType.equals("number") || newType.isEmpty();
		boolean narrowed = oldType.equals("number") && newType.equals("integer") || oldType.isEmpty();
		Severity severity = widened ? direction.ofWidening() : narrowed ? direction.ofNarrowing() : Severity.BREAKING;
		report(severity, ChangeKind.TYPE_CHANGED, at,
				"type changed from " + describe(before.path("type")) + " to " + describe(after.path("type")));
	}

	private void nullable(JsonNode before, JsonNode after, Direction direction, String at) {
		boolean oldNullable = before.path("nullable").asBoolean(false);
		boolean newNullable = after.path("nullable").asBoolean(false);
		if (oldNullable && !newNullable) {
			report(direction.ofNarrowing(), ChangeKind.CONSTRAINT_NARROWED, at, "no longer nullable");
		}
		else if (!oldNullable && newNullable) {
			report(direction.ofWidening(), ChangeKind.CONSTRAINT_WIDENED, at, "became nullable");
		}
	}

	private void enumeration(JsonNode before, JsonNode after, Direction direction, String at) {
		if (!before.has("enum") && !after.has("enum")) {
			return;
		}
		if (!after.has("enum")) {
			report(direction.ofWidening(), ChangeKind.ENUM_WIDENED, at,
					"enum " + OpenApiTree.texts(before.get("enum")) + " removed: any value allowed now");
			return;
		}
		if (!before.has("enum")) {
			report(direction.ofNarrowing(), ChangeKind.ENUM_NARROWED, at,
					"now restricted to the enum " + OpenApiTree.texts(after.get("enum")));
			return;
		}
		Set<String> removed = new LinkedHashSet<>(OpenApiTree.texts(before.get("enum")));
		removed.removeAll(OpenApiTree.texts(after.get("enum")));
		Set<String> added = new LinkedHashSet<>(OpenApiTree.texts(after.get("enum")));
		added.removeAll(OpenApiTree.texts(before.get("enum")));
		if (!removed.isEmpty()) {
			report(direction.ofNarrowing(), ChangeKind.ENUM_NARROWED, at, "enum values removed: " + removed);
		}
		if (!added.isEmpty()) {
			report(direction.ofWidening(), ChangeKind.ENUM_WIDENED, at, "enum values added: " + added);
		}
	}

	private void bounds(JsonNode before, JsonNode after, Direction direction, String at) {
		for (String bound : UPPER_BOUNDS) {
			bound(before.path(bound), after.path(bound), bound, true, direction, at);
		}
		for (String bound : LOWER_BOUNDS) {
			bound(before.path(bound), after.path(bound), bound, false, direction, at);
		}
		flag(before, after, "exclusiveMaximum", direction, at);
		flag(before, after, "exclusiveMinimum", direction, at);
		flag(before, after, "uniqueItems", direction, at);
		if (!before.path("multipleOf").equals(after.path("multipleOf"))) {
			report(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED, at, "multipleOf changed from "
					+ describe(before.path("multipleOf")) + " to " + describe(after.path("multipleOf")));
		}
	}

	private void bound(JsonNode before, JsonNode after, String name, boolean upper, Direction direction, String at) {
		if (before.isMissingNode() && after.isMissingNode() || before.isNumber() && after.isNumber()
				&& before.decimalValue().compareTo(after.decimalValue()) == 0) {
			return;
		}
		boolean narrowed;
		if (before.isMissingNode()) {
			narrowed = true;
		}
		else if (after.isMissingNode()) {
			narrowed = false;
		}
		else {
			int order = after.decimalValue().compareTo(before.decimalValue());
			narrowed = upper ? order < 0 : order > 0;
		}
		String detail = name + " changed from " + describe(before) + " to " + describe(after);
		if (narrowed) {
			report(direction.ofNarrowing(), ChangeKind.CONSTRAINT_NARROWED, at, detail);
		}
		else {
			report(direction.ofWidening(), ChangeKind.CONSTRAINT_WIDENED, at, detail);
		}
	}

	private void flag(JsonNode before, JsonNode after, String name, Direction direction, String at) {
		boolean oldFlag = before.path(name).asBoolean(false);
		boolean newFlag = after.path(name).asBoolean(false);
		if (!oldFlag && newFlag) {
			report(direction.ofNarrowing(), ChangeKind.CONSTRAINT_NARROWED, at, name + " set");
		}
		else if (oldFlag && !newFlag) {
			report(direction.ofWidening(), ChangeKind.CONSTRAINT_WIDENED, at, name + " unset");
		}
	}

	// Whether one regular expression admits a subset of another cannot be decided in
	// general, so any changed pattern counts as both narrowing and widening: breaking.
	private void pattern(JsonNode before, JsonNode after, Direction direction, String at) {
		String oldPattern = before.path("pattern").asText(null);
		String newPattern = after.path("pattern").asText(null);
		if (oldPattern == null && newPattern == null || oldPattern != null && oldPattern.equals(newPattern)) {
			return;
		}
		String detail = "pattern changed from " + describe(before.path("pattern")) + " to "
				+ describe(after.path("pattern"));
		if (oldPattern == null) {
			report(direction.ofNarrowing(), ChangeKind.CONSTRAINT_NARROWED, at, detail);
		}
		else if (newPattern == null) {
			report(direction.ofWidening(), ChangeKind.CONSTRAINT_WIDENED, at, detail);
		}
		else {
			report(Severity.BREAKING, ChangeKind.CONSTRAINT_NARROWED, at, detail);
		}
	}

	private void compositions(JsonNode before, JsonNode after, Direction direction, String at) {
		for (String composition : COMPOSITIONS) {
			JsonNode oldParts = before.path(composition);
			JsonNode newParts = after.path(composition);
			if (oldParts.size() != newParts.size()) {
				report(Severity.BREAKING, ChangeKind.COMPOSITION_CHANGED, at,
						composition + " changed from " + oldParts.size() + " to " + newParts.size() + " schemas");
				continue;
			}
			for (int i = 0; i < oldParts.size(); i++) {
				compare(oldParts.get(i), newParts.get(i), direction, at);
			}
		}
	}

	static String describe(JsonNode value) {
		return value.isMissingNode() || value.isNull() ? "none" : value.toString();
	}

	void report(Severity severity, ChangeKind kind, String at, String detail) {
		this.sink.accept(new Found(severity, kind, at, detail));
	}

	/**
	 * Two schemas being compared in one direction, equal by identity of the nodes.
	 */
	private record Pair(JsonNode before, JsonNode after, Direction direction) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Pair that && this.before == that.before && this.after == that.after
					&& this.direction == that.direction;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.before) * 31 + System.identityHashCode(this.after)
					+ this.direction.ordinal();
		}

	}

	/**
	 * A change found in a schema, before the operation is attached.
	 */
	record Found(Severity severity, ChangeKind kind, String at, String detail) {

	}

}
