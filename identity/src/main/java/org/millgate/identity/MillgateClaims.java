package org.millgate.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Millgate's claims on the tokens identity issues, and their audience:
 * <ul>
 * <li>an API token (client credentials, API scopes) names the APIs' audience and carries
 * {@code client_id}, {@code plan}, and {@code plants} or {@code partner_id};</li>
 * <li>a registrar's token (any {@code client.*} scope) names identity's management
 * audience alone, so the gateway and the products refuse it and identity's client
 * management refuses every other token;</li>
 * <li>the access token of a sign-in (authorization code) names the client that signed the
 * person in: it is no API token;</li>
 * <li>an ID token says who signed in: name, roles and, for a partner, the partner.</li>
 * </ul>
 */
final class MillgateClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final ClientDirectory clients;

	private final SigningKeys keys;

	private final IdentitySettings settings;

	private final Map<String, IdentitySettings.User> users;

	MillgateClaims(ClientDirectory clients, SigningKeys keys, IdentitySettings settings) {
		this.clients = clients;
		this.keys = keys;
		this.settings = settings;
		this.users = settings.users()
			.stream()
			.collect(Collectors.toMap(IdentitySettings.User::username, (user) -> user));
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			context.getJwsHeader().keyId(this.keys.current().getKeyID());
			IdentitySettings.User user = this.users.get(context.getPrincipal().getName());
			if (user != null) {
				context.getClaims().claim("preferred_username", user.username()).claim("roles", user.roles());
				if (user.partnerId() != null) {
					context.getClaims().claim("partner_id", user.partnerId());
				}
			}
			return;
		}
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String clientId = context.getRegisteredClient().getClientId();
		// The current key signs; the previous one is published too, so name it.
		context.getJwsHeader().keyId(this.keys.current().getKeyID());
		context.getClaims().claim("client_id", clientId);
		Set<String> scopes = context.getAuthorizedScopes();
		boolean clientCredentials = AuthorizationGrantType.CLIENT_CREDENTIALS
			.equals(context.getAuthorizationGrantType());
		if (scopes.isEmpty() && clientCredentials) {
			// No scope asked for: the client's registered scopes are the default
			// (RFC 6749, section 3.3).
			scopes = context.getRegisteredClient().getScopes();
			context.getClaims().claim("scope", scopes);
		}
		if (scopes.stream().anyMatch(IdentitySettings.Client::managesClients)) {
			context.getClaims().audience(List.of(this.settings.managementAudience()));
			return;
		}
		if (!clientCredentials) {
			context.getClaims().audience(List.of(clientId));
			return;
		}
		context.getClaims().audience(List.of(this.settings.audience()));
		this.clients.attributesOf(clientId)
			.ifPresent((client) -> client.claims().forEach((name, value) -> context.getClaims().claim(name, value)));
	}

}
