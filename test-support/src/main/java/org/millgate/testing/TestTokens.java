package org.millgate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Real RS256 tokens for tests, signed with a key whose JWK set is served over HTTP, as an
 * issuer would, beside a revocation list in the format of Millgate identity's
 * {@code /oauth2/revocations} ({@link #revoke}, {@link #rotate}). Shared by every
 * module's tests through test-support.
 */
public final class TestTokens {

	public static final String ISSUER = "http://issuer.test";

	public static final String AUDIENCE = "millgate-api";

	private static TestTokens instance;

	private static final Map<String, TestTokens> others = new HashMap<>();

	private final String issuer;

	private final RSAKey key;

	private final HttpServer server;

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Map<String, Long> generations = new ConcurrentHashMap<>();

	private TestTokens(String issuer) throws JOSEException, IOException {
		this.issuer = issuer;
		this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(jwks);
			}
		});
		this.server.createContext("/oauth2/revocations", (exchange) -> {
			byte[] list = revocationList().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, list.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(list);
			}
		});
		this.server.start();
	}

	private String revocationList() {
		String ids = this.revoked.stream().map((id) -> "\"" + id + "\"").collect(Collectors.joining(","));
		String rotated = this.generations.entrySet()
			.stream()
			.map((entry) -> "\"" + entry.getKey() + "\":" + entry.getValue())
			.collect(Collectors.joining(","));
		return "{\"revoked\":[" + ids + "],\"generations\":{" + rotated + "}}";
	}

	public static synchronized TestTokens get() {
		if (instance == null) {
			try {
				instance = new TestTokens(ISSUER);
			}
			catch (JOSEException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return instance;
	}

	/**
	 * Tokens of another issuer, with its own key and key set.
	 * @param issuer the issuer's {@code iss}
	 * @return the issuer's tokens
	 */
	public static synchronized TestTokens issuer(String issuer) {
		return others.computeIfAbsent(issuer, (name) -> {
			try {
				return new TestTokens(name);
			}
			catch (JOSEException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	public String issuer() {
		return this.issuer;
	}

	/**
	 * The public key, for attacks that misuse it (HS256 signed with it).
	 * @return the public key
	 */
	public RSAKey publicKey() {
		return this.key.toPublicJWK();
	}

	/**
	 * The claims of an otherwise valid token, for tests that change some.
	 * @param clientId the client
	 * @param scope its scopes, space separated
	 * @return the claims builder
	 */
	public JWTClaimsSet.Builder claims(String clientId, String scope) {
		return new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(AUDIENCE)
			.subject(clientId)
			.claim("client_id", clientId)
			.claim("scope", scope)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
	}

	/**
	 * Signs claims with this issuer's key.
	 * @param claims the claims
	 * @return the compact JWS
	 */
	public String signed(JWTClaimsSet claims) {
		return sign(claims);
	}

	/**
	 * Signs claims with this issuer's key but names another key id in the header.
	 * @param claims the claims
	 * @param keyId the key id to name
	 * @return the compact JWS
	 */
	public String signedNaming(JWTClaimsSet claims, String keyId) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Where this issuer lists revoked clients and rotated secrets.
	 * @return the URI of the list
	 */
	public String revocationsUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/revocations";
	}

	/**
	 * Lists a client as revoked, as identity does when its registrar revokes it.
	 * @param clientId the client
	 */
	public void revoke(String clientId) {
		this.revoked.add(clientId);
	}

	/**
	 * Lists a client's current credential generation, as identity does when its secret is
	 * rotated: tokens of lower generations are no longer good.
	 * @param clientId the client
	 * @param generation its current generation
	 */
	public void rotate(String clientId, long generation) {
		this.generations.put(clientId, generation);
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
	}

	/**
	 * A token of a client.
	 * @param clientId the client
	 * @param scope its scopes, space separated
	 * @param plants its plants
	 * @return the signed token
	 */
	public String token(String clientId, String scope, List<String> plants) {
		return sign(new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(AUDIENCE)
			.subject(clientId)
			.claim("client_id", clientId)
			.claim("scope", scope)
			.claim("plants", plants)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build());
	}

	/**
	 * A token with the given claims changed, for attacks.
	 * @param scope the scopes of the otherwise valid token, space separated
	 * @param overrides claim name to value; a null value removes the claim
	 * @return the signed token
	 */
	public String tokenWith(String scope, Map<String, Object> overrides) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(AUDIENCE)
			.subject("mes-plant-1000")
			.claim("client_id", "mes-plant-1000")
			.claim("scope", scope)
			.claim("plants", List.of("1000"))
			.expirationTime(Date.from(Instant.now().plusSeconds(300)));
		overrides.forEach(claims::claim);
		return sign(claims.build());
	}

	private String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
