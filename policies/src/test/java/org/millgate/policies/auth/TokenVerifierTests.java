package org.millgate.policies.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.ClaimMapping;
import org.millgate.testing.TestTokens;
import org.millgate.web.CredentialRevocations;
import org.millgate.web.TokenIntrospection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTests {

	private static final TestTokens tokens = TestTokens.get();

	private static final TestTokens partnerIdp = TestTokens.issuer("http://partner-idp.test");

	private static final TokenVerifier verifier = new TokenVerifier(new TokenVerifier.Config(
			List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE),
					new TrustedIssuer(partnerIdp.issuer(), partnerIdp.jwkSetUri(), TestTokens.AUDIENCE)),
			Duration.ofSeconds(30), Set.of("RS256")));

	@Test
	void aValidTokenOfEitherTrustedIssuerIsAccepted() {
		Jwt jwt = verifier.verify(tokens.token("mes-plant-1000", "inventory:read", List.of("1000"))).block();
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("mes-plant-1000");
		Jwt partner = verifier.verify(partnerIdp.signed(partnerIdp.claims("acme", "shipments:read").build())).block();
		assertThat(partner.getIssuer().toString()).isEqualTo("http://partner-idp.test");
	}

	@Test
	void should_read_each_issuers_tokens_by_its_own_claim_mapping() {
		TestTokens entra = TestTokens.issuer("http://entra.test/tenant/v2.0");
		TokenVerifier mapped = new TokenVerifier(
				new TokenVerifier.Config(
						List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE),
								new TrustedIssuer(entra.issuer(), entra.jwkSetUri(), TestTokens.AUDIENCE,
										new ClaimMapping(List.of("azp"), List.of("roles"),
												Map.of("Inventory.Read", "inventory:read"), "groups",
												"millgate-plant-(\\d{4})", "partner_id", "", null))),
						Duration.ofSeconds(30), Set.of("RS256")));
		String entraToken = entra.signed(new JWTClaimsSet.Builder().issuer(entra.issuer())
			.audience(TestTokens.AUDIENCE)
			.subject("0f3c")
			.claim("azp", "wms-plant-1000")
			.claim("roles", List.of("Inventory.Read"))
			.claim("groups", List.of("millgate-plant-1000", "everyone"))
			.claim("plants", List.of("2000"))
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build());

		Caller fromEntra = mapped.caller(mapped.verify(entraToken).block(), "plant-standard");
		Caller fromIdentity = mapped
			.caller(mapped.verify(tokens.token("wms-plant-1000", "inventory:read", List.of("1000"))).block(), "x");

		assertThat(fromEntra.clientId()).isEqualTo("wms-plant-1000");
		assertThat(fromEntra.scopes()).containsExactly("inventory:read");
		assertThat(fromEntra.plants()).as("from the groups, not the unmapped plants claim").containsExactly("1000");
		assertThat(fromEntra.plan()).isEqualTo("plant-standard");
		assertThat(fromIdentity.scopes()).containsExactly("inventory:read");
		assertThat(fromIdentity.plants()).containsExactly("1000");
	}

	@Test
	void expiredTokensAreRefused() {
		refused(tokens.signed(tokens.claims("c", "s")
			.issueTime(Date.from(Instant.now().minusSeconds(600)))
			.expirationTime(Date.from(Instant.now().minusSeconds(120)))
			.build()), "expired");
	}

	@Test
	void should_keep_a_calling_clients_token_remembered_while_many_others_pass_once_and_stay_bounded() {
		TokenVerifier bounded = new TokenVerifier(new TokenVerifier.Config(
				List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE)),
				Duration.ofSeconds(30), Set.of("RS256"), 10));
		String hot = tokens.token("mes-plant-1000", "inventory:read", List.of("1000"));
		List<String> once = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			once.add(tokens.token("partner-" + i, "shipments:read", List.of()));
		}

		bounded.verify(hot).block();
		for (int i = 0; i < once.size(); i++) {
			assertThat(bounded.verify(once.get(i)).block()).isNotNull();
			if (i % 3 == 2) {
				assertThat(bounded.remembers(hot)).as("the calling client's token after %d others", i + 1).isTrue();
				assertThat(bounded.verify(hot).block()).isNotNull();
			}
			assertThat(bounded.rememberedCount()).as("after %d tokens", i + 2).isLessThanOrEqualTo(10);
		}

		assertThat(bounded.remembers(hot)).isTrue();
		assertThat(bounded.remembers(once.get(0))).as("passed once, long ago").isFalse();
		assertThat(bounded.remembers(once.get(once.size() - 1))).isTrue();
	}

	@Test
	void aRememberedTokenIsRefusedOnceItExpires() {
		MovableClock clock = new MovableClock(Instant.now());
		TokenVerifier remembering = new TokenVerifier(
				config(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE)), List.of(),
				clock);
		String token = tokens
			.signed(tokens.claims("c", "s").expirationTime(Date.from(clock.instant().plusSeconds(60))).build());

		assertThat(remembering.verify(token).block()).isNotNull();
		clock.now = clock.now.plusSeconds(60 + 20);
		assertThat(remembering.verify(token).block()).as("within the clock skew").isNotNull();
		clock.now = clock.now.plusSeconds(20);
		assertThatThrownBy(() -> remembering.verify(token).block()).isInstanceOf(TokenVerifier.InvalidToken.class)
			.hasMessageContaining("expired");
	}

	static final class MovableClock extends Clock {

		volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

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

	@Test
	void anEncryptedTokenIsRefusedNotFailedOn() {
		String header = Base64URL.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}").toString();
		refused(header + ".a.b.c.d", "not signed");
	}

	@Test
	void anIssuerWhoseKeysCannotBeFetchedIsToldApartFromABadToken() {
		TestTokens down = TestTokens.issuer("http://down.test");
		TokenVerifier withDownIssuer = new TokenVerifier(
				config(new TrustedIssuer(down.issuer(), "http://127.0.0.1:1/jwks", TestTokens.AUDIENCE)));
		assertThatThrownBy(() -> withDownIssuer.verify(down.signed(down.claims("c", "s").build())).block())
			.isInstanceOf(TokenVerifier.IssuerUnavailable.class)
			.hasMessageContaining("http://down.test");
	}

	@Test
	void unknownKeyIdsDoNotMakeEveryRequestFetchTheKeys() throws Exception {
		TestTokens issuer = TestTokens.issuer("http://counted.test");
		String keys = new String(URI.create(issuer.jwkSetUri()).toURL().openStream().readAllBytes(),
				StandardCharsets.UTF_8);
		AtomicInteger fetches = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/jwks", (exchange) -> {
			fetches.incrementAndGet();
			byte[] body = keys.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			TokenVerifier counted = new TokenVerifier(config(new TrustedIssuer(issuer.issuer(),
					"http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", TestTokens.AUDIENCE)));
			assertThat(counted.verify(issuer.signed(issuer.claims("c", "s").build())).block()).isNotNull();
			for (int i = 0; i < 20; i++) {
				String forged = issuer.signedNaming(issuer.claims("c", "s").build(), "kid-" + i);
				assertThatThrownBy(() -> counted.verify(forged).block()).isInstanceOf(TokenVerifier.InvalidToken.class);
			}
			assertThat(fetches.get()).as("key set fetches").isEqualTo(1);
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * Finding 6 of the source review: a key set once fetched was trusted for a known key
	 * id until restart, so a key the issuer withdrew stayed good.
	 */
	@Test
	void finding6AKeyTheIssuerWithdrawsStopsBeingTrustedWithinTheKeySetLifetime() throws Exception {
		TestTokens issuer = TestTokens.issuer("http://rotating.test");
		TestTokens successor = TestTokens.issuer("http://successor.test");
		AtomicReference<String> served = new AtomicReference<>(read(issuer.jwkSetUri()));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/jwks", (exchange) -> {
			String keys = served.get();
			if (keys == null) {
				exchange.sendResponseHeaders(503, -1);
			}
			else {
				byte[] body = keys.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		server.start();
		try {
			MovableClock clock = new MovableClock(Instant.now());
			TokenVerifier rotating = new TokenVerifier(new TokenVerifier.Config(
					List.of(new TrustedIssuer(issuer.issuer(),
							"http://127.0.0.1:" + server.getAddress().getPort() + "/jwks", TestTokens.AUDIENCE)),
					Duration.ofSeconds(30), Set.of("RS256"), 100, Duration.ofMinutes(5)), List.of(), clock);
			String remembered = issuer.signed(issuer.claims("c", "s")
				.expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1))))
				.build());
			assertThat(rotating.verify(remembered).block()).isNotNull();

			// the issuer withdraws its key (same key id, a new key); within the lifetime
			// the key set held is trusted
			served.set(read(successor.jwkSetUri()));
			clock.now = clock.now.plus(Duration.ofMinutes(4));
			assertThat(rotating.verify(remembered).block()).as("within the key set's lifetime").isNotNull();

			clock.now = clock.now.plus(Duration.ofMinutes(2));
			assertThatThrownBy(() -> rotating.verify(remembered).block()).as("the remembered token, past the lifetime")
				.isInstanceOf(TokenVerifier.InvalidToken.class)
				.hasMessageContaining("signature");
			String fresh = issuer.signed(issuer.claims("c", "s")
				.expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1))))
				.build());
			assertThatThrownBy(() -> rotating.verify(fresh).block()).as("a new token signed by the withdrawn key")
				.isInstanceOf(TokenVerifier.InvalidToken.class);

			// when the issuer cannot be asked once the lifetime is over, the keys held
			// are
			// used on: the issuer's outage does not stop every call
			String successors = successor.signed(successor.claims("c", "s")
				.issuer(issuer.issuer())
				.expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1))))
				.build());
			assertThat(rotating.verify(successors).block()).isNotNull();
			served.set(null);
			clock.now = clock.now.plus(Duration.ofMinutes(6));
			assertThat(rotating.verify(successors).block()).as("issuer down, keys past their lifetime").isNotNull();
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * Finding 6: the revocation list failed open until it was first read.
	 */
	@Test
	void finding6TokensOfAnIssuerWhoseRevocationListWasNeverReadAreNotAccepted() {
		CredentialRevocations unread = new CredentialRevocations(TestTokens.ISSUER,
				URI.create("http://127.0.0.1:1/oauth2/revocations"));
		TokenVerifier failingClosed = new TokenVerifier(
				config(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE)), List.of(unread));
		unread.refresh().block();
		assertThatThrownBy(
				() -> failingClosed.verify(tokens.token("mes-plant-1000", "inventory:read", List.of("1000"))).block())
			.isInstanceOf(TokenVerifier.IssuerUnavailable.class)
			.hasMessageContaining("revocation list")
			.hasMessageContaining("not been read");
	}

	@Test
	void aTokenItsIssuerNoLongerCallsActiveIsRefusedAndTheOtherIssuersTokensAreNotAskedAbout() throws Exception {
		Set<String> inactive = java.util.concurrent.ConcurrentHashMap.newKeySet();
		AtomicInteger asked = new AtomicInteger();
		AtomicReference<Boolean> down = new AtomicReference<>(false);
		HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		idp.createContext("/introspect", (exchange) -> {
			asked.incrementAndGet();
			String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (down.get()) {
				exchange.sendResponseHeaders(502, -1);
				exchange.close();
				return;
			}
			boolean active = inactive.stream().noneMatch((token) -> form.contains("token=" + token));
			byte[] body = ("{\"active\":" + active + "}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		idp.start();
		try {
			TokenIntrospection introspection = new TokenIntrospection(partnerIdp.issuer(),
					new TokenIntrospection.Settings("http://127.0.0.1:" + idp.getAddress().getPort() + "/introspect",
							"millgate", "secret", Duration.ZERO, null, null));
			TokenVerifier asking = new TokenVerifier(
					new TokenVerifier.Config(
							List.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE),
									new TrustedIssuer(partnerIdp.issuer(), partnerIdp.jwkSetUri(),
											TestTokens.AUDIENCE)),
							Duration.ofSeconds(30), Set.of("RS256")),
					List.of(), List.of(introspection));
			String partnerToken = partnerIdp.signed(partnerIdp.claims("acme", "shipments:read").build());
			String identityToken = tokens.token("mes-plant-1000", "inventory:read", List.of("1000"));

			assertThat(asking.verify(partnerToken).block()).isNotNull();
			assertThat(asking.verify(identityToken).block()).isNotNull();
			assertThat(asked).as("only the introspecting issuer's token").hasValue(1);

			inactive.add(partnerToken);
			assertThatThrownBy(() -> asking.verify(partnerToken).block())
				.as("remembered as verified, and still asked about")
				.isInstanceOf(TokenVerifier.InvalidToken.class)
				.hasMessageContaining("no longer active");

			down.set(true);
			String unseen = partnerIdp.signed(partnerIdp.claims("acme-2", "shipments:read").build());
			assertThatThrownBy(() -> asking.verify(unseen).block()).isInstanceOf(TokenVerifier.IssuerUnavailable.class)
				.hasMessageContaining(partnerIdp.issuer());
		}
		finally {
			idp.stop(0);
		}
	}

	private static String read(String uri) throws IOException {
		return new String(URI.create(uri).toURL().openStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	private static TokenVerifier.Config config(TrustedIssuer issuer) {
		return new TokenVerifier.Config(List.of(issuer), Duration.ofSeconds(30), Set.of("RS256"));
	}

	private static void refused(String token, String reason) {
		assertThatThrownBy(() -> verifier.verify(token).block()).isInstanceOf(TokenVerifier.InvalidToken.class)
			.hasMessageContaining(reason);
	}

}
