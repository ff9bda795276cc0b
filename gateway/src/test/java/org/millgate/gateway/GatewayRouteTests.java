package org.millgate.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.assertj.core.api.AbstractStringAssert;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Product;
import org.millgate.gateway.support.StubBackend.Answer;
import org.millgate.gateway.support.StubBackend;
import org.millgate.gateway.support.TestCatalog;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.resilience.CircuitBreakerPolicy;
import org.millgate.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * Every policy through the gateway's real routes: real HTTP in and out, a stub in place
 * of the product services, real signed tokens of two issuers, real Redis for throttling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class GatewayRouteTests {

	static final StubBackend backend = new StubBackend();

	static final String USAGE_REDIS = System.getenv()
		.getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379")
		.replaceFirst("/\\d+$", "") + "/15";

	// identity's revocation list
	static final StubBackend identity = new StubBackend();

	static final TestTokens tokens = TestTokens.get();

	static final TestTokens partnerIdp = TestTokens.issuer("http://partner-idp.test");

	// an issuer whose revocation list cannot be read, one whose keys cannot be fetched
	static final TestTokens unreadIdp = TestTokens.issuer("http://unread-revocations.test");

	static final TestTokens downIdp = TestTokens.issuer("http://down-idp.test");

	static {
		identity.answer("/oauth2/revocations", Answer.json("{\"revoked\":[],\"generations\":{}}"));
	}

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("millgate.gateway.catalog-dir", () -> TestCatalog.write().toString());
		for (String product : TestCatalog.products()) {
			registry.add("millgate.gateway.backends." + product, backend::url);
		}
		registry.add("millgate.gateway.issuers[0].issuer", () -> TestTokens.ISSUER);
		registry.add("millgate.gateway.issuers[0].jwk-set-uri", tokens::jwkSetUri);
		registry.add("millgate.gateway.issuers[0].revocations-uri", () -> identity.url() + "/oauth2/revocations");
		registry.add("millgate.gateway.revocation-refresh", () -> "200ms");
		registry.add("millgate.gateway.usage-flush", () -> "200ms");
		// usage of this test's made-up clients goes to a database of its own
		registry.add("millgate.gateway.usage-redis-url", () -> USAGE_REDIS);
		registry.add("millgate.gateway.issuers[1].issuer", partnerIdp::issuer);
		registry.add("millgate.gateway.issuers[1].jwk-set-uri", partnerIdp::jwkSetUri);
		registry.add("millgate.gateway.issuers[2].issuer", unreadIdp::issuer);
		registry.add("millgate.gateway.issuers[2].jwk-set-uri", unreadIdp::jwkSetUri);
		registry.add("millgate.gateway.issuers[2].revocations-uri", () -> "http://127.0.0.1:1/oauth2/revocations");
		registry.add("millgate.gateway.issuers[3].issuer", downIdp::issuer);
		registry.add("millgate.gateway.issuers[3].jwk-set-uri", () -> "http://127.0.0.1:1/oauth2/jwks");
		registry.add("millgate.gateway.redis-url",
				() -> System.getenv().getOrDefault("MILLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		registry.add("millgate.gateway.products.production-orders.capacity", () -> "4");
		registry.add("millgate.gateway.products.production-orders.timeout", () -> "1s");
		registry.add("millgate.gateway.products.shipments.response-validation.v1", () -> "report");
		registry.add("millgate.gateway.products.inventory.circuit-breaker.minimum-calls", () -> "4");
		registry.add("millgate.gateway.products.inventory.circuit-breaker.window", () -> "4");
		registry.add("millgate.gateway.products.inventory.circuit-breaker.open-for", () -> "30s");
		registry.add("millgate.gateway.portal-origin", () -> "http://portal.test");
	}

	@Autowired
	WebTestClient client;

	@Autowired
	RouteLocator routes;

	@Autowired
	FilteringWebHandler filteringWebHandler;

	@Autowired
	List<RoutePredicateHandlerMapping> handlerMappings;

	@Autowired
	ContractCatalog catalog;

	@Autowired
	CircuitBreakerPolicy circuitBreakers;

	@Autowired
	List<Policy> policies;

	@LocalServerPort
	int port;

	@BeforeEach
	void stubs() {
		this.circuitBreakers.breakers().forEach(CircuitBreaker::reset);
		backend.reset();
		backend.answer("/v1/production-orders", Answer.json(TestCatalog.stub("orders-page.json")));
		backend.answer("/v2/production-orders", Answer.json(TestCatalog.stub("orders-page.json")));
		backend.answer("/v1/production-orders/1000043",
				Answer.json(TestCatalog.stub("order.json")).header("ETag", "\"po-1000043-1\""));
		backend.answer("/v1/production-orders/1000043/confirmations",
				Answer.json(TestCatalog.stub("confirmation.json")).status(201));
		backend.answer("/v2/inventory/availability", Answer.json(TestCatalog.stub("availability.json")));
		backend.answer("/v1/shipments/80000001",
				Answer.json(TestCatalog.stub("shipment.json")).header("ETag", "\"sh-80000001-1\""));
	}

	@AfterAll
	static void stop() {
		backend.close();
		identity.close();
	}

	// --- routes from the catalog

	// a route per version of the catalog the gateway serves (drafts excepted), and the
	// last one
	private List<String> apiRoutes() {
		List<String> ids = new ArrayList<>();
		for (Product product : this.catalog.products()) {
			product.versions()
				.stream()
				.filter((version) -> version.state() != Lifecycle.DRAFT)
				.forEach((version) -> ids.add(product.id() + "-" + version.version()));
		}
		ids.add("not-found");
		return ids;
	}

	@Test
	void everyReleasedVersionOfTheCatalogHasARoute() {
		List<String> ids = this.routes.getRoutes().map(Route::getId).collectList().block();
		assertThat(ids).containsExactlyInAnyOrderElementsOf(apiRoutes()).contains("not-found");
		// the test catalog's lifecycle variety: a deprecated and a retired version among
		// them
		assertThat(ids).contains("production-orders-v1", "production-orders-v2", "inventory-v1", "inventory-v2",
				"shipments-v1");
	}

	@Test
	void everyApiRouteRunsEveryRoutePolicyInTheOneOrder() {
		List<Integer> routePolicies = Arrays.stream(PolicyOrder.values())
			.filter((order) -> order.chain() == PolicyOrder.Chain.ROUTE && order != PolicyOrder.NOT_FOUND)
			.map(PolicyOrder::value)
			.toList();
		List<Route> all = this.routes.getRoutes().collectList().block();
		assertThat(all).filteredOn((route) -> !route.getId().equals("not-found"))
			.hasSize(apiRoutes().size() - 1)
			.allSatisfy((route) -> assertThat(orders(route)).isEqualTo(routePolicies));
		assertThat(all).filteredOn((route) -> route.getId().equals("not-found"))
			.singleElement()
			.satisfies((route) -> assertThat(orders(route)).containsExactly(PolicyOrder.NOT_FOUND.value()));
	}

	@Test
	void aRoutesFiltersAreCombinedAndSortedOnceNotOnEveryRequest() {
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isOk();
		Map<Route, List<GatewayFilter>> combined = ReflectionTestUtils.invokeMethod(this.filteringWebHandler,
				"getRouteFilterMap");
		Route shipments = combined.keySet()
			.stream()
			.filter((route) -> route.getId().equals("shipments-v1"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the shipments route's filters were not kept: " + combined.keySet()));
		List<GatewayFilter> kept = combined.get(shipments);
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isOk();
		assertThat(combined.get(shipments)).isSameAs(kept);
	}

	@Test
	@SuppressWarnings("unchecked")
	void should_look_a_route_up_by_its_catalog_prefix_instead_of_the_gateways_scan() {
		RoutePredicateHandlerMapping only = assertThat(this.handlerMappings).singleElement()
			.isInstanceOf(CatalogRouteMapping.class)
			.actual();
		CatalogRouteMapping.Index index = ((Mono<CatalogRouteMapping.Index>) ReflectionTestUtils.getField(only,
				"index"))
			.block();
		assertThat(index.byPrefix()).containsKeys("/v1/shipments", "/v2/production-orders", "/v1/inventory",
				"/v1/materials", "/v1/units-of-measure", "/v1/plants");
		assertThat(index.candidates("/v1/shipments")).extracting(Route::getId)
			.containsExactly("shipments-v1", "not-found");
		assertThat(index.candidates("/v1/plants")).extracting(Route::getId)
			.containsExactly("master-data-v1", "not-found");
		assertThat(index.others()).extracting(Route::getId)
			.as("every catalog route has its prefixes")
			.containsExactly("not-found");
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isOk();
	}

	@Test
	void eachPlaceOfThePolicyOrderHasOnePolicyOfTheOneShape() throws Exception {
		assertThat(this.policies).extracting(Policy::order).containsExactlyInAnyOrder(PolicyOrder.values());
		for (Policy policy : this.policies) {
			Class<?> type = policy.getClass();
			assertThat(type.getField("ID").get(null)).as(type.getName()).isEqualTo(policy.id());
			assertThat(type.getDeclaredClasses()).as(type.getName())
				.anySatisfy((nested) -> assertThat(nested.getSimpleName() + " " + nested.isRecord())
					.isEqualTo("Config true"));
		}
	}

	private static List<Integer> orders(Route route) {
		return route.getFilters()
			.stream()
			.filter(Ordered.class::isInstance)
			.map((filter) -> ((Ordered) filter).getOrder())
			.sorted()
			.toList();
	}

	// --- versioning

	@Test
	void aDeprecatedVersionAnswersWithDeprecationSunsetAndSuccessor() {
		get("/v1/production-orders?plant=1000", mes()).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Deprecation", "@1795651200")
			.expectHeader()
			.valueEquals("Sunset", "Wed, 30 Jun 2027 00:00:00 GMT")
			.expectHeader()
			.valueEquals(HttpHeaders.LINK, "</v2/production-orders>; rel=\"successor-version\"");
		get("/v2/production-orders?plant=1000", mes()).expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Deprecation")
			.expectHeader()
			.doesNotExist("Sunset");
	}

	@Test
	void aRetiredVersionAnswers410AndNeverReachesTheService() {
		problem(get("/v1/inventory/availability?material=FG-100&plant=1000", mes()), 410, "version.retired")
			.contains("retired on 2026-01-31; use v2");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void anUnknownVersionAnswers404NamingTheOfferedVersions() {
		problem(get("/v9/production-orders", mes()), 404, "version.unknown").contains("it offers v1, v2");
	}

	@Test
	void anUnknownPathOrMethodAnswers404() {
		problem(get("/v1/warehouses", mes()), 404, "route.notFound");
		problem(get("/internal/production-orders", mes()), 404, "route.notFound");
		problem(this.client.delete().uri("/v1/production-orders/1000043").headers(bearer(mes())).exchange(), 404,
				"route.notFound")
			.contains("DELETE /v1/production-orders/1000043 is not an operation");
		assertThat(backend.calls()).isZero();
	}

	// --- authentication, scopes, plants

	@Test
	void noTokenAnswers401WithAChallenge() {
		problem(this.client.get()
			.uri("/v1/shipments/80000001")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millgate\""), 401, "auth.tokenInvalid");
	}

	@Test
	void tokensOfASecondTrustedIssuerAreAccepted() {
		String partner = partnerIdp.signed(partnerIdp.claims("acme-" + UUID.randomUUID(), "shipments:read")
			.claim("partner_id", "ACME")
			.claim("plan", "partner-basic")
			.build());
		get("/v1/shipments/80000001", partner).expectStatus().isOk();
		assertThat(backend.last().header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + partner);
	}

	/**
	 * Finding 6 of the source review: the revocation list failed open until it was first
	 * read, and a token whose issuer's keys could not be fetched got a 500.
	 */
	@Test
	void finding6AnIssuerThatCannotBeAskedIsA503NeverAPassNorA500() {
		String unread = unreadIdp
			.signed(unreadIdp.claims("app-" + UUID.randomUUID(), "shipments:read").claim("partner_id", "ACME").build());
		problem(get("/v1/shipments/80000001", unread), 503, "auth.issuerUnavailable").contains("revocation list")
			.contains("has not been read yet");
		String down = downIdp
			.signed(downIdp.claims("app-" + UUID.randomUUID(), "shipments:read").claim("partner_id", "ACME").build());
		get("/v1/shipments/80000001", down).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
		problem(get("/v1/shipments/80000001", down), 503, "auth.issuerUnavailable").contains("cannot be fetched");
		assertThat(backend.calls()).as("calls that reached the product").isZero();
	}

	@Test
	void revokedClientsAndRotatedSecretsAreRefusedWithinSeconds() {
		String revoked = "app-" + UUID.randomUUID();
		String rotated = "app-" + UUID.randomUUID();
		String before = app(revoked, 0);
		String oldSecret = app(rotated, 2);
		String newSecret = app(rotated, 3);
		get("/v1/shipments/80000001", before).expectStatus().isOk();
		get("/v1/shipments/80000001", oldSecret).expectStatus().isOk();

		identity.answer("/oauth2/revocations",
				Answer.json("{\"revoked\":[\"" + revoked + "\"],\"generations\":{\"" + rotated + "\":3}}"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get()
				.uri("/v1/shipments/80000001")
				.headers(bearer(before))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 401);

		problem(get("/v1/shipments/80000001", before), 401, "auth.tokenInvalid").contains("has been revoked");
		problem(get("/v1/shipments/80000001", oldSecret), 401, "auth.tokenInvalid")
			.contains("before the client's secret was rotated");
		get("/v1/shipments/80000001", newSecret).expectStatus().isOk();
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isOk();
	}

	@Test
	void eachAppsCallsAreCountedInRedisForThePortal() {
		String clientId = "app-" + UUID.randomUUID();
		get("/v1/shipments/80000001", app(clientId, 0)).expectStatus().isOk();
		get("/v1/shipments/80000002", app(clientId, 0)).expectStatus().isNotFound();

		RedisClient redis = RedisClient.create(USAGE_REDIS);
		try (StatefulRedisConnection<String, String> connection = redis.connect()) {
			String key = "millgate:usage:shipments:v1:" + clientId;
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> "2".equals(connection.sync().hget(key, "requests")));
			Map<String, String> usage = connection.sync().hgetall(key);
			assertThat(usage).containsEntry("4xx", "1").doesNotContainKey("429");
			assertThat(Long.parseLong(usage.get("last"))).isGreaterThan(System.currentTimeMillis() - 60_000);
			assertThat(connection.sync().sismember("millgate:usage:keys", key)).isTrue();
			assertThat(connection.sync().ttl(key)).as("fades out after 30 days").isPositive();
		}
		finally {
			redis.shutdown();
		}
	}

	@Test
	void thisInstancesUsageIsReadableByManagementClientsOnly() {
		String clientId = "app-" + UUID.randomUUID();
		get("/v1/shipments/80000001", app(clientId, 0)).expectStatus().isOk();

		// this test's client is on loopback, a management client by default; the call is
		// counted once its exchange has ended, which may be a moment after its answer
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(management("/actuator/usage")).contains("\"client\":\"" + clientId + "\"",
					"\"product\":\"shipments\"", "\"version\":\"v1\""));
	}

	@Test
	void theScopeComesFromTheContract() {
		String readOnly = token("mes-ro-" + UUID.randomUUID(), "production-orders:read", "line-critical",
				List.of("1000"));
		this.client.post()
			.uri("/v1/production-orders/1000043/release")
			.headers(bearer(readOnly))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", scope=\"production-orders:write\"")
			.expectHeader()
			.valueEquals("RateLimit", "\"burst\";r=199;t=0");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aPlantOutsideTheTokenIsNotFoundAndNeverReachesTheService() {
		problem(get("/v1/production-orders?plant=2000", mes()), 404, "resource.notFound")
			.contains("No plant '2000' is visible");
		problem(get("/v2/inventory/availability?material=FG-100&plant=2000", mes()), 404, "resource.notFound");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aTokenWithoutPlantsSeesNoPlantAndNeverReachesTheService() {
		String noPlants = token("reporting-" + UUID.randomUUID(), "production-orders:read", "plant-standard", null);
		problem(get("/v1/production-orders?plant=1000", noPlants), 404, "resource.notFound")
			.contains("No plant '1000' is visible");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aPartnerTokenWithoutPlantsIsLeftToItsProductToLimit() {
		backend.answer("/v1/shipments", Answer.json("{\"items\":[]}"));
		get("/v1/shipments?plant=1000", partner("ACME")).expectStatus().isOk();
		assertThat(backend.calls()).isOne();
		assertThat(backend.last().query()).contains("plant=1000");
	}

	// --- throttling

	@Test
	void everyAnswerCarriesTheRateLimitHeaders() {
		get("/v1/shipments/80000001", partner("ACME")).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"burst\";q=10;w=2, \"daily\";q=10000;w=86400")
			.expectHeader()
			.valueEquals("RateLimit", "\"burst\";r=9;t=0");
	}

	/**
	 * Finding 4 of the source review: each app had its own buckets, so a partner
	 * multiplied its quota by creating apps. All apps of one partner now share a partner
	 * bucket (partner-basic: 20 at once, 10 per second), beside each app's own (10, 5).
	 */
	@Test
	void finding4APartnersAppsShareOnePartnerBucket() {
		String partnerId = "MANYAPPS-" + UUID.randomUUID();
		List<String> apps = List.of(partnerApp(partnerId), partnerApp(partnerId), partnerApp(partnerId));
		WebClient http = WebClient.create("http://127.0.0.1:" + this.port);
		// each app stays within its own burst of 10: only the partner's bucket can refuse
		List<Answered> answers = Flux.fromIterable(apps)
			.flatMap((app) -> Flux.range(0, 10).map((i) -> app))
			.flatMap(
					(app) -> http.get()
						.uri("/v1/shipments/80000001")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + app)
						.exchangeToMono((response) -> response.bodyToMono(String.class)
							.defaultIfEmpty("")
							.map((body) -> new Answered(response.statusCode().value(),
									response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body))),
					// few at once: the priority lane must not be what refuses
					8)
			.collectList()
			.block(Duration.ofSeconds(30));
		long admitted = answers.stream().filter((answer) -> answer.status() == 200).count();
		List<Answered> throttled = answers.stream().filter((answer) -> answer.status() == 429).toList();
		assertThat(admitted + throttled.size()).isEqualTo(30);
		// the partner's burst of 20, refilled at 10 per second while the flood lasts
		assertThat(admitted).as("admitted; refused: %s", throttled).isBetween(20L, 27L);
		assertThat(throttled).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.retryAfter()).isNotNull();
			assertThat(answer.body()).contains("\"code\":\"rateLimit.exceeded\"")
				.contains("Partner limit reached")
				.contains(partnerId);
		});
		// another partner's app is not held back by this partner's calls
		get("/v1/shipments/80000001", partner("OTHER")).expectStatus().isOk();
	}

	@Test
	void aFloodFromOnePartnerIsThrottledWhileMesCallsKeepSucceeding() {
		String partner = partner("ACME");
		String mes = mes();
		WebClient http = WebClient.create("http://127.0.0.1:" + this.port);
		List<Answered> flood = Flux.range(0, 40)
			.flatMap((i) -> http.get()
				.uri("/v1/shipments/80000001")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + partner)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Answered(response.statusCode().value(),
							response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body))),
					40)
			.collectList()
			.block(Duration.ofSeconds(30));
		long admitted = flood.stream().filter((answer) -> answer.status() == 200).count();
		List<Answered> throttled = flood.stream().filter((answer) -> answer.status() == 429).toList();
		assertThat(admitted + throttled.size()).isEqualTo(40);
		// burst 10, refilled at 5 per second while the flood lasts (well under 2 s here)
		assertThat(admitted).isBetween(10L, 20L);
		assertThat(throttled).allSatisfy((answer) -> {
			assertThat(answer.retryAfter()).isNotNull();
			assertThat(answer.body()).contains("\"code\":\"rateLimit.exceeded\"").contains("partner-basic");
		});
		for (int i = 0; i < 5; i++) {
			get("/v1/production-orders?plant=1000", mes).expectStatus().isOk();
		}
	}

	record Answered(int status, String retryAfter, String body) {

	}

	@Test
	void whenAProductIsSaturatedLowPriorityPlansAreShedAndLineCriticalCallsFlow() {
		backend.answer("/v2/production-orders", Answer.json(TestCatalog.stub("orders-page.json")).after(800));
		String partnerLike = token("reporting-" + UUID.randomUUID(), "production-orders:read", "partner-basic",
				List.of("1000"));
		String partnerLike2 = token("reporting-" + UUID.randomUUID(), "production-orders:read", "partner-basic",
				List.of("1000"));
		WebClient http = WebClient.create("http://127.0.0.1:" + this.port);
		// capacity 4: the low lane is full with two calls in flight
		var slow = Flux.just(partnerLike, partnerLike2)
			.flatMap((token) -> http.get()
				.uri("/v2/production-orders?plant=1000")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
			.collectList()
			.toFuture();
		awaitCalls(2);
		String third = token("reporting-" + UUID.randomUUID(), "production-orders:read", "partner-basic",
				List.of("1000"));
		problem(get("/v2/production-orders?plant=1000", third), 429, "rateLimit.exceeded")
			.contains("low priority lane");
		get("/v1/production-orders/1000043", mes()).expectStatus().isOk();
		assertThat(slow.join()).containsExactly(200, 200);
	}

	// --- request validation

	@Test
	void anInvalidRequestAnswers400WithEveryViolationAndNeverReachesTheService() {
		problem(get("/v1/production-orders?plant=1000&limit=1000000&status=BOGUS", mes()), 400, "request.invalid")
			.contains("#/query/limit")
			.contains("#/query/status");
		problem(post("/v1/production-orders/1000043/confirmations",
				"{\"operation\":\"0010\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"H87\",\"finalConfirmation\":false,\"confirmedBy\":\"admin\"}",
				mesWriter(), "key-" + UUID.randomUUID()), 400, "request.invalid")
			.contains("confirmedBy");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aQuantityWithMoreDecimalsThanItsUnitHasAnswers422AsTheProductWouldAndNeverReachesTheService() {
		// the units table of api-contracts: a piece has no decimals, a kilogram three
		problem(post("/v1/production-orders/1000043/confirmations",
				"{\"operation\":\"0010\",\"yieldQuantity\":1.5,\"scrapQuantity\":0,\"unit\":\"H87\",\"finalConfirmation\":false}",
				mesWriter(), "key-" + UUID.randomUUID()), 422, "erp.limitExceeded")
			.contains("1.5 H87 has 1 decimal; a quantity in H87 (piece) has no decimals")
			.contains("\"pointer\":\"/yieldQuantity\"")
			.contains("nothing was sent to the ERP");
		problem(post("/v1/production-orders/1000043/confirmations",
				"{\"operation\":\"0010\",\"yieldQuantity\":2.000,\"scrapQuantity\":0.25,\"unit\":\"H87\",\"finalConfirmation\":false}",
				mesWriter(), "key-" + UUID.randomUUID()), 422, "erp.limitExceeded")
			.contains("\"pointer\":\"/scrapQuantity\"")
			.doesNotContain("/yieldQuantity");
		// written out, this value's zeros once ran the gateway out of memory
		problem(post("/v1/production-orders/1000043/confirmations",
				"{\"operation\":\"0010\",\"yieldQuantity\":1e-99999999,\"unit\":\"KGM\",\"finalConfirmation\":false}",
				mesWriter(), "key-" + UUID.randomUUID()), 422, "erp.limitExceeded")
			.contains("1E-99999999 KGM has 99999999 decimals");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aBodyOverTheLimitAnswers413() {
		String big = "{\"operation\":\"" + "0".repeat(70_000) + "\"}";
		problem(post("/v1/production-orders/1000043/confirmations", big, mesWriter(), "key-" + UUID.randomUUID()), 413,
				"request.tooLarge");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void eachProductTakesBodiesUpToItsOwnLimit() {
		// reconciliation takes a WMS stock count of up to 2 MiB (its contract), far more
		// than the 64 KiB of the products without a limit of their own
		String wms = token("wms-" + UUID.randomUUID(), "reconciliation:report", "plant-standard", List.of("1000"));
		backend.answer("/v1/reconciliation/stock-counts", Answer.json("""
				{"countId":"count-1000-000117","plant":"1000","countedAt":"2026-03-12T01:45:00Z","positions":700,
				 "receivedAt":"2026-03-12T01:45:04Z"}""").status(201));
		String count = IntStream.range(0, 700)
			.mapToObj((i) -> "{\"material\":\"RM-" + i + "\",\"storageLocation\":\"0002\",\"batch\":\"B1\","
					+ "\"stockStatus\":\"ON_HAND\",\"quantity\":{\"value\":730.000,\"unit\":\"KGM\"}}")
			.collect(Collectors.joining(",",
					"{\"plant\":\"1000\",\"countedAt\":\"2026-03-12T01:45:00Z\",\"positions\":[", "]}"));
		assertThat(count.length()).isGreaterThan(65_536);

		post("/v1/reconciliation/stock-counts", count, wms, "key-" + UUID.randomUUID()).expectStatus().isCreated();
		assertThat(backend.last().body()).isEqualTo(count);

		String tooLarge = "{\"plant\":\"" + "0".repeat(2 * 1024 * 1024) + "\"}";
		problem(post("/v1/reconciliation/stock-counts", tooLarge, wms, "key-" + UUID.randomUUID()), 413,
				"request.tooLarge")
			.contains("2097152 bytes reconciliation accepts");
		assertThat(backend.calls()).isEqualTo(1);
	}

	@Test
	void deeplyNestedJsonIsRefusedWithoutReachingTheService() {
		String nested = "[".repeat(5000) + "]".repeat(5000);
		EntityExchangeResult<byte[]> result = post("/v1/production-orders/1000043/confirmations", nested, mesWriter(),
				"key-" + UUID.randomUUID())
			.expectBody()
			.returnResult();
		assertThat(result.getStatus().value()).isEqualTo(400);
		assertThat(new String(result.getResponseBody())).doesNotContain("Exception").doesNotContain("at org.");
		assertThat(backend.calls()).isZero();
	}

	@Test
	void aBodyInAnotherMediaTypeIsRefusedWith415BeforeTheService() {
		int before = backend.received().size();

		problem(this.client.post()
			.uri("/v1/production-orders/1000043/confirmations")
			.headers(bearer(mesWriter()))
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("operation=0010")
			.exchange(), 415, "request.unsupportedMediaType").contains("application/json", "text/plain");
		assertThat(backend.received()).hasSize(before);
	}

	@Test
	void aValidWriteReachesTheServiceWithItsBodyAndIdempotencyKey() {
		String body = "{\"operation\":\"0010\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"H87\",\"finalConfirmation\":false}";
		String key = "key-" + UUID.randomUUID();
		post("/v1/production-orders/1000043/confirmations", body, mesWriter(), key).expectStatus().isCreated();
		assertThat(backend.last().body()).isEqualTo(body);
		assertThat(backend.last().header("Idempotency-Key")).isEqualTo(key);
	}

	// --- response validation

	@Test
	void aResponseBreakingTheContractIsWithheldInEnforceMode() {
		backend.answer("/v1/production-orders/1000043", Answer.json("{\"orderId\":1000043,\"status\":\"WHATEVER\"}"));
		problem(get("/v1/production-orders/1000043", mes()), 502, "response.invalid");
	}

	@Test
	void aStatusTheOperationDoesNotDeclareIsWithheldInEnforceModeAndCountedInReportMode() {
		String problem = "{\"type\":\"https://millgate.dev/problems/not-found\",\"title\":\"Resource not found\","
				+ "\"status\":418,\"detail\":\"a teapot\",\"instance\":\"/x\",\"code\":\"resource.notFound\"}";
		backend.answer("/v1/production-orders/1000043",
				Answer.json(problem).status(418).header("X-Correlation-Id", "c-12345678"));
		backend.answer("/v1/shipments/80000001",
				Answer.json(problem).status(418).header("X-Correlation-Id", "c-12345678"));

		problem(get("/v1/production-orders/1000043", mes()), 502, "response.invalid");
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isEqualTo(418);
		awaitMetric(Pattern
			.quote("millgate_gateway_response_violations_total{mode=\"report\",product=\"shipments\",version=\"v1\"} ")
				+ "[1-9]");
	}

	@Test
	void aResponseBreakingTheContractPassesInReportModeAndIsCounted() {
		backend.answer("/v1/shipments/80000001", Answer.json("{\"shipmentId\":\"80000001\",\"status\":\"LOST\"}"));
		get("/v1/shipments/80000001", partner("ACME")).expectStatus().isOk();
		awaitMetric(Pattern
			.quote("millgate_gateway_response_violations_total{mode=\"report\",product=\"shipments\",version=\"v1\"} ")
				+ "[1-9]");
	}

	// --- resilience

	@Test
	void aSlowServiceAnswers504WithinTheRouteTimeout() {
		backend.answer("/v1/production-orders/1000043",
				Answer.json(TestCatalog.stub("order.json")).header("ETag", "\"po-1000043-1\"").after(2500));
		long start = System.nanoTime();
		problem(get("/v1/production-orders/1000043", mes()), 504, "service.timeout");
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2400);
	}

	@Test
	void aFailingServiceOpensTheCircuitAndCallsAreAnsweredAtOnce() {
		backend.answer("/v2/inventory/availability", Answer.json("{}").status(500));
		for (int i = 0; i < 4; i++) {
			get("/v2/inventory/availability?material=FG-100&plant=1000", mes()).expectStatus().is5xxServerError();
		}
		int before = backend.calls();
		problem(get("/v2/inventory/availability?material=FG-100&plant=1000", mes()).expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "30"), 503, "service.unavailable");
		assertThat(backend.calls()).isEqualTo(before);
	}

	@Test
	void aGetThatFindsTheServiceGoneIsRetriedAndAWriteIsNot() {
		backend.hangUpNext(1);
		get("/v1/production-orders/1000043", mes()).expectStatus().isOk();
		assertThat(backend.calls()).isEqualTo(2);
		backend.reset();
		backend.hangUpNext(1);
		problem(post("/v1/production-orders/1000043/release", "", mesWriter(), null), 503, "service.unavailable");
		assertThat(backend.calls()).isEqualTo(1);
	}

	// --- correlation, access log, metrics

	@Test
	void correlationAndTraceGoToTheServiceAndBack(CapturedOutput output) {
		String trace = "0af7651916cd43dd8448eb211c80319c";
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/v1/shipments/80000001")
			.headers(bearer(partner("ACME")))
			.header("X-Correlation-Id", "plant-1000-line-4")
			.header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Correlation-Id", "plant-1000-line-4")
			.expectBody()
			.returnResult();
		assertThat(result.getResponseHeaders().get("X-Correlation-Id")).hasSize(1);
		assertThat(result.getResponseHeaders().getFirst("traceparent")).startsWith("00-" + trace + "-");
		assertThat(backend.last().header("X-Correlation-Id")).isEqualTo("plant-1000-line-4");
		assertThat(backend.last().header("traceparent")).startsWith("00-" + trace + "-")
			.doesNotContain("b7ad6b7169203331");
		// the line is written once the answer is out, which may be after the client
		// read it
		String line = awaitLine(output, "\"correlationId\":\"plant-1000-line-4\"");
		assertThat(line).contains("\"logger\":\"millgate.access\"")
			.contains("\"product\":\"shipments\"")
			.contains("\"version\":\"v1\"")
			.contains("\"operation\":\"getShipment\"")
			.contains("\"outcome\":\"ok\"")
			.contains("\"validation\":\"valid\"")
			.contains("\"traceId\":\"" + trace + "\"")
			.contains("\"latencyMs\":");
	}

	@Test
	void aCorrelationIdTheContractsDoNotAllowIsReplacedEverywhere(CapturedOutput output) {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/v1/shipments/80000001")
			.headers(bearer(partner("ACME")))
			.header("X-Correlation-Id", "line-42")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		String replaced = result.getResponseHeaders().getFirst("X-Correlation-Id");
		assertThat(replaced).isNotEqualTo("line-42").matches("[0-9a-f-]{36}");
		assertThat(backend.last().header("X-Correlation-Id")).isEqualTo(replaced);
		assertThat(awaitLine(output, "\"correlationId\":\"" + replaced + "\""))
			.contains("\"logger\":\"millgate.access\"");
	}

	@Test
	void metricsAreTaggedByProductVersionClientOutcomePlanPlantAccessAndStatus() {
		String client = "mes-metrics-" + UUID.randomUUID();
		get("/v1/production-orders?plant=2000",
				token(client, "production-orders:read", "line-critical", List.of("1000")))
			.expectStatus()
			.isNotFound();
		awaitMetric(Pattern.quote("millgate_gateway_requests_seconds_count{access=\"read\",client=\"" + client
				+ "\",outcome=\"resource.notFound\",plan=\"line-critical\",plant=\"1000\",product=\"production-orders\","
				+ "status=\"4xx\",version=\"v1\"} 1"));
	}

	// --- hygiene

	@Test
	void untrustedForwardingAndInternalHeadersNeverReachTheService() {
		this.client.get()
			.uri("/v1/shipments/80000001")
			.headers(bearer(partner("ACME")))
			.header("X-Forwarded-For", "10.9.9.9")
			.header("X-Forwarded-Host", "evil.test")
			.header("X-Millgate-Partner", "BETA")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().header("X-Forwarded-For")).isNull();
		assertThat(backend.last().header("X-Forwarded-Host")).isNull();
		assertThat(backend.last().header("X-Millgate-Partner")).isNull();
	}

	@Test
	void hopByHopHeadersNeverReachTheService() {
		this.client.get()
			.uri("/v1/shipments/80000001")
			.headers(bearer(partner("ACME")))
			.header("Proxy-Authorization", "Basic c2VjcmV0")
			.header("TE", "trailers")
			.header("Keep-Alive", "timeout=5")
			.header("Trailer", "X-Checksum")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().header("Proxy-Authorization")).isNull();
		assertThat(backend.last().header("TE")).isNull();
		assertThat(backend.last().header("Keep-Alive")).isNull();
		assertThat(backend.last().header("Trailer")).isNull();
	}

	@Test
	void responsesCarrySecurityHeadersAndNoServerDetails() {
		backend.answer("/v1/shipments/80000001",
				Answer.json(TestCatalog.stub("shipment.json"))
					.header("ETag", "\"sh-80000001-1\"")
					.header("X-Powered-By", "Express")
					.header("Server", "x"));
		get("/v1/shipments/80000001", partner("ACME")).expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Powered-By")
			.expectHeader()
			.doesNotExist("Server")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
	}

	@Test
	void corsIsAllowedForThePortalOnly() {
		this.client.options()
			.uri("/v1/shipments/80000001")
			.header(HttpHeaders.ORIGIN, "http://portal.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://portal.test");
		this.client.options()
			.uri("/v1/shipments/80000001")
			.header(HttpHeaders.ORIGIN, "http://evil.test")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	// --- helpers

	private WebTestClient.ResponseSpec get(String uri, String token) {
		return this.client.get().uri(uri).headers(bearer(token)).exchange();
	}

	private WebTestClient.ResponseSpec post(String uri, String body, String token, String key) {
		WebTestClient.RequestBodySpec request = this.client.post().uri(uri).headers(bearer(token));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		if (body.isEmpty()) {
			return request.exchange();
		}
		return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private static AbstractStringAssert<?> problem(WebTestClient.ResponseSpec response, int status, String code) {
		EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
		assertProblem(result, status, code);
		String body = body(result);
		assertThat(body).contains("\"correlationId\":");
		return assertThat(body);
	}

	private static Consumer<HttpHeaders> bearer(String token) {
		return (headers) -> headers.setBearerAuth(token);
	}

	private void awaitMetric(String samplePattern) {
		Pattern sample = Pattern.compile(samplePattern);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(management("/actuator/prometheus")).containsPattern(sample));
	}

	// this test's client is on loopback, a management client by default
	private String management(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static String awaitLine(CapturedOutput output, String marker) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : output.getOut().split("\n")) {
				if (line.contains(marker)) {
					return line;
				}
			}
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
		throw new AssertionError("No log line with " + marker);
	}

	private void awaitCalls(int calls) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (backend.calls() < calls) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the backend never saw " + calls + " calls");
			}
			Thread.onSpinWait();
		}
	}

	static String token(String client, String scope, String plan, List<String> plants) {
		JWTClaimsSet.Builder claims = tokens.claims(client, scope).claim("plan", plan);
		if (plants != null) {
			claims.claim("plants", plants);
		}
		return tokens.signed(claims.build());
	}

	/** A fresh MES client, so that no other test has used its bucket. */
	static String mes() {
		return token("mes-" + UUID.randomUUID(), "production-orders:read inventory:read", "line-critical",
				List.of("1000"));
	}

	static String mesWriter() {
		return token("mes-" + UUID.randomUUID(), "production-orders:read production-orders:write", "line-critical",
				List.of("1000"));
	}

	// a partner's app registered through the portal, with its credential generation
	static String app(String clientId, int generation) {
		JWTClaimsSet.Builder claims = tokens.claims(clientId, "shipments:read")
			.claim("plan", "partner-basic")
			.claim("partner_id", "ACME-" + clientId);
		if (generation > 0) {
			claims.claim("credential_generation", generation);
		}
		return tokens.signed(claims.build());
	}

	/**
	 * A fresh app of a fresh partner, so that no other test has used its buckets (the
	 * partner's bucket included).
	 * @param partnerId the partner's name, made unique
	 * @return the token
	 */
	static String partner(String partnerId) {
		return partnerApp(partnerId + "-" + UUID.randomUUID());
	}

	static String partnerApp(String partnerId) {
		return tokens.signed(tokens.claims("partner-" + UUID.randomUUID(), "shipments:read")
			.claim("plan", "partner-basic")
			.claim("partner_id", partnerId)
			.build());
	}

}
