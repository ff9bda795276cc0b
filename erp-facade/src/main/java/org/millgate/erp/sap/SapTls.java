package org.millgate.erp.sap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.millgate.erp.config.ErpProperties;

/**
 * The TLS context toward the ERP, for Reactor Netty (the facade's HTTP client): the
 * configured trust store in place of the JDK's authorities, and the client certificate
 * for mutual TLS. Stores are read once, at start, so that a missing file or a wrong
 * password stops the service with a message naming the setting instead of failing every
 * call.
 */
final class SapTls {

	private SapTls() {
	}

	/**
	 * The context, or null when nothing differs from the JDK's defaults.
	 * @param tls the settings
	 * @param clientCertificate whether to present the key store's certificate
	 * @return the context, or null
	 * @throws IllegalStateException when a store cannot be read or holds the wrong thing
	 */
	static SslContext context(ErpProperties.Tls tls, boolean clientCertificate) {
		if (tls.trustStore() == null && !clientCertificate) {
			return null;
		}
		SslContextBuilder builder = SslContextBuilder.forClient();
		try {
			if (tls.trustStore() != null) {
				KeyStore trusted = load("tls.trust-store", tls.trustStore(), tls.trustStorePassword(),
						tls.trustStoreType(), "MILLGATE_ERP_TLS_TRUSTSTOREPASSWORD");
				if (trusted.size() == 0) {
					throw refused("tls.trust-store " + tls.trustStore() + " holds no certificate to trust");
				}
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trusted);
				builder.trustManager(trust);
			}
			if (clientCertificate) {
				builder.keyManager(keys(tls));
			}
			return builder.build();
		}
		catch (GeneralSecurityException | SSLException ex) {
			throw refused("the TLS context toward the ERP cannot be built: " + ex.getMessage());
		}
	}

	private static KeyManagerFactory keys(ErpProperties.Tls tls) throws GeneralSecurityException {
		KeyStore store = load("tls.key-store", tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(),
				"MILLGATE_ERP_TLS_KEYSTOREPASSWORD");
		long keys = Collections.list(store.aliases()).stream().filter((alias) -> isKey(store, alias)).count();
		if (keys != 1) {
			throw refused("tls.key-store " + tls.keyStore() + " holds " + keys
					+ " private keys; it must hold exactly one: the client certificate's, with its chain");
		}
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		try {
			factory.init(store, password(tls.keyStorePassword()));
		}
		catch (GeneralSecurityException ex) {
			throw refused("the private key in tls.key-store " + tls.keyStore()
					+ " cannot be opened with the key store's password (MILLGATE_ERP_TLS_KEYSTOREPASSWORD): "
					+ ex.getMessage());
		}
		return factory;
	}

	private static boolean isKey(KeyStore store, String alias) {
		try {
			return store.isKeyEntry(alias);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static KeyStore load(String setting, String file, String password, String type, String variable) {
		Path path = Path.of(file);
		try (InputStream in = Files.newInputStream(path)) {
			KeyStore store = KeyStore.getInstance(type);
			store.load(in, password(password));
			return store;
		}
		catch (NoSuchFileException ex) {
			throw refused(setting + " " + path.toAbsolutePath() + " does not exist");
		}
		catch (IOException ex) {
			// a wrong password shows as an IOException whose cause is
			// UnrecoverableKeyException
			String reason = (ex.getCause() instanceof java.security.UnrecoverableKeyException)
					? "the password is wrong (" + variable + ")" : ex.getMessage();
			throw refused(setting + " " + path.toAbsolutePath() + " cannot be read as " + type + ": " + reason);
		}
		catch (GeneralSecurityException ex) {
			throw refused(
					setting + " " + path.toAbsolutePath() + " cannot be read as " + type + ": " + ex.getMessage());
		}
	}

	private static char[] password(String password) {
		return (password != null) ? password.toCharArray() : new char[0];
	}

	private static IllegalStateException refused(String reason) {
		return new IllegalStateException("millgate.erp: " + reason);
	}

}
