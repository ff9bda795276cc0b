package org.millgate.contracts.catalog;

import java.util.List;
import java.util.Optional;

/**
 * An API product: a stable, versioned API that consumers build on.
 *
 * @param id product id, also the first path segment after the version, e.g.
 * {@code production-orders}
 * @param title display name
 * @param description what the product offers and to whom
 * @param owner the owning team
 * @param scopes OAuth2 scopes of the product; each operation requires one of them
 * @param plans names of the plans consumers can subscribe to
 * @param versions every version, oldest first
 * @param consumers known consumers
 */
public record Product(String id, String title, String description, Owner owner, List<String> scopes, List<String> plans,
		List<ProductVersion> versions, List<Consumer> consumers) {

	public Product {
		scopes = List.copyOf(scopes);
		plans = List.copyOf(plans);
		versions = List.copyOf(versions);
		consumers = List.copyOf(consumers);
	}

	/**
	 * The given version of this product.
	 * @param version e.g. {@code v1}
	 * @return the version, or empty when the product has none of that name
	 */
	public Optional<ProductVersion> version(String version) {
		return this.versions.stream().filter((candidate) -> candidate.version().equals(version)).findFirst();
	}

}
