package org.millgate.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Millgate claims a client's tokens carry.
 */
class ClientClaimsTests {

	@Test
	void should_give_a_plant_client_its_plants_and_plan() {
		assertThat(new ClientDirectory.Attributes(List.of("1000"), null, "line-critical").claims())
			.containsExactly(Map.entry("plants", List.of("1000")), Map.entry("plan", "line-critical"));
	}

	@Test
	void should_give_a_client_without_plants_an_empty_plants_claim_not_none() {
		assertThat(new ClientDirectory.Attributes(List.of(), null, "plant-standard").claims()).containsEntry("plants",
				List.of());
	}

	@Test
	void should_give_a_partner_its_partner_id_and_no_plants() {
		assertThat(new ClientDirectory.Attributes(List.of(), "ACME", "partner-basic").claims())
			.doesNotContainKey("plants")
			.containsEntry("partner_id", "ACME");
	}

}
