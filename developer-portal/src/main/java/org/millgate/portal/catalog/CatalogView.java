package org.millgate.portal.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Plan;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.tools.compat.Change;
import org.millgate.contracts.tools.compat.CompatibilityChecker;

/**
 * What the portal's pages show of the catalog. Drafts are never shown; changelogs are
 * computed once per product and kept.
 */
public final class CatalogView {

	private final ContractCatalog catalog;

	private final Map<String, List<VersionChanges>> changelogs = new ConcurrentHashMap<>();

	public CatalogView(ContractCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Every product, in catalog order.
	 * @return the products
	 */
	public List<Product> products() {
		return this.catalog.products();
	}

	/**
	 * A product.
	 * @param id its id
	 * @return the product, empty when there is none
	 */
	public Optional<Product> product(String id) {
		return this.catalog.product(id);
	}

	/**
	 * The versions of a product a consumer can see: every one but drafts, newest first.
	 * @param product the product
	 * @return the versions
	 */
	public List<ProductVersion> visibleVersions(Product product) {
		List<ProductVersion> versions = new ArrayList<>(
				product.versions().stream().filter((version) -> version.state() != Lifecycle.DRAFT).toList());
		Collections.reverse(versions);
		return versions;
	}

	/**
	 * A version a consumer can see.
	 * @param product the product
	 * @param version the version
	 * @return the version, empty for an unknown version or a draft
	 */
	public Optional<ProductVersion> visibleVersion(Product product, String version) {
		return product.version(version).filter((candidate) -> candidate.state() != Lifecycle.DRAFT);
	}

	/**
	 * The contract of a version, with its servers pointed at the gateway.
	 * @param product the product
	 * @param version the version
	 * @param gatewayUrl the gateway's URL
	 * @return the contract's YAML
	 */
	public Optional<String> contract(Product product, ProductVersion version, String gatewayUrl) {
		return this.catalog.contract(product.id(), version.version())
			.map(ContractDocument::source)
			.map((source) -> source.replace("http://localhost:8080", gatewayUrl));
	}

	/**
	 * Every event product, in catalog order.
	 * @return the event products
	 */
	public List<EventProduct> eventProducts() {
		return this.catalog.eventProducts();
	}

	/**
	 * An event product.
	 * @param id its id
	 * @return it, empty when there is none
	 */
	public Optional<EventProduct> eventProduct(String id) {
		return this.catalog.eventProduct(id);
	}

	/**
	 * The versions of an event product a consumer can see: every one but drafts, newest
	 * first.
	 * @param product the event product
	 * @return the versions
	 */
	public List<ProductVersion> visibleVersions(EventProduct product) {
		List<ProductVersion> versions = new ArrayList<>(
				product.versions().stream().filter((version) -> version.state() != Lifecycle.DRAFT).toList());
		Collections.reverse(versions);
		return versions;
	}

	/**
	 * The AsyncAPI document of a visible event product version.
	 * @param product the event product
	 * @param version e.g. {@code v1}
	 * @return its text, empty for a draft or an unknown version
	 */
	public Optional<String> eventContract(EventProduct product, String version) {
		return visibleVersions(product).stream()
			.filter((candidate) -> candidate.version().equals(version))
			.findFirst()
			.flatMap((visible) -> this.catalog.eventContract(product.id(), visible.version()))
			.map(ContractDocument::source);
	}

	/**
	 * What a consumer reads of an event product version: its messages with their type,
	 * key and data fields, and the consumer groups its contract names.
	 * @param product the event product
	 * @param version the version
	 * @return the view
	 */
	public EventsView events(EventProduct product, ProductVersion version) {
		JsonNode tree = this.catalog.eventContract(product.id(), version.version()).orElseThrow().tree();
		List<EventMessage> messages = new ArrayList<>();
		tree.path("components").path("messages").fields().forEachRemaining((entry) -> {
			JsonNode message = entry.getValue();
			JsonNode payload = resolve(tree, message.path("payload"));
			List<EventField> fields = new ArrayList<>();
			List<String> required = new ArrayList<>();
			payload.path("required").forEach((name) -> required.add(name.asText()));
			payload.path("properties").fields().forEachRemaining((field) -> {
				JsonNode schema = field.getValue();
				JsonNode resolved = resolve(tree, schema.has("allOf") ? schema.path("allOf").path(0) : schema);
				String type = resolved.path("type").isArray() ? join(resolved.path("type"))
						: resolved.path("type").asText("object");
				if (schema.path("allOf").path(0).has("$ref")) {
					String ref = schema.path("allOf").path(0).path("$ref").asText();
					type = ref.substring(ref.lastIndexOf('/') + 1);
				}
				if (resolved.has("enum")) {
					type += " (" + join(resolved.path("enum")) + ")";
				}
				fields.add(new EventField(field.getKey(), type, required.contains(field.getKey()),
						firstSentence(schema.path("description").asText(resolved.path("description").asText("")))));
			});
			messages.add(new EventMessage(entry.getKey(), message.path("title").asText(entry.getKey()),
					message.path("summary").asText(""),
					message.path("headers").path("properties").path("ce_type").path("const").asText(""),
					firstSentence(message.path("bindings").path("kafka").path("key").path("description").asText("")),
					fields));
		});
		List<String> groups = new ArrayList<>();
		tree.path("operations").forEach((operation) -> {
			if ("receive".equals(operation.path("action").asText())) {
				operation.path("bindings")
					.path("kafka")
					.path("groupId")
					.path("enum")
					.forEach((group) -> groups.add(group.asText()));
			}
		});
		return new EventsView(product.topic(version.version()), messages, groups);
	}

	/**
	 * The HTTP path that serves an event product's events for clients without a Kafka
	 * client: the events operation of the API product of the same id.
	 * @param product the event product
	 * @return e.g. {@code /v1/shipments/events}, empty when there is none
	 */
	public Optional<String> eventsPath(EventProduct product) {
		return this.catalog.product(product.id()).flatMap((api) -> {
			List<ProductVersion> versions = new ArrayList<>(visibleVersions(api));
			for (ProductVersion version : versions) {
				JsonNode paths = this.catalog.contract(api.id(), version.version()).orElseThrow().tree().path("paths");
				Optional<String> path = StreamSupport
					.stream(((Iterable<String>) paths::fieldNames).spliterator(), false)
					.filter((name) -> name.endsWith("/events"))
					.findFirst();
				if (path.isPresent()) {
					return path;
				}
			}
			return Optional.empty();
		});
	}

	/**
	 * A call of a product to show on its page: in its newest visible version, the first
	 * read whose path has no variable (its events last), with the contract's example of
	 * each required query parameter. A product's own name is no path of it (master data
	 * answers {@code /v1/materials}, not {@code /v1/master-data}).
	 * @param product the product
	 * @return e.g. {@code /v1/inventory/availability?material=FG-100&plant=1000}, empty
	 * when it has no such read
	 */
	public Optional<String> exampleCall(Product product) {
		List<ProductVersion> versions = visibleVersions(product);
		if (versions.isEmpty()) {
			return Optional.empty();
		}
		JsonNode tree = this.catalog.contract(product.id(), versions.get(0).version()).orElseThrow().tree();
		List<Map.Entry<String, JsonNode>> paths = new ArrayList<>(tree.path("paths").properties());
		// the events' long poll last: a plain read shows the product better
		paths.sort(Comparator.comparing((Map.Entry<String, JsonNode> path) -> path.getKey().endsWith("/events")));
		for (Map.Entry<String, JsonNode> path : paths) {
			JsonNode read = resolve(tree, path.getValue()).path("get");
			if (path.getKey().contains("{") || read.isMissingNode()) {
				continue;
			}
			List<String> query = new ArrayList<>();
			for (JsonNode reference : read.path("parameters")) {
				JsonNode parameter = resolve(tree, reference);
				if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
					JsonNode example = parameter.has("example") ? parameter.path("example")
							: resolve(tree, parameter.path("schema")).path("example");
					query.add(parameter.path("name").asText() + "="
							+ URLEncoder.encode(example.asText(), StandardCharsets.UTF_8));
				}
			}
			return Optional.of(path.getKey() + (query.isEmpty() ? "" : "?" + String.join("&", query)));
		}
		return Optional.empty();
	}

