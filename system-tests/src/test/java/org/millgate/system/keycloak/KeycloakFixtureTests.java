package org.millgate.system.keycloak;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real-Keycloak fixture ({@link LocalKeycloak}) gives what the interoperability tests
 * rely on: tokens of identity's demo clients with the same claims as identity's (issuer,
 * client, audience, scopes, plants, partner, plan), signed with a key of the realm's JWK
 * set, and a disabled client refused. Skipped where no JDK 21+ exists.
 */
class KeycloakFixtureTests {

	static LocalKeycloak keycloak;

	@BeforeAll
	static void keycloak() {
		keycloak = LocalKeycloak.startIfPossible().orElse(null);
		if (keycloak == null) {
			return;
		}
		System.out.printf("[keycloak] KeycloakFixtureTests use Keycloak at %s, started in %.1f s, %d MiB resident%n",
				keycloak.issuer(), keycloak.startup().toMillis() / 1000.0, keycloak.residentKib() / 1024);
	}

	// per test, so that each is reported skipped with the reason
	@BeforeEach
	void keycloakRuns() {
		assumeTrue(keycloak != null, () -> "Skipped: " + LocalKeycloak.unavailableReason());
	}

	// soft assertions: a broken claim does not hide the others
	@Test
	void aPlantClientsTokenCarriesItsScopesPlantsAndPlan() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(keycloak.token("mes-plant-1000")).getJWTClaimsSet();
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(claims.getIssuer()).as("iss").isEqualTo(keycloak.issuer());
		softly.assertThat(claims.getClaim("azp")).as("azp").isEqualTo("mes-plant-1000");
		softly.assertThat(claims.getAudience()).as("aud").contains(LocalKeycloak.AUDIENCE);
		softly.assertThat(scopes(claims))
			.as("scope")
			.contains("production-orders:read", "production-orders:write", "inventory:read");
		softly.assertThat(claims.getClaim("plants")).as("plants").isEqualTo(List.of("1000"));
		softly.assertThat(claims.getClaim("plan")).as("plan").isEqualTo("line-critical");
		softly.assertThat(claims.getClaims()).as("claims").doesNotContainKey("partner_id");
		softly.assertAll();
	}

	@Test
	void aPartnersTokenCarriesItsPartnerAndNoPlants() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(keycloak.token("partner-acme")).getJWTClaimsSet();
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(claims.getClaim("azp")).as("azp").isEqualTo("partner-acme");
		softly.assertThat(claims.getClaim("partner_id")).as("partner_id").isEqualTo("ACME");
		softly.assertThat(claims.getClaims()).as("claims").doesNotContainKey("plants");
		softly.assertThat(claims.getClaim("plan")).as("plan").isEqualTo("partner-basic");
		softly.assertThat(scopes(claims)).as("scope").containsExactly("shipments:read");
		softly.assertThat(claims.getAudience()).as("aud").contains(LocalKeycloak.AUDIENCE);
		softly.assertAll();
	}

	@Test
	void tokensAreSignedWithAnRs256KeyOfTheRealmsJwkSet() throws Exception {
		SignedJWT token = SignedJWT.parse(keycloak.token("wms-plant-1000"));
		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWKSet keys = JWKSet.load(URI.create(keycloak.jwkSetUri()).toURL());
		JWK key = keys.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).as("the key %s in %s", token.getHeader().getKeyID(), keycloak.jwkSetUri()).isNotNull();
		assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
		assertThat(token.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
	}

	@Test
	void aDisabledClientGetsNoTokenWhileItsEarlierTokenStaysSignedButInactive() throws Exception {
		String earlier = keycloak.token("partner-beta");
		assertThat(keycloak.active(earlier)).isTrue();
		keycloak.disable("partner-beta");
		try {
			HttpResponse<String> refused = keycloak.requestToken("partner-beta");
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
			assertThat(refused.body()).contains("invalid_client");
			// Keycloak revokes nothing it issued: the earlier token still verifies
			// against the JWK set and has not expired; only introspection knows it is
			// no longer active
			SignedJWT token = SignedJWT.parse(earlier);
			JWK key = JWKSet.load(URI.create(keycloak.jwkSetUri()).toURL()).getKeyByKeyId(token.getHeader().getKeyID());
			assertThat(token.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
			assertThat(token.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
			assertThat(keycloak.active(earlier)).isFalse();
		}
		finally {
			keycloak.enable("partner-beta");
		}
		// refused because disabled, not for a wrong secret: enabled again, it gets one
		assertThat(keycloak.requestToken("partner-beta").statusCode()).isEqualTo(200);
	}

	@Test
	void everyDemoClientGetsATokenWithItsOwnClaims() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		for (LocalKeycloak.DemoClient client : LocalKeycloak.DEMO_CLIENTS) {
			JWTClaimsSet claims = SignedJWT.parse(keycloak.token(client.id())).getJWTClaimsSet();
			softly.assertThat(scopes(claims))
				.as("%s scope", client.id())
				.containsExactlyInAnyOrderElementsOf(client.scopes());
			softly.assertThat(claims.getClaim("plants"))
				.as("%s plants", client.id())
				.isEqualTo(client.plants().isEmpty() ? null : client.plants());
			softly.assertThat(claims.getClaim("partner_id"))
				.as("%s partner_id", client.id())
				.isEqualTo(client.partnerId());
			softly.assertThat(claims.getClaim("plan")).as("%s plan", client.id()).isEqualTo(client.plan());
			softly.assertThat(claims.getAudience()).as("%s aud", client.id()).contains(LocalKeycloak.AUDIENCE);
		}
		softly.assertAll();
	}

	// the scope claim, a space-separated string at Keycloak as at identity
	private static List<String> scopes(JWTClaimsSet claims) {
		return (claims.getClaim("scope") instanceof String scope) ? List.of(scope.split(" ")) : List.of();
	}

}
