package org.millgate.product.web;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

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
 * plants from groups), for the contract's scope checks and the caller alike.
 */
@ProductTest(checkDeclaredAnswers = false)
class MoreIssuersTests {

	private static final TestTokens entra = TestTokens.issuer("http://entra.test/tenant/v2.0");

	private static final String AVAILABILITY = "/v1/inventory/availability?plant=1000&material=FG-100";

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

	private static String entraToken(List<String> roles, String scope) {
		return entra.signed(new JWTClaimsSet.Builder().issuer(entra.issuer())
			.audience(TestTokens.AUDIENCE)
			.subject("0f3c-service-principal")
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
