package org.millgate.portal;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.millgate.portal.signin.SignInSettings;

/**
 * Settings of the portal ({@code millgate.portal.*}).
 *
 * @param gatewayUrl where consumers call the APIs; the reference pages name it as the
 * server and send try-it calls there
 * @param catalogDir a directory with {@code catalog.yaml} and contracts to show instead
 * of the built-in catalog (the gateway's {@code MILLGATE_CATALOG_DIR}); empty for the
 * built-in one
 * @param issuerUrl Millgate's identity, where apps are registered and get their tokens;
 * and where people sign in unless {@code signIn} names another provider
 * @param selfServicePlans plans whose subscriptions are approved at once; others wait for
 * an API owner
 * @param appsPerHour how many apps one partner may create per hour
 * @param activeAppsPerPartner how many apps not revoked one partner may hold at once
 * (each app has quotas of its own at the gateway)
 * @param redisUrl the Redis the gateway writes usage to; empty when there is none
 * @param registrar the portal's registrar client at identity, which registers and manages
 * the apps' clients (not the sign-in client: that one has no client-management scope)
 * @param signIn where people sign in (identity, or the company's own OpenID provider) and
 * which claims name their roles and partner
 */
@ConfigurationProperties("millgate.portal")
public record PortalSettings(@DefaultValue("http://localhost:8080") URI gatewayUrl, @DefaultValue("") String catalogDir,
		@DefaultValue("http://localhost:9000") URI issuerUrl,
		@DefaultValue("partner-basic") List<String> selfServicePlans, @DefaultValue("10") int appsPerHour,
		@DefaultValue("5") int activeAppsPerPartner, @DefaultValue("") String redisUrl,
		@DefaultValue RegistrarClient registrar, @DefaultValue SignInSettings signIn) {

	public PortalSettings {
		// the sign-in provider is identity unless named: its endpoints follow from the
		// issuer
		signIn = signIn.withDefaultsOf(issuerUrl);
	}

	/**
	 * The registrar's credentials at identity: a client-credentials client with scopes
	 * {@code client.create}, {@code client.read} and {@code client.manage}.
	 *
	 * @param clientId its client id ({@code MILLGATE_PORTAL_REGISTRAR_ID})
	 * @param clientSecret its secret ({@code MILLGATE_PORTAL_REGISTRAR_SECRET}); no
	 * default outside the {@code demo} profile
	 */
	public record RegistrarClient(@DefaultValue("developer-portal-registrar") String clientId, String clientSecret) {

		public RegistrarClient {
			// an unset MILLGATE_PORTAL_REGISTRAR_SECRET leaves its placeholder as the
			// value
			if (clientSecret == null || clientSecret.isBlank() || clientSecret.startsWith("${")) {
				throw new IllegalArgumentException("millgate.portal.registrar.client-secret "
						+ "(MILLGATE_PORTAL_REGISTRAR_SECRET) is required: the secret of the portal's registrar client");
			}
		}

		@Override
		public String toString() {
			return "RegistrarClient[clientId=" + this.clientId + ", clientSecret=***]";
		}

	}

}
