package org.millgate.erpsim.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

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

	private final Supplier<ErpData> seed;

	public ControlHandler(ErpRelease release, ServiceRegistry registry, Faults faults, CallStatistics statistics,
			CsrfTokens tokens, ErpData data, Supplier<ErpData> seed) {
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
			.PUT("/_sim/faults/{service}", this::setFault)
			.DELETE("/_sim/faults/{service}", (request) -> {
				this.faults.clear(known(request.pathVariable("service")));
				return ServerResponse.noContent().build();
			})
			.DELETE("/_sim/faults", (request) -> {
				this.faults.clearAll();
				return ServerResponse.noContent().build();
			})
			.POST("/_sim/csrf/expire", (request) -> {
				this.tokens.expireAll();
				return ServerResponse.noContent().build();
			})
			.POST("/_sim/reset", (request) -> {
				this.faults.clearAll();
				this.statistics.reset();
				this.tokens.expireAll();
				this.data.restore(this.seed.get());
				return ServerResponse.noContent().build();
			})
			.onError(IllegalArgumentException.class,
					(error, request) -> ServerResponse.badRequest()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("error", error.getMessage())))
			.build();
	}

	private Mono<ServerResponse> setFault(ServerRequest request) {
		String service = known(request.pathVariable("service"));
		return request.bodyToMono(FaultSettings.class)
			.switchIfEmpty(Mono.error(new IllegalArgumentException("a fault settings body is required")))
			.onErrorMap((error) -> !(error instanceof IllegalArgumentException),
					(error) -> new IllegalArgumentException(
							"the body is not valid fault settings: latencyMs, jitterMs, "
									+ "errorRate, errorStatus, outage, malformed, slowBodyMs"))
			.flatMap((settings) -> {
				this.faults.set(service, settings);
				return ok(this.faults.of(service));
			});
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
