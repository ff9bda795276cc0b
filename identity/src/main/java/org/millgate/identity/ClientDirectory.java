package org.millgate.identity;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

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
		return this.jdbc
			.sql("SELECT plants, partner_id, plan, credential_generation FROM api_client WHERE client_id = ?")
			.param(clientId)
			.query((row, number) -> new Attributes(words(row.getString("plants")), row.getString("partner_id"),
					row.getString("plan"), row.getInt("credential_generation")))
			.optional();
	}

	/**
	 * Changes the scopes, plan and plants of a client that was registered (not
	 * configured).
	 * @param clientId the client
	 * @param scopes its new scopes
	 * @param plan its new plan
	 * @param plants its new plants, empty for none
	 * @return whether such a client exists
	 */
	boolean update(String clientId, List<String> scopes, String plan, List<String> plants) {
		// a new credential generation: tokens issued with the old grants (wider plants,
		// a scope taken away) are refused by the gateway and the products from now on
		return this.jdbc
			.sql("UPDATE api_client SET scopes = ?, plan = ?, plants = ?, "
					+ "credential_generation = credential_generation + 1, updated_at = CURRENT_TIMESTAMP "
					+ "WHERE client_id = ? AND configured = FALSE")
			.params(String.join(" ", scopes), plan, String.join(" ", plants), clientId)
			.update() == 1;
	}

	/**
	 * Gives a registered client a new secret and a new credential generation: the old
	 * secret stops working at once, and tokens of earlier generations are refused by the
	 * gateway.
	 * @param clientId the client
	 * @param secret the new secret (kept only as a hash)
	 * @return the new generation, or empty when no such registered client exists
	 */
	Optional<Integer> rotate(String clientId, String secret) {
		int updated = this.jdbc
			.sql("UPDATE api_client SET secret_hash = ?, credential_generation = credential_generation + 1, "
					+ "updated_at = CURRENT_TIMESTAMP WHERE client_id = ? AND configured = FALSE")
			.params(this.encoder.encode(secret), clientId)
			.update();
		if (updated != 1) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT credential_generation FROM api_client WHERE client_id = ?")
			.param(clientId)
			.query(Integer.class)
			.optional();
	}

	/**
	 * Removes a registered client and remembers it as revoked, so its tokens are refused
	 * until they expire.
	 * @param clientId the client
	 * @return whether such a registered client existed
	 */
	boolean revoke(String clientId) {
		int deleted = this.jdbc.sql("DELETE FROM api_client WHERE client_id = ? AND configured = FALSE")
			.param(clientId)
			.update();
		if (deleted != 1) {
			return false;
		}
		this.jdbc.sql("INSERT INTO revoked_client (client_id) VALUES (?)").param(clientId).update();
		return true;
	}

	/**
	 * What the gateway needs to refuse tokens that are still signed and unexpired but no
	 * longer good: the clients revoked since a moment (older revocations' tokens have
	 * expired) and the credential generation of every rotated client.
	 * @param since revocations before this moment are left out
	 * @return the revoked clients and the current generations
	 */
	Revocations revocations(Instant since) {
		List<String> revoked = this.jdbc
			.sql("SELECT client_id FROM revoked_client WHERE revoked_at >= ? ORDER BY client_id")
			.param(Timestamp.from(since))
			.query(String.class)
			.list();
		Map<String, Integer> generations = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT client_id, credential_generation FROM api_client WHERE credential_generation > 0 "
					+ "ORDER BY client_id")
			.query((row, number) -> generations.put(row.getString("client_id"), row.getInt("credential_generation")))
			.list();
		return new Revocations(revoked, generations);
	}

	/**
	 * Tokens the gateway refuses although their signature and expiry are good.
	 *
	 * @param revoked clients whose every token is refused
	 * @param generations per rotated client, the lowest credential generation accepted
	 */
	record Revocations(List<String> revoked, Map<String, Integer> generations) {

	}

	// The grants follow from what the client is: one with redirect URIs signs people in
	// (authorization code with PKCE, OpenID Connect, scopes openid and profile at most),
	// any other calls with its own credentials (client credentials). No client has both,
	// so a sign-in client's secret cannot mint tokens of other scopes.
	private RegisteredClient registered(ResultSet row, int number) throws SQLException {
		String clientId = row.getString("client_id");
		List<String> scopes = words(row.getString("scopes"));
		List<String> redirectUris = words(row.getString("redirect_uris"));
		RegisteredClient.Builder client = RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret(row.getString("secret_hash"))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(this.tokenTimeToLive)
				.build());
		if (redirectUris.isEmpty()) {
			return client.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes((granted) -> granted.addAll(scopes))
				.build();
		}
		// no consent screen (the only such clients are configured, not registered); a
		// stored scope beyond openid and profile is never granted to the code grant, and
		// anything else asked for is refused (invalid_scope)
		return client.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> uris.addAll(redirectUris))
			// signing out (OpenID Connect RP-initiated logout) returns to the client's
			// home
			// page
			.postLogoutRedirectUris(
					(uris) -> redirectUris.forEach((uri) -> uris.add(URI.create(uri).resolve("/").toString())))
			.scopes((granted) -> scopes.stream()
				.filter(IdentitySettings.Client.SIGN_IN_SCOPES::contains)
				.forEach(granted::add))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.build();
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
	record Attributes(List<String> plants, String partnerId, String plan, int generation) {

		Attributes(List<String> plants, String partnerId, String plan) {
			this(plants, partnerId, plan, 0);
		}

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
			if (this.generation > 0) {
				// a rotated client's tokens say which secret got them
				claims.put("credential_generation", this.generation);
			}
			return claims;
		}

	}

}
