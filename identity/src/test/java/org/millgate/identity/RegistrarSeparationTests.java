package org.millgate.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's sign-in client and its registrar are two clients (issue 17, finding 5):
 * the sign-in client gets no token by client credentials and no scope but
 * {@code openid profile} by the code grant; the registrar's tokens name identity's
 * management audience, and client registration and management refuse any token that does
 * not, API tokens included, whatever scope they carry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class RegistrarSeparationTests {

	private static final String REDIRECT = "http://localhost:8090/login/oauth2/code/millgate";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabase.freshSchema("millgate_identity_registrar_test");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> TestDatabase.USER);
		registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
	}

	@LocalServerPort
	int port;

	@Autowired
	SigningKeys keys;

	@Test
	void should_give_the_sign_in_client_no_token_by_client_credentials_whatever_the_scope() throws Exception {
		for (String scope : new String[] { "client.create", "client.manage", "openid", null }) {
			HttpResponse<String> refused = token("developer-portal", "developer-portal-secret", scope);

			assertThat(refused.statusCode()).as(scope + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("unauthorized_client");
		}
	}

	@Test
	void should_refuse_a_code_grant_for_any_scope_but_openid_and_profile() throws Exception {
		for (String scope : new String[] { "openid client.create", "client.manage", "openid profile shipments:read" }) {
			HttpResponse<String> refused = authorize(scope);

			assertThat(refused.statusCode()).as(scope).isEqualTo(302);
			assertThat(refused.headers().firstValue("Location")).as(scope)
				.hasValueSatisfying((to) -> assertThat(to).startsWith(REDIRECT).contains("error=invalid_scope"));
		}
		assertThat(authorize("openid profile").headers().firstValue("Location")).as("on to sign in")
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	@Test
	void should_give_the_registrars_tokens_identitys_audience_and_api_tokens_the_apis() throws Exception {
		JWTClaimsSet registrar = claims(token("developer-portal-registrar", "developer-portal-registrar-secret", null));
		JWTClaimsSet api = claims(token("mes-plant-1000", "mes-plant-1000-secret", null));

		assertThat(registrar.getAudience()).containsExactly("millgate-identity");
		assertThat(registrar.getStringListClaim("scope")).containsExactlyInAnyOrder("client.create", "client.read",
				"client.manage");
		assertThat(registrar.getClaim("plan")).as("no API claims").isNull();
		assertThat(api.getAudience()).containsExactly("millgate-api");
	}

	@Test
	void should_refuse_an_api_token_at_client_management_and_registration() throws Exception {
		String api = field(token("mes-plant-1000", "mes-plant-1000-secret", null).body(), "access_token");

		HttpResponse<String> managing = send("DELETE", "/oauth2/clients/someone", api, null);
		HttpResponse<String> registering = send("POST", "/oauth2/register", api,
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\"}");

		for (HttpResponse<String> refused : List.of(managing, registering)) {
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((header) -> assertThat(header).contains("invalid_token"));
			assertThat(field(refused.body(), "error")).isEqualTo("invalid_token");
			assertThat(field(refused.body(), "error_description")).contains("audience is not millgate-identity");
		}
	}

	@Test
	void should_refuse_a_management_scope_on_a_token_for_another_audience() throws Exception {
		String forApis = signed("millgate-api");
		String forIdentity = signed("millgate-identity");

		HttpResponse<String> refused = send("DELETE", "/oauth2/clients/someone", forApis, null);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		assertThat(refused.body()).contains("audience is not millgate-identity");
		assertThat(send("DELETE", "/oauth2/clients/someone", forIdentity, null).statusCode())
			.as("the same token for identity's audience gets as far as the client lookup")
			.isEqualTo(404);
	}

	@Test
	void should_say_which_scope_is_missing() throws Exception {
		String initial = field(
				token("developer-portal-registrar", "developer-portal-registrar-secret", "client.create").body(),
				"access_token");

		HttpResponse<String> refused = send("DELETE", "/oauth2/clients/someone", initial, null);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(field(refused.body(), "error")).isEqualTo("insufficient_scope");
		assertThat(field(refused.body(), "error_description")).contains("client.manage");
	}

	// a token signed with identity's own key, as a leaked or crafted one would be
	private String signed(String audience) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:9000")
			.audience(audience)
			.subject("developer-portal-registrar")
			.claim("scope", List.of("client.manage"))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keys.current().getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(this.keys.current()));
		return jwt.serialize();
	}

	private HttpResponse<String> authorize(String scope) throws Exception {
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256")
				.digest("a-verifier-of-at-least-43-characters-xxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII)));
		String path = "/oauth2/authorize?response_type=code&client_id=developer-portal&state=s&scope="
				+ URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_challenge=" + challenge
				+ "&code_challenge_method=S256";
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> token(String client, String secret, String scope) throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		String form = "grant_type=client_credentials"
				+ ((scope != null) ? "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) : "");
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JWTClaimsSet claims(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return SignedJWT.parse(field(response.body(), "access_token")).getJWTClaimsSet();
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

}
