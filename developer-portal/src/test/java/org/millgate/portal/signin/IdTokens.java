package org.millgate.portal.signin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * ID tokens shaped as each provider gives them, with the claims that matter here: a small
 * builder, one method per provider.
 */
public final class IdTokens {

	private IdTokens() {
	}

	/**
	 * Millgate's identity: {@code roles} a list, {@code partner_id} a text.
	 * @param user the user name
	 * @param partner the partner, or null
	 * @param roles the roles claim
	 * @return the token
	 */
	public static OidcIdToken identity(String user, String partner, String... roles) {
		OidcIdToken.Builder token = base("http://localhost:9000", user).claim("roles", List.of(roles));
		return (partner != null) ? token.claim("partner_id", partner).build() : token.build();
	}

	/**
	 * Keycloak: realm roles nested in {@code realm_access.roles} (with Keycloak's own
	 * default roles), the partner from a user-attribute mapper.
	 * @param user the user name
	 * @param partner the partner (claim {@code partner}), or null
	 * @param roles the realm roles besides Keycloak's defaults
	 * @return the token
	 */
	public static OidcIdToken keycloak(String user, String partner, String... roles) {
		List<String> realmRoles = new ArrayList<>(
				List.of("offline_access", "uma_authorization", "default-roles-plants"));
		realmRoles.addAll(List.of(roles));
		OidcIdToken.Builder token = base("https://sso.example.com/realms/plants", user)
			.claim("realm_access", Map.of("roles", realmRoles))
			.claim("resource_access", Map.of("account", Map.of("roles", List.of("manage-account"))));
		return (partner != null) ? token.claim("partner", partner).build() : token.build();
	}

	/**
	 * Microsoft Entra ID: app roles in {@code roles} (values such as
	 * {@code Millgate.ApiOwners}), security groups as object ids in {@code groups}, the
	 * partner in a directory extension, named {@code extn.partnerId} (a dot in the name).
	 * @param user the user principal name
	 * @param appRoles the app roles' values
	 * @param groups the groups' object ids
	 * @return the token
	 */
	public static OidcIdToken entra(String user, List<String> appRoles, List<String> groups) {
		return base("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", user)
			.claim("roles", appRoles)
			.claim("groups", groups)
			.claim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad")
			.claim("extn.partnerId", "BETA")
			.build();
	}

	/**
	 * Okta: group names in {@code groups}, the partner as a custom claim.
	 * @param user the login
	 * @param partner the partner (claim {@code partner}), or null
	 * @param groups the groups' names
	 * @return the token
	 */
	public static OidcIdToken okta(String user, String partner, String... groups) {
		OidcIdToken.Builder token = base("https://acme.okta.com/oauth2/default", user).claim("groups", List.of(groups));
		return (partner != null) ? token.claim("partner", partner).build() : token.build();
	}

	private static OidcIdToken.Builder base(String issuer, String user) {
		Instant now = Instant.now();
		return OidcIdToken.withTokenValue("id-token")
			.issuer(issuer)
			.subject("sub-" + user)
			.claim("preferred_username", user)
			.audience(List.of("developer-portal"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300));
	}

}
