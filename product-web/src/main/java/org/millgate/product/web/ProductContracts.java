package org.millgate.product.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;

/**
 * The contracts of the versions a product service serves: every version the catalog
 * releases (published or deprecated), side by side; drafts and retired versions never
 * reach a controller.
 *
 * @param product the product id
 * @param byVersion version (e.g. {@code v1}) → its contract, oldest first
 */
public record ProductContracts(String product, Map<String, ContractDocument> byVersion) {

	public ProductContracts {
		byVersion = Collections.unmodifiableMap(new LinkedHashMap<>(byVersion));
	}

	/**
	 * The released versions of a product.
	 * @param catalog the catalog
	 * @param product the product id
	 * @return its contracts
	 * @throws IllegalStateException when the catalog has no such product or it has no
	 * released version
	 */
	public static ProductContracts of(ContractCatalog catalog, String product) {
		Map<String, ContractDocument> contracts = new LinkedHashMap<>();
		catalog.product(product)
			.orElseThrow(() -> new IllegalStateException(
					"millgate.product.id '" + product + "' is not a product of the contract catalog"))
			.versions()
			.stream()
			.filter((version) -> version.state().isReleased())
			.forEach((version) -> contracts.put(version.version(),
					catalog.contract(product, version.version()).orElseThrow()));
		if (contracts.isEmpty()) {
			throw new IllegalStateException("Product " + product + " has no released version to serve");
		}
		return new ProductContracts(product, contracts);
	}

	/**
	 * The versions served.
	 * @return e.g. {@code [v1, v2]}
	 */
	public List<String> versions() {
		return List.copyOf(this.byVersion.keySet());
	}

	/**
	 * The operations of every version served, with their scopes.
	 * @return the operations
	 */
	public OperationScopes operations() {
		return OperationScopes.of(this.byVersion.values());
	}

}
