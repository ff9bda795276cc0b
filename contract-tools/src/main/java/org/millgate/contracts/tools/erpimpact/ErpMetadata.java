package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What one ERP release's services declare in their {@code $metadata}: entity sets with
 * their properties and types, and actions (function and action imports).
 *
 * @param name how reports name the release, e.g. {@code 2022} or a URL
 * @param services the services by id
 * @param complete whether a service missing here is missing in the release (true for a
 * simulator release, any directory with an index, and an ERP URL; false for saved
 * documents without an index, where it may just not have been saved)
 */
public record ErpMetadata(String name, Map<String, Service> services, boolean complete) {

	public ErpMetadata {
		services = Map.copyOf(services);
	}

	/**
	 * The service of an id.
	 * @param id the id
	 * @return the service, empty when the release has none
	 */
	public Optional<Service> service(String id) {
		return Optional.ofNullable(this.services.get(id));
	}

	/**
	 * One OData service.
	 *
	 * @param id the service's id (from the facade's lineage, or its path when unknown)
	 * @param path its path on the ERP
	 * @param odataVersion {@code 2.0} or {@code 4.0}
	 * @param entitySets entity set name → property name → type, e.g.
	 * {@code Edm.String(40)} or {@code Edm.Decimal[13,3]}, followed by {@code  not null}
	 * when the property is {@code Nullable="false"} (read with {@link ErpType#parse})
	 * @param navigations entity set name → navigation property → the entity set it leads
	 * to ({@code ?} when the document does not say)
	 * @param actions names of its function and action imports
	 */
	public record Service(String id, String path, String odataVersion, Map<String, Map<String, String>> entitySets,
			Map<String, Map<String, String>> navigations, Set<String> actions) {

		/**
		 * The type of a property, if the set and the property exist.
		 * @param entitySet the entity set
		 * @param property the property
		 * @return its type
		 */
		public Optional<String> type(String entitySet, String property) {
			return Optional.ofNullable(this.entitySets.get(entitySet)).map((properties) -> properties.get(property));
		}

	}

	/**
	 * Reads one service's {@code $metadata} document (EDMX 1.0 for OData v2, 4.0 for v4):
	 * entity types with their base types, schema aliases, v2 associations and v4
	 * navigation types.
	 * @param id the service's id
	 * @param path its path on the ERP
	 * @param xml the document
	 * @return the service
	 * @throws IllegalArgumentException when the document is not EDMX, or an entity set's
	 * type is not declared in it
	 */
	public static Service parse(String id, String path, String xml) {
		Element root = document(xml);
		if (!"Edmx".equals(root.getLocalName())) {
			throw new IllegalArgumentException(
					"the $metadata of " + path + " is not an EDMX document (root element " + root.getLocalName() + ")");
		}
		String version = root.getAttribute("Version").equals("4.0") ? "4.0" : "2.0";
		Map<String, Element> types = new LinkedHashMap<>();
		Map<String, String> associationEnds = new LinkedHashMap<>();
		Map<String, String> aliases = new LinkedHashMap<>();
		Set<String> actions = new TreeSet<>();
		for (Element schema : descendants(root, "Schema")) {
			String namespace = schema.getAttribute("Namespace");
			if (!schema.getAttribute("Alias").isEmpty()) {
				aliases.put(schema.getAttribute("Alias"), namespace);
			}
			for (Element type : children(schema, "EntityType")) {
				types.put(namespace + "." + type.getAttribute("Name"), type);
			}
			for (Element association : children(schema, "Association")) {
				for (Element end : children(association, "End")) {
					associationEnds.put(
							namespace + "." + association.getAttribute("Name") + "/" + end.getAttribute("Role"),
							end.getAttribute("Type"));
				}
			}
			for (Element action : children(schema, "Action")) {
				actions.add(action.getAttribute("Name"));
			}
		}
		Map<String, String> setOfType = new LinkedHashMap<>();
		Map<String, String> typeOfSet = new LinkedHashMap<>();
		for (Element container : descendants(root, "EntityContainer")) {
			for (Element set : children(container, "EntitySet")) {
				String type = qualified(set.getAttribute("EntityType"), aliases);
				if (!types.containsKey(type)) {
					throw new IllegalArgumentException("the $metadata of " + path + " declares entity set "
							+ set.getAttribute("Name") + " of type " + type + ", which it does not define");
				}
				typeOfSet.put(set.getAttribute("Name"), type);
				setOfType.putIfAbsent(type, set.getAttribute("Name"));
			}
			for (String imports : new String[] { "FunctionImport", "ActionImport" }) {
				for (Element action : children(container, imports)) {
					actions.add(action.getAttribute("Name"));
				}
			}
		}
		Map<String, Map<String, String>> sets = new LinkedHashMap<>();
		Map<String, Map<String, String>> navigations = new LinkedHashMap<>();
		typeOfSet.forEach((set, type) -> {
			Map<String, String> properties = new LinkedHashMap<>();
			Map<String, String> links = new LinkedHashMap<>();
			collect(types, aliases, type, properties, links, 0);
			Map<String, String> targets = new LinkedHashMap<>();
			links.forEach((navigation, target) -> {
				String targetType = target.startsWith("association:") ? associationEnds
					.getOrDefault(qualified(target.substring("association:".length()), aliases), "") : target;
				targetType = qualified(targetType, aliases);
				if (!types.containsKey(targetType)) {
					// SAP's v2 simulator names the target
					// type in ToRole without a namespace
					String bare = targetType.substring(targetType.lastIndexOf('.') + 1);
					targetType = types.keySet()
						.stream()
						.filter((name) -> name.endsWith("." + bare))
						.findFirst()
						.orElse(targetType);
				}
				targets.put(navigation, setOfType.getOrDefault(targetType, "?"));
			});
			sets.put(set, properties);
			navigations.put(set, targets);
		});
		return new Service(id, path, version, sets, navigations, actions);
	}

