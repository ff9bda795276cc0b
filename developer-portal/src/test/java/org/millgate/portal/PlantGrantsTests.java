package org.millgate.portal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.millgate.contracts.access.Caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.millgate.portal.PortalSignIns.partner;

/**
 * What an app's client at identity carries follows its approved subscriptions, product by
 * product (issue 17, finding 3): a second product approved without plants does not get
 * the first one's, plants are replaced rather than added, read scopes may be approved
 * alone, the owner sees what the token will carry before deciding, and revoking a
 * subscription takes its scopes off the client. Identity is a local stub that keeps what
 * the portal registers, and hands out the claims identity would.
 */
@SpringBootTest(properties = "spring.profiles.active=demo")
@AutoConfigureMockMvc
class PlantGrantsTests {

	static final StubIdentity IDENTITY = new StubIdentity();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void identity(DynamicPropertyRegistry registry) {
		registry.add("millgate.portal.issuer-url", IDENTITY::url);
	}

	@AfterAll
	static void stop() {
		IDENTITY.close();
	}

	@Test
	void a_second_product_approved_with_the_plants_cleared_does_not_get_the_first_products_plants() throws Exception {
		// given an app approved for production orders on plant 1000, with credentials
		String partner = partnerId();
		String appId = create(partner, "Line feed");
		String orders = subscribe(partner, appId, "production-orders|plant-standard");
		assertThat(approve(orders, "1000").getFlashMap().get("notice")).asString().startsWith("Approved");
		String clientId = issueCredentials(partner, appId);
		assertThat(IDENTITY.client(clientId).orElseThrow().plants()).containsExactly("1000");

		// when inventory is approved with the plants field cleared
		String inventory = subscribe(partner, appId, "inventory|plant-standard");
		MvcResult cleared = approve(inventory, "");

		// then it is refused, saying why, and the client carries nothing of inventory
		assertThat(cleared.getFlashMap().get("error")).asString()
			.contains("one plants claim for all its products",
					"production-orders is approved for this app with plants 1000",
					"Approving inventory with no plants would let one product's scopes reach the other's plants");
		assertThat(state(inventory)).isEqualTo("PENDING");
		Caller caller = IDENTITY.caller(clientId);
		assertThat(caller.scopes()).containsExactlyInAnyOrder("production-orders:read", "production-orders:write");
		assertThat(caller.plants()).containsExactly("1000");
		assertThat(approve(inventory, "2000").getFlashMap().get("error")).asString()
			.contains("Approving inventory with plants 2000");
		assertThat(IDENTITY.caller(clientId).scopes()).doesNotContain("inventory:read");

		// and approved with the same plants, on purpose, inventory joins them
		assertThat(approve(inventory, "1000").getFlashMap().get("notice")).asString()
			.isEqualTo("Approved. The app's token now carries scopes inventory:read production-orders:read "
					+ "production-orders:write; plants 1000; plan plant-standard; partner " + partner + ".");
		assertThat(IDENTITY.caller(clientId).scopes()).contains("inventory:read");
		assertThat(IDENTITY.caller(clientId).plants()).containsExactly("1000");
		assertThat(column("plants", inventory)).isEqualTo("1000");
	}

