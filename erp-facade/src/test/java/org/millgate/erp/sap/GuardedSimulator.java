package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import org.millgate.erpsim.ErpSimulatorApplication;
import org.millgate.erpsim.faults.CallStatistics;

/**
 * ERP simulators with the logon and TLS settings a test needs (HTTPS, a demanded client
 * certificate, OAuth2 only), started in-process on a free port on first use and read
 * in-process for what they received. Never closed: closing a Boot context disposes
 * Reactor Netty's global event loops, which every other simulator of the test run shares.
 */
final class GuardedSimulator {

	private static final Map<List<String>, GuardedSimulator> RUNNING = new HashMap<>();

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private GuardedSimulator(ConfigurableApplicationContext context, String scheme) {
		this.context = context;
		this.baseUrl = scheme + "://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * The simulator of release 2022 with these settings, started on first use.
	 * @param tls {@code --server.ssl.*} arguments, or none for plain HTTP
	 * @param settings {@code --name=value} arguments, e.g. {@code --erp.auth=oauth2}
	 * @return the running simulator
	 */
	static synchronized GuardedSimulator of(List<String> tls, String... settings) {
		List<String> key = new ArrayList<>(tls);
		key.addAll(Arrays.asList(settings));
		return RUNNING.computeIfAbsent(key, GuardedSimulator::start);
	}

	private static GuardedSimulator start(List<String> settings) {
		List<String> arguments = new ArrayList<>(List.of(ErpSimulatorApplication.CONFIG_NAME, "--server.port=0",
				"--erp.release=2022", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--logging.structured.format.console=",
				"--spring.autoconfigure.exclude=org.millgate.erp.autoconfigure.ErpFacadeAutoConfiguration"));
		arguments.addAll(settings);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ErpSimulatorApplication.class)
			.run(arguments.toArray(String[]::new));
		boolean https = arguments.contains("--server.ssl.enabled=true");
		return new GuardedSimulator(context, https ? "https" : "http");
	}

	/**
	 * HTTPS with the test's server certificate.
	 * @param keys the key material
	 * @return {@code --server.ssl.*} arguments
	 */
	static List<String> https(TestKeys keys) {
		return List.of("--server.ssl.enabled=true", "--server.ssl.key-store=" + keys.serverKeyStore(),
				"--server.ssl.key-store-password=" + TestKeys.PASSWORD, "--server.ssl.key-store-type=PKCS12");
	}

	/**
	 * HTTPS that demands a client certificate the ERP's trust store holds.
	 * @param keys the key material
	 * @return {@code --server.ssl.*} arguments
	 */
	static List<String> mutualTls(TestKeys keys) {
		List<String> arguments = new ArrayList<>(https(keys));
		arguments.addAll(List.of("--server.ssl.client-auth=need", "--server.ssl.trust-store=" + keys.erpTrustStore(),
				"--server.ssl.trust-store-password=" + TestKeys.PASSWORD, "--server.ssl.trust-store-type=PKCS12"));
		return arguments;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * The last request a service received: path, {@code sapClient}, {@code sapLanguage},
	 * {@code acceptLanguage}, and the {@code user} it logged on as.
	 */
	Map<String, String> lastRequest(String service) {
		return this.context.getBean(CallStatistics.class).lastRequests().getOrDefault(service, Map.of());
	}

	/**
	 * How many calls of a kind a service received; {@code oauth2}/{@code token} counts
	 * tokens issued.
	 */
	long calls(String service, String kind) {
		return this.context.getBean(CallStatistics.class)
			.snapshot()
			.getOrDefault(service, Map.of())
			.getOrDefault(kind, 0L);
	}

	/** Forgets every issued bearer token, as an ERP does when tokens are revoked. */
	void revokeTokens() {
		this.context.getBean(org.millgate.erpsim.web.BearerTokens.class).expireAll();
	}

}
