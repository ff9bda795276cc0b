package org.millgate.contracts.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The product catalog and every contract document, loaded from the classpath once and
 * immutable afterwards. The gateway derives routes, scopes, plans and lifecycle headers
 * from it; the portal renders it; the governance tests check it.
 *
 * <p>
 * Loading checks that the catalog and the contracts agree (each version has its document,
 * the document names its product, its paths carry the version, its OAuth2 scopes are the
 * product's), so an inconsistent catalog fails at start with a message that says where.
 */
public final class ContractCatalog {

	/** Classpath folder that holds {@code catalog.yaml} and the contract documents. */
	public static final String LOCATION = "millgate/contracts/";

	private static final String CATALOG_FILE = "catalog.yaml";

	private final List<Plan> plans;

	private final List<Product> products;

	private final Map<String, ContractDocument> contracts;

	private final List<EventProduct> eventProducts;

	private final Map<String, ContractDocument> eventContracts;

	private ContractCatalog(List<Plan> plans, List<Product> products, Map<String, ContractDocument> contracts,
			List<EventProduct> eventProducts, Map<String, ContractDocument> eventContracts) {
		this.plans = List.copyOf(plans);
		this.products = List.copyOf(products);
		this.contracts = Map.copyOf(contracts);
		this.eventProducts = List.copyOf(eventProducts);
		this.eventContracts = Map.copyOf(eventContracts);
	}

	/**
	 * Loads the catalog with this class's class loader.
	 * @return the catalog
	 * @throws CatalogException when the catalog or a contract is missing or inconsistent
	 */
	public static ContractCatalog load() {
		return load(ContractCatalog.class.getClassLoader());
	}

	/**
	 * Loads the catalog from the given class loader.
	 * @param classLoader where {@value #LOCATION} is found
	 * @return the catalog
	 * @throws CatalogException when the catalog or a contract is missing or inconsistent
	 */
	public static ContractCatalog load(ClassLoader classLoader) {
		return load((name) -> read(classLoader, name));
	}

	/**
	 * Loads a catalog from a directory holding {@code catalog.yaml} and the contracts it
	 * names, for a gateway that serves another catalog than the built-in one.
	 * @param directory the directory
	 * @return the catalog
	 * @throws CatalogException when the catalog or a contract is missing or inconsistent
	 */
	public static ContractCatalog load(Path directory) {
		return load((name) -> {
			Path file = directory.resolve(name).normalize();
			if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
				throw new CatalogException(file + " does not exist in " + directory);
			}
			try {
				return Files.readString(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(file + " cannot be read", ex);
			}
		});
	}

	private static ContractCatalog load(Function<String, String> source) {
		ContractDocument catalog = ContractDocument.of(CATALOG_FILE, source.apply(CATALOG_FILE));
		CatalogReader reader = new CatalogReader(CATALOG_FILE);
		JsonNode root = catalog.tree();
		List<Plan> plans = reader.plans(root);
		Set<String> planNames = new HashSet<>();
		plans.forEach((plan) -> planNames.add(plan.name()));
		List<Product> products = reader.products(root, planNames);
		Map<String, ContractDocument> contracts = new LinkedHashMap<>();
		for (Product product : products) {
			for (ProductVersion version : product.versions()) {
				ContractDocument document = ContractDocument.of(version.contract(), source.apply(version.contract()));
				checkAgreement(product, version, document);
				contracts.put(version.contract(), document);
			}
		}
		List<EventProduct> eventProducts = reader.eventProducts(root);
		Map<String, ContractDocument> eventContracts = new LinkedHashMap<>();
		for (EventProduct product : eventProducts) {
			for (ProductVersion version : product.versions()) {
				ContractDocument document = ContractDocument.of(version.contract(), source.apply(version.contract()));
				checkAgreement(product, version, document);
				eventContracts.put(version.contract(), document);
			}
		}
		return new ContractCatalog(plans, products, contracts, eventProducts, eventContracts);
	}

	// an AsyncAPI document is the contract of the event product and version the catalog
	// lists it under: its topic is the product's topic of that version
	private static void checkAgreement(EventProduct product, ProductVersion version, ContractDocument document) {
		JsonNode tree = document.tree();
		if (!tree.path("asyncapi").asText("").startsWith("3.")) {
			throw new CatalogException(document.name() + " $.asyncapi: is '" + tree.path("asyncapi").asText("")
					+ "' but event contracts are AsyncAPI 3 documents");
		}
		List<String> topics = new ArrayList<>();
		tree.path("channels").forEach((channel) -> topics.add(channel.path("address").asText("")));
		String topic = product.topic(version.version());
		if (!topics.equals(List.of(topic))) {
			throw new CatalogException(
					document.name() + " $.channels: addresses " + topics + " but the catalog gives event product '"
							+ product.id() + "' " + version.version() + " the one topic " + topic);
		}
	}

	private static void checkAgreement(Product product, ProductVersion version, ContractDocument document) {
		JsonNode tree = document.tree();
		String declared = tree.path("info").path("x-millgate-product").asText("");
		if (!declared.equals(product.id())) {
			throw new CatalogException(document.name() + " $.info['x-millgate-product']: is '" + declared
					+ "' but the catalog lists this document under product '" + product.id() + "'");
		}
		tree.path("paths").fieldNames().forEachRemaining((path) -> {
			if (!path.startsWith("/" + version.version() + "/")) {
				throw new CatalogException(document.name() + " $.paths['" + path + "']: does not start with /"
						+ version.version() + "/, the version the catalog gives this document");
			}
		});
		Set<String> scopes = new TreeSet<>();
		tree.at("/components/securitySchemes/oauth2/flows/clientCredentials/scopes")
			.fieldNames()
			.forEachRemaining(scopes::add);
		if (!scopes.equals(new TreeSet<>(product.scopes()))) {
			throw new CatalogException(document.name()
					+ " $.components.securitySchemes.oauth2.flows.clientCredentials.scopes: declares " + scopes
					+ " but the catalog gives product '" + product.id() + "' the scopes " + product.scopes());
		}
	}

	private static String read(ClassLoader classLoader, String name) {
		try (InputStream in = classLoader.getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				throw new CatalogException("classpath:" + LOCATION + name + " does not exist");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("classpath:" + LOCATION + name + " cannot be read", ex);
		}
	}

	/**
	 * Every plan.
	 * @return the plans in catalog order
	 */
	public List<Plan> plans() {
		return this.plans;
	}

	/**
	 * The plan of the given name.
	 * @param name the value of a token's {@code plan} claim
	 * @return the plan, or empty when there is none of that name
	 */
	public Optional<Plan> plan(String name) {
		return this.plans.stream().filter((plan) -> plan.name().equals(name)).findFirst();
	}

	/**
	 * Every product.
	 * @return the products in catalog order
	 */
	public List<Product> products() {
		return this.products;
	}

	/**
	 * The product of the given id.
	 * @param id e.g. {@code inventory}
	 * @return the product, or empty when there is none of that id
	 */
	public Optional<Product> product(String id) {
		return this.products.stream().filter((product) -> product.id().equals(id)).findFirst();
	}

	/**
	 * The contract of one version of a product.
	 * @param productId e.g. {@code inventory}
	 * @param version e.g. {@code v1}
	 * @return the document, or empty when the catalog has no such version
	 */
	public Optional<ContractDocument> contract(String productId, String version) {
		return Optional.ofNullable(this.contracts.get(productId + "/" + version + ".yaml"));
	}

	/**
	 * The event products.
	 * @return every event product, in catalog order
	 */
	public List<EventProduct> eventProducts() {
		return this.eventProducts;
	}

	/**
	 * An event product by id.
	 * @param id e.g. {@code production-orders}
	 * @return the event product, or empty
	 */
	public Optional<EventProduct> eventProduct(String id) {
		return this.eventProducts.stream().filter((product) -> product.id().equals(id)).findFirst();
	}

	/**
	 * The AsyncAPI contract of an event product's version.
	 * @param productId e.g. {@code production-orders}
	 * @param version e.g. {@code v1}
	 * @return the document, or empty
	 */
	public Optional<ContractDocument> eventContract(String productId, String version) {
		return Optional.ofNullable(this.eventContracts.get("events/" + productId + "/" + version + ".yaml"));
	}

	/**
	 * The topics of an event product, one per version, as its contracts' Kafka bindings
	 * declare them.
	 * @param productId e.g. {@code production-orders}
	 * @return the topics, oldest version first; empty when there is no such product
	 */
	public List<EventTopic> eventTopics(String productId) {
		List<EventTopic> topics = new ArrayList<>();
		eventProduct(productId).ifPresent((product) -> product.versions().forEach((version) -> {
			JsonNode binding = eventContract(productId, version.version())
				.map((contract) -> contract.tree().at("/channels").elements().next().at("/bindings/kafka"))
				.orElseThrow(() -> new CatalogException(
						"events/" + productId + "/" + version.version() + ".yaml is missing"));
			Map<String, String> settings = new LinkedHashMap<>();
			binding.path("topicConfiguration").fields().forEachRemaining((entry) -> {
				List<String> values = new ArrayList<>();
				if (entry.getValue().isArray()) {
					entry.getValue().forEach((item) -> values.add(item.asText()));
				}
				else {
					values.add(entry.getValue().asText());
				}
				settings.put(entry.getKey(), String.join(",", values));
			});
			topics.add(new EventTopic(product.topic(version.version()), binding.path("partitions").asInt(1), settings));
		}));
		return topics;
	}

	/**
	 * Every contract document of every version, drafts included.
	 * @return the documents in catalog order
	 */
	public List<ContractDocument> contracts() {
		List<ContractDocument> all = new ArrayList<>();
		this.products.forEach(
				(product) -> product.versions().forEach((version) -> all.add(this.contracts.get(version.contract()))));
		return all;
	}

}
