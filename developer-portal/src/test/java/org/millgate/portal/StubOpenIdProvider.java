package org.millgate.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for a company's OpenID provider shaped as Keycloak (a realm's token
 * and certs endpoints), on a free port: it redeems any code for an ID token signed with
 * its own RSA key and carrying the claims a test sets, so that the portal's real sign-in
 * (code exchange, signature, issuer, audience, nonce, roles) runs against it.
 */
final class StubOpenIdProvider implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final RSAKey key;

	private final AtomicReference<Map<String, Object>> nextClaims = new AtomicReference<>(Map.of());

	StubOpenIdProvider() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("stub").generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/realms/plants/protocol/openid-connect/", this::handle);
		this.server.start();
	}

	/** The realm's issuer, as Keycloak names it. */
	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/realms/plants";
	}

	String endpoint(String name) {
		return issuer() + "/protocol/openid-connect/" + name;
	}

	/**
	 * The claims of the next ID token besides audience and times ({@code iss},
	 * {@code sub}, {@code nonce} and the rest, as the test wants them).
	 */
	void nextIdToken(Map<String, Object> claims) {
		this.nextClaims.set(claims);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.endsWith("/certs")) {
				respond(exchange, new JWKSet(this.key.toPublicJWK()).toJSONObject());
			}
			else if (path.endsWith("/token") && "POST".equals(exchange.getRequestMethod())) {
				respond(exchange, Map.of("access_token", "stub-access-token", "token_type", "Bearer", "expires_in", 300,
						"scope", "openid profile", "id_token", idToken()));
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	private String idToken() {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience("developer-portal")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
		this.nextClaims.get().forEach(claims::claim);
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stub").build(),
				claims.build());
		try {
			token.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return token.serialize();
	}

	private static void respond(HttpExchange exchange, Map<String, ?> body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(new LinkedHashMap<>(body));
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
