package org.millgate.policies.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRouteTests {

	@Test
	void should_route_a_product_by_the_first_two_segments_of_each_of_its_resources() {
		assertThat(TestRoutes.shipments().pathPrefixes()).containsExactly("/v1/shipments");
		assertThat(TestRoutes.route("inventory", "v1").pathPrefixes()).containsExactly("/v1/inventory");
		assertThat(TestRoutes.route("master-data", "v1").pathPrefixes()).containsExactlyInAnyOrder("/v1/materials",
				"/v1/units-of-measure", "/v1/plants");
	}

}
