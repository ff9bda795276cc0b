package org.millgate.policies.auth;

import org.millgate.contracts.access.ClaimMapping;

/**
 * An OAuth2/OIDC issuer whose access tokens the gateway accepts.
 *
 * @param issuer the {@code iss} value, exactly
 * @param jwkSetUri where its public keys are
 * @param audience the {@code aud} value its tokens must carry for Millgate
 * @param claims where its tokens say who calls ({@link ClaimMapping#STANDARD} for
 * Millgate's identity service)
 */
public record TrustedIssuer(String issuer, String jwkSetUri, String audience, ClaimMapping claims) {

	public TrustedIssuer {
		claims = (claims != null) ? claims : ClaimMapping.STANDARD;
	}

	/**
	 * An issuer whose tokens carry Millgate's standard claims.
	 * @param issuer the {@code iss} value, exactly
	 * @param jwkSetUri where its public keys are
	 * @param audience the {@code aud} value its tokens must carry for Millgate
	 */
	public TrustedIssuer(String issuer, String jwkSetUri, String audience) {
		this(issuer, jwkSetUri, audience, ClaimMapping.STANDARD);
	}

}
