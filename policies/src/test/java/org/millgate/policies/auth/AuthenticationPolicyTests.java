package org.millgate.policies.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import org.millgate.policies.core.Caller;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationPolicyTests {

	@Test
	void theCallerComesFromTheClaims() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "mes-plant-1000", "plan", "line-critical",
				"scope", "production-orders:read inventory:read", "plants", List.of("1000"))), "partner-basic");
		assertThat(caller.clientId()).isEqualTo("mes-plant-1000");
		assertThat(caller.plan()).isEqualTo("line-critical");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("production-orders:read", "inventory:read");
		assertThat(caller.plants()).contains(Set.of("1000"));
		assertThat(caller.partnerId()).isEmpty();
	}

	@Test
	void aTokenWithoutPlanGetsTheDefaultPlanAndWithoutPlantsNoPlantLimit() {
		Caller caller = AuthenticationPolicy
			.caller(jwt(Map.of("client_id", "acme", "scope", "shipments:read", "partner_id", "ACME")), "partner-basic");
		assertThat(caller.plan()).isEqualTo("partner-basic");
		assertThat(caller.plants()).isEmpty();
		assertThat(caller.partnerId()).contains("ACME");
	}

	@Test
	void aMalformedPlantsClaimGrantsNoPlant() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "x", "plants", 1000)), "p");
		assertThat(caller.plants()).contains(Set.of());
		assertThat(AuthenticationPolicy.foreignPlant(caller, List.of("1000"))).contains("1000");
	}

	@Test
	void aSpaceSeparatedPlantsClaimIsReadAsTheProductsReadIt() {
		Caller caller = AuthenticationPolicy.caller(jwt(Map.of("client_id", "x", "plants", "1000 2000")), "p");
		assertThat(caller.plants()).contains(Set.of("1000", "2000"));
	}

	@Test
	void onlyPlantsOutsideTheClaimAreForeign() {
		Caller caller = new Caller("http://issuer.test", "c", "p", Optional.empty(), Optional.of(Set.of("1000")),
				Set.of());
		assertThat(AuthenticationPolicy.foreignPlant(caller, List.of("1000"))).isEmpty();
		assertThat(AuthenticationPolicy.foreignPlant(caller, List.of("1000", "2000"))).contains("2000");
		Caller unlimited = new Caller("http://issuer.test", "c", "p", Optional.empty(), Optional.empty(), Set.of());
		assertThat(AuthenticationPolicy.foreignPlant(unlimited, List.of("2000"))).isEmpty();
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
