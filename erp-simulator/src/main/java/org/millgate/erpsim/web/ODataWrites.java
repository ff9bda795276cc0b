package org.millgate.erpsim.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.erpsim.data.ConfirmationWrites;
import org.millgate.erpsim.data.MaterialDocumentWrites;
import org.millgate.erpsim.data.OrderWrites;
import org.millgate.erpsim.odata.EdmType;
import org.millgate.erpsim.odata.EntityWriter;
import org.millgate.erpsim.odata.Etags;
import org.millgate.erpsim.odata.ODataException;
import org.millgate.erpsim.odata.QueryOptions;
import org.millgate.erpsim.odata.ResourcePath;
import org.millgate.erpsim.odata.Shape;
import org.millgate.erpsim.odata.Values;
import org.millgate.erpsim.service.Action;
import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Navigation;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.service.Property;

/**
 * Creates (confirmations; material documents with their items in one deep insert),
 * updates with {@code If-Match} (production orders) and function imports (release,
 * complete, close, deletion flag, cancel).
 */
public final class ODataWrites {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger LOG = LoggerFactory.getLogger(ODataWrites.class);

	private final OrderWrites orders;

	private final ConfirmationWrites confirmations;

	private final MaterialDocumentWrites materialDocuments;

	private ODataHandler handler;

	public ODataWrites(OrderWrites orders, ConfirmationWrites confirmations, MaterialDocumentWrites materialDocuments) {
		this.orders = orders;
		this.confirmations = confirmations;
		this.materialDocuments = materialDocuments;
	}

	void attach(ODataHandler handler) {
		this.handler = handler;
	}

	Mono<ServerResponse> post(ServerRequest request, ODataService service, String rest, QueryOptions options,
			String serviceUrl) {
		ResourcePath path = ResourcePath.parse(rest);
		if (!path.hasKey() && service.action(path.resource()).isPresent()) {
			// Function imports take their parameters from the query; any body is read and
			// dropped so that the connection stays usable.
			return request.bodyToMono(String.class)
				.then(Mono.defer(() -> call(service, service.action(path.resource()).get(), options, serviceUrl)));
		}
		EntitySet set = this.handler.entitySet(service, path.resource());
		if (path.hasKey() || !set.writable()) {
			throw new ODataException(405, "/IWBEP/CM_MGW_RT/021",
					"Creating entities of " + set.name() + " is not supported");
		}
		String user = request.attribute(SecurityFilter.USER).orElse("SIMULATOR") instanceof String name ? name
				: "SIMULATOR";
		return body(request).map((body) -> {
			EntityWriter writer = new EntityWriter(service, serviceUrl, this.handler::follow);
			if (set.table().equals("MaterialDocumentHeader")) {
				Navigation items = set.navigation("to_MaterialDocumentItem").orElseThrow();
				Map<String, Object> row = this.materialDocuments.post(columns(set, body, service),
						children(body, items, this.handler.entitySet(service, items.target()), service), user);
				LOG.info("Posted material document {}/{}", row.get("MaterialDocumentYear"),
						row.get("MaterialDocument"));
				return new Created(writer.uri(set, row),
						writer.single(set, row, new Shape(Set.of(), Set.of(items.name()))));
			}
			Map<String, Object> row = this.confirmations.post(columns(set, body, service), user);
			LOG.info("Posted confirmation {}/{} for order {} operation {} (yield {}, scrap {}, external id {})",
					row.get("ConfirmationGroup"), row.get("ConfirmationCount"), row.get("OrderID"),
					row.get("OrderOperation"), row.get("ConfirmationYieldQuantity"),
					row.get("ConfirmationScrapQuantity"), row.get("ExternalSystemConfirmation"));
			return new Created(writer.uri(set, row), writer.single(set, row, Shape.ALL));
		})
			.flatMap((created) -> ServerResponse.status(HttpStatus.CREATED)
				.header("Location", created.location())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(created.body().toString()));
	}

	Mono<ServerResponse> patch(ServerRequest request, ODataService service, ResourcePath path, String serviceUrl) {
		EntitySet set = this.handler.entitySet(service, path.resource());
		if (!path.hasKey() || path.navigation() != null || !set.table().equals("ProductionOrder")) {
			throw new ODataException(405, "/IWBEP/CM_MGW_RT/021", "Updating " + set.name() + " is not supported");
		}
		Map<String, Object> row = this.handler.find(set, path);
		String ifMatch = request.headers().firstHeader("If-Match");
		if (ifMatch == null) {
			throw new ODataException(428, "/IWBEP/CM_MGW_RT/024", "Precondition required: send If-Match with the ETag");
		}
		String order = (String) row.get("ManufacturingOrder");
		return body(request).flatMap((body) -> {
			Map<String, Object> changes = columns(set, body, service);
			this.orders.update(order, ifMatch, changes);
			LOG.info("Updated order {}: {}", order, changes.keySet());
			return ServerResponse.noContent().build();
		});
	}

