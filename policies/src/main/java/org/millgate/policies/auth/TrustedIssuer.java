package org.millgate.policies.auth;

/**
 * An OAuth2/OIDC issuer whose access tokens the gateway accepts.
 *
 * @param issuer the {@code iss} value, exactly
 * @param jwkSetUri where its public keys are
 * @param audience the {@code aud} value its tokens must carry for Millgate
 */
public record TrustedIssuer(String issuer, String jwkSetUri, String audience) {

}
