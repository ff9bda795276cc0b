package org.millgate.policies.versioning;

import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.policies.core.AbstractPolicy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#NOT_FOUND}: the answer for a path no API
 * route matches, 404 {@value #VERSION_UNKNOWN} when the path names a known product with
 * an unknown version (the detail lists the versions offered), otherwise 404
 * {@value #ROUTE_NOT_FOUND}. It is the one policy of the gateway's last route, which
 * belongs to no API version: it is applied by {@link #apply()}, not per API route.
 * Configuration: none, the products and versions come from the catalog.
 */
public final class NotFoundPolicy extends AbstractPolicy {

	public static final String ID = "not-found";

	/** 404: a known product, a version it does not have. */
	public static final String VERSION_UNKNOWN = "version.unknown";

	/** 404: no API operation at that path. */
	public static final String ROUTE_NOT_FOUND = "route.notFound";

	private final ContractCatalog catalog;

	private final Problems problems;

	public NotFoundPolicy(ContractCatalog catalog, Problems problems) {
		super(ID, PolicyOrder.NOT_FOUND, PolicyOrder.Chain.ROUTE);
		this.catalog = catalog;
		this.problems = problems;
	}

	/**
	 * The filter of the last route, which answers every request that reaches it.
	 * @return the filter
	 */
	public GatewayFilter apply() {
		return order().filter((exchange, chain) -> answer(exchange));
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
				return this.problems.write(exchange, VERSION_UNKNOWN, product.get().id() + " has no version '"
						+ printable(segments[1]) + "'; it offers " + String.join(", ", offered) + ".");
			}
		}
		return this.problems.write(exchange, ROUTE_NOT_FOUND,
				"No API operation answers " + exchange.getRequest().getMethod().name() + " " + printable(path) + ".");
	}

	private static String printable(String text) {
		String cut = (text.length() > 200) ? text.substring(0, 200) + "…" : text;
		return cut.replaceAll("[^\\x20-\\x7E]", "?");
	}

	/**
	 * Configuration of {@value #ID}: none; the products and their versions come from the
	 * catalog.
	 */
	public record Config() {

	}

}
