package org.millgate.contracts.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the tree of {@code catalog.yaml} into records, rejecting anything inconsistent
 * with a message that names the file and the JSON pointer of the offending value.
 */
final class CatalogReader {

	private static final Pattern PRODUCT_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

	private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*");

	private final String file;

	CatalogReader(String file) {
		this.file = file;
	}

	List<Plan> plans(JsonNode root) {
		List<Plan> plans = new ArrayList<>();
		Set<String> names = new HashSet<>();
		forEach(root, "", "plans", (node, at) -> {
			String name = text(node, "name", at);
			require(names.add(name), at + "/name", "plan '" + name + "' is defined twice");
			Priority priority = Priority
				.valueOf(oneOf(node, "priority", at, "low", "normal", "high").toUpperCase(Locale.ROOT));
			int burst = positive(node, "burst", at);
			int sustained = positive(node, "sustainedPerSecond", at);
			OptionalLong daily = node.hasNonNull("dailyQuota") ? OptionalLong.of(positive(node, "dailyQuota", at))
					: OptionalLong.empty();
			Optional<Plan.PartnerLimits> partner = Optional.empty();
			if (node.hasNonNull("partner")) {
				JsonNode limits = node.get("partner");
				String pat = at + "/partner";
				int partnerBurst = positive(limits, "burst", pat);
				int partnerSustained = positive(limits, "sustainedPerSecond", pat);
				OptionalLong partnerDaily = limits.hasNonNull("dailyQuota")
						? OptionalLong.of(positive(limits, "dailyQuota", pat)) : OptionalLong.empty();
				require(partnerBurst >= burst && partnerSustained >= sustained, pat,
						"a partner's limits must be at least one client's");
				partner = Optional.of(new Plan.PartnerLimits(partnerBurst, partnerSustained, partnerDaily));
			}
			plans.add(new Plan(name, text(node, "description", at), priority, burst, sustained, daily, partner));
		});
		return plans;
	}

	List<Product> products(JsonNode root, Set<String> planNames) {
		List<Product> products = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		forEach(root, "", "products", (node, at) -> {
			String id = text(node, "id", at);
			require(PRODUCT_ID.matcher(id).matches(), at + "/id", "'" + id + "' is not a kebab-case product id");
			require(ids.add(id), at + "/id", "product '" + id + "' is defined twice");
			JsonNode ownerNode = node.path("owner");
			Owner owner = new Owner(text(ownerNode, "team", at + "/owner"), text(ownerNode, "email", at + "/owner"));
			List<String> scopes = texts(node, "scopes", at);
			require(!scopes.isEmpty(), at + "/scopes", "a product needs at least one scope");
			scopes.forEach((scope) -> require(scope.startsWith(id + ":"), at + "/scopes",
					"scope '" + scope + "' must start with '" + id + ":'"));
			List<String> plans = texts(node, "plans", at);
			plans.forEach((plan) -> require(planNames.contains(plan), at + "/plans",
					"plan '" + plan + "' is not defined under /plans"));
			List<ProductVersion> versions = versions(node, id, at);
			List<Consumer> consumers = consumers(node, versions, at);
			products.add(new Product(id, text(node, "title", at), text(node, "description", at), owner, scopes, plans,
					versions, consumers));
		});
		return products;
	}

	List<EventProduct> eventProducts(JsonNode root) {
		List<EventProduct> products = new ArrayList<>();
		if (root.path("eventProducts").isMissingNode()) {
			return products;
		}
		Set<String> ids = new HashSet<>();
		forEach(root, "", "eventProducts", (node, at) -> {
			String id = text(node, "id", at);
			require(PRODUCT_ID.matcher(id).matches(), at + "/id", "'" + id + "' is not a kebab-case product id");
			require(ids.add(id), at + "/id", "event product '" + id + "' is defined twice");
			JsonNode ownerNode = node.path("owner");
			Owner owner = new Owner(text(ownerNode, "team", at + "/owner"), text(ownerNode, "email", at + "/owner"));
			List<String> scopes = texts(node, "scopes", at);
			require(!scopes.isEmpty(), at + "/scopes", "an event product needs at least one scope to read it");
			List<ProductVersion> versions = versions(node, "events/" + id, id, at);
			List<Consumer> consumers = consumers(node, versions, at);
			products.add(new EventProduct(id, text(node, "title", at), text(node, "description", at), owner, scopes,
					versions, consumers));
		});
		return products;
	}

	private List<ProductVersion> versions(JsonNode product, String productId, String at) {
		return versions(product, productId, productId, at);
	}

