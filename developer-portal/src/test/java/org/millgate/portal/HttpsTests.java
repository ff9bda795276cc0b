package org.millgate.portal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.millgate.testing.tls.SelfSignedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 9 of the source review: the portal serves HTTPS with a configured key store
 * ({@code SERVER_SSL_*}), and then its session cookie is {@code Secure}, so that a
 * browser never sends it over plain HTTP.
 */
class HttpsTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.create();

	static ConfigurableApplicationContext portal;

	static int port;

	@BeforeAll
	static void start() {
		// the tests' PostgreSQL, in a schema of this test's own
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=demo",
				"--spring.datasource.hikari.schema=millgate_portal_https",
				"--spring.flyway.schemas=millgate_portal_https",
				"--spring.flyway.default-schema=millgate_portal_https"));
		arguments.addAll(certificate.serverArguments());
		portal = new SpringApplicationBuilder(PortalApplication.class).run(arguments.toArray(String[]::new));
		port = Integer.parseInt(portal.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		portal.close();
	}

	@Test
	void finding9ThePortalServesHttpsAndItsSessionCookieIsSecure() throws Exception {
		HttpResponse<String> home = certificate.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.headers().firstValue("Strict-Transport-Security")).isPresent();

		HttpResponse<String> signIn = certificate.client()
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/authorization/millgate"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().allValues("Set-Cookie")).as("the session of the sign-in")
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("MILLGATE_PORTAL_SESSION=")
				.contains("; Secure")
				.contains("; HttpOnly"));
	}

}