	@Test
	void the_owner_replaces_the_plants_of_every_product_of_an_app_and_the_old_ones_are_gone() throws Exception {
		// given an app approved for production orders and inventory on plants 1000 and
		// 2000
		String partner = partnerId();
		String appId = create(partner, "Stock and orders");
		String orders = subscribe(partner, appId, "production-orders|plant-standard");
		approve(orders, "1000 2000");
		String inventory = subscribe(partner, appId, "inventory|plant-standard");
		approve(inventory, "1000, 2000");
		String clientId = issueCredentials(partner, appId);

		// when the owner previews and replaces the plants of production orders with 3000
		String preview = owner(get("/owner/subscriptions/" + orders).param("plants", "3000"));
		MvcResult replaced = this.mvc
			.perform(post("/owner/subscriptions/" + orders + "/plants").with(PortalSignIns.owner())
				.with(csrf())
				.param("plants", "3000"))
			.andReturn();

		// then the preview said so, and both subscriptions and the client carry 3000
		// alone
		assertThat(preview).contains("After the replacement", "changes the plants of", "inventory</span> too",
				"<td class=\"after-plants\">3000</td>");
		assertThat(replaced.getFlashMap().get("notice")).asString().contains("Plants replaced", "plants 3000");
		assertThat(column("plants", orders)).isEqualTo("3000");
		assertThat(column("plants", inventory)).isEqualTo("3000");
		Caller caller = IDENTITY.caller(clientId);
		assertThat(caller.plants()).containsExactly("3000");
		assertThat(caller.sees("1000")).isFalse();
		assertThat(owner(get("/owner/audit"))).contains("subscription.plants.replaced",
				"production-orders on plant-standard: plants 1000 2000 replaced by plants 3000",
				"inventory on plant-standard: plants 1000 2000 replaced by plants 3000");

		// and clearing them leaves the token without plants
		this.mvc
			.perform(post("/owner/subscriptions/" + inventory + "/plants").with(PortalSignIns.owner())
				.with(csrf())
				.param("plants", ""))
			.andReturn();
		assertThat(IDENTITY.client(clientId).orElseThrow().plants()).isEmpty();
		assertThat(IDENTITY.caller(clientId).sees("3000")).isFalse();
	}

	@Test
	void the_owner_may_approve_the_read_scope_alone() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Order reader");
		String orders = subscribe(partner, appId, "production-orders|plant-standard");

		MvcResult none = this.mvc
			.perform(post("/owner/subscriptions/" + orders + "/approve").with(PortalSignIns.owner())
				.with(csrf())
				.param("plants", "1000")
				.param("choose-scopes", "yes"))
			.andReturn();
		assertThat(none.getFlashMap().get("error")).asString()
			.contains("Approve at least one scope of Production orders");
		MvcResult readOnly = this.mvc
			.perform(post("/owner/subscriptions/" + orders + "/approve").with(PortalSignIns.owner())
				.with(csrf())
				.param("plants", "1000")
				.param("choose-scopes", "yes")
				.param("scope", "production-orders:read"))
			.andReturn();
		String clientId = issueCredentials(partner, appId);

