package org.millgate.product.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.millgate.contracts.access.ClaimMapping;
import org.millgate.web.TokenIntrospection;

/**
 * What every product service is configured with, bound under {@code millgate.product}.
 * The issuer, its keys and the cursor secret default to the embedded platform's (see
 * {@code ProductDefaults}); everything else is the product's own settings record.
 *
 * @param id the product's id in the contract catalog (e.g. {@code inventory}); the
 * service serves every released version of it
 * @param issuer the issuer every access token must come from ({@code MILLGATE_ISSUER})
 * @param jwkSetUri where the issuer publishes its signing keys
 * ({@code MILLGATE_JWK_SET_URI})
 * @param audience the audience every access token must name
 * @param clockSkew the clock difference tolerated for a token's {@code exp} and
 * {@code nbf}
 * @param cursorSecret the secret signing pagination cursors, the same on every instance
 * ({@code MILLGATE_CURSOR_SECRET}); when empty a random one is made at start and cursors
 * do not survive a restart
 * @param maxBodyBytes the largest request body the contract check reads
 * @param revocationsUri where the issuer lists revoked clients and rotated secrets
 * ({@code MILLGATE_REVOCATIONS_URI}, Millgate identity's {@code /oauth2/revocations}), so
 * that a token the gateway refuses is refused here too; blank for an issuer without one
 * @param revocationRefresh how often that list is read
 * @param managementClients a regular expression of the addresses that may read
 * {@code /actuator} beyond health ({@code MILLGATE_MANAGEMENT_CLIENTS}); blank for
 * loopback only
 * @param claims where the issuer's tokens say who calls ({@link ClaimMapping}); left out,
 * Millgate's standard claims
 * @param moreIssuers the issuers trusted beside {@code issuer}, e.g. the enterprise's
 * identity provider, each with its own keys, audience and claim mapping (the same list as
 * the gateway's {@code issuers} after the first)
 * @param introspection where and as whom the issuer is asked whether each token is still
 * active (an issuer without a revocation list: Keycloak, Okta;
 * {@code MILLGATE_INTROSPECTION_URI}, {@code _CLIENT_ID}, {@code _CLIENT_SECRET},
 * {@code _CACHE_FOR}); without a uri, never asked
 */
@Validated
@ConfigurationProperties("millgate.product")
public record ProductProperties(@NotBlank String id, @NotBlank String issuer, @NotBlank String jwkSetUri,
		@DefaultValue("millgate-api") @NotBlank String audience, @DefaultValue("30s") Duration clockSkew,
		@DefaultValue("") String cursorSecret, @DefaultValue("65536") int maxBodyBytes,
		@DefaultValue("") String revocationsUri, @DefaultValue("5s") Duration revocationRefresh,
		@DefaultValue("") String managementClients, ClaimMapping claims, @Valid List<Issuer> moreIssuers,
		TokenIntrospection.Settings introspection) {

	public ProductProperties {
		claims = (claims != null) ? claims : ClaimMapping.STANDARD;
		moreIssuers = (moreIssuers != null) ? List.copyOf(moreIssuers) : List.of();
		introspection = on(introspection);
	}

	// no uri (an environment variable left empty): off
	private static TokenIntrospection.Settings on(TokenIntrospection.Settings introspection) {
		return (introspection != null && introspection.enabled()) ? introspection : null;
	}

	/**
	 * An issuer trusted beside the first.
	 *
	 * @param issuer the {@code iss} value, exactly
	 * @param jwkSetUri where its public keys are
	 * @param audience the audience its tokens name; left out, the product's
	 * @param claims where its tokens say who calls; left out, Millgate's standard claims
	 * @param introspection where and as whom it is asked whether each token is still
	 * active; left out, its tokens are good until they expire
	 */
	public record Issuer(@NotBlank String issuer, @NotBlank String jwkSetUri, String audience, ClaimMapping claims,
			TokenIntrospection.Settings introspection) {

		public Issuer {
			claims = (claims != null) ? claims : ClaimMapping.STANDARD;
			introspection = on(introspection);
		}

	}

}
