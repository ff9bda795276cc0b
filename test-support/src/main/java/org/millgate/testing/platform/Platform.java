package org.millgate.testing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.millgate.testing.TestTokens;
import org.millgate.testing.net.TcpProxy;

/**
 * The whole platform as separate processes on loopback, started from the services'
 * executable jars as {@code services.conf} lists them ({@link Topology}: the services,
 * their stages, their links), each on a free port: identity (demo clients, an H2 file of
 * its own), the ERP simulator, the products (idempotency keys in the real Redis) and the
 * gateway (throttling and usage in the real Redis), which also trusts a second, test
 * issuer so that token attacks can be signed by a trusted key; and, for the system tests,
 * the developer portal (apps in an H2 file of its own), signing people in at identity.
 *
 * <p>
 * The products reach the ERP, and every service Redis, through a {@link TcpProxy} of the
 * platform's, so that the resilience drills can take either away; a drill may also start
 * a second gateway instance and kill it.
 */
public final class Platform implements AutoCloseable {

	private static final String IDENTITY = "identity";

	private static final String ERP = "erp-simulator";

	private static final String GATEWAY = "gateway";

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private static final String PORTAL = "developer-portal";

	public static final String REDIS = System.getenv()
		.getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

	private static Platform instance;

	private final Path root = repositoryRoot();

	private final Topology topology = Topology.read(this.root);

	private final Path logs = Path.of("target", "platform").toAbsolutePath();

	private final List<Process> processes = new ArrayList<>();

	private final Map<String, Process> byName = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String erpRelease;

	private final boolean portal;

	// the products reach the ERP, and every service Redis, through these, so that a drill
	// can take either away
	private TcpProxy erpLink;

	private TcpProxy redisLink;

	private String issuer;

	private int kafkaPort;

	private Map<String, String> launchEnvironment = Map.of();

	private final Map<String, String> extraEnvironment;

	private final List<String> gatewayArguments;

	private Platform(String erpRelease, boolean portal) {
		this(erpRelease, portal, Map.of(), List.of());
	}

	private Platform(String erpRelease, boolean portal, Map<String, String> extraEnvironment,
			List<String> gatewayArguments) {
		this.erpRelease = erpRelease;
		this.portal = portal;
		this.extraEnvironment = Map.copyOf(extraEnvironment);
		this.gatewayArguments = List.copyOf(gatewayArguments);
	}

