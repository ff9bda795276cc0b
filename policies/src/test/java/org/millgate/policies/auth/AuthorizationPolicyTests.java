package org.millgate.policies.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.FilterClient;
import org.millgate.policies.core.TestRoutes;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;

class AuthorizationPolicyTests {

	private static final AuthorizationPolicy policy = new AuthorizationPolicy(new Problems(ProblemTypes.load()));

	@Test
	void onlyPlantsOutsideTheClaimAreForeign() {
		Caller caller = new Caller("http://issuer.test", "c", "p", null, Set.of("1000"), true, Set.of());
		assertThat(AuthorizationPolicy.foreignPlant(caller, List.of("1000"))).isEmpty();
		assertThat(AuthorizationPolicy.foreignPlant(caller, List.of("1000", "2000"))).contains("2000");
		Caller withoutPlants = new Caller("http://issuer.test", "c", "p", null, Set.of(), false, Set.of());
		assertThat(AuthorizationPolicy.foreignPlant(withoutPlants, List.of("2000"))).as("sees no plant")
			.contains("2000");
		assertThat(AuthorizationPolicy.foreignPlant(withoutPlants, List.of())).isEmpty();
	}

	@Test
	void should_refuse_a_plant_to_a_token_without_plants_as_not_found() {
		FilterClient filter = filter(TestRoutes.productionOrders(), "/v1/production-orders",
				Map.of("client_id", "reporting", "scope", "production-orders:read"));

		EntityExchangeResult<byte[]> result = filter.client()
			.get()
			.uri("/v1/production-orders?plant=1000")
			.exchange()
			.expectBody()
			.returnResult();

		assertProblem(result, 404, AuthorizationPolicy.RESOURCE_NOT_FOUND);
		assertThat(filter.upstreamCalls()).isZero();
	}

	@Test
	void should_leave_the_plants_of_a_partner_token_without_plants_to_its_product() {
		FilterClient filter = filter(TestRoutes.shipments(), "/v1/shipments",
				Map.of("client_id", "acme-app", "scope", "shipments:read", "partner_id", "ACME"));

		filter.client().get().uri("/v1/shipments?plant=1000").exchange().expectStatus().isOk();

		assertThat(filter.upstreamCalls()).isOne();
	}

	@Test
	void should_check_the_plants_of_a_partner_token_that_lists_some() {
		FilterClient filter = filter(TestRoutes.shipments(), "/v1/shipments", Map.of("client_id", "acme-app", "scope",
				"shipments:read", "partner_id", "ACME", "plants", List.of("1000")));

		filter.client().get().uri("/v1/shipments?plant=1000").exchange().expectStatus().isOk();
		EntityExchangeResult<byte[]> foreign = filter.client()
			.get()
			.uri("/v1/shipments?plant=2000")
			.exchange()
			.expectBody()
			.returnResult();

		assertProblem(foreign, 404, AuthorizationPolicy.RESOURCE_NOT_FOUND);
		assertThat(filter.upstreamCalls()).isOne();
	}

	@Test
	void should_refuse_a_token_without_the_operations_scope_naming_it() {
		FilterClient filter = filter(TestRoutes.shipments(), "/v1/shipments",
				Map.of("client_id", "mes", "scope", "inventory:read", "plants", List.of("1000")));

		EntityExchangeResult<byte[]> result = filter.client()
			.get()
			.uri("/v1/shipments?plant=1000")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"shipments:read\"")
			.expectBody()
			.returnResult();

		assertProblem(result, 403, AuthorizationPolicy.INSUFFICIENT_SCOPE);
		assertThat(filter.upstreamCalls()).isZero();
	}

	// the filter as the gateway runs it: after versioning found the operation and
	// authentication the caller
	private static FilterClient filter(ApiRoute route, String path, Map<String, Object> claims) {
		return new FilterClient(policy.apply(route), (exchange) -> {
			ApiCall call = ApiCall.of(exchange);
			call.operation(route.operation("GET", path).orElseThrow());
			call.caller(Caller.fromClaims(claims, "partner-basic"));
		});
	}

}