	private static JsonNode resolve(JsonNode tree, JsonNode node) {
		JsonNode current = node;
		for (int depth = 0; depth < 8 && current.has("$ref"); depth++) {
			current = tree.at(current.path("$ref").asText().substring(1));
		}
		return current;
	}

	private static String join(JsonNode values) {
		List<String> texts = new ArrayList<>();
		values.forEach((value) -> texts.add(value.isNull() ? "null" : value.asText()));
		return String.join(" | ", texts);
	}

	private static String firstSentence(String text) {
		String flat = text.replaceAll("\\s+", " ").trim();
		int end = flat.indexOf(". ");
		return (end > 0) ? flat.substring(0, end + 1) : flat;
	}

	/**
	 * The plans a product offers.
	 * @param product the product
	 * @return the plans, in the product's order
	 */
	public List<Plan> plans(Product product) {
		return product.plans().stream().map(this.catalog::plan).flatMap(Optional::stream).toList();
	}

	/**
	 * What changed from each version to the next, newest first.
	 * @param product the product
	 * @return one entry per version that has a predecessor
	 */
	public List<VersionChanges> changelog(Product product) {
		return this.changelogs.computeIfAbsent(product.id(), (id) -> computeChangelog(product));
	}

	/**
	 * Days until a version's sunset.
	 * @param version the version
	 * @param today today
	 * @return the days, empty without a sunset
	 */
	public Optional<Long> daysToSunset(ProductVersion version, LocalDate today) {
		return version.sunset().map((sunset) -> ChronoUnit.DAYS.between(today, sunset));
	}

