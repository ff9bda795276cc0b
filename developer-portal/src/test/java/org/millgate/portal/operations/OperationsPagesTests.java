package org.millgate.portal.operations;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The operations pages: for the operations role only; charts of the figures sampled from
 * the gateway and the event broker, drawn as SVG; the open mismatches and an order's
 * lineage read through the gateway with the operations client's own token. The gateway,
 * identity and the Prometheus endpoints are a local stub.
 */
@SpringBootTest(properties = { "spring.profiles.active=demo", "millgate.portal.operations.sample-every=1h" })
@AutoConfigureMockMvc
class OperationsPagesTests {

	static final Stub STUB = new Stub();

	@Autowired
	MockMvc mvc;

	@Autowired
	OperationsFigures figures;

	@DynamicPropertySource
	static void stub(DynamicPropertyRegistry registry) {
		registry.add("millgate.portal.gateway-url", STUB::url);
		registry.add("millgate.portal.issuer-url", STUB::url);
		registry.add("millgate.portal.operations.gateway-metrics-url", () -> STUB.url() + "/actuator/prometheus");
		registry.add("millgate.portal.operations.event-broker-metrics-url", () -> STUB.url() + "/broker/prometheus");
	}

	@AfterAll
	static void stop() {
		STUB.server.stop(0);
	}

