package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where each API field's data comes from in the ERP, in two layers: the facade's lineage
 * ({@code erp-facade/src/main/resources/millgate/erp/lineage.yaml}: ERP names → canonical
 * fields) and each product's
 * ({@code <product-module>/src/main/resources/millgate/lineage.yaml}: canonical fields →
 * API fields).
 *
 * @param services the ERP services the facade uses, with every path each has had
 * @param mappings canonical field → the ERP elements the facade fills it from, one per
 * alternative (releases name things differently)
 * @param apiFields canonical field → the API fields filled from it
 * @param navigations the navigation properties the facade expands, by name
 */
public record ErpLineage(List<ServicePaths> services, Map<String, List<ErpElement>> mappings,
		Map<String, List<ApiField>> apiFields, List<Navigation> navigations) {

	/** The facade's lineage, relative to the repository. */
	public static final String FACADE = "erp-facade/src/main/resources/millgate/erp/lineage.yaml";

	/** Where a product module keeps its lineage, relative to the module. */
	public static final String PRODUCT_LINEAGE = "src/main/resources/millgate/lineage.yaml";

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	/**
	 * The paths one ERP service has had.
	 *
	 * @param id the id
	 * @param paths its paths
	 */
	public record ServicePaths(String id, List<String> paths) {

	}

	/**
	 * An entity set's property, an entity set, or an action of one ERP service.
	 *
	 * @param service the service id
	 * @param entitySet the entity set, or null for an action
	 * @param property the property, or null
	 * @param action the action, or null
	 */
	public record ErpElement(String service, String entitySet, String property, String action) {

		/**
		 * Whether a release declares this element.
		 * @param release the release
		 * @return true when it does
		 */
		public boolean existsIn(ErpMetadata release) {
			return release.service(this.service).map((declared) -> {
				if (this.action != null) {
					return declared.actions().contains(this.action);
				}
				Map<String, String> set = declared.entitySets().get(this.entitySet);
				return (set != null) && ((this.property == null) || set.containsKey(this.property));
			}).orElse(false);
		}

		@Override
		public String toString() {
			return (this.action != null) ? this.service + " action " + this.action
					: this.entitySet + ((this.property != null) ? "." + this.property : "");
		}

	}

	/**
	 * A navigation property the facade expands ({@code $expand}) to read a related set.
	 *
	 * @param service the service id
	 * @param entitySet the entity set it starts from
	 * @param navigation its name
	 */
	public record Navigation(String service, String entitySet, String navigation) {

	}

	/**
	 * One field of an API product version.
	 *
	 * @param product the product id
	 * @param version the version, e.g. {@code v1}
	 * @param operation the operation id
	 * @param field the field: a dotted path into the success response body ({@code []}
	 * after arrays), {@code request:}path into the request body, {@code query:}name, or
	 * {@code *} for the whole operation
	 */
	public record ApiField(String product, String version, String operation, String field) {

		@Override
		public String toString() {
			return this.product + " " + this.version + " " + this.operation
					+ ("*".equals(this.field) ? " (the whole operation)" : " " + this.field);
		}

	}

	/**
	 * Reads the lineage of a repository checkout.
	 * @param root the repository's root
	 * @return the lineage
	 */
	public static ErpLineage read(Path root) {
		JsonNode facade = yaml(root.resolve(FACADE));
		List<ServicePaths> services = new ArrayList<>();
		for (JsonNode service : facade.path("services")) {
			List<String> paths = new ArrayList<>();
			service.path("paths").forEach((path) -> paths.add(path.asText()));
			services.add(new ServicePaths(service.path("id").asText(), List.copyOf(paths)));
		}
		Map<String, List<ErpElement>> mappings = new LinkedHashMap<>();
		for (JsonNode mapping : facade.path("mappings")) {
			List<ErpElement> elements = mappings.computeIfAbsent(mapping.path("canonical").asText(),
					(canonical) -> new ArrayList<>());
			for (JsonNode erp : mapping.path("erp")) {
				elements.add(new ErpElement(erp.path("service").asText(), text(erp, "entitySet"), text(erp, "property"),
						text(erp, "action")));
			}
		}
		List<Navigation> navigations = new ArrayList<>();
		for (JsonNode navigation : facade.path("navigations")) {
			navigations.add(new Navigation(navigation.path("service").asText(), navigation.path("entitySet").asText(),
					navigation.path("navigation").asText()));
		}
		Map<String, List<ApiField>> apiFields = new LinkedHashMap<>();
		for (Path module : productModules(root)) {
			JsonNode lineage = yaml(module.resolve(PRODUCT_LINEAGE));
			String product = lineage.path("product").asText();
			for (JsonNode field : lineage.path("fields")) {
				List<ApiField> fields = apiFields.computeIfAbsent(field.path("canonical").asText(),
						(canonical) -> new ArrayList<>());
				for (JsonNode api : field.path("api")) {
					fields.add(new ApiField(product, api.path("version").asText(), api.path("operation").asText(),
							api.path("field").asText()));
				}
			}
		}
		return new ErpLineage(List.copyOf(services), mappings, apiFields, List.copyOf(navigations));
	}

	/**
	 * The product modules of a repository: every module with a lineage of its own, so
	 * that a new product is followed as soon as it has one.
	 * @param root the repository root
	 * @return the modules, by name
	 */
	static List<Path> productModules(Path root) {
		try (Stream<Path> modules = Files.list(root)) {
			return modules.filter((module) -> Files.isRegularFile(module.resolve(PRODUCT_LINEAGE))).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The id of the service at a path.
	 * @param path the path
	 * @return the id, empty for a service the facade does not use
	 */
	public Optional<String> serviceAt(String path) {
		return this.services.stream()
			.filter((service) -> service.paths().contains(path))
			.map(ServicePaths::id)
			.findFirst();
	}

	/**
	 * The canonical fields the facade fills from an element or from anything inside it (a
	 * whole service or entity set), with the element it reads.
	 * @param service the service id
	 * @param entitySet the entity set, or null for the whole service
	 * @param property the property, or null for the whole set
	 * @param action the action, or null
	 * @return canonical field → the element read for it
	 */
	public Map<String, ErpElement> readFrom(String service, String entitySet, String property, String action) {
		Map<String, ErpElement> fields = new LinkedHashMap<>();
		this.mappings.forEach((canonical, elements) -> {
			for (ErpElement element : elements) {
				boolean hit = element.service().equals(service) && ((action != null) ? action.equals(element.action())
						: (entitySet == null) || (entitySet.equals(element.entitySet())
								&& ((property == null) || property.equals(element.property()))));
				if (hit) {
					fields.putIfAbsent(canonical, element);
				}
			}
		});
		return fields;
	}

	/**
	 * Whether the facade expands a navigation.
	 * @param service the service id
	 * @param entitySet the entity set it starts from
	 * @param navigation its name
	 * @return true when it does
	 */
	public boolean expands(String service, String entitySet, String navigation) {
		return this.navigations.contains(new Navigation(service, entitySet, navigation));
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asText() : null;
	}

	private static JsonNode yaml(Path file) {
		try {
			return YAML.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the lineage " + file, ex);
		}
	}

}
