package org.millgate.policies.core;

import java.util.List;
import java.util.Optional;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.ResponseValidator;

/**
 * One version of one API product, as the gateway serves it: its contract and what is
 * derived from it once (operations with scopes, validators).
 *
 * @param product the product
 * @param version the version
 * @param contract the version's contract
 * @param pathPrefix the path every operation of the version starts with, e.g.
 * {@code /v1/production-orders}
 * @param operations the operations and their scopes
 * @param requestValidator the request validator, built once
 * @param responseValidator the response validator, built once
 */
public record ApiRoute(Product product, ProductVersion version, ContractDocument contract, String pathPrefix,
		OperationScopes operations, RequestValidator requestValidator, ResponseValidator responseValidator) {

	/**
	 * Derives a route from a contract.
	 * @param product the product
	 * @param version the version
	 * @param contract its contract
	 * @return the route
	 */
	public static ApiRoute of(Product product, ProductVersion version, ContractDocument contract) {
		OperationScopes operations = OperationScopes.of(contract);
		return new ApiRoute(product, version, contract, commonPrefix(operations.all()), operations,
				new RequestValidator(contract), new ResponseValidator(contract));
	}

	/**
	 * The operation a request calls.
	 * @param method the method
	 * @param path the path
	 * @return the operation, or empty
	 */
	public Optional<OperationScopes.Entry> operation(String method, String path) {
		return this.operations.find(method, path);
	}

	public String productId() {
		return this.product.id();
	}

	public String versionName() {
		return this.version.version();
	}

	private static String commonPrefix(List<OperationScopes.Entry> entries) {
		String prefix = null;
		for (OperationScopes.Entry entry : entries) {
			String fixed = entry.template().replaceAll("/\\{.*$", "");
			if (prefix == null) {
				prefix = fixed;
			}
			while (!(fixed + "/").startsWith(prefix + "/")) {
				prefix = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/')));
			}
		}
		if (prefix == null || prefix.isEmpty()) {
			throw new IllegalStateException("The operations share no path prefix");
		}
		return prefix;
	}

}
