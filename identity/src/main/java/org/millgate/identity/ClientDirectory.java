package org.millgate.identity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients, held in memory, with the Millgate attributes their tokens
 * carry. Secrets are kept only as hashes.
 */
final class ClientDirectory implements RegisteredClientRepository {

	private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();

	private final Map<String, IdentitySettings.Client> attributes = new ConcurrentHashMap<>();

	ClientDirectory(IdentitySettings settings, PasswordEncoder encoder) {
		for (IdentitySettings.Client client : settings.clients()) {
			if (this.attributes.putIfAbsent(client.id(), client) != null) {
				throw new IllegalStateException("client '" + client.id() + "' is registered twice");
			}
			save(RegisteredClient.withId(client.id())
				.clientId(client.id())
				.clientSecret(encoder.encode(client.secret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes((scopes) -> scopes.addAll(client.scopes()))
				.tokenSettings(TokenSettings.builder()
					.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
					.accessTokenTimeToLive(settings.tokenTimeToLive())
					.build())
				.build());
		}
	}

	@Override
	public void save(RegisteredClient client) {
		this.clients.put(client.getId(), client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.clients.get(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.clients.values()
			.stream()
			.filter((client) -> client.getClientId().equals(clientId))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The Millgate attributes of a client.
	 * @param clientId the client
	 * @return its plants, partner and plan, or empty for a client registered otherwise
	 */
	Optional<IdentitySettings.Client> attributesOf(String clientId) {
		return Optional.ofNullable(this.attributes.get(clientId));
	}

	int size() {
		return this.clients.size();
	}

}
