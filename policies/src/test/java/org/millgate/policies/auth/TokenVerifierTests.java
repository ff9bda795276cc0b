package org.millgate.policies.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import org.millgate.contracts.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTests {

	private static final TestTokens tokens = TestTokens.get();

	private static final TestTokens partnerIdp = TestTokens.issuer("http://partner-idp.test");

	private static final TokenVerifier verifier = new TokenVerifier(
			List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE),
					new TrustedIssuer(partnerIdp.issuer(), partnerIdp.jwkSetUri(), TestTokens.AUDIENCE)),
			Duration.ofSeconds(30), Set.of("RS256"));

	@Test
	void aValidTokenOfEitherTrustedIssuerIsAccepted() {
		Jwt jwt = verifier.verify(tokens.token("mes-plant-1000", "inventory:read", List.of("1000"))).block();
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("mes-plant-1000");
		Jwt partner = verifier.verify(partnerIdp.signed(partnerIdp.claims("acme", "shipments:read").build())).block();
		assertThat(partner.getIssuer().toString()).isEqualTo("http://partner-idp.test");
	}

	@Test
	void expiredTokensAreRefused() {
		refused(tokens.signed(tokens.claims("c", "s")
			.issueTime(Date.from(Instant.now().minusSeconds(600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(120)))
			.build()), "expired");
	}

	@Test
	void anExpiryWithinTheClockSkewIsTolerated() {
		String token = tokens.signed(tokens.claims("c", "s")
			.issueTime(Date.from(Instant.now().minusSeconds(600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(10)))
			.build());
		assertThat(verifier.verify(token).block()).isNotNull();
	}

	@Test
	void notYetValidTokensAreRefused() {
		refused(tokens.signed(tokens.claims("c", "s").notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
				"not");
	}

	@Test
	void tokensWithoutExpiryAreRefused() {
		refused(tokens.signed(tokens.claims("c", "s").expirationTime(null).build()), "expiry");
	}

	@Test
	void otherAudiencesAreRefused() {
		refused(tokens.signed(tokens.claims("c", "s").audience("another-api").build()), "aud");
	}

	@Test
	void untrustedIssuersAreRefusedEvenWhenSignedByATrustedKey() {
		refused(tokens.signed(tokens.claims("c", "s").issuer("http://evil.test").build()),
				"issuer 'http://evil.test' is not trusted");
	}

	@Test
	void aTokenOfOneIssuerSignedByAnotherIssuersKeyIsRefused() {
		refused(partnerIdp.signed(tokens.claims("c", "s").build()), "signature");
	}

	@Test
	void unsignedTokensAreRefused() {
		refused(new PlainJWT(tokens.claims("c", "s").build()).serialize(), "not signed");
	}

	@Test
	void hs256SignedWithThePublicKeyIsRefused() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), tokens.claims("c", "s").build());
		jwt.sign(new MACSigner(tokens.publicKey().toRSAPublicKey().getEncoded()));
		refused(jwt.serialize(), "algorithm HS256 is not accepted");
	}

	@Test
	void anUnknownKeyIdIsRefused() {
		refused(tokens.signedNaming(tokens.claims("c", "s").build(), "no-such-key"), "signature");
	}

	@Test
	void aTamperedPayloadIsRefused() {
		String token = tokens.token("mes-plant-1000", "inventory:read", List.of("1000"));
		String[] parts = token.split("\\.");
		String forged = Base64URL
			.encode(tokens.claims("mes-plant-1000", "inventory:read")
				.claim("plants", List.of("1000", "2000"))
				.build()
				.toString())
			.toString();
		refused(parts[0] + "." + forged + "." + parts[2], "signature");
	}

	@Test
	void garbageIsRefused() {
		refused("not-a-token", "well-formed");
	}

	private static void refused(String token, String reason) {
		assertThatThrownBy(() -> verifier.verify(token).block()).isInstanceOf(TokenVerifier.InvalidToken.class)
			.hasMessageContaining(reason);
	}

}
