package org.millgate.policies.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;

/**
 * Routes of the built-in catalog, as the gateway derives them, built once per test run.
 */
public final class TestRoutes {

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	private static final Map<String, ApiRoute> ROUTES = new ConcurrentHashMap<>();

	private TestRoutes() {
	}

	/**
	 * The route of a product version.
	 * @param productId the product
	 * @param version the version, e.g. {@code v1}
	 * @return its route
	 */
	public static ApiRoute route(String productId, String version) {
		return ROUTES.computeIfAbsent(productId + " " + version, (key) -> {
			Product product = CATALOG.product(productId).orElseThrow();
			ProductVersion productVersion = product.version(version).orElseThrow();
			return ApiRoute.of(product, productVersion, CATALOG.contract(productId, version).orElseThrow());
		});
	}

	public static ApiRoute shipments() {
		return route("shipments", "v1");
	}

	public static ApiRoute productionOrders() {
		return route("production-orders", "v1");
	}

}
