package org.millgate.erpsim.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.erpsim.data.ErpData;
import org.millgate.erpsim.faults.CallStatistics;
import org.millgate.erpsim.faults.FaultSettings;
import org.millgate.erpsim.faults.Faults;
import org.millgate.erpsim.release.ErpRelease;

/**
 * The simulator's own control surface under {@code /_sim}: faults per service, call
 * statistics, and a reset to the seed. Not part of any ERP; no authentication.
 */
public final class ControlHandler {

	private final ErpRelease release;

	private final ServiceRegistry registry;

	private final Faults faults;

	private final CallStatistics statistics;

	private final CsrfTokens tokens;

	private final ErpData data;

	private final ErpData seed;

	private final BearerTokens bearerTokens;

	public ControlHandler(ErpRelease release, ServiceRegistry registry, Faults faults, CallStatistics statistics,
			CsrfTokens tokens, BearerTokens bearerTokens, ErpData data, ErpData seed) {
		this.bearerTokens = bearerTokens;
		this.release = release;
		this.registry = registry;
		this.faults = faults;
		this.statistics = statistics;
		this.tokens = tokens;
		this.data = data;
		this.seed = seed;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/_sim", (request) -> ok(info()))
			.GET("/_sim/stats", (request) -> ok(this.statistics.snapshot()))
			.GET("/_sim/faults", (request) -> ok(this.faults.all()))
			.GET("/_sim/last-requests", (request) -> ok(this.statistics.lastRequests()))
			.PUT("/_sim/faults/{service}", this::setFault)
			.DELETE("/_sim/faults/{service}",
					(request) -> Mono.fromCallable(() -> known(request.pathVariable("service"))).flatMap((service) -> {
						this.faults.clear(service);
						return ServerResponse.noContent().build();
					}))
			.DELETE("/_sim/faults", (request) -> {
				this.faults.clearAll();
				return ServerResponse.noContent().build();
			})
			.POST("/_sim/csrf/expire", (request) -> {
				this.tokens.expireAll();
				return ServerResponse.noContent().build();
			})
			.POST("/_sim/reset", (request) -> Mono.fromRunnable(() -> {
				this.faults.clearAll();
				this.statistics.reset();
				this.tokens.expireAll();
				this.bearerTokens.expireAll();
				this.data.restore(this.seed);
			}).then(ServerResponse.noContent().build()))
			.onError(IllegalArgumentException.class,
					(error, request) -> ServerResponse.badRequest()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("error", error.getMessage())))
			.build();
	}

	// The body is read first, whatever happens next: a request whose body is left unread
	// can leave its keep-alive connection unusable for the next request.
	private Mono<ServerResponse> setFault(ServerRequest request) {
		return request.bodyToMono(JsonNode.class)
			.onErrorMap((error) -> new IllegalArgumentException("the body is not JSON"))
			.switchIfEmpty(Mono.error(new IllegalArgumentException("a fault settings body is required")))
			.flatMap((body) -> {
				String service = known(request.pathVariable("service"));
				this.faults.set(service, settings(body));
				return ok(this.faults.of(service));
			});
	}

	// Every field is optional; unknown fields are refused so that a typo does not
	// silently inject nothing.
	private static FaultSettings settings(JsonNode body) {
		Set<String> known = Set.of("latencyMs", "jitterMs", "errorRate", "errorStatus", "outage", "malformed",
				"slowBodyMs", "refusal");
		body.propertyNames().forEach((name) -> {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown fault '" + name + "'; known: " + new TreeSet<>(known));
			}
		});
		return new FaultSettings(body.path("latencyMs").asLong(0), body.path("jitterMs").asLong(0),
				body.path("errorRate").asDouble(0), body.path("errorStatus").asInt(503),
				body.path("outage").asBoolean(false), body.path("malformed").asBoolean(false),
				body.path("slowBodyMs").asLong(0),
				body.path("refusal").isString() ? body.path("refusal").asString() : null);
	}

	private String known(String service) {
		if (this.registry.all().stream().noneMatch((candidate) -> candidate.id().equals(service))) {
			throw new IllegalArgumentException("unknown service '" + service + "'; known: "
					+ this.registry.all().stream().map((candidate) -> candidate.id()).sorted().toList());
		}
		return service;
	}

	private Map<String, Object> info() {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("release", this.release.id());
		Map<String, String> services = new LinkedHashMap<>();
		this.registry.all().forEach((service) -> services.put(service.id(), service.path()));
		info.put("services", services);
		return info;
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
