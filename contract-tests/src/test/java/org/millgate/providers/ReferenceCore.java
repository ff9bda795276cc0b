package org.millgate.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Pact's reference core (the Rust verifier that PactNet, pact-js, pact-python and pact-go
 * use), run from the npm package {@code @pact-foundation/pact-core} through Node.js:
 * {@code ./millgate test} installs the package (announced, into
 * {@code ~/.cache/millgate}) and passes its directory as {@code millgate.pactcore.dir};
 * with {@code MILLGATE_INSTALL=never} and no package, it passes
 * {@code millgate.pactcore.skip} and says how to get it.
 */
final class ReferenceCore {

	/** The package version the launcher installs. */
	static final String VERSION = "20.2.0";

	private static final Path SCRIPT = Path.of("src/test/node/verify-pacts.cjs");

	private static final ObjectMapper JSON = new ObjectMapper();

	private ReferenceCore() {
	}

	/**
	 * Why the reference core cannot run here, or null when it can.
	 * @return the reason to skip
	 */
	static String unavailable() {
		if (Boolean.getBoolean("millgate.pactcore.skip")) {
			return "Pact's reference core is not installed and MILLGATE_INSTALL=never installs nothing";
		}
		String dir = System.getProperty("millgate.pactcore.dir");
		if (dir == null || dir.isBlank()) {
			return "millgate.pactcore.dir is not set: run the tests with ./millgate test, which installs"
					+ " @pact-foundation/pact-core " + VERSION;
		}
		if (!Files.isDirectory(Path.of(dir, "node_modules", "@pact-foundation", "pact-core"))) {
			throw new IllegalStateException("millgate.pactcore.dir=" + dir + " holds no @pact-foundation/pact-core");
		}
		return null;
	}

	/**
	 * What one verification printed and how it ended.
	 *
	 * @param exitCode 0 when every interaction was kept
	 * @param output the verifier's report
	 */
	record Result(int exitCode, String output) {

		boolean kept() {
			return this.exitCode == 0;
		}

	}

	/**
	 * Verifies one pact file against a provider.
	 * @param pact the pact file
	 * @param providerBaseUrl where its requests go
	 * @param stateSetupUrl where the verifier asks for provider states
	 * @param token the consumer's access token, sent as {@code Authorization}
	 * @return the result
	 */
	static Result verify(Path pact, String providerBaseUrl, String stateSetupUrl, String token) {
		Path dir = Path.of(System.getProperty("millgate.pactcore.dir"));
		ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), providerBaseUrl,
				pact.toAbsolutePath().toString(), stateSetupUrl, token)
			.redirectErrorStream(true);
		node.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
		// the verifier reports usage to pactflow.io unless told not to
		node.environment().put("PACT_DO_NOT_TRACK", "true");
		try {
			Process process = node.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("the reference core did not finish within 120 s");
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run node (Node.js 18 or later is needed)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The provider-state endpoint the verifier calls before each interaction
	 * ({@code POST} with {@code {"state": .., "action": "setup"}}).
	 * @param states state name → what arranges it; a state not listed names seed data
	 * @param seen told each state the verifier asks for
	 * @return the started server, on a free loopback port, path {@code /provider-states}
	 */
	static HttpServer stateServer(Map<String, Runnable> states, Consumer<String> seen) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/provider-states", (exchange) -> {
				int status = 200;
				try {
					JsonNode request = JSON.readTree(exchange.getRequestBody());
					String state = request.path("state").asText();
					seen.accept(state);
					if ("setup".equals(request.path("action").asText("setup")) && states.containsKey(state)) {
						states.get(state).run();
					}
				}
				catch (RuntimeException ex) {
					status = 500;
				}
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
