package org.millgate.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, findings 3 and 4, attacked through the running platform: people sign in to
 * the developer portal at the real identity (its login form, over HTTP, as a browser
 * would), the portal registers and changes the app's client at identity, the tokens come
 * from identity and are tried at the gateway.
 */
class PortalGrantsTests {

	static Platform platform;

	static String portal;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
		portal = platform.url("developer-portal");
	}

	/**
	 * Finding 3: the portal merged an app's plants across approvals, so approving a
	 * second product with the plants field cleared carried the first product's plants
	 * over, with every scope of the new product. Now the second approval is refused (one
	 * plants claim per token), read scopes may be approved alone, plants are replaced
	 * rather than added, and revoking a subscription takes its scope off the tokens the
	 * app gets.
	 */
	@Test
	void finding3PlantGrantsDoNotGrowAcrossApprovals() throws Exception {
		PortalSession partner = PortalSession.signIn(portal, "beta-dev");
		PortalSession owner = PortalSession.signIn(portal, "api-owner");
		String name = "BETA grants " + UUID.randomUUID().toString().substring(0, 6);
		String appId = partner.createApp(name);
		try {
			// production orders, approved read only for plant 1000, as previewed
			partner.post("/apps/" + appId + "/subscriptions", "offer", "production-orders|plant-standard");
			String orders = owner.subscriptionId(name, "production-orders");
			String preview = owner
				.get("/owner/subscriptions/" + orders + "?plants=1000&choose-scopes=yes&scope=production-orders:read")
				.body();
			assertThat(preview).contains("<td class=\"after-scopes\">production-orders:read</td>",
					"<td class=\"after-plants\">1000</td>", "<td>plant-standard</td>", "<td>BETA</td>");
			HttpResponse<String> approved = owner.post("/owner/subscriptions/" + orders + "/approve", "plants", "1000",
					"choose-scopes", "yes", "scope", "production-orders:read");
			assertThat(notice(approved)).isEqualTo(
					"Approved. The app's token now carries scopes production-orders:read; plants 1000; plan plant-standard; partner BETA.");
			HttpResponse<String> issued = partner.post("/apps/" + appId + "/credentials");
			String clientId = element(issued, "client-id");
			String secret = element(issued, "client-secret");

			JWTClaimsSet claims = claims(clientId, secret);
			assertThat(scopes(claims)).containsExactly("production-orders:read");
			assertThat(claims.getStringListClaim("plants")).containsExactly("1000");
			String token = platform.token(clientId, secret, null);
			assertThat(gateway("GET", "/v1/production-orders?plant=1000&limit=1", token).statusCode()).isEqualTo(200);
			assertThat(gateway("GET", "/v1/production-orders?plant=2000&limit=1", token).statusCode()).isEqualTo(404);
			assertThat(gateway("POST", "/v1/production-orders/1000001/release", token).body())
				.as("read only: no write scope")
				.contains("auth.insufficientScope");

			// the attack: inventory approved with the plants field cleared
			partner.post("/apps/" + appId + "/subscriptions", "offer", "inventory|plant-standard");
			String inventory = owner.subscriptionId(name, "inventory");
			HttpResponse<String> cleared = owner.post("/owner/subscriptions/" + inventory + "/approve", "plants", "");
			assertThat(text(cleared, "error")).contains("one plants claim for all its products",
					"production-orders is approved for this app with plants 1000");
			claims = claims(clientId, secret);
			assertThat(scopes(claims)).doesNotContain("inventory:read");
			String afterAttack = platform.token(clientId, secret, null);
			assertThat(gateway("GET", "/v1/inventory/availability?material=FG-100&plant=1000", afterAttack).body())
				.as("plant 1000 of production orders does not reach inventory")
				.contains("auth.insufficientScope");

			// plants replaced, not added to
			HttpResponse<String> replaced = owner.post("/owner/subscriptions/" + orders + "/plants", "plants", "2000");
			assertThat(notice(replaced)).startsWith("Plants replaced");
			assertThat(claims(clientId, secret).getStringListClaim("plants")).containsExactly("2000");
			String replacedToken = platform.token(clientId, secret, null);
			assertThat(gateway("GET", "/v1/production-orders?plant=1000&limit=1", replacedToken).statusCode())
				.isEqualTo(404);
			assertThat(gateway("GET", "/v1/production-orders?plant=2000&limit=1", replacedToken).statusCode())
				.isEqualTo(200);

			// inventory, granted the same plants on purpose, joins; plant 1000 stays gone
			owner.post("/owner/subscriptions/" + inventory + "/approve", "plants", "2000");
			claims = claims(clientId, secret);
			assertThat(scopes(claims)).containsExactlyInAnyOrder("inventory:read", "production-orders:read");
			assertThat(claims.getStringListClaim("plants")).containsExactly("2000");
			assertThat(gateway("GET", "/v1/inventory/availability?material=FG-100&plant=1000",
					platform.token(clientId, secret, null))
				.body()).contains("resource.notFound");

			// revoked, inventory's scope leaves the tokens the app gets
			HttpResponse<String> revoked = owner.post("/owner/subscriptions/" + inventory + "/revoke");
			assertThat(notice(revoked)).startsWith("Revoked.");
			assertThat(scopes(claims(clientId, secret))).containsExactly("production-orders:read");
			assertThat(owner.get("/owner/audit").body()).contains("subscription.approved",
					"subscription.plants.replaced", "subscription.revoked", name);
		}
		finally {
			partner.post("/apps/" + appId + "/revoke", "confirm", "yes");
		}
	}

	/**
	 * Finding 4 (the portal's part): each app has its own quotas at the gateway, so a
	 * partner creating apps without a total limit multiplied its quota. Now it holds at
	 * most so many active apps; one more is refused with 409 until it revokes one.
	 */
	@Test
	void finding4APartnerCannotMultiplyItsQuotaWithApps() throws Exception {
		PortalSession partner = PortalSession.signIn(portal, "acme-dev");
		Matcher held = Pattern.compile("holds (\\d+) of at most (\\d+) active apps")
			.matcher(partner.get("/apps").body());
		assertThat(held.find()).isTrue();
		int cap = Integer.parseInt(held.group(2));
		List<String> created = new ArrayList<>();
		try {
			for (int active = Integer.parseInt(held.group(1)); active < cap; active++) {
				created.add(partner
					.createApp("ACME quota " + created.size() + " " + UUID.randomUUID().toString().substring(0, 6)));
			}

			HttpResponse<String> refused = partner.post("/apps", "name", "ACME one too many");

			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(refused.body()).contains("Too many active apps",
					"Partner ACME has " + cap + " active apps, and at most " + cap + " are allowed",
					"Revoke an app you no longer use");
			assertThat(partner.get("/apps").body()).doesNotContain("ACME one too many");

			// a revoked app makes room
			partner.post("/apps/" + created.remove(0) + "/revoke", "confirm", "yes");
			created.add(partner.createApp("ACME one more " + UUID.randomUUID().toString().substring(0, 6)));
		}
		finally {
			// the other tests create apps for ACME too
			for (String appId : created) {
				partner.post("/apps/" + appId + "/revoke", "confirm", "yes");
			}
		}
	}

	private static JWTClaimsSet claims(String clientId, String secret) throws ParseException {
		return SignedJWT.parse(platform.token(clientId, secret, null)).getJWTClaimsSet();
	}

	// a list, or a space-separated text, as the gateway reads it
	private static List<String> scopes(JWTClaimsSet claims) {
		Object scope = claims.getClaim("scope");
		if (scope instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of(String.valueOf(scope).trim().split("\\s+"));
	}

	private static HttpResponse<String> gateway(String method, String path, String token) {
		return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static String notice(HttpResponse<String> page) {
		return text(page, "notice");
	}

	// the text of the element with this id, as a person reads it
	private static String text(HttpResponse<String> page, String id) {
		return element(page, id).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
	}

	private static String element(HttpResponse<String> page, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(page.body());
		assertThat(matcher.find()).as("#" + id + " on " + page.uri() + ":\n" + page.body()).isTrue();
		return matcher.group(1).strip();
	}

}
