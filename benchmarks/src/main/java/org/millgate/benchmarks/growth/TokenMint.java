package org.millgate.benchmarks.growth;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens of many distinct clients, signed RS256 by a key of its own as an enterprise
 * identity provider signs them: each client may read shipments of plant 1000 on plan
 * {@code plant-standard}. Writes the key set (for the gateway to trust, served by the
 * bench's nginx) and one token per line.
 * <p>
 * Arguments: the issuer ({@code iss}), how many clients, the directory to write
 * {@code jwks.json} and {@code tokens.txt} to, and how long the tokens are valid, in
 * minutes (120 unless given).
 */
public final class TokenMint {

	private TokenMint() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			throw new IllegalArgumentException("Usage: TokenMint <issuer> <clients> <directory> [minutes]");
		}
		String issuer = args[0];
		int clients = Integer.parseInt(args[1]);
		Path directory = Files.createDirectories(Path.of(args[2]));
		Duration valid = Duration.ofMinutes((args.length > 3) ? Long.parseLong(args[3]) : 120);
		RSAKey key = new RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).generate();
		Files.writeString(directory.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
		RSASSASigner signer = new RSASSASigner(key);
		Instant now = Instant.now();
		List<String> tokens = IntStream.range(0, clients)
			.parallel()
			.mapToObj((i) -> sign(signer, key.getKeyID(), issuer, String.format("bench-client-%06d", i), now, valid))
			.toList();
		try (BufferedWriter out = Files.newBufferedWriter(directory.resolve("tokens.txt"), StandardCharsets.US_ASCII)) {
			for (String token : tokens) {
				out.write(token);
				out.write('\n');
			}
		}
		System.out.printf("%d tokens of %s, valid %d minutes, in %s%n", clients, issuer, valid.toMinutes(),
				directory.resolve("tokens.txt"));
	}

	private static String sign(RSASSASigner signer, String keyId, String issuer, String client, Instant now,
			Duration valid) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience("millgate-api")
			.subject(client)
			.claim("client_id", client)
			.claim("scope", "shipments:read")
			.claim("plants", List.of("1000"))
			.claim("plan", "plant-standard")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(valid)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing the token of " + client + " failed", ex);
		}
		return jwt.serialize();
	}

}
