package org.millgate.product.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import reactor.core.publisher.Mono;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.testing.TestTokens;
import org.millgate.testing.product.ProductTest;
import org.millgate.web.CredentialRevocations;
import org.millgate.web.JsonText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * The starter on its own, in the smallest product there is: a controller of the inventory
 * contract and a request check of the product's.
 */
@ProductTest(checkDeclaredAnswers = false)
class ProductWebTests {

	private static final String READER = TestTokens.get().token("wms-plant-1000", "inventory:read", List.of("1000"));

	private static final String AVAILABILITY = "/v1/inventory/availability?plant=1000&material=";

	@Autowired
	WebTestClient client;

	@Test
	void should_give_the_controller_the_caller_as_a_plain_record() {
		EntityExchangeResult<byte[]> result = get(AVAILABILITY + "FG-100", READER);

		assertThat(result.getStatus().value()).as(body(result)).isEqualTo(200);
		assertThat((String) JsonPath.read(body(result), "$.clientId")).isEqualTo("wms-plant-1000");
		assertThat((List<String>) JsonPath.read(body(result), "$.plants")).containsExactly("1000");
		assertThat((Boolean) JsonPath.read(body(result), "$.limitedByPlants")).isTrue();
	}

	@Test
	void should_refuse_a_missing_or_foreign_token_with_a_problem() {
		EntityExchangeResult<byte[]> none = get(AVAILABILITY + "FG-100", null);
		String foreign = TestTokens.issuer("http://elsewhere.test").token("x", "inventory:read", List.of("1000"));

		assertProblem(none, 401, "auth.tokenInvalid");
		assertThat(none.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertProblem(get(AVAILABILITY + "FG-100", foreign), 401, "auth.tokenInvalid");
	}

	/**
	 * Finding 2 of the source review: a product honoured tokens the gateway refused
	 * (revoked clients, rotated secrets) for their whole lifetime.
	 */
	@Test
	void finding2ProductsRefuseRevokedClientsAndRotatedSecretsAsTheGatewayDoes() {
		String revoked = "app-revoked-" + System.nanoTime();
		String rotated = "app-rotated-" + System.nanoTime();
		String revokedToken = TestTokens.get().token(revoked, "inventory:read", List.of("1000"));
		String oldSecret = TestTokens.get()
			.tokenWith("inventory:read", Map.of("client_id", rotated, "credential_generation", 1));
		String newSecret = TestTokens.get()
			.tokenWith("inventory:read", Map.of("client_id", rotated, "credential_generation", 2));
		assertThat(get(AVAILABILITY + "FG-100", revokedToken).getStatus().value()).isEqualTo(200);
		assertThat(get(AVAILABILITY + "FG-100", oldSecret).getStatus().value()).isEqualTo(200);

		TestTokens.get().revoke(revoked);
		TestTokens.get().rotate(rotated, 2);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> get(AVAILABILITY + "FG-100", revokedToken).getStatus().value() == 401);

		EntityExchangeResult<byte[]> refusedRevoked = get(AVAILABILITY + "FG-100", revokedToken);
		assertProblem(refusedRevoked, 401, "auth.tokenInvalid");
		assertThat(body(refusedRevoked)).contains("has been revoked");
		EntityExchangeResult<byte[]> refusedRotated = get(AVAILABILITY + "FG-100", oldSecret);
		assertProblem(refusedRotated, 401, "auth.tokenInvalid");
		assertThat(body(refusedRotated)).contains("rotated");
		assertThat(get(AVAILABILITY + "FG-100", newSecret).getStatus().value()).isEqualTo(200);
		assertThat(get(AVAILABILITY + "FG-100", READER).getStatus().value()).isEqualTo(200);
	}

	@Test
	void finding2ProductsFailClosedWhileTheRevocationListWasNeverRead() {
		ProductSecurityAutoConfiguration.Revocations unread = new ProductSecurityAutoConfiguration.Revocations(
				new CredentialRevocations(TestTokens.ISSUER, URI.create("http://127.0.0.1:1/oauth2/revocations")));
		ReactiveJwtDecoder decoder = unread.checking((token) -> Mono.just(Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.claim("iss", TestTokens.ISSUER)
			.claim("client_id", "wms-plant-1000")
			.build()));

		assertThatThrownBy(() -> decoder.decode("t").block())
			.isInstanceOf(ProductSecurityAutoConfiguration.Revocations.Unread.class)
			.hasMessageContaining("has not been read yet");
	}

	@Test
	void should_keep_metrics_to_management_clients() {
		assertThat(
				this.client.get().uri("/actuator/prometheus").exchange().returnResult(byte[].class).getStatus().value())
			.as("from loopback")
			.isEqualTo(200);
		assertProblem(exchange(this.client.get().uri("/%61ctuator/../actuator/prometheus")), 404, "resource.notFound");
	}

	@Test
	void should_refuse_a_token_without_the_operations_scope() {
		String other = TestTokens.get().token("mes-plant-1000", "shipments:read", List.of("1000"));

		assertProblem(get(AVAILABILITY + "FG-100", other), 403, "auth.insufficientScope");
	}

	@Test
	void should_check_the_request_against_the_contract_before_the_controller() {
		EntityExchangeResult<byte[]> result = get("/v1/inventory/availability?plant=1000", READER);

		assertProblem(result, 400, "request.invalid");
		assertThat((List<String>) JsonPath.read(body(result), "$.errors[*].pointer")).isNotEmpty();
	}

