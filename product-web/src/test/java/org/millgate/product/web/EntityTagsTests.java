package org.millgate.product.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTests {

	@Test
	void should_change_the_tag_with_any_part_of_the_representation_and_only_then() {
		String packed = EntityTags.of("sh-80000001", Map.of("status", "PACKED"));

		assertThat(packed).matches("\"sh-80000001-[0-9a-f]{24}\"");
		assertThat(EntityTags.of("sh-80000001", Map.of("status", "PACKED"))).isEqualTo(packed);
		assertThat(EntityTags.of("sh-80000001", Map.of("status", "READY_FOR_SHIPMENT"))).isNotEqualTo(packed);
		assertThat(EntityTags.of("sh-80000002", Map.of("status", "PACKED"))).isNotEqualTo(packed);
	}

}
