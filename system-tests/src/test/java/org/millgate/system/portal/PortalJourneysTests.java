package org.millgate.system.portal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.millgate.system.ShipmentAnnouncements;
import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The developer portal in a real browser against the whole platform: a partner signs in,
 * creates an app, subscribes it, copies its credentials, gets a token and calls an API
 * through the gateway, tries it in the reference, rotates and revokes; an API owner
 * approves a subscription, reads the v1 → v2 review and the impact of a draft, the usage
 * and the audit log; a partner adds a webhook and follows its deliveries. Screenshots of
 * each page are kept under {@code target/screenshots}.
 */
class PortalJourneysTests {

	static Platform platform;

	static String portal;

	@BeforeAll
	static void platform() {
		// ./millgate test with MILLGATE_INSTALL=never on a machine without Chromium
		assumeFalse(Boolean.getBoolean("millgate.browser.skip"),
				"the browser journeys are skipped: no Chromium, and installing it was not allowed");
		platform = Platform.get();
		portal = platform.url("developer-portal");
	}

	@Test
	void aPartnerCreatesAnAppSubscribesAndCallsAnApiThroughTheGateway() {
		try (Browser browser = new Browser("partner")) {
			browser.open(portal + "/");
			browser.screenshot("catalog");
			browser.signIn(portal, "acme-dev");
			browser.open(portal + "/apps");
			assertThat(browser.text(By.cssSelector(".account"))).contains("acme-dev", "partner ACME");
			browser.screenshot("apps");

			String name = "ACME tracker " + UUID.randomUUID().toString().substring(0, 6);
			browser.type(By.id("name"), name);
			browser.type(By.id("description"), "Follows our inbound shipments");
			browser.submit(By.id("create-app"));
			assertThat(browser.text(By.id("notice"))).contains("created");
			browser.choose(By.id("offer"), "shipments|partner-basic");
			browser.submit(By.id("subscribe"));
			assertThat(browser.text(By.id("notice"))).contains("approved at once");
			assertThat(browser.text(By.id("subscriptions"))).contains("shipments", "partner-basic", "approved");
			browser.screenshot("app-subscribed");

			browser.submit(By.id("issue-credentials"));
			String clientId = browser.text(By.id("client-id"));
			String secret = browser.text(By.id("client-secret"));
			browser.screenshot("credentials-shown-once");
			assertThat(secret).hasSizeGreaterThan(30);
			browser.refresh();
			assertThat(browser.page()).as("the secret is shown once").doesNotContain(secret);

			// what the partner's system does with the copied credentials
			String token = platform.token(clientId, secret, null);
			HttpResponse<String> shipment = get("/v1/shipments/80000001", token);
			assertThat(shipment.statusCode()).as(shipment.body()).isEqualTo(200);
			assertThat(get("/v1/shipments/80000002", token).statusCode()).as("another partner's shipment")
				.isEqualTo(404);

			// the try-it console, with a token for the same app
			browser.open(portal + "/products/shipments/v1/reference");
			browser.choose(By.id("try-app"), appId(browser, clientId));
			browser.type(By.id("try-secret"), secret);
			browser.click(By.id("get-token"));
			browser.until((driver) -> driver.findElement(By.id("try-status")).getText().startsWith("Token ready"));
			browser.click(By.cssSelector("#operations-shipments-getShipment .opblock-summary-control"));
			browser.click(By.cssSelector("#operations-shipments-getShipment .try-out__btn"));
			browser.type(By.cssSelector("#operations-shipments-getShipment tr[data-param-name='shipmentId'] input"),
					"80000001");
			browser.click(By.cssSelector("#operations-shipments-getShipment .execute"));
			WebElement status = browser.find(By
				.cssSelector("#operations-shipments-getShipment .live-responses-table tbody .response-col_status"));
			browser.script("arguments[0].scrollIntoView({block: 'center'});", status);
			browser.screenshot("try-it-200");
			assertThat(status.getText()).startsWith("200");

			// usage, as the gateway counted it
			browser.open(portal + "/apps/" + appIdFromList(browser, name));
			browser.until(Duration.ofSeconds(20), (driver) -> {
				driver.navigate().refresh();
				return !driver.findElements(By.id("usage")).isEmpty();
			});
			assertThat(browser.text(By.id("usage"))).contains("shipments v1");
			browser.screenshot("app-usage");
			browser.onATablet("app");

			// rotation: the old secret and its token stop working, the new one works
			browser.submit(By.id("rotate"));
			String rotated = browser.text(By.id("client-secret"));
			assertThat(rotated).isNotEqualTo(secret);
			awaitStatus("/v1/shipments/80000001", token, 401);
			String fresh = platform.token(clientId, rotated, null);
			assertThat(get("/v1/shipments/80000001", fresh).statusCode()).isEqualTo(200);
			browser.screenshot("rotated");

			// revocation: its tokens are refused at the gateway
			browser.click(By.id("confirm-revoke"));
			browser.submit(By.id("revoke"));
			assertThat(browser.text(By.id("notice"))).contains("App revoked");
			awaitStatus("/v1/shipments/80000001", fresh, 401);
			browser.screenshot("revoked");
		}
	}

