package org.millgate.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings 5 and 8 of the source review, against the running platform. Finding 5: the
 * portal's sign-in client held the client-management scopes, the code grant and no
 * consent, and identity's client management did not check the audience, so the sign-in
 * secret minted client-management tokens. Finding 8: identity's {@code /login} and
 * {@code /oauth2/token} had no rate limit and no lock-out.
 *
 * <p>
 * The platform is shared: the stuffing here comes from loopback addresses no other test
 * uses ({@code 127.0.0.77} and up; all of {@code 127.0.0.0/8} is loopback), against a
 * user name and a client id that do not exist, so that no demo user or client is locked
 * out for the other tests.
 */
class IdentityHardeningTests {

	static Platform platform;

	static String identity;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
		identity = platform.url("identity");
	}

	@Test
	void finding5TheSignInClientCannotMintClientManagementTokens() throws NoSuchAlgorithmException {
		for (String scope : new String[] { "client.create", "client.manage", null }) {
			HttpResponse<String> refused = token("developer-portal", "developer-portal-secret", scope);
			assertThat(refused.statusCode()).as(scope + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("unauthorized_client");
		}
		String redirect = platform.url("developer-portal") + "/login/oauth2/code/millgate";
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256")
				.digest("a-verifier-of-at-least-43-characters-xxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII)));
		HttpResponse<String> codeGrant = platform.send(HttpRequest
			.newBuilder(URI.create(identity + "/oauth2/authorize?response_type=code&client_id=developer-portal"
					+ "&state=s&scope=" + encoded("openid client.create") + "&redirect_uri=" + encoded(redirect)
					+ "&code_challenge=" + challenge + "&code_challenge_method=S256"))
			.header("Accept", "text/html")
			.build());
		assertThat(codeGrant.statusCode()).as(codeGrant.body()).isEqualTo(302);
		assertThat(codeGrant.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).startsWith(redirect).contains("error=invalid_scope"));
	}

	@Test
	void finding5ClientManagementTakesOnlyTheRegistrarsTokens() {
		String api = platform.token("mes-plant-1000");
		HttpResponse<String> apiToken = manage("DELETE", "/oauth2/clients/nobody", api, null);
		assertThat(apiToken.statusCode()).as(apiToken.body()).isEqualTo(401);
		assertThat(apiToken.body()).contains("invalid_token", "audience");
		String registrar = platform.token("developer-portal-registrar", "client.manage");
		HttpResponse<String> atTheGateway = platform
			.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/shipments/80000001"))
				.header("Authorization", "Bearer " + registrar)
				.build());
		assertThat(atTheGateway.statusCode()).as("the registrar's token is no API token").isEqualTo(401);

		// the registrar still registers and manages
		String initial = platform.token("developer-portal-registrar", "client.create");
		HttpResponse<String> registered = manage("POST", "/oauth2/register", initial,
				"{\"client_name\":\"finding 5\",\"grant_types\":[\"client_credentials\"],"
						+ "\"scope\":\"shipments:read\",\"plan\":\"partner-basic\",\"partner_id\":\"BETA\"}");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String clientId = field(registered.body(), "client_id");
		assertThat(manage("DELETE", "/oauth2/clients/" + clientId, registrar, null).statusCode()).isEqualTo(204);
	}

	@Test
	void finding8IdentityLocksOutCredentialStuffing() {
		Caller stuffer = new Caller("127.0.0.77");
		for (int attempt = 0; attempt < 5; attempt++) {
			Answer wrong = stuffer.signIn("stuffing-target", "guess-" + attempt);
			assertThat(wrong.header("location")).as(wrong.toString()).contains("/login?error");
		}
		Answer locked = stuffer.signIn("stuffing-target", "one-more-guess");
		assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
		assertThat(locked.header("retry-after")).isEqualTo("60");
		assertThat(locked.body()).contains("Too many sign-in attempts");
		Answer elsewhere = new Caller("127.0.0.78").signIn("stuffing-target", "guess");
		assertThat(elsewhere.header("location")).as("the pair is locked, not the name").contains("/login?error");

		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(stuffer.token("stuffing-client", "guess-" + attempt).status()).isEqualTo(401);
		}
		Answer lockedClient = stuffer.token("stuffing-client", "stuffing-client-secret");
		assertThat(lockedClient.status()).as(lockedClient.toString()).isEqualTo(429);
		assertThat(lockedClient.header("retry-after")).isEqualTo("60");
		assertThat(lockedClient.header("content-type")).startsWith("application/problem+json");
		assertThat(lockedClient.body()).contains("\"code\":\"auth.tooManyAttempts\"",
				"\"type\":\"https://millgate.dev/problems/too-many-attempts\"", "\"status\":429");

		// the demo users and clients the other tests use are untouched
		Answer signedIn = new Caller("127.0.0.78").signIn("acme-dev", "acme-dev-password");
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.header("location")).doesNotContain("/login");
		assertThat(stuffer.token("partner-acme", "partner-acme-secret").status()).isEqualTo(200);
		assertThat(platform.token("partner-acme")).isNotBlank();
	}

	@Test
	void finding8IdentityLimitsTheRequestsOfOneAddress() {
		Caller flood = new Caller("127.0.0.79");
		int admitted = 0;
		Answer answer = null;
		for (int request = 0; request < 120; request++) {
			answer = flood.send("POST", "/oauth2/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
					"grant_type=client_credentials");
			if (answer.status() == 429) {
				break;
			}
			admitted++;
		}
		assertThat(answer.status()).as("a burst of 60, then one a second").isEqualTo(429);
		assertThat(admitted).isGreaterThanOrEqualTo(60);
		assertThat(answer.header("retry-after")).isEqualTo("1");
		assertThat(answer.body()).contains("\"code\":\"auth.tooManyAttempts\"", "from this address");
		assertThat(new Caller("127.0.0.80").token("partner-beta", "partner-beta-secret").status()).as("another address")
			.isEqualTo(200);
	}

	private static HttpResponse<String> token(String client, String secret, String scope) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return platform.send(HttpRequest.newBuilder(URI.create(identity + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "")))
			.build());
	}

	private static HttpResponse<String> manage(String method, String path, String bearer, String json) {
		return platform.send(HttpRequest.newBuilder(URI.create(identity + path))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

	/**
	 * A caller of identity from a loopback address of its own: HTTP/1.0 over a socket
	 * bound to it (the JDK's HTTP client chooses no source address on Java 17), keeping
	 * the session cookie of the login form as a browser does.
	 */
	private static final class Caller {

		private final String address;

		private String session;

		Caller(String address) {
			this.address = address;
		}

		Answer signIn(String username, String password) {
			Answer form = send("GET", "/login", Map.of("Accept", "text/html"), null);
			Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
			assertThat(csrf.find()).as("a CSRF token in " + form).isTrue();
			return send("POST", "/login",
					Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
					"username=" + encoded(username) + "&password=" + encoded(password) + "&_csrf=" + csrf.group(1));
		}

		Answer token(String client, String secret) {
			String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
			return send("POST", "/oauth2/token",
					Map.of("Authorization", "Basic " + basic, "Content-Type", "application/x-www-form-urlencoded"),
					"grant_type=client_credentials");
		}

		Answer send(String method, String path, Map<String, String> headers, String body) {
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			if (this.session != null) {
				request.append("Cookie: ").append(this.session).append("\r\n");
			}
			request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress(this.address, 0));
				socket.connect(new InetSocketAddress("127.0.0.1", platform.port("identity")), 2000);
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.write(content);
				out.flush();
				ByteArrayOutputStream all = new ByteArrayOutputStream();
				socket.getInputStream().transferTo(all);
				Answer answer = Answer.of(all.toString(StandardCharsets.UTF_8));
				String cookie = answer.header("set-cookie");
				if (cookie != null && cookie.startsWith("MILLGATE_IDENTITY_SESSION=")) {
					this.session = cookie.substring(0, cookie.indexOf(';'));
				}
				return answer;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * An HTTP answer: status, headers by lower-case name (the first of each), body.
	 */
	private record Answer(int status, Map<String, String> headers, String body) {

		static Answer of(String text) {
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.putIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
		}

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
