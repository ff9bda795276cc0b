package org.millgate.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registered clients, kept in the database ({@code api_client}) with the Millgate
 * attributes their tokens carry. Secrets are kept only as hashes.
 */
final class ClientDirectory implements RegisteredClientRepository {

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final Duration tokenTimeToLive;

	ClientDirectory(JdbcClient jdbc, PasswordEncoder encoder, Duration tokenTimeToLive) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.tokenTimeToLive = tokenTimeToLive;
	}

	/**
	 * Registers the configured clients: a new one is added; a known one gets the
	 * configured scopes, plants, partner and plan, and a new secret hash only when its
	 * secret changed; one configured before but no longer is removed.
	 * @param clients the configured clients
	 * @return the configured clients removed because the configuration no longer has them
	 */
	List<String> register(List<IdentitySettings.Client> clients) {
		for (IdentitySettings.Client client : clients) {
			Optional<String> hash = this.jdbc.sql("SELECT secret_hash FROM api_client WHERE client_id = ?")
				.param(client.id())
				.query(String.class)
				.optional();
			String secretHash = hash.filter((stored) -> this.encoder.matches(client.secret(), stored))
				.orElseGet(() -> this.encoder.encode(client.secret()));
			String scopes = String.join(" ", client.scopes());
			String plants = String.join(" ", client.plants());
			String redirectUris = String.join(" ", client.redirectUris());
			if (hash.isPresent()) {
				this.jdbc
					.sql("UPDATE api_client SET secret_hash = ?, scopes = ?, plants = ?, partner_id = ?, plan = ?, "
							+ "redirect_uris = ?, updated_at = CURRENT_TIMESTAMP WHERE client_id = ?")
					.params(secretHash, scopes, plants, client.partnerId(), client.plan(), redirectUris, client.id())
					.update();
			}
			else {
				this.jdbc
					.sql("INSERT INTO api_client (client_id, secret_hash, scopes, plants, partner_id, plan, "
							+ "redirect_uris) VALUES (?, ?, ?, ?, ?, ?, ?)")
					.params(client.id(), secretHash, scopes, plants, client.partnerId(), client.plan(), redirectUris)
					.update();
			}
		}
		// A client taken out of the configuration loses its access.
		List<String> configured = clients.stream().map(IdentitySettings.Client::id).toList();
		List<String> removed = this.jdbc.sql("SELECT client_id FROM api_client WHERE configured = TRUE")
			.query(String.class)
			.list()
			.stream()
			.filter((id) -> !configured.contains(id))
			.toList();
		removed.forEach((id) -> this.jdbc.sql("DELETE FROM api_client WHERE client_id = ?").param(id).update());
		return removed;
	}

	// Spring Authorization Server saves a client when dynamic registration creates one,
	// and when it re-hashes a secret in a newer format.
	@Override
	public void save(RegisteredClient client) {
		if (ClientRegistrations.isRegistration(client)) {
			Attributes attributes = ClientRegistrations.attributes(client);
			this.jdbc
				.sql("INSERT INTO api_client (client_id, secret_hash, scopes, plants, partner_id, plan, configured, "
						+ "client_name) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)")
				.params(client.getClientId(), client.getClientSecret(), String.join(" ", client.getScopes()),
						String.join(" ", attributes.plants()), attributes.partnerId(), attributes.plan(),
						client.getClientName())
				.update();
			return;
		}
		this.jdbc.sql("UPDATE api_client SET secret_hash = ?, updated_at = CURRENT_TIMESTAMP WHERE client_id = ?")
			.params(client.getClientSecret(), client.getClientId())
			.update();
	}

	@Override
	public RegisteredClient findById(String id) {
		return findByClientId(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.jdbc.sql("SELECT client_id, secret_hash, scopes, redirect_uris FROM api_client WHERE client_id = ?")
			.param(clientId)
			.query(this::registered)
			.optional()
			.orElse(null);
	}

	/**
	 * The Millgate attributes of a client.
	 * @param clientId the client
	 * @return its plants, partner and plan, or empty when it is not registered
	 */
	Optional<Attributes> attributesOf(String clientId) {
		return this.jdbc.sql("SELECT plants, partner_id, plan FROM api_client WHERE client_id = ?")
			.param(clientId)
			.query((row, number) -> new Attributes(words(row.getString("plants")), row.getString("partner_id"),
					row.getString("plan")))
			.optional();
	}

	private RegisteredClient registered(ResultSet row, int number) throws SQLException {
		String clientId = row.getString("client_id");
		List<String> scopes = words(row.getString("scopes"));
		List<String> redirectUris = words(row.getString("redirect_uris"));
		RegisteredClient.Builder client = RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret(row.getString("secret_hash"))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((granted) -> granted.addAll(scopes))
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(this.tokenTimeToLive)
				.build());
		if (!redirectUris.isEmpty()) {
			// signs users in: authorization code with PKCE, OpenID Connect, no consent
			// screen (the only such clients are configured, not registered)
			client.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUris((uris) -> uris.addAll(redirectUris))
				// signing out (OpenID Connect RP-initiated logout) returns to the
				// client's
				// home page
				.postLogoutRedirectUris((uris) -> redirectUris
					.forEach((uri) -> uris.add(java.net.URI.create(uri).resolve("/").toString())))
				.scopes((granted) -> granted.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE)))
				.clientSettings(
						ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
		}
		return client.build();
	}

	private static List<String> words(String text) {
		return (text == null || text.isBlank()) ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	/**
	 * What a client's tokens say besides its scopes.
	 *
	 * @param plants the plants it may see, empty for none
	 * @param partnerId the partner it acts for, or null
	 * @param plan its throttling plan
	 */
	record Attributes(List<String> plants, String partnerId, String plan) {

		/**
		 * The claims these attributes put on a token. A partner's token carries
		 * {@code partner_id} and no {@code plants} unless it has some; any other token
		 * carries {@code plants}, empty when the client has none: a missing claim would
		 * read as "no plant limit" where the contract says so (shipments).
		 * @return claim name to value, in a stable order
		 */
		Map<String, Object> claims() {
			Map<String, Object> claims = new LinkedHashMap<>();
			if (this.partnerId == null || !this.plants.isEmpty()) {
				claims.put("plants", this.plants);
			}
			if (this.partnerId != null) {
				claims.put("partner_id", this.partnerId);
			}
			claims.put("plan", this.plan);
			return claims;
		}

	}

}