	// Properties and navigations of a type and its base types; navigation targets as
	// a type name, or "association:<Relationship>/<ToRole>" for OData v2.
	private static void collect(Map<String, Element> types, Map<String, String> aliases, String type,
			Map<String, String> properties, Map<String, String> navigations, int depth) {
		Element element = types.get(type);
		if (element == null || depth > 16) {
			return;
		}
		if (!element.getAttribute("BaseType").isEmpty()) {
			collect(types, aliases, qualified(element.getAttribute("BaseType"), aliases), properties, navigations,
					depth + 1);
		}
		for (Element property : children(element, "Property")) {
			String maxLength = property.getAttribute("MaxLength");
			String precision = property.getAttribute("Precision");
			String scale = property.getAttribute("Scale");
			properties.put(property.getAttribute("Name"),
					property.getAttribute("Type") + (maxLength.isEmpty() ? "" : "(" + maxLength + ")")
							+ (precision.isEmpty() && scale.isEmpty() ? "" : "[" + precision + "," + scale + "]")
							+ ("false".equals(property.getAttribute("Nullable")) ? " not null" : ""));
		}
		for (Element navigation : children(element, "NavigationProperty")) {
			String target = navigation.getAttribute("Type");
			if (target.isEmpty()) {
				String relationship = navigation.getAttribute("Relationship");
				target = relationship.isEmpty() ? navigation.getAttribute("ToRole")
						: "association:" + relationship + "/" + navigation.getAttribute("ToRole");
			}
			navigations.put(navigation.getAttribute("Name"), target.replaceAll("^Collection\\((.*)\\)$", "$1"));
		}
	}

	private static String qualified(String name, Map<String, String> aliases) {
		int dot = name.lastIndexOf('.');
		if (name.startsWith("association:") || dot < 0) {
			return name;
		}
		String prefix = name.substring(0, dot);
		return aliases.getOrDefault(prefix, prefix) + name.substring(dot);
	}

	private static Element document(String xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
		}
		catch (ParserConfigurationException | SAXException | IOException ex) {
			throw new IllegalArgumentException("not a readable XML document: " + ex.getMessage(), ex);
		}
	}

	private static List<Element> children(Element parent, String localName) {
		List<Element> found = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && localName.equals(element.getLocalName())) {
				found.add(element);
			}
		}
		return found;
	}

	private static List<Element> descendants(Element parent, String localName) {
		List<Element> found = new ArrayList<>();
		var nodes = parent.getElementsByTagNameNS("*", localName);
		for (int i = 0; i < nodes.getLength(); i++) {
			found.add((Element) nodes.item(i));
		}
		return found;
	}

}