	@Test
	void anApiOwnerApprovesASubscriptionAndReadsTheReviewAndImpact() {
		String name = "BETA line feed " + UUID.randomUUID().toString().substring(0, 6);
		try (Browser partner = new Browser("owner-0-partner-request")) {
			partner.signIn(portal, "beta-dev");
			partner.open(portal + "/apps");
			partner.type(By.id("name"), name);
			partner.submit(By.id("create-app"));
			partner.choose(By.id("offer"), "production-orders|plant-standard");
			partner.submit(By.id("subscribe"));
			assertThat(partner.text(By.id("notice"))).contains("an API owner will approve or reject it");
			partner.screenshot("subscription-pending");
		}
		try (Browser browser = new Browser("owner")) {
			browser.signIn(portal, "api-owner");
			browser.open(portal + "/owner/approvals");
			assertThat(browser.text(By.id("pending"))).contains(name, "BETA", "production-orders", "plant-standard");
			browser.screenshot("approvals");
			browser.onATablet("approvals");
			// production orders show a caller only its plants:
			// the owner grants plant 1000
			browser.type(By.cssSelector("form.approve-form input[name='plants']"), "1000");
			browser.submit(By.cssSelector("button[aria-label='Approve " + name + " for production-orders']"));
			assertThat(browser.text(By.id("notice"))).startsWith("Approved");
			assertThat(browser.page()).doesNotContain(name);
			browser.screenshot("approved");

			browser.open(portal + "/owner/products/production-orders/review");
			assertThat(browser.page()).contains("Consumers of v1 moving to v2", "must adapt",
					"the released orders of plant 1000");
			browser.screenshot("review-v1-v2");

			String v1 = platform
				.send(HttpRequest.newBuilder(URI.create(portal + "/products/production-orders/v1/openapi.yaml"))
					.build())
				.body();
			browser.choose(By.id("impact-version"), "v1");
			// pasted as a person would (typing a whole contract
			// key by key would take minutes)
			browser.script("document.getElementById('draft').value = arguments[0];",
					v1.replace("plannedQuantity", "targetQuantity"));
			browser.submit(By.id("check-impact"));
			assertThat(browser.text(By.id("verdict"))).contains("consumer interaction(s) would break")
				.doesNotStartWith("0 breaking");
			assertThat(browser.page()).contains("BREAKS", "the released orders of plant 1000");
			browser.screenshot("impact-of-a-draft");

			browser.open(portal + "/owner/usage");
			browser.screenshot("usage");
			browser.open(portal + "/owner/audit");
			assertThat(browser.text(By.id("audit"))).contains("subscription.approved", "api-owner", name,
					"production-orders on plant-standard; plants 1000");
			browser.screenshot("audit-log");
		}
	}

