package org.millgate.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR;

/**
 * Spring Cloud Gateway's route lookup without the scan of every catalog route: its own
 * lookup tries each route's predicates in turn, so a request for the last of 1,000 route
 * versions ran 1,000 predicates ({@code ./millgate bench growth}). A catalog route
 * matches only the paths under its prefixes ({@link CatalogRoutes#PATH_PREFIX}, two
 * segments each, e.g. {@code /v1/shipments}; a product of several resources has one per
 * resource), so for a request the routes that can match are the catalog route of its
 * first two path segments, if any, and every route that is no catalog route, in the
 * gateway's order; their predicates still decide. The segments are read as the path
 * predicates read them (decoded, without matrix variables). It takes the place of the
 * gateway's own mapping, which backs off when one is defined; the index is rebuilt when
 * the routes are refreshed.
 */
final class CatalogRouteMapping extends RoutePredicateHandlerMapping
		implements ApplicationListener<RefreshRoutesResultEvent> {

	private final RouteLocator routes;

	private volatile Mono<Index> index;

	CatalogRouteMapping(FilteringWebHandler webHandler, RouteLocator routes, GlobalCorsProperties cors,
			Environment environment) {
		super(webHandler, routes, cors, environment);
		this.routes = routes;
		this.index = build();
	}

	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		this.index = build();
	}

	private Mono<Index> build() {
		return this.routes.getRoutes().collectList().map(Index::of).cache();
	}

	@Override
	protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
		return this.index.flatMap((index) -> Flux.fromIterable(index.candidates(key(exchange))).filterWhen((route) -> {
			exchange.getAttributes().put(GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
			try {
				return route.getPredicate().apply(exchange);
			}
			catch (RuntimeException ex) {
				// as the gateway's own lookup: a predicate that fails does not match
				logger.error("Error applying the predicate of route " + route.getId(), ex);
				return Mono.just(false);
			}
		}).next().map((route) -> {
			validateRoute(route, exchange);
			return route;
		}));
	}

	// the request's first two path segments as a catalog prefix, or null
	static String key(ServerWebExchange exchange) {
		List<PathContainer.Element> elements = exchange.getRequest().getPath().pathWithinApplication().elements();
		if (elements.size() < 4 || !(elements.get(1) instanceof PathContainer.PathSegment first)
				|| !(elements.get(3) instanceof PathContainer.PathSegment second)) {
			return null;
		}
		return "/" + first.valueToMatch() + "/" + second.valueToMatch();
	}

	/**
	 * The routes a request may match, by catalog prefix.
	 *
	 * @param byPrefix for each catalog prefix, the routes in order without the catalog
	 * routes of other prefixes
	 * @param others the routes in order without any catalog route
	 */
	record Index(Map<String, List<Route>> byPrefix, List<Route> others) {

		private static final Pattern TWO_SEGMENTS = Pattern.compile("/[^/]+/[^/]+");

		static Index of(List<Route> routes) {
			List<List<String>> prefixes = routes.stream().map(Index::prefixesOf).toList();
			List<Route> others = new ArrayList<>();
			for (int i = 0; i < routes.size(); i++) {
				if (prefixes.get(i).isEmpty()) {
					others.add(routes.get(i));
				}
			}
			Map<String, List<Route>> byPrefix = new HashMap<>();
			for (int i = 0; i < routes.size(); i++) {
				for (String prefix : prefixes.get(i)) {
					if (byPrefix.containsKey(prefix)) {
						// a second route of one prefix is never reached by it: the
						// first matches every path the second would
						continue;
					}
					List<Route> candidates = new ArrayList<>(others.size() + 1);
					for (int j = 0; j < routes.size(); j++) {
						if (j == i || prefixes.get(j).isEmpty()) {
							candidates.add(routes.get(j));
						}
					}
					byPrefix.put(prefix, List.copyOf(candidates));
				}
			}
			return new Index(Map.copyOf(byPrefix), List.copyOf(others));
		}

		List<Route> candidates(String key) {
			List<Route> found = (key != null) ? this.byPrefix.get(key) : null;
			return (found != null) ? found : this.others;
		}

		// a catalog route's prefixes, each of exactly two segments; none for any other
		// route, or one with another prefix, which is then looked at for every path
		private static List<String> prefixesOf(Route route) {
			if (!(route.getMetadata().get(CatalogRoutes.PATH_PREFIX) instanceof List<?> values)) {
				return List.of();
			}
			List<String> prefixes = new ArrayList<>();
			for (Object value : values) {
				if (!(value instanceof String text) || !TWO_SEGMENTS.matcher(text).matches()) {
					return List.of();
				}
				prefixes.add(text);
			}
			return prefixes;
		}

	}

}
