package org.millgate.contracts.access;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The claims of the identity providers plants use, read into the same caller as
 * Millgate's own tokens: the README's mappings for Keycloak, Entra ID and Okta.
 */
class ClaimMappingTests {

	@Test
	void should_read_a_keycloak_client_credentials_token_by_azp_scope_and_mapped_claims() {
		ClaimMapping keycloak = new ClaimMapping(List.of("client_id", "azp"), List.of("scope"), Map.of(), "plants",
				null, "partner_id", "plan", null);
		Map<String, Object> claims = Map.of("iss", "http://kc/realms/millgate", "azp", "mes-plant-1000", "scope",
				"profile production-orders:read inventory:read", "plants", List.of("1000"), "plan", "line-critical",
				"sub", "5c0b…");

		Caller caller = keycloak.caller(claims, "partner-basic");

		assertThat(caller).isEqualTo(new Caller("http://kc/realms/millgate", "mes-plant-1000", "line-critical", null,
				java.util.Set.of("1000"), true,
				java.util.Set.of("profile", "production-orders:read", "inventory:read")));
	}

	@Test
	void should_translate_entra_app_roles_to_scopes_and_groups_to_plants() {
		ClaimMapping entra = new ClaimMapping(List.of("azp", "appid"), List.of("roles"),
				Map.of("Inventory.Read", "inventory:read", "Shipments.Read", "shipments:read"), "groups",
				"millgate-plant-(\\d{4})", "partner_id", "", null);
		Map<String, Object> claims = Map.of("iss", "https://login.microsoftonline.com/t/v2.0", "appid", "0f3c-wms",
				"roles", List.of("Inventory.Read", "Shipments.Read", "Reports.Export"), "groups",
				List.of("millgate-plant-1000", "plant-2000-admins", "millgate-plant-x"), "plan", "line-critical");

		Caller caller = entra.caller(claims, "plant-standard");

		assertThat(caller.clientId()).isEqualTo("0f3c-wms");
		assertThat(caller.scopes()).as("only the roles listed grant scopes")
			.containsExactlyInAnyOrder("inventory:read", "shipments:read");
		assertThat(caller.plants()).containsExactly("1000");
		assertThat(caller.limitedByPlants()).isTrue();
		assertThat(caller.plan()).as("no plan claim mapped: the default plan").isEqualTo("plant-standard");
	}

	@Test
	void should_read_okta_cid_and_scp_list() {
		ClaimMapping okta = new ClaimMapping(List.of("cid"), List.of("scp"), Map.of(), "plants", null, "partner",
				"plan", null);
		Map<String, Object> claims = Map.of("iss", "https://acme.okta.com/oauth2/default", "cid", "0oa-partner", "scp",
				List.of("shipments:read"), "partner", "ACME");

		Caller caller = okta.caller(claims, "partner-basic");

		assertThat(caller.clientId()).isEqualTo("0oa-partner");
		assertThat(caller.partnerId()).isEqualTo("ACME");
		assertThat(caller.reachedThroughPartnerOnly()).isTrue();
		assertThat(caller.plan()).isEqualTo("partner-basic");
	}

	@Test
	void should_grant_no_plant_when_no_group_matches_the_pattern() {
		ClaimMapping groups = new ClaimMapping(List.of("azp"), List.of("scope"), Map.of(), "groups", "/plants/(\\d{4})",
				"partner_id", "plan", null);

		Caller caller = groups.caller(Map.of("azp", "x", "groups", List.of("/admins", "/plants/12345")), "basic");

		assertThat(caller.plants()).isEmpty();
		assertThat(caller.sees("1234")).isFalse();
		assertThat(caller.limitedByPlants()).as("limited by plants only where a group names one").isFalse();
	}

	@Test
	void should_read_millgate_tokens_alike_with_the_standard_mapping_and_fromClaims() {
		Map<String, Object> claims = Map.of("iss", "http://localhost:9000", "client_id", "wms-plant-1000", "scope",
				List.of("inventory:read"), "plants", "1000 2000");

		assertThat(ClaimMapping.STANDARD.caller(claims, "plant-standard"))
			.isEqualTo(Caller.fromClaims(claims, "plant-standard"));
		assertThat(Caller.fromClaims(claims, "plant-standard").plants()).containsExactlyInAnyOrder("1000", "2000");
	}

	@Test
	void should_grant_a_role_named_like_a_scope_nothing_when_the_roles_are_translated() {
		ClaimMapping entra = new ClaimMapping(List.of("azp"), List.of("roles"),
				Map.of("Inventory.Read", "inventory:read"), "groups", null, "partner_id", "", null);

		Caller caller = entra.caller(Map.of("azp", "a", "roles", List.of("production-orders:write")), "basic");

		assertThat(caller.scopes()).isEmpty();
	}

	@Test
	void should_put_the_issuers_prefix_before_its_client_ids() {
		ClaimMapping keycloak = new ClaimMapping(List.of("azp"), null, null, null, null, null, null, "sso/");

		assertThat(keycloak.caller(Map.of("azp", "mes-plant-1000"), "basic").clientId())
			.isEqualTo("sso/mes-plant-1000");
		assertThat(keycloak.caller(Map.of("sub", "x"), "basic").clientId()).as("no client claim: no client")
			.isEqualTo("-");
	}

	@Test
	void should_take_the_standard_claim_for_what_is_not_configured() {
		ClaimMapping onlyClient = new ClaimMapping(List.of("azp"), null, null, null, null, null, null, null);
		Map<String, Object> claims = Map.of("azp", "a", "scope", "inventory:read", "plants", List.of("1000"),
				"partner_id", "ACME", "plan", "gold");

		assertThat(onlyClient.caller(claims, "basic")).isEqualTo(new Caller("-", "a", "gold", "ACME",
				java.util.Set.of("1000"), true, java.util.Set.of("inventory:read")));
	}

	@Test
	void should_refuse_a_mapping_without_a_client_claim_or_with_a_pattern_without_one_group() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClaimMapping(List.of(" "), List.of("scope"), Map.of(), "plants", null, "p", "", null))
			.withMessageContaining("client-id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClaimMapping(List.of("azp"), List.of("scope"), Map.of(), "groups", "plant-\\d+", "p",
					"", null))
			.withMessageContaining("exactly one group");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ClaimMapping(List.of("azp"), List.of("scope"), Map.of(), "groups", "plant-(", "p", "", null))
			.withMessageContaining("no regular expression");
	}

}
