package org.millgate.system.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A real Keycloak on loopback for the interoperability tests: the
 * {@code keycloak-quarkus-dist} that the build unpacks into {@code target/keycloak} (see
 * this module's pom), started in development mode as a child process with a JDK 21 or
 * newer, with a realm {@value #REALM} holding one confidential client-credentials client
 * per demo client of identity ({@link #DEMO_CLIENTS}: same ids, secrets generated here).
 *
 * <p>
 * Each client's token carries what identity's tokens carry, from Keycloak's own means:
 * the client's Millgate scopes as Keycloak client scopes of the same names (default
 * scopes, so they are in the {@code scope} claim), hardcoded-claim mappers for
 * {@code plants} (a JSON array), {@code partner_id} and {@code plan}, and an audience
 * mapper for {@value #AUDIENCE}. Unlike identity, Keycloak always issues all of a
 * client's default scopes: a {@code scope} parameter cannot narrow them (asking for one
 * of them still yields all), and asking for a scope the client does not have is refused
 * with 400 {@code invalid_scope}; so {@link #token(String)} asks for none.
 *
 * <p>
 * One Keycloak per JVM: {@link #startIfPossible()} starts it on the first call and hands
 * the same instance to every later caller; it is stopped when the JVM ends. The database
 * is H2 in memory ({@code --db=dev-mem}): nothing of a run survives it. The bootstrap
 * admin's password is generated at start and kept in this object only. Its log is
 * {@code target/keycloak/logs/keycloak.log}.
 *
 * <p>
 * Measured here (2 cores, Temurin 25, other builds running): ready with the realm in
 * 15-20 s, about 400 MiB resident.
 */
public final class LocalKeycloak implements AutoCloseable {

	/** The realm the demo clients live in. */
	public static final String REALM = "millgate";

	/** The audience every client's token carries, as identity's do. */
	public static final String AUDIENCE = "millgate-api";

	/**
	 * Identity's demo clients ({@code identity/src/main/resources/application-demo.yaml})
	 * with their scopes, plants, partner and plan: the clients the realm holds.
	 */
	public static final List<DemoClient> DEMO_CLIENTS = List.of(
			new DemoClient("mes-plant-1000",
					List.of("production-orders:read", "production-orders:write", "inventory:read", "master-data:read"),
					List.of("1000"), null, "line-critical"),
			new DemoClient("mes-plant-2000",
					List.of("production-orders:read", "production-orders:write", "inventory:read", "master-data:read"),
					List.of("2000"), null, "line-critical"),
			new DemoClient("wms-plant-1000",
					List.of("inventory:read", "shipments:read", "reconciliation:read", "reconciliation:report",
							"master-data:read"),
					List.of("1000"), null, "plant-standard"),
			new DemoClient("ops-console", List.of("reconciliation:read", "reconciliation:manage"),
					List.of("1000", "2000"), null, "plant-standard"),
			new DemoClient("partner-acme", List.of("shipments:read"), List.of(), "ACME", "partner-basic"),
			new DemoClient("partner-beta", List.of("shipments:read"), List.of(), "BETA", "partner-basic"));

	/**
	 * The version the fixture was written against (the pom's {@code keycloak.version}).
	 */
	static final String VERSION = "26.5.6";

	// a client of the fixture's own that may only introspect tokens, for active(token)
	private static final String INTROSPECTION_CLIENT = "millgate-introspection";

	/** The developer portal's sign-in client (authorization code with PKCE). */
	public static final String PORTAL_CLIENT = "developer-portal";

	/**
	 * People who sign in to the developer portal at Keycloak: their realm roles (in the
	 * ID token's {@code realm_access.roles}, beside a role of the company's that is no
	 * portal role) and their partner (a user attribute, in {@code partner_id}).
	 */
	public static final List<PortalPerson> PORTAL_PEOPLE = List.of(
			new PortalPerson("acme-dev", List.of("partner", "plant-engineer"), "ACME"),
			new PortalPerson("owner-kc", List.of("api-owner"), null));

	private static final int MINIMUM_JAVA = 21;

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static LocalKeycloak shared;

	private static String unavailable;

	private static RuntimeException failure;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path home;

	private final Path javaHome;

	private final Path log;

	private final Map<String, String> secrets = new LinkedHashMap<>();

	private final String adminPassword = randomSecret();

	private final Thread stopAtExit = new Thread(this::stop, "keycloak-stop");

	private Process process;

	private int port;

	private Duration startup;

	private LocalKeycloak(Path home, Path javaHome) {
		this.home = home;
		this.javaHome = javaHome;
		this.log = home.getParent().resolve("logs").resolve("keycloak.log");
		for (DemoClient client : DEMO_CLIENTS) {
			this.secrets.put(client.id(), randomSecret());
		}
		this.secrets.put(INTROSPECTION_CLIENT, randomSecret());
		this.secrets.put(PORTAL_CLIENT, randomSecret());
		PORTAL_PEOPLE.forEach((person) -> this.secrets.put("person:" + person.username(), randomSecret()));
	}

	/**
	 * The Keycloak of this JVM, started on the first call (with its realm imported), or
	 * empty when it cannot run here: no JDK 21 or newer was found, or
	 * {@code -Dmillgate.keycloak.skip=true}. {@link #unavailableReason()} says which.
	 * @return the running Keycloak, or empty
	 * @throws IllegalStateException when a JDK was found but Keycloak did not start (its
	 * log is named); later calls throw the same
	 */
	public static synchronized Optional<LocalKeycloak> startIfPossible() {
		if (shared != null) {
			return Optional.of(shared);
		}
		if (failure != null) {
			throw failure;
		}
		if (unavailable != null) {
			return Optional.empty();
		}
		if (Boolean.getBoolean("millgate.keycloak.skip")) {
			unavailable = "Keycloak is switched off (-Dmillgate.keycloak.skip=true)";
			System.out.println("[keycloak] " + unavailable);
			return Optional.empty();
		}
		JavaSearch java = findJava();
		if (java.home() == null) {
			unavailable = "Keycloak " + VERSION + " needs a JDK " + MINIMUM_JAVA + " or newer and none was found ("
					+ java.tried() + "); set MILLGATE_KEYCLOAK_JAVA_HOME to one to run these tests";
			System.out.println("[keycloak] " + unavailable);
			return Optional.empty();
		}
		LocalKeycloak keycloak = new LocalKeycloak(distribution(), java.home());
		try {
			keycloak.start();
		}
		catch (RuntimeException ex) {
			keycloak.stop();
			failure = ex;
			throw ex;
		}
		shared = keycloak;
		return Optional.of(keycloak);
	}

	/**
	 * Why {@link #startIfPossible()} returned empty.
	 * @return the reason, or null if it did not (or was not called)
	 */
	public static synchronized String unavailableReason() {
		return unavailable;
	}

	/**
	 * The issuer of the realm's tokens (their {@code iss}).
	 * @return e.g. {@code http://127.0.0.1:40123/realms/millgate}
	 */
	public String issuer() {
		return baseUrl() + "/realms/" + REALM;
	}

	/**
	 * The realm's signing keys.
	 * @return the JWK set URI
	 */
	public String jwkSetUri() {
		return issuer() + "/protocol/openid-connect/certs";
	}

	/**
	 * The realm's token endpoint (client-credentials grant, client secret in basic
	 * authentication or in the form).
	 * @return the token URI
	 */
	public String tokenUri() {
		return issuer() + "/protocol/openid-connect/token";
	}

	/**
	 * Keycloak's base URL.
	 * @return e.g. {@code http://127.0.0.1:40123}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The secret of a client of the realm, generated when the fixture started.
	 * @param clientId a demo client's id
	 * @return its secret
	 */
	public String secret(String clientId) {
		String secret = this.secrets.get(clientId);
		if (secret == null || DEMO_CLIENTS.stream().noneMatch((client) -> client.id().equals(clientId))) {
			throw new IllegalArgumentException("No demo client " + clientId + " in the realm " + REALM);
		}
		return secret;
	}

	/**
	 * How long Keycloak took from the process start until it was ready and the realm was
	 * imported.
	 * @return the start time
	 */
	public Duration startup() {
		return this.startup;
	}

	/**
	 * Keycloak's log file.
	 * @return its path
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * The resident memory of Keycloak's processes now (from {@code /proc}).
	 * @return in KiB, or -1 where {@code /proc} is missing
	 */
	public long residentKib() {
		Process running = this.process;
		if (running == null) {
			return -1;
		}
		long total = 0;
		for (ProcessHandle handle : Stream.concat(Stream.of(running.toHandle()), running.descendants()).toList()) {
			try {
				Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB")
					.matcher(Files.readString(Path.of("/proc", Long.toString(handle.pid()), "status")));
				if (rss.find()) {
					total += Long.parseLong(rss.group(1));
				}
			}
			catch (IOException ex) {
				return -1;
			}
		}
		return total;
	}

	/**
	 * An access token of a demo client by the client-credentials grant.
	 * @param clientId the client id
	 * @return the access token (a JWT signed with the realm's RS256 key)
	 * @throws IllegalStateException when Keycloak refuses (its answer is in the message)
	 */
	public String token(String clientId) {
		HttpResponse<String> response = requestToken(clientId);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Keycloak refused a token to " + clientId + ": " + response.statusCode() + " " + response.body());
		}
		return string(json(response.body()), "access_token");
	}

	/**
	 * Asks for a token of a demo client by the client-credentials grant, with its secret,
	 * and returns Keycloak's answer as it is.
	 * @param clientId the client id
	 * @return the token endpoint's answer: 200 with the token, or e.g. 401
	 * {@code invalid_client}
	 */
	public HttpResponse<String> requestToken(String clientId) {
		return send(form(tokenUri(), Map.of("grant_type", "client_credentials"), clientId, secret(clientId)));
	}

	/**
	 * The secret of the portal's sign-in client {@link #PORTAL_CLIENT}.
	 * @return its secret, generated when the fixture started
	 */
	public String portalClientSecret() {
		return this.secrets.get(PORTAL_CLIENT);
	}

	/**
	 * The password of one of {@link #PORTAL_PEOPLE}.
	 * @param username their user name
	 * @return their password, generated when the fixture started
	 */
	public String password(String username) {
		String password = this.secrets.get("person:" + username);
		if (password == null) {
			throw new IllegalArgumentException("No person " + username + " in the realm " + REALM);
		}
		return password;
	}

	/**
	 * The realm's token introspection endpoint (RFC 7662).
	 * @return its address
	 */
	public String introspectionUri() {
		return tokenUri() + "/introspect";
	}

	/**
	 * The client that may introspect the realm's tokens, for a gateway or product
	 * configured to ask Keycloak whether each token is still active.
	 * @return its client id
	 */
	public String introspectionClientId() {
		return INTROSPECTION_CLIENT;
	}

	/**
	 * The secret of {@link #introspectionClientId()}.
	 * @return its secret, generated when the fixture started
	 */
	public String introspectionSecret() {
		return this.secrets.get(INTROSPECTION_CLIENT);
	}

	/**
	 * Whether Keycloak still considers a token active (token introspection, RFC 7662, by
	 * a client of the fixture's own).
	 * @param accessToken the token
	 * @return the {@code active} of the introspection answer
	 */
	public boolean active(String accessToken) {
		HttpResponse<String> response = send(form(introspectionUri(), Map.of("token", accessToken),
				INTROSPECTION_CLIENT, this.secrets.get(INTROSPECTION_CLIENT)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Introspection failed: " + response.statusCode() + " " + response.body());
		}
		return Boolean.TRUE.equals(json(response.body()).get("active"));
	}

	/**
	 * Disables a client by the admin REST API: it can no longer obtain tokens (the token
	 * endpoint answers 401 {@code invalid_client}). Its tokens issued before stay signed
	 * and unexpired: whoever checks them by signature alone (the realm's JWK set) accepts
	 * them until they expire; Keycloak's introspection answers {@code active: false} for
	 * them at once.
	 * @param clientId the client id
	 */
	public void disable(String clientId) {
		setEnabled(clientId, false);
	}

	/**
	 * Enables a client again (after {@link #disable(String)}), so that a test can leave
	 * the shared realm as it found it.
	 * @param clientId the client id
	 */
	public void enable(String clientId) {
		setEnabled(clientId, true);
	}

	/**
	 * Stops Keycloak (its launcher script and the JVM it started). The instance that
	 * {@link #startIfPossible()} shares is stopped at JVM exit anyway; closing it makes
	 * the next {@link #startIfPossible()} start a new one.
	 */
	@Override
	public void close() {
		synchronized (LocalKeycloak.class) {
			if (shared == this) {
				shared = null;
			}
		}
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopAtExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is ending: the hook runs (or ran) stop() itself
		}
	}

	private void start() {
		long started = System.nanoTime();
		try {
			this.port = freePort();
			int management = freePort();
			Files.createDirectories(this.log.getParent());
			List<String> command = List.of(this.home.resolve("bin/kc.sh").toString(), "start-dev",
					"--http-host=127.0.0.1", "--http-port=" + this.port, "--http-management-port=" + management,
					"--hostname=" + baseUrl(), "--health-enabled=true", "--db=dev-mem", "--cache=local");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile());
			Map<String, String> environment = builder.environment();
			environment.put("JAVA_HOME", this.javaHome.toString());
			environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
			environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", this.adminPassword);
			// kc.sh otherwise sizes the heap from the machine's memory (70 % in a
			// container)
			environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
			// a quick start matters more here than peak throughput; JBoss Threads needs
			// java.lang open on Java 24+ (else its threads fail at shutdown)
			environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
			System.out.println("[keycloak] starting Keycloak " + VERSION + " with " + this.javaHome + " on " + baseUrl()
					+ " (log: " + this.log + ")");
			this.process = builder.start();
			Runtime.getRuntime().addShutdownHook(this.stopAtExit);
			awaitReady("http://127.0.0.1:" + management + "/health/ready", started);
			importRealm();
			givePeopleTheirPartners();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.startup = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf("[keycloak] Keycloak %s ready with realm %s at %s in %.1f s, %d MiB resident%n", VERSION,
				REALM, issuer(), this.startup.toMillis() / 1000.0, residentKib() / 1024);
	}

	// polls the readiness check of the management interface until it answers 200
	private void awaitReady(String health, long started) {
		long deadline = started + START_TIMEOUT.toNanos();
		while (true) {
			try {
				HttpResponse<String> ready = this.http.send(
						HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Keycloak ended with exit code " + this.process.exitValue()
						+ " before it was ready; see " + this.log);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Keycloak was not ready after " + START_TIMEOUT.toSeconds() + " s; see " + this.log);
			}
			sleep(250);
		}
	}

	// the realm with its client scopes and clients, in one POST /admin/realms
	private void importRealm() {
		HttpResponse<String> created = send(admin("/admin/realms").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(realm())))
			.build());
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"Keycloak refused the realm " + REALM + ": " + created.statusCode() + " " + created.body());
		}
	}

	// Keycloak 24+ keeps only attributes its user profile declares: partner_id is
	// declared
	// (as a realm's administrator would), then set on each partner's user
	private void givePeopleTheirPartners() {
		String profilePath = "/admin/realms/" + REALM + "/users/profile";
		HttpResponse<String> profile = send(admin(profilePath).GET().build());
		Map<String, Object> config = json(profile.body());
		@SuppressWarnings("unchecked")
		List<Object> attributes = new ArrayList<>((List<Object>) config.get("attributes"));
		attributes.add(Map.of("name", "partner_id", "displayName", "Partner", "multivalued", false, "permissions",
				Map.of("view", List.of("admin"), "edit", List.of("admin"))));
		config.put("attributes", attributes);
		expect(200,
				send(admin(profilePath).header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(config)))
					.build()),
				"the user profile with partner_id");
		for (PortalPerson person : PORTAL_PEOPLE) {
			if (person.partnerId() == null) {
				continue;
			}
			HttpResponse<String> found = send(
					admin("/admin/realms/" + REALM + "/users?exact=true&username=" + encode(person.username())).GET()
						.build());
			@SuppressWarnings("unchecked")
			Map<String, Object> user = new LinkedHashMap<>((Map<String, Object>) parseArray(found.body()).get(0));
			user.put("attributes", Map.of("partner_id", List.of(person.partnerId())));
			expect(204,
					send(admin("/admin/realms/" + REALM + "/users/" + user.get("id"))
						.header("Content-Type", "application/json")
						.PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(user)))
						.build()),
					"the partner of " + person.username());
		}
	}

	private static void expect(int status, HttpResponse<String> response, String what) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(
					"Keycloak refused " + what + ": " + response.statusCode() + " " + response.body());
		}
	}

	Map<String, Object> realm() {
		Set<String> scopes = new LinkedHashSet<>();
		DEMO_CLIENTS.forEach((client) -> scopes.addAll(client.scopes()));
		List<Object> clientScopes = new ArrayList<>();
		for (String scope : scopes) {
			clientScopes.add(Map.of("name", scope, "protocol", "openid-connect", "attributes",
					Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false")));
		}
		List<Object> clients = new ArrayList<>();
		for (DemoClient client : DEMO_CLIENTS) {
			List<Object> mappers = new ArrayList<>();
			if (!client.plants().isEmpty()) {
				mappers.add(hardcodedClaim("plants", JSONArrayUtils.toJSONString(new ArrayList<>(client.plants())),
						"JSON"));
			}
			if (client.partnerId() != null) {
				mappers.add(hardcodedClaim("partner_id", client.partnerId(), "String"));
			}
			mappers.add(hardcodedClaim("plan", client.plan(), "String"));
			mappers.add(Map.of("name", "audience", "protocol", "openid-connect", "protocolMapper",
					"oidc-audience-mapper", "config", Map.of("included.custom.audience", AUDIENCE, "access.token.claim",
							"true", "id.token.claim", "false", "introspection.token.claim", "true")));
			Map<String, Object> representation = confidentialClient(client.id(), true);
			representation.put("defaultClientScopes", new ArrayList<>(client.scopes()));
			representation.put("protocolMappers", mappers);
			clients.add(representation);
		}
		clients.add(confidentialClient(INTROSPECTION_CLIENT, false));
		clients.add(portalClient());
		// OpenID's profile scope, which the portal asks for: the user name
		clientScopes.add(Map.of("name", "profile", "protocol", "openid-connect", "attributes",
				Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"), "protocolMappers",
				List.of(idTokenMapper("username", "oidc-usermodel-property-mapper", Map.of("user.attribute", "username",
						"claim.name", "preferred_username", "jsonType.label", "String")))));
		Set<String> roles = new LinkedHashSet<>();
		PORTAL_PEOPLE.forEach((person) -> roles.addAll(person.roles()));
		List<Object> users = new ArrayList<>();
		for (PortalPerson person : PORTAL_PEOPLE) {
			Map<String, Object> user = new LinkedHashMap<>();
			user.put("username", person.username());
			user.put("enabled", true);
			// the default user profile wants these, else the first sign-in asks for them
			user.put("email", person.username() + "@example.com");
			user.put("emailVerified", true);
			user.put("firstName", person.username());
			user.put("lastName", "Test");
			user.put("credentials",
					List.of(Map.of("type", "password", "value", password(person.username()), "temporary", false)));
			user.put("realmRoles", person.roles());
			users.add(user);
		}
		Map<String, Object> realm = new LinkedHashMap<>();
		realm.put("realm", REALM);
		realm.put("enabled", true);
		realm.put("roles", Map.of("realm", roles.stream().map((role) -> Map.of("name", role)).toList()));
		realm.put("users", users);
		realm.put("clientScopes", clientScopes);
		// no realm-wide default scopes (profile, email, roles...): a token carries the
		// client's own
		realm.put("defaultDefaultClientScopes", List.of());
		realm.put("defaultOptionalClientScopes", List.of());
		realm.put("clients", clients);
		return realm;
	}

	// the portal's sign-in: authorization code (the portal sends PKCE), its ID token with
	// the realm roles where Keycloak nests them and the partner attribute
	private Map<String, Object> portalClient() {
		Map<String, Object> client = confidentialClient(PORTAL_CLIENT, false);
		client.put("standardFlowEnabled", true);
		// the portal's port is free-chosen per test run
		client.put("redirectUris", List.of("http://localhost:*", "http://127.0.0.1:*"));
		client.put("attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
		client.put("fullScopeAllowed", true);
		client.put("defaultClientScopes", List.of("profile"));
		client
			.put("protocolMappers", List.of(
					idTokenMapper("realm roles", "oidc-usermodel-realm-role-mapper",
							Map.of("claim.name", "realm_access.roles", "multivalued", "true", "jsonType.label",
									"String")),
					idTokenMapper("partner", "oidc-usermodel-attribute-mapper", Map.of("user.attribute", "partner_id",
							"claim.name", "partner_id", "jsonType.label", "String"))));
		return client;
	}

	private static Map<String, Object> idTokenMapper(String name, String type, Map<String, String> config) {
		Map<String, String> all = new LinkedHashMap<>(config);
		all.put("id.token.claim", "true");
		all.put("access.token.claim", "false");
		all.put("userinfo.token.claim", "true");
		return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", all);
	}

	private Map<String, Object> confidentialClient(String id, boolean serviceAccount) {
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("clientId", id);
		client.put("enabled", true);
		client.put("protocol", "openid-connect");
		client.put("publicClient", false);
		client.put("clientAuthenticatorType", "client-secret");
		client.put("secret", this.secrets.get(id));
		client.put("serviceAccountsEnabled", serviceAccount);
		client.put("standardFlowEnabled", false);
		client.put("implicitFlowEnabled", false);
		client.put("directAccessGrantsEnabled", false);
		// no role claims (realm_access, resource_access) and no "account" audience
		client.put("fullScopeAllowed", false);
		client.put("defaultClientScopes", List.of());
		client.put("optionalClientScopes", List.of());
		return client;
	}

	private static Map<String, Object> hardcodedClaim(String claim, String value, String type) {
		return Map.of("name", claim, "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
				"config",
				Map.of("claim.name", claim, "claim.value", value, "jsonType.label", type, "access.token.claim", "true",
						"id.token.claim", "false", "userinfo.token.claim", "false", "introspection.token.claim",
						"true"));
	}

	private void setEnabled(String clientId, boolean enabled) {
		secret(clientId);
		HttpResponse<String> found = send(
				admin("/admin/realms/" + REALM + "/clients?clientId=" + encode(clientId)).GET().build());
		List<Object> matches = parseArray(found.body());
		if (found.statusCode() != 200 || matches.size() != 1) {
			throw new IllegalStateException(
					"Cannot find client " + clientId + ": " + found.statusCode() + " " + found.body());
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> client = new LinkedHashMap<>((Map<String, Object>) matches.get(0));
		client.put("enabled", enabled);
		HttpResponse<String> updated = send(admin("/admin/realms/" + REALM + "/clients/" + client.get("id"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(client)))
			.build());
		if (updated.statusCode() != 204) {
			throw new IllegalStateException("Keycloak did not " + (enabled ? "enable " : "disable ") + clientId + ": "
					+ updated.statusCode() + " " + updated.body());
		}
	}

	// an admin request with a fresh token of the bootstrap admin (master's admin tokens
	// live 60 s only)
	private HttpRequest.Builder admin(String path) {
		HttpResponse<String> response = send(
				form(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
						"client_id", "admin-cli", "username", "admin", "password", this.adminPassword), null, null));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"No admin token from Keycloak: " + response.statusCode() + " " + response.body());
		}
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Authorization", "Bearer " + string(json(response.body()), "access_token"))
			.timeout(Duration.ofSeconds(30));
	}

	private static HttpRequest form(String uri, Map<String, String> fields, String clientId, String secret) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (clientId != null) {
			// RFC 6749 2.3.1: id and secret form-encoded before the basic authentication
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8)));
		}
		return builder.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
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

	// the launcher script forwards SIGTERM to its JVM; whatever is left after 20 s is
	// killed
	private void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		List<ProcessHandle> all = Stream.concat(Stream.of(running.toHandle()), running.descendants()).toList();
		all.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : all) {
			try {
				handle.onExit().get(20, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
	}

	// the unpacked distribution: -Dmillgate.keycloak.home (set by the pom), else
	// target/keycloak/keycloak-VERSION of the module the tests run in
	private static Path distribution() {
		Path home = Path.of(System.getProperty("millgate.keycloak.home", "target/keycloak/keycloak-" + VERSION))
			.toAbsolutePath();
		if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home
					+ ": the build unpacks it in process-test-resources (./mvnw verify -pl system-tests)");
		}
		return home;
	}

	/**
	 * The JDK Keycloak runs with: {@code MILLGATE_KEYCLOAK_JAVA_HOME} if set (it must be
	 * 21+), else {@code /usr/lib/jvm/temurin-25-jdk-amd64}, else the newest of
	 * {@code /usr/lib/jvm/*-2[1-9]*}, else {@code JAVA_HOME} or this JVM if 21+.
	 */
	static JavaSearch findJava() {
		List<String> tried = new ArrayList<>();
		String configured = System.getenv("MILLGATE_KEYCLOAK_JAVA_HOME");
		if (configured != null && !configured.isBlank()) {
			Path home = Path.of(configured);
			int version = javaVersion(home);
			tried.add("MILLGATE_KEYCLOAK_JAVA_HOME=" + home + describe(version));
			return new JavaSearch((version >= MINIMUM_JAVA) ? home : null, String.join(", ", tried));
		}
		List<Path> candidates = new ArrayList<>();
		candidates.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
		try (Stream<Path> jvms = Files.isDirectory(Path.of("/usr/lib/jvm")) ? Files.list(Path.of("/usr/lib/jvm"))
				: Stream.empty()) {
			jvms.filter((path) -> path.getFileName().toString().matches(".*-2[1-9].*"))
				.sorted(Comparator.comparingInt(LocalKeycloak::javaVersion).reversed())
				.forEach(candidates::add);
		}
		catch (IOException ex) {
			tried.add("/usr/lib/jvm unreadable: " + ex.getMessage());
		}
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			candidates.add(Path.of(javaHome));
		}
		candidates.add(Path.of(System.getProperty("java.home")));
		for (Path home : candidates) {
			int version = javaVersion(home);
			tried.add(home + describe(version));
			if (version >= MINIMUM_JAVA) {
				return new JavaSearch(home, String.join(", ", tried));
			}
		}
		return new JavaSearch(null, String.join(", ", tried));
	}

	// the feature version from the JDK's release file, or -1 if it is no JDK
	static int javaVersion(Path home) {
		try {
			if (!Files.isExecutable(home.resolve("bin/java"))) {
				return -1;
			}
			Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)")
				.matcher(Files.readString(home.resolve("release")));
			return version.find() ? Integer.parseInt(version.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String describe(int version) {
		return (version < 0) ? " (no JDK)" : " (Java " + version + ")";
	}

	private static Map<String, Object> json(String body) {
		try {
			return JSONObjectUtils.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not a JSON object from Keycloak: " + body, ex);
		}
	}

	private static List<Object> parseArray(String body) {
		try {
			return JSONArrayUtils.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not a JSON array from Keycloak: " + body, ex);
		}
	}

	private static String string(Map<String, Object> json, String field) {
		Object value = json.get(field);
		if (!(value instanceof String text)) {
			throw new IllegalStateException("No " + field + " in " + json);
		}
		return text;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A person of the realm who signs in to the developer portal.
	 *
	 * @param username their user name
	 * @param roles their realm roles
	 * @param partnerId their partner, or null
	 */
	public record PortalPerson(String username, List<String> roles, String partnerId) {

	}

	/**
	 * A demo client of identity as the realm holds it.
	 *
	 * @param id its client id
	 * @param scopes its Millgate scopes
	 * @param plants its plants (empty for a partner)
	 * @param partnerId its partner, or null
	 * @param plan its plan
	 */
	public record DemoClient(String id, List<String> scopes, List<String> plants, String partnerId, String plan) {
	}

	/**
	 * The outcome of looking for a JDK 21+.
	 *
	 * @param home the JDK found, or null
	 * @param tried what was looked at, for the message when none fits
	 */
	record JavaSearch(Path home, String tried) {
	}

}
