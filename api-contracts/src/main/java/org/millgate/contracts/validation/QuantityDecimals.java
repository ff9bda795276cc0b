package org.millgate.contracts.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;
import org.millgate.contracts.units.UnitsOfMeasure;

/**
 * The decimals rule of the units table applied to the quantities of request bodies: a
 * contract names its quantities on the object schema that holds them,
 *
 * <pre>
 * x-millgate-quantities:
 *   - {value: yieldQuantity, unit: unit}
 * </pre>
 *
 * and a quantity the ERP would refuse, with more decimals than its unit has ({@code 1.5}
 * pieces) or more than 10 digits before the decimal point, is refused before it reaches
 * it. Built once per contract; thread-safe, no I/O.
 */
final class QuantityDecimals {

	/** The contract extension that names an object's quantities. */
	static final String EXTENSION = "x-millgate-quantities";

	private static final int MAX_DEPTH = 32;

	// numbers as written: 1.10 stays 1.10, never the double nearest to it
	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final OperationScopes operations;

	private final Map<String, List<Site>> sites;

	private final UnitsOfMeasure units;

	private QuantityDecimals(OperationScopes operations, Map<String, List<Site>> sites, UnitsOfMeasure units) {
		this.operations = operations;
		this.sites = sites;
		this.units = units;
	}

	static QuantityDecimals of(ContractDocument contract, UnitsOfMeasure units) {
		OpenApiTree tree = new OpenApiTree(contract.tree());
		Map<String, List<Site>> sites = new HashMap<>();
		for (Operation operation : tree.operations()) {
			JsonNode schema = tree.resolve(operation.node().path("requestBody"))
				.path("content")
				.path("application/json")
				.path("schema");
			List<Site> found = new ArrayList<>();
			collect(contract, tree, schema, new ArrayList<>(), new HashSet<>(), found);
			if (!found.isEmpty()) {
				sites.put(key(operation.method().toUpperCase(Locale.ROOT), operation.path()), List.copyOf(found));
			}
		}
		// a request is matched to its operation as its scope is, so both agree which
		// operation it calls; a contract without quantities needs no matching at all
		return new QuantityDecimals(sites.isEmpty() ? null : OperationScopes.of(contract), Map.copyOf(sites), units);
	}

	private static String key(String method, String template) {
		return method + " " + template;
	}

	// ancestors: the references on the way here, so that a recursive schema ends where it
	// repeats itself
	private static void collect(ContractDocument contract, OpenApiTree tree, JsonNode node, List<String> at,
			Set<String> ancestors, List<Site> into) {
		if (node == null || node.isMissingNode()) {
			return;
		}
		if (at.size() > MAX_DEPTH) {
			throw new CatalogException(contract.name() + ": a request body nests deeper than " + MAX_DEPTH
					+ " levels at " + at + "; its quantities could not all be found");
		}
		String ref = node.path("$ref").asText(null);
		if (ref != null && !ancestors.add(ref)) {
			// a recursive schema: its quantities would be found to one depth only
			if (declaresQuantities(tree, node, new HashSet<>())) {
				throw new CatalogException(contract.name() + ": " + ref + " contains itself and names quantities ("
						+ EXTENSION + "); a recursive request body with quantities cannot be checked");
			}
			return;
		}
		try {
			visitSchema(contract, tree, tree.resolve(node), at, ancestors, into);
		}
		finally {
			if (ref != null) {
				ancestors.remove(ref);
			}
		}
	}

