package org.millgate.identity;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no authorization. The only grant here is client credentials, whose access tokens
 * are self-contained JWTs checked against the published keys and expire by themselves;
 * the in-memory default of Spring Authorization Server would keep every issued token for
 * the life of the process (spring-security#19591), growing without bound under steady
 * machine-to-machine traffic.
 */
final class KeptNothingAuthorizations implements OAuth2AuthorizationService {

	@Override
	public void save(OAuth2Authorization authorization) {
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return null;
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return null;
	}

}