	/**
	 * The platform the system tests share, on the default ERP release.
	 * @return the running platform
	 */
	public static synchronized Platform get() {
		if (instance == null) {
			instance = new Platform("2022", true);
			try {
				instance.launchAll();
			}
			catch (RuntimeException ex) {
				instance.stop();
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
		}
		return instance;
	}

	/**
	 * A platform of its own, on an ERP release of the simulator's; close it when done.
	 * @param erpRelease e.g. {@code 2020}
	 * @return the running platform
	 */
	public static Platform start(String erpRelease) {
		return start(erpRelease, Map.of());
	}

	/**
	 * A platform of its own whose services all get some environment more (e.g.
	 * {@code SPRING_APPLICATION_JSON} with an issuer they trust beside identity); close
	 * it when done.
	 * @param erpRelease e.g. {@code 2022}
	 * @param extraEnvironment the variables every service gets, over the platform's own
	 * @return the running platform
	 */
	public static Platform start(String erpRelease, Map<String, String> extraEnvironment) {
		return start(erpRelease, extraEnvironment, List.of());
	}

	/**
	 * A platform of its own with more environment for every service and more arguments
	 * for its gateway (after the platform's own: {@code millgate.gateway.issuers[0]} is
	 * identity, {@code [1]} the test issuer, so a third issuer is {@code [2]}); close it
	 * when done.
	 * @param erpRelease e.g. {@code 2022}
	 * @param extraEnvironment the variables every service gets, over the platform's own
	 * @param gatewayArguments command-line arguments the gateway gets
	 * @return the running platform
	 */
	public static Platform start(String erpRelease, Map<String, String> extraEnvironment,
			List<String> gatewayArguments) {
		return start(erpRelease, extraEnvironment, gatewayArguments, false);
	}

	/**
	 * As {@link #start(String, Map, List)}, with the developer portal too when asked
	 * (e.g. signing people in at another provider by its {@code MILLGATE_PORTAL_SIGNIN_*}
	 * variables).
	 * @param erpRelease e.g. {@code 2022}
	 * @param extraEnvironment the variables every service gets, over the platform's own
	 * @param gatewayArguments command-line arguments the gateway gets
	 * @param portal whether the developer portal runs too
	 * @return the running platform
	 */
	public static Platform start(String erpRelease, Map<String, String> extraEnvironment, List<String> gatewayArguments,
			boolean portal) {
		Platform platform = new Platform(erpRelease, portal, extraEnvironment, gatewayArguments);
		try {
			platform.launchAll();
		}
		catch (RuntimeException ex) {
			platform.stop();
			throw ex;
		}
		return platform;
	}

	public String erpRelease() {
		return this.erpRelease;
	}

	@Override
	public void close() {
		stop();
	}

	private void launchAll() {
		try {
			Files.createDirectories(this.logs);
			Path data = Files.createTempDirectory("millgate-system-data");
			for (Topology.Service service : this.topology.services()) {
				this.ports.put(service.name(), freePort());
			}
			URI redis = URI.create(REDIS);
			this.redisLink = new TcpProxy("redis", redis.getHost(), (redis.getPort() > 0) ? redis.getPort() : 6379);
			this.erpLink = new TcpProxy("erp", "127.0.0.1", port(ERP));
			this.issuer = url(IDENTITY);
			Map<String, String> environment = new LinkedHashMap<>(
					this.topology.environment((service) -> port(service.name())));
			// the products reach the ERP through the link a drill can cut
			environment.put("MILLGATE_ERP_BASEURL", "http://localhost:" + this.erpLink.port());
			environment.putAll(Map.of("MILLGATE_REDIS_URL", redis(), "MILLGATE_DATA_DIR", data.toString(),
					"MILLGATE_CURSOR_SECRET", "system-tests-cursor-secret-0123456789abcdef", "MILLGATE_ERP_RELEASE",
					this.erpRelease));
			// its simulated ERP numbers confirmations from its seed, as every platform's:
			// the
			// outbox and idempotency keys of this platform apart from earlier ones' in
			// the
			// shared Redis
			environment.put("MILLGATE_OUTBOX_NAMESPACE", "platform-" + UUID.randomUUID());
			// the event broker's Kafka, on free loopback ports of its own
			this.kafkaPort = freePort();
			environment.put("MILLGATE_KAFKA_PORT", Integer.toString(this.kafkaPort));
			environment.put("MILLGATE_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
			environment.putAll(this.extraEnvironment);
			this.launchEnvironment = Map.copyOf(environment);
			for (List<Topology.Service> stage : this.topology.stages().values()) {
				List<String> started = new ArrayList<>();
				for (Topology.Service service : stage) {
					if (!this.portal && service.name().equals(PORTAL)) {
						continue;
					}
					launch(service, environment);
					started.add(service.name());
				}
				awaitHealthy(started.toArray(String[]::new));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// what a service needs beyond the links: the demo profile, the ERP release, the
	// gateway's test issuer
	private void launch(Topology.Service service, Map<String, String> environment) throws IOException {
		switch (service.name()) {
			case IDENTITY, PORTAL ->
				launch(service.name(), service.module(), environment, "--spring.profiles.active=demo");
			case ERP -> launch(service.name(), service.module(), environment, "--erp.release=" + this.erpRelease);
			case GATEWAY -> launchGateway(service.name(), environment);
			default -> launch(service.name(), service.module(), environment);
		}
	}

	private void launchGateway(String name, Map<String, String> environment) throws IOException {
		String jwks = this.issuer + "/oauth2/jwks";
		TestTokens attacker = TestTokens.get();
		// a list property is bound from one source: the first issuer is given again
		// beside the second, the test issuer
		List<String> arguments = new ArrayList<>(List.of("--millgate.gateway.issuers[0].issuer=" + this.issuer,
				"--millgate.gateway.issuers[0].jwk-set-uri=" + jwks,
				"--millgate.gateway.issuers[0].revocations-uri=" + this.issuer + "/oauth2/revocations",
				"--millgate.gateway.revocation-refresh=500ms", "--millgate.gateway.usage-flush=500ms",
				"--millgate.gateway.issuers[1].issuer=" + TestTokens.ISSUER,
				"--millgate.gateway.issuers[1].jwk-set-uri=" + attacker.jwkSetUri()));
		arguments.addAll(this.gatewayArguments);
		launch(name, this.topology.service(GATEWAY).module(), environment, arguments.toArray(String[]::new));
	}

	/**
	 * Starts one more gateway instance, configured as the first, sharing its Redis and
	 * products (a second instance behind a plant's load balancer).
	 * @param name its name, e.g. {@code gateway-b}
	 * @return its base URL
	 */
	public synchronized String startGateway(String name) {
		try {
			this.ports.put(name, freePort());
			launchGateway(name, this.launchEnvironment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitHealthy(name);
		return url(name);
	}

	/**
	 * Kills a service at once (SIGKILL), as a crash or an out-of-memory kill would: no
	 * shutdown hook, no graceful drain.
	 * @param name the service
	 */
	public synchronized void kill(String name) {
		Process process = this.byName.remove(name);
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.processes.remove(process);
		}
	}

	/**
	 * Starts a service that was killed again, as its supervisor would, with the
	 * environment it had, and waits until it is healthy.
	 * @param name the service, e.g. {@code change-feed}
	 */
	public synchronized void restart(String name) {
		if (this.byName.containsKey(name)) {
			throw new IllegalStateException(name + " is running");
		}
		try {
			launch(this.topology.service(name), this.launchEnvironment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitHealthy(name);
	}

	/**
	 * The process of a running service.
	 * @param name the service
	 * @return its process id
	 */
	public long pid(String name) {
		return this.byName.get(name).pid();
	}

	/**
	 * The link between the products and the ERP.
	 * @return the proxy to cut
	 */
	public TcpProxy erpLink() {
		return this.erpLink;
	}

	/**
	 * The link between every service and Redis.
	 * @return the proxy to cut
	 */
	public TcpProxy redisLink() {
		return this.redisLink;
	}

	/**
	 * The Redis URL the services use (through {@link #redisLink()}).
	 * @return e.g. {@code redis://127.0.0.1:40123}
	 */
	public String redis() {
		URI redis = URI.create(REDIS);
		return redis.getScheme() + "://127.0.0.1:" + this.redisLink.port()
				+ ((redis.getPath() != null) ? redis.getPath() : "");
	}

	/**
	 * The API products' services, as {@code services.conf} lists them: every service
	 * whose module is a product ({@code *-api}).
	 * @return their names, in the file's order
	 */
	public List<String> products() {
		return this.topology.services()
			.stream()
			.filter((service) -> service.module().endsWith("-api"))
			.map(Topology.Service::name)
			.toList();
	}

	public int port(String name) {
		return this.ports.get(name);
	}

	public String url(String name) {
		return "http://localhost:" + port(name);
	}

	/**
	 * The platform's Kafka.
	 * @return its bootstrap servers, e.g. {@code 127.0.0.1:40123}
	 */
	public String kafkaBootstrap() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	public String gateway() {
		return url("gateway");
	}

	/**
	 * An access token of a demo client, from identity over HTTP.
	 * @param client the client id (secret {@code <client>-secret})
	 * @return the token
	 */
	public String token(String client) {
		return token(client, null);
	}

	/**
	 * An access token of a demo client with the given scope.
	 * @param client the client id (secret {@code <client>-secret})
	 * @param scope the scope asked for, or null for all of the client's
	 * @return the token
	 */
	public String token(String client, String scope) {
		return token(client, client + "-secret", scope);
	}

	/**
	 * An access token of any client, by the client-credentials grant at identity.
	 * @param client the client id
	 * @param secret its secret
	 * @param scope the scope asked for, or null for all of the client's
	 * @return the token
	 */
	public String token(String client, String secret, String scope) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("identity") + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "")))
			.build();
		String body = send(request).body();
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
		if (!token.find()) {
			throw new IllegalStateException("No token for " + client + ": " + body);
		}
		return token.group(1);
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private void launch(String name, String module, Map<String, String> environment, String... args)
			throws IOException {
		Path jar = jar(module);
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dmillgate.service=" + name, "-jar",
				jar.toString(), "--server.port=" + port(name)));
		String extra = System.getProperty("millgate.platform.jvm-args", "");
		if (!extra.isBlank()) {
			command.addAll(1, List.of(extra.trim().split("\\s+")));
		}
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.logs.resolve(name + "-" + this.erpRelease + ".log").toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.processes.add(process);
		this.byName.put(name, process);
	}

	private Path jar(String module) throws IOException {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No executable jar in " + target
						+ "; the system tests run after the services are packaged (./mvnw verify)"));
		}
	}