	@Test
	void aPartnerAddsAWebhookAndFollowsItsDeliveries() throws Exception {
		// the partner's endpoint: down for the first attempt, then taking everything
		AtomicInteger failures = new AtomicInteger(1);
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		endpoint.createContext("/acme", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			int status = (failures.getAndDecrement() > 0) ? 503 : 204;
			if (status == 204) {
				received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		endpoint.start();
		try (Browser browser = new Browser("webhooks");
				ShipmentAnnouncements announcements = new ShipmentAnnouncements(platform)) {
			browser.signIn(portal, "acme-dev");
			browser.open(portal + "/webhooks");
			assertThat(browser.text(By.id("ship-tos"))).contains("17100001");
			browser.type(By.id("url"), "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/acme");
			browser.screenshot("webhooks");
			browser.submit(By.id("create-webhook"));
			assertThat(browser.text(By.id("notice"))).contains("Webhook created");
			String webhook = URI.create(browser.url()).getPath();

			String announcement = announcements.announceAgain();
			await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(announcement));
			browser.open(portal + webhook);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				browser.refresh();
				return browser.text(By.id("counts")).startsWith("1 delivered");
			});
			assertThat(browser.text(By.id("deliveries"))).contains(announcement, "503", "204");
			browser.screenshot("webhook-deliveries");
			browser.click(By.cssSelector("details summary"));
			assertThat(browser.text(By.id("secret"))).startsWith("whsec_");
			browser.submit(By.id("rotate-secret"));
			assertThat(browser.text(By.id("notice"))).contains("New signing secret");
			browser.click(By.id("confirm"));
			browser.submit(By.id("delete-webhook"));
			assertThat(browser.text(By.id("notice"))).contains("Webhook deleted");
		}
		finally {
			endpoint.stop(0);
		}
	}

	private static String appId(Browser browser, String clientId) {
		return browser.find(By.id("try-app"))
			.findElements(By.tagName("option"))
			.stream()
			.filter((option) -> option.getText().contains(clientId))
			.findFirst()
			.orElseThrow()
			.getAttribute("value");
	}

	private static String appIdFromList(Browser browser, String name) {
		browser.open(portal + "/apps");
		String href = browser.find(By.linkText(name)).getAttribute("href");
		return href.substring(href.lastIndexOf('/') + 1);
	}

	private static HttpResponse<String> get(String path, String token) {
		return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.build());
	}

	// the gateway reads identity's revocations every half second here
	private static void awaitStatus(String path, String token, int status) {
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(path, token).statusCode() == status);
	}

	@Test
	void operationsSeesThePlatformOverTimeAndTracesAProductionOrder() {
		String mes = platform.token("mes-plant-1000");
		HttpResponse<String> orders = platform.send(HttpRequest
			.newBuilder(URI.create(platform.gateway() + "/v1/production-orders?plant=1000&status=RELEASED&limit=50"))
			.header("Authorization", "Bearer " + mes)
			.build());
		assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
		// a released order no one has locked in the ERP
		List<String> unlocked = JsonPath.read(orders.body(), "$.items[?(@.locked == false)].orderId");
		String orderId = unlocked.get(0);
		// MES confirms through the gateway: its lineage shows the confirmation with its
		// key
		String order = platform
			.send(HttpRequest.newBuilder(URI.create(platform.gateway() + "/v1/production-orders/" + orderId))
				.header("Authorization", "Bearer " + mes)
				.build())
			.body();
		String key = "lineage-" + UUID.randomUUID();
		HttpResponse<String> confirmed = platform.send(HttpRequest
			.newBuilder(URI.create(platform.gateway() + "/v1/production-orders/" + orderId + "/confirmations"))
			.header("Authorization", "Bearer " + mes)
			.header("Idempotency-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"operation\":\"" + JsonPath.read(order, "$.routing.operations[0].operation")
						+ "\",\"yieldQuantity\":1," + "\"scrapQuantity\":0,\"unit\":\""
						+ JsonPath.read(order, "$.quantities.unit") + "\",\"finalConfirmation\":false}"))
			.build());
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
		try (Browser browser = new Browser("operations")) {
			browser.signIn(portal, "operations");
			browser.open(portal + "/operations");
			assertThat(browser.text(By.cssSelector(".account"))).contains("operations");
			// calls through the gateway between two samples draw the plants' lines (a
			// page
			// samples when its figures are more than 5 seconds old)
			await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				platform.send(HttpRequest
					.newBuilder(URI.create(platform.gateway() + "/v1/production-orders?plant=1000&limit=1"))
					.header("Authorization", "Bearer " + mes)
					.build());
				browser.open(portal + "/operations");
				assertThat(browser.count(By.cssSelector(".charts figure:first-of-type svg.chart polyline")))
					.as("the latency of plant 1000's calls drawn")
					.isPositive();
			});
			assertThat(browser.text(By.cssSelector(".charts"))).contains("Mean latency of calls through the gateway",
					"Share of calls answered 5xx", "Records not yet read, per consumer group",
					"Mismatches opened by reconciliation runs and resolved");
			assertThat(browser.count(By.cssSelector(".charts svg.chart"))).isEqualTo(5);
			browser.screenshot("overview");
			// the confirmation's event reaches the streams once the change feed has
			// passed its
			// order's release (a few seconds)
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				browser.open(portal + "/operations/lineage?orderId=" + orderId);
				assertThat(browser.text(By.id("hops"))).contains("Order " + orderId, "plant 1000");
				assertThat(browser.text(By.cssSelector("main table"))).contains("RELEASED",
						"posted through the platform", key);
			});
			browser.screenshot("lineage");
		}
	}

}
