package org.millgate.erpsim.odata;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Navigation;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.service.Property;

/**
 * Writes entities and collections as SAP Gateway does: the v2 {@code d} envelope with
 * {@code __metadata}, deferred navigations, string decimals and {@code /Date(..)/}; or
 * the v4 {@code value} envelope with {@code @odata} annotations.
 */
public final class EntityWriter {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ODataService service;

	private final String serviceUrl;

	private final Navigator navigator;

	/**
	 * A writer for one request.
	 * @param service the service answering
	 * @param serviceUrl the absolute URL of the service root, for links
	 * @param navigator how to follow a navigation from a row, for {@code $expand}
	 */
	public EntityWriter(ODataService service, String serviceUrl, Navigator navigator) {
		this.service = service;
		this.serviceUrl = serviceUrl;
		this.navigator = navigator;
	}

	/**
	 * A collection response.
	 * @param set the entity set
	 * @param page the rows and paging
	 * @param shape the selected and expanded properties
	 * @param withCount whether to include the total count
	 * @param nextLink the next page's URL, or null
	 * @return the response body
	 */
	public ObjectNode collection(EntitySet set, EntityQuery.Page page, Shape shape, boolean withCount,
			String nextLink) {
		ArrayNode entries = JSON.arrayNode();
		page.rows().forEach((row) -> entries.add(entry(set, row, shape)));
		if (this.service.version() == ODataVersion.V4) {
			ObjectNode body = JSON.objectNode();
			body.put("@odata.context", "$metadata#" + set.name());
			if (withCount) {
				body.put("@odata.count", page.total());
			}
			body.set("value", entries);
			if (nextLink != null) {
				body.put("@odata.nextLink", nextLink);
			}
			return body;
		}
		ObjectNode d = JSON.objectNode();
		d.set("results", entries);
		if (withCount) {
			d.put("__count", Integer.toString(page.total()));
		}
		if (nextLink != null) {
			d.put("__next", nextLink);
		}
		return envelope(d);
	}

	/**
	 * A single-entity response.
	 * @param set the entity set
	 * @param row the entity
	 * @param shape the selected and expanded properties
	 * @return the response body
	 */
	public ObjectNode single(EntitySet set, Map<String, Object> row, Shape shape) {
		ObjectNode entry = entry(set, row, shape);
		if (this.service.version() == ODataVersion.V4) {
			ObjectNode body = JSON.objectNode();
			body.put("@odata.context", "$metadata#" + set.name() + "/$entity");
			body.setAll(entry);
			return body;
		}
		return envelope(entry);
	}

	/**
	 * The canonical URL of an entity.
	 * @param set the entity set
	 * @param row the entity
	 * @return e.g. {@code .../A_ProductionOrder_2('1000001')}
	 */
	public String uri(EntitySet set, Map<String, Object> row) {
		List<Property> keys = set.keys();
		String predicate = (keys.size() == 1) ? literal(Values.of(row, keys.get(0)))
				: keys.stream()
					.map((key) -> key.name() + "=" + literal(Values.of(row, key)))
					.collect(Collectors.joining(","));
		return this.serviceUrl + "/" + set.name() + "(" + predicate + ")";
	}

	private ObjectNode entry(EntitySet set, Map<String, Object> row, Shape shape) {
		ObjectNode entry = JSON.objectNode();
		boolean v2 = this.service.version() == ODataVersion.V2;
		if (v2) {
			ObjectNode metadata = entry.putObject("__metadata");
			metadata.put("id", uri(set, row));
			metadata.put("uri", uri(set, row));
			metadata.put("type", this.service.namespace() + "." + set.entityType());
			metadata.put("etag", Etags.of(row));
		}
		else {
			entry.put("@odata.etag", Etags.of(row));
		}
		for (Property property : set.properties()) {
			if (shape.selects(property.name())) {
				entry.set(property.name(),
						Values.json(Values.of(row, property), property.type(), this.service.version()));
			}
		}
		for (Navigation navigation : set.navigations()) {
			EntitySet target = this.service.entitySet(navigation.target()).orElseThrow();
			if (shape.expands(navigation.name())) {
				ArrayNode related = JSON.arrayNode();
				this.navigator.follow(navigation, row).forEach((child) -> related.add(entry(target, child, Shape.ALL)));
				entry.set(navigation.name(), v2 ? JSON.objectNode().set("results", related) : related);
			}
			else if (v2 && shape.selects(navigation.name())) {
				entry.putObject(navigation.name())
					.putObject("__deferred")
					.put("uri", uri(set, row) + "/" + navigation.name());
			}
		}
		return entry;
	}

	private static ObjectNode envelope(ObjectNode d) {
		ObjectNode body = JSON.objectNode();
		body.set("d", d);
		return body;
	}

	private static String literal(Object value) {
		return (value instanceof String text) ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
	}

	/**
	 * Follows navigation properties for {@code $expand}.
	 */
	@FunctionalInterface
	public interface Navigator {

		/**
		 * The rows a navigation leads to.
		 * @param navigation the navigation property
		 * @param row the source row
		 * @return the target rows
		 */
		List<Map<String, Object>> follow(Navigation navigation, Map<String, Object> row);

	}

}