	private List<ProductVersion> versions(JsonNode product, String directory, String productId, String at) {
		List<ProductVersion> versions = new ArrayList<>();
		Set<String> names = new HashSet<>();
		forEach(product, at, "versions", (node, vat) -> {
			String version = text(node, "version", vat);
			require(VERSION.matcher(version).matches(), vat + "/version", "'" + version + "' is not like v1, v2, ...");
			require(names.add(version), vat + "/version", "version '" + version + "' is defined twice");
			Lifecycle state = Lifecycle
				.fromYaml(oneOf(node, "state", vat, "draft", "published", "deprecated", "retired"))
				.orElseThrow();
			String contract = directory + "/" + version + ".yaml";
			Optional<LocalDate> released = date(node, "released", vat);
			Optional<LocalDate> sunset = date(node, "sunset", vat);
			Optional<String> successor = Optional.ofNullable(node.path("successor").textValue());
			require(state == Lifecycle.DRAFT || released.isPresent(), vat + "/released",
					"a " + state.yamlName() + " version needs its release date");
			if (state == Lifecycle.DEPRECATED || state == Lifecycle.RETIRED) {
				require(sunset.isPresent(), vat + "/sunset", "a " + state.yamlName() + " version needs a sunset date");
				require(successor.isPresent(), vat + "/successor",
						"a " + state.yamlName() + " version needs a successor version");
			}
			versions.add(new ProductVersion(version, state, contract, released, sunset, successor));
		});
		require(!versions.isEmpty(), at + "/versions", "a product needs at least one version");
		for (int i = 0; i < versions.size(); i++) {
			Optional<String> successor = versions.get(i).successor();
			String vat = at + "/versions/" + i + "/successor";
			successor.ifPresent((name) -> require(names.contains(name), vat,
					"successor '" + name + "' is not a version of " + productId));
		}
		return versions;
	}

	private List<Consumer> consumers(JsonNode product, List<ProductVersion> versions, String at) {
		Set<String> known = new HashSet<>();
		versions.forEach((version) -> known.add(version.version()));
		List<Consumer> consumers = new ArrayList<>();
		forEach(product, at, "consumers", (node, cat) -> {
			List<String> uses = texts(node, "versions", cat);
			uses.forEach((version) -> require(known.contains(version), cat + "/versions",
					"version '" + version + "' is not a version of this product"));
			consumers.add(new Consumer(text(node, "id", cat), text(node, "name", cat), text(node, "kind", cat), uses));
		});
		return consumers;
	}

	private void forEach(JsonNode parent, String at, String field, BiConsumer<JsonNode, String> action) {
		JsonNode list = parent.path(field);
		require(list.isArray(), at + "/" + field, "a list is required");
		for (int i = 0; i < list.size(); i++) {
			action.accept(list.get(i), at + "/" + field + "/" + i);
		}
	}

	private String text(JsonNode node, String field, String at) {
		JsonNode value = node.path(field);
		require(value.isTextual() && !value.textValue().isBlank(), at + "/" + field, "a non-empty text is required");
		return value.textValue().trim();
	}

	private List<String> texts(JsonNode node, String field, String at) {
		JsonNode value = node.path(field);
		require(value.isArray(), at + "/" + field, "a list of texts is required");
		List<String> texts = new ArrayList<>();
		value.forEach((item) -> {
			require(item.isTextual(), at + "/" + field, "a list of texts is required");
			texts.add(item.textValue());
		});
		return texts;
	}

	private String oneOf(JsonNode node, String field, String at, String... allowed) {
		String value = text(node, field, at);
		require(List.of(allowed).contains(value), at + "/" + field,
				"'" + value + "' is not one of " + String.join(", ", allowed));
		return value;
	}

	private int positive(JsonNode node, String field, String at) {
		JsonNode value = node.path(field);
		require(value.canConvertToInt() && value.isIntegralNumber() && value.intValue() > 0, at + "/" + field,
				"a positive whole number is required");
		return value.intValue();
	}

	private Optional<LocalDate> date(JsonNode node, String field, String at) {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(value.asText()));
		}
		catch (DateTimeParseException ex) {
			throw failure(at + "/" + field, "'" + value.asText() + "' is not a date like 2026-12-31");
		}
	}

	void require(boolean condition, String pointer, String message) {
		if (!condition) {
			throw failure(pointer, message);
		}
	}

	CatalogException failure(String pointer, String message) {
		return new CatalogException(this.file + " " + pointer + ": " + message);
	}

}