	private static void visitSchema(ContractDocument contract, OpenApiTree tree, JsonNode schema, List<String> at,
			Set<String> ancestors, List<Site> into) {
		JsonNode declared = schema.path(EXTENSION);
		if (!declared.isMissingNode()) {
			into.add(new Site(Collections.unmodifiableList(new ArrayList<>(at)), pairs(contract, schema, declared)));
		}
		for (Map.Entry<String, JsonNode> property : OpenApiTree.fields(schema.path("properties"))) {
			List<String> next = new ArrayList<>(at);
			next.add(property.getKey());
			collect(contract, tree, property.getValue(), next, ancestors, into);
		}
		if (schema.has("items")) {
			List<String> next = new ArrayList<>(at);
			next.add(null);
			collect(contract, tree, schema.get("items"), next, ancestors, into);
		}
		for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
			for (JsonNode part : schema.path(combinator)) {
				collect(contract, tree, part, at, ancestors, into);
			}
		}
	}

	private static boolean declaresQuantities(OpenApiTree tree, JsonNode node, Set<String> seen) {
		String ref = node.path("$ref").asText(null);
		if (ref != null && !seen.add(ref)) {
			return false;
		}
		JsonNode schema = tree.resolve(node);
		if (schema.has(EXTENSION)) {
			return true;
		}
		List<JsonNode> nested = new ArrayList<>();
		OpenApiTree.fields(schema.path("properties")).forEach((property) -> nested.add(property.getValue()));
		if (schema.has("items")) {
			nested.add(schema.get("items"));
		}
		for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
			schema.path(combinator).forEach(nested::add);
		}
		return nested.stream().anyMatch((child) -> declaresQuantities(tree, child, seen));
	}

	private static List<Pair> pairs(ContractDocument contract, JsonNode schema, JsonNode declared) {
		List<Pair> pairs = new ArrayList<>();
		for (JsonNode pair : declared) {
			String value = pair.path("value").asText("");
			String unit = pair.path("unit").asText("");
			if (!schema.path("properties").has(value) || !schema.path("properties").has(unit)) {
				throw new CatalogException(contract.name() + ": " + EXTENSION + " names " + pair
						+ ", which are not both properties of its schema");
			}
			pairs.add(new Pair(value, unit));
		}
		if (pairs.isEmpty()) {
			throw new CatalogException(contract.name() + ": " + EXTENSION + " is a list of {value, unit}");
		}
		return pairs;
	}

	/**
	 * The quantities of a body with more decimals than their unit has. Call it on a body
	 * that keeps the contract; anything else is left to the contract check.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param body the body
	 * @return one violation per such quantity
	 */
	List<RequestViolation> check(String method, String path, byte[] body) {
		if (body.length == 0 || this.operations == null) {
			return List.of();
		}
		List<Site> found = this.operations.find(method, path)
			.map((operation) -> this.sites.get(key(operation.method(), operation.template())))
			.orElse(null);
		if (found == null) {
			return List.of();
		}
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (IOException ex) {
			return List.of();
		}
		List<RequestViolation> violations = new ArrayList<>();
		for (Site site : found) {
			visit(root, site, 0, "", violations);
		}
		return violations;
	}

	private void visit(JsonNode node, Site site, int depth, String pointer, List<RequestViolation> into) {
		if (depth == site.at().size()) {
			for (Pair pair : site.pairs()) {
				JsonNode value = node.path(pair.value());
				JsonNode unit = node.path(pair.unit());
				if (value.isNumber() && unit.isTextual()) {
					this.units.check(value.decimalValue(), unit.asText())
						.ifPresent((why) -> into.add(new RequestViolation(pointer + "/" + pair.value(), why)));
				}
			}
			return;
		}
		String step = site.at().get(depth);
		if (step == null) {
			for (int i = 0; i < node.size() && node.isArray(); i++) {
				visit(node.get(i), site, depth + 1, pointer + "/" + i, into);
			}
		}
		else if (node.has(step)) {
			visit(node.get(step), site, depth + 1, pointer + "/" + step.replace("~", "~0").replace("/", "~1"), into);
		}
	}

	// where in a body an object with quantities is: property names, null for any item of
	// an array
	private record Site(List<String> at, List<Pair> pairs) {

	}

	private record Pair(String value, String unit) {

	}

}
