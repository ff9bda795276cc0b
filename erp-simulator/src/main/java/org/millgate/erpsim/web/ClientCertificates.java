package org.millgate.erpsim.web;

import java.security.cert.X509Certificate;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.springframework.http.server.reactive.SslInfo;

/**
 * The user a client certificate logs on as: the common name of its subject, as an SAP
 * system maps a certificate to a communication user (rule-based mapping on the CN).
 */
final class ClientCertificates {

	private ClientCertificates() {
	}

	/**
	 * @param ssl the request's TLS session, null over plain HTTP
	 * @return the user, or null when no certificate was presented
	 */
	static String user(SslInfo ssl) {
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		if (chain == null || chain.length == 0) {
			return null;
		}
		try {
			for (Rdn rdn : new LdapName(chain[0].getSubjectX500Principal().getName()).getRdns()) {
				if (rdn.getType().equalsIgnoreCase("CN")) {
					return rdn.getValue().toString();
				}
			}
			return null;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

}
