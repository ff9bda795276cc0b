package org.millgate.erpsim.web;

/**
 * Which logon the simulated ERP demands on its OData services, as a real system is set up
 * for its communication users.
 */
public enum AuthMode {

	/**
	 * Basic authentication of the configured users; the simulator's bearer tokens are
	 * accepted too (the default, as it has always been).
	 */
	BASIC,

	/**
	 * Only bearer tokens from the simulator's token endpoint
	 * ({@code POST /_sim/oauth2/token}, client credentials); basic authentication is
	 * refused.
	 */
	OAUTH2,

	/**
	 * Only a client certificate, verified in the TLS handshake against the server's trust
	 * store ({@code server.ssl.client-auth=need}); its subject's common name is the user.
	 */
	MTLS

}