	private List<VersionChanges> computeChangelog(Product product) {
		List<ProductVersion> versions = product.versions()
			.stream()
			.filter((version) -> version.state() != Lifecycle.DRAFT)
			.toList();
		List<VersionChanges> changelog = new ArrayList<>();
		for (int i = 1; i < versions.size(); i++) {
			ProductVersion from = versions.get(i - 1);
			ProductVersion to = versions.get(i);
			ContractDocument before = this.catalog.contract(product.id(), from.version()).orElseThrow();
			ContractDocument after = this.catalog.contract(product.id(), to.version()).orElseThrow();
			changelog.add(new VersionChanges(from, to,
					new CompatibilityChecker().compareAcrossVersions(before, from.version(), after, to.version())));
		}
		Collections.reverse(changelog);
		return List.copyOf(changelog);
	}

	/**
	 * The changes from one version to the next.
	 * @param from the earlier version
	 * @param to the later version
	 * @param changes every change, breaking or not
	 */
	/**
	 * An event product version as its consumers read it.
	 *
	 * @param topic its Kafka topic
	 * @param messages its messages
	 * @param consumerGroups the consumer groups its contract names
	 */
	public record EventsView(String topic, List<EventMessage> messages, List<String> consumerGroups) {

	}

	/**
	 * One message of an event product.
	 *
	 * @param name its name in the contract
	 * @param title its title
	 * @param summary what it says
	 * @param type its {@code ce_type}
	 * @param key what its record key is
	 * @param fields the fields of its data
	 */
	public record EventMessage(String name, String title, String summary, String type, String key,
			List<EventField> fields) {

	}

	/**
	 * One field of an event's data.
	 *
	 * @param name its name
	 * @param type its type (a schema name, or a JSON type with its values)
	 * @param required whether every event has it
	 * @param description what it is
	 */
	public record EventField(String name, String type, boolean required, String description) {

	}

	public record VersionChanges(ProductVersion from, ProductVersion to, List<Change> changes) {

		/**
		 * How many changes break consumers of the earlier version.
		 * @return the count
		 */
		public long breaking() {
			return this.changes.stream().filter(Change::isBreaking).count();
		}

	}

}
