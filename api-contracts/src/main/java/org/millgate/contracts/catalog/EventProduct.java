package org.millgate.contracts.catalog;

import java.util.List;
import java.util.Optional;

/**
 * An event product: a stream of business events (CloudEvents on one Kafka topic per major
 * version) that consumers build on, governed as the API products are: an AsyncAPI
 * contract per major version, an owner, a lifecycle with sunset, known consumers.
 *
 * @param id product id, e.g. {@code production-orders}; the topic of version {@code v1}
 * is {@code millgate.<id>.events.v1}
 * @param title display name
 * @param description what the events tell and to whom
 * @param owner the owning team
 * @param scopes the OAuth2 scopes that allow reading the events (those of the API product
 * of the same data)
 * @param versions every version, oldest first; the contract of {@code v1} is
 * {@code events/<id>/v1.yaml}
 * @param consumers known consumers
 */
public record EventProduct(String id, String title, String description, Owner owner, List<String> scopes,
		List<ProductVersion> versions, List<Consumer> consumers) {

	public EventProduct {
		scopes = List.copyOf(scopes);
		versions = List.copyOf(versions);
		consumers = List.copyOf(consumers);
	}

	/**
	 * The Kafka topic of a major version.
	 * @param version e.g. {@code v1}
	 * @return e.g. {@code millgate.production-orders.events.v1}
	 */
	public String topic(String version) {
		return "millgate." + this.id + ".events." + version;
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
