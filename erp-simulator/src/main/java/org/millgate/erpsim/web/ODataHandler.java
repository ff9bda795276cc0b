package org.millgate.erpsim.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

import org.millgate.erpsim.data.ErpData;
import org.millgate.erpsim.odata.EntityQuery;
import org.millgate.erpsim.odata.EntityWriter;
import org.millgate.erpsim.odata.Etags;
import org.millgate.erpsim.odata.MetadataWriter;
import org.millgate.erpsim.odata.ODataException;
import org.millgate.erpsim.odata.ODataVersion;
import org.millgate.erpsim.odata.QueryOptions;
import org.millgate.erpsim.odata.ResourcePath;
import org.millgate.erpsim.odata.Shape;
import org.millgate.erpsim.odata.Values;
import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Navigation;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.service.Property;

/**
 * Answers every request under a service root: {@code $metadata}, collections, entities,
 * navigations and {@code $count} here; creates, updates and function imports in
 * {@link ODataWrites}. Everything runs in memory, without blocking.
 */
public final class ODataHandler {

	private final ServiceRegistry registry;

	private final ErpData data;

	private final int pageSize;

	private final String sapClient;

	private final ODataWrites writes;

	public ODataHandler(ServiceRegistry registry, ErpData data, int pageSize, String sapClient, ODataWrites writes) {
		this.registry = registry;
		this.data = data;
		this.pageSize = pageSize;
		this.sapClient = sapClient;
		this.writes = writes;
		writes.attach(this);
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		String rawPath = request.uri().getRawPath();
		ODataService service = this.registry.find(rawPath).orElse(null);
		if (service == null) {
			return ODataResponses.error(ODataException.notFound("No service found for path " + rawPath),
					ODataVersion.V2);
		}
		return Mono.defer(() -> dispatch(request, service, rawPath))
			.onErrorResume(ODataException.class, (error) -> ODataResponses.error(error, service.version()))
			.onErrorResume((error) -> !(error instanceof ODataException),
					(error) -> ODataResponses.error(
							new ODataException(500, "/IWBEP/CM_MGW_RT/000", "An internal error occurred"),
							service.version()));
	}

