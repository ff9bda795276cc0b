package org.millgate.portal.signin;

import java.net.URI;
import java.util.List;

/**
 * Sign-in settings for each provider, as a plant would write them.
 */
public final class SignIns {

	/** Millgate's identity in the tests. */
	public static final URI IDENTITY = URI.create("http://localhost:9000");

	private SignIns() {
	}

	/**
	 * Today's defaults: identity, {@code roles}, {@code partner_id}.
	 * @return the settings
	 */
	public static SignInSettings identity() {
		return settings("", "roles", List.of(), "partner_id");
	}

	/**
	 * Keycloak: realm roles, named as the portal's, and a partner attribute.
	 * @return the settings
	 */
	public static SignInSettings keycloak() {
		return settings("https://sso.example.com/realms/plants", "realm_access.roles", List.of(), "partner");
	}

	/**
	 * Entra ID: app roles and groups (object ids) mapped to portal roles.
	 * @param rolesClaim {@code roles} or {@code groups}
	 * @return the settings
	 */
	public static SignInSettings entra(String rolesClaim) {
		return settings("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", rolesClaim,
				List.of("Millgate.ApiOwners=api-owner", "Millgate.Partners=partner", "Millgate.Operations=operations",
						"5f1c9b7e-0f3a-4c52-9d2e-7b1a3c4d5e6f=api-owner",
						"5f1c9b7e-0f3a-4c52-9d2e-7b1a3c4d5e6f=operations"),
				"extn.partnerId");
	}

	/**
	 * Okta: group names mapped to portal roles.
	 * @return the settings
	 */
	public static SignInSettings okta() {
		return settings("https://acme.okta.com/oauth2/default", "groups",
				List.of("Millgate API Owners=api-owner", "Millgate Partners=partner"), "partner");
	}

	/**
	 * Settings of one provider; its endpoints follow the issuer (identity's paths for
	 * identity, placeholders for the others).
	 * @param issuer the issuer, blank for identity
	 * @param rolesClaim the roles claim
	 * @param roleValues the role values
	 * @param partnerClaim the partner claim
	 * @return the settings with identity's defaults applied
	 */
	public static SignInSettings settings(String issuer, String rolesClaim, List<String> roleValues,
			String partnerClaim) {
		String endpoint = issuer.isBlank() ? "" : issuer + "/endpoint";
		return new SignInSettings("developer-portal", "secret", List.of("openid", "profile"), issuer, endpoint,
				endpoint, endpoint, "", rolesClaim, roleValues, partnerClaim)
			.withDefaultsOf(IDENTITY);
	}

}