	private Mono<ServerResponse> call(ODataService service, Action action, QueryOptions options, String serviceUrl) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (Property parameter : action.parameters()) {
			String value = options.get(parameter.name());
			if (value == null || value.length() < 2 || !value.startsWith("'") || !value.endsWith("'")) {
				throw ODataException.badRequest("Parameter '" + parameter.name() + "' of " + action.name()
						+ " is missing or not a quoted string");
			}
			String text = value.substring(1, value.length() - 1).replace("''", "'");
			String misfit = parameter.misfit(text);
			if (misfit != null) {
				throw ODataException.badRequest(misfit);
			}
			parameters.put(parameter.name(), text);
		}
		String order = parameters.get("ManufacturingOrder");
		String message = switch (action.operation()) {
			case "release" -> this.orders.release(order);
			case "releaseOperation" ->
				this.orders.releaseOperation(order, parameters.get("ManufacturingOrderOperation"));
			case "complete" -> this.orders.completeTechnically(order);
			case "close" -> this.orders.close(order);
			case "delete" -> this.orders.flagForDeletion(order);
			case "cancel" -> null;
			default -> throw new IllegalStateException("unknown operation " + action.operation());
		};
		if (message != null) {
			LOG.info("{}: {}", action.name(), message);
		}
		if (message == null) {
			Map<String, Object> reversal = this.confirmations.cancel(parameters.get("ConfirmationGroup"),
					parameters.get("ConfirmationCount"));
			EntitySet set = service.entitySets().get(0);
			return ODataResponses.json(HttpStatus.OK,
					new EntityWriter(service, serviceUrl, this.handler::follow).single(set, reversal, Shape.ALL),
					service.version());
		}
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.putObject("d")
			.putObject(action.name())
			.put("SystemMessageType", "S")
			.put("SystemMessageIdentification", "CO")
			.put("SystemMessageNumber", "000")
			.put("SystemMessageLongText", message);
		return ODataResponses.json(HttpStatus.OK, body, service.version());
	}

	private static Mono<JsonNode> body(ServerRequest request) {
		return request.bodyToMono(String.class).defaultIfEmpty("").map((text) -> {
			try {
				JsonNode body = JSON.readTree(text);
				if (body == null || !body.isObject()) {
					throw ODataException.badRequest("The request body must be a JSON object");
				}
				return body.has("d") && body.size() == 1 ? body.get("d") : body;
			}
			catch (JacksonException ex) {
				throw ODataException.badRequest("The request body is not valid JSON");
			}
		});
	}

	// The entities of a deep insert, inline under a navigation property: an array,
	// or an object with the array in "results" (v2).
	private static List<Map<String, Object>> children(JsonNode body, Navigation navigation, EntitySet target,
			ODataService service) {
		JsonNode inline = body.path(navigation.name());
		JsonNode entities = inline.has("results") ? inline.get("results") : inline;
		List<Map<String, Object>> children = new ArrayList<>();
		if (entities.isArray()) {
			for (JsonNode entity : entities) {
				if (!entity.isObject()) {
					throw ODataException.badRequest("Every entity of " + navigation.name() + " must be an object");
				}
				children.add(columns(target, entity, service));
			}
		}
		else if (!inline.isMissingNode()) {
			throw ODataException.badRequest("Navigation property '" + navigation.name() + "' must hold a collection");
		}
		return children;
	}

	private static Map<String, Object> columns(EntitySet set, JsonNode body, ODataService service) {
		Map<String, Object> columns = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : body.properties()) {
			if (field.getKey().startsWith("__") || field.getKey().startsWith("@odata")
					|| set.navigation(field.getKey()).isPresent() && set.writable()) {
				continue;
			}
			Property property = set.property(field.getKey())
				.orElseThrow(() -> ODataException
					.badRequest("Property '" + field.getKey() + "' is invalid for " + set.entityType()));
			Object value = Values.parse(field.getValue(), property, service.version());
			if (property.type() == EdmType.STRING && property.maxLength() == 1 && value instanceof String flag
					&& set.table().equals("ProductionOrder")) {
				value = "X".equals(flag);
			}
			columns.put(property.column(), value);
		}
		return columns;
	}

	private record Created(String location, ObjectNode body) {

	}

}
