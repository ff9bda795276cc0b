package org.millgate.erp.sap;

import reactor.core.publisher.Mono;

/**
 * What the facade presents to the ERP on each call.
 */
interface Credentials {

	/**
	 * The {@code Authorization} header value.
	 * @return the value, or an empty string when the TLS handshake (a client certificate)
	 * authenticates and no header is sent
	 */
	Mono<String> authorization();

	/**
	 * Forgets a credential the ERP refused.
	 * @param refused the {@code Authorization} value the ERP refused
	 * @return true when asking {@link #authorization()} again may give one the ERP
	 * accepts (a new token); false when it would give the same (a password)
	 */
	default boolean renew(String refused) {
		return false;
	}

	/**
	 * The same header on every call: basic authentication, or none for mutual TLS.
	 * @param value the header value, or an empty string
	 * @return the credentials
	 */
	static Credentials fixed(String value) {
		Mono<String> header = Mono.just(value);
		return () -> header;
	}

}
