package org.millgate.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route lookup by catalog prefix: the same route as the gateway's own lookup would
 * find, with the predicates of only the routes that can match.
 */
@ExtendWith(OutputCaptureExtension.class)
class CatalogRouteMappingTests {

	private static final int CATALOG_ROUTES = 1_000;

	private final AtomicInteger predicatesRun = new AtomicInteger();

	private final CatalogRouteMapping mapping;

	CatalogRouteMappingTests() {
		List<Route> routes = new ArrayList<>();
		// a route of the gateway's configuration ahead of the catalog's
		routes.add(route("bare", "/bare/**", null));
		for (int i = 0; i < CATALOG_ROUTES; i++) {
			String prefix = "/v1/product-" + i;
			routes.add(route("product-" + i + "-v1", prefix + "/**", prefix));
		}
		// a catalog route that answers reads only: a write falls through to the last
		routes.add(Route.async()
			.id("reads-v1")
			.uri("http://127.0.0.1:9")
			.predicate(counted(
					path("/v1/reads/**").and((exchange) -> "GET".equals(exchange.getRequest().getMethod().name()))))
			.metadata(CatalogRoutes.PATH_PREFIX, List.of("/v1/reads"))
			.build());
		// a product of several resources: one route, a prefix per resource
		routes.add(Route.async()
			.id("master-data-v1")
			.uri("http://127.0.0.1:9")
			.predicate(counted(path("/v1/materials/**").or(path("/v1/plants/**"))))
			.metadata(CatalogRoutes.PATH_PREFIX, List.of("/v1/materials", "/v1/plants"))
			.build());
		// a route whose predicate fails: it does not match, the lookup goes on
		routes.add(Route.async().id("failing").uri("http://127.0.0.1:9").predicate((exchange) -> {
			throw new IllegalStateException("a predicate that fails");
		}).build());
		routes.add(route("not-found", "/**", null));
		this.mapping = new CatalogRouteMapping(new FilteringWebHandler(List.of(), false),
				() -> Flux.fromIterable(routes), new GlobalCorsProperties(), new MockEnvironment());
	}

	@Test
	void should_run_only_the_predicates_of_the_routes_that_can_match() {
		assertThat(routeOf(MockServerHttpRequest.get("/v1/product-999/items/1"))).isEqualTo("product-999-v1");
		assertThat(this.predicatesRun).as("the route ahead of the catalog's, and the one of the prefix").hasValue(2);
	}

	@Test
	void should_read_the_segments_as_the_path_predicates_read_them() {
		assertThat(routeOf(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/%76%31/product-5/items/1"))))
			.isEqualTo("product-5-v1");
		assertThat(routeOf(MockServerHttpRequest.get("/v1;x=1/product-6;y=2/items"))).isEqualTo("product-6-v1");
		assertThat(routeOf(MockServerHttpRequest.get("/v1/product-7"))).isEqualTo("product-7-v1");
		assertThat(routeOf(MockServerHttpRequest.get("/v1/product-7/"))).isEqualTo("product-7-v1");
	}

	@Test
	void should_leave_what_no_catalog_route_takes_to_the_other_routes_in_order() {
		assertThat(routeOf(MockServerHttpRequest.get("/bare/v1/shipments/1"))).isEqualTo("bare");
		assertThat(routeOf(MockServerHttpRequest.get("/v9/unknown/1"))).isEqualTo("not-found");
		assertThat(routeOf(MockServerHttpRequest.get("/"))).isEqualTo("not-found");
		assertThat(routeOf(MockServerHttpRequest.get("/V1/product-5/items/1"))).as("paths are case-sensitive")
			.isEqualTo("not-found");
		assertThat(this.predicatesRun).as("no catalog route's predicate among them").hasValue(4 * 2 - 1);
	}

	@Test
	void should_take_a_predicate_that_fails_for_one_that_does_not_match(CapturedOutput output) {
		assertThat(routeOf(MockServerHttpRequest.get("/v7/anything"))).isEqualTo("not-found");
		assertThat(output).contains("Error applying the predicate of route failing");
	}

	@Test
	void should_find_a_route_of_several_prefixes_by_each_and_by_no_other() {
		assertThat(routeOf(MockServerHttpRequest.get("/v1/materials/FG-100"))).isEqualTo("master-data-v1");
		assertThat(routeOf(MockServerHttpRequest.get("/v1/plants/1000/storage-locations"))).isEqualTo("master-data-v1");
		assertThat(this.predicatesRun).as("the route ahead of the catalog's, and the one of the prefix, twice")
			.hasValue(4);
		assertThat(routeOf(MockServerHttpRequest.get("/v1/units-of-measure"))).isEqualTo("not-found");
	}

	@Test
	void should_go_on_to_the_later_routes_when_the_catalog_routes_predicate_refuses() {
		assertThat(routeOf(MockServerHttpRequest.get("/v1/reads/1"))).isEqualTo("reads-v1");
		assertThat(routeOf(MockServerHttpRequest.post("/v1/reads/1"))).isEqualTo("not-found");
	}

	private String routeOf(MockServerHttpRequest.BaseBuilder<?> request) {
		ServerWebExchange exchange = MockServerWebExchange.from(request);
		this.mapping.getHandler(exchange).block();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : null;
	}

	private Route route(String id, String pattern, String prefix) {
		Route.AsyncBuilder builder = Route.async().id(id).uri("http://127.0.0.1:9").predicate(counted(path(pattern)));
		if (prefix != null) {
			builder.metadata(CatalogRoutes.PATH_PREFIX, List.of(prefix));
		}
		return builder.build();
	}

	// the gateway's own path predicate, as the catalog's routes use it
	private static Predicate<ServerWebExchange> path(String pattern) {
		return new PathRoutePredicateFactory(new WebFluxProperties())
			.apply(new PathRoutePredicateFactory.Config().setPatterns(List.of(pattern)));
	}

	private Predicate<ServerWebExchange> counted(Predicate<ServerWebExchange> predicate) {
		return (exchange) -> {
			this.predicatesRun.incrementAndGet();
			return predicate.test(exchange);
		};
	}

}
