package org.millgate.portal.signin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people sign in to the portal and how their ID token names their roles and their
 * partner ({@code millgate.portal.sign-in.*}). By default Millgate's identity, as in the
 * demo; for the company's own OpenID provider, its issuer and endpoints:
 * <ul>
 * <li>Keycloak: issuer {@code https://sso.example.com/realms/plants}, endpoints
 * {@code {issuer}/protocol/openid-connect/auth}, {@code .../token}, {@code .../certs},
 * {@code .../logout}; roles claim {@code realm_access.roles}</li>
 * <li>Microsoft Entra ID: issuer {@code https://login.microsoftonline.com/{tenant}/v2.0},
 * endpoints {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize},
 * {@code .../oauth2/v2.0/token}, {@code .../discovery/v2.0/keys},
 * {@code .../oauth2/v2.0/logout}; roles claim {@code roles} (app roles) or {@code groups}
 * with role values</li>
 * <li>Okta: issuer {@code https://acme.okta.com/oauth2/default}, endpoints
 * {@code {issuer}/v1/authorize}, {@code /v1/token}, {@code /v1/keys}, {@code /v1/logout};
 * roles claim {@code groups}</li>
 * </ul>
 *
 * @param clientId the portal's client at the provider ({@code MILLGATE_PORTAL_CLIENT_ID})
 * @param clientSecret its secret ({@code MILLGATE_PORTAL_CLIENT_SECRET}); no default
 * outside the {@code demo} profile
 * @param scopes the scopes asked for at sign-in, {@code openid} among them
 * ({@code MILLGATE_PORTAL_SIGNIN_SCOPES}; Okta's org server wants {@code groups} for its
 * groups claim)
 * @param issuer the provider's issuer, checked against each ID token's {@code iss}
 * ({@code MILLGATE_PORTAL_SIGNIN_ISSUER}); blank for Millgate's identity
 * @param authorizationUri where the browser signs in
 * ({@code MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI}); blank for identity's
 * {@code /oauth2/authorize}, required for another issuer
 * @param tokenUri where the portal redeems the code
 * ({@code MILLGATE_PORTAL_SIGNIN_TOKEN_URI}); blank for identity's {@code /oauth2/token},
 * required for another issuer
 * @param jwkSetUri the keys of the ID tokens
 * ({@code MILLGATE_PORTAL_SIGNIN_JWK_SET_URI}); blank for identity's
 * {@code /oauth2/jwks}, required for another issuer
 * @param logoutUri where signing out of the portal signs out at the provider too
 * ({@code MILLGATE_PORTAL_SIGNIN_LOGOUT_URI}, OpenID Connect RP-initiated logout); blank
 * for identity's {@code /connect/logout}; for another issuer blank signs out of the
 * portal only
 * @param rolesClaim the claim with the person's roles
 * ({@code MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM}): a name or a dotted path into nested
 * objects ({@code realm_access.roles}), holding a list or a space-separated text
 * @param roleValues claim values that stand for a portal role, each {@code value=role}
 * ({@code MILLGATE_PORTAL_SIGNIN_ROLE_VALUES}, comma-separated: e.g.
 * {@code Millgate.ApiOwners=api-owner}; a value may be listed once per role); a value not
 * listed is the role of its own name only when that is a portal role ({@code partner},
 * {@code api-owner}, {@code operations}), and grants nothing otherwise
 * @param partnerClaim the claim with the person's partner, a name or a dotted path
 * ({@code MILLGATE_PORTAL_SIGNIN_PARTNER_CLAIM})
 */
public record SignInSettings(@DefaultValue("developer-portal") String clientId, String clientSecret, @DefaultValue( {
		"openid", "profile" }) List<String> scopes, @DefaultValue("") String issuer,
		@DefaultValue("") String authorizationUri, @DefaultValue("") String tokenUri,
		@DefaultValue("") String jwkSetUri, @DefaultValue("") String logoutUri,
		@DefaultValue("roles") String rolesClaim, @DefaultValue({}) List<String> roleValues,
		@DefaultValue("partner_id") String partnerClaim){

	/** The portal's roles: the only ones a claim can grant. */
	public static final Set<String> PORTAL_ROLES = Set.of("partner", "api-owner", "operations");

	public SignInSettings {
		// an unset MILLGATE_PORTAL_CLIENT_SECRET leaves its placeholder as the value
		if (clientSecret == null || clientSecret.isBlank() || clientSecret.startsWith("${")) {
			throw invalid("client-secret (MILLGATE_PORTAL_CLIENT_SECRET) is required: the secret of the portal's "
					+ "sign-in client at the provider");
		}
		if (!scopes.contains("openid")) {
			throw invalid("scopes (MILLGATE_PORTAL_SIGNIN_SCOPES) are " + scopes
					+ ": without openid the provider gives no ID token to read the roles from");
		}
		if (rolesClaim.isBlank() || partnerClaim.isBlank()) {
			throw invalid("roles-claim (MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM) and partner-claim "
					+ "(MILLGATE_PORTAL_SIGNIN_PARTNER_CLAIM) must name a claim");
		}
		for (String uri : List.of(issuer, authorizationUri, tokenUri, jwkSetUri, logoutUri)) {
			if (!uri.isBlank() && !uri.matches("https?://[^/?#\\s]+[^?#\\s]*")) {
				throw invalid("issuer and endpoints must be http(s) URLs without query: '" + uri + "' is not");
			}
		}
		roleValues = List.copyOf(roleValues);
		roleMapping(roleValues);
	}

	/**
	 * These settings with Millgate's identity where nothing else is named.
	 * @param identity identity's issuer ({@code MILLGATE_ISSUER})
	 * @return the settings with the issuer and its endpoints complete
	 * @throws IllegalArgumentException when another issuer lacks an endpoint
	 */
	public SignInSettings withDefaultsOf(URI identity) {
		String identityIssuer = withoutSlash(identity.toString());
		if (this.issuer.isBlank() || withoutSlash(this.issuer).equals(identityIssuer)) {
			return new SignInSettings(this.clientId, this.clientSecret, this.scopes, identity.toString(),
					or(this.authorizationUri, identityIssuer + "/oauth2/authorize"),
					or(this.tokenUri, identityIssuer + "/oauth2/token"),
					or(this.jwkSetUri, identityIssuer + "/oauth2/jwks"),
					or(this.logoutUri, identityIssuer + "/connect/logout"), this.rolesClaim, this.roleValues,
					this.partnerClaim);
		}
		// identity's paths at another provider would only fail at the first sign-in
		if (this.authorizationUri.isBlank() || this.tokenUri.isBlank() || this.jwkSetUri.isBlank()) {
			throw invalid("issuer (MILLGATE_PORTAL_SIGNIN_ISSUER) is " + this.issuer
					+ ", not Millgate's identity: set its authorization-uri, token-uri and jwk-set-uri too "
					+ "(MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI, _TOKEN_URI, _JWK_SET_URI; Keycloak: "
					+ "{issuer}/protocol/openid-connect/auth, .../token, .../certs)");
		}
		return this;
	}

	/**
	 * The role values as a map.
	 * @return each claim value with the portal roles it stands for
	 */
	public Map<String, Set<String>> roleMapping() {
		return roleMapping(this.roleValues);
	}

	private static Map<String, Set<String>> roleMapping(List<String> roleValues) {
		Map<String, Set<String>> mapping = new LinkedHashMap<>();
		for (String entry : roleValues) {
			// roles hold no '=', claim values may (the last one separates)
			int separator = entry.lastIndexOf('=');
			String value = (separator > 0) ? entry.substring(0, separator).strip() : "";
			String role = (separator > 0) ? entry.substring(separator + 1).strip() : "";
			if (value.isEmpty() || !PORTAL_ROLES.contains(role)) {
				throw invalid("role-values (MILLGATE_PORTAL_SIGNIN_ROLE_VALUES) has '" + entry
						+ "': each must be claim-value=role, the role one of "
						+ PORTAL_ROLES.stream().sorted().toList());
			}
			mapping.computeIfAbsent(value, (v) -> new LinkedHashSet<>()).add(role);
		}
		return mapping;
	}

	private static String or(String value, String fallback) {
		return value.isBlank() ? fallback : value;
	}

	private static String withoutSlash(String uri) {
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	private static IllegalArgumentException invalid(String reason) {
		return new IllegalArgumentException("millgate.portal.sign-in." + reason);
	}

	@Override
	public String toString() {
		return "SignInSettings[clientId=" + this.clientId + ", clientSecret=***, issuer=" + this.issuer
				+ ", rolesClaim=" + this.rolesClaim + ", roleValues=" + this.roleValues + ", partnerClaim="
				+ this.partnerClaim + "]";
	}

}
