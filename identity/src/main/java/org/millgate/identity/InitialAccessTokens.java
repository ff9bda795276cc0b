package org.millgate.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the authorizations client registration needs: those of initial access tokens
 * (scope {@code client.create}), until they expire, since the registration endpoint looks
 * the bearer's token up here. Every other authorization is dropped: the only other grant
 * is client credentials, whose access tokens are self-contained JWTs checked against the
 * published keys, and keeping them all (the in-memory default, spring-security#19591)
 * would grow without bound under machine-to-machine traffic.
 *
 * <p>
 * Kept in this instance's memory: a registrar must register at the instance that issued
 * its initial access token (one identity instance, or sticky routing for the portal).
 */
final class InitialAccessTokens implements OAuth2AuthorizationService {

	static final String CLIENT_CREATE = "client.create";

	private final Map<String, OAuth2Authorization> byId = new ConcurrentHashMap<>();

	private final Clock clock;

	InitialAccessTokens(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		evictExpired();
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token != null && token.isActive() && token.getToken().getScopes().contains(CLIENT_CREATE)) {
			this.byId.put(authorization.getId(), authorization);
		}
		else {
			this.byId.remove(authorization.getId());
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.byId.remove(authorization.getId());
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.byId.get(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
			return null;
		}
		return this.byId.values()
			.stream()
			.filter((authorization) -> authorization.getAccessToken() != null
					&& Objects.equals(authorization.getAccessToken().getToken().getTokenValue(), token))
			.findFirst()
			.orElse(null);
	}

	int size() {
		return this.byId.size();
	}

	private void evictExpired() {
		Instant now = this.clock.instant();
		this.byId.values().removeIf((authorization) -> {
			OAuth2AccessToken token = authorization.getAccessToken().getToken();
			return token.getExpiresAt() != null && token.getExpiresAt().isBefore(now);
		});
	}

}
