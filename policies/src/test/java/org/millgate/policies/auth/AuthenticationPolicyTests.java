package org.millgate.policies.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.FilterClient;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.policies.core.TestRoutes;
import org.millgate.testing.TestTokens;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;

class AuthenticationPolicyTests {

	private static final TestTokens tokens = TestTokens.get();

	@Test
	void theCallerComesFromTheClaims() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "mes-plant-1000", "plan", "line-critical",
				"scope", "production-orders:read inventory:read", "plants", List.of("1000"))), "partner-basic");
		assertThat(caller.clientId()).isEqualTo("mes-plant-1000");
		assertThat(caller.plan()).isEqualTo("line-critical");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("production-orders:read", "inventory:read");
		assertThat(caller.plants()).containsExactly("1000");
		assertThat(caller.limitedByPlants()).isTrue();
		assertThat(caller.partnerId()).isNull();
	}

	@Test
	void aTokenWithoutPlanGetsTheDefaultPlanAndWithoutPlantsNoPlant() {
		Caller caller = AuthenticationPolicy
			.caller(jwt(Map.of("client_id", "acme", "scope", "shipments:read", "partner_id", "ACME")), "partner-basic");
		assertThat(caller.plan()).isEqualTo("partner-basic");
		assertThat(caller.plants()).isEmpty();
		assertThat(caller.limitedByPlants()).isFalse();
		assertThat(caller.partnerId()).isEqualTo("ACME");
	}

	@Test
	void aMalformedPlantsClaimGrantsNoPlant() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "x", "plants", 1000)), "p");
		assertThat(caller.plants()).isEmpty();
		assertThat(caller.limitedByPlants()).isTrue();
		assertThat(AuthorizationPolicy.foreignPlant(caller, List.of("1000"))).contains("1000");
	}

	@Test
	void aSpaceSeparatedPlantsClaimIsReadAsTheProductsReadIt() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "x", "plants", "1000 2000")), "p");
		assertThat(caller.plants()).isEqualTo(Set.of("1000", "2000"));
	}

	@Test
	void should_record_the_verified_caller_with_the_configured_default_plan() {
		ApiCall[] seen = new ApiCall[1];
		FilterClient filter = new FilterClient(policy("plant-standard").apply(TestRoutes.shipments()),
				(exchange) -> seen[0] = ApiCall.of(exchange));

		filter.client()
			.get()
			.uri("/v1/shipments/80000001")
			.header(HttpHeaders.AUTHORIZATION,
					"Bearer " + tokens.token("mes-plant-1000", "shipments:read", List.of("1000")))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(filter.upstreamCalls()).isOne();
		assertThat(seen[0].caller()).hasValueSatisfying((caller) -> {
			assertThat(caller.clientId()).isEqualTo("mes-plant-1000");
			assertThat(caller.plan()).isEqualTo("plant-standard");
		});
		assertThat(seen[0].client()).isEqualTo("mes-plant-1000");
	}

	@Test
	void should_refuse_a_missing_or_malformed_token_with_a_challenge() {
		FilterClient filter = new FilterClient(policy("partner-basic").apply(TestRoutes.shipments()), (exchange) -> {
		});

		EntityExchangeResult<byte[]> missing = filter.client()
			.get()
			.uri("/v1/shipments/80000001")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millgate\"")
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> garbage = filter.client()
			.get()
			.uri("/v1/shipments/80000001")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.exchange()
			.expectBody()
			.returnResult();

		assertProblem(missing, 401, AuthenticationPolicy.TOKEN_INVALID);
		assertProblem(garbage, 401, AuthenticationPolicy.TOKEN_INVALID);
		assertThat(filter.upstreamCalls()).isZero();
	}

	/**
	 * Finding 8 of the source review: requests without a valid token were never
	 * throttled, since throttling runs after authentication.
	 */
	@Test
	void finding8AnAddressSendingInvalidTokensIsThrottledBeforeItsTokensAreRead() {
		TokenVerifier verifier = verifier();
		AuthenticationPolicy policy = new AuthenticationPolicy(verifier,
				RouteConfigs.same(new AuthenticationPolicy.Config("partner-basic")), new Problems(ProblemTypes.load()),
				new FailedAuthentications(new FailedAuthentications.Config(3, 1, null)));
		FilterClient filter = new FilterClient(policy.apply(TestRoutes.shipments()), (exchange) -> {
		});
		String known = tokens.token("mes-plant-1000", "shipments:read", List.of("1000"));
		assertThat(status(filter, known)).as("a token verified before the flood").isEqualTo(200);

		for (int i = 0; i < 3; i++) {
			assertThat(status(filter, "forged-" + i)).isEqualTo(401);
		}
		EntityExchangeResult<byte[]> throttled = filter.client()
			.get()
			.uri("/v1/shipments/80000001")
			.header(HttpHeaders.AUTHORIZATION, "Bearer forged-4")
			.exchange()
			.expectBody()
			.returnResult();
		assertProblem(throttled, 429, "rateLimit.exceeded");
		assertThat(throttled.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(new String(throttled.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8))
			.contains("without a valid access token");
		assertThat(status(filter, null)).as("no token at all").isEqualTo(429);
		assertThat(status(filter, known)).as("the known token, from the same address").isEqualTo(200);
		assertThat(status(filter, tokens.token("mes-plant-2000", "shipments:read", List.of("2000"))))
			.as("a token not seen before, while the address waits")
			.isEqualTo(429);
	}

	private static int status(FilterClient filter, String token) {
		return filter.client().get().uri("/v1/shipments/80000001").headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange().returnResult(byte[].class).getStatus().value();
	}

	private static TokenVerifier verifier() {
		return new TokenVerifier(new TokenVerifier.Config(
				List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE)),
				Duration.ofSeconds(30), Set.of("RS256")));
	}

	private static AuthenticationPolicy policy(String defaultPlan) {
		TokenVerifier verifier = new TokenVerifier(new TokenVerifier.Config(
				List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE)),
				Duration.ofSeconds(30), Set.of("RS256")));
		return new AuthenticationPolicy(verifier, RouteConfigs.same(new AuthenticationPolicy.Config(defaultPlan)),
				new Problems(ProblemTypes.load()));
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("sub")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
		claims.forEach(builder::claim);
		return builder.build();
	}

}
