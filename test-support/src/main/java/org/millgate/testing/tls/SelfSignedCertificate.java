package org.millgate.testing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store with a self-signed certificate for {@code localhost} and {@code 127.0.0.1},
 * made by the JDK's {@code keytool} for a test: a service serves HTTPS with it
 * ({@code server.ssl.key-store}), and {@link #client()} trusts exactly it.
 */
public final class SelfSignedCertificate {

	/** The key store's password (a throwaway store a test made). */
	public static final String PASSWORD = "test-store-password";

	private final Path keyStore;

	private SelfSignedCertificate(Path keyStore) {
		this.keyStore = keyStore;
	}

	/**
	 * Makes a PKCS#12 key store in a temporary directory.
	 * @return the certificate
	 */
	public static SelfSignedCertificate create() {
		try {
			Path dir = Files.createTempDirectory("millgate-tls");
			Path store = dir.resolve("server.p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "millgate", "-keyalg", "RSA",
					"-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext",
					"SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
					"-storepass", PASSWORD, "-keypass", PASSWORD))
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			return new SelfSignedCertificate(store);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key store file.
	 * @return its path
	 */
	public Path keyStore() {
		return this.keyStore;
	}

	/**
	 * The Spring Boot arguments that make a service serve HTTPS with this certificate.
	 * @return {@code --server.ssl.*} arguments
	 */
	public List<String> serverArguments() {
		return List.of("--server.ssl.enabled=true", "--server.ssl.key-store=" + this.keyStore,
				"--server.ssl.key-store-password=" + PASSWORD, "--server.ssl.key-store-type=PKCS12");
	}

	/**
	 * An SSL context that trusts this certificate only.
	 * @return the context
	 */
	public SSLContext sslContext() {
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			Certificate certificate = store.getCertificate("millgate");
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("millgate", certificate);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP client that trusts this certificate only.
	 * @return the client
	 */
	public HttpClient client() {
		return HttpClient.newBuilder().sslContext(sslContext()).build();
	}

}
