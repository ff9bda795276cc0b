package org.millgate.policies.versioning;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#VERSIONING}: a deprecated version answers
 * with {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594) and a
 * {@code successor-version} link; a retired one with 410 {@value #VERSION_RETIRED}; an
 * operation the version does not have with 404 {@value #ROUTE_NOT_FOUND}. It records the
 * route and the operation called for the later policies. Configuration: none, the
 * lifecycle comes from the catalog.
 */
public final class VersioningPolicy extends AbstractRoutePolicy<VersioningPolicy.Config> {

	public static final String ID = "versioning";

	/** 410: the version was retired. */
	public static final String VERSION_RETIRED = "version.retired";

	/** 404: the version has no such operation. */
	public static final String ROUTE_NOT_FOUND = "route.notFound";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final Problems problems;

	public VersioningPolicy(Problems problems) {
		super(ID, PolicyOrder.VERSIONING, RouteConfigs.same(new Config()));
		this.problems = problems;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		Map<String, String> headers = lifecycleHeaders(route.product(), route.version());
		return (exchange, chain) -> filter(route, headers, exchange, chain);
	}

	/**
	 * The headers a version's responses carry, from its lifecycle.
	 * @param product the product
	 * @param version the version
	 * @return header name to value, empty for a published version
	 */
	public static Map<String, String> lifecycleHeaders(Product product, ProductVersion version) {
		if (version.state() != Lifecycle.DEPRECATED && version.state() != Lifecycle.RETIRED) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		// RFC 9745: a structured-field date, the moment the version was deprecated; the
		// catalog does not say when, so the release of the successor stands for it.
		version.successor()
			.flatMap(product::version)
			.flatMap(ProductVersion::released)
			.ifPresent((since) -> headers.put("Deprecation", "@" + since.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
		headers.putIfAbsent("Deprecation", "@0");
		version.sunset().ifPresent((sunset) -> headers.put("Sunset", httpDate(sunset)));
		version.successor()
			.ifPresent((successor) -> headers.put(HttpHeaders.LINK,
					"</" + successor + "/" + product.id() + ">; rel=\"successor-version\""));
		return Map.copyOf(headers);
	}

	private static String httpDate(LocalDate date) {
		return HTTP_DATE.format(date.atStartOfDay(ZoneOffset.UTC));
	}

	private Mono<Void> filter(ApiRoute route, Map<String, String> headers, ServerWebExchange exchange,
			GatewayFilterChain chain) {
		ApiCall call = ApiCall.of(exchange);
		call.route(route);
		HttpHeaders responseHeaders = exchange.getResponse().getHeaders();
		headers.forEach(responseHeaders::set);
		if (route.version().state() == Lifecycle.RETIRED) {
			String detail = "Version " + route.versionName() + " of " + route.productId() + " was retired"
					+ route.version().sunset().map((date) -> " on " + date).orElse("")
					+ route.version().successor().map((next) -> "; use " + next).orElse("") + ".";
			return this.problems.write(exchange, VERSION_RETIRED, detail);
		}
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		Optional<OperationScopes.Entry> operation = route.operation(method, path);
		if (operation.isEmpty()) {
			return this.problems.write(exchange, ROUTE_NOT_FOUND, method + " " + path + " is not an operation of "
					+ route.productId() + " " + route.versionName() + ".");
		}
		call.operation(operation.get());
		return chain.filter(exchange);
	}

	/**
	 * Configuration of {@value #ID}: none; a version's lifecycle and operations come from
	 * the catalog and its contract.
	 */
	public record Config() {

	}

}
