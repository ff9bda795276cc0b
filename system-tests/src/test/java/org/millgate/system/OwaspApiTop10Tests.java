package org.millgate.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.TestTokens;
import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OWASP API Security Top 10 (2023) risks that apply, attacked through the gateway of
 * a running platform: real identity tokens, real services, the simulator as ERP, real
 * Redis. API7 (server-side request forgery) does not apply: no operation takes a URL.
 */
class OwaspApiTop10Tests {

	static Platform platform;

	static String mes1000;

	static String mes2000;

	static String wms;

	static String acme;

	@BeforeAll
	static void tokens() {
		platform = Platform.get();
		mes1000 = platform.token("mes-plant-1000");
		mes2000 = platform.token("mes-plant-2000");
		wms = platform.token("wms-plant-1000");
		acme = platform.token("partner-acme");
	}

	// API1: broken object level authorization

	@Test
	void api1AnotherPlantsOrderIsNotFound() {
		String order2000 = first(get("/v1/production-orders?plant=2000&limit=1", mes2000), "orderId");
		assertThat(get("/v1/production-orders/" + order2000, mes2000).statusCode()).isEqualTo(200);
		problem(get("/v1/production-orders/" + order2000, mes1000), 404, "resource.notFound");
		problem(get("/v1/production-orders?plant=2000", mes1000), 404, "resource.notFound");
		problem(get("/v1/inventory/availability?material=FG-100&plant=2000", mes1000), 404, "resource.notFound");
	}

	@Test
	void api1AnotherPlantsMasterDataIsNotFound() {
		assertThat(get("/v1/materials/FG-170", mes2000).statusCode()).isEqualTo(200);
		problem(get("/v1/materials/FG-170", mes1000), 404, "material.notFound");
		problem(get("/v1/materials/FG-110/bill-of-materials?plant=2000", mes1000), 404, "resource.notFound");
		problem(get("/v1/plants/2000/storage-locations", mes1000), 404, "resource.notFound");
		assertThat(get("/v1/materials/FG-110", mes1000).body()).contains("\"plant\":\"1000\"")
			.doesNotContain("\"plant\":\"2000\"");
		assertThat(get("/v1/plants", mes1000).body()).contains("1000").doesNotContain("2000");
		problem(get("/v1/materials?plant=2000&limit=200", mes1000), 404, "resource.notFound");
		assertThat(get("/v1/materials?limit=200", mes1000).body()).doesNotContain("FG-170");
	}

	@Test
	void api1AnotherPartnersShipmentIsNotFound() {
		assertThat(get("/v1/shipments/80000001", acme).statusCode()).isEqualTo(200);
		problem(get("/v1/shipments/80000002", acme), 404, "resource.notFound");
		HttpResponse<String> filtered = get("/v1/shipments?shipTo=17100002", acme);
		assertThat(filtered.statusCode()).isIn(200, 404);
		assertThat(filtered.body()).doesNotContain("\"shipTo\":\"17100002\"");
		assertThat(get("/v1/shipments?limit=200", acme).body()).doesNotContain("17100002");
	}

	// API2: broken authentication

