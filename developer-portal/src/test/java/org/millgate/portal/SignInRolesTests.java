package org.millgate.portal;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

import org.millgate.portal.signin.IdTokens;
import org.millgate.portal.signin.People;
import org.millgate.portal.signin.SignInSettings;
import org.millgate.portal.signin.SignIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles a sign-in grants, from ID tokens shaped as identity, Keycloak, Entra ID and
 * Okta give them, through the mapper the portal's login uses.
 */
class SignInRolesTests {

	@Test
	void should_grant_the_roles_named_in_roles_when_identity_signs_in() {
		// given
		OidcIdToken token = IdTokens.identity("acme-dev", "ACME", "partner", "api-owner");

		// when
		List<String> roles = roles(SignIns.identity(), token);

		// then
		assertThat(roles).containsExactly("ROLE_PARTNER", "ROLE_API_OWNER");
	}

	@Test
	void should_grant_nothing_for_a_role_the_portal_does_not_have_when_identity_names_one() {
		// given
		OidcIdToken token = IdTokens.identity("mallory", null, "admin", "ROLE_API_OWNER", "Operations", "operations");

		// when
		List<String> roles = roles(SignIns.identity(), token);

		// then
		assertThat(roles).containsExactly("ROLE_OPERATIONS");
	}

	@Test
	void should_grant_the_realm_roles_when_keycloak_nests_them_in_realm_access() {
		// given: Keycloak's own default roles beside the portal's
		OidcIdToken token = IdTokens.keycloak("plant-dev", "ACME", "partner");

		// when
		List<String> roles = roles(SignIns.keycloak(), token);

		// then
		assertThat(roles).containsExactly("ROLE_PARTNER");
	}

	@Test
	void should_grant_nothing_when_the_configured_path_is_missing_from_the_token() {
		// given: Keycloak's realm roles, read where identity puts them
		OidcIdToken token = IdTokens.keycloak("plant-dev", "ACME", "api-owner");

		// when
		List<String> roles = roles(SignIns.identity(), token);

		// then
		assertThat(roles).isEmpty();
	}

	@Test
	void should_map_app_role_values_when_entra_names_them_in_roles() {
		// given
		OidcIdToken token = IdTokens.entra("owner@plant.example", List.of("Millgate.ApiOwners", "Directory.Admins"),
				List.of());

		// when
		List<String> roles = roles(SignIns.entra("roles"), token);

		// then: a value not mapped and no portal role grants nothing
		assertThat(roles).containsExactly("ROLE_API_OWNER");
	}

	@Test
	void should_map_a_group_to_each_role_listed_when_entra_names_groups_by_object_id() {
		// given
		OidcIdToken token = IdTokens.entra("ops@plant.example", List.of(),
				List.of("0b8e6d3c-1111-4222-8333-944455556666", "5f1c9b7e-0f3a-4c52-9d2e-7b1a3c4d5e6f"));

		// when
		List<String> roles = roles(SignIns.entra("groups"), token);

		// then
		assertThat(roles).containsExactly("ROLE_API_OWNER", "ROLE_OPERATIONS");
	}

	@Test
	void should_map_group_names_when_okta_names_them_in_groups() {
		// given
		OidcIdToken token = IdTokens.okta("dev@acme.example", "ACME", "Everyone", "Millgate Partners");

		// when
		List<String> roles = roles(SignIns.okta(), token);

		// then
		assertThat(roles).containsExactly("ROLE_PARTNER");
	}

	@Test
	void should_read_each_role_when_the_claim_is_a_space_separated_text() {
		// given
		OidcIdToken token = OidcIdToken.withTokenValue("t")
			.subject("api-owner")
			.claim("millgate_roles", "api-owner  operations admin")
			.build();

		// when
		List<String> roles = roles(SignIns.settings("", "millgate_roles", List.of(), "partner_id"), token);

		// then
		assertThat(roles).containsExactly("ROLE_API_OWNER", "ROLE_OPERATIONS");
	}

	@Test
	void should_keep_the_authorities_of_the_sign_in_when_mapping_roles() {
		// given
		OidcIdToken token = IdTokens.identity("acme-dev", "ACME", "partner");
		SimpleGrantedAuthority scope = new SimpleGrantedAuthority("SCOPE_openid");

		// when
		Collection<GrantedAuthority> mapped = List
			.copyOf(mapper(SignIns.identity()).mapAuthorities(List.of(new OidcUserAuthority(token), scope)));

		// then
		assertThat(mapped).contains(scope);
		assertThat(mapped).extracting(GrantedAuthority::getAuthority).contains("ROLE_PARTNER");
	}

	private static List<String> roles(SignInSettings settings, OidcIdToken token) {
		return mapper(settings).mapAuthorities(List.of(new OidcUserAuthority(token)))
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.toList();
	}

	private static GrantedAuthoritiesMapper mapper(SignInSettings settings) {
		return new SignInConfiguration().rolesFromTheIdToken(new People(settings));
	}

}
