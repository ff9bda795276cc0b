package org.millgate.portal.signin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed-in person as the pages, the apps and the webhooks see them: name, partner
 * and roles read by the sign-in settings.
 */
class PeopleTests {

	@Test
	void should_read_partner_and_roles_as_today_when_identity_signs_in() {
		// given
		OidcIdToken token = IdTokens.identity("acme-dev", "ACME", "partner");

		// when
		Person person = new People(SignIns.identity()).of(new DefaultOidcUser(List.of(), token));

		// then
		assertThat(person).isEqualTo(new Person("acme-dev", "ACME", List.of("partner")));
	}

	@Test
	void should_read_the_partner_from_the_configured_claim_when_keycloak_signs_in() {
		// given: partner_id, identity's claim, names someone else
		OidcIdToken token = OidcIdToken.withTokenValue("t")
			.subject("plant-dev")
			.claim("partner", "ACME")
			.claim("partner_id", "BETA")
			.claim("realm_access", Map.of("roles", List.of("partner")))
			.build();

		// when
		Person person = new People(SignIns.keycloak()).of(new DefaultOidcUser(List.of(), token));

		// then
		assertThat(person).isEqualTo(new Person("plant-dev", "ACME", List.of("partner")));
	}

	@Test
	void should_read_a_partner_nested_in_an_object_when_the_claim_is_a_dotted_path() {
		// given
		People people = new People(SignIns.settings("", "roles", List.of(), "millgate.partner"));

		// when
		String partner = people.partnerIn(Map.of("millgate", Map.of("partner", "BETA", "plants", List.of("1000"))));

		// then
		assertThat(partner).isEqualTo("BETA");
	}

	@Test
	void should_read_a_namespaced_claim_whose_name_holds_dots_when_named_in_full() {
		// given: as Okta and Auth0 name custom claims
		People people = new People(
				SignIns.settings("", "https://millgate.example/roles", List.of(), "https://millgate.example/partner"));
		Map<String, Object> claims = Map.of("https://millgate.example/roles", List.of("api-owner"),
				"https://millgate.example/partner", "ACME");

		// when / then
		assertThat(people.rolesIn(claims)).containsExactly("api-owner");
		assertThat(people.partnerIn(claims)).isEqualTo("ACME");
	}

	@Test
	void should_have_no_partner_when_the_claim_is_missing_blank_or_no_text() {
		// given
		People people = new People(SignIns.okta());

		// when / then
		assertThat(people.partnerIn(Map.of())).isNull();
		assertThat(people.partnerIn(Map.of("partner", " "))).isNull();
		assertThat(people.partnerIn(Map.of("partner", List.of("ACME", "BETA")))).isNull();
	}

	@Test
	void should_take_the_entra_partner_and_mapped_roles_when_entra_signs_in() {
		// given
		OidcIdToken token = IdTokens.entra("dev@beta.example", List.of("Millgate.Partners", "partner", "admin"),
				List.of());

		// when
		Person person = new People(SignIns.entra("roles")).of(new DefaultOidcUser(List.of(), token));

		// then: mapped and named alike, once
		assertThat(person).isEqualTo(new Person("dev@beta.example", "BETA", List.of("partner")));
	}

	@Test
	void should_grant_an_unlisted_value_named_like_a_portal_role_nothing_when_role_values_are_configured() {
		// given: the company's own group named "operations", not among Entra's role
		// values
		OidcIdToken token = IdTokens.entra("dev@beta.example", List.of("operations", "api-owner"), List.of());

		// when
		Person person = new People(SignIns.entra("roles")).of(new DefaultOidcUser(List.of(), token));

		// then
		assertThat(person.roles()).isEmpty();
	}

}
