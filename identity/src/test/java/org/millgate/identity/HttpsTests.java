package org.millgate.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.millgate.testing.tls.SelfSignedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 9 of the source review, "defaults": outside the demo profile no published
 * password or secret works, and, since plant networks are not trusted networks, identity
 * serves HTTPS with a configured key store ({@code SERVER_SSL_*}); here identity runs
 * without the demo profile, with a client of the test's own and a certificate the test
 * makes.
 */
class HttpsTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.create();

	private static final String SECRET = "a-secret-of-this-test-" + System.nanoTime();

	static ConfigurableApplicationContext identity;

	static int port;

	@BeforeAll
	static void start() {
		String url = TestDatabase.freshSchema("millgate_identity_https");
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + TestDatabase.USER,
				"--spring.datasource.password=" + TestDatabase.PASSWORD,
				"--millgate.identity.clients[0].id=plant-4711-mes", "--millgate.identity.clients[0].secret=" + SECRET,
				"--millgate.identity.clients[0].scopes=production-orders:read",
				"--millgate.identity.clients[0].plants=4711", "--millgate.identity.clients[0].plan=line-critical"));
		arguments.addAll(certificate.serverArguments());
		identity = new SpringApplicationBuilder(IdentityApplication.class).run(arguments.toArray(String[]::new));
		port = Integer.parseInt(identity.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		identity.close();
	}

	@Test
	void finding9NoPublishedSecretWorksOutsideTheDemoProfile() throws Exception {
		for (String published : List.of("mes-plant-1000:mes-plant-1000-secret", "partner-acme:partner-acme-secret",
				"developer-portal-registrar:developer-portal-registrar-secret")) {
			assertThat(token(published).statusCode()).as(published).isEqualTo(401);
		}
		// the demo user at the sign-in form, as a browser signs in (session, CSRF token)
		HttpClient browser = HttpClient.newBuilder()
			.sslContext(certificate.sslContext())
			.cookieHandler(new CookieManager())
			.build();
		String form = browser
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
		assertThat(csrf.find()).as(form).isTrue();
		HttpResponse<String> login = browser
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("username=acme-dev&password=acme-dev-password&_csrf=" + csrf.group(1)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).as("the demo user's published password")
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
	}

	@Test
	void finding9IdentityIssuesTokensOverHttpsWithAConfiguredKeyStore() throws Exception {
		HttpResponse<String> token = token("plant-4711-mes:" + SECRET);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(token.body()).contains("access_token");
		assertThat(token.headers().firstValue("Strict-Transport-Security")).isPresent();

		assertThat(plainHttp("/oauth2/jwks")).as("plain HTTP on the HTTPS port: no keys, no tokens")
			.doesNotContain("\"keys\"");
		assertThatThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/jwks"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString()))
			.as("a client that does not trust the certificate")
			.isInstanceOf(IOException.class);
	}

	private static HttpResponse<String> token(String credentials) throws IOException, InterruptedException {
		return certificate.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/token"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	// Tomcat answers plain HTTP on a TLS port with a 400 of its own, or the connection
	// ends
	private static String plainHttp(String path) throws InterruptedException {
		try {
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(400);
			return answer.body();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