		assertThat(readOnly.getFlashMap().get("notice")).asString()
			.contains("scopes production-orders:read; plants 1000");
		assertThat(column("scopes", orders)).isEqualTo("production-orders:read");
		assertThat(IDENTITY.caller(clientId).scopes()).containsExactly("production-orders:read");
		assertThat(IDENTITY.requests()).anySatisfy((request) -> assertThat(request).startsWith("POST /oauth2/register")
			.contains("\"scope\":\"production-orders:read\"", "\"plants\":[\"1000\"]", "\"partner_id\":\"" + partner));
		assertThat(page(get("/apps/" + appId), partner)).contains("<td>production-orders:read</td>",
				"scopes production-orders:read; plants 1000; plan plant-standard; partner " + partner);
	}

	@Test
	void the_owner_sees_what_the_token_will_carry_before_approving() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Preview me");
		String orders = subscribe(partner, appId, "production-orders|plant-standard");

		String queue = owner(get("/owner/approvals"));
		String chosen = owner(get("/owner/subscriptions/" + orders).param("plants", "2000 1000")
			.param("choose-scopes", "yes")
			.param("scope", "production-orders:read"));
		String refused = owner(get("/owner/subscriptions/" + orders).param("plants", "10"));

		assertThat(queue).contains("Token after approval as proposed", "One plants claim per app",
				"scopes production-orders:read production-orders:write; no plants; plan plant-standard; partner "
						+ partner);
		assertThat(chosen).contains("After approval", "<td class=\"after-scopes\">production-orders:read</td>",
				"<td class=\"after-plants\">1000 2000</td>", "<td>plant-standard</td>", "<td>" + partner + "</td>",
				"type=\"hidden\" name=\"plants\" value=\"1000 2000\"",
				"type=\"hidden\" name=\"scope\" value=\"production-orders:read\"", "Approve as shown");
		assertThat(chosen).doesNotContain("type=\"hidden\" name=\"scope\" value=\"production-orders:write\"");
		assertThat(refused).contains("&#39;10&#39; is no plant code");
		assertThat(state(orders)).as("a preview changes nothing").isEqualTo("PENDING");
	}

	@Test
	void revoking_a_subscription_takes_its_scopes_off_the_client_and_the_last_one_the_client() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Short lived");
		String orders = subscribe(partner, appId, "production-orders|plant-standard");
		approve(orders, "1000");
		String inventory = subscribe(partner, appId, "inventory|plant-standard");
		approve(inventory, "1000");
		String clientId = issueCredentials(partner, appId);

		String preview = owner(get("/owner/subscriptions/" + inventory));
		MvcResult revoked = this.mvc
			.perform(post("/owner/subscriptions/" + inventory + "/revoke").with(PortalSignIns.owner()).with(csrf()))
			.andReturn();

		assertThat(preview).contains("After revoking",
				"<td class=\"after-scopes\">production-orders:read production-orders:write</td>");
		assertThat(revoked.getFlashMap().get("notice")).asString().startsWith("Revoked.");
		assertThat(state(inventory)).isEqualTo("REVOKED");
		assertThat(IDENTITY.caller(clientId).scopes()).containsExactlyInAnyOrder("production-orders:read",
				"production-orders:write");

		assertThat(owner(get("/owner/subscriptions/" + orders))).contains("the app's client is revoked at identity");
		this.mvc.perform(post("/owner/subscriptions/" + orders + "/revoke").with(PortalSignIns.owner()).with(csrf()))
			.andReturn();
		assertThat(IDENTITY.client(clientId)).as("no product left: the client is revoked").isEmpty();
		assertThat(this.jdbc.sql("SELECT client_id FROM portal_app WHERE id = ?")
			.param(appId)
			.query(String.class)
			.optional()).isEmpty();
		assertThat(owner(get("/owner/audit"))).contains("subscription.revoked",
				"inventory on plant-standard: its scopes inventory:read and its plants 1000 are off the app");

		// asked for again, it waits for an API owner as before, until the app is revoked
		String again = subscribe(partner, appId, "inventory|plant-standard");
		assertThat(state(again)).isEqualTo("PENDING");
		assertThat(owner(get("/owner/approvals"))).contains(again);
		as(partner, post("/apps/" + appId + "/revoke").with(csrf()).param("confirm", "yes"));
		assertThat(owner(get("/owner/approvals"))).as("nothing can be granted to a revoked app").doesNotContain(again);
	}

	private String subscribe(String partner, String appId, String offer) throws Exception {
		MvcResult subscribed = as(partner,
				post("/apps/" + appId + "/subscriptions").with(csrf()).param("offer", offer));
		assertThat(subscribed.getFlashMap().get("error")).isNull();
		return this.jdbc.sql("SELECT id FROM portal_subscription WHERE app_id = ? AND product = ?")
			.params(appId, offer.substring(0, offer.indexOf('|')))
			.query(String.class)
			.single();
	}

	private MvcResult approve(String subscriptionId, String plants) throws Exception {
		return this.mvc
			.perform(post("/owner/subscriptions/" + subscriptionId + "/approve").with(PortalSignIns.owner())
				.with(csrf())
				.param("plants", plants))
			.andReturn();
	}

	private String issueCredentials(String partner, String appId) throws Exception {
		MvcResult issued = as(partner, post("/apps/" + appId + "/credentials").with(csrf()));
		assertThat(issued.getFlashMap().get("error")).isNull();
		return this.jdbc.sql("SELECT client_id FROM portal_app WHERE id = ?").param(appId).query(String.class).single();
	}

	private String state(String subscriptionId) {
		return column("state", subscriptionId);
	}

	private String column(String column, String subscriptionId) {
		return this.jdbc.sql("SELECT " + column + " FROM portal_subscription WHERE id = ?")
			.param(subscriptionId)
			.query(String.class)
			.single();
	}

	private String create(String partner, String name) throws Exception {
		MvcResult created = as(partner, post("/apps").with(csrf()).param("name", name));
		assertThat(created.getResponse().getStatus()).as(String.valueOf(created.getFlashMap())).isEqualTo(302);
		return created.getResponse().getRedirectedUrl().substring("/apps/".length());
	}

	private String page(MockHttpServletRequestBuilder request, String partner) throws Exception {
		MvcResult result = as(partner, request);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private String owner(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = this.mvc.perform(request.with(PortalSignIns.owner())).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private MvcResult as(String partner, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(partner(partner))).andReturn();
	}

	// a partner of its own per test: the database outlives test runs
	private static String partnerId() {
		return "P" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
	}

}