	private void awaitHealthy(String... names) {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		for (String name : names) {
			while (true) {
				try {
					HttpResponse<String> health = this.http.send(
							HttpRequest.newBuilder(URI.create(url(name) + healthPath(name))).build(),
							HttpResponse.BodyHandlers.ofString());
					if (health.statusCode() == 200) {
						break;
					}
				}
				catch (IOException ex) {
					// not up yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				if (System.nanoTime() > deadline || this.processes.stream().anyMatch((process) -> !process.isAlive())) {
					throw new IllegalStateException(name + " did not become healthy; see " + this.logs);
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private void stop() {
		List<Process> started = new ArrayList<>(this.processes);
		this.processes.clear();
		for (Process process : started) {
			process.destroy();
		}
		for (Process process : started) {
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.erpLink != null) {
			this.erpLink.close();
		}
		if (this.redisLink != null) {
			this.redisLink.close();
		}
	}

	// a further gateway instance is not in the topology: it is checked as the gateway is
	private String healthPath(String name) {
		return this.topology.services()
			.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseGet(() -> this.topology.service(GATEWAY))
			.health();
	}

	// the directory of services.conf, from the module the tests run in or the root
	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve(Topology.FILE))) {
				return dir;
			}
		}
		throw new IllegalStateException(
				"No " + Topology.FILE + " in " + Path.of("").toAbsolutePath() + " or a directory above it");
	}

	// A port free now and not handed out before in this JVM: the kernel may offer a port
	// it just offered again, and the services only bind theirs later (two services once
	// got the same one).
	private static int freePort() throws IOException {
		while (true) {
			try (ServerSocket socket = new ServerSocket(0)) {
				if (HANDED_OUT.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
		}
	}

}
