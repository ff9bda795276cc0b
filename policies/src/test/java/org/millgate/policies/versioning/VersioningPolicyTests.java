package org.millgate.policies.versioning;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Owner;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;

import static org.assertj.core.api.Assertions.assertThat;

class VersioningPolicyTests {

	private static final ProductVersion V1 = new ProductVersion("v1", Lifecycle.DEPRECATED, "production-orders/v1.yaml",
			Optional.of(LocalDate.parse("2026-01-01")), Optional.of(LocalDate.parse("2027-06-30")), Optional.of("v2"));

	private static final ProductVersion V2 = new ProductVersion("v2", Lifecycle.PUBLISHED, "production-orders/v2.yaml",
			Optional.of(LocalDate.parse("2026-11-26")), Optional.empty(), Optional.empty());

	@Test
	void aDeprecatedVersionNamesItsSunsetAndSuccessor() {
		Map<String, String> headers = VersioningPolicy.lifecycleHeaders(product(), V1);
		assertThat(headers).containsEntry("Deprecation", "@1795651200")
			.containsEntry("Sunset", "Wed, 30 Jun 2027 00:00:00 GMT")
			.containsEntry("Link", "</v2/production-orders>; rel=\"successor-version\"");
	}

	@Test
	void aPublishedVersionHasNoLifecycleHeaders() {
		assertThat(VersioningPolicy.lifecycleHeaders(product(), V2)).isEmpty();
	}

	private static Product product() {
		return new Product("production-orders", "Production orders", "", new Owner("team", "team@millgate.dev"),
				List.of("production-orders:read"), List.of("line-critical"), List.of(V1, V2), List.of());
	}

}