	@Test
	void the_operations_page_draws_latency_errors_lag_and_mismatches_over_time_and_lists_the_open_mismatches()
			throws Exception {
		this.figures.sample();
		this.figures.sample();
		String page = this.mvc.perform(get("/operations").with(operations()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<svg", "Mean latency per plant", "Share of 5xx answers per plant",
				"Event lag per consumer group", "Mismatches opened and resolved per day");
		// plants 1000 and 2000 drawn as lines, the lag of the reconciliation's group too
		assertThat(page).contains("<polyline").contains(">1000<", ">2000<", ">millgate-reconciliation<");
		// the runs' openings per day as bars
		assertThat(page).contains("2026-12-05: 3 opened", "2026-12-04: 1 resolved");
		assertThat(page).contains("stock-status:1000:FG-130:0003:FC260201", "Warehouse &amp; Logistics Integration");
		// read with the operations client's token, not the signed-in person's
		assertThat(STUB.bearers).allMatch("Bearer ops-token"::equals);
	}

	@Test
	void an_order_s_lineage_shows_each_hop_and_says_clearly_what_cannot_be_traced() throws Exception {
		String page = this.mvc.perform(get("/operations/lineage").param("orderId", "1000001").with(operations()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Order 1000001", "RELEASED", "LATE", "Its event was published 10 minutes after",
				"posted through the platform", "corr-1", "5.000 H87");
		String unknown = this.mvc.perform(get("/operations/lineage").param("orderId", "1000999").with(operations()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(unknown).contains("No production order 1000999 is visible to the operations team.");
		String invalid = this.mvc.perform(get("/operations/lineage").param("orderId", "12ab").with(operations()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(invalid).contains("A production order number has 1 to 12 digits.");
	}

	@Test
	void other_roles_do_not_see_the_operations_pages() throws Exception {
		int status = this.mvc.perform(get("/operations")
			.with(oidcLogin().idToken((token) -> token.subject("api-owner").claim("roles", List.of("api-owner")))
				.authorities(new SimpleGrantedAuthority("ROLE_API_OWNER"))))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(403);
	}

	private static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor operations() {
		return oidcLogin()
			.idToken((token) -> token.subject("operations")
				.claim("preferred_username", "operations")
				.claim("roles", List.of("operations")))
			.authorities(new SimpleGrantedAuthority("ROLE_OPERATIONS"));
	}

	static final class Stub {

		final HttpServer server;

		final List<String> bearers = new java.util.concurrent.CopyOnWriteArrayList<>();

		final AtomicInteger scrapes = new AtomicInteger();

		Stub() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (path.startsWith("/v1/")) {
				this.bearers.add(authorization);
			}
			switch (path) {
				case "/oauth2/token" -> answer(exchange, 200, "{\"access_token\":\"ops-token\",\"expires_in\":300}");
				case "/actuator/prometheus" -> {
					int n = this.scrapes.incrementAndGet();
					answer(exchange, 200,
							"""
									# TYPE millgate_gateway_requests_seconds summary
									millgate_gateway_requests_seconds_count{access="read",plan="plant-standard",plant="1000",product="inventory",status="2xx"} %d
									millgate_gateway_requests_seconds_sum{access="read",plan="plant-standard",plant="1000",product="inventory",status="2xx"} %s
									millgate_gateway_requests_seconds_count{access="read",plan="plant-standard",plant="2000",product="inventory",status="5xx"} %d
									millgate_gateway_requests_seconds_sum{access="read",plan="plant-standard",plant="2000",product="inventory",status="5xx"} %s
									"""
								.formatted(100 * n, 2.5 * n, 10 * n, 0.5 * n));
				}
				case "/broker/prometheus" -> answer(exchange, 200,
						"""
								millgate_kafka_consumer_lag_records{group="millgate-reconciliation",topic="millgate.inventory.events.v1"} 12.0
								""");
				case "/v1/reconciliation/runs" -> answer(exchange, 200, """
						{"items":[{"runId":"run-1000-INVENTORY-000001","state":"FINISHED",
						 "finishedAt":"2026-12-05T10:00:00Z","mismatches":{"opened":3,"stillOpen":0,"closed":1}}],
						 "nextCursor":null}""");
				case "/v1/reconciliation/mismatches" -> answer(exchange, 200, String
					.valueOf(exchange.getRequestURI().getQuery())
					.contains("state=RESOLVED") ? """
							{"items":[{"mismatchId":"shipment-status:80000003","kind":"SHIPMENT_STATUS",
							 "plant":"1000","systemOfRecord":"ERP","state":"RESOLVED","resolution":"FIXED_IN_WMS",
							 "resolvedAt":"2026-12-04T16:00:00Z","openedAt":"2026-12-04T10:00:00Z"}],
							 "nextCursor":null}""" : """
							{"items":[{"mismatchId":"stock-status:1000:FG-130:0003:FC260201","kind":"STOCK_STATUS",
							 "plant":"1000","systemOfRecord":"ERP","owner":{"plant":"1000",
							 "team":"Warehouse & Logistics Integration","email":"logistics-integration@millgate.dev"},
							 "state":"OPEN","openedAt":"2026-12-05T10:00:00Z"}],"nextCursor":null}""");
				case "/v1/reconciliation/production-orders/1000001/lineage" -> answer(exchange, 200,
						"""
								{"orderId":"1000001","plant":"1000","material":"FG-130","lateAfterSeconds":300,
								 "tracedAt":"2026-12-05T10:00:00Z","late":1,"failed":0,"hops":[
								 {"hop":"RELEASED","at":"2026-12-05T09:00:00Z","atPrecision":"SECOND",
								  "publishedAt":"2026-12-05T09:10:00Z","state":"LATE",
								  "reason":"Its event was published 10 minutes after the ERP booked it.",
								  "eventId":"production-order/1000001/released","confirmation":null,"movement":null,"shipmentId":null},
								 {"hop":"CONFIRMED","at":"2026-12-05T09:30:00Z","atPrecision":"SECOND",
								  "publishedAt":"2026-12-05T09:30:02Z","state":"ON_TIME","reason":null,
								  "eventId":"confirmation/1-1","confirmation":{"confirmationId":"1-1","operation":"0010",
								  "yield":{"value":5.000,"unit":"H87"},"scrap":{"value":0.000,"unit":"H87"},
								  "postedThroughPlatform":true,"correlationId":"corr-1","idempotencyKey":"key-1"},
								  "movement":null,"shipmentId":null}]}""");
				default -> answer(exchange, 404, """
						{"type":"https://millgate.dev/problems/not-found","title":"Resource not found","status":404,
						 "detail":"No production order is visible to the caller.","code":"resource.notFound"}""");
			}
		}

		private static void answer(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
