package org.millgate.erp.config;

import org.millgate.erp.config.ErpProperties.Auth;
import org.millgate.erp.config.ErpProperties.Auth.Mode;

/**
 * Decides the authentication mode from the settings and refuses, with what to set, the
 * combinations that would leave it to chance which credentials the ERP sees.
 */
final class AuthModes {

	private AuthModes() {
	}

	static Mode resolve(Auth auth, ErpProperties.Tls tls) {
		boolean token = auth.tokenUri() != null;
		boolean certificate = set(tls.keyStore());
		// blank counts as not set: a Secret's empty key, or an environment variable left
		// empty
		boolean basic = set(auth.user()) || set(auth.password());
		Mode mode = auth.mode();
		if (mode == null) {
			if (token && certificate) {
				throw refused("both a token URI (auth.token-uri) and a client certificate (tls.key-store) are set, so "
						+ "the ERP could log on with either; set millgate.erp.auth.mode (MILLGATE_ERP_AUTH_MODE) to "
						+ "oauth2 or mtls and remove the other");
			}
			mode = token ? Mode.OAUTH2 : (certificate ? Mode.MTLS : Mode.BASIC);
		}
		switch (mode) {
			case BASIC -> {
				if (token || certificate) {
					throw refused("auth.mode is basic, but " + (token ? "auth.token-uri" : "tls.key-store")
							+ " is set too; remove it or choose the mode that uses it");
				}
			}
			case OAUTH2 -> {
				if (!token || !set(auth.clientId()) || auth.clientSecret() == null) {
					throw refused("auth.mode is oauth2, which needs auth.token-uri, auth.client-id and "
							+ "auth.client-secret (MILLGATE_ERP_AUTH_TOKENURI, MILLGATE_ERP_AUTH_CLIENTID, "
							+ "MILLGATE_ERP_AUTH_CLIENTSECRET)");
				}
				if ("http".equalsIgnoreCase(auth.tokenUri().getScheme()) && !Auth.isLoopback(auth.tokenUri())) {
					throw refused("auth.token-uri " + auth.tokenUri() + " is plain http: the client secret would "
							+ "cross the network in clear; use the endpoint's https address");
				}
				if (certificate || basic) {
					throw refused("auth.mode is oauth2, but " + (certificate ? "tls.key-store" : "auth.user/password")
							+ " is set too: the ERP would see two identities; remove it");
				}
			}
			case MTLS -> {
				if (!certificate) {
					throw refused("auth.mode is mtls, which needs the client certificate's key store: set "
							+ "millgate.erp.tls.key-store and its password (MILLGATE_ERP_TLS_KEYSTORE, "
							+ "MILLGATE_ERP_TLS_KEYSTOREPASSWORD)");
				}
				if (token || basic) {
					throw refused("auth.mode is mtls, but " + (token ? "auth.token-uri" : "auth.user/password")
							+ " is set too: the ERP would see two identities; remove it");
				}
			}
		}
		return mode;
	}

	private static boolean set(String value) {
		return value != null && !value.isBlank();
	}

	private static IllegalStateException refused(String reason) {
		return new IllegalStateException("millgate.erp: " + reason);
	}

}
