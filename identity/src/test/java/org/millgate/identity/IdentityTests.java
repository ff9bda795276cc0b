package org.millgate.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-credentials grant over real HTTP with the demo clients; tokens are verified
 * with the keys the JWKS endpoint publishes, as a product does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class IdentityTests {

	// Clients and keys in PostgreSQL, as in production; the schema is migrated by Flyway.
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabase.freshSchema("millgate_identity_test");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> TestDatabase.USER);
		registry.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	OAuth2AuthorizationService authorizations;

	@Test
	void should_issue_signed_tokens_with_millgate_claims() throws Exception {
		HttpResponse<String> response = token("mes-plant-1000", "mes-plant-1000-secret", null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		SignedJWT jwt = SignedJWT.parse(field(response.body(), "access_token"));
		RSAKey key = JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();

		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(JWKSet.parse(get("/oauth2/jwks").body()).getKeys()).as("public parts only")
			.noneMatch((published) -> published.isPrivate());
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
		assertThat(claims.getAudience()).containsExactly("millgate-api");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("mes-plant-1000");
		assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("production-orders:read",
				"production-orders:write", "inventory:read", "master-data:read");
		assertThat(claims.getStringListClaim("plants")).containsExactly("1000");
		assertThat(claims.getStringClaim("plan")).isEqualTo("line-critical");
		assertThat(claims.getClaim("partner_id")).isNull();
		assertThat(claims.getExpirationTime()).isAfter(new Date())
			.isBefore(new Date(System.currentTimeMillis() + 16 * 60_000));
	}

	@Test
	void should_name_the_partner_and_no_plants_on_partner_tokens() throws Exception {
		HttpResponse<String> response = token("partner-acme", "partner-acme-secret", "shipments:read");

		JWTClaimsSet claims = SignedJWT.parse(field(response.body(), "access_token")).getJWTClaimsSet();
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("ACME");
		assertThat(claims.getClaim("plants")).isNull();
		assertThat(claims.getStringClaim("plan")).isEqualTo("partner-basic");
	}

	@Test
	void should_let_the_wms_report_to_the_reconciliation_and_the_operations_console_manage_it() throws Exception {
		JWTClaimsSet wms = SignedJWT
			.parse(field(token("wms-plant-1000", "wms-plant-1000-secret", null).body(), "access_token"))
			.getJWTClaimsSet();
		JWTClaimsSet ops = SignedJWT
			.parse(field(token("ops-console", "ops-console-secret", null).body(), "access_token"))
			.getJWTClaimsSet();

		assertThat(wms.getStringListClaim("scope")).containsExactlyInAnyOrder("inventory:read", "shipments:read",
				"reconciliation:read", "reconciliation:report", "master-data:read");
		assertThat(ops.getStringListClaim("scope")).containsExactlyInAnyOrder("reconciliation:read",
				"reconciliation:manage");
		assertThat(ops.getStringListClaim("plants")).containsExactly("1000", "2000");
		assertThat(ops.getStringClaim("plan")).isEqualTo("plant-standard");
		assertThat(ops.getClaim("partner_id")).isNull();
		// the WMS reports what it holds; operations start runs, resolve mismatches
		assertThat(token("wms-plant-1000", "wms-plant-1000-secret", "reconciliation:manage").statusCode())
			.isEqualTo(400);
		assertThat(token("ops-console", "ops-console-secret", "reconciliation:report").statusCode()).isEqualTo(400);
	}

	@Test
	void should_know_the_operations_user_by_its_role(@Autowired UserDetailsService users,
			@Autowired PasswordEncoder passwords) {
		UserDetails operations = users.loadUserByUsername("operations");

		assertThat(operations.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_operations");
		assertThat(passwords.matches("operations-password", operations.getPassword())).isTrue();
	}

	@Test
	void should_keep_nothing_of_the_tokens_it_issued() throws Exception {
		String token = field(token("wms-plant-1000", "wms-plant-1000-secret", null).body(), "access_token");

		assertThat(this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.authorizations.findByToken(token, null)).isNull();
	}

	@Test
	void should_narrow_a_token_to_the_scopes_asked_for() throws Exception {
		HttpResponse<String> response = token("mes-plant-1000", "mes-plant-1000-secret", "inventory:read");

		JWTClaimsSet claims = SignedJWT.parse(field(response.body(), "access_token")).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("scope")).containsExactly("inventory:read");
	}

	@Test
	void should_refuse_wrong_secrets_unknown_clients_and_scopes_not_granted() throws Exception {
		assertThat(token("mes-plant-1000", "guess", null).statusCode()).isEqualTo(401);
		assertThat(token("nobody", "nobody-secret", null).statusCode()).isEqualTo(401);
		HttpResponse<String> widened = token("partner-acme", "partner-acme-secret", "production-orders:write");
		assertThat(widened.statusCode()).isEqualTo(400);
		assertThat(field(widened.body(), "error")).isEqualTo("invalid_scope");
	}

	@Test
	void should_show_health_and_nothing_else_without_a_client() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isIn(401, 403);
		assertThat(get("/oauth2/token").statusCode()).isIn(401, 403, 405);
	}

	@Test
	void should_register_clients_for_bearers_of_an_initial_access_token() throws Exception {
		String initial = field(
				token("developer-portal-registrar", "developer-portal-registrar-secret", "client.create").body(),
				"access_token");
		HttpResponse<String> registered = register(initial, """
				{"client_name":"ACME shipment tracker","grant_types":["client_credentials"],
				 "token_endpoint_auth_method":"client_secret_basic","scope":"shipments:read",
				 "plan":"partner-basic","partner_id":"ACME"}
				""");

		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String clientId = field(registered.body(), "client_id");
		String secret = field(registered.body(), "client_secret");
		assertThat(field(registered.body(), "plan")).isEqualTo("partner-basic");
		HttpResponse<String> issued = token(clientId, secret, null);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		JWTClaimsSet claims = SignedJWT.parse(field(issued.body(), "access_token")).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("scope")).containsExactly("shipments:read");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("ACME");
		assertThat(claims.getStringClaim("plan")).isEqualTo("partner-basic");
		assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
		assertThat(token(clientId, secret, "production-orders:write").statusCode()).isEqualTo(400);
	}

	@Test
	void should_let_the_registrar_change_rotate_and_revoke_what_it_registered() throws Exception {
		String initial = field(
				token("developer-portal-registrar", "developer-portal-registrar-secret", "client.create").body(),
				"access_token");
		HttpResponse<String> registered = register(initial, """
				{"client_name":"ACME app","grant_types":["client_credentials"],"scope":"shipments:read",
				 "plan":"partner-basic","partner_id":"ACME"}
				""");
		String clientId = field(registered.body(), "client_id");
		String secret = field(registered.body(), "client_secret");
		String manager = field(
				token("developer-portal-registrar", "developer-portal-registrar-secret", "client.manage").body(),
				"access_token");

		// only the registrar's client.manage token may manage
		assertThat(manage("PUT", "/oauth2/clients/" + clientId, initial, "{}").statusCode()).isEqualTo(403);
		assertThat(manage("DELETE", "/oauth2/clients/" + clientId, null, null).statusCode()).isEqualTo(401);
		// configured clients are changed in the configuration only
		assertThat(manage("POST", "/oauth2/clients/mes-plant-1000/secret", manager, null).statusCode()).isEqualTo(404);
		HttpResponse<String> refused = manage("PUT", "/oauth2/clients/" + clientId, manager,
				"{\"scope\":\"client.create\",\"plan\":\"partner-basic\"}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_client_metadata", "client.create");

		HttpResponse<String> updated = manage("PUT", "/oauth2/clients/" + clientId, manager,
				"{\"scope\":\"shipments:read inventory:read\",\"plan\":\"plant-standard\",\"plants\":[\"1000\"]}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		JWTClaimsSet claims = SignedJWT.parse(field(token(clientId, secret, null).body(), "access_token"))
			.getJWTClaimsSet();
		assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("shipments:read", "inventory:read");
		assertThat(claims.getStringClaim("plan")).isEqualTo("plant-standard");
		assertThat(claims.getStringListClaim("plants")).containsExactly("1000");
		// changed grants are a new credential generation: tokens with the old ones are
		// refused by the gateway and the products (issue 17, finding 3)
		assertThat(claims.getLongClaim("credential_generation")).isEqualTo(1L);
		assertThat(get("/oauth2/revocations").body()).contains("\"" + clientId + "\":1");
		assertThat(manage("PUT", "/oauth2/clients/" + clientId, manager,
				"{\"scope\":\"shipments:read\",\"plan\":\"plant-standard\",\"plants\":[\"10; DROP\"]}")
			.statusCode()).isEqualTo(400);

		HttpResponse<String> rotated = manage("POST", "/oauth2/clients/" + clientId + "/secret", manager, null);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
		String newSecret = field(rotated.body(), "client_secret");
		assertThat(newSecret).isNotEqualTo(secret).hasSizeGreaterThanOrEqualTo(40);
		assertThat(token(clientId, secret, null).statusCode()).as("the old secret").isEqualTo(401);
		HttpResponse<String> fresh = token(clientId, newSecret, null);
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(SignedJWT.parse(field(fresh.body(), "access_token"))
			.getJWTClaimsSet()
			.getLongClaim("credential_generation")).isEqualTo(2L);
		assertThat(get("/oauth2/revocations").body()).contains("\"" + clientId + "\":2");

		assertThat(manage("DELETE", "/oauth2/clients/" + clientId, manager, null).statusCode()).isEqualTo(204);
		assertThat(token(clientId, newSecret, null).statusCode()).as("a revoked client").isEqualTo(401);
		HttpResponse<String> revocations = get("/oauth2/revocations");
		assertThat(revocations.statusCode()).isEqualTo(200);
		assertThat(revocations.body()).contains("\"revoked\":[").contains("\"" + clientId + "\"");
		assertThat(manage("DELETE", "/oauth2/clients/" + clientId, manager, null).statusCode()).isEqualTo(404);
	}

	@Test
	void should_refuse_registration_without_an_initial_access_token() throws Exception {
		String body = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\"}";
		assertThat(register(null, body).statusCode()).isEqualTo(401);
		String notRegistrar = field(token("mes-plant-1000", "mes-plant-1000-secret", null).body(), "access_token");
		HttpResponse<String> refused = register(notRegistrar, body);
		// a token without scope client.create is no initial access token
		assertThat(refused.statusCode()).as(refused.body()).isIn(400, 401, 403);
		assertThat(refused.body()).contains("invalid_token");
	}

	@Test
	void should_refuse_registrations_beyond_what_is_allowed() throws Exception {
		String initial = field(
				token("developer-portal-registrar", "developer-portal-registrar-secret", "client.create").body(),
				"access_token");
		String[] refused = {
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"gold\"}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\"}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"client.create\",\"plan\":\"partner-basic\"}",
				"{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"https://evil.test/cb\"],"
						+ "\"scope\":\"shipments:read\",\"plan\":\"partner-basic\"}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\","
						+ "\"plants\":[\"1000' OR 1=1\"]}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\","
						+ "\"token_endpoint_auth_method\":\"none\"}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\","
						+ "\"jwks_uri\":\"https://evil.test/jwks\"}",
				"{\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\",\"plan\":\"partner-basic\","
						+ "\"client_name\":\"" + "x".repeat(201) + "\"}" };
		for (String body : refused) {
			HttpResponse<String> response = register(initial, body);
			assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
			assertThat(response.body()).as(body).contains("invalid_");
		}
	}

	@Test
	void should_sign_a_partner_in_with_the_authorization_code_and_pkce() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String verifier = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(SecureRandom.getInstanceStrong().generateSeed(32));
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String redirect = "http://localhost:8090/login/oauth2/code/millgate";
		String authorize = "/oauth2/authorize?response_type=code&client_id=developer-portal&scope=openid"
				+ "&state=s1&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_challenge="
				+ challenge + "&code_challenge_method=S256";

		HttpResponse<String> toLogin = browse(browser, "GET", authorize, null);
		assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
		assertThat(toLogin.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		HttpResponse<String> form = browse(browser, "GET", "/login", null);
		assertThat(form.body()).contains("name=\"username\"", "name=\"password\"");
		String csrf = csrf(form);

		HttpResponse<String> wrong = browse(browser, "POST", "/login",
				"username=acme-dev&password=not-it&_csrf=" + csrf);
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).contains("/login?error"));

		csrf = csrf(browse(browser, "GET", "/login", null));
		HttpResponse<String> signedIn = browse(browser, "POST", "/login",
				"username=acme-dev&password=acme-dev-password&_csrf=" + csrf);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String back = signedIn.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> toClient = browse(browser, "GET", back.substring(back.indexOf("/oauth2/authorize")), null);
		String code = toClient.headers()
			.firstValue("Location")
			.filter((to) -> to.startsWith(redirect + "?code="))
			.map((to) -> to.replaceAll(".*[?&]code=([^&]+).*", "$1"))
			.orElseThrow(() -> new AssertionError("no code: " + toClient.headers().map()));
		assertThat(toClient.headers().firstValue("Location").orElseThrow()).contains("state=s1");

		String form2 = "grant_type=authorization_code&code=" + code + "&redirect_uri="
				+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=";
		HttpResponse<String> withoutVerifier = tokenRequest(form2 + "wrong-verifier-of-43-characters-at-least-xxxxx");
		assertThat(withoutVerifier.statusCode()).as("a code is bound to its PKCE challenge").isEqualTo(400);

		// a code is single-use, and a failed attempt spends it:
		// start again for the real one
		HttpResponse<String> again = browse(browser, "GET", authorize, null);
		String code2 = again.headers()
			.firstValue("Location")
			.map((to) -> to.replaceAll(".*[?&]code=([^&]+).*", "$1"))
			.orElseThrow();
		String form3 = form2.replace("code=" + code, "code=" + code2);
		HttpResponse<String> tokens = tokenRequest(form3 + verifier);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		SignedJWT idToken = SignedJWT.parse(field(tokens.body(), "id_token"));
		RSAKey key = JWKSet.parse(get("/oauth2/jwks").body()).getKeyByKeyId(idToken.getHeader().getKeyID()).toRSAKey();
		assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
		JWTClaimsSet claims = idToken.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("acme-dev");
		assertThat(claims.getAudience()).containsExactly("developer-portal");
		assertThat(claims.getStringListClaim("roles")).containsExactly("partner");
		assertThat(claims.getStringClaim("partner_id")).isEqualTo("ACME");
		JWTClaimsSet access = SignedJWT.parse(field(tokens.body(), "access_token")).getJWTClaimsSet();
		assertThat(access.getAudience()).as("no API token, no management token").containsExactly("developer-portal");
		assertThat(access.getStringListClaim("scope")).containsExactly("openid");

		// signing out ends the session at identity too: the next sign-in asks again
		HttpResponse<String> signedOut = browse(browser, "GET", "/connect/logout?id_token_hint=" + idToken.serialize()
				+ "&post_logout_redirect_uri=" + URLEncoder.encode("http://localhost:8090/", StandardCharsets.UTF_8),
				null);
		assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue("Location")).hasValue("http://localhost:8090/");
		assertThat(browse(browser, "GET", authorize, null).headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	@Test
	void should_refuse_a_sign_in_without_pkce() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> refused = browse(browser, "GET",
				"/oauth2/authorize?response_type=code&client_id=developer-portal&scope=openid&state=s2&redirect_uri="
						+ URLEncoder.encode("http://localhost:8090/login/oauth2/code/millgate", StandardCharsets.UTF_8),
				null);

		assertThat(refused.statusCode()).isIn(302, 400);
		assertThat(refused.headers().firstValue("Location").orElse(refused.body())).contains("error=invalid_request")
			.contains("code_challenge");
	}

	private HttpResponse<String> browse(HttpClient browser, String method, String path, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", "text/html");
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// the CSRF token of the login form
	private static String csrf(HttpResponse<String> form) {
		Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(token.find()).as("a CSRF token in the login form").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> tokenRequest(String form) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/token"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("developer-portal:developer-portal-secret".getBytes()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> register(String initialAccessToken, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/register"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (initialAccessToken != null) {
			request.header("Authorization", "Bearer " + initialAccessToken);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> manage(String method, String path, String bearer, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> token(String client, String secret, String scope) throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		String form = "grant_type=client_credentials" + ((scope != null) ? "&scope=" + scope : "");
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	// The token response is flat JSON; its string fields are read without a JSON library.
	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return matcher.group(1);
	}

}