	private Mono<ServerResponse> dispatch(ServerRequest request, ODataService service, String rawPath) {
		QueryOptions options = QueryOptions.parse(request.uri().getRawQuery());
		String client = options.get("sap-client");
		if (client != null && !client.equals(this.sapClient)) {
			throw new ODataException(400, "/IWFND/CM_BEC/026", "Client " + client + " does not exist in the system");
		}
		String rest = UriUtils.decode(rawPath.substring(service.path().length()), StandardCharsets.UTF_8);
		rest = rest.startsWith("/") ? rest.substring(1) : rest;
		String serviceUrl = serviceUrl(request, service);
		HttpMethod method = effectiveMethod(request);
		if (rest.isEmpty() || rest.equals("$metadata")) {
			if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
				throw new ODataException(405, "/IWBEP/CM_MGW_RT/021", "Method " + method + " not allowed");
			}
			return rest.isEmpty() ? serviceDocument(service)
					: ServerResponse.ok()
						.contentType(MediaType.APPLICATION_XML)
						.bodyValue(MetadataWriter.write(service));
		}
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			return read(service, ResourcePath.parse(rest), options, serviceUrl);
		}
		if (HttpMethod.POST.equals(method)) {
			return this.writes.post(request, service, rest, options, serviceUrl);
		}
		if (HttpMethod.PATCH.equals(method) || "MERGE".equals(method.name()) || HttpMethod.PUT.equals(method)) {
			return this.writes.patch(request, service, ResourcePath.parse(rest), serviceUrl);
		}
		throw new ODataException(405, "/IWBEP/CM_MGW_RT/021", "Method " + method + " not allowed");
	}

	private Mono<ServerResponse> read(ODataService service, ResourcePath path, QueryOptions options,
			String serviceUrl) {
		EntitySet set = entitySet(service, path.resource());
		EntityWriter writer = new EntityWriter(service, serviceUrl, this::follow);
		if (!path.hasKey()) {
			return collection(service, set, set, rows(set), options, writer, serviceUrl + "/" + set.name(),
					path.count());
		}
		Map<String, Object> row = find(set, path);
		if (path.navigation() == null) {
			if (path.count()) {
				throw ODataException.badRequest("$count is not allowed on a single entity");
			}
			return ODataResponses.json(HttpStatus.OK, writer.single(set, row, Shape.of(set, options)),
					service.version(), Etags.of(row));
		}
		Navigation navigation = set.navigation(path.navigation())
			.orElseThrow(() -> ODataException.notFound("Resource not found for segment '" + path.navigation() + "'"));
		EntitySet target = entitySet(service, navigation.target());
		return collection(service, set, target, follow(navigation, row), options, writer,
				writer.uri(set, row) + "/" + navigation.name(), path.count());
	}

	private Mono<ServerResponse> collection(ODataService service, EntitySet source, EntitySet set,
			List<Map<String, Object>> rows, QueryOptions options, EntityWriter writer, String selfUrl, boolean count) {
		EntityQuery.Page page = new EntityQuery(set, service.version(), this.pageSize).run(rows, options);
		if (count) {
			return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(Integer.toString(page.total()));
		}
		boolean withCount = "allpages".equals(options.get("$inlinecount")) || "true".equals(options.get("$count"));
		String next = (page.nextSkipToken() < 0) ? null : selfUrl + "?" + nextQuery(options, page.nextSkipToken());
		return ODataResponses.json(HttpStatus.OK, writer.collection(set, page, Shape.of(set, options), withCount, next),
				service.version());
	}

	private static String nextQuery(QueryOptions options, int skipToken) {
		String kept = options.all()
			.entrySet()
			.stream()
			.filter((option) -> !option.getKey().equals("$skiptoken"))
			.map((option) -> encode(option.getKey()) + "=" + encode(option.getValue()))
			.collect(Collectors.joining("&"));
		return (kept.isEmpty() ? "" : kept + "&") + "$skiptoken=" + skipToken;
	}

	// '+' is decoded as a space in queries, so a literal '+' must travel encoded.
	private static String encode(String text) {
		return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8).replace("+", "%2B");
	}

	private Mono<ServerResponse> serviceDocument(ODataService service) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ArrayNode sets = body.putObject("d").putArray("EntitySets");
		service.entitySets().forEach((set) -> sets.add(set.name()));
		return ODataResponses.json(HttpStatus.OK, body, service.version());
	}

	EntitySet entitySet(ODataService service, String name) {
		return service.entitySet(name)
			.orElseThrow(() -> service.action(name).isPresent()
					? new ODataException(405, "/IWBEP/CM_MGW_RT/021", "Function import '" + name + "' requires POST")
					: ODataException.notFound("Resource not found for segment '" + name + "'"));
	}

	List<Map<String, Object>> rows(EntitySet set) {
		return this.data.table(set.table()).rows();
	}

	Map<String, Object> find(EntitySet set, ResourcePath path) {
		Map<String, String> key = path.key();
		List<Property> keys = set.keys();
		boolean single = key.size() == 1 && key.containsKey("") && keys.size() == 1;
		if (!single && (key.size() != keys.size() || !keys.stream().allMatch((k) -> key.containsKey(k.name())))) {
			throw ODataException.badRequest("The key predicate must name "
					+ keys.stream().map(Property::name).collect(Collectors.joining(", ")) + " of " + set.name());
		}
		return rows(set).stream()
			.filter((row) -> keys.stream()
				.allMatch((k) -> String.valueOf(Values.of(row, k)).equals(single ? key.get("") : key.get(k.name()))))
			.findFirst()
			.orElseThrow(() -> ODataException.notFound("Resource not found for segment '" + set.name() + "'"));
	}

	List<Map<String, Object>> follow(Navigation navigation, Map<String, Object> row) {
		EntitySet target = this.registry.all()
			.stream()
			.flatMap((service) -> service.entitySet(navigation.target()).stream())
			.findFirst()
			.orElseThrow();
		return rows(target).stream()
			.filter((candidate) -> navigation.join()
				.entrySet()
				.stream()
				.allMatch((join) -> Objects.equals(row.get(join.getKey()), candidate.get(join.getValue()))))
			.toList();
	}

	private static HttpMethod effectiveMethod(ServerRequest request) {
		String tunnelled = request.headers().firstHeader("X-HTTP-Method");
		return (tunnelled != null && HttpMethod.POST.equals(request.method())) ? HttpMethod.valueOf(tunnelled)
				: request.method();
	}

	private static String serviceUrl(ServerRequest request, ODataService service) {
		URI uri = request.uri();
		return uri.getScheme() + "://" + uri.getRawAuthority() + service.path();
	}

}
