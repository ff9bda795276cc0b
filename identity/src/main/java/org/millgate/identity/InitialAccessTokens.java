package org.millgate.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the authorizations client registration and sign-in need: those of initial
 * access tokens (scope {@code client.create}), until they expire, since the registration
 * endpoint looks the bearer's token up here; and those of a sign-in (authorization code),
 * until its code is redeemed and its tokens expire. Every other authorization is dropped:
 * the only other grant is client credentials, whose access tokens are self-contained JWTs
 * checked against the published keys, and keeping them all (the in-memory default,
 * spring-security#19591) would grow without bound under machine-to-machine traffic.
 *
 * <p>
 * Kept in this instance's memory: a registrar must register at the instance that issued
 * its initial access token (one identity instance, or sticky routing for the portal).
 */
final class InitialAccessTokens implements OAuth2AuthorizationService {

	static final String CLIENT_CREATE = "client.create";

	// authorization codes live 5 minutes, initial access tokens 15: a plant's portal has
	// far fewer sign-ins and registrations than this in flight
	static final int MAX_KEPT = 10_000;

	private final Map<String, OAuth2Authorization> byId = new ConcurrentHashMap<>();

	private final Clock clock;

	InitialAccessTokens(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		evictExpired();
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		boolean initialAccess = token != null && token.isActive()
				&& token.getToken().getScopes().contains(CLIENT_CREATE);
		// a sign-in (authorization code) is kept until its code is redeemed and expired
		boolean signIn = authorization.getToken(OAuth2AuthorizationCode.class) != null;
		if (initialAccess || signIn) {
			if (!this.byId.containsKey(authorization.getId()) && this.byId.size() >= MAX_KEPT) {
				// bounded: a flood of sign-ins that are never finished cannot fill the
				// memory; such a sign-in is refused until older ones expire
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
						"Too many sign-ins in progress; try again in a few minutes.", null));
			}
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
		// without a type (introspection, revocation) only access tokens are looked up
		boolean code = tokenType != null && OAuth2ParameterNames.CODE.equals(tokenType.getValue());
		if (tokenType != null && OidcParameterNames.ID_TOKEN.equals(tokenType.getValue())) {
			// signing out names the ID token of the sign-in
			return this.byId.values()
				.stream()
				.filter((authorization) -> authorization.getToken(OidcIdToken.class) != null
						&& Objects.equals(authorization.getToken(OidcIdToken.class).getToken().getTokenValue(), token))
				.findFirst()
				.orElse(null);
		}
		boolean access = tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType);
		evictExpired();
		return this.byId.values()
			.stream()
			.filter((authorization) -> (access && authorization.getAccessToken() != null
					&& Objects.equals(authorization.getAccessToken().getToken().getTokenValue(), token))
					|| (code && authorization.getToken(OAuth2AuthorizationCode.class) != null && Objects.equals(
							authorization.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue(), token)))
			.findFirst()
			.orElse(null);
	}

	int size() {
		return this.byId.size();
	}

	private void evictExpired() {
		Instant now = this.clock.instant();
		this.byId.values().removeIf((authorization) -> {
			OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization
				.getToken(OAuth2AuthorizationCode.class);
			OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
			boolean codeOver = code == null
					|| (code.getToken().getExpiresAt() != null && code.getToken().getExpiresAt().isBefore(now));
			boolean accessOver = access == null
					|| (access.getToken().getExpiresAt() != null && access.getToken().getExpiresAt().isBefore(now));
			return codeOver && accessOver;
		});
	}

}
