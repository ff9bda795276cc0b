package org.millgate.product.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.product.ProductTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * A product trusting the enterprise's identity provider beside Millgate's: its tokens are
 * verified with its own keys and read by its own claim mapping (app roles as scopes,
 * plants from groups), for the contract's scope checks and the caller alike; and asked
 * whether each of its tokens is still active (token introspection), as an issuer without
 * a revocation list is.
 */
@ProductTest(checkDeclaredAnswers = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoreIssuersTests {

	private static final TestTokens entra = TestTokens.issuer("http://entra.test/tenant/v2.0");

	private static final String AVAILABILITY = "/v1/inventory/availability?plant=1000&material=FG-100";

	/**
	 * Tokens the enterprise IdP no longer calls active; the text "unanswerable" fails.
	 */
	private static final Set<String> inactive = ConcurrentHashMap.newKeySet();

	private static final HttpServer introspection = introspection();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void enterpriseIssuer(DynamicPropertyRegistry registry) {
		String issuer = "millgate.product.more-issuers[0].";
		registry.add(issuer + "issuer", entra::issuer);
		registry.add(issuer + "jwk-set-uri", entra::jwkSetUri);
		registry.add(issuer + "claims.client-id", () -> "azp");
		registry.add(issuer + "claims.scopes", () -> "roles");
		registry.add(issuer + "claims.scope-values.[Inventory.Read]", () -> "inventory:read");
		registry.add(issuer + "claims.plants", () -> "groups");
		registry.add(issuer + "claims.plant-pattern", () -> "millgate-plant-(\\d{4})");
		registry.add(issuer + "introspection.uri",
				() -> "http://127.0.0.1:" + introspection.getAddress().getPort() + "/introspect");
		registry.add(issuer + "introspection.client-id", () -> "millgate-products");
		registry.add(issuer + "introspection.client-secret", () -> "introspection-secret");
		registry.add(issuer + "introspection.cache-for", () -> "0s");
	}

	@Test
	void should_refuse_an_enterprise_token_its_issuer_no_longer_calls_active() {
		String token = entraToken(List.of("Inventory.Read"), "");
		assertThat(get(token).getStatus().value()).isEqualTo(200);

		inactive.add(token);
		EntityExchangeResult<byte[]> refused = get(token);

		assertProblem(refused, 401, "auth.tokenInvalid");
		assertThat(body(refused)).contains("no longer active");
	}

	// last: after a failed ask, new tokens of the issuer are refused for a moment
	// without asking (TokenIntrospection.QUIET)
	@Test
	@Order(Integer.MAX_VALUE)
	void should_answer_503_for_an_enterprise_token_its_issuer_cannot_be_asked_about() {
		String token = entraToken(List.of("Inventory.Read"), "");
		inactive.add("unanswerable:" + token);
		EntityExchangeResult<byte[]> unavailable = get(token);

		assertProblem(unavailable, 503, "auth.issuerUnavailable");
		assertThat(unavailable.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
	}

	@Test
	void should_serve_the_enterprise_idps_token_by_its_claim_mapping() {
		EntityExchangeResult<byte[]> result = get(entraToken(List.of("Inventory.Read"), "inventory:write"));

		assertThat(result.getStatus().value()).as(body(result)).isEqualTo(200);
		assertThat((String) JsonPath.read(body(result), "$.clientId")).isEqualTo("wms-plant-1000");
		assertThat((List<String>) JsonPath.read(body(result), "$.plants")).containsExactly("1000");
	}

	@Test
	void should_refuse_an_enterprise_token_whose_mapped_claims_lack_the_scope() {
		// the scope claim is not this issuer's: only its roles grant scopes
		assertProblem(get(entraToken(List.of("Reports.Export"), "inventory:read")), 403, "auth.insufficientScope");
	}

	@Test
	void should_keep_serving_millgates_own_tokens_by_the_standard_claims() {
		String own = TestTokens.get().token("wms-plant-1000", "inventory:read", List.of("1000"));

		assertThat(get(own).getStatus().value()).isEqualTo(200);
	}

	private static HttpServer introspection() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/introspect", (exchange) -> {
				String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String token = form.replaceAll(".*(?:^|&)token=([^&]*).*", "$1");
				if (inactive.contains("unanswerable:" + token)) {
					exchange.sendResponseHeaders(500, -1);
					exchange.close();
					return;
				}
				byte[] body = ("{\"active\":" + !inactive.contains(token) + "}").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String entraToken(List<String> roles, String scope) {
		return entra.signed(new JWTClaimsSet.Builder().issuer(entra.issuer())
			.audience(TestTokens.AUDIENCE)
			.subject("0f3c-service-principal")
			// a token of its own per call: one the IdP calls inactive is no other test's
			.jwtID(UUID.randomUUID().toString())
			.claim("azp", "wms-plant-1000")
			.claim("roles", roles)
			.claim("scope", scope)
			.claim("groups", List.of("millgate-plant-1000", "everyone"))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build());
	}

	private EntityExchangeResult<byte[]> get(String token) {
		return this.client.get()
			.uri(AVAILABILITY)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectBody()
			.returnResult();
	}

}
