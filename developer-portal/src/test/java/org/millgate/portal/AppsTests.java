package org.millgate.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.millgate.portal.PortalSignIns.owner;
import static org.millgate.portal.PortalSignIns.partner;

/**
 * Apps and subscriptions in the portal with real PostgreSQL and Redis: a partner's apps
 * are its own, plans decide approval, the audit log records every change, app creation is
 * rate limited and active apps are capped per partner, forms need their CSRF token, and
 * identity being away changes nothing. The credentials themselves (identity's
 * registration, the gateway) are exercised end to end by the browser journeys in
 * system-tests.
 */
@SpringBootTest(properties = "spring.profiles.active=demo")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AppsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void a_partner_sees_and_changes_only_its_own_apps() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Shipment tracker");

		assertThat(page(get("/apps/" + appId), partner)).contains("Shipment tracker", "No subscriptions yet");
		assertThat(page(get("/apps"), partner)).contains("Shipment tracker");
		String other = partnerId();
		assertThat(status(get("/apps/" + appId), other)).isEqualTo(404);
		assertThat(status(post("/apps/" + appId + "/revoke").with(csrf()).param("confirm", "yes"), other))
			.isEqualTo(404);
		MvcResult unconfirmed = as(partner, post("/apps/" + appId + "/revoke").with(csrf()));
		assertThat(unconfirmed.getFlashMap().get("error")).asString().contains("Yes, revoke it for good");
		assertThat(page(get("/apps/" + appId), partner)).doesNotContain("badge-retired");
		assertThat(page(get("/apps"), other)).doesNotContain("Shipment tracker");
		assertThat(status(get("/apps"), null)).as("signed out").isEqualTo(302);
		assertThat(this.mvc.perform(get("/apps").with(owner())).andReturn().getResponse().getStatus())
			.as("an API owner has no apps")
			.isEqualTo(403);
	}

	@Test
	void self_service_plans_are_approved_at_once_and_others_wait_for_an_api_owner() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Line monitor");

		MvcResult pending = as(partner, post("/apps/" + appId + "/subscriptions").with(csrf())
			.param("offer", "production-orders|plant-standard"));
		assertThat(pending.getFlashMap().get("notice")).asString().contains("an API owner will approve or reject it");
		assertThat(page(get("/apps/" + appId), partner)).contains("production-orders", "pending");
		MvcResult otherPlan = as(partner,
				post("/apps/" + appId + "/subscriptions").with(csrf()).param("offer", "shipments|partner-basic"));
		assertThat(otherPlan.getFlashMap().get("error")).asString()
			.contains("This app runs on plan plant-standard", "Create another app");

		String queue = this.mvc.perform(get("/owner/approvals").with(owner()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(queue).contains("Line monitor", partner, "production-orders", "plant-standard");
		String subscriptionId = this.jdbc.sql("SELECT id FROM portal_subscription WHERE app_id = ?")
			.param(appId)
			.query(String.class)
			.single();
		MvcResult badPlant = this.mvc
			.perform(post("/owner/subscriptions/" + subscriptionId + "/approve").with(owner())
				.with(csrf())
				.param("plants", "1000 <b>"))
			.andReturn();
		assertThat(badPlant.getFlashMap().get("error")).asString().contains("'<b>' is no plant code");
		MvcResult approved = this.mvc
			.perform(post("/owner/subscriptions/" + subscriptionId + "/approve").with(owner())
				.with(csrf())
				.param("plants", "1000, 2000"))
			.andReturn();
		assertThat(approved.getFlashMap().get("notice")).asString().startsWith("Approved");
		assertThat(page(get("/apps/" + appId), partner)).contains("approved", "by api-owner");
		MvcResult again = this.mvc
			.perform(post("/owner/subscriptions/" + subscriptionId + "/reject").with(owner()).with(csrf()))
			.andReturn();
		assertThat(again.getFlashMap().get("error")).asString().contains("decided already");

		String selfService = create(partner, "Tracker");
		MvcResult basic = as(partner,
				post("/apps/" + selfService + "/subscriptions").with(csrf()).param("offer", "shipments|partner-basic"));
		assertThat(basic.getFlashMap().get("notice")).asString().contains("approved at once");
		MvcResult unknown = as(partner,
				post("/apps/" + selfService + "/subscriptions").with(csrf()).param("offer", "inventory|partner-basic"));
		assertThat(unknown.getFlashMap().get("error")).asString().contains("is offered on the plans");

		String audit = this.mvc.perform(get("/owner/audit").with(owner()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(this.jdbc.sql("SELECT plants FROM portal_subscription WHERE id = ?")
			.param(subscriptionId)
			.query(String.class)
			.single()).isEqualTo("1000 2000");
		assertThat(audit).contains("app.created", "subscription.requested", "subscription.approved", "api-owner",
				"production-orders on plant-standard; plants 1000 2000",
				"production-orders on plant-standard, waiting for an API owner",
				"shipments on partner-basic, approved at once");
	}

	@Test
	void credentials_need_an_approved_subscription_and_identity_being_away_changes_nothing(CapturedOutput output)
			throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Early bird");
		MvcResult tooEarly = as(partner, post("/apps/" + appId + "/credentials").with(csrf()));
		assertThat(tooEarly.getFlashMap().get("error")).asString().contains("once a subscription is approved");

		as(partner, post("/apps/" + appId + "/subscriptions").with(csrf()).param("offer", "shipments|partner-basic"));
		// no identity answers in this test
		MvcResult away = as(partner, post("/apps/" + appId + "/credentials").with(csrf()));
		assertThat(away.getFlashMap().get("error")).asString()
			.contains("Identity is not reachable", "nothing was changed");
		assertThat(this.jdbc.sql("SELECT client_id FROM portal_app WHERE id = ?")
			.param(appId)
			.query(String.class)
			.optional()).isEmpty();
		MvcResult token = as(partner, post("/apps/" + appId + "/token").with(csrf()).param("secret", "s3cret-value"));
		assertThat(token.getResponse().getStatus()).isEqualTo(400);
		assertThat(token.getResponse().getContentAsString()).contains("no credentials in force");
		assertThat(output.getAll()).doesNotContain("s3cret-value");
	}

	@Test
	void forms_need_their_csrf_token_and_names_are_checked() throws Exception {
		String partner = partnerId();
		assertThat(status(post("/apps").param("name", "No token"), partner)).isEqualTo(403);
		MvcResult bad = as(partner, post("/apps").with(csrf()).param("name", "<script>"));
		assertThat(bad.getFlashMap().get("error")).asString().contains("1 to 80 letters");
		create(partner, "Twin");
		MvcResult twin = as(partner, post("/apps").with(csrf()).param("name", "twin"));
		assertThat(twin.getFlashMap().get("error")).asString().contains("already have an app named 'twin'");
	}

	@Test
	void app_creation_is_rate_limited_per_partner() throws Exception {
		String partner = partnerId();
		for (int i = 1; i <= 10; i++) {
			// revoked at once: the cap on active apps is not what this test is about
			String appId = create(partner, "App " + i);
			assertThat(status(post("/apps/" + appId + "/revoke").with(csrf()).param("confirm", "yes"), partner))
				.isEqualTo(302);
		}
		MvcResult refused = as(partner, post("/apps").with(csrf()).param("name", "App 11"));

		assertThat(refused.getResponse().getStatus()).isEqualTo(429);
		assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("3600");
		assertThat(refused.getResponse().getContentAsString()).contains("created 10 apps in the last hour");
		assertThat(status(post("/apps").with(csrf()).param("name", "App 1"), partnerId())).as("another partner")
			.isEqualTo(302);
	}

	@Test
	void a_partner_holds_at_most_five_active_apps_so_that_it_cannot_multiply_its_quota() throws Exception {
		// given a partner with five active apps
		String partner = partnerId();
		String first = create(partner, "Quota 1");
		for (int i = 2; i <= 5; i++) {
			create(partner, "Quota " + i);
		}
		assertThat(page(get("/apps"), partner)).contains("holds 5 of at most 5 active apps");

		// when it creates a sixth
		MvcResult sixth = as(partner, post("/apps").with(csrf()).param("name", "Quota 6"));

		// then it is refused, saying why and how to make room
		assertThat(sixth.getResponse().getStatus()).isEqualTo(409);
		assertThat(sixth.getResponse().getContentAsString()).contains("Too many active apps",
				"Partner " + partner + " has 5 active apps, and at most 5 are allowed",
				"Revoke an app you no longer use");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM portal_app WHERE partner_id = ?")
			.param(partner)
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(status(post("/apps").with(csrf()).param("name", "Quota 1"), partnerId())).as("another partner")
			.isEqualTo(302);

		// and a revoked app makes room
		as(partner, post("/apps/" + first + "/revoke").with(csrf()).param("confirm", "yes"));
		assertThat(status(post("/apps").with(csrf()).param("name", "Quota 6"), partner)).isEqualTo(302);
	}

	@Test
	void api_owners_see_the_usage_per_app_and_who_still_calls_a_deprecated_version() throws Exception {
		String partner = partnerId();
		String appId = create(partner, "Legacy MES bridge");
		String clientId = "app-" + UUID.randomUUID();
		this.jdbc.sql("UPDATE portal_app SET client_id = ? WHERE id = ?").params(clientId, appId).update();
		RedisClient redis = RedisClient
			.create(System.getenv().getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		try (var connection = redis.connect()) {
			String key = "millgate:usage:production-orders:v1:" + clientId;
			connection.sync()
				.hset(key, Map.of("requests", "40", "4xx", "3", "429", "1", "b0", "30", "b2", "10", "last",
						Long.toString(System.currentTimeMillis())));
			connection.sync().sadd("millgate:usage:keys", key);
			try {
				String usage = this.mvc.perform(get("/owner/usage").with(owner()))
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(usage).contains("Production orders v1", "deprecated", "still called by",
						"Legacy MES bridge (partner " + partner + ")", "<td>40</td>", "≤ 25 ms");
				assertThat(page(get("/apps/" + appId), partner)).contains("production-orders v1", "<td>40</td>");
			}
			finally {
				connection.sync().srem("millgate:usage:keys", key);
				connection.sync().del(key);
			}
		}
		finally {
			redis.shutdown();
		}
	}

	@Test
	void api_owners_see_what_a_draft_contract_would_break() throws Exception {
		String current = this.mvc.perform(get("/products/production-orders/v1/openapi.yaml"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String page = this.mvc
			.perform(post("/owner/products/production-orders/impact").with(owner())
				.with(csrf())
				.param("version", "v1")
				.param("draft", current.replace("plannedQuantity", "targetQuantity")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("consumer interaction(s) would break", "BREAKS", "the released orders of plant 1000");

		String garbage = this.mvc
			.perform(post("/owner/products/production-orders/impact").with(owner())
				.with(csrf())
				.param("version", "v1")
				.param("draft", "just: text"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(garbage).contains("not an OpenAPI document");
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

	private int status(MockHttpServletRequestBuilder request, String partner) throws Exception {
		return as(partner, request).getResponse().getStatus();
	}

	private MvcResult as(String partner, MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform((partner != null) ? request.with(partner(partner)) : request).andReturn();
	}

	// a partner of its own per test: the database outlives test runs
	private static String partnerId() {
		return "P" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
	}

}
