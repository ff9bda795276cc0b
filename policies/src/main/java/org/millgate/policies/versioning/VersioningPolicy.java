package org.millgate.policies.versioning;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code versioning}: a deprecated version answers with {@code Deprecation} (RFC
 * 9745), {@code Sunset} (RFC 8594) and a {@code successor-version} link; a retired one
 * with 410 {@code version.retired}; an operation the version does not have with 404
 * {@code route.notFound}. It also records the route and operation for the other policies.
 * Failure codes: {@code version.retired}, {@code route.notFound}.
 */
public final class VersioningPolicy implements Policy {

	public static final String ID = "versioning";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final ApiRoute route;

	private final Problems problems;

	private final Map<String, String> headers;

	public VersioningPolicy(ApiRoute route, Problems problems) {
		this.route = route;
		this.problems = problems;
		this.headers = lifecycleHeaders(route.product(), route.version());
	}

	@Override
	public String id() {
		return ID;
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
		Map<String, String> headers = new java.util.LinkedHashMap<>();
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

	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.VERSIONING);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		ApiCall call = ApiCall.of(exchange);
		call.route(this.route);
		HttpHeaders responseHeaders = exchange.getResponse().getHeaders();
		this.headers.forEach(responseHeaders::set);
		if (this.route.version().state() == Lifecycle.RETIRED) {
			String detail = "Version " + this.route.versionName() + " of " + this.route.productId() + " was retired"
					+ this.route.version().sunset().map((date) -> " on " + date).orElse("")
					+ this.route.version().successor().map((next) -> "; use " + next).orElse("") + ".";
			return this.problems.write(exchange, "version.retired", detail);
		}
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		Optional<org.millgate.contracts.access.OperationScopes.Entry> operation = this.route.operation(method, path);
		if (operation.isEmpty()) {
			return this.problems.write(exchange, "route.notFound", method + " " + path + " is not an operation of "
					+ this.route.productId() + " " + this.route.versionName() + ".");
		}
		call.operation(operation.get().operationId());
		exchange.getAttributes().put(OPERATION, operation.get());
		return chain.filter(exchange);
	}

	/** The exchange attribute holding the matched operation. */
	public static final String OPERATION = "millgate.operation";

	/**
	 * The answer for a path no route matches: 404 {@code version.unknown} when the path
	 * names a known product with an unknown version, otherwise 404
	 * {@code route.notFound}.
	 */
	public static final class NotFound implements Policy {

		private final ContractCatalog catalog;

		private final Problems problems;

		public NotFound(ContractCatalog catalog, Problems problems) {
			this.catalog = catalog;
			this.problems = problems;
		}

		@Override
		public String id() {
			return "not-found";
		}

		public OrderedGatewayFilter filter() {
			return new OrderedGatewayFilter((exchange, chain) -> answer(exchange), PolicyOrder.VERSIONING);
		}

		Mono<Void> answer(ServerWebExchange exchange) {
			String path = exchange.getRequest().getPath().value();
			String[] segments = path.split("/");
			if (segments.length >= 3 && segments[1].matches("v[0-9]{1,3}")) {
				Optional<Product> product = this.catalog.product(segments[2]);
				if (product.isPresent() && product.get().version(segments[1]).isEmpty()) {
					List<String> offered = product.get()
						.versions()
						.stream()
						.filter((version) -> version.state() != Lifecycle.DRAFT)
						.map(ProductVersion::version)
						.toList();
					return this.problems.write(
							exchange, "version.unknown", product.get().id() + " has no version '"
									+ printable(segments[1]) + "'; it offers " + String.join(", ", offered) + ".",
							List.<RequestViolation>of(), HttpHeaders.EMPTY);
				}
			}
			return this.problems.write(exchange, "route.notFound", "No API operation answers "
					+ exchange.getRequest().getMethod().name() + " " + printable(path) + ".");
		}

		private static String printable(String text) {
			String cut = (text.length() > 200) ? text.substring(0, 200) + "…" : text;
			return cut.replaceAll("[^\\x20-\\x7E]", "?");
		}

	}

}
