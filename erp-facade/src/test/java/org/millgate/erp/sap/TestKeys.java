package org.millgate.erp.sap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key material made at test time with the JDK's {@code keytool} (no private key is
 * committed): the ERP's server certificate for {@code localhost}/{@code 127.0.0.1}, the
 * facade's client certificate ({@code CN=MILLGATE_MES}), a stranger's client certificate
 * the ERP does not trust, and a trust store for each side. PKCS12 throughout.
 */
final class TestKeys {

	static final String PASSWORD = "test-store-password";

	static final String CLIENT_USER = "MILLGATE_MES";

	private static TestKeys shared;

	private final Path dir;

	private TestKeys(Path dir) {
		this.dir = dir;
	}

	/**
	 * The key material of this test run, made on first use.
	 * @return the keys
	 */
	static synchronized TestKeys shared() {
		if (shared == null) {
			shared = create();
		}
		return shared;
	}

	private static TestKeys create() {
		try {
			TestKeys keys = new TestKeys(Files.createTempDirectory("millgate-erp-tls"));
			keys.pair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
			keys.pair("client", "CN=" + CLIENT_USER + ",O=Millgate", null);
			keys.pair("stranger", "CN=INTRUDER", null);
			keys.export("server");
			keys.export("client");
			keys.trust("facade-trust", "server");
			keys.trust("erp-trust", "client");
			return keys;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The ERP's key store: its server certificate and key. */
	Path serverKeyStore() {
		return store("server");
	}

	/** The facade's key store: its client certificate and key. */
	Path clientKeyStore() {
		return store("client");
	}

	/** A client certificate the ERP does not trust. */
	Path strangerKeyStore() {
		return store("stranger");
	}

	/** What the facade trusts: the ERP's certificate. */
	Path facadeTrustStore() {
		return store("facade-trust");
	}

	/** What the ERP trusts: the facade's client certificate. */
	Path erpTrustStore() {
		return store("erp-trust");
	}

	private Path store(String name) {
		return this.dir.resolve(name + ".p12");
	}

	private void pair(String name, String subject, String extension) {
		List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize",
				"2048", "-validity", "2", "-dname", subject, "-storetype", "PKCS12", "-keystore",
				store(name).toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) {
			command.addAll(List.of("-ext", extension));
		}
		keytool(command);
	}

	private void export(String name) {
		keytool(List.of("-exportcert", "-alias", name, "-keystore", store(name).toString(), "-storepass", PASSWORD,
				"-file", this.dir.resolve(name + ".cer").toString()));
	}

	private void trust(String store, String certificate) {
		keytool(List.of("-importcert", "-noprompt", "-alias", certificate, "-file",
				this.dir.resolve(certificate + ".cer").toString(), "-storetype", "PKCS12", "-keystore",
				store(store).toString(), "-storepass", PASSWORD));
	}

	private static void keytool(List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments.get(0) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