	@Test
	void should_refuse_a_version_it_does_not_serve_and_an_operation_its_contract_lacks() {
		assertProblem(get("/v9/inventory/availability?plant=1000&material=FG-100", READER), 404, "version.unknown");
		assertProblem(get("/v1/inventory/nothing-here", READER), 404, "resource.notFound");
	}

	@Test
	void should_consult_the_products_own_checks_before_and_after_the_contract() {
		EntityExchangeResult<byte[]> before = exchange(this.client.get()
			.uri("/v1/inventory/availability?plant=1000")
			.headers((headers) -> headers.setBearerAuth(READER))
			.header("X-Test-Refuse", "yes"));
		EntityExchangeResult<byte[]> after = get(AVAILABILITY + "BAD-1", READER);

		// refused before the contract: the missing material is not reported
		assertProblem(before, 400, "idempotency.keyMissing");
		assertProblem(after, 400, "request.invalid");
		assertThat((List<String>) JsonPath.read(body(after), "$.errors[*].pointer")).containsExactly("/query/material");
	}

	@Test
	void should_answer_rejections_and_erp_failures_as_their_problems() {
		EntityExchangeResult<byte[]> down = get(AVAILABILITY + "ERP-DOWN", READER);

		EntityExchangeResult<byte[]> rejected = get(AVAILABILITY + "REJECTED", READER);

		assertProblem(rejected, 404, "material.notFound");
		// the members in the order the gateway writes them too
		assertThat(JsonText.read(rejected.getResponseBody()).propertyNames()).containsExactly("type", "title", "status",
				"detail", "instance", "code", "correlationId");
		assertProblem(down, 503, "erp.unavailable");
		assertThat(down.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(body(down)).doesNotContain("stock read refused");
		assertProblem(get(AVAILABILITY + "ERP-SLOW", READER), 504, "erp.timeout");
	}

	@Test
	void should_answer_erp_refusals_as_refusals_with_the_erps_reason_and_nothing_else() {
		EntityExchangeResult<byte[]> refused = get(AVAILABILITY + "ERP-REFUSED", READER);
		EntityExchangeResult<byte[]> locked = get(AVAILABILITY + "ERP-LOCKED", READER);
		EntityExchangeResult<byte[]> limit = get(AVAILABILITY + "ERP-LIMIT", READER);

		assertProblem(refused, 422, "erp.rejected");
		assertThat((String) JsonPath.read(body(refused), "$.detail")).isEqualTo(
				"The ERP refused the request: Enter a yield or scrap quantity greater than zero (ERP message RU/150).");
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
		assertProblem(locked, 409, "erp.conflict");
		assertThat((String) JsonPath.read(body(locked), "$.detail")).contains("Order 1000123 is not released",
				"RU/101");
		assertProblem(limit, 422, "erp.limitExceeded");
		assertThat((String) JsonPath.read(body(limit), "$.detail"))
			.isEqualTo("The note has 41 characters; the ERP keeps at most 40; nothing was sent to the ERP.");
		for (EntityExchangeResult<byte[]> result : List.of(refused, locked, limit)) {
			assertThat(body(result)).doesNotContain("sap-internal", "ConfirmationText");
		}
	}

	@Test
	void should_answer_an_unexpected_failure_as_500_quoting_the_correlation_id_only() {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri(AVAILABILITY + "BROKEN")
			.headers((headers) -> headers.setBearerAuth(READER))
			.header("X-Correlation-Id", "line-4-call-000042")
			.exchange()
			.expectBody()
			.returnResult();

		assertProblem(result, 500, "server.internalError");
		assertThat((String) JsonPath.read(body(result), "$.correlationId")).isEqualTo("line-4-call-000042");
		assertThat(body(result)).doesNotContain("internal detail");
	}

	@Test
	void should_keep_a_correlation_id_the_contract_allows_and_replace_any_other() {
		String kept = this.client.get()
			.uri(AVAILABILITY + "FG-100")
			.headers((headers) -> headers.setBearerAuth(READER))
			.header("X-Correlation-Id", "dock-7-scan-000123")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Correlation-Id");
		String replaced = this.client.get()
			.uri(AVAILABILITY + "FG-100")
			.headers((headers) -> headers.setBearerAuth(READER))
			.header("X-Correlation-Id", "short")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Correlation-Id");

		assertThat(kept).isEqualTo("dock-7-scan-000123");
		assertThat(replaced).matches("[0-9a-f-]{36}");
	}

	@Test
	void should_serve_the_contract_itself_and_a_swagger_ui_of_it() {
		EntityExchangeResult<byte[]> contract = get("/contracts/inventory/v1.yaml", null);
		EntityExchangeResult<byte[]> initializer = get("/webjars/swagger-ui/swagger-initializer.js", null);

		assertThat(contract.getStatus().value()).isEqualTo(200);
		assertThat(contract.getResponseHeaders().getContentType()).hasToString("application/yaml");
		assertThat(body(contract)).startsWith("openapi: 3.0.3");
		assertThat(body(initializer)).contains("url: '/contracts/inventory/v1.yaml'");
	}

	private EntityExchangeResult<byte[]> get(String uri, String token) {
		return exchange(this.client.get().uri(uri).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}));
	}

	private static EntityExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> request) {
		EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
		assertThat(result.getResponseHeaders().getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		return result;
	}

}