	@Test
	void api2TokenAttacksAreRefusedAtTheGateway() {
		TestTokens trusted = TestTokens.get();
		Map<String, String> attacks = new LinkedHashMap<>();
		attacks.put("no token", null);
		attacks.put("alg none", new PlainJWT(trusted.claims("mes-plant-1000", "shipments:read").build()).serialize());
		attacks.put("HS256 signed with the public key", hs256WithPublicKey(trusted));
		attacks.put("expired",
				trusted.signed(trusted.claims("x", "shipments:read")
					.issueTime(Date.from(Instant.now().minusSeconds(3600)))
					.expirationTime(Date.from(Instant.now().minusSeconds(600)))
					.build()));
		attacks.put("not yet valid",
				trusted.signed(trusted.claims("x", "shipments:read")
					.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))
					.build()));
		attacks.put("wrong issuer", TestTokens.issuer("http://evil.test")
			.signed(TestTokens.issuer("http://evil.test").claims("x", "shipments:read").build()));
		attacks.put("trusted key, other issuer named",
				trusted.signed(trusted.claims("x", "shipments:read").issuer(platform.url("identity") + "/").build()));
		attacks.put("wrong audience", trusted.signed(trusted.claims("x", "shipments:read").audience("erp").build()));
		attacks.put("unknown kid", trusted.signedNaming(trusted.claims("x", "shipments:read").build(), "kid-404"));
		attacks.put("tampered payload", tamper(wms));
		attacks.put("garbage", "abc.def.ghi");
		for (Map.Entry<String, String> attack : attacks.entrySet()) {
			HttpResponse<String> response = get("/v1/shipments/80000001", attack.getValue());
			assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
			assertThat(response.body()).as(attack.getKey()).contains("\"code\":\"auth.tokenInvalid\"");
		}
	}

	// API3: broken object property level authorization (mass assignment)

	@Test
	void api3UnknownPropertiesInBodiesAreRefused() {
		String body = "{\"operation\":\"0010\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"H87\","
				+ "\"finalConfirmation\":false,\"confirmationId\":\"0000000001-00000001\",\"plant\":\"2000\","
				+ "\"status\":\"CLOSED\"}";
		HttpResponse<String> response = post("/v1/production-orders/1000001/confirmations", mes1000, body, key());
		problem(response, 400, "request.invalid");
		assertThat(response.body()).contains("confirmationId").contains("plant").contains("status");
	}

	// API4: unrestricted resource consumption

	@Test
	void api4OversizedDeepAndUnboundedRequestsAreRefused() {
		problem(get("/v1/production-orders?plant=1000&limit=1000000", mes1000), 400, "request.invalid");
		problem(post("/v1/production-orders/1000001/confirmations", mes1000,
				"{\"operation\":\"" + "9".repeat(100_000) + "\"}", key()), 413, "request.tooLarge");
		HttpResponse<String> nested = post("/v1/production-orders/1000001/confirmations", mes1000,
				"{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), key());
		assertThat(nested.statusCode()).isIn(400, 413);
		assertThat(nested.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void api4AFloodFromOnePartnerIsThrottledWhileMesCallsSucceed() {
		String beta = platform.token("partner-beta");
		List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			flood.add(platform.sendAsync(request("/v1/shipments/80000002", beta).GET().build()));
		}
		List<HttpResponse<String>> mes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			mes.add(get("/v1/inventory/availability?material=FG-100&plant=1000", mes1000));
		}
		List<Integer> statuses = flood.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
		assertThat(statuses).contains(429).allMatch((status) -> status == 200 || status == 404 || status == 429);
		HttpResponse<String> refused = flood.stream()
			.map(CompletableFuture::join)
			.filter((response) -> response.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.headers().firstValue("RateLimit")).isPresent();
		assertThat(refused.body()).contains("\"code\":\"rateLimit.exceeded\"");
		assertThat(mes).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
	}

	// API5: broken function level authorization

	@Test
	void api5ReadScopesCannotWrite() {
		problem(post("/v1/production-orders/1000001/release", wms, "", null), 403, "auth.insufficientScope");
		problem(post("/v1/production-orders/1000001/confirmations", acme,
				"{\"operation\":\"0010\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"H87\",\"finalConfirmation\":false}",
				key()), 403, "auth.insufficientScope");
		problem(get("/v1/production-orders?plant=1000", acme), 403, "auth.insufficientScope");
	}

	// API6: unrestricted access to sensitive business flows (a confirmation posted twice)

	@Test
	void api6AReplayedConfirmationIsPostedOnce() {
		String orderId = first(get("/v1/production-orders?plant=1000&status=RELEASED&limit=1", mes1000), "orderId");
		String order = get("/v1/production-orders/" + orderId, mes1000).body();
		String operation = firstIn(order, "\"operations\"", "operation");
		String unit = firstIn(order, "\"quantities\"", "unit");
		String body = "{\"operation\":\"" + operation + "\",\"yieldQuantity\":1,\"scrapQuantity\":0,\"unit\":\"" + unit
				+ "\",\"finalConfirmation\":false}";
		String key = key();
		int postsBefore = erpConfirmationPosts();
		HttpResponse<String> first = post("/v1/production-orders/" + orderId + "/confirmations", mes1000, body, key);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		HttpResponse<String> replay = post("/v1/production-orders/" + orderId + "/confirmations", mes1000, body, key);
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.headers().firstValue("Idempotency-Replayed")).contains("true");
		assertThat(replay.body()).isEqualTo(first.body());
		problem(post("/v1/production-orders/" + orderId + "/confirmations", mes1000,
				body.replace("\"yieldQuantity\":1", "\"yieldQuantity\":2"), key), 422, "idempotency.keyReused");
		assertThat(erpConfirmationPosts()).isEqualTo(postsBefore + 1);
	}

	// API8: security misconfiguration

	@Test
	void api8NoInternalsLeakAndBrowsersAreKeptOut() {
		HttpResponse<String> response = get("/v1/shipments/80000001", wms);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(response.headers().firstValue("Server")).isEmpty();
		HttpResponse<String> cors = platform
			.send(request("/v1/shipments/80000001", null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "http://evil.test")
				.header("Access-Control-Request-Method", "GET")
				.build());
		assertThat(cors.statusCode()).isEqualTo(403);
		assertThat(cors.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> trace = platform
			.send(request("/v1/shipments/80000001", wms).method("TRACE", HttpRequest.BodyPublishers.noBody()).build());
		assertThat(trace.statusCode()).isIn(404, 405);
		assertThat(trace.body()).doesNotContain("Authorization");
	}

	// API9: improper inventory management

	@Test
	void api9OnlyCatalogVersionsAndOperationsAnswer() {
		problem(get("/v3/production-orders?plant=1000", mes1000), 404, "version.unknown");
		// the deprecated version says so, with its sunset and
		// successor; the successor answers
		HttpResponse<String> v1 = get("/v1/production-orders?plant=1000&limit=1", mes1000);
		assertThat(v1.statusCode()).isEqualTo(200);
		assertThat(v1.headers().firstValue("Deprecation")).as("since v2's release")
			.hasValue("@" + LocalDate.parse("2026-11-26").atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		assertThat(v1.headers().firstValue("Sunset")).hasValue("Wed, 30 Jun 2027 00:00:00 GMT");
		assertThat(v1.headers().firstValue("Link")).hasValue("</v2/production-orders>; rel=\"successor-version\"");
		HttpResponse<String> v2 = get("/v2/production-orders?plant=1000&limit=1", mes1000);
		assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
		assertThat(v2.body()).contains("\"quantities\":{\"planned\":{\"value\":");
		assertThat(v2.headers().firstValue("Deprecation")).isEmpty();
		assertThat(v2.headers().firstValue("RateLimit")).isPresent();
		problem(get("/v1/production-orders/1000001/components", mes1000), 404, "route.notFound");
		problem(get("/internal/production-orders", mes1000), 404, "route.notFound");
		problem(get("/_sim/stats", mes1000), 404, "route.notFound");
	}

	// Injection (API8/API10): OData syntax, quotes and control
	// characters in every parameter

	@Test
	void injectionInEveryParameterIsRefusedBeforeTheErp() {
		List<String> payloads = List.of("1000' or 1 eq 1", "1000') or ('1' eq '1", "$filter=Plant eq '2000'",
				"x\u0000y", "x\r\nX-Injected: 1", "';--", "../../etc/passwd", "<script>alert(1)</script>", "%27",
				"A".repeat(300));
		List<String> templates = List.of("/v1/production-orders?plant=%s", "/v1/production-orders?plant=1000&status=%s",
				"/v1/production-orders?plant=1000&changedSince=%s", "/v1/production-orders?plant=1000&cursor=%s",
				"/v1/production-orders?plant=1000&limit=%s", "/v1/production-orders/%s",
				"/v1/production-orders/%s/confirmations", "/v1/inventory/availability?material=%s&plant=1000",
				"/v1/inventory/availability?material=FG-100&plant=%s",
				"/v1/inventory/availability?material=FG-100&plant=1000&storageLocation=%s",
				"/v1/inventory/availability?material=FG-100&plant=1000&batch=%s",
				"/v1/inventory/availability?material=FG-100&plant=1000&unit=%s", "/v1/shipments?plant=%s",
				"/v1/shipments?shipTo=%s", "/v1/shipments?status=%s", "/v1/shipments?changedSince=%s",
				"/v1/shipments?cursor=%s", "/v1/shipments/%s", "/v1/materials/%s", "/v1/materials?plant=%s",
				"/v1/materials?type=%s", "/v1/materials?changedSince=%s", "/v1/materials?cursor=%s",
				"/v1/materials/FG-100/bill-of-materials?plant=%s",
				"/v1/materials/FG-100/bill-of-materials?plant=1000&usage=%s",
				"/v1/materials/FG-100/bill-of-materials?plant=1000&validOn=%s", "/v1/plants/%s/storage-locations");
		int erpCallsBefore = erpCalls();
		for (String template : templates) {
			String token = template.startsWith("/v1/shipments") ? wms : mes1000;
			for (String payload : payloads) {
				String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
				HttpResponse<String> response = get(String.format(template, encoded), token);
				assertThat(response.statusCode()).as(template + " with " + payload).isIn(400, 404);
				assertThat(response.headers().firstValue("Content-Type")).as(template + " with " + payload)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
			}
		}
		assertThat(erpCalls()).as("no injected request reached the ERP").isEqualTo(erpCallsBefore);
	}

	// helpers

	private static HttpResponse<String> get(String path, String token) {
		return platform.send(request(path, token).GET().build());
	}

	private static HttpResponse<String> post(String path, String token, String body, String idempotencyKey) {
		HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return platform.send(request.build());
	}

	private static HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static void problem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"" + code + "\"");
		assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
	}

	private static String first(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(response.body());
		assertThat(matcher.find()).as("a " + field + " in " + response.body()).isTrue();
		return matcher.group(1);
	}

	private static String firstIn(String body, String after, String field) {
		Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"")
			.matcher(body.substring(body.indexOf(after)));
		assertThat(matcher.find()).as(field + " after " + after).isTrue();
		return matcher.group(1);
	}

	private static String key() {
		return "attack-" + UUID.randomUUID();
	}

	private static int erpConfirmationPosts() {
		String stats = platform
			.send(HttpRequest.newBuilder(URI.create(platform.url("erp-simulator") + "/_sim/stats")).build())
			.body();
		Matcher matcher = Pattern.compile("\"confirmations\":\\{[^}]*\"POST\":(\\d+)").matcher(stats);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	private static int erpCalls() {
		String stats = platform
			.send(HttpRequest.newBuilder(URI.create(platform.url("erp-simulator") + "/_sim/stats")).build())
			.body();
		Matcher matcher = Pattern.compile("\"total\":(\\d+)").matcher(stats);
		int total = 0;
		while (matcher.find()) {
			total += Integer.parseInt(matcher.group(1));
		}
		// the change feed reads the ERP on its own schedule: no request of a client
		Matcher feed = Pattern.compile("\"agent:millgate-change-feed\":(\\d+)").matcher(stats);
		while (feed.find()) {
			total -= Integer.parseInt(feed.group(1));
		}
		return total;
	}

	private static String hs256WithPublicKey(TestTokens trusted) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").build(),
					trusted.claims("mes-plant-1000", "shipments:read").build());
			jwt.sign(new MACSigner(trusted.publicKey().toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tamper(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
		String forged = payload.replace("\"1000\"", "\"1000\",\"2000\"");
		return parts[0] + "." + Base64URL.encode(forged).toString() + "." + parts[2];
	}

}
