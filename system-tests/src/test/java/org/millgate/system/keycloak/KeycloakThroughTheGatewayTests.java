package org.millgate.system.keycloak;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The platform trusting a real Keycloak beside its own identity service, configured, not
 * coded: the gateway's {@code issuers} and the products' {@code more-issuers} name the
 * realm with its claim mapping (the client in {@code azp}, prefixed {@code kc/}). Every
 * product answers Keycloak's tokens of identity's demo clients as it answers identity's:
 * the same statuses and bodies, the same plant and partner limits. A client disabled in
 * Keycloak gets no new token (Keycloak's own doing, checked in
 * {@link KeycloakFixtureTests}); the token it already holds is refused by the gateway
 * within the introspection's cache time, because the gateway and the products ask
 * Keycloak whether each token is still active ({@code introspection}, configured per
 * issuer). Skipped where no JDK 21+ exists (Keycloak needs one).
 */
class KeycloakThroughTheGatewayTests {

	// how long the gateway and products trust Keycloak's answer "active"
	private static final String INTROSPECTION_CACHE = "1s";

	static LocalKeycloak keycloak;

	static Platform platform;

	@BeforeAll
	static void platformTrustingKeycloak() {
		keycloak = LocalKeycloak.startIfPossible().orElse(null);
		if (keycloak == null) {
			return;
		}
		String introspection = "{\"uri\":\"" + keycloak.introspectionUri() + "\",\"client-id\":\""
				+ keycloak.introspectionClientId() + "\",\"client-secret\":\"" + keycloak.introspectionSecret()
				+ "\",\"cache-for\":\"" + INTROSPECTION_CACHE + "\"}";
		String issuer = "{\"issuer\":\"" + keycloak.issuer() + "\",\"jwk-set-uri\":\"" + keycloak.jwkSetUri()
				+ "\",\"claims\":{\"client-id\":[\"azp\"],\"client-prefix\":\"kc/\"},\"introspection\":" + introspection
				+ "}";
		String products = "{\"millgate\":{\"product\":{\"more-issuers\":[" + issuer + "]}}}";
		// the platform's gateway trusts identity and the test issuer ([0], [1]): Keycloak
		// third
		List<String> gateway = List.of("--millgate.gateway.issuers[2].issuer=" + keycloak.issuer(),
				"--millgate.gateway.issuers[2].jwk-set-uri=" + keycloak.jwkSetUri(),
				"--millgate.gateway.issuers[2].claims.client-id=azp",
				"--millgate.gateway.issuers[2].claims.client-prefix=kc/",
				"--millgate.gateway.issuers[2].introspection.uri=" + keycloak.introspectionUri(),
				"--millgate.gateway.issuers[2].introspection.client-id=" + keycloak.introspectionClientId(),
				"--millgate.gateway.issuers[2].introspection.client-secret=" + keycloak.introspectionSecret(),
				"--millgate.gateway.issuers[2].introspection.cache-for=" + INTROSPECTION_CACHE);
		// the portal signs people in at Keycloak (its registrar stays identity's)
		String realm = keycloak.issuer() + "/protocol/openid-connect";
		Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON", products, "MILLGATE_PORTAL_CLIENT_ID",
				LocalKeycloak.PORTAL_CLIENT, "MILLGATE_PORTAL_CLIENT_SECRET", keycloak.portalClientSecret(),
				"MILLGATE_PORTAL_SIGNIN_ISSUER", keycloak.issuer(), "MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI",
				realm + "/auth", "MILLGATE_PORTAL_SIGNIN_TOKEN_URI", realm + "/token",
				"MILLGATE_PORTAL_SIGNIN_JWK_SET_URI", realm + "/certs", "MILLGATE_PORTAL_SIGNIN_LOGOUT_URI",
				realm + "/logout", "MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM", "realm_access.roles");
		platform = Platform.start("2022", environment, gateway, true);
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
	}

	@BeforeEach
	void keycloakRuns() {
		assumeTrue(keycloak != null, () -> "Skipped: " + LocalKeycloak.unavailableReason());
	}

	@Test
	void should_answer_keycloaks_tokens_as_identitys_on_every_product() {
		assertSame("mes-plant-1000", "/v1/production-orders/1000001", 200);
		assertSame("mes-plant-1000", "/v2/production-orders?plant=1000&status=RELEASED&limit=3", 200);
		assertSame("mes-plant-1000", "/v1/inventory/availability?material=FG-100&plant=1000", 200);
		assertSame("wms-plant-1000", "/v1/shipments/80000001", 200);
		assertSame("partner-acme", "/v1/shipments/80000001", 200);
		assertSame("ops-console", "/v1/reconciliation/mismatches?plant=1000&limit=5", 200);
	}

	@Test
	void should_keep_keycloaks_clients_to_their_plants_partners_and_scopes() {
		// another plant's order, another partner's shipment, an operation beyond the
		// scopes
		assertSame("mes-plant-1000", "/v1/production-orders/2000001", 404);
		assertSame("partner-acme", "/v1/shipments/80000002", 404);
		assertSame("partner-acme", "/v1/production-orders/1000001", 403);
	}

	@Test
	void should_book_a_keycloak_clients_confirmation_once_and_replay_it() {
		String key = "kc-" + UUID.randomUUID();
		String body = "{\"operation\":\"0010\",\"yield\":{\"value\":1,\"unit\":\"H87\"},\"finalConfirmation\":false}";

		HttpResponse<String> first = confirm(keycloak.token("mes-plant-2000"), key, body);
		HttpResponse<String> again = confirm(keycloak.token("mes-plant-2000"), key, body);
		HttpResponse<String> identitysSameKey = confirm(platform.token("mes-plant-2000"), key, body);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(again.headers().firstValue("Idempotency-Replayed")).contains("true");
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(identitysSameKey.statusCode()).as("identity's client of the same name: its own key, its own booking")
			.isEqualTo(201);
		assertThat(identitysSameKey.headers().firstValue("Idempotency-Replayed")).isEmpty();
	}

	@Test
	void should_refuse_the_token_a_client_holds_once_keycloak_disables_the_client() throws InterruptedException {
		// partner-beta: no other test of this class uses it
		String held = keycloak.token("partner-beta");
		String path = "/v1/shipments/80000002";
		HttpResponse<String> before = get(held, path);
		assertThat(before.statusCode()).as(before.body())
			.isEqualTo(get(platform.token("partner-beta"), path).statusCode());
		assertThat(before.statusCode()).as(before.body()).isNotEqualTo(401);

		keycloak.disable("partner-beta");
		try {
			HttpResponse<String> after = get(held, path);
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
			// the answer "active" is trusted for the cache time, then Keycloak is asked
			while (after.statusCode() != 401 && System.nanoTime() < deadline) {
				Thread.sleep(200);
				after = get(held, path);
			}
			assertThat(after.statusCode()).as(after.body()).isEqualTo(401);
			assertThat(after.body()).contains("auth.tokenInvalid").contains("no longer active");
			HttpResponse<String> aroundTheGateway = platform
				.send(HttpRequest.newBuilder(URI.create(platform.url("shipment-api") + path))
					.header("Authorization", "Bearer " + held)
					.GET()
					.build());
			assertThat(aroundTheGateway.statusCode()).as("the product asks Keycloak too: " + aroundTheGateway.body())
				.isEqualTo(401);
			assertThat(aroundTheGateway.body()).contains("no longer active");
			assertThat(get(platform.token("partner-beta"), path).statusCode())
				.as("identity's client of the same name is another client")
				.isEqualTo(before.statusCode());
		}
		finally {
			keycloak.enable("partner-beta");
		}
	}

	@Test
	void should_sign_people_in_to_the_portal_at_keycloak_with_the_roles_and_partner_of_their_id_token() {
		PortalBrowser partner = PortalBrowser.signIn(platform.url("developer-portal"), keycloak, "acme-dev");
		HttpResponse<String> apps = partner.get("/apps");
		PortalBrowser owner = PortalBrowser.signIn(platform.url("developer-portal"), keycloak, "owner-kc");

		assertThat(apps.statusCode()).as(apps.body()).isEqualTo(200);
		assertThat(apps.body()).contains("Signed in as <strong>acme-dev</strong>")
			.contains("(partner ACME)")
			.as("the company's role plant-engineer is no portal role")
			.doesNotContain("(API owner)")
			.doesNotContain("(operations)");
		assertThat(partner.get("/owner/approvals").statusCode()).as("a partner is no API owner").isEqualTo(403);
		HttpResponse<String> approvals = owner.get("/owner/approvals");
		assertThat(approvals.statusCode()).as(approvals.body()).isEqualTo(200);
		assertThat(approvals.body()).contains("Signed in as <strong>owner-kc</strong>").contains("(API owner)");
		assertThat(owner.get("/apps").statusCode()).as("an API owner names no partner").isEqualTo(403);
	}

	private void assertSame(String client, String path, int status) {
		HttpResponse<String> byIdentity = get(platform.token(client), path);
		HttpResponse<String> byKeycloak = get(keycloak.token(client), path);

		assertThat(byKeycloak.statusCode()).as(client + " " + path + ": " + byKeycloak.body()).isEqualTo(status);
		assertThat(byIdentity.statusCode()).as(client + " " + path + " with identity's token").isEqualTo(status);
		assertThat(withoutCorrelation(byKeycloak.body())).as(client + " " + path + ": the same answer")
			.isEqualTo(withoutCorrelation(byIdentity.body()));
	}

	// a problem names the call's correlation id, an answer its freshness, a page its
	// cursor (bound to the client): the rest is the same
	private static String withoutCorrelation(String body) {
		return body.replaceAll("\"correlationId\":\"[^\"]*\"", "")
			.replaceAll("\"asOf\":\"[^\"]*\"", "")
			.replaceAll("\"instance\":\"[^\"]*\"", "")
			.replaceAll("\"nextCursor\":\"[^\"]*\"", "");
	}

	private static HttpResponse<String> get(String token, String path) {
		return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
	}

	private static HttpResponse<String> confirm(String token, String key, String body) {
		return platform
			.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v2/production-orders/2000001/confirmations"))
				.header("Authorization", "Bearer " + token)
				.header("Idempotency-Key", key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
	}

}
