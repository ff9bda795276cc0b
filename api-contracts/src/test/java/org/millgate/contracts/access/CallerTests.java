package org.millgate.contracts.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTests {

	@Test
	void should_read_client_plan_partner_plants_and_scopes_from_the_claims() {
		Caller caller = Caller.fromClaims(Map.of("iss", "http://issuer.test", "client_id", "mes-plant-1000", "sub",
				"other", "plan", "line-critical", "plants", List.of("1000", "2000"), "scope",
				"production-orders:read inventory:read"), "partner-basic");

		assertThat(caller.issuer()).isEqualTo("http://issuer.test");
		assertThat(caller.clientId()).isEqualTo("mes-plant-1000");
		assertThat(caller.plan()).isEqualTo("line-critical");
		assertThat(caller.partnerId()).isNull();
		assertThat(caller.plants()).containsExactlyInAnyOrder("1000", "2000");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("production-orders:read", "inventory:read");
		assertThat(caller.sees("1000")).isTrue();
		assertThat(caller.sees("3000")).isFalse();
	}

	@Test
	void should_fall_back_to_the_subject_and_the_default_plan() {
		Caller caller = Caller.fromClaims(Map.of("sub", "reader", "scope", List.of("inventory:read")), "partner-basic");

		assertThat(caller.clientId()).isEqualTo("reader");
		assertThat(caller.plan()).isEqualTo("partner-basic");
		assertThat(caller.issuer()).isEqualTo("-");
		assertThat(caller.scopes()).containsExactly("inventory:read");
	}

	@Test
	void should_read_plants_given_as_a_space_separated_text() {
		Caller caller = Caller.fromClaims(Map.of("client_id", "wms", "plants", " 1000  2000 "), null);

		assertThat(caller.plants()).containsExactlyInAnyOrder("1000", "2000");
		assertThat(caller.limitedByPlants()).isTrue();
	}

	@Test
	void should_let_a_token_without_plants_see_no_plant() {
		Caller caller = Caller.fromClaims(Map.of("client_id", "reporting"), null);

		assertThat(caller.limitedByPlants()).isFalse();
		assertThat(caller.sees("1000")).isFalse();
		assertThat(caller.reachedThroughPartnerOnly()).isFalse();
	}

	@Test
	void should_grant_no_plant_for_an_empty_or_malformed_claim() {
		for (Object plants : List.of(List.of(), "", 1000, Map.of("plant", "1000"))) {
			Map<String, Object> claims = new HashMap<>();
			claims.put("client_id", "x");
			claims.put("plants", plants);

			Caller caller = Caller.fromClaims(claims, null);

			assertThat(caller.limitedByPlants()).as("plants=%s", plants).isTrue();
			assertThat(caller.plants()).as("plants=%s", plants).isEmpty();
			assertThat(caller.sees("1000")).as("plants=%s", plants).isFalse();
		}
	}

	@Test
	void should_reach_a_partner_without_plants_through_its_partner_only() {
		Caller partner = Caller.fromClaims(Map.of("client_id", "partner-acme", "partner_id", "ACME"), null);
		Caller limitedPartner = Caller
			.fromClaims(Map.of("client_id", "partner-acme", "partner_id", "ACME", "plants", List.of("1000")), null);

		assertThat(partner.partnerId()).isEqualTo("ACME");
		assertThat(partner.reachedThroughPartnerOnly()).isTrue();
		assertThat(partner.sees("1000")).isFalse();
		assertThat(limitedPartner.reachedThroughPartnerOnly()).isFalse();
		assertThat(limitedPartner.sees("1000")).isTrue();
	}

}
